"""PAdES baseline signatures with a unit's PKCS#12 certificate (BSrE TTE).

``load_signing_key(p12, tsa)`` reads the certificate file with its password
(``ZI_SIGN_PASSWORD``, else asked for on the terminal, never echoed) and
fails early with a plain message: wrong password, not a PKCS#12 file,
expired certificate, no password available (e.g. in CI without the secret).

``sign_pdf(source, target, key)`` appends one incremental update to a copy of
``source``: a visible signature field (who signed and when) at the box the
bundle recorded, the CAdES detached signature (``/ETSI.CAdES.detached``), and
an RFC 3161 timestamp from ``--tsa`` when that server answers; when it does
not, the file is signed without one and the result says so.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import getpass
import hashlib
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.core.errors import OutputError, UsageError
from build_tools.integrity import signatures as _signatures  # noqa: F401 - quiets pyHanko's loggers
from build_tools.integrity.pdfmarks import BOX_KEY, SignatureBox

PASSWORD_ENV = "ZI_SIGN_PASSWORD"
FIELD_NAME = "TTE"
MAX_P12_BYTES = 1 << 20
DEFAULT_BOX = SignatureBox(0, (56.7, 56.7, 340.2, 141.7))
APPEARANCE = ("Ditandatangani secara elektronik oleh:\n%(signer)s\n"
              "Waktu: %(ts)s\n%(stamp)s")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"


@dataclass(frozen=True)
class SigningKey:
    """A loaded PKCS#12 key and certificate, with the timestamp server to ask."""

    signer: object = field(repr=False)
    """pyHanko ``SimpleSigner``."""
    subject: str
    name: str
    cert_sha256: str
    not_after: dt.datetime
    tsa: str | None = None


@dataclass(frozen=True)
class SignResult:
    signer: str
    signed_at: dt.datetime
    timestamped: bool
    note: str = ""
    """Why there is no timestamp although one was asked for."""


def read_password(env: Mapping[str, str] | None = None, *, interactive: bool | None = None,
                  prompt: Callable[[str], str] = getpass.getpass, what: str = "") -> bytes | None:
    """The certificate password: ``ZI_SIGN_PASSWORD``, else asked for on a terminal."""
    env = os.environ if env is None else env
    if PASSWORD_ENV in env:
        value = env[PASSWORD_ENV]
        return value.encode("utf-8") if value else None
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise UsageError(f"kata sandi berkas sertifikat tidak tersedia: isi variabel lingkungan {PASSWORD_ENV} "
                         "(di CI: dari secret) atau jalankan perintah ini di terminal agar kata sandi ditanyakan")
    try:
        value = prompt(f"Kata sandi berkas sertifikat {what}: ")
    except (EOFError, OSError):
        raise UsageError("kata sandi berkas sertifikat tidak dapat dibaca dari terminal") from None
    return value.encode("utf-8") if value else None


def load_signing_key(p12: Path, tsa: str | None = None, *, password: bytes | None = None,
                     ask: bool = True, now: dt.datetime | None = None) -> SigningKey:
    """Load ``p12`` (password from :func:`read_password` unless given); raises :class:`UsageError`."""
    from pyhanko.sign.signers import SimpleSigner

    p12 = Path(p12)
    try:
        if p12.stat().st_size > MAX_P12_BYTES:
            raise UsageError(f"{p12}: terlalu besar untuk berkas sertifikat PKCS#12 (.p12/.pfx)")
        data = p12.read_bytes()
    except OSError as exc:
        raise UsageError(f"{p12}: berkas sertifikat tidak dapat dibaca ({exc.strerror})") from None
    if password is None and ask:
        password = read_password(what=p12.name)
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password)
    except (ValueError, TypeError):
        raise UsageError(f"{p12}: kata sandi salah atau bukan berkas sertifikat PKCS#12 (.p12/.pfx)") from None
    cert = signer.signing_cert
    if cert is None or signer.signing_key is None:
        raise UsageError(f"{p12}: berkas tidak memuat sertifikat beserta kunci privatnya")
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    now = now or dt.datetime.now(dt.timezone.utc)
    if now > not_after:
        raise UsageError(f"{p12}: sertifikat kedaluwarsa sejak {not_after:%Y-%m-%d}; minta sertifikat baru ke BSrE")
    if now < not_before:
        raise UsageError(f"{p12}: sertifikat baru berlaku mulai {not_before:%Y-%m-%d}")
    name = str(cert.subject.native.get("common_name", "") or cert.subject.human_friendly)
    return SigningKey(signer=signer, subject=cert.subject.human_friendly, name=name,
                      cert_sha256=hashlib.sha256(cert.dump()).hexdigest(), not_after=not_after, tsa=tsa)


