"""How a bundle carries its manifest: the embedded ``manifest.json``, the root
digest in the document information, the text on the cover, and where the
visible signature field goes.

The bundle writes these marks (:func:`seal_pdf`); ``verify`` reads them back
(:func:`read_marks`) without knowing anything else about how a bundle is made.
Reading is bounded: the embedded file is inflated at most to
:data:`build_tools.integrity.manifest.MAX_BYTES`.
"""

from __future__ import annotations

import io
import re
import warnings
import zlib
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from build_tools.integrity.manifest import FILE_NAME, MAX_BYTES, Manifest

ATTACHMENT = FILE_NAME
DIGEST_KEY = Name("/ZIManifestRootDigest")
BOX_KEY = Name("/ZISignatureBox")
COVER_LABEL = "Root digest manifes bukti (SHA-256)"
"""The cover line just above the digest; ``verify`` finds the digest after it."""
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature field goes: a page (0-based) and a rectangle in PDF points."""

    page: int
    rect: tuple[float, float, float, float]
    """x1, y1, x2, y2, origin bottom left."""

    def text(self) -> str:
        return " ".join([str(self.page), *(f"{v:.2f}" for v in self.rect)])

    @classmethod
    def parse(cls, text: str) -> "SignatureBox | None":
        parts = str(text).split()
        try:
            page, *rect = int(parts[0]), *(float(p) for p in parts[1:])
        except (ValueError, IndexError):
            return None
        if len(rect) != 4 or page < 0 or rect[0] >= rect[2] or rect[1] >= rect[3]:
            return None
        return cls(page, (rect[0], rect[1], rect[2], rect[3]))


def seal_pdf(pdf: pikepdf.Pdf, manifest: Manifest, box: SignatureBox | None) -> None:
    """Embed ``manifest`` and record its root digest (and the signature box) in ``pdf``'s metadata."""
    pdf.attachments[ATTACHMENT] = pikepdf.AttachedFileSpec(
        pdf, manifest.to_bytes(), filename=ATTACHMENT, mime_type="application/json",
        description=f"Manifes bukti ({manifest.audience}); root digest {manifest.root_digest}")
    pdf.docinfo[DIGEST_KEY] = pikepdf.String(manifest.root_digest)
    if box is not None:
        pdf.docinfo[BOX_KEY] = pikepdf.String(box.text())


@dataclass(frozen=True)
class PdfMarks:
    """What a bundle says about its manifest (None: absent)."""

    manifest: bytes | None
    manifest_problem: str
    metadata_digest: str | None
    cover_digest: str | None
    box: SignatureBox | None


def read_marks(pdf: pikepdf.Pdf) -> PdfMarks:
    info = pdf.docinfo if Name.Info in pdf.trailer else {}
    digest = info.get(DIGEST_KEY)
    box = info.get(BOX_KEY)
    data, problem = _embedded(pdf)
    return PdfMarks(manifest=data, manifest_problem=problem,
                    metadata_digest=str(digest) if digest is not None else None,
                    cover_digest=_cover_digest(pdf), box=SignatureBox.parse(str(box)) if box is not None else None)


def _embedded(pdf: pikepdf.Pdf) -> tuple[bytes | None, str]:
    """The embedded manifest's bytes (inflated within the bound), or why not."""
    try:
        spec = pdf.attachments.get(ATTACHMENT)
    except (pikepdf.PdfError, KeyError, TypeError, ValueError):
        return None, "daftar lampiran PDF rusak"
    if spec is None:
        return None, f"tidak ada lampiran {ATTACHMENT}"
    try:
        stream = spec.obj.EF.F
        raw = stream.read_raw_bytes()
        filters = stream.get(Name.Filter)
    except (AttributeError, KeyError, pikepdf.PdfError):
        return None, f"lampiran {ATTACHMENT} rusak"
    if len(raw) > MAX_BYTES:
        return None, f"lampiran {ATTACHMENT} terlalu besar"
    names = [str(f) for f in (filters if isinstance(filters, pikepdf.Array) else [filters] if filters else [])]
    if names == []:
        return raw, ""
    if names != ["/FlateDecode"]:
        return None, f"lampiran {ATTACHMENT} memakai filter yang tidak didukung ({', '.join(names)})"
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, MAX_BYTES + 1)
    except zlib.error:
        return None, f"lampiran {ATTACHMENT} rusak (kompresi)"
    if len(data) > MAX_BYTES or inflater.unconsumed_tail:
        return None, f"lampiran {ATTACHMENT} terlalu besar"
    return data, ""


def _cover_digest(pdf: pikepdf.Pdf) -> str | None:
    """The 64-hex digest printed after :data:`COVER_LABEL` on the first page."""
    if len(pdf.pages) == 0:
        return None
    single = pikepdf.new()
    try:
        with warnings.catch_warnings():
            # Only the page's text is wanted; a signature widget it carries may be left behind.
            warnings.simplefilter("ignore")
            single.pages.append(pdf.pages[0])
            buf = io.BytesIO()
            single.save(buf)
    except pikepdf.PdfError:
        return None
    finally:
        single.close()
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text() or ""
    except Exception:  # noqa: BLE001 - pypdf raises many types on odd pages
        return None
    at = text.find(COVER_LABEL)
    if at < 0:
        return None
    found = _HEX64.match("".join(text[at + len(COVER_LABEL):].split())[:64])
    return found.group(0) if found else None
