"""Throwaway certificates and a local RFC 3161 timestamp server for the signing tests.

Everything is made at run time with ``cryptography``: a CA, a signer certificate
issued by it (delivered as PKCS#12, like a BSrE certificate file), a second
unrelated CA, and a TSA certificate. The timestamp server is pyHanko's own
test TSA behind a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "sandi-uji-123"
SIGNER = "Budi Santoso"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Instansi Uji"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _usage(**on) -> x509.KeyUsage:
    keys = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
            "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{k: on.get(k, False) for k in keys})


def _cert(subject: str, key, issuer: x509.Name, issuer_key, *, ca: bool, days: tuple[int, int] = (-1, 30),
          eku=None) -> x509.Certificate:
    now = dt.datetime.now(dt.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + dt.timedelta(days=days[0])).not_valid_after(now + dt.timedelta(days=days[1]))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
    else:
        builder = builder.add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass(frozen=True)
class Pki:
    ca_pem: Path
    other_ca_pem: Path
    p12: Path
    expired_p12: Path
    tsa_cert: x509.Certificate
    tsa_key: object
    ca_cert: x509.Certificate


def make_pki(folder: Path, signer: str = SIGNER) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("CA Uji Sementara", ca_key, _name("CA Uji Sementara"), ca_key, ca=True)
    other_key = ec.generate_private_key(ec.SECP256R1())
    other = _cert("CA Lain", other_key, _name("CA Lain"), other_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert(signer, key, ca.subject, ca_key, ca=False)
    old_key = ec.generate_private_key(ec.SECP256R1())
    old = _cert(signer, old_key, ca.subject, ca_key, ca=False, days=(-60, -1))
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA is RSA-only
    tsa = _cert("TSA Uji", tsa_key, ca.subject, ca_key, ca=False, eku=ExtendedKeyUsageOID.TIME_STAMPING)
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "ca-lain.pem").write_bytes(other.public_bytes(pem))
    encryption = serialization.BestAvailableEncryption(PASSWORD.encode())
    (folder / "tte.p12").write_bytes(pkcs12.serialize_key_and_certificates(b"tte", key, cert, [ca], encryption))
    (folder / "kedaluwarsa.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(b"tte", old_key, old, [ca], encryption))
    return Pki(folder / "ca.pem", folder / "ca-lain.pem", folder / "tte.p12", folder / "kedaluwarsa.p12",
               tsa, tsa_key, ca)


class TimestampServer:
    """An RFC 3161 server on 127.0.0.1 (pyHanko's test TSA answering real HTTP requests)."""

    def __init__(self, pki: Pki) -> None:
        from asn1crypto import tsp
        from asn1crypto import x509 as asn1_x509
        from pyhanko.keys import load_private_key_from_pemder_data
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = pki.tsa_cert.public_bytes(serialization.Encoding.DER)
        key_pem = pki.tsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption())
        ca = asn1_x509.Certificate.load(pki.ca_cert.public_bytes(serialization.Encoding.DER))
        stamper = DummyTimeStamper(tsa_cert=asn1_x509.Certificate.load(der),
                                   tsa_key=load_private_key_from_pemder_data(key_pem, None),
                                   certs_to_embed=SimpleCertificateStore.from_certs([ca]))
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(response)))
                self.end_headers()
                self.wfile.write(response)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "TimestampServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flip_byte_in_page_content(pdf_path: Path, page: int) -> int:
    """Flip one byte inside the data of the first content stream of ``page``; returns its offset."""
    import re

    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        contents = pdf.pages[page].obj.Contents
        stream = contents[0] if isinstance(contents, pikepdf.Array) else contents
        number = stream.objgen[0]
    data = bytearray(pdf_path.read_bytes())
    head = re.search(rb"(?<![0-9])%d 0 obj" % number, data)
    assert head is not None, "content stream not found as a top-level object"
    start = data.index(b"stream", head.end()) + len(b"stream")
    start += 2 if data[start:start + 2] == b"\r\n" else 1
    offset = start + 5
    data[offset] ^= 0x01
    pdf_path.write_bytes(bytes(data))
    return offset


def append_incremental_update(pdf_path: Path) -> None:
    """Append a real incremental update (the catalog's language changed) after the last revision."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(pdf_path, "r+b") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        writer.root["/Lang"] = generic.TextStringObject("en-US")
        writer.update_root()
        writer.write_in_place()


AS_OF = "2021-01-31"
SECRET = "SKP Budi Santoso NIP 198001012005011001.pdf"


def make_unit(root: Path) -> Path:
    """A small unit (shipped plan, evidence for six codes, one restricted file, reviews and a survey)."""
    import shutil

    from build_tools.plan.loader import load_plan
    from build_tools.unit.samples import populate, write_pdf

    repo = Path(__file__).resolve().parent.parent
    (root / "evidence").mkdir(parents=True)
    shutil.copy(repo / "plan.yaml", root / "plan.yaml")
    plan = load_plan(root / "plan.yaml")
    populate(root, plan, codes=list(plan.codes[:6]))
    folder = evidence_folder(root, plan.codes[0])
    write_pdf(folder / SECRET, "RAHASIA data pribadi", pages=2)
    (folder / "_akses.yaml").write_text(f'berkas:\n  "{SECRET}": terbatas\n', encoding="utf-8")
    (root / "reviews.yaml").write_text(f"{plan.codes[1]}:\n  putusan: diterima\n  penilai: Sari\n", encoding="utf-8")
    (root / "survei" / "persepsi_korupsi").mkdir(parents=True)
    (root / "survei" / "persepsi_korupsi" / "2020.csv").write_text(
        "no;kejelasan_biaya;percaloan;imbalan;komisi;kkn\n1;4;4;3;4;4\n2;3;4;4;4;3\n", encoding="utf-8")
    (root / "catatan tim.txt").write_text("bukan masukan", encoding="utf-8")
    return root


def evidence_folder(root: Path, code: str) -> Path:
    return next(p for p in (root / "evidence").iterdir() if p.name.split()[0] == code)
