"""One headline: the plan's model leads; an LKE score always has its strict twin beside it.

A reviewer counts an answer without supporting evidence at its lowest
choice, so every place that shows an LKE score also shows that figure; a
self-assessment under another model than the plan's is a separate, labelled
section, never a second headline.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_tools.cli import main
from build_tools.pipeline import (
    assess_answers,
    assess_lke,
    assess_project,
    load_project,
)
from build_tools.site.build import prepare_site
from tests.goldens import make_guideline_unit, make_lke_unit

STRICT = "bila jawaban tanpa data dukung dinilai terendah"


@pytest.fixture(scope="module")
def lke_unit(tmp_path_factory) -> Path:
    return make_lke_unit(tmp_path_factory.mktemp("lke") / "unit")


@pytest.fixture(scope="module")
def guideline_unit(tmp_path_factory) -> Path:
    return make_guideline_unit(tmp_path_factory.mktemp("guideline") / "unit")


def _sources(root: Path, as_of: str, tmp_path: Path) -> dict[str, str]:
    src = tmp_path / "src"
    sources = prepare_site(root, dt.date.fromisoformat(as_of), sources_dir=src, use_cache=False)
    return dict(sources.pages)


def test_strict_score_counts_unsupported_answers_at_their_lowest_choice(lke_unit: Path) -> None:
    project = load_project(lke_unit, dt.date(2026, 8, 15), use_cache=False)
    raw = assess_lke(project)
    assert raw.unsupported, "the sample unit has answers without evidence"
    view = assess_answers(project)
    assert view.strict_total is not None and view.strict_total < view.total
    # Recompute by hand: the same answers with each unsupported one set to its lowest choice.
    from build_tools.assess.lke_score import lowest_value, score_lke

    model = raw.answers.model
    questions = {q.id: q for q in (*model.questions, *model.choice_indicators)}
    forced = {u.question_id: lowest_value(questions[u.question_id]) for u in raw.unsupported}
    assert score_lke(model, raw.answers, forced=forced).total == pytest.approx(view.strict_total)


@pytest.mark.parametrize("where", ["text", "json", "penilaian", "lke", "beranda", "cover"])
def test_every_lke_score_shows_its_strict_twin(where: str, lke_unit: Path, tmp_path: Path, capsys) -> None:
    project = load_project(lke_unit, dt.date(2026, 8, 15), use_cache=False)
    strict = f"{assess_project(project).strict_total:.2f}".replace(".", ",")
    common = ["--root", str(lke_unit), "--as-of", "2026-08-15", "--no-cache"]
    if where == "text":
        assert main(["score", *common]) == 0
        text = capsys.readouterr().out
        assert f"Nilai total {STRICT}: {strict}" in text
    elif where == "json":
        out = tmp_path / "p.json"
        assert main(["score", *common, "--format", "json", "--out", str(out)]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        assert f"{data['strict_total']:.2f}".replace(".", ",") == strict and data["strict_total"] < data["total"]
    elif where == "cover":
        out = tmp_path / "b.pdf"
        assert main(["bundle", *common, "--out", str(out), "--allow-broken"]) == 0
        assert strict in PdfReader(out).pages[0].extract_text()
    else:
        pages = _sources(lke_unit, "2026-08-15", tmp_path)
        page = {"penilaian": "penilaian/index.md", "lke": "lke/index.md", "beranda": "index.md"}[where]
        assert STRICT in pages[page] and strict in pages[page]


def test_a_self_assessment_under_another_model_is_no_second_headline(guideline_unit: Path, tmp_path: Path) -> None:
    project = load_project(guideline_unit, dt.date(2020, 9, 15), use_cache=False)
    primary = assess_project(project)
    assert primary.model_id == "permenpanrb-10-2019" and primary.strict_total is None
    pages = _sources(guideline_unit, "2020-09-15", tmp_path)
    headline = f"{primary.total:.2f}".replace(".", ",")
    assert headline in pages["index.md"] and headline in pages["penilaian/index.md"]
    lke_total = f"{assess_answers(project).total:.2f}".replace(".", ",")
    assert lke_total not in pages["index.md"]
    overview = pages["lke/index.md"]
    assert "Penilaian mandiri terpisah, bukan nilai utama" in overview and headline in overview
    assert "zi-figure-main" not in overview and STRICT in overview
    # The LKE-model unit's own LKE page is its headline section: no such note there.
    lke = make_lke_unit(tmp_path / "lke-unit")
    assert "bukan nilai utama" not in _sources(lke, "2026-08-15", tmp_path / "b")["lke/index.md"]
