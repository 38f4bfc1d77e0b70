"""Surveys straight from .xlsx and .ods: the same figures as the CSV, errors with sheet and cell."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from build_tools.assess.surveys import read_surveys

SURVEY = "persepsi_korupsi"
HEADER = ["No", "Layanan", "Kejelasan_Biaya", "percaloan", "imbalan", "komisi", "kkn"]
ROWS = [[1, "Izin usaha", 4, 4, 3, 4, 4], [2, "Rekomendasi", 3, None, 4, 4, 3], [3, "Kosong", None, None, None, None, None],
        [4, "Teks", "2", "3", "4", "1", "2,0"]]


def _read(root: Path, shipped_plan):
    results, issues = read_surveys(root, shipped_plan.surveys, (1, 4), 30)
    return results[SURVEY], issues


def _folder(root: Path) -> Path:
    folder = root / "survei" / SURVEY
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _xlsx(path: Path, rows: list[list], title: str = "Responden", lead: int = 1) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for n, row in enumerate(rows, start=1 + lead):  # a blank first row, like a report title gap
        for m, value in enumerate(row, start=1):
            ws.cell(row=n, column=m, value=value)
    book.create_sheet("Catatan")["A1"] = "bukan data survei"
    book.save(path)
    return path


def _ods(path: Path, rows: list[list]) -> Path:
    """A minimal .ods written by hand: proves reading needs no LibreOffice."""
    def cell(value) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Lembar1">{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def _csv(path: Path, rows: list[list]) -> Path:
    lines = [";".join("" if v is None else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_spreadsheet_gives_the_figures_of_the_same_csv(tmp_path, shipped_plan, kind):
    csv_root, sheet_root = tmp_path / "csv", tmp_path / "sheet"
    _csv(_folder(csv_root) / "hasil.csv", [HEADER, *ROWS])
    writer = _xlsx if kind == "xlsx" else _ods
    writer(_folder(sheet_root) / f"hasil.{kind}", [HEADER, *ROWS])
    expected, csv_issues = _read(csv_root, shipped_plan)
    actual, issues = _read(sheet_root, shipped_plan)
    assert csv_issues == [] and issues == []
    assert (actual.respondents, actual.index) == (expected.respondents, expected.index) == (3, actual.index)
    assert [(a.id, a.answers, a.mean) for a in actual.aspects] == [(a.id, a.answers, a.mean) for a in expected.aspects]
    assert [f.path for f in actual.files] == [f"survei/{SURVEY}/hasil.{kind}"]


def test_csv_and_spreadsheets_in_one_folder_are_pooled(tmp_path, shipped_plan):
    folder = _folder(tmp_path)
    _csv(folder / "a.csv", [HEADER, *ROWS[:2]])
    _xlsx(folder / "b.xlsx", [HEADER, *ROWS[2:]])
    result, issues = _read(tmp_path, shipped_plan)
    assert issues == [] and result.respondents == 3 and len(result.files) == 2


def test_errors_name_the_sheet_and_cell(tmp_path, shipped_plan):
    rows = [["kejelasan_biaya", "percaloan", "imbalan", "komisi", "kkm"], [4, 5, 3, "tinggi", 2.5]]
    _xlsx(_folder(tmp_path) / "salah.xlsx", rows, title="Hasil Survei")
    _, issues = _read(tmp_path, shipped_plan)
    found = [(str(i.location), i.message) for i in issues]
    assert found == [
        (f"survei/{SURVEY}/salah.xlsx", "'Hasil Survei'!E2: kolom 'kkm' tidak dikenal"),
        (f"survei/{SURVEY}/salah.xlsx", "'Hasil Survei'!A2: kolom aspek tidak ada: kkn"),
        (f"survei/{SURVEY}/salah.xlsx", "'Hasil Survei'!B3: jawaban '5' di kolom 'percaloan' di luar skala 1–4"),
        (f"survei/{SURVEY}/salah.xlsx", "'Hasil Survei'!D3: jawaban 'tinggi' di kolom 'komisi' di luar skala 1–4"),
    ]
    assert issues[0].hint == "maksud Anda 'kkn'?"


def test_empty_and_broken_spreadsheets(tmp_path, shipped_plan):
    folder = _folder(tmp_path)
    _xlsx(folder / "kosong.xlsx", [])
    (folder / "rusak.ods").write_bytes(b"PK\x03\x04 rusak")
    (folder / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    _, issues = _read(tmp_path, shipped_plan)
    messages = {str(i.location): i.message for i in issues}
    assert messages[f"survei/{SURVEY}/kosong.xlsx"] == "lembar 'Responden' kosong"
    assert "bukan lembar kerja yang sah" in messages[f"survei/{SURVEY}/rusak.ods"]
    assert messages[f"survei/{SURVEY}/lama.xls"] == "berkas lembar kerja tidak dibaca"


def test_a_survey_saved_by_libreoffice_reads_the_same(tmp_path, shipped_plan):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice (soffice) wajib ada di CI")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    source = _xlsx(tmp_path / "hasil.xlsx", [HEADER, *ROWS])
    folder = _folder(tmp_path / "unit")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    expected_root = tmp_path / "csv"
    _csv(_folder(expected_root) / "hasil.csv", [HEADER, *ROWS])
    actual, issues = _read(tmp_path / "unit", shipped_plan)
    expected, _ = _read(expected_root, shipped_plan)
    assert issues == [] and (actual.respondents, actual.index) == (expected.respondents, expected.index)
