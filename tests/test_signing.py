"""Signed bundles: a throwaway CA and signer made at run time, signing through the
CLI, ``verify`` on the result and on tampered copies, poppler reading it, the
password sources, RFC 3161 timestamps, and rebuilds that never rewrite a signed
file in place."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO, tree_digest
from integrity_support import (
    AS_OF,
    PASSWORD,
    SIGNER,
    TimestampServer,
    append_incremental_update,
    evidence_folder,
    flip_byte_in_page_content,
    free_port,
    make_pki,
    make_unit,
)

from build_tools import cli
from build_tools.unit.samples import write_pdf


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def verify_json(capsys, *args) -> tuple[int, dict]:
    code, out, _ = run(capsys, "verify", *args, "--format", "json")
    return code, json.loads(out)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def signed(tmp_path_factory, pki) -> dict:
    """A unit and its reviewer bundle, signed once through the CLI (password from the environment)."""
    work = tmp_path_factory.mktemp("signed")
    root = make_unit(work / "unit")
    out = work / "bundel-penilai.pdf"
    os.environ["ZI_SIGN_PASSWORD"] = PASSWORD
    try:
        before = tree_digest(root / "evidence")
        started = time.perf_counter()
        assert cli.main(["bundle", "--root", str(root), "--as-of", AS_OF, "--audience", "penilai",
                         "--out", str(out), "--sign", str(pki.p12)]) == 0
        seconds = time.perf_counter() - started
    finally:
        del os.environ["ZI_SIGN_PASSWORD"]
    assert tree_digest(root / "evidence") == before
    return {"root": root, "pdf": out, "work": work, "seconds": seconds}


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("ZI_SIGN_PASSWORD", PASSWORD)


def test_signed_bundle_verifies(signed, capsys, pki) -> None:
    code, out, err = run(capsys, "verify", signed["pdf"], "--root", signed["root"])
    assert code == 0, out + err
    assert "UTUH, mencakup seluruh berkas" in out and f"penanda tangan: {SIGNER}" in out
    assert "penanda tangan TIDAK divalidasi (tanpa --trust)" in out and "HASIL: COCOK" in out
    code, report = verify_json(capsys, signed["pdf"])
    [sig] = report["signatures"]
    assert code == 0 and sig["intact"] and sig["valid"] and sig["whole_file"] and sig["trusted"] is None
    assert sig["signer_name"] == SIGNER and sig["signed_at"] and report["revisions"] == 2
    assert report["digests"]["cover"] == report["digests"]["recomputed"] == report["manifest"]["root_digest"]


def test_trust_anchor_validates_the_chain(signed, capsys, pki) -> None:
    code, report = verify_json(capsys, signed["pdf"], "--trust", pki.ca_pem)
    assert code == 0 and report["signatures"][0]["trusted"] is True and report["trust"] == str(pki.ca_pem)
    code, report = verify_json(capsys, signed["pdf"], "--trust", pki.other_ca_pem)
    assert code == 1 and [f["kind"] for f in report["findings"]] == ["signer_untrusted"]
    code, out, _ = run(capsys, "verify", signed["pdf"], "--trust", pki.other_ca_pem)
    assert "rantai sertifikat: TIDAK SAH" in out
    # pyHanko logs the failed path with a traceback; the command prints none of it.
    result = _cli(["verify", str(signed["pdf"]), "--trust", str(pki.other_ca_pem)], dict(os.environ))
    assert result.returncode == 1 and result.stderr == "" and "TIDAK SAH" in result.stdout


def _flip(path: Path, root: Path) -> None:
    with pikepdf.open(path) as pdf:
        page = next(n for n, p in enumerate(pdf.pages) if n > 2 and "/Contents" in p.obj)
    flip_byte_in_page_content(path, page)


def _append(path: Path, root: Path) -> None:
    append_incremental_update(path)


def _evidence(path: Path, root: Path) -> None:
    target = sorted(p for p in evidence_folder(root, "I.2.a").iterdir() if p.suffix == ".pdf")[0]
    target.write_bytes(target.read_bytes() + b"\n% diubah\n")


@pytest.mark.parametrize(("change", "kinds"), [
    (_flip, ["signature_broken"]),
    (_append, ["modified_after_signature"]),
    (_evidence, ["unit_file_changed"]),
], ids=["flipped-byte", "incremental-update", "evidence-file"])
def test_each_change_is_detected_and_named(signed, tmp_path, capsys, change, kinds) -> None:
    pdf, root = tmp_path / "b.pdf", tmp_path / "unit"
    shutil.copy(signed["pdf"], pdf)
    shutil.copytree(signed["root"], root)
    change(pdf, root)
    code, report = verify_json(capsys, pdf, "--root", root)
    assert code == 1 and [f["kind"] for f in report["findings"]] == kinds
    if change is _evidence:
        [finding] = report["findings"]
        assert finding["code"] == "I.2.a" and finding["path"].startswith("evidence/I.2.a")
    code, out, _ = run(capsys, "verify", pdf, "--root", root)
    assert code == 1 and "HASIL: TIDAK COCOK" in out


def test_signed_bundle_opens_in_poppler_with_its_signature_field(signed) -> None:
    if not shutil.which("pdfsig"):
        pytest.fail("poppler-utils (pdfinfo, pdfsig) wajib terpasang (.ci/run memasangnya)")
    info = subprocess.run(["pdfinfo", str(signed["pdf"])], capture_output=True, text=True)
    assert info.returncode == 0 and "Pages:" in info.stdout
    sig = subprocess.run(["pdfsig", str(signed["pdf"])], capture_output=True, text=True)
    assert "Signature Field Name: TTE" in sig.stdout and f"Common Name: {SIGNER}" in sig.stdout
    assert "Total document signed" in sig.stdout and "Signature is Valid" in sig.stdout
    with pikepdf.open(signed["pdf"]) as pdf:
        [widget] = [a for a in pdf.pages[0].obj.Annots if str(a.get("/FT", "")) == "/Sig"]
        x1, y1, x2, y2 = (float(v) for v in widget.Rect)
        box = [float(v) for v in str(pdf.docinfo["/ZISignatureBox"]).split()[1:]]
        assert [x1, y1, x2, y2] == pytest.approx(box) and x2 - x1 > 100 and "/N" in widget.AP


def test_the_cover_shows_who_signed_and_when(signed, tmp_path) -> None:
    subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(signed["pdf"]), str(tmp_path / "c.txt")], check=True)
    # poppler draws the field's appearance; its text is the widget's, so read the appearance stream.
    with pikepdf.open(signed["pdf"]) as pdf:
        [widget] = [a for a in pdf.pages[0].obj.Annots if str(a.get("/FT", "")) == "/Sig"]
        shown = "\n".join(str(operands[0]) for operands, op in pikepdf.parse_content_stream(widget.AP.N)
                          if str(op) == "Tj")
        value_time = str(widget.V.M)
    assert SIGNER in shown and "Ditandatangani secara elektronik oleh" in shown
    # The signing time written in the signature, e.g. D:20261201080058+00'00' → 2026-12-01 08:00:58
    m = value_time[2:]
    assert f"Waktu: {m[0:4]}-{m[4:6]}-{m[6:8]} {m[8:10]}:{m[10:12]}:{m[12:14]}" in shown
    assert "Tanda tangan elektronik (TTE)" in (tmp_path / "c.txt").read_text("utf-8")


def test_signed_bundle_is_never_rewritten_in_place(signed, tmp_path, capsys, pki, password) -> None:
    root, pdf = tmp_path / "unit", tmp_path / "b.pdf"
    shutil.copytree(signed["root"], root)
    shutil.copy(signed["pdf"], pdf)
    keep = tmp_path / "tersimpan.pdf"
    os.link(pdf, keep)  # the signed file as delivered: any write in place would show here
    original = keep.read_bytes()
    args = ["bundle", "--root", root, "--as-of", AS_OF, "--audience", "penilai", "--out", pdf]
    for extra in ([], ["--sign", pki.p12]):
        code, out, _ = run(capsys, *args, *extra)
        assert code == 0 and "tanda tangan tetap" in out and pdf.read_bytes() == original
    write_pdf(evidence_folder(root, "I.2.a") / "Baru.pdf", "baru")  # a real change
    code, out, _ = run(capsys, *args, "--sign", pki.p12)
    assert code == 0 and "bundel ditulis" in out and "ditandatangani oleh" in out
    assert pdf.read_bytes() != original and keep.read_bytes() == original
    code, report = verify_json(capsys, pdf, "--root", root)
    assert code == 0 and report["signatures"][0]["whole_file"]
    code, report = verify_json(capsys, keep, "--root", root)
    assert code == 1 and [f["kind"] for f in report["findings"]] == ["unit_file_added"]


def test_an_unchanged_unsigned_bundle_gets_a_signed_copy(tmp_path, capsys, pki, password) -> None:
    root, pdf = make_unit(tmp_path / "unit"), tmp_path / "b.pdf"
    args = ["bundle", "--root", root, "--as-of", AS_OF, "--out", pdf]
    assert run(capsys, *args)[0] == 0
    unsigned = tmp_path / "unsigned.pdf"
    os.link(pdf, unsigned)
    before = unsigned.read_bytes()
    code, out, _ = run(capsys, *args, "--sign", pki.p12)
    assert code == 0 and "tidak disusun ulang" in out and "ditandatangani oleh" in out
    assert unsigned.read_bytes() == before and pdf.read_bytes().startswith(before)  # appended to a copy
    assert verify_json(capsys, pdf)[0] == 0


def test_a_tampered_signed_bundle_is_rebuilt_not_kept(signed, tmp_path, capsys) -> None:
    root, pdf = tmp_path / "unit", tmp_path / "b.pdf"
    shutil.copytree(signed["root"], root)
    shutil.copy(signed["pdf"], pdf)
    append_incremental_update(pdf)
    code, out, _ = run(capsys, "bundle", "--root", root, "--as-of", AS_OF, "--audience", "penilai", "--out", pdf)
    assert code == 0 and "bundel ditulis" in out
    code, report = verify_json(capsys, pdf)
    assert code == 0 and report["signatures"] == []  # rebuilt (unsigned: no --sign this time)


def _cli(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], capture_output=True, text=True,
                          cwd=REPO, env=env, **kwargs)


@pytest.mark.parametrize(("password", "p12", "says"), [
    (None, "tte.p12", "ZI_SIGN_PASSWORD"),
    ("salah", "tte.p12", "kata sandi salah"),
    (PASSWORD, "kedaluwarsa.p12", "kedaluwarsa"),
    (PASSWORD, "tidak-ada.p12", "tidak dapat dibaca"),
], ids=["no-password-no-terminal", "wrong-password", "expired", "missing-file"])
def test_signing_problems_stop_before_any_work(tmp_path, pki, password, p12, says) -> None:
    root = make_unit(tmp_path / "unit")
    env = {k: v for k, v in os.environ.items() if k != "ZI_SIGN_PASSWORD"}
    if password is not None:
        env["ZI_SIGN_PASSWORD"] = password
    result = _cli(["bundle", "--root", str(root), "--out", str(tmp_path / "b.pdf"), "--sign",
                   str(pki.p12.parent / p12)], env, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "b.pdf").exists() and not (root / "build").exists()


_ON_A_TERMINAL = """
import os, pty, sys
status = pty.spawn(sys.argv[1:])
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command on a pseudo-terminal of its own (forked here, in a single-threaded child,
not in the test process) and relays our pipes to it."""


def test_password_is_asked_on_a_terminal_and_not_echoed(tmp_path, pki) -> None:
    root = make_unit(tmp_path / "unit")
    env = {k: v for k, v in os.environ.items() if k not in ("ZI_SIGN_PASSWORD", "CI")}
    command = [sys.executable, "-m", "build_tools", "bundle", "--root", str(root), "--as-of", AS_OF,
               "--out", str(tmp_path / "b.pdf"), "--sign", str(pki.p12)]
    with subprocess.Popen([sys.executable, "-c", _ON_A_TERMINAL, *command], cwd=REPO, env=env,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as child:
        seen, sent = b"", False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([child.stdout], [], [], 1)
            if ready:
                chunk = os.read(child.stdout.fileno(), 4096)
                if not chunk:
                    break
                seen += chunk
            if not sent and b"Kata sandi" in seen:
                child.stdin.write(PASSWORD.encode() + b"\n")
                child.stdin.flush()
                sent = True
        child.stdin.close()
        assert child.wait(timeout=60) == 0, seen.decode("utf-8", "replace")
    assert sent and PASSWORD.encode() not in seen and b"ditandatangani oleh" in seen


def test_timestamp_from_a_reachable_server(tmp_path, capsys, pki, password) -> None:
    root, pdf = make_unit(tmp_path / "unit"), tmp_path / "b.pdf"
    with TimestampServer(pki) as tsa:
        code, out, err = run(capsys, "bundle", "--root", root, "--as-of", AS_OF, "--out", pdf,
                             "--sign", pki.p12, "--tsa", tsa.url)
        assert tsa.requests >= 1
    assert code == 0 and "dengan cap waktu RFC 3161" in out, out + err
    code, report = verify_json(capsys, pdf, "--trust", pki.ca_pem)
    [sig] = report["signatures"]
    assert code == 0 and sig["timestamp"] is not None and sig["trusted"] is True


def test_unreachable_timestamp_server_is_said_plainly(tmp_path, capsys, pki, password) -> None:
    root, pdf = make_unit(tmp_path / "unit"), tmp_path / "b.pdf"
    url = f"http://127.0.0.1:{free_port()}/tsa"
    code, out, _ = run(capsys, "bundle", "--root", root, "--as-of", AS_OF, "--out", pdf,
                       "--sign", pki.p12, "--tsa", url)
    assert code == 0 and f"server cap waktu {url} tidak dapat dihubungi" in out
    code, report = verify_json(capsys, pdf)
    assert code == 0 and report["signatures"][0]["timestamp"] is None


def test_tsa_needs_sign(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "bundle", "--root", make_unit(tmp_path / "unit"), "--tsa", "http://127.0.0.1:1/")
    assert code == 2 and "--sign" in err
