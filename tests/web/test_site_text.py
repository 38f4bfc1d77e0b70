"""Escaping, formatting and the functions offered to the hand-written pages."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest

from build_tools.core.errors import InputError
from build_tools.evidence.audience import Audience
from build_tools.pipeline import load_project
from build_tools.site.markup import md, number, size, slug
from build_tools.site.pages import ExtraPage, render_site

AS_OF = dt.date(2020, 6, 15)
HOSTILE = [
    "<script>alert(1)</script>.pdf",
    "a | b | c",
    "*tebal* dan _miring_ dan `kode`",
    "[tautan](javascript:alert(1))",
    "# bukan judul",
    "1. bukan daftar",
    "- bukan butir",
    "&amp; sudah lolos",
    '"kutip" \'tunggal\' {: .kelas } ~~coret~~ ^^sisip^^ ==tanda==',
    "garis\nbaru\tdan   spasi",
]


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "admonition"])


def _visible(html: str) -> str:
    import html as htmlmod
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_text_is_shown_literally_in_a_paragraph(text):
    out = _render(f"Berkas: {md(text)}")
    assert _visible(out) == "Berkas: " + " ".join(text.split())
    assert "<script" not in out and "<a " not in out and "<em>" not in out and "<code>" not in out


@pytest.mark.parametrize("text", HOSTILE)
def test_text_cannot_break_a_table(text):
    out = _render(f"| A | B |\n|---|---|\n| {md(text)} | x |\n")
    cells = re.findall(r"<td>(.*?)</td>", out, re.S)
    assert len(cells) == 2
    assert _visible(cells[0]) == " ".join(text.split()) and cells[1] == "x"


@pytest.mark.parametrize("text", HOSTILE)
def test_text_opening_a_line_stays_text(text):
    out = _render(f"{md(text)}\n")
    assert out.startswith("<p>") and _visible(out) == " ".join(text.split())


@pytest.mark.parametrize(("value", "expected"), [(60, "60"), (1.25, "1,25"), (0.625, "0,62"), (13.5, "13,5")])
def test_number(value, expected):
    assert number(value) == expected


def test_size_and_slug():
    assert size(512) == "512 B" and size(12345) == "12,1 KB" and size(3 << 20) == "3,0 MB"
    assert slug("<script>alert(1)</script>.PDF") == "script-alert-1-script.pdf"
    assert slug("Laporan Ñoño | *final*.pdf") == "Laporan-Nono-final.pdf"
    assert slug("....pdf") == "berkas.pdf"
    assert re.fullmatch(r"[A-Za-z0-9._-]+", slug("a/b\\c:d?e\"f<g>h.jpeg"))


def test_macros_render_plan_data(project, shipped_plan):
    docs = project / "docs"
    docs.mkdir()
    (docs / "halaman.md").write_text(
        "{{ tabel_bobot() }}\n{{ daftar_dasar_hukum() }}\n{{ aspek_survei('kualitas_pelayanan') }}\n"
        "{{ syarat('wbbm') }}\n{{ rencana_aksi('B.2') }}\n{{ target_area('I') }}\n"
        "{{ rencana_aksi('VI') }}\n{{ linimasa_tabel() }}\n{{ unit.name }} {{ plan.period.label() }}\n")
    page = render_site(load_project(project, AS_OF), docs).pages["halaman.md"]
    html = _render(page)
    assert "<strong>Komponen Pengungkit</strong>" in html and "<strong>100</strong>" in html
    for area in shipped_plan.areas:
        assert re.search(rf"<td[^>]*>{re.escape(area.name)}</td>", html), area.name
    for law in shipped_plan.legal_basis:
        assert " ".join(law.split())[:60] in _visible(html)
    for aspect in shipped_plan.surveys[1].aspects:
        assert f"<li>{aspect.text}</li>" in html
    for condition in shipped_plan.requirements["wbbm"].unit:
        assert condition in _visible(html)
    assert '<ol type="a">' in html
    for code in shipped_plan.area("III").evidence:
        assert f'href="bukti/{code.code}/index.md"' in html
    assert shipped_plan.unit.name in html


@pytest.mark.parametrize(("source", "message"), [
    ("{{ rencana_aksi('IX') }}", "area 'IX' tidak ada"),
    ("{{ aspek_survei('kepuasan') }}", "survei 'kepuasan' tidak ada"),
    ("{{ syarat('wbx') }}", "persyaratan 'wbx' tidak ada"),
    ("{{ tabel_bobt() }}", "tabel_bobt"),
    ("baris satu\n{% if %}", "sintaks Jinja"),
])
def test_bad_calls_name_the_file_and_line(project, source, message):
    docs = project / "docs"
    (docs / "pedoman").mkdir(parents=True)
    (docs / "pedoman" / "bab.md").write_text(source)
    with pytest.raises(InputError) as info:
        render_site(load_project(project, AS_OF), docs)
    text = "\n".join(info.value.lines())
    assert message in text and "pedoman/bab.md" in text


def test_handwritten_page_may_not_replace_a_generated_one(project):
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Rumah\n")
    with pytest.raises(InputError) as info:
        render_site(load_project(project, AS_OF), project / "docs")
    assert "dibuat otomatis" in "\n".join(info.value.lines())


def test_extra_page_placement(project):
    p = load_project(project, AS_OF)
    sources = render_site(p, None, extra_pages={
        "penilaian/index.md": "# Penilaian\n",
        "ringkas.md": ExtraPage("# R\n", "Ringkasan", after="beranda")})
    nav = sources.config.split("nav:", 1)[1]
    order = [line.strip() for line in nav.splitlines() if line.startswith("- ")]
    assert order[:2] == ["- Beranda: index.md", "- Ringkasan: ringkas.md"]
    assert order.index("- Penilaian: penilaian/index.md") == order.index("- Linimasa: linimasa/index.md") + 1


def test_public_view_hides_restricted_files(full_project):
    folder = next(p for p in (full_project / "evidence").iterdir() if p.name.startswith("V.4.b"))
    (folder / "_akses.yaml").write_text("akses: terbatas\n")
    p = load_project(full_project, AS_OF)
    public = render_site(p, None, audience=Audience.PUBLIC)
    reviewer = render_site(p, None, audience=Audience.REVIEWER)
    assert not any(path.startswith("berkas/V.4.b/") for path in public.files)
    assert any(path.startswith("berkas/V.4.b/") for path in reviewer.files)
    assert "1 berkas tersedia untuk penilai" in public.pages["indeks-bukti/index.md"]
    assert len(reviewer.files) == len(public.files) + 1


def test_docs_images_are_copied(project, tmp_path):
    docs = project / "docs"
    (docs / "gambar").mkdir(parents=True)
    (docs / "gambar" / "skema.png").write_bytes(b"\x89PNG fake")
    (docs / ".catatan.txt").write_text("x")
    (docs / "skema.md").write_text("# Skema\n\n![Skema](gambar/skema.png)\n")
    sources = render_site(load_project(project, AS_OF), docs)
    assert sources.files["gambar/skema.png"] == docs / "gambar" / "skema.png"
    assert not any(".catatan" in p for p in sources.files)
