"""A unit whose plan.yaml names the LKE model: score, check and lke follow it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from lke_support import ALL_CRITERIA, all_at, survey

from build_tools.cli import main
from build_tools.plan.loader import load_plan
from build_tools.unit.init import init_unit
from build_tools.unit.samples import populate

AS_OF_EARLY = "2026-01-15"   # nothing is due yet: only answer problems can fail check
SCORE_2019_KEYS = {"total", "pengungkit", "hasil", "areas", "predikat", "gaps"}


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lke") / "unit"
    init_unit(root, "permenpanrb-90-2021", "Balai Contoh", 2026)
    return root


@pytest.fixture
def unit(tmp_path: Path, _template: Path) -> Path:
    import shutil

    root = tmp_path / "unit"
    shutil.copytree(_template, root, ignore=shutil.ignore_patterns("build_tools"))
    return root


def _answers(root: Path, updates: dict, hasil: dict | None = None, persyaratan: dict | None = None) -> None:
    """Set answers in the generated lke.yaml, keeping the evidence codes it cites."""
    path = root / "lke.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for qid, entry in updates.items():
        entry = entry if isinstance(entry, dict) else {"jawaban": entry}
        data["jawaban"][qid] = {**(data["jawaban"].get(qid) or {}), **entry}
    if hasil is not None:
        data["hasil"] = hasil
    if persyaratan is not None:
        data["persyaratan"] = persyaratan
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_score_json_has_the_2019_keys_and_the_lke_figures(unit: Path, capsys) -> None:
    populate(unit, load_plan(unit / "plan.yaml"))
    _answers(unit, all_at("best"), survey(), ALL_CRITERIA)
    code, out, _ = _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json",
                        "--no-cache")
    assert code == 0
    data = json.loads(out)
    assert SCORE_2019_KEYS <= set(data) and {"lke", "tpi", "answers_file", "surveys"} <= set(data)
    assert (data["total"], data["pengungkit"], data["hasil"]) == (100.0, 60.0, 40.0)
    assert [(a["id"], a["weight"]) for a in data["areas"]] == [
        ("I", 8), ("II", 7), ("III", 10), ("IV", 10), ("V", 15), ("VI", 10), ("B.I", 22.5), ("B.II", 17.5)]
    assert all(set(a) >= {"id", "name", "weight", "score"} for a in data["areas"])
    assert [p["id"] for p in data["areas"][0]["parts"]] == ["A.I.1", "A.II.1"]
    for predicate in ("wbk", "wbbm"):
        assert data["predikat"][predicate]["eligible"] is True
        assert {"id", "label", "required", "actual", "pass", "shortfall"} <= set(
            data["predikat"][predicate]["conditions"][0])
    assert data["gaps"] == {"questions": [], "unsupported": []}
    assert data["model"] == {"id": "permenpanrb-90-2021", "kind": "lke",
                             "name": "Lembar Kerja Evaluasi Zona Integritas (LKE ZI) 2021",
                             "legal_basis": data["model"]["legal_basis"]}
    assert data["lke"]["total"] == 100.0


def test_lowest_answers_score_zero_lever_points(unit: Path, capsys) -> None:
    _answers(unit, all_at("lowest", capaian="E"))
    code, out, _ = _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["pengungkit"] == 0.0
    assert data["predikat"]["wbk"]["eligible"] is False
    assert data["gaps"]["unsupported"] == []   # the lowest choice needs no evidence


def test_check_flags_answers_without_evidence(unit: Path, capsys, tmp_path: Path) -> None:
    plan = load_plan(unit / "plan.yaml")
    populate(unit, plan, codes=["I.1.a", "I.2.a"])
    (unit / "reviews.yaml").write_text("I.2.a: {putusan: ditolak, catatan: Belum ditandatangani}\n",
                                       encoding="utf-8")
    _answers(unit, {"A.I.1.i.a": "Ya",          # I.1.a has a file: supported
                    "A.I.1.i.b": "B",           # I.1.b is empty: missing
                    "A.I.1.ii.a": "Ya",         # I.2.a was rejected by the TPI
                    "A.I.1.ii.b": {"jawaban": "A", "bukti": []},   # no code cited
                    "A.I.1.ii.c": "C"})         # lowest choice: needs nothing
    code, out, _ = _run(capsys, "check", "--root", str(unit), "--as-of", AS_OF_EARLY, "--no-cache")
    assert code == 1
    assert "jawaban tanpa data dukung: A.I.1.i.b dijawab B, bukti yang disebut belum ada atau bermasalah " \
           "(I.1.b)" in out
    assert "A.I.1.ii.a dijawab Ya, bukti yang disebut ditolak penilai (I.2.a)" in out
    assert "A.I.1.ii.b dijawab A, tidak menyebut kode bukti" in out
    assert "A.I.1.i.a dijawab" not in out and "A.I.1.ii.c dijawab" not in out

    code, out, _ = _run(capsys, "check", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json")
    problems = [p for p in json.loads(out)["problems"] if p["kind"] == "unsupported_answer"]
    assert [(p["code"], p["path"].split(":")[0]) for p in problems] == [
        ("I.1.b", "lke.yaml"), ("I.2.a", "lke.yaml"), (None, "lke.yaml")]
    assert "A.I.1.i.b dijawab B" in problems[0]["message"]

    code, out, _ = _run(capsys, "check", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    failed = [c.get("name") for c in suite.iter("testcase") if c.get("classname") == "Jawaban LKE"]
    assert len(failed) == 3 and "A.I.1.ii.a dijawab Ya" in failed[1]

    code, out, _ = _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json")
    gaps = json.loads(out)["gaps"]
    assert [(u["id"], u["reason"], u["codes"]) for u in gaps["unsupported"]] == [
        ("A.I.1.i.b", "missing", ["I.1.b"]), ("A.I.1.ii.a", "rejected", ["I.2.a"]),
        ("A.I.1.ii.b", "no_evidence_cited", [])]
    code, out, _ = _run(capsys, "lke", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json")
    assert code == 0 and [u["id"] for u in json.loads(out)["unsupported"]] == [
        "A.I.1.i.b", "A.I.1.ii.a", "A.I.1.ii.b"]


def test_check_passes_when_every_answer_is_supported(unit: Path, capsys) -> None:
    populate(unit, load_plan(unit / "plan.yaml"), codes=["I.1.a"])
    _answers(unit, {"A.I.1.i.a": "Ya"})
    code, out, _ = _run(capsys, "check", "--root", str(unit), "--as-of", AS_OF_EARLY)
    assert code == 0 and "jawaban tanpa data dukung" not in out


def test_check_without_lke_yaml_is_the_completeness_check(unit: Path, capsys) -> None:
    (unit / "lke.yaml").unlink()
    assert _run(capsys, "check", "--root", str(unit), "--as-of", AS_OF_EARLY)[0] == 0
    assert _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY)[0] == 2


def test_answers_for_another_model_are_refused(unit: Path, capsys) -> None:
    path = unit / "lke.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("model: permenpanrb-90-2021",
                                                             "model: permenpanrb-10-2019"), encoding="utf-8")
    code, _, err = _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY)
    assert code == 2 and "model 'permenpanrb-10-2019' berbeda dengan model yang dipakai" in err


def test_readme_documents_the_lke_score_keys(unit: Path, capsys) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**`score` mengikuti model di `plan.yaml`.**"):readme.index("#### Berkas masukan")]
    _, out, _ = _run(capsys, "score", "--root", str(unit), "--as-of", AS_OF_EARLY, "--format", "json")
    data = json.loads(out)
    for key in list(data) + list(data["areas"][0]) + list(data["gaps"]) + list(data["model"]):
        assert f'"{key}"' in section, key


def test_lke_score_page_escapes_inputs_and_lists_unsupported_answers(unit: Path) -> None:
    import datetime as dt

    from build_tools.pipeline import assess_project, load_project
    from build_tools.site.score_page import render_score_page

    plan = unit / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('nama: "Balai Contoh"', 'nama: "Balai *Contoh* | <b>"'),
                    encoding="utf-8")
    _answers(unit, {"A.I.1.i.a": "Ya"})
    page = render_score_page(assess_project(load_project(unit, dt.date(2026, 1, 15), use_cache=False)))
    assert "Balai &#42;Contoh&#42; &#124; &lt;b&gt;" in page and "<b>" not in page
    assert "| A.I.1.i.a | Ya | bukti yang disebut belum ada atau bermasalah | I.1.a |" in page
    assert "## Syarat Menuju WBK: belum memenuhi syarat" in page
