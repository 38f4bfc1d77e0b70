"""The bundled evidence PDF: built for real, re-opened with pypdf and pikepdf."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from bundle_helpers import (
    corrupt_pdf,
    docx_bytes,
    encrypted_pdf,
    pdf_with_active_content,
    special_pages_pdf,
)
from conftest import tree_digest
from pikepdf import Name
from pypdf import PdfReader

from build_tools import cli
from build_tools.bundle.build import BundleOptions, build_bundle
from build_tools.bundle.fonts import find_fonts
from build_tools.bundle.safety import active_content
from build_tools.bundle.sources import find_soffice
from build_tools.bundle.stamp import STRIP_RATIO, geometry
from build_tools.core.errors import InputError, OutputError
from build_tools.evidence.audience import Audience
from build_tools.pipeline import load_project
from build_tools.unit.samples import image_bytes, write_image, write_pdf

AS_OF = dt.date(2021, 1, 31)
CODE_RE = re.compile(r"^([IVX]+\.\d+\.[a-z]) .*?(\d+)$", re.M | re.S)


def bundle(root: Path, out: Path, **options):
    options.setdefault("soffice", None)
    project = load_project(root, options.pop("as_of", AS_OF))
    return build_bundle(project, out, BundleOptions(**options)), project


def folder(root: Path, code: str) -> Path:
    matches = [p for p in (root / "evidence").iterdir() if p.name.split()[0] == code]
    return matches[0] if matches else root / "evidence" / code


def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return found


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def uncompressed(path: Path) -> bytes:
    """The whole file with every stream decoded and no object streams."""
    out = io.BytesIO()
    with pikepdf.open(path) as pdf:
        pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.all,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


# ---------------------------------------------------------------------------
# The whole plan
# ---------------------------------------------------------------------------

def test_full_bundle_structure(full_project: Path, tmp_path: Path, shipped_plan) -> None:
    before = tree_digest(full_project / "evidence")
    report, project = bundle(full_project, tmp_path / "a.pdf", audience=Audience.REVIEWER)
    reader = PdfReader(tmp_path / "a.pdf")
    titles = outline_titles(reader)

    # Page count = front matter + area dividers + separators + evidence pages.
    areas = [a for a in shipped_plan.areas if a.evidence]
    first_divider = next(page for depth, title, page in titles if title.startswith("Area "))
    evidence_pages = sum(f.pages for f in project.scan.files)
    assert len(project.scan.files) > 59 and all(s.files for s in project.completeness.items)
    expected = first_divider + len(areas) + len(shipped_plan.codes) + evidence_pages
    assert len(reader.pages) == expected == report.pages
    assert report.front_pages == first_divider >= 2

    # Every code has a bookmark at depth 2, pointing at its separator page.
    code_marks = {title.split()[0]: page for depth, title, page in titles if depth == 2}
    assert list(code_marks) == list(shipped_plan.codes)
    for code, page in code_marks.items():
        text = reader.pages[page].extract_text()
        assert text.splitlines()[1].strip() == code or f"\n{code}\n" in text
        assert reader.page_labels[page] == f"{code}-1"
    # Files are bookmarked under their code (depth 3).
    assert sum(1 for depth, *_ in titles if depth == 3) == len(project.scan.files)

    # The contents page numbers point at the right pages.
    toc = "\n".join(reader.pages[i].extract_text() for i in range(1, first_divider))
    numbers = {m.group(1): int(m.group(2)) for m in CODE_RE.finditer(toc)}
    assert list(numbers) == list(shipped_plan.codes)
    for code, number in numbers.items():
        assert number - 1 == code_marks[code], code
        item = shipped_plan.item(code)
        page_text = reader.pages[number - 1].extract_text()
        assert code in page_text and item.title.split()[0] in page_text
    # Every contents line is a link to its page.
    targets = []
    for i in range(1, first_divider):
        for annot in reader.pages[i].get("/Annots", []):
            annot = annot.get_object()
            assert annot["/Subtype"] == "/Link"
            targets.append(reader.get_page_number(annot["/Dest"][0].get_object()))
    assert sorted(set(code_marks.values())) == sorted(set(targets) & set(code_marks.values()))
    assert len(targets) == len(areas) + sum(len([c for c in a.components if c.evidence]) for a in areas) + 59
    # Evidence pages carry their stamp; page labels read like I.1.a-2.
    page = code_marks["I.1.a"] + 1
    assert f"I.1.a  |  hlm. {page + 1}" in reader.pages[page].extract_text()
    assert reader.page_labels[page] == "I.1.a-2"
    assert reader.page_labels[0] == "i"
    # Unicode text renders (DejaVu Sans): "–" in the period, "—" in titles.
    assert "Januari – Desember 2020" in reader.pages[0].extract_text()
    assert tree_digest(full_project / "evidence") == before


def test_two_builds_are_byte_identical(full_project: Path, tmp_path: Path, monkeypatch) -> None:
    bundle(full_project, tmp_path / "one.pdf")
    bundle(full_project, tmp_path / "two.pdf")
    one, two = (tmp_path / "one.pdf").read_bytes(), (tmp_path / "two.pdf").read_bytes()
    assert hashlib.sha256(one).hexdigest() == hashlib.sha256(two).hexdigest()
    # SOURCE_DATE_EPOCH fixes the dates; without it the as-of date is used.
    assert PdfReader(tmp_path / "one.pdf").metadata["/CreationDate"] == "D:20210131000000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert cli.main(["bundle", "--root", str(full_project), "--as-of", "2021-01-31",
                     "--out", str(tmp_path / "three.pdf")]) == 0
    assert PdfReader(tmp_path / "three.pdf").metadata["/CreationDate"] == "D:20200913122640Z"
    # The document ID follows the inputs: equal for equal inputs, new for new ones; the file is sound.
    ids = []
    for name in ("one.pdf", "three.pdf"):
        with pikepdf.open(tmp_path / name) as pdf:
            assert pdf.check_pdf_syntax() == []
            ids.append(bytes(pdf.trailer.ID[0]))
            assert len(ids[-1]) == 16 and pdf.trailer.ID[0] == pdf.trailer.ID[1]
    assert ids[0] != ids[1] and ids[0] != bytes.fromhex("31415926535897932384626433832795")


def test_unchanged_inputs_skip_the_build(project: Path, shipped_plan, tmp_path: Path, capsys) -> None:
    write_pdf(folder(project, "I.1.a") / "SK.pdf", "SK", 2)
    out = tmp_path / "b.pdf"
    args = ["bundle", "--root", str(project), "--as-of", "2021-01-31", "--out", str(out)]
    assert cli.main(args) == 0
    assert "bundel ditulis" in capsys.readouterr().out
    stamp = out.stat().st_mtime_ns
    assert cli.main(args) == 0
    assert "tidak berubah" in capsys.readouterr().out
    assert out.stat().st_mtime_ns == stamp
    write_pdf(folder(project, "I.1.b") / "SOP.pdf", "SOP", 1)
    assert cli.main(args) == 0
    assert "bundel ditulis" in capsys.readouterr().out
    assert "SOP.pdf" in [t for _, t, _ in outline_titles(PdfReader(out))]


def test_missing_evidence_gets_placeholder_with_due_date(project: Path, tmp_path: Path) -> None:
    write_pdf(folder(project, "I.3.b") / "2020-03 Monev.pdf", "Monev", 1)
    report, _ = bundle(project, tmp_path / "m.pdf")
    reader = PdfReader(tmp_path / "m.pdf")
    marks = {title.split()[0]: page for depth, title, page in outline_titles(reader) if depth == 2}
    text = reader.pages[marks["I.1.a"] + 1].extract_text()
    assert "BELUM TERSEDIA" in text and "29 Februari 2020" in text
    monthly = reader.pages[marks["I.3.b"] + 2].extract_text()
    assert "BELUM TERSEDIA" in monthly and "April 2020" in monthly and "Maret 2020" not in monthly
    assert "I.1.a" in report.missing and "I.3.b" in report.missing


# ---------------------------------------------------------------------------
# Safety
# ---------------------------------------------------------------------------

def test_active_content_is_removed(project: Path, tmp_path: Path) -> None:
    source = pdf_with_active_content(folder(project, "I.1.a") / "aktif.pdf")
    with pikepdf.open(source) as pdf:
        assert len(active_content(pdf)) >= 5  # the check itself sees the threats
    bundle(project, tmp_path / "s.pdf")
    with pikepdf.open(tmp_path / "s.pdf") as pdf:
        assert active_content(pdf) == []
        assert Name.OpenAction not in pdf.Root and Name.AA not in pdf.Root and Name.AcroForm not in pdf.Root
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert Name.JS not in obj and Name.AA not in obj
                # The one embedded file is the bundle's own evidence manifest.
                assert Name.EF not in obj or str(obj.get(Name.F)) == "manifest.json"
                assert str(obj.get(Name.S, "")) not in ("/JavaScript", "/Launch")
                assert str(obj.get(Name.Subtype, "")) != "/FileAttachment"
        subtypes = [str(a.Subtype) for page in pdf.pages for a in page.obj.get(Name.Annots, [])
                    if Name.Dest not in a]  # (contents links of the bundle itself have a /Dest)
        uris = [str(a.A.URI) for page in pdf.pages for a in page.obj.get(Name.Annots, []) if Name.A in a]
    assert uris == ["https://example.org/"]  # plain links survive
    assert subtypes == ["/Link"]  # the script and launch links are removed with their action
    # pypdf agrees: no document action, no script anywhere in the decoded file.
    assert "/OpenAction" not in PdfReader(tmp_path / "s.pdf").trailer["/Root"]
    data = uncompressed(tmp_path / "s.pdf")
    assert b"app.alert" not in data and b"calc.exe" not in data and b"virus.exe" not in data


def test_encrypted_and_corrupt_pdfs_stop_the_build(project: Path, tmp_path: Path, capsys) -> None:
    encrypted_pdf(folder(project, "I.1.a") / "terkunci.pdf")
    corrupt_pdf(folder(project, "I.2.a") / "rusak.pdf")
    write_pdf(folder(project, "I.1.b") / "baik.pdf", "baik")
    out = tmp_path / "e.pdf"
    with pytest.raises(InputError) as err:
        bundle(project, out)
    text = "\n".join(err.value.lines())
    assert "terkunci.pdf" in text and "rusak.pdf" in text and "--allow-broken" in text
    assert not out.exists()
    assert cli.main(["bundle", "--root", str(project), "--as-of", "2021-01-31", "--out", str(out)]) == 2
    assert "terkunci.pdf" in capsys.readouterr().err
    assert not out.exists()

    report, _ = bundle(project, out, allow_broken=True, audience=Audience.REVIEWER)
    assert sorted(Path(p.path).name for p in report.broken) == ["rusak.pdf", "terkunci.pdf"]
    assert any("terkunci.pdf" in line for line in report.lines())
    text = all_text(PdfReader(out))
    assert text.count("BERKAS TIDAK DAPAT DIMUAT") == 2 and "kata sandi" in text


def test_unreadable_image_is_a_broken_file(project: Path, tmp_path: Path) -> None:
    path = folder(project, "II.2.a") / "layar.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(image_bytes("x")[:60])  # valid signature, truncated data
    with pytest.raises(InputError, match="1 masalah"):
        bundle(project, tmp_path / "x.pdf")
    report, _ = bundle(project, tmp_path / "x.pdf", allow_broken=True)
    assert [p.path for p in report.broken] == [path.relative_to(project).as_posix()]


# ---------------------------------------------------------------------------
# Restricted files
# ---------------------------------------------------------------------------

def test_restricted_files_stay_out_of_public_bundle(project: Path, tmp_path: Path) -> None:
    secret = "Rahasia Sanksi Budi Santoso"
    target = folder(project, "III.5.b")
    write_pdf(target / f"{secret}.pdf", "isi rahasia ZZKRAHASIA", 3)
    write_image(target / f"{secret} foto.png", "foto")
    (target / f"{secret} notulen.docx").write_bytes(docx_bytes("ZZKRAHASIA"))
    (target / "_akses.yaml").write_text("akses: terbatas\n", encoding="utf-8")
    write_pdf(folder(project, "I.1.a") / "SK publik.pdf", "SK")

    report, _ = bundle(project, tmp_path / "publik.pdf")
    reader = PdfReader(tmp_path / "publik.pdf")
    text = all_text(reader)
    assert "TERSEDIA UNTUK PENILAI" in text and "tersedia untuk penilai" in text
    for needle in (secret, "Budi Santoso", "ZZKRAHASIA"):
        assert needle not in text
        assert needle.encode() not in uncompressed(tmp_path / "publik.pdf")
        assert needle.encode("utf-16-be") not in uncompressed(tmp_path / "publik.pdf")
        assert all(needle not in title for _, title, _ in outline_titles(reader))
        assert all(needle not in str(v) for v in reader.metadata.values())
    assert len(report.restricted) == 3 and report.attached == ()
    with pikepdf.open(tmp_path / "publik.pdf") as pdf:
        assert list(pdf.attachments) == ["manifest.json"]  # the public manifest: no restricted name
    marks = {title.split()[0]: page for depth, title, page in outline_titles(reader) if depth == 2}
    assert "3 berkas terbatas" in reader.pages[marks["III.5.b"]].extract_text()

    bundle(project, tmp_path / "penilai.pdf", audience=Audience.REVIEWER)
    reviewer = PdfReader(tmp_path / "penilai.pdf")
    assert f"{secret}.pdf" in [t for _, t, _ in outline_titles(reviewer)]
    assert "ZZKRAHASIA" in all_text(reviewer)
    with pikepdf.open(tmp_path / "penilai.pdf") as pdf:
        assert sorted(pdf.attachments) == [f"III.5.b {secret} notulen.docx", "manifest.json"]


# ---------------------------------------------------------------------------
# Images, office files, deduplication
# ---------------------------------------------------------------------------

def test_images_are_lossless_and_honour_exif_rotation(project: Path, tmp_path: Path) -> None:
    target = folder(project, "II.2.a")
    jpeg = write_image(target / "a foto miring.jpg", "miring", size=(800, 600), exif_orientation=6)
    write_image(target / "b layar.png", "layar", size=(1000, 500))
    bundle(project, tmp_path / "i.pdf", audience=Audience.REVIEWER)
    bundle(project, tmp_path / "i2.pdf", audience=Audience.REVIEWER)
    assert (tmp_path / "i.pdf").read_bytes() == (tmp_path / "i2.pdf").read_bytes()
    reader = PdfReader(tmp_path / "i.pdf")
    marks = {t: p for _, t, p in outline_titles(reader)}
    with pikepdf.open(tmp_path / "i.pdf") as pdf:
        page = pdf.pages[marks["a foto miring.jpg"]]
        rotate = int(page.obj.get(Name.Rotate, 0)) % 360
        box = [float(v) for v in page.obj.get(Name.CropBox, page.obj.MediaBox)]
        w, h = box[2] - box[0], box[3] - box[1]
        shown = (h, w) if rotate in (90, 270) else (w, h)
        assert rotate in (90, 270) and shown[0] < shown[1]  # 800×600 turned by EXIF → portrait
        images = [pikepdf.PdfImage(v) for v in page.get_images().values()]
        assert images[0].obj.Filter == Name.DCTDecode
        assert images[0].obj.read_raw_bytes() == jpeg.read_bytes()  # not re-encoded
        png_page = pdf.pages[marks["b layar.png"]]
        png_image = pikepdf.PdfImage(next(iter(png_page.get_images().values())))
        assert (png_image.width, png_image.height) == (1000, 500)
        assert png_image.as_pil_image().tobytes() == __import__("PIL.Image").Image.open(
            target / "b layar.png").convert("RGB").tobytes()


def test_identical_files_are_stored_once(project: Path, tmp_path: Path) -> None:
    big = image_bytes("besar", "PNG", size=(1600, 1600), seed=3)
    for code in ("I.1.a", "I.2.a", "I.4.b"):
        path = folder(project, code) / "sama.png"
        path.parent.mkdir(parents=True)
        path.write_bytes(big)
    shared_pdf = write_pdf(tmp_path / "bersama.pdf", "bersama", 2)
    for code in ("II.1.a", "II.1.b"):
        (folder(project, code)).mkdir(parents=True)
        shutil.copy(shared_pdf, folder(project, code) / "bersama.pdf")
    report, _ = bundle(project, tmp_path / "d.pdf")
    with pikepdf.open(tmp_path / "d.pdf") as pdf:
        images = {obj.objgen for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get(Name.Subtype) == Name.Image}
        assert len(images) == 1
        marks = {(depth, t): p for depth, t, p in outline_titles(PdfReader(tmp_path / "d.pdf"))}
        texts, contents = [], []
        for code in ("II.1.a", "II.1.b"):
            first = next(p for (depth, t), p in marks.items() if depth == 2 and t.startswith(code)) + 1
            for offset in range(2):
                page = pdf.pages[first + offset]
                texts.append(PdfReader(tmp_path / "d.pdf").pages[first + offset].extract_text())
                # each use has exactly its own stamp and one added strip
                assert texts[-1].count("hlm.") == 1 and f"{code}  |  hlm. {first + offset + 1}" in texts[-1]
                assert [float(v) for v in page.obj.MediaBox] == [0, 0, 595.28, 841.89]  # A4 stays A4
                contents.append(page.obj.Contents)
    assert all(len(c) == 3 for c in contents)  # save state, the page's own content, the stamp
    assert [c[1].objgen for c in contents[:2]] == [c[1].objgen for c in contents[2:]]  # stored once


def test_office_file_without_libreoffice_is_attached(project: Path, tmp_path: Path) -> None:
    data = docx_bytes("Notulen rapat")
    path = folder(project, "I.2.c") / "Notulen.docx"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    report, _ = bundle(project, tmp_path / "o.pdf", soffice=None)
    assert [f.name for f in report.attached] == ["Notulen.docx"]
    with pikepdf.open(tmp_path / "o.pdf") as pdf:
        attachments = dict(pdf.attachments)
        assert sorted(attachments) == ["I.2.c Notulen.docx", "manifest.json"]
        assert attachments["I.2.c Notulen.docx"].get_file().read_bytes() == data
        assert active_content(pdf) == []
    assert "LibreOffice tidak terpasang" in all_text(PdfReader(tmp_path / "o.pdf"))


# Skipped on a developer machine without LibreOffice; in CI (.ci/run installs it) a missing soffice fails.
@pytest.mark.skipif(find_soffice() is None and not os.environ.get("CI"),
                    reason="LibreOffice (soffice) tidak terpasang di mesin ini")
def test_office_file_is_converted_with_libreoffice(project: Path, tmp_path: Path) -> None:
    for n in (1, 2):
        path = folder(project, "I.2.c") / f"Notulen {n}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(docx_bytes(f"Notulen rapat nomor {n}"))
    report, _ = bundle(project, tmp_path / "c.pdf", soffice=find_soffice(),
                       cache_dir=project / ".cache" / "build_tools")
    text = all_text(PdfReader(tmp_path / "c.pdf"))
    assert "Notulen rapat nomor 1" in text and "Notulen rapat nomor 2" in text
    assert report.attached == ()
    cached = sorted((project / ".cache" / "build_tools" / "office").glob("*.pdf"))
    assert len(cached) == 2
    # Without a cache folder the conversions run again, side by side, with the same result.
    bundle(project, tmp_path / "c2.pdf", soffice=find_soffice(), cache_dir=None)
    assert all_text(PdfReader(tmp_path / "c2.pdf")) == text
    # A file LibreOffice cannot convert is a broken file, named.
    (folder(project, "I.2.c") / "Notulen 3.docx").write_bytes(b"PK\x03\x04 bukan dokumen")
    with pytest.raises(InputError) as err:
        bundle(project, tmp_path / "c3.pdf", soffice=find_soffice(), cache_dir=project / ".cache" / "build_tools")
    assert "Notulen 3.docx" in "\n".join(err.value.lines()) and "LibreOffice" in "\n".join(err.value.lines())


# ---------------------------------------------------------------------------
# Stamps
# ---------------------------------------------------------------------------

def _stamp_position(page: pikepdf.Page) -> tuple[float, float, tuple[int, int, int, int]]:
    """The user-space origin and matrix of the stamp text (read from the page's last stream)."""
    contents = page.obj.Contents
    last = contents[-1] if isinstance(contents, pikepdf.Array) else contents
    ops = pikepdf.parse_content_stream(last)
    tm = next(operands for operands, op in ops if str(op) == "Tm")
    a, b, c, d, e, f = (float(v) for v in tm)
    return e, f, (round(a), round(b), round(c), round(d))


def test_stamp_in_visible_margin_on_rotated_and_cropped_pages(project: Path, tmp_path: Path) -> None:
    special_pages_pdf(folder(project, "I.1.a") / "khusus.pdf")
    originals = [(0, 0, 595, 842, 90), (50, 60, 400, 500, 0), (20, 30, 280, 390, 270)]
    report, _ = bundle(project, tmp_path / "t.pdf")
    reader = PdfReader(tmp_path / "t.pdf")
    first = {t: p for _, t, p in outline_titles(reader)}["khusus.pdf"]
    with pikepdf.open(tmp_path / "t.pdf") as pdf:
        for offset, (x0, y0, x1, y1, rotate) in enumerate(originals):
            page = pdf.pages[first + offset]
            assert int(page.obj.get(Name.Rotate, 0)) == rotate
            # The page keeps its boxes: what was visible is still the visible area.
            crop = [float(v) for v in page.obj.get(Name.CropBox, page.obj.MediaBox)]
            assert crop == [x0, y0, x1, y1] or (rotate == 90 and crop == [0, 0, 595, 842])
            x, y, matrix = _stamp_position(page)
            # The stamp is inside the visible box, in the strip along the side shown at the bottom …
            assert x0 <= x <= x1 and y0 <= y <= y1
            g = geometry(pikepdf.Page(page.obj), scaled=True)
            strip = STRIP_RATIO * g.size
            side = {0: y - y0, 90: x1 - x, 270: x - x0}[rotate]
            assert 0 < side < strip
            expected = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 270: (0, -1, 1, 0)}[rotate]
            assert matrix == expected
            # … and the content is scaled into the rest: the old visible box lands beside the strip.
            ops = pikepdf.parse_content_stream(page.obj.Contents[0])
            cm = next(operands for operands, op in ops if str(op) == "cm")
            s_, _, _, d, e, f = (float(v) for v in cm)
            corners = [(s_ * x0 + e, d * y0 + f), (s_ * x1 + e, d * y1 + f)]
            if rotate == 0:
                assert abs(corners[0][1] - (y0 + strip)) < 0.01 and abs(corners[1][1] - y1) < 0.01
            elif rotate == 90:
                assert abs(corners[1][0] - (x1 - strip)) < 0.01 and abs(corners[0][0] - x0) < 0.01
            else:
                assert abs(corners[0][0] - (x0 + strip)) < 0.01 and abs(corners[1][0] - x1) < 0.01
            page_number = first + offset + 1
            assert f"hlm. {page_number}" in reader.pages[first + offset].extract_text()


