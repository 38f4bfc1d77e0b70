"""The scanner: what it records, every problem kind, the cache, and read-only."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import tree_digest
from pypdf import PdfWriter

from build_tools.core.months import Month
from build_tools.evidence.scanner import Access, Severity, scan_evidence
from build_tools.pipeline import CACHE_DIR, load_project
from build_tools.plan.loader import load_plan
from build_tools.unit.samples import image_bytes, pdf_bytes, write_image, write_pdf


def scan(root: Path, cache: bool = False):
    plan = load_plan(root / "plan.yaml")
    return scan_evidence(root, plan, root / CACHE_DIR if cache else None)


def kinds(result) -> dict[str, str]:
    return {p.path: p.kind for p in result.problems}


def test_records_every_file_with_its_facts(full_project):
    result = scan(full_project)
    assert result.problems == ()
    assert len(result.files) == 58 + 10  # one PDF per one-off item, ten months of I.3.b
    assert {f.code for f in result.files} == set(load_plan(full_project / "plan.yaml").codes)
    first = result.files[0]
    assert first.code == "I.1.a" and first.type == "PDF" and first.family == "pdf" and first.pages == 1
    data = (full_project / first.path).read_bytes()
    assert first.sha256 == hashlib.sha256(data).hexdigest() and first.size == len(data)
    months = [f.month for f in result.files_for("I.3.b")]
    assert months == [Month(2020, m) for m in range(3, 13)]
    assert all(f.access is Access.PUBLIC for f in result.files)


def test_folder_with_title_nested_folders_images_and_page_counts(project):
    folder = project / "evidence" / "II.2.a Screenshot ekinerja"
    write_image(folder / "layar.png", "ekinerja")
    write_image(folder / "foto" / "scan.JPG", "scan")
    write_pdf(folder / "lampiran" / "laporan.pdf", "laporan", pages=3)
    (folder / "catatan.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    result = scan(project)
    assert result.problems == ()
    facts = {f.path.split("/", 2)[2]: (f.type, f.pages) for f in result.files}
    assert facts == {"catatan.docx": ("DOCX", None), "foto/scan.JPG": ("JPEG", 1),
                     "lampiran/laporan.pdf": ("PDF", 3), "layar.png": ("PNG", 1)}
    assert result.folders == {"II.2.a": ("evidence/II.2.a Screenshot ekinerja",)}


def _encrypted_pdf() -> bytes:
    from io import BytesIO

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="AES-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_every_problem_kind_is_reported_with_path_and_reason(project, tmp_path):
    ev = project / "evidence"
    (ev / "I.1.x SK").mkdir()
    (ev / "Dokumen lain").mkdir()
    (ev / "lepas.pdf").write_bytes(pdf_bytes("lepas"))
    good = ev / "I.1.a SK Tim Kerja"
    good.mkdir()
    (good / "kosong.pdf").write_bytes(b"")
    (good / "gambar.pdf").write_bytes(image_bytes("png"))
    (good / "rusak.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf at all")
    (good / "sandi.pdf").write_bytes(_encrypted_pdf())
    (good / "program.exe").write_bytes(b"MZ\x90\x00")
    (good / "2020-13 laporan.pdf").write_bytes(pdf_bytes("bulan salah"))
    outside = tmp_path / "rahasia.pdf"
    outside.write_bytes(pdf_bytes("di luar"))
    (good / "tautan.pdf").symlink_to(outside)
    (good / "folder-tautan").symlink_to(tmp_path)
    (ev / "I.1.a salinan").mkdir()
    (ev / "I.1.a salinan" / "x.pdf").write_bytes(pdf_bytes("x"))
    result = scan(project)
    found = kinds(result)
    assert found == {
        "evidence/I.1.x SK": "unknown_folder",
        "evidence/Dokumen lain": "unknown_folder",
        "evidence/lepas.pdf": "outside_folder",
        "evidence/I.1.a SK Tim Kerja/kosong.pdf": "empty_file",
        "evidence/I.1.a SK Tim Kerja/gambar.pdf": "type_mismatch",
        "evidence/I.1.a SK Tim Kerja/rusak.pdf": "unreadable_pdf",
        "evidence/I.1.a SK Tim Kerja/sandi.pdf": "encrypted_pdf",
        "evidence/I.1.a SK Tim Kerja/program.exe": "unsupported_type",
        "evidence/I.1.a SK Tim Kerja/2020-13 laporan.pdf": "bad_month",
        "evidence/I.1.a SK Tim Kerja/tautan.pdf": "symlink",
        "evidence/I.1.a SK Tim Kerja/folder-tautan": "symlink",
        "evidence/I.1.a SK Tim Kerja": "duplicate_folder",  # "salinan" sorts first
    }
    messages = {p.path: str(p) for p in result.problems}
    assert "kode 'I.1.x' tidak ada di rencana (maksud Anda 'I.1." in messages["evidence/I.1.x SK"]
    assert "berisi PNG, bukan PDF" in messages["evidence/I.1.a SK Tim Kerja/gambar.pdf"]
    assert "kata sandi" in messages["evidence/I.1.a SK Tim Kerja/sandi.pdf"]
    assert "ke luar folder evidence/" in messages["evidence/I.1.a SK Tim Kerja/tautan.pdf"]
    assert all(p.severity is Severity.ERROR for p in result.problems)
    # Problems inside a code folder carry the code; the rest do not.
    assert {p.code for p in result.problems if "SK Tim Kerja/" in p.path} == {"I.1.a"}
    assert {p.code for p in result.problems if p.kind != "duplicate_folder" and "I.1.a" not in p.path} == {None}
    # The bad files are not counted as evidence; the good ones are.
    assert sorted(f.name for f in result.files_for("I.1.a")) == ["2020-13 laporan.pdf", "x.pdf"]


def test_hidden_files_are_ignored_silently(project):
    folder = project / "evidence" / "I.1.a"
    folder.mkdir()
    for name in (".DS_Store", "Thumbs.db", "~$laporan.docx", ".gitkeep", "desktop.ini"):
        (folder / name).write_bytes(b"junk")
    (project / "evidence" / ".DS_Store").write_bytes(b"junk")
    result = scan(project)
    assert result.problems == () and result.files == ()


def test_symlink_inside_evidence_is_followed(project):
    target = write_pdf(project / "evidence" / "I.1.a" / "SK.pdf", "SK")
    (project / "evidence" / "I.4.b").mkdir()
    (project / "evidence" / "I.4.b" / "SK.pdf").symlink_to(target)
    result = scan(project)
    assert result.problems == ()
    assert [f.code for f in result.files] == ["I.1.a", "I.4.b"]
    assert result.files[0].sha256 == result.files[1].sha256


def test_repaired_pdf_is_a_warning_not_an_error(project):
    data = pdf_bytes("rusak sedikit", pages=2)
    broken = data.replace(b"startxref", b"startxref\n999999\n%%")  # wrong xref offset
    path = project / "evidence" / "I.1.a" / "rusak.pdf"
    path.parent.mkdir()
    path.write_bytes(broken)
    result = scan(project)
    assert [(p.kind, p.severity) for p in result.problems] == [("repaired_pdf", Severity.WARNING)]
    assert result.files[0].repaired and result.files[0].pages == 2


def test_access_sidecars(project):
    folder = project / "evidence" / "V.3.b Laporan"
    write_pdf(folder / "rekap.pdf", "rekap")
    write_pdf(folder / "publik.pdf", "publik")
    write_pdf(folder / "sub" / "detail.pdf", "detail")
    (folder / "_akses.yaml").write_text('akses: terbatas\nberkas:\n  "publik.pdf": publik\n', encoding="utf-8")
    other = project / "evidence" / "V.4.b"
    write_pdf(other / "a.pdf", "a")
    (other / "_akses.yaml").write_text("akses: rahasia\n", encoding="utf-8")
    result = scan(project)
    access = {f.path.split("/", 2)[2]: f.access for f in result.files}
    assert access == {"publik.pdf": Access.PUBLIC, "rekap.pdf": Access.RESTRICTED,
                      "sub/detail.pdf": Access.RESTRICTED, "a.pdf": Access.RESTRICTED}
    [problem] = result.problems
    assert problem.kind == "bad_sidecar" and problem.code == "V.4.b"
    assert "baris 1: akses 'rahasia' tidak dikenal" in problem.message


def test_missing_evidence_folder(tmp_path, project):
    (project / "evidence").rmdir()
    result = scan(project)
    assert kinds(result) == {"evidence": "no_evidence_folder"}


def test_cache_is_used_for_unchanged_files_and_refreshed_on_change(full_project):
    first = scan(full_project, cache=True)
    cache_file = full_project / CACHE_DIR / "scan.json"
    assert cache_file.is_file()
    target = full_project / first.files[0].path
    # The cache is read for an unchanged file: a fact planted in it comes back.
    data = json.loads(cache_file.read_text("utf-8"))
    planted = "c" * 64
    data["entries"][first.files[0].path]["facts"]["sha256"] = planted
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert scan(full_project, cache=True).files[0].sha256 == planted
    # Rewritten in place with the same size and the old mtime restored: read again
    # (the key holds inode and ctime too), so the cache never hides a change.
    stat = target.stat()
    content = bytearray(target.read_bytes())
    content[-10] ^= 1
    target.write_bytes(bytes(content))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert target.stat().st_size == stat.st_size and target.stat().st_mtime_ns == stat.st_mtime_ns
    second = scan(full_project, cache=True)
    assert second.files[0].sha256 == hashlib.sha256(bytes(content)).hexdigest()
    # Without the cache, the result is the same as with it.
    assert scan(full_project).files == second.files


def test_corrupt_cache_is_ignored(full_project):
    scan(full_project, cache=True)
    (full_project / CACHE_DIR / "scan.json").write_text("{not json", encoding="utf-8")
    assert scan(full_project, cache=True).files == scan(full_project).files


def test_scan_and_check_never_touch_the_evidence_tree(full_project, tmp_path):
    ev = full_project / "evidence"
    (ev / "Folder asing").mkdir()
    (ev / "lepas.txt").write_text("x")
    (ev / "I.1.a SK Tim Kerja" / "kosong.pdf").write_bytes(b"")
    (ev / "I.1.a SK Tim Kerja" / "_akses.yaml").write_text("akses: [", encoding="utf-8")
    before = tree_digest(ev)
    for _ in range(2):
        load_project(full_project, __import__("datetime").date(2020, 12, 31))
    assert tree_digest(ev) == before
    assert not any(p.name.endswith(".tmp") for p in ev.rglob("*"))


@pytest.mark.parametrize("name", ["I.1.a", "I.1.a SK Tim Kerja", "I.1.a. SK Tim Kerja"])
def test_folder_name_styles(project, name):
    write_pdf(project / "evidence" / name / "sk.pdf", "sk")
    result = scan(project)
    assert result.problems == () and result.files[0].code == "I.1.a"
