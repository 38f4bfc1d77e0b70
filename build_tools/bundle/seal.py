"""The bundle's integrity marks (:mod:`build_tools.integrity`): the manifest's root
digest and the signature box on the cover, and signing the written file.

A signed bundle is never changed in place. A rebuild whose inputs are
unchanged keeps it (with or without ``--sign``), provided its signature is
intact and nothing was appended after it; otherwise the bundle is rebuilt.
Asked to sign an unchanged unsigned bundle, the signature goes onto a copy
that then replaces it; a changed bundle is written and signed as a new file.
"""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.bundle.pages import GREY, PageWriter
from build_tools.core import atomic
from build_tools.integrity.pdfmarks import COVER_LABEL, SignatureBox
from build_tools.integrity.sign import SigningKey, SignResult, sign_pdf
from build_tools.integrity.signatures import intact_signature, is_signed

FOOT = 10  # mm from the cover's bottom edge (the cover carries no stamp)
BOX = (80, 24)  # mm: the signature field at its full height
MIN_BOX = 16  # mm: the least height kept when the cover is long
CAPTION = 5  # mm above the box
GAP = 6  # mm between the box and the digest column


def cover_block(w: PageWriter, root_digest: str) -> SignatureBox:
    """Draw, at the foot of the cover, an empty signature box and beside it the manifest's root digest."""
    floor = w.h - FOOT
    room = floor - (w.get_y() + 2)
    if room < CAPTION + MIN_BOX:
        w.add_page()
        room = floor - w.get_y()
    height = min(BOX[1], room - CAPTION)
    top = floor - CAPTION - height
    column = w.l_margin + BOX[0] + GAP
    width = w.w - w.r_margin - column
    y = top
    w.set_font("B", 8)
    w.set_text_color(*GREY)
    for line in w.wrap(COVER_LABEL, width):
        w.text_line(column, y, 4, line)
        y += 4
    w.set_font("", 8.5)
    w.set_text_color(0, 0, 0)
    for part in (root_digest[:32], root_digest[32:]):
        w.text_line(column, y, 4.4, part)
        y += 4.4
    w.set_font("", 7)
    w.set_text_color(*GREY)
    for line in w.wrap("Manifes bukti lengkap terlampir di bundel ini (manifest.json). Periksa dengan: "
                       "python -m build_tools verify BUNDEL.pdf", width):
        w.text_line(column, y, 3.4, line)
        y += 3.4
    w.set_font("B", 8)
    w.text_line(w.l_margin, top, 4, "Tanda tangan elektronik (TTE)")
    x, box_top = w.l_margin, top + CAPTION
    w.rect(x, box_top, BOX[0], height, gray=200)
    pt = 72 / 25.4
    return SignatureBox(w.page_no() - 1, (round(x * pt, 2), round((w.h - box_top - height) * pt, 2),
                                          round((x + BOX[0]) * pt, 2), round((w.h - box_top) * pt, 2)))


def keep(out: Path, key: SigningKey | None) -> str | None:
    """For a bundle whose inputs are unchanged: what keeping it means, or None to rebuild it.

    Returns the report line ("" for an unsigned bundle kept unsigned). A signed
    bundle whose signature is broken or followed by an update is rebuilt.
    """
    if is_signed(out):
        status = intact_signature(out)
        if status is None:
            return None
        return signature_line(SignResult(status.signer_name, status.signed_at, status.timestamp is not None),
                              kept=True)
    if key is None:
        return ""
    with atomic.staged_file(out) as tmp:  # a signed copy replaces the unsigned file
        result = sign_pdf(out, tmp, key)
    return signature_line(result, kept=False)


def sign_written(tmp: Path, key: SigningKey) -> str:
    """Sign a just-written (not yet published) bundle file; returns the report line."""
    signed = tmp.with_name(tmp.name + ".signed")  # in the same private workspace as ``tmp``
    try:
        result = sign_pdf(tmp, signed, key)
        os.replace(signed, tmp)
    finally:
        signed.unlink(missing_ok=True)
    return signature_line(result, kept=False)


def signature_line(result: SignResult, kept: bool) -> str:
    when = result.signed_at.strftime("%Y-%m-%d %H:%M:%S %z") if result.signed_at else "?"
    if kept:
        return f"  ditandatangani oleh {result.signer} pada {when}; tanda tangan tetap (bundel tidak berubah)"
    stamp = ", dengan cap waktu RFC 3161" if result.timestamped else ""
    line = f"  ditandatangani oleh {result.signer} pada {when}{stamp}"
    return line + (f"\n  PERHATIAN: {result.note}" if result.note else "")
