"""``python -m build_tools lke``: text and JSON reports, options, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from lke_support import ALL_CRITERIA, all_at, survey, write_answers

from build_tools.cli import COMMANDS, main

JSON_KEYS = {"as_of", "unit", "model", "answers_file", "like_worksheet", "score", "strict_total", "tpi",
             "unsupported"}
SCORE_KEYS = {"total", "nodes", "lever_areas", "questions", "predicates", "unanswered", "not_computable", "gaps"}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_lke_is_registered() -> None:
    assert "lke" in COMMANDS


def test_json_report_has_stable_keys(project: Path, capsys) -> None:
    write_answers(project / "lke.yaml", all_at("best", {"A.I.1.i.b": {"jawaban": "A", "tpi": "B"}}),
                  survey(), ALL_CRITERIA)
    code, out, _ = _run(capsys, "lke", "--root", str(project), "--as-of", "2020-12-31", "--format", "json",
                        "--no-cache")
    assert code == 0
    data = json.loads(out)
    assert set(data) == JSON_KEYS and set(data["score"]) == SCORE_KEYS and set(data["tpi"]) == SCORE_KEYS
    assert data["model"]["id"] == "permenpanrb-90-2021"
    assert data["score"]["total"] == 100.0 and data["tpi"]["total"] == 99.875
    assert data["score"]["predicates"]["wbk"]["eligible"] is True
    assert set(data["score"]["predicates"]["wbbm"]["conditions"][0]) == {
        "id", "label", "required", "actual", "passed", "shortfall", "unit", "share"}
    assert [a["points"] for a in data["score"]["lever_areas"]] == [8, 7, 10, 10, 15, 10]
    assert len(data["score"]["questions"]) == 111
    # Evidence folders are empty: every answer above the lowest choice is flagged (no code cited).
    assert len(data["unsupported"]) == 111 and data["unsupported"][0]["reason"] == "no_evidence_cited"


def test_text_report_in_indonesian(project: Path, capsys) -> None:
    write_answers(project / "lke.yaml", {"A.I.1.i.a": {"jawaban": "Ya", "bukti": ["I.1.a"]}, "A.I.1.i.b": "B"})
    code, out, _ = _run(capsys, "lke", "--root", str(project), "--as-of", "2020-12-31")
    assert code == 0
    assert "Penilaian mandiri LKE Zona Integritas" in out
    assert "Syarat Menuju WBK: BELUM MEMENUHI SYARAT" in out
    assert "Jawaban tanpa data dukung (2):" in out and "lke.yaml:4 A.I.1.i.a dijawab Ya" in out
    assert "Belum dijawab (109, dihitung 0)" in out
    assert "Yang paling cepat menambah nilai" in out


def test_like_worksheet_option_and_answers_path(project: Path, tmp_path: Path, capsys) -> None:
    path = write_answers(tmp_path / "jawaban-lain.yaml", {"A.I.1.i.a": "Ya"})
    _, out, _ = _run(capsys, "lke", "--root", str(project), "--answers", str(path), "--format", "json")
    default = json.loads(out)
    _, out, _ = _run(capsys, "lke", "--root", str(project), "--answers", str(path), "--format", "json",
                     "--like-worksheet")
    like = json.loads(out)
    assert like["like_worksheet"] is True and default["answers_file"] == "jawaban-lain.yaml"
    # A.I.1.i: Ya alone → (1 + 0) / 2 × 0.5 = 0.25 by default; AVERAGE(1) × 0.5 = 0.5 like the worksheet.
    assert default["score"]["total"] == 0.25 and like["score"]["total"] == 0.5


def test_out_file_is_written(project: Path, capsys) -> None:
    write_answers(project / "lke.yaml", {})
    target = project / "build" / "lke.json"
    code, out, _ = _run(capsys, "lke", "--root", str(project), "--format", "json", "--out", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["score"]["total"] == 0


def test_invalid_answers_exit_2_with_file_and_line(project: Path, capsys) -> None:
    (project / "lke.yaml").write_text("versi_format: 1\nmodel: permenpanrb-90-2021\njawaban:\n  A.I.1.i.b: Z\n",
                                      encoding="utf-8")
    code, out, err = _run(capsys, "lke", "--root", str(project))
    assert code == 2 and out == ""
    assert "lke.yaml:4:14: jawaban 'Z' bukan pilihan A.I.1.i.b" in err
    assert "Traceback" not in err


def test_missing_answers_file_exit_2(project: Path, capsys) -> None:
    code, _, err = _run(capsys, "lke", "--root", str(project))
    assert code == 2 and "berkas jawaban LKE tidak ditemukan" in err


def test_xlsx_export_from_the_command(project: Path, capsys) -> None:
    import openpyxl

    write_answers(project / "lke.yaml", {"A.I.1.i.a": "Ya"})
    target = project / "build" / "lke.xlsx"
    code, _, _ = _run(capsys, "lke", "--root", str(project), "--format", "json", "--xlsx", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(target)["LKE"]
    assert sheet["A1"].value == "No" and sheet["B1"].value == "Penilaian"
    assert not list(project.glob("build/.lke.xlsx.*"))