# ---------------------------------------------------------------------------
# Environment and command line
# ---------------------------------------------------------------------------

def test_missing_font_is_a_clear_error(tmp_path: Path) -> None:
    assert find_fonts().regular.name == "DejaVuSans.ttf"
    with pytest.raises(OutputError, match="fonts-dejavu-core"):
        find_fonts(folders=[str(tmp_path)])


def test_cover_shows_readiness_when_given(project: Path, tmp_path: Path) -> None:
    bundle(project, tmp_path / "r.pdf", readiness={"Nilai pengungkit": "41,5 dari 60", "Predikat": "belum WBK"})
    cover = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "Kesiapan penilaian" in cover and "41,5 dari 60" in cover
    assert "Kelengkapan bukti" in cover and "Terlambat" in cover


def test_progress_bar_is_quiet_without_a_terminal(project: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["bundle", "--root", str(project), "--out", str(tmp_path / "p.pdf")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.startswith("bundel ditulis")


def test_cli_rejects_unknown_audience(project: Path, capsys) -> None:
    assert cli.main(["bundle", "--root", str(project), "--audience", "umum"]) == 2
    assert "pilihan 'umum' tidak sah" in capsys.readouterr().err


def test_output_is_not_written_inside_evidence(project: Path, tmp_path: Path, capsys) -> None:
    write_pdf(folder(project, "I.1.a") / "x.pdf", "x")
    before = tree_digest(project / "evidence")
    inside = folder(project, "I.1.a") / "bundel.pdf"
    assert cli.main(["bundle", "--root", str(project), "--out", str(inside)]) == 2
    assert "di dalam folder evidence/" in capsys.readouterr().err
    assert tree_digest(project / "evidence") == before
    bundle(project, tmp_path / "out" / "b.pdf")
    assert tree_digest(project / "evidence") == before
    assert (tmp_path / "out" / "b.pdf").stat().st_mode & 0o044  # readable by others, as usual


def test_repaired_pdf_is_included_and_reported(project: Path, tmp_path: Path) -> None:
    data = (write_pdf(tmp_path / "asli.pdf", "diperbaiki", 3)).read_bytes()
    at = data.rindex(b"startxref")
    damaged = data[:at] + b"startxref\n999999\n%%EOF\n"  # wrong cross-reference offset
    path = folder(project, "I.1.a") / "rusak ringan.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(damaged)
    report, project_state = bundle(project, tmp_path / "r.pdf")
    assert [f.name for f in project_state.scan.files if f.repaired] == ["rusak ringan.pdf"]
    assert [f.name for f in report.repaired] == ["rusak ringan.pdf"]
    assert any("diperbaiki" in line and "rusak ringan.pdf" in line for line in report.lines())
    titles = {t: p for _, t, p in outline_titles(PdfReader(tmp_path / "r.pdf"))}
    reader = PdfReader(tmp_path / "r.pdf")
    first = titles["rusak ringan.pdf"]
    assert [f"Halaman {n} dari 3" in reader.pages[first + n - 1].extract_text() for n in (1, 2, 3)] == [True] * 3


def test_cli_cover_shows_completeness_and_readiness(full_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "bundel.pdf"
    assert cli.main(["bundle", "--root", str(full_project), "--as-of", "2020-12-31", "--out", str(out)]) == 0
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Kelengkapan bukti" in cover and "Kesiapan penilaian" in cover
    # Every evidence item present: the lever part is full; no survey data yet.
    assert "Pengungkit 60,00 dari 60,00" in cover
    assert "Nilai total 60,00 dari 100,00" in cover
    assert "Syarat WBK belum terpenuhi" in cover
