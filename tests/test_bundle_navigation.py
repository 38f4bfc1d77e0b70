"""Finding one's way in the bundle and knowing what it changed: status in the contents,
missing months in order, continued headings, a compact outline, and a report of every
file the bundle changed or left out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf
from pdf_makers import owner_locked, trailer_cut
from pypdf import PdfReader

from build_tools import cli
from build_tools.bundle.build import BundleOptions, build_bundle
from build_tools.check.completeness import Status
from build_tools.evidence.audience import Audience
from build_tools.pipeline import load_project
from build_tools.unit.samples import image_bytes, write_pdf

from bundle_helpers import pdf_with_active_content  # isort: skip


def folder(root: Path, code: str) -> Path:
    return root / "evidence" / code


def outline(path: Path) -> list[tuple[int, str, int, bool]]:
    """(depth, title, page, closed) of every bookmark, in order."""
    found = []
    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        def walk(items, depth):
            for item in items:
                found.append((depth, item.title, pdf.pages.index(pikepdf.Page(item.destination[0])),
                              item.is_closed))
                walk(item.children, depth + 1)
        walk(tree.root, 0)
    return found


def contents(path: Path) -> str:
    reader = PdfReader(path)
    marks = outline(path)
    first_area = next(page for depth, title, page, _ in marks if title.startswith("Area "))
    return "\n".join(reader.pages[i].extract_text() for i in range(1, first_area))


def test_contents_show_each_codes_status(project: Path, tmp_path: Path) -> None:
    write_pdf(folder(project, "I.1.a") / "SK.pdf", "SK")
    write_pdf(folder(project, "I.3.b") / "2020-03 Monev.pdf", "Monev Maret")
    secret = folder(project, "III.5.b")
    write_pdf(secret / "sanksi.pdf", "rahasia")
    (secret / "_akses.yaml").write_text("akses: terbatas\n", encoding="utf-8")
    out = tmp_path / "s.pdf"
    loaded = load_project(project, dt.date(2020, 6, 15))
    pending = next(s.code for s in loaded.completeness.items if s.status is Status.PENDING)
    build_bundle(loaded, out, BundleOptions(soffice=None))
    lines = {line.split()[0]: line for line in contents(out).splitlines() if re.match(r"[IVX]+\.\d+\.[a-z] ", line)}
    assert re.search(r" lengkap \d+$", lines["I.1.a"])
    assert re.search(r" sebagian \d+$", lines["I.3.b"])        # April and May are due, not there
    assert re.search(r" terlambat \d+$", lines["I.1.b"])       # due in February, nothing there
    assert re.search(r" belum jatuh tempo \d+$", lines[pending])
    assert re.search(r" terbatas \d+$", lines["III.5.b"])      # complete, but for reviewers only
    assert "sanksi" not in contents(out)


def test_missing_months_sit_in_month_order(project: Path, tmp_path: Path) -> None:
    for month in ("2020-03", "2020-06"):
        write_pdf(folder(project, "I.3.b") / f"{month} Monev.pdf", f"Monev {month}")
    out = tmp_path / "m.pdf"
    build_bundle(load_project(project, dt.date(2021, 1, 31)), out, BundleOptions(soffice=None))
    marks = outline(out)
    at = next(i for i, (depth, title, *_) in enumerate(marks) if title.startswith("I.3.b "))
    parts = [(title, page) for depth, title, page, _ in marks[at + 1:at + 5]]
    assert [title for title, _ in parts] == ["2020-03 Monev.pdf", "BELUM TERSEDIA", "2020-06 Monev.pdf",
                                             "BELUM TERSEDIA"]
    reader = PdfReader(out)
    first_gap, second_gap = reader.pages[parts[1][1]].extract_text(), reader.pages[parts[3][1]].extract_text()
    assert "April 2020" in first_gap and "Mei 2020" in first_gap and "Juli 2020" not in first_gap
    assert "Juli 2020" in second_gap and "Desember 2020" in second_gap and "Mei 2020" not in second_gap


def test_continuation_pages_repeat_the_heading_and_the_outline_opens_at_areas(project: Path,
                                                                               tmp_path: Path) -> None:
    for n in range(45):
        write_pdf(folder(project, "I.1.a") / f"SK lampiran {n + 1:02d}.pdf", f"SK {n}")
    out = tmp_path / "c.pdf"
    build_bundle(load_project(project, dt.date(2021, 1, 31)), out, BundleOptions(soffice=None))
    marks = outline(out)
    separator = next(page for depth, title, page, _ in marks if title.startswith("I.1.a "))
    first_file = next(page for depth, title, page, _ in marks if title == "SK lampiran 01.pdf")
    reader = PdfReader(out)
    assert first_file - separator >= 2  # the list of 45 files needs more than one page
    for page in range(separator + 1, first_file):
        text = reader.pages[page].extract_text()
        assert text.splitlines()[0].startswith("I.1.a SK Tim Kerja (lanjutan)")
        assert reader.page_labels[page] == f"I.1.a-{page - separator + 1}"
    # The outline shows the cover, the contents and the areas; everything below them is folded.
    top = [(title, closed) for depth, title, _, closed in marks if depth == 0]
    assert [t for t, _ in top[:2]] == ["Sampul", "Daftar Isi"] and all(t.startswith("Area ") for t, _ in top[2:])
    assert all(closed for title, closed in top[2:])
    with pikepdf.open(out) as pdf:
        assert int(pdf.Root.Outlines.Count) == len(top)


def test_bundle_names_every_file_it_changed_or_left_out(project: Path, tmp_path: Path, capsys) -> None:
    target = folder(project, "I.1.a")
    pdf_with_active_content(target / "aktif.pdf")
    owner_locked(target / "terkunci pemilik.pdf")
    trailer_cut(target / "jejak terpotong.pdf")
    (target / "kosong.pdf").write_bytes(b"")
    (target / "gambar.pdf").write_bytes(image_bytes("bukan pdf"))
    (target / "program.exe").write_bytes(b"MZ\x90\x00")
    out = tmp_path / "r.pdf"
    code = cli.main(["bundle", "--root", str(project), "--as-of", "2021-01-31", "--audience", "penilai",
                     "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = captured.out.splitlines()

    def line_for(name: str) -> str:
        [line] = [line for line in lines if line.endswith(name) or f"/{name}:" in line]
        return line

    assert "konten aktif dibuang" in line_for("aktif.pdf") and "JavaScript" in line_for("aktif.pdf")
    assert "pembatasan kata sandi pemilik" in line_for("terkunci pemilik.pdf")
    assert "diperbaiki" in line_for("jejak terpotong.pdf")
    for name in ("kosong.pdf", "gambar.pdf", "program.exe"):
        assert line_for(name).startswith("  dilewati"), name
    # Nothing a library says in English reaches the console.
    console = captured.out + captured.err
    for english in ("damaged", "xref", "startxref", "EOF", "reconstruct", "Warning", "Traceback"):
        assert english not in console, english
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    for note in ("Konten aktif dibuang 1 berkas", "Kata sandi pemilik dilepas 1 berkas",
                 "PDF rusak yang diperbaiki 1 berkas", "Berkas yang dilewati 3 berkas"):
        assert note in cover, note
    # The cleaned, unlocked and repaired files are in the bundle, every page of them.
    titles = {title: page for _, title, page, _ in outline(out)}
    reader = PdfReader(out)
    assert "Halaman 3 dari 3" in reader.pages[titles["jejak terpotong.pdf"] + 2].extract_text()
    assert "terkunci pemilik" in reader.pages[titles["terkunci pemilik.pdf"]].extract_text()
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted


def test_report_lists_placeholders_for_unusable_files(project: Path, tmp_path: Path) -> None:
    (folder(project, "II.2.a")).mkdir(parents=True)
    (folder(project, "II.2.a") / "layar.png").write_bytes(image_bytes("x")[:200])
    report = build_bundle(load_project(project, dt.date(2021, 1, 31)), tmp_path / "p.pdf",
                          BundleOptions(soffice=None, allow_broken=True, audience=Audience.REVIEWER))
    assert [p.kind for p in report.broken] == ["unreadable_image"]
    assert any("layar.png" in line and "halaman pengganti" in line for line in report.lines())