def sign_pdf(source: Path, target: Path, key: SigningKey, *,
             reason: str = "Bundel bukti Zona Integritas") -> SignResult:
    """Write to ``target`` a copy of ``source`` with one signature appended (``target`` ≠ ``source``)."""
    timestamper, note = (None, "")
    if key.tsa:
        timestamper, note = reachable_timestamper(key.tsa)
    try:
        _sign(Path(source), Path(target), key, timestamper, reason)
    except OSError as exc:
        raise OutputError(f"{target}: tidak dapat ditulis ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 - pyHanko's errors on an odd file or key, said in one line
        raise OutputError(f"{source}: penandatanganan gagal ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    return SignResult(signer=key.name, signed_at=signing_time(Path(target)) or dt.datetime.now(dt.timezone.utc),
                      timestamped=timestamper is not None, note=note)


def _sign(source: Path, target: Path, key: SigningKey, timestamper, reason: str) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
    from pyhanko.stamp import TextStampStyle

    with open(source, "rb") as handle, open(target, "w+b") as out:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        box = _box(writer)
        meta = PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256", reason=reason,
                                    subfilter=fields.SigSeedSubFilter.PADES)
        style = TextStampStyle(stamp_text=APPEARANCE, timestamp_format=TIME_FORMAT)
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=box.page, box=box.rect)
        signer = PdfSigner(meta, signer=key.signer, timestamper=timestamper, stamp_style=style,
                           new_field_spec=spec)
        stamp = "Cap waktu RFC 3161: ada" if timestamper is not None else "Tanpa cap waktu RFC 3161"
        # ``ts`` (the signing time written in the signature) is filled in by pyHanko.
        signer.sign_pdf(writer, output=out, appearance_text_params={"signer": _winansi(key.name), "stamp": stamp})


def signing_time(path: Path) -> dt.datetime | None:
    """The ``/M`` time of the last signature field's value (read without hashing the file)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            form = pdf.Root.get("/AcroForm")
            for f in reversed(list(form.get("/Fields", [])) if isinstance(form, pikepdf.Dictionary) else []):
                value = f.get("/V") if isinstance(f, pikepdf.Dictionary) else None
                if isinstance(value, pikepdf.Dictionary) and "/M" in value:
                    return _pdf_date(str(value.M))
    except (pikepdf.PdfError, OSError, ValueError):
        return None
    return None


def _pdf_date(text: str) -> dt.datetime | None:
    """``D:20261201074135+00'00'`` → an aware datetime."""
    raw = text[2:] if text.startswith("D:") else text
    try:
        base = dt.datetime.strptime(raw[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    rest = raw[14:].replace("'", "")
    if rest[:1] in ("+", "-") and len(rest) >= 5:
        sign = 1 if rest[0] == "+" else -1
        offset = dt.timedelta(hours=int(rest[1:3]), minutes=int(rest[3:5]))
        return base.replace(tzinfo=dt.timezone(sign * offset))
    return base.replace(tzinfo=dt.timezone.utc)


def _box(writer) -> SignatureBox:
    """The signature box the bundle recorded in its metadata, else a default on page 1."""
    try:
        info = writer.trailer["/Info"]
        box = SignatureBox.parse(str(info.get(str(BOX_KEY), ""))) if info is not None else None
    except (KeyError, TypeError, ValueError):
        box = None
    return box or DEFAULT_BOX


def _winansi(text: str) -> str:
    """The signer's name in the appearance's standard font (accents folded, others as '?')."""
    folded = unicodedata.normalize("NFKD", text)
    out = []
    for ch in folded:
        if unicodedata.combining(ch):
            continue
        out.append(ch if 32 <= ord(ch) < 127 else "?")
    return "".join(out)


def reachable_timestamper(url: str, timeout: float = 10):
    """An RFC 3161 client for ``url`` when the server answers a probe, else (None, why not)."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    timestamper = HTTPTimeStamper(url, timeout=timeout)
    try:
        asyncio.run(timestamper.async_dummy_response("sha256"))
    except Exception as exc:  # noqa: BLE001 - network, HTTP and TSP errors alike
        causes = [exc, exc.__cause__] if exc.__cause__ is not None else [exc]
        reason = ": ".join((str(e).strip().splitlines() or [type(e).__name__])[0][:160] for e in causes)
        return None, (f"server cap waktu {url} tidak dapat dihubungi atau tidak menjawab ({reason}); "
                      "bundel ditandatangani tanpa cap waktu RFC 3161")
    return timestamper, ""
