"""`check`: statuses as of a date, report formats and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO

from build_tools.check.completeness import Status
from build_tools.cli import main
from build_tools.core.months import Month
from build_tools.pipeline import load_project
from build_tools.unit.samples import pdf_bytes, write_pdf


def run_check(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["check", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def check_json(root: Path, as_of: str, capsys) -> tuple[int, dict]:
    code, out, _ = run_check(root, "--as-of", as_of, "--format", "json", capsys=capsys)
    return code, json.loads(out)


def _remove_code(root: Path, code: str) -> None:
    [folder] = [p for p in (root / "evidence").iterdir() if p.name.split()[0] == code]
    shutil.rmtree(folder)


def test_all_59_codes_complete_exits_0(full_project, capsys):
    code, data = check_json(full_project, "2020-12-31", capsys)
    assert code == 0
    assert len(data["items"]) == 59
    assert {i["status"] for i in data["items"]} == {"complete"}
    assert data["summary"] == {"total": 59, "complete": 59, "partial": 0, "missing": 0, "pending": 0,
                               "problems": 0, "warnings": 0, "ok": True}
    item = data["items"][0]
    assert set(item) == {"code", "title", "area", "component", "status", "due", "window", "pic", "frequency",
                         "files", "months_expected", "months_missing", "problems"}
    assert set(item["files"][0]) == {"path", "name", "type", "size", "sha256", "pages", "month", "access", "repaired"}


def test_removing_one_code_makes_it_missing_then_pending_before_its_window(full_project, capsys):
    _remove_code(full_project, "IV.2.c")
    code, data = check_json(full_project, "2020-12-31", capsys)
    assert code == 1
    statuses = {i["code"]: i["status"] for i in data["items"]}
    assert statuses["IV.2.c"] == "missing"
    assert [c for c, s in statuses.items() if s != "complete"] == ["IV.2.c"]
    code, data = check_json(full_project, "2020-01-15", capsys)
    assert code == 0
    assert {i["code"]: i["status"] for i in data["items"]}["IV.2.c"] == "pending"


def test_due_day_itself_is_still_pending(project):
    # I.1.a is due at the end of February 2020 (a leap year).
    on_due = load_project(project, dt.date(2020, 2, 29), use_cache=False).completeness
    after = load_project(project, dt.date(2020, 3, 1), use_cache=False).completeness
    assert on_due.item("I.1.a").status is Status.PENDING
    assert after.item("I.1.a").status is Status.MISSING


def _monthly(root: Path, months: list[int], name: str = "Monev") -> None:
    for m in months:
        write_pdf(root / "evidence" / "I.3.b" / f"2020-{m:02d} {name}.pdf", f"monev {m}")


def test_monthly_item_statuses(project):
    def status(as_of: dt.date):
        return load_project(project, as_of, use_cache=False).completeness.item("I.3.b")

    assert status(dt.date(2020, 3, 20)).status is Status.PENDING  # March not yet due, nothing late
    assert status(dt.date(2020, 4, 1)).status is Status.PARTIAL  # March is due and missing
    assert status(dt.date(2020, 4, 1)).months_missing == (Month(2020, 3),)
    _monthly(project, [3, 4, 5])
    s = status(dt.date(2020, 6, 15))
    assert s.status is Status.PENDING and s.months_missing == ()
    assert s.delivered_share == pytest.approx(3 / 10)
    s = status(dt.date(2020, 8, 1))
    assert s.status is Status.PARTIAL
    assert s.months_missing == (Month(2020, 6), Month(2020, 7))
    _monthly(project, list(range(6, 13)))
    assert status(dt.date(2021, 1, 1)).status is Status.COMPLETE


def test_monthly_item_with_nothing_after_window_is_missing(project):
    s = load_project(project, dt.date(2021, 1, 1), use_cache=False).completeness.item("I.3.b")
    assert s.status is Status.MISSING and len(s.months_missing) == 10


def test_monthly_files_need_a_month_inside_the_window(project, capsys):
    _monthly(project, list(range(3, 13)))
    write_pdf(project / "evidence" / "I.3.b" / "Monev tanpa bulan.pdf", "x")
    write_pdf(project / "evidence" / "I.3.b" / "2021-01 Monev.pdf", "x")
    code, data = check_json(project, "2020-06-01", capsys)
    item = next(i for i in data["items"] if i["code"] == "I.3.b")
    assert item["status"] == "partial" and code == 1
    assert sorted(p["kind"] for p in item["problems"]) == ["missing_month", "month_outside_window"]


def test_problem_file_makes_item_partial_and_exit_1(project, capsys):
    folder = project / "evidence" / "VI.3.a"
    folder.mkdir()
    (folder / "survey.pdf").write_bytes(pdf_bytes("survey"))
    (folder / "kosong.pdf").write_bytes(b"")
    code, data = check_json(project, "2020-01-02", capsys)
    assert code == 1
    item = next(i for i in data["items"] if i["code"] == "VI.3.a")
    assert item["status"] == "partial"
    assert item["problems"][0]["kind"] == "empty_file"
    assert data["summary"]["problems"] == 1


def test_loose_problem_fails_the_gate_and_warning_does_not(project, capsys):
    (project / "evidence" / "lepas.pdf").write_bytes(pdf_bytes("x"))
    code, data = check_json(project, "2020-01-02", capsys)
    assert code == 1 and data["problems"][0]["kind"] == "outside_folder"
    (project / "evidence" / "lepas.pdf").unlink()
    broken = pdf_bytes("x").replace(b"startxref", b"startxref\n999999\n%%")
    (project / "evidence" / "I.1.a").mkdir()
    (project / "evidence" / "I.1.a" / "sk.pdf").write_bytes(broken)
    code, data = check_json(project, "2020-01-02", capsys)
    assert code == 0 and data["summary"]["warnings"] == 1


def test_text_report_is_in_indonesian_and_groups_by_area(full_project, capsys):
    _remove_code(full_project, "I.1.a")
    code, out, _ = run_check(full_project, "--as-of", "2020-02-10", capsys=capsys)
    assert code == 0
    assert "Per tanggal 10 Februari 2020" in out
    assert "I. Manajemen Perubahan — 10/11 lengkap" in out
    assert "Jatuh tempo bulan ini (Februari 2020): I.1.a" in out
    code, out, _ = run_check(full_project, "--as-of", "2020-03-01", capsys=capsys)
    assert code == 1
    assert "terlambat (jatuh tempo 29 Februari 2020)" in out
    assert "Terlambat atau belum lengkap (1): I.1.a" in out
    assert "Hasil: GAGAL" in out


def test_junit_has_one_case_per_code(full_project, capsys):
    _remove_code(full_project, "V.2.b")
    code, out, _ = run_check(full_project, "--as-of", "2020-12-31", "--format", "junit", capsys=capsys)
    assert code == 1
    suite = ET.fromstring(out.split("\n", 1)[1]).find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 59 and suite.get("failures") == "1"
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["V.2.b SK SPIP"]


def test_out_file_and_report_only(project, tmp_path, capsys):
    target = tmp_path / "laporan" / "cek.json"
    code, out, _ = run_check(project, "--as-of", "2021-01-01", "--format", "json", "--out", str(target),
                             "--report-only", capsys=capsys)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["missing"] == 59


@pytest.mark.parametrize(("args", "message"), [
    (["check", "--as-of", "2020-02-30"], "tanggal '2020-02-30' tidak sah"),
    (["check", "--format", "xml"], "pilihan 'xml' tidak sah"),
    (["cek"], "perintah 'cek' tidak dikenal"),
    ([], "sebutkan perintah"),
])
def test_bad_command_line_exits_2_with_indonesian_message(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: ") and message in err


def test_invalid_plan_exits_2_naming_the_line(project, capsys):
    plan = project / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kode: II.3.b", "kode: II.3.a"), encoding="utf-8")
    code, out, err = run_check(project, capsys=capsys)
    assert code == 2 and out == ""
    assert "galat: 1 masalah di rencana (plan.yaml):" in err
    assert f"{plan}:" in err and "kode bukti 'II.3.a' sudah dipakai di baris" in err


def test_real_process_never_prints_a_traceback(project):
    (project / "plan.yaml").write_text("unit: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(project)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "sintaks YAML tidak sah" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(project / "tidak-ada")],
                             capture_output=True, text=True, cwd=REPO)
    assert missing.returncode == 2 and "berkas rencana tidak ditemukan" in missing.stderr


def test_shipped_content_reports_everything_late_today():
    """The shipped evidence/ is the unit's real, empty tree: all 59 are late today."""
    result = load_project(REPO, dt.date(2026, 11, 25), use_cache=False).completeness
    assert result.count(Status.MISSING) == 59 and result.problems == ()


def test_help_is_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.startswith("pemakaian: python -m build_tools check ")
    assert "pilihan:" in out and "tampilkan bantuan ini lalu keluar" in out and "usage:" not in out
