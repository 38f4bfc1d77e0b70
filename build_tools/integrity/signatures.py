"""The signatures of a PDF as a reviewer needs them: intact, covering the whole
file, who signed, when, and (with trust anchors) whether the signer's chain
leads to a trusted CA. pyHanko does the cryptography; nothing is fetched from
the network (no OCSP, no CRL, no certificate download).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

for _name in ("pyhanko", "pyhanko_certvalidator"):
    # pyHanko logs validation failures with tracebacks; the report says it instead.
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

COVERAGE = {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "entire_revision",
            "CONTIGUOUS_BLOCK_FROM_START": "contiguous_block", "UNCLEAR": "unclear"}


@dataclass(frozen=True)
class SignatureStatus:
    """One embedded signature, checked."""

    field: str
    signer: str
    """The signer certificate's subject, e.g. ``Common Name: Budi, Organization: …``."""
    signer_name: str
    """Its common name (or the whole subject)."""
    issuer: str
    signed_at: dt.datetime | None
    """The signing time the signer's computer wrote (not proof of time)."""
    timestamp: dt.datetime | None
    """The time of an RFC 3161 timestamp, when there is one."""
    intact: bool
    """The signed bytes are unchanged (document digest matches)."""
    valid: bool
    """The cryptographic signature over them verifies with the certificate's key."""
    coverage: str
    """``entire_file`` (nothing after it), ``entire_revision`` (a later update), …"""
    trusted: bool | None
    """None: no trust anchors given; True/False: the chain to them validated or not."""
    trust_problem: str = ""

    @property
    def whole_file(self) -> bool:
        return self.coverage == "entire_file"


@dataclass(frozen=True)
class PdfSignatures:
    signatures: tuple[SignatureStatus, ...]
    revisions: int
    """Number of revisions (1 = the file as first saved; each incremental update adds one)."""


class SignatureReadError(ValueError):
    """The file cannot be read as a PDF by the signature reader."""


def read_signatures(path: Path, trust_roots: Sequence | None = None) -> PdfSignatures:
    """Check every signature of the PDF at ``path`` (``trust_roots``: asn1crypto certificates)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open(path, "rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            revisions = reader.xrefs.total_revisions
            embedded = reader.embedded_signatures
            statuses = tuple(_check(sig, trust_roots) for sig in embedded)
    except (PdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise SignatureReadError(str(exc) or type(exc).__name__) from None
    except Exception as exc:  # noqa: BLE001 - a hostile file may trip anything inside pyHanko's reader
        raise SignatureReadError(f"{type(exc).__name__}: {exc}") from None
    return PdfSignatures(statuses, revisions)


def _check(sig, trust_roots: Sequence | None) -> SignatureStatus:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=list(trust_roots or []), allow_fetching=False,
                                revocation_mode="soft-fail")
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    try:
        status = validate_pdf_signature(sig, signer_validation_context=context, key_usage_settings=usage,
                                        skip_diff=True)
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many types on a damaged signature
        return SignatureStatus(field=str(sig.field_name or ""), signer="", signer_name="", issuer="",
                               signed_at=None, timestamp=None, intact=False, valid=False, coverage="unclear",
                               trusted=False if trust_roots else None,
                               trust_problem=f"tanda tangan tidak dapat diperiksa ({type(exc).__name__})")
    cert = status.signing_cert
    subject = cert.subject.human_friendly if cert is not None else ""
    name = _common_name(cert) or subject
    ts = status.timestamp_validity
    trusted = None
    problem = ""
    if trust_roots:
        trusted = bool(status.trusted)
        if not trusted:
            problem = "rantai sertifikat penanda tangan tidak sampai ke CA yang dipercaya (--trust)"
    return SignatureStatus(
        field=str(sig.field_name or ""), signer=subject, signer_name=name,
        issuer=cert.issuer.human_friendly if cert is not None else "",
        signed_at=status.signer_reported_dt, timestamp=ts.timestamp if ts is not None else None,
        intact=bool(status.intact), valid=bool(status.valid),
        coverage=COVERAGE.get(status.coverage.name if status.coverage else "UNCLEAR", "unclear"),
        trusted=trusted, trust_problem=problem)


def _common_name(cert) -> str:
    if cert is None:
        return ""
    try:
        return str(cert.subject.native.get("common_name", "") or "")
    except (AttributeError, ValueError):
        return ""


def is_signed(path: Path) -> bool:
    """Whether the PDF has a signature field with a value (cheap: no hashing)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            form = pdf.Root.get("/AcroForm")
            fields = form.get("/Fields") if isinstance(form, pikepdf.Dictionary) else None
            return any(isinstance(f, pikepdf.Dictionary) and str(f.get("/FT", "")) == "/Sig" and "/V" in f
                       for f in (fields or []))
    except (pikepdf.PdfError, OSError, ValueError):
        return False


def intact_signature(path: Path) -> SignatureStatus | None:
    """The last signature when the file is signed, unchanged, and nothing follows it; else None."""
    try:
        found = read_signatures(path)
    except SignatureReadError:
        return None
    if not found.signatures:
        return None
    last = found.signatures[-1]
    ok = all(s.intact and s.valid for s in found.signatures) and last.whole_file
    return last if ok else None
