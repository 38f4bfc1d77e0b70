"""A bundle that loses nothing: forms, links, page sizes and fonts, on PDFs the tests make.

Pages are rendered with poppler (``pdftoppm``, ``pdftotext``) as a reviewer's
viewer would show them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdf_makers import (
    A0,
    A4,
    A5,
    FORM_BOXES,
    FORM_TEXT,
    OUTLINE_TITLES,
    ROTATED_RECTS,
    filled_form,
    linked_pages,
    outlined_pages,
    rotated_field,
    sized_pages,
    vector_pdf,
)
from pikepdf import Name
from PIL import Image
from pypdf import PdfReader

from build_tools.bundle.build import BundleOptions, build_bundle
from build_tools.bundle.stamp import STRIP_RATIO, geometry
from build_tools.evidence.audience import Audience
from build_tools.pipeline import load_project

AS_OF = dt.date(2021, 1, 31)
# Skipped on a developer machine without poppler; in CI (.ci/run installs it) a missing pdftoppm fails.
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"),
                                reason="poppler-utils (pdftoppm) tidak terpasang di mesin ini")


def bundle(root: Path, out: Path, **options):
    options.setdefault("soffice", None)
    options.setdefault("audience", Audience.REVIEWER)
    project = load_project(root, AS_OF)
    return build_bundle(project, out, BundleOptions(**options)), project


def folder(root: Path, code: str) -> Path:
    return root / "evidence" / code


def page_of(out: Path, title: str) -> int:
    """0-based page of the bookmark ``title`` (an evidence file's first page)."""
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            if item.title == title:
                return pdf.pages.index(pikepdf.Page(item.destination[0]))
            stack += list(item.children)
    raise AssertionError(title)


def text_of(out: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-layout", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout


def render(out: Path, page: int, tmp_path: Path, *, scale_to: int = 1000) -> Image.Image:
    """The page as a viewer shows it at fit-to-window: its longer side ``scale_to`` pixels."""
    stem = tmp_path / f"p{page}"
    subprocess.run(["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-scale-to", str(scale_to), "-png",
                    "-singlefile", str(out), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("need_appearances,stale", [(True, True), (False, False), (True, False)],
                         ids=["NeedAppearances-usang", "tanpa-tampilan", "NeedAppearances-tanpa-tampilan"])
def test_filled_form_values_show_in_the_bundle(project: Path, tmp_path: Path, need_appearances, stale) -> None:
    filled_form(folder(project, "V.5.a") / "Form Benturan Kepentingan.pdf",
                need_appearances=need_appearances, stale=stale)
    out = tmp_path / "f.pdf"
    bundle(project, out)
    page = page_of(out, "Form Benturan Kepentingan.pdf")
    text = " ".join(text_of(out, page).split())
    for value in FORM_TEXT:
        assert value in text, value
    # Checkboxes and radio buttons show their state: ink inside the chosen boxes only.
    image = render(out, page, tmp_path)
    with pikepdf.open(out) as pdf:
        bundled = pdf.pages[page]
        g = geometry(pikepdf.Page(bundled.obj), scaled=True)
        assert Name.Annots not in bundled.obj or not any(
            a.get(Name.Subtype) == Name.Widget for a in bundled.obj.Annots)
        assert Name.AcroForm not in pdf.Root
        height = float(bundled.mediabox[3])
    scale = image.height / height
    for name, (rect, checked) in FORM_BOXES.items():
        (x0, y0), (x1, y1) = g.apply(rect[0], rect[1]), g.apply(rect[2], rect[3])
        box = (round(x0 * scale) + 2, round((height - y1) * scale) + 2,
               round(x1 * scale) - 2, round((height - y0) * scale) - 2)
        dark = sum(1 for px in pixels(image.crop(box)) if sum(px) < 200)
        assert (dark > 10) is checked, (name, dark)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_turned_widget_shows_its_value_turned(project: Path, tmp_path: Path, rotation: int) -> None:
    """/MK /R: the value runs along the widget as the viewer turns it, from its start (left-aligned)."""
    rotated_field(folder(project, "V.5.a") / "diputar.pdf", rotation)
    out = tmp_path / "r.pdf"
    bundle(project, out)
    page = page_of(out, "diputar.pdf")
    image = render(out, page, tmp_path, scale_to=1400)
    with pikepdf.open(out) as pdf:
        g = geometry(pikepdf.Page(pdf.pages[page].obj), scaled=True)
        height = float(pdf.pages[page].mediabox[3])
    scale = image.height / height
    x0, y0, x1, y1 = ROTATED_RECTS[rotation]
    (px0, py0), (px1, py1) = g.apply(x0, y0), g.apply(x1, y1)
    left, top = round(px0 * scale), round((height - py1) * scale)
    crop = image.crop((left, top, round(px1 * scale), round((height - py0) * scale)))
    dark = [(n % crop.width, n // crop.width) for n, px in enumerate(pixels(crop)) if sum(px) < 300]
    assert len(dark) > 50, "the value is drawn"
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    ink_w, ink_h = max(xs) - min(xs), max(ys) - min(ys)
    if rotation in (90, 270):
        assert ink_h > 3 * ink_w, (ink_w, ink_h)  # runs up or down the tall widget, not clipped across it
        starts_low = max(ys) > crop.height * 0.8
        assert starts_low is (rotation == 90), (min(ys), max(ys), crop.height)  # 90: reads bottom to top
    else:
        assert ink_w > 3 * ink_h, (ink_w, ink_h)
        starts_left = min(xs) < crop.width * 0.2
        assert starts_left is (rotation == 0), (min(xs), max(xs), crop.width)  # 180: upside down, from the right


def test_form_values_are_drawn_in_an_embedded_font(project: Path, tmp_path: Path) -> None:
    filled_form(folder(project, "V.5.a") / "form.pdf", need_appearances=True, stale=True)
    vector_pdf(folder(project, "I.1.a") / "gambar.pdf")
    out = tmp_path / "f.pdf"
    bundle(project, out)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    names = [row[0] for row in rows]
    # Only the bundle's own two faces: every text it draws (pages, stamps, form values) is embedded.
    assert len(rows) == 2 and all(row[4:7] == ["yes", "yes", "yes"] for row in rows), fonts
    assert sorted(n.split("+")[1] for n in names) == ["DejaVuSans", "DejaVuSans-Bold"]
    assert len({n.split("+")[0] for n in names}) == 2  # distinct subset tags
    assert "Helvetica" not in fonts


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------

def _links(pdf: pikepdf.Pdf, index: int) -> list[pikepdf.Dictionary]:
    return [a for a in pdf.pages[index].obj.get(Name.Annots, []) if a.get(Name.Subtype) == Name.Link]


def _outline_children(out: Path, title: str) -> tuple[int, list[tuple[str, int, bool]], bool]:
    """The file's first page, and its bookmark's children as (title, page, closed)."""
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            node = stack.pop()
            if node.title == title:
                def page(item) -> int:
                    return pdf.pages.index(pikepdf.Page(item.destination[0]))

                rows = [(c.title, page(c), c.is_closed) for c in node.children]
                rows += [(g.title, page(g), g.is_closed) for c in node.children for g in c.children]
                return page(node), rows, node.is_closed
            stack += list(node.children)
    raise AssertionError(title)


@pytest.mark.parametrize("looped", [False, True], ids=["outline", "outline-berputar"])
def test_a_files_bookmarks_sit_under_its_own(project: Path, tmp_path: Path, looped: bool) -> None:
    outlined_pages(folder(project, "IV.2.c") / "laporan.pdf", looped=looped)
    out = tmp_path / "o.pdf"
    bundle(project, out)
    first, rows, closed = _outline_children(out, "laporan.pdf")
    titles = [t for t, _, _ in rows]
    assert titles == [OUTLINE_TITLES[i] for i in (0, 2, 3, 4, 5, 1)], titles  # the top level, then Bab 1's child
    pages = {t: p - first for t, p, _ in rows}
    assert pages == {"Bab 1 Pendahuluan": 0, "Bab 1.1 Latar belakang": 0, "Bab 2 Hasil": 1,
                     "Bab 3 Tindak lanjut": 2, "Lampiran (halaman hilang)": 0, "Judul dengan kendali": 2}
    assert len(rows) == 6, "each bookmark once, even when the outline loops"
    assert closed and dict((t, c) for t, _, c in rows)["Bab 1 Pendahuluan"] is True


def test_links_land_on_the_right_bundle_page(project: Path, tmp_path: Path) -> None:
    source = linked_pages(folder(project, "I.1.a") / "daftar isi.pdf")
    folder(project, "I.1.b").mkdir(parents=True)
    shutil.copy(source, folder(project, "I.1.b") / "daftar isi.pdf")  # the same file under a second code
    out = tmp_path / "l.pdf"
    bundle(project, out)
    with pikepdf.open(out) as pdf:
        starts = []
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                if item.title == "daftar isi.pdf":
                    starts.append(pdf.pages.index(pikepdf.Page(item.destination[0])))
                stack += list(item.children)
        assert len(starts) == 2
        for first in starts:
            links = _links(pdf, first)
            targets = [pdf.pages.index(pikepdf.Page(a.Dest[0])) for a in links if Name.Dest in a]
            # explicit GoTo → page 3, name tree → page 2, old /Dests name → page 3: of this copy
            assert targets == [first + 2, first + 1, first + 2]
            uris = [str(a.A.URI) for a in links if Name.A in a]
            assert uris == ["https://example.org/laporan", "mailto:zi@example.org"]
            assert len(links) == 5  # javascript:, file:, Launch and GoToR links are gone
            # The view position follows the scaled content of the target page.
            explicit = links[0].Dest
            g = geometry(pikepdf.Page(pdf.pages[first + 2].obj), scaled=True)
            assert str(explicit[1]) == "/XYZ" and abs(float(explicit[3]) - g.apply(0, 800)[1]) < 0.01
            assert str(links[2].Dest[1]) == "/FitH" and abs(float(links[2].Dest[2]) - g.apply(0, 700)[1]) < 0.01
            # The link rectangles moved with the content.
            x0, y0 = g.apply(50, 700)
            assert [round(float(v), 2) for v in links[0].Rect][:2] == [round(x0, 2), round(y0, 2)]
    # poppler follows them too: its link list shows the same targets.
    reader = PdfReader(out)
    annots = [a.get_object() for a in reader.pages[starts[0]]["/Annots"]]
    assert [reader.get_page_number(a["/Dest"][0].get_object()) for a in annots if "/Dest" in a] == \
        [starts[0] + 2, starts[0] + 1, starts[0] + 2]


# ---------------------------------------------------------------------------
# Page sizes and the stamp
# ---------------------------------------------------------------------------

def test_pages_keep_their_size_and_the_stamp_fits(project: Path, tmp_path: Path) -> None:
    sized_pages(folder(project, "I.1.a") / "ukuran.pdf")
    out = tmp_path / "s.pdf"
    bundle(project, out)
    first = page_of(out, "ukuran.pdf")
    sizes = [A4, A5, A0, A4]
    heights = []
    with pikepdf.open(out) as pdf:
        for offset, (w, h) in enumerate(sizes):
            page = pdf.pages[first + offset]
            assert [float(v) for v in page.mediabox] == [0, 0, w, h]
            assert Name.CropBox not in page.obj
    for offset, (w, h) in enumerate(sizes):
        rotated = offset == 3
        image = render(out, first + offset, tmp_path)
        shown_w, shown_h = (h, w) if rotated else (w, h)
        scale = image.height / shown_h
        with pikepdf.open(out) as pdf:
            size = geometry(pikepdf.Page(pdf.pages[first + offset].obj), scaled=True).size
        strip = STRIP_RATIO * size * scale
        # Blue content above the strip, none in it: the stamp covers nothing.
        strip_pixels = pixels(image.crop((0, image.height - int(strip) + 1, image.width, image.height)))
        assert not any(b > 150 and r < 80 for r, g, b in strip_pixels)
        above = image.crop((0, 0, image.width, image.height - int(strip) - 2))
        blue = sum(1 for r, g, b in pixels(above) if b > 150 and r < 80)
        assert blue > 0.9 * above.width * above.height * 0.95
        # The stamp is readable at fit-to-window: its letters are as tall on screen on A5 as on A0.
        words = subprocess.run(["pdftotext", "-bbox", "-f", str(first + offset + 1), "-l", str(first + offset + 1),
                                str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "hlm." in words
        line = next(part for part in words.split("<word ")[1:] if part.split(">", 1)[1].startswith("hlm."))
        y_min = float(line.split('yMin="')[1].split('"')[0])
        y_max = float(line.split('yMax="')[1].split('"')[0])
        heights.append((y_max - y_min) * scale)
    assert all(h >= 8 for h in heights), heights  # pixels on a 1000-pixel window
    assert max(heights) / min(heights) < 1.6, heights


# ---------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------

def test_metadata_in_xmp_and_info(project: Path, tmp_path: Path) -> None:
    plan = (project / "plan.yaml").read_text(encoding="utf-8")
    hostile = 'Unit <b>&amp; "kutip" </b>'
    name_line = next(line for line in plan.splitlines() if line.strip().startswith("nama:"))
    (project / "plan.yaml").write_text(plan.replace(name_line, name_line.split(":")[0] + ": '" + hostile + "'", 1),
                                       encoding="utf-8")
    vector_pdf(folder(project, "I.1.a") / "a.pdf")
    out = tmp_path / "m.pdf"
    report, project_state = bundle(project, out)
    assert project_state.plan.unit.name == hostile
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(pdf.docinfo.Title) and hostile in meta["dc:title"]
        assert meta["dc:creator"] == [hostile]
        ns = "{https://zona-integritas.invalid/ns/bundel/1.0/}"
        assert meta[ns + "unit"] == hostile
        assert meta[ns + "period"] == project_state.plan.period.label()
        assert meta[ns + "asOf"] == AS_OF.isoformat()
        assert meta[ns + "inputFingerprint"] == report.fingerprint == str(pdf.docinfo["/ZIInputFingerprint"])
        assert meta["xmp:CreateDate"].startswith("2021-01-31")
        raw = pdf.Root.Metadata.read_bytes()
    assert b"<b>" not in raw and b"&lt;b&gt;" in raw  # escaped XML


def test_bytes_do_not_depend_on_earlier_builds_in_the_process(tmp_path: Path) -> None:
    """A fresh process and one that has already built another unit's bundle write the same bytes."""
    import sys

    from goldens import make_guideline_unit, make_lke_unit

    from build_tools import cli

    unit, other = make_lke_unit(tmp_path / "lke"), make_guideline_unit(tmp_path / "pedoman")
    args = ["bundle", "--root", str(unit), "--as-of", "2026-08-15", "--allow-broken"]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-m", "build_tools", *args, "--out", str(tmp_path / "segar.pdf")],
                   check=True, capture_output=True, env=env, cwd=Path(__file__).resolve().parent.parent)
    assert cli.main(["bundle", "--root", str(other), "--as-of", "2020-09-15", "--allow-broken",
                     "--out", str(tmp_path / "lain.pdf")]) == 0
    assert cli.main([*args, "--out", str(tmp_path / "kedua.pdf")]) == 0
    assert (tmp_path / "segar.pdf").read_bytes() == (tmp_path / "kedua.pdf").read_bytes()
