"""The site's LKE section (lke.yaml at the unit root), read back from the real mkdocs build."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, LKE_NOTE, RESTRICTED
from sitecheck import links

from build_tools import cli
from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_report import assess
from build_tools.core.errors import InputError
from build_tools.evidence.audience import Audience
from build_tools.pipeline import assess_answers, assess_lke, load_project
from build_tools.site.build import build_site
from build_tools.site.pages import render_site


def _page(site, path: str) -> str:
    return (site.out / path).read_text("utf-8")


def _card(page: str, question_id: str) -> str:
    """The HTML of one question card."""
    start = page.rindex('<div class="zi-lke-q', 0, page.index(f'id="q-{question_id}"'))
    end = page.index("</dl>", start)
    return page[start:end] + page[end:].split("</div>", 1)[0]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(scope="module")
def lke(public_site):
    project = load_project(public_site.root, AS_OF)
    return assess(project.plan, project.completeness, load_answers(public_site.root / "lke.yaml", project.plan))


def test_lke_section_follows_penilaian_in_the_nav(public_site):
    home = _page(public_site, "index.html")
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', home)
    assert tabs[tabs.index("Penilaian") + 1] == "LKE"
    nav = yaml.safe_load((public_site.src / "mkdocs.yml").read_text("utf-8"))["nav"]
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in nav]
    assert titles[titles.index("Penilaian") + 1] == "LKE"
    section = nav[titles.index("LKE")]["LKE"]
    assert section == ["lke/index.md", {"1. Manajemen Perubahan": "lke/area-1/index.md"},
                       {"2. Penataan Tatalaksana": "lke/area-2/index.md"},
                       {"3. Penataan Sistem Manajemen SDM Aparatur": "lke/area-3/index.md"},
                       {"4. Penguatan Akuntabilitas": "lke/area-4/index.md"},
                       {"5. Penguatan Pengawasan": "lke/area-5/index.md"},
                       {"6. Peningkatan Kualitas Pelayanan Publik": "lke/area-6/index.md"},
                       {"Hasil": "lke/hasil/index.md"}]


def test_overview_shows_scores_conditions_and_counts(public_site, lke):
    page = _page(public_site, "lke/index.html")
    text = _text(page)
    total = f"{lke.unit.total:.2f}".replace(".", ",")
    tpi_total = f"{lke.tpi.total:.2f}".replace(".", ",")
    assert f"{total} nilai total dari 100" in text and f"{tpi_total} nilai menurut jawaban TPI" in text
    assert f"{len(lke.unit.unanswered)} belum dijawab dari 111" in text
    assert f"{len(lke.unsupported)} jawaban tanpa data dukung" in text
    for node in ("A", "A.I", "A.II", "B", "B.I", "B.II"):
        assert f"{lke.unit.node(node).points:.2f}".replace(".", ",") in text
    for area in lke.unit.lever_areas:
        assert f"{area.points:.2f}".replace(".", ",") in text
    for p in lke.unit.predicates:
        verdict = "memenuhi syarat" if p.eligible else "belum memenuhi syarat"
        assert f"Syarat {p.name}: {verdict}" in text
        assert text.count("Persyaratan pengusulan (Tabel 5)") == 2
    assert "Nilai TPI" in text
    # Unanswered and unsupported answers link to their cards.
    assert 'href="area-3/index.html#q-A.I.3.i.a"' in page
    assert 'href="area-1/index.html#q-A.II.1.i.a"' in page


def test_area_page_shows_every_question_with_answer_and_evidence(public_site, lke, shipped_plan):
    page = _page(public_site, "lke/area-1/index.html")
    model = lke.answers.model
    ids = [q.id for q in model.questions if q.lever_area == 1]
    assert re.findall(r'id="q-([^"]+)"', page) == ids
    assert "Pemenuhan (A.I.1)" in page and "Reform (A.II.1)" in page
    card = _card(page, "A.I.1.i.a")
    text = _text(card)
    q = model.question("A.I.1.i.a")
    assert q.text in text and q.explanation[0] in text
    assert "Ya = 1" in text and "Tidak = 0" in text
    assert "Jawaban unit Ya · nilai 1" in text and "Jawaban TPI Tidak · nilai 0" in text
    assert 'class="zi-lke-choice zi-lke-chosen">Ya = 1' in card
    # The note is shown literally: no tag, no emphasis.
    assert "<script>alert" not in page and "<em>tebal" not in card
    assert LKE_NOTE in text
    # Cited evidence: links to its page and to its public files.
    assert 'href="../../bukti/I.1.a/index.html"' in card and 'href="../../bukti/III.4.a/index.html"' in card
    files = [v for _t, _a, v in links(public_site.out / "lke" / "area-1" / "index.html")
             if v.startswith("../../berkas/I.1.a/")]
    assert files and all((public_site.out / "lke" / "area-1" / f).resolve().is_file() for f in files)
    assert "3 berkas terbatas, tersedia untuk penilai" in text
    assert "tanpa data dukung" not in text
    # A % question: its Jumlah rows, the unit's and the TPI's counts; cited code without files → flagged.
    card = _card(page, "A.II.1.i.a")
    text = _text(card)
    assert "Jumlah Agen Perubahan: 12 (TPI: 12)" in text and "Jumlah Perubahan yang dibuat: 9 (TPI: 6)" in text
    assert "Jawaban unit 9/12 · nilai 0,75" in text and "Jawaban TPI 6/12 · nilai 0,5" in text
    assert "⚠ tanpa data dukung" in text and "zi-lke-unsupported" in card
    assert "Jawaban tanpa data dukung: bukti yang disebut belum ada atau bermasalah (II.1.a)" in text


def test_flags_match_unsupported_answers(public_site, lke):
    flagged = set()
    for path in sorted((public_site.out / "lke").rglob("index.html")):
        page = path.read_text("utf-8")
        flagged |= set(re.findall(r'<div class="zi-lke-q zi-lke-unsupported" id="q-([^"]+)"', page))
    assert flagged == {u.question_id for u in lke.unsupported}
    assert {"A.II.1.i.a", "A.I.5.i.a", "A.I.2.i.a"} <= flagged
    text = _text(_page(public_site, "lke/area-2/index.html"))
    assert "tidak ada kode bukti yang disebut" in text


def test_result_page_shows_surveys_and_capaian(public_site, lke):
    text = _text(_page(public_site, "lke/hasil/index.html"))
    assert "Indeks Persepsi Anti Korupsi (IPAK)" in text and "Indeks 3,62 dari 4" in text
    assert "Responden 120" in text and "B.I.b Capaian Kinerja" in text
    assert f"= {lke.unit.node('B.I.a').points:.2f}".replace(".", ",") in text


def test_restricted_files_cited_by_answers_are_named_only_for_reviewers(public_site, reviewer_site):
    public = _page(public_site, "lke/area-1/index.html") + _page(public_site, "lke/area-5/index.html")
    reviewer = _page(reviewer_site, "lke/area-1/index.html") + _page(reviewer_site, "lke/area-5/index.html")
    for code, names in RESTRICTED.items():
        for name in names:
            assert html.escape(name) not in public and name not in public
            assert html.escape(name, quote=False) in reviewer or name in reviewer
    assert "Rekap publik pengaduan.pdf" in public  # the public file of the mixed folder is linked
    assert "berkas terbatas" not in _text(_card(reviewer, "A.I.1.i.a"))


def test_unit_without_answers_has_no_lke_section(tmp_path, project):
    out = tmp_path / "out"
    build_site(project, AS_OF, out=out, sources_dir=tmp_path / "src")
    assert not (out / "lke").exists()
    assert "LKE" not in re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', (out / "index.html").read_text("utf-8"))


def test_bad_answers_file_is_the_lke_commands_error(tmp_path, project, capsys):
    (project / "lke.yaml").write_text("versi_format: 1\nmodel: permenpanrb-90-2021\njawaban:\n  A.I.1.i.b: Z\n",
                                      encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_site(project, AS_OF, out=tmp_path / "out", sources_dir=tmp_path / "src")
    assert any("lke.yaml:4:14: jawaban 'Z' bukan pilihan A.I.1.i.b" in line for line in err.value.lines())
    code = cli.main(["site", "--root", str(project), "--out", str(tmp_path / "out"), "--src", str(tmp_path / "s")])
    assert code == 2
    assert "lke.yaml:4:14: jawaban 'Z' bukan pilihan A.I.1.i.b" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_lke_pages_are_deterministic(public_site):
    project = load_project(public_site.root, AS_OF, use_cache=False)
    first = render_site(project, None, audience=Audience.PUBLIC, lke=assess_answers(project))
    second = render_site(load_project(public_site.root, AS_OF, use_cache=False), None,
                         audience=Audience.PUBLIC, lke=assess_answers(project))
    assert first == second
    assert {p for p in first.pages if p.startswith("lke/")} == {
        "lke/index.md", "lke/hasil/index.md", *(f"lke/area-{n}/index.md" for n in range(1, 7))}


def test_sources_hold_escaped_markdown(public_site):
    source = (public_site.src / "docs" / "lke" / "area-1" / "index.md").read_text("utf-8")
    assert "<script>" not in source and "&lt;script&gt;" in source
    assert Path(public_site.src / "docs" / "lke" / "index.md").is_file()


def test_leak_scan_of_the_lke_pages(public_site, reviewer_site):
    from sitecheck import leaks
    from tests_support import evidence_files

    public = [p for p in evidence_files(public_site.root) if p not in public_site.restricted]
    public += [public_site.bundle, reviewer_site.bundle]
    assert leaks(public_site.out / "lke", list(public_site.restricted), public) == []
    assert leaks(public_site.src / "docs" / "lke", list(public_site.restricted), public) == []
    # The same scan finds the restricted names on the reviewers' LKE pages (cited by A.I.1.i.a).
    found = leaks(reviewer_site.out / "lke", list(reviewer_site.restricted), public)
    for name in RESTRICTED["III.4.a"]:
        assert name.encode() in found


def test_rejected_evidence_flags_the_answers_citing_it(public_site, lke, tmp_path):
    """The site's assessment is the pipeline's: a code the TPI rejected supports no answer."""
    import shutil

    flagged = {u.question_id for u in lke.unsupported}
    answers = yaml.safe_load((public_site.root / "lke.yaml").read_text("utf-8"))["jawaban"]
    question, code = next((qid, a["bukti"][0]) for qid, a in answers.items()
                          if qid not in flagged and a.get("bukti") and a.get("jawaban") not in (None, "Tidak", "C", "D", "E"))
    root = tmp_path / "unit"
    shutil.copytree(public_site.root, root, ignore=shutil.ignore_patterns(".cache"))
    (root / "reviews.yaml").write_text(f"{code}:\n  putusan: ditolak\n  catatan: tidak sah\n", encoding="utf-8")
    rejected = assess_lke(load_project(root, AS_OF, use_cache=False))
    assert question in {u.question_id for u in rejected.unsupported}
