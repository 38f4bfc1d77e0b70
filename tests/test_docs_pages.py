"""The hand-written guideline pages in docs/pedoman/.

The site renders every docs page through Jinja2 before mkdocs; the pages call
the generator's functions (``rencana_aksi('I')``, ``syarat('wbk')`` …) for the
data that lives in plan.yaml. These tests render the pages with stub functions
that record the calls (a test of the pages, not of the generator) and check
that every call names an area, survey or predicate of the shipped plan, that
every piece of plan data is shown exactly once, that the pages keep the
guideline's wording and numbering, and that their Markdown is well formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml

from build_tools.plan.structure import Plan

REPO = Path(__file__).resolve().parent.parent
PAGES_DIR = REPO / "docs" / "pedoman"

KATA_PENGANTAR = "kata-pengantar.md"
BAB_1 = "bab-1-pendahuluan.md"
BAB_2 = "bab-2-tahapan.md"
BAB_3 = "bab-3-rencana-kerja.md"
PAGES = (KATA_PENGANTAR, BAB_1, BAB_2, BAB_3)

# The headings of each page, in order, as the guideline numbers them.
HEADINGS = {
    KATA_PENGANTAR: ["KATA PENGANTAR"],
    BAB_1: [
        "BAB I PENDAHULUAN",
        "I.1. Latar belakang",
        "I.2. Dasar Hukum",
        "I.3. Maksud dan Tujuan",
        "I.4. Pengertian Umum",
    ],
    BAB_2: [
        "BAB II TAHAPAN PEMBANGUNAN ZONA INTEGRITAS",
        "II.1. Pencanaan Pembangunan Zona Integritas",
        "II.2. Proses Pembangunan Zona Integritas Menuju WBK/WBBM",
        "II.3 Syarat Dan Mekanisme Penetapan Unit Kerja Berpredikat Menuju WBK Dan Menuju WBBM",
    ],
    BAB_3: [
        "BAB III RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS",
        "III.1 Skema Zona Integritas",
        "III.2 Rencana Kerja Zona Integritas",
        "A. Rencana Aksi Atas Komponen Pengungkit",
        "1. Manajemen Perubahan",
        "2. Penataan Tatalaksana",
        "3. Penataan Sistem Manajemen Sumber Daya Manusia",
        "4. Penguatan Akuntabilitas",
        "5. Penguatan Pengawasan",
        "6. Peningkatan Kualitas Pelayanan Publik",
        "B. Rencana Aksi Atas Komponen Hasil",
        "1. Pemerintahan yang Bersih dan Bebas KKN",
        "2. Kualitas Pelayanan Publik",
        "C. Timeline Pelaksanaan Rencana Aksi",
    ],
}

# Distinctive sentences of the guideline, copied from the source text; each must
# appear verbatim in the visible text of its page (typos of the guideline kept).
KEY_SENTENCES = [
    (KATA_PENGANTAR, "Kami menyadari dalam desain ini masih banyak ditemui berbagai kekurangan."),
    (KATA_PENGANTAR, "dapat menjadi *pilot project* dan *benchmark* untuk unit kerja lainnya"),
    (BAB_1, "Capaian indeks reformasi birokrasi Kementerian Energi dan Sumber Daya Mineral (ESDM) "
            "Tahun 2016 baru mencapai 73,86 yang terdiri atas 8 (delapan) komponen pengungkit dan "
            "3 (tiga) komponen hasil."),
    (BAB_1, "Maksud penyusunan pedoman ini adalah sebagai acuan bagi unit kerja di lingkungan "
            "Kementerian ESDM dalam membangun zona integritas menuju WBK/WBBM."),
    (BAB_1, "Unit Kerja adalah Unit/Satuan Kerja di instansi pemerintah, serendah-rendahnya eselon III "
            "yang menyelenggarakan fungsi pelayanan;"),
    (BAB_1, "Menteri adalah Menteri Pendayagunaan Aparatur Negara dan Refomasi Birokrasi;"),
    (BAB_2, "penandatanganan Piagam Pencanaan Pembangunan Zona Integritas oleh Menteri ESDM pada "
            "tanggal 14 Desember 2012."),
    (BAB_2, "Terdapat dua jenis komponen yang harus dibangun dalam unit kerja terpilih, yaitu "
            "komponen pengungkit dan komponen hasil."),
    # Split by a page break in the source ("dapat" / "menghasilkan"); joined on the page.
    (BAB_2, "merupakan komponen pengungkit yang diharapkan dapat menghasilkan sasaran pemerintahan "
            "yang bersih dan bebas KKN serta peningkatan kualitas pelayanan publik."),
    (BAB_2, "Apabila hasil penilaian mandiri mendapat predikat WBK maka unit kerja tersebut diusulkan "
            "ke KemenPAN-RB untuk dilakukan reuiu;"),
    (BAB_2, "TPN yang terdiri dari KemenPAN-RB beserta KPK dan ORI melakukan penilaian terhadap unit "
            "kerja yang diusulkan;"),
    (BAB_2, "Penetapan unit kerja berpredikat WBK/WBBM dituangkan dalam keputusan Menteri."),
    (BAB_3, "Zona Integritas (ZI) adalah sebutan atau predikat yang diberikan kepada Kementerian atau "
            "Lembaga yang pimpinan dan jajarannya mempunyai niat (komitmen untuk pencegahan korupsi, "
            "peningkatan pelaksanaan reformasi birokrasi, dan kualitas pelayanan publik)."),
    (BAB_3, "Timeline pelaksanaan rencana aksi untuk pembangunan zona integritas adalah sebagai berikut"),
]

# Where each generator function belongs.
PAGE_OF = {
    "daftar_dasar_hukum": BAB_1,
    "tabel_bobot": BAB_2,
    "aspek_survei": BAB_2,
    "syarat": BAB_2,
    "rencana_aksi": BAB_3,
    "target_area": BAB_3,
    "linimasa_tabel": BAB_3,
}
NO_ARGUMENT = {"daftar_dasar_hukum", "tabel_bobot", "linimasa_tabel"}

# A generator call stands alone on its line: it produces a Markdown block.
BLOCK_CALL = re.compile(r"^\{\{ (?P<name>[a-z_]+)\((?:'(?P<arg>[A-Za-z0-9_.]+)')?\) \}\}$")
# Expressions the pages may use inline, inside a sentence.
INLINE_EXPRESSIONS = ("{{ unit.name }}", "{{ plan.period.label() }}")
COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


@dataclass(frozen=True)
class Call:
    page: str
    name: str
    args: tuple[object, ...]
    kwargs: tuple[tuple[str, object], ...]


def _render(page: str, plan: Plan, calls: list[Call]) -> str:
    def stub(name: str):
        def record(*args: object, **kwargs: object) -> str:
            calls.append(Call(page, name, args, tuple(sorted(kwargs.items()))))
            return f"[[{name}]]"
        return record

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string((PAGES_DIR / page).read_text(encoding="utf-8"))
    return template.render({name: stub(name) for name in PAGE_OF}, unit=plan.unit, plan=plan)


@pytest.fixture(scope="module")
def rendered(shipped_plan: Plan) -> tuple[dict[str, str], list[Call]]:
    calls: list[Call] = []
    pages = {page: _render(page, shipped_plan, calls) for page in PAGES}
    return pages, calls


def _visible(text: str) -> str:
    """The page without its HTML comments (CATATAN notes)."""
    return COMMENT.sub("", text)


def _front_matter(text: str) -> tuple[dict, str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, "page must start with a YAML front matter block"
    return yaml.safe_load(match.group(1)), text[match.end():]


def _table_cells(line: str) -> list[str]:
    """Cells of a Markdown table row; escaped pipes and code spans do not split."""
    cells, current, in_code, i = [], "", False, 0
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            current += body[i:i + 2]
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append(current)
            current = ""
        else:
            current += ch
        i += 1
    cells.append(current)
    return cells


def _tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _html(text: str) -> str:
    return markdown.markdown(_front_matter(text)[1], extensions=["tables", "toc"])


# ---------------------------------------------------------------------------


def test_pages_are_the_expected_set() -> None:
    assert sorted(p.name for p in PAGES_DIR.glob("*.md")) == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_page_has_a_title(page: str) -> None:
    meta, body = _front_matter((PAGES_DIR / page).read_text(encoding="utf-8"))
    assert isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip()
    assert body.strip(), f"{page} has no content"


@pytest.mark.parametrize("page", PAGES)
def test_only_known_template_syntax(page: str) -> None:
    source = (PAGES_DIR / page).read_text(encoding="utf-8")
    assert "{%" not in source and "{#" not in source, "no Jinja statements or comments in the pages"
    lines = source.splitlines()
    for number, line in enumerate(lines, start=1):
        rest = line
        for expression in INLINE_EXPRESSIONS:
            rest = rest.replace(expression, "")
        if "{{" not in rest and "}}" not in rest:
            continue
        match = BLOCK_CALL.match(line)
        assert match and match.group("name") in PAGE_OF, f"{page}:{number}: unexpected template text {line!r}"
        # A block needs blank lines around it so that its Markdown stands alone.
        before_ok = lines[number - 2] == ""
        after_ok = number == len(lines) or lines[number] == ""
        assert before_ok and after_ok, f"{page}:{number}: call not set apart by blank lines"


def test_every_call_names_plan_data(rendered: tuple[dict[str, str], list[Call]], shipped_plan: Plan) -> None:
    _, calls = rendered
    areas = {area.id for area in shipped_plan.areas}
    surveys = {survey.id for survey in shipped_plan.surveys}
    predicates = set(shipped_plan.requirements)
    valid = {"rencana_aksi": areas, "target_area": areas, "aspek_survei": surveys, "syarat": predicates}
    assert calls
    for call in calls:
        assert call.kwargs == (), call
        assert call.page == PAGE_OF[call.name], f"{call.name} belongs on {PAGE_OF[call.name]}, not {call.page}"
        if call.name in NO_ARGUMENT:
            assert call.args == (), call
        else:
            assert len(call.args) == 1 and call.args[0] in valid[call.name], call


def test_every_piece_of_plan_data_is_shown_once_in_plan_order(
    rendered: tuple[dict[str, str], list[Call]], shipped_plan: Plan
) -> None:
    _, calls = rendered

    def args_of(name: str) -> list[object]:
        return [call.args[0] for call in calls if call.name == name]

    area_ids = [area.id for area in shipped_plan.lever_areas + shipped_plan.result_areas]
    assert args_of("rencana_aksi") == area_ids
    assert args_of("target_area") == area_ids
    assert args_of("aspek_survei") == [survey.id for survey in shipped_plan.surveys]
    assert args_of("syarat") == ["wbk", "wbbm"] == list(shipped_plan.requirements)
    for name in NO_ARGUMENT:
        assert [c for c in calls if c.name == name] == [Call(PAGE_OF[name], name, (), ())]


def test_no_template_syntax_left_after_rendering(rendered: tuple[dict[str, str], list[Call]]) -> None:
    pages, _ = rendered
    for page, text in pages.items():
        for token in ("{{", "}}", "{%", "%}", "{#"):
            assert token not in text, f"{page}: {token!r} left after rendering"


@pytest.mark.parametrize(("page", "sentence"), KEY_SENTENCES)
def test_key_sentences_of_the_guideline(
    rendered: tuple[dict[str, str], list[Call]], page: str, sentence: str
) -> None:
    pages, _ = rendered
    assert sentence in _visible(pages[page])


@pytest.mark.parametrize("page", PAGES)
def test_headings_follow_the_guideline(rendered: tuple[dict[str, str], list[Call]], page: str) -> None:
    pages, _ = rendered
    html = _html(pages[page])
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html)]
    assert headings == HEADINGS[page]
    assert html.count("<h1") == 1


@pytest.mark.parametrize("page", PAGES)
def test_hand_written_tables_are_well_formed(rendered: tuple[dict[str, str], list[Call]], page: str) -> None:
    pages, _ = rendered
    text = _visible(pages[page])
    tables = _tables(text)
    for table in tables:
        widths = {len(_table_cells(row)) for row in table}
        assert len(widths) == 1, f"{page}: a row's cell count differs (a '|' in the text?): {table}"
        assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1].strip()), f"{page}: bad delimiter row"
    assert _html(pages[page]).count("<table>") == len(tables)


def test_bab_3_scheme_table_is_rendered(rendered: tuple[dict[str, str], list[Call]]) -> None:
    pages, _ = rendered
    html = _html(pages[BAB_3])
    assert html.count("<table>") == 1
    assert "<th>Tahapan</th>" in html and html.count("<tr>") == 7  # header and six stages


@pytest.mark.parametrize("page", PAGES)
def test_catatan_notes_stay_in_comments(page: str) -> None:
    source = (PAGES_DIR / page).read_text(encoding="utf-8")
    assert source.count("<!--") == source.count("-->") == len(COMMENT.findall(source))
    for body in COMMENT.findall(source):
        assert body.strip().startswith("CATATAN:"), body
        assert "--" not in body, "'--' is not allowed inside an HTML comment"
    assert "CATATAN" not in _visible(source)


@pytest.mark.parametrize("page", PAGES)
def test_links_point_to_pages_that_exist(page: str) -> None:
    source = _visible((PAGES_DIR / page).read_text(encoding="utf-8"))
    for target in re.findall(r"\]\(([^)]+)\)", source):
        assert "://" not in target, f"{page}: no external links ({target})"
        path = target.split("#", 1)[0]
        assert path and (PAGES_DIR / path).is_file(), f"{page}: link to missing page {target}"
