"""One judgement of each evidence file: what ``check`` accepts, the bundle accepts, and the reverse.

Every row is a real file made here: decompression bombs, lying image headers,
broken and damaged PDFs, password protection. Judging stays bounded: a 2 GB
sparse ``.pdf`` is judged by ``check`` under a 1 GB address-space limit.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
from bundle_helpers import corrupt_pdf, encrypted_pdf, pdf_with_active_content
from pdf_makers import owner_locked, trailer_cut

from build_tools import cli
from build_tools.bundle.build import BundleOptions, build_bundle
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import Severity
from build_tools.pipeline import load_project
from build_tools.unit.samples import image_bytes, pdf_bytes

AS_OF = dt.date(2021, 1, 31)


def _png(width: int, height: int, rows: bytes | None = None, *, depth: int = 8, color: int = 0) -> bytes:
    """A PNG with the given header; ``rows`` (None: zero rows for the whole image, compressed as a stream)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    if rows is None:
        packer = zlib.compressobj(9)
        line = b"\0" * (1 + (width * depth + 7) // 8)
        body = b"".join(packer.compress(line * 500) for _ in range(height // 500)) + packer.flush()
    else:
        body = zlib.compress(rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A real JPEG whose frame header claims another size."""
    data = bytearray(image_bytes("sof", fmt="JPEG", size=(64, 48)))
    at = data.index(b"\xff\xc0") + 5
    data[at:at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def _no_pages() -> bytes:
    pdf = pikepdf.new()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _wrong_xref() -> bytes:
    data = pdf_bytes("xref salah", 2)
    return data[:data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n"


CASES = {
    # name: (how to make it, kind the scan reports or None when usable)
    "bom 20000x20000.png": (lambda p: p.write_bytes(_png(20000, 20000, depth=1)), "unreadable_image"),
    "100 megapiksel.png": (lambda p: p.write_bytes(_png(10000, 10000, depth=1)), "unreadable_image"),
    "header bohong.png": (lambda p: p.write_bytes(_png(4000, 4000, b"\0" * 101 * 10)), "unreadable_image"),
    "terpotong.jpg": (lambda p: p.write_bytes(image_bytes("t", fmt="JPEG")[:-400]), "unreadable_image"),
    "klaim raksasa.jpg": (lambda p: p.write_bytes(_jpeg_claiming(60000, 60000)), "unreadable_image"),
    "terpotong.png": (lambda p: p.write_bytes(image_bytes("t")[:-300]), "unreadable_image"),
    "baik.png": (lambda p: p.write_bytes(image_bytes("baik")), None),
    "baik.jpg": (lambda p: p.write_bytes(image_bytes("baik", fmt="JPEG")), None),
    "rusak.pdf": (corrupt_pdf, "unreadable_pdf"),
    "tanpa halaman.pdf": (lambda p: p.write_bytes(_no_pages()), "unreadable_pdf"),
    "sandi.pdf": (encrypted_pdf, "encrypted_pdf"),
    "jejak dipotong.pdf": (trailer_cut, None),
    "xref salah.pdf": (lambda p: p.write_bytes(_wrong_xref()), None),
    "sandi pemilik.pdf": (owner_locked, None),
    "aktif.pdf": (pdf_with_active_content, None),
}


def test_check_and_bundle_judge_every_file_alike(project: Path, tmp_path: Path) -> None:
    target = project / "evidence" / "II.2.a"
    target.mkdir(parents=True)
    for name, (make, _) in CASES.items():
        make(target / name)
    loaded = load_project(project, AS_OF)
    found = {p.path.rsplit("/", 1)[-1]: p.kind for p in loaded.scan.problems if p.severity is Severity.ERROR}
    assert found == {name: kind for name, (_, kind) in CASES.items() if kind is not None}
    accepted = {f.name for f in loaded.scan.files}
    assert accepted == {name for name, (_, kind) in CASES.items() if kind is None}
    # The bundle places exactly what the scan accepted and a placeholder for exactly what it refused:
    # it never finds a problem of its own.
    out = tmp_path / "b.pdf"
    report = build_bundle(loaded, out, BundleOptions(audience=Audience.REVIEWER, allow_broken=True))
    assert {p.path.rsplit("/", 1)[-1]: p.kind for p in report.broken} == found
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        titles = set()
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.add(item.title)
            stack += list(item.children)
    assert accepted <= titles
    # Repaired files are warnings, named by both.
    warnings = {p.path.rsplit("/", 1)[-1] for p in loaded.scan.problems if p.kind == "repaired_pdf"}
    assert warnings == {"jejak dipotong.pdf", "xref salah.pdf"}
    assert {f.name for f in report.repaired} == warnings


def test_active_content_is_a_check_warning(full_project: Path, capsys) -> None:
    pdf_with_active_content(next((full_project / "evidence").glob("I.1.a*")) / "aktif.pdf")
    out_code = cli.main(["check", "--root", str(full_project), "--as-of", "2020-12-31", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    problems = [p for item in report["items"] for p in item["problems"]] + report["problems"]
    [found] = [p for p in problems if p["kind"] == "active_content"]
    assert found["severity"] == "warning" and found["path"].endswith("aktif.pdf")
    assert "JavaScript" in found["message"] and "Launch" in found["message"] and "berkas tersemat" in found["message"]
    assert out_code == 0  # a warning: the evidence is there


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_huge_sparse_pdf_is_judged_within_bounded_memory(project: Path, tmp_path: Path) -> None:
    path = project / "evidence" / "I.1.a" / "besar.pdf"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(2 << 30)
    if os.stat(path).st_blocks * 512 > 64 << 20:
        pytest.skip("sistem berkas ini tidak mendukung berkas jarang (sparse)")
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(project), "--as-of",
                             "2021-01-31", "--format", "json", "--no-cache"], capture_output=True, text=True,
                            preexec_fn=_limit_memory, timeout=300)
    assert result.returncode == 1, result.stderr
    problems = [p for item in json.loads(result.stdout)["items"] for p in item["problems"]]
    [problem] = [p for p in problems if p["path"].endswith("besar.pdf")]
    assert problem["kind"] == "unreadable_pdf" and "terlalu besar" in problem["message"]
    assert result.stderr == ""


@pytest.mark.parametrize("width,height,depth,color", [(5, 3, 8, 0), (33, 17, 8, 2), (7, 9, 1, 0), (13, 4, 16, 6)])
def test_png_data_size_matches_a_real_decoder(tmp_path: Path, width, height, depth, color) -> None:
    """The byte count the check expects is what Pillow decodes, interlaced or not; one byte less is refused."""
    from PIL import Image

    from build_tools.evidence.pngdata import expected_size, problem

    for interlaced in (False, True):
        size = expected_size(width, height, depth, color, interlaced)
        whole = _png(width, height, b"\0" * size, depth=depth, color=color)
        if interlaced:
            at = whole.index(b"IHDR") + 4 + 12
            header = whole[whole.index(b"IHDR"):at] + b"\x01"
            whole = whole[:at] + b"\x01" + struct.pack(">I", zlib.crc32(header)) + whole[at + 5:]
        path = tmp_path / f"i{int(interlaced)}.png"
        path.write_bytes(whole)
        assert problem(path) is None
        with Image.open(path) as image:
            image.load()
            assert image.size == (width, height)
        path.write_bytes(_png(width, height, b"\0" * (size - 1), depth=depth, color=color))
        if not interlaced:
            assert problem(path) is not None
