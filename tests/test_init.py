"""``python -m build_tools init``: a new unit repository in which check, score and site run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_lke_score import _mixed
from test_lke_workbook import _recompute

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_workbook import cell_map
from build_tools.cli import main
from build_tools.models.plan_check import check_plan
from build_tools.models.registry import load_lke_model, load_plan_model
from build_tools.plan.loader import load_plan
from build_tools.plan.structure import CODE_PATTERN
from build_tools.unit.init import SCAFFOLD

MODEL = "permenpanrb-90-2021"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "zi-balai"
    assert main(["init", str(root), "--model", MODEL, "--unit", "Balai Contoh", "--year", "2026"]) == 0
    return root


def _tool(repo: Path, *argv: str) -> subprocess.CompletedProcess:
    """The repository's own copy of the tool (cwd comes first on sys.path), with this venv's Python."""
    return subprocess.run([sys.executable, "-m", "build_tools", *argv], cwd=repo, capture_output=True,
                          text=True, timeout=300)


def test_repository_layout(repo: Path) -> None:
    for name in ("plan.yaml", "lke.yaml", "Makefile", "README.md", ".gitignore", "pyproject.toml",
                 ".github/workflows/publish.yml", "docs/tentang.md", "build_tools/__main__.py",
                 "build_tools/models/permenpanrb-90-2021.yaml", "build_tools/unit/scaffold/Makefile"):
        assert (repo / name).is_file(), name
    assert not list(repo.rglob("__pycache__"))
    plan = load_plan(repo / "plan.yaml")
    check_plan(plan, load_plan_model(plan))
    assert plan.model == MODEL and plan.unit.name == "Balai Contoh"
    assert (plan.period.start.iso(), plan.period.end.iso()) == ("2026-01", "2026-12")
    assert len(plan.codes) == 110 and all(CODE_PATTERN.match(c) for c in plan.codes)
    assert [(a.id, a.weight) for a in plan.areas] == [
        ("I", 8), ("II", 7), ("III", 10), ("IV", 10), ("V", 15), ("VI", 10), ("B.I", 22.5), ("B.II", 17.5)]
    # Area I: pemenuhan indicators A.I.1.i–iv, then reform A.II.1.i–iii, weighted like the indicators.
    assert [(c.number, c.name, c.weight) for c in plan.area("I").components][::3] == [
        (1, "Penyusunan Tim Kerja (pemenuhan)", 0.5), (4, "Perubahan pola pikir dan budaya kerja (pemenuhan)", 1.5),
        (7, "Membangun Budaya Kerja (reform)", 1.0)]
    assert {i.pic for i in plan.evidence} == {"PIC belum ditetapkan"}
    assert all(i.window.end.iso() <= "2026-11" for i in plan.evidence)
    folders = sorted((repo / "evidence").iterdir())
    assert len(folders) == 110 and all((f / ".gitkeep").is_file() for f in folders)
    answers = load_answers(repo / "lke.yaml", plan)
    assert answers.model.id == MODEL and answers.unanswered() == tuple(
        [q.id for q in answers.model.questions] + ["B.I.b"])
    assert answers.answer("A.I.1.i.a").evidence == ("I.1.a",)
    assert answers.answer("A.II.1.i.a").evidence == ("I.5.a",)
    assert answers.answer("B.I.b").evidence == ("IV.3.a",)   # A.II.4.i: reform indicator 1 of area IV
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "Rencana aksi dan kode bukti di `plan.yaml` adalah usulan\nalat ini" in readme
    assert "menyalin paket `build_tools`" in readme
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]   # the lke.yaml example loads as written
    (repo / "contoh.yaml").write_text(f"versi_format: 1\nmodel: {MODEL}\n{example}", encoding="utf-8")
    assert load_answers(repo / "contoh.yaml", plan).answer("A.I.1.i.b").tpi.choice == "C"
    (repo / "contoh.yaml").unlink()
    assert (SCAFFOLD / "publish.yml").read_bytes() == (REPO / ".github/workflows/publish.yml").read_bytes()


def test_tool_commands_run_in_the_new_repository(repo: Path, tmp_path: Path) -> None:
    where = subprocess.run([sys.executable, "-c", "import build_tools; print(build_tools.__file__)"], cwd=repo,
                           capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).parent == repo / "build_tools"
    late = _tool(repo, "check", "--as-of", "2026-11-25")
    assert late.returncode == 1 and "terlambat" in late.stdout
    early = _tool(repo, "check", "--as-of", "2026-01-15")
    assert early.returncode == 0, early.stdout + early.stderr
    score = _tool(repo, "score", "--as-of", "2026-01-15", "--format", "json", "--out", "build/penilaian.json",
                  "--xlsx", "build/penilaian.xlsx", "--csv", "build/penilaian.csv")
    assert score.returncode == 0, score.stderr
    assert json.loads((repo / "build/penilaian.json").read_text())["total"] == 0.0
    rows = (repo / "build/penilaian.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "jenis,id,uraian,bobot,nilai,skor,status,putusan_tpi,jawaban,bukti"
    questions = [r for r in rows if r.startswith("pertanyaan,")]
    assert len(questions) == 111 and sum(r.startswith("survei,") for r in rows) == 2
    first = next(r for r in rows if r.startswith("pertanyaan,"))
    assert first.startswith("pertanyaan,A.I.1.i.a,Unit kerja telah membentuk tim")
    assert first.endswith(",0.0,belum dijawab,,,I.1.a")
    site = _tool(repo, "site", "--as-of", "2026-01-15", "--out", str(tmp_path / "site"))
    assert site.returncode == 0, site.stderr
    page = (tmp_path / "site" / "penilaian" / "index.html").read_text(encoding="utf-8")
    assert "Penilaian mandiri LKE Zona Integritas Balai Contoh" in page
    assert "Balai Contoh tahun 2026" in (tmp_path / "site" / "tentang.html").read_text(encoding="utf-8")


def test_exported_workbook_recomputed_equals_the_json(repo: Path, tmp_path: Path) -> None:
    path = repo / "lke.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for qid, entry in _mixed(load_lke_model(MODEL)).items():
        entry = entry if isinstance(entry, dict) else {"jawaban": entry}
        data["jawaban"][qid] = {**data["jawaban"][qid], **entry}
    data["hasil"] = {"ipak": {"indeks": 3.62, "responden": 45}, "ipkp": {"indeks": 3.41, "responden": 45}}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out, xlsx = tmp_path / "penilaian.json", tmp_path / "penilaian.xlsx"
    run = _tool(repo, "score", "--as-of", "2026-01-15", "--format", "json", "--out", str(out), "--xlsx", str(xlsx))
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert 0 < report["total"] < 100
    computed = _recompute(xlsx)
    cells = cell_map(load_lke_model(MODEL), load_answers(path, load_plan(repo / "plan.yaml")))
    expected = {n["id"]: n["points"] for n in report["lke"]["nodes"]}
    expected |= {a["id"]: a["points"] for a in report["lke"]["lever_areas"]}
    for node_id, points in expected.items():
        assert float(computed[cells[node_id]]) == pytest.approx(points, abs=1e-4), node_id
    assert float(computed[cells["total"]]) == pytest.approx(report["total"], abs=1e-4)


def test_init_refuses_a_non_empty_folder_and_unknown_models(tmp_path: Path, capsys) -> None:
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "catatan.txt").write_text("x")
    assert main(["init", str(tmp_path / "ada"), "--model", MODEL, "--unit", "X", "--year", "2026"]) == 2
    assert "folder" in capsys.readouterr().err and sorted(p.name for p in (tmp_path / "ada").iterdir()) == [
        "catatan.txt"]
    assert main(["init", str(tmp_path / "baru"), "--model", "permenpanrb-90-2012", "--unit", "X"]) == 2
    err = capsys.readouterr().err
    assert "model 'permenpanrb-90-2012' tidak dikenal; maksud Anda 'permenpanrb-90-2021'?" in err
    assert not (tmp_path / "baru").exists() and not list(tmp_path.glob(".baru*"))
    assert main(["init", str(tmp_path / "baru"), "--unit", "X"]) == 2
    assert "argumen wajib belum diisi: --model" in capsys.readouterr().err
    (tmp_path / "kosong").mkdir()
    assert main(["init", str(tmp_path / "kosong"), "--model", MODEL, "--unit", "X", "--year", "2026"]) == 0


def test_init_with_the_2019_model_rolls_the_guideline_plan(tmp_path: Path, capsys) -> None:
    root = tmp_path / "unit2019"
    assert main(["init", str(root), "--model", "permenpanrb-10-2019", "--unit", "Balai Lain", "--year", "2026"]) == 0
    plan = load_plan(root / "plan.yaml")
    check_plan(plan, load_plan_model(plan))
    assert plan.unit.name == "Balai Lain" and plan.period.start.iso() == "2026-01"
    assert plan.item("I.1.a").window_text == "Februari 2026" and len(plan.codes) == 59
    assert not (root / "lke.yaml").exists()
    assert main(["score", "--root", str(root), "--as-of", "2026-01-15", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["model"]["id"] == "permenpanrb-10-2019"


def test_readme_documents_init() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "python -m build_tools init FOLDER_BARU --model permenpanrb-90-2021" in readme
    assert "**area, komponen, rencana aksi dan kode bukti adalah usulan\nalat ini**" in readme
