"""Survey responses straight from a spreadsheet: ``survei/<id>/*.xlsx`` and ``*.ods``.

The first sheet is read with the same column rules as a CSV export
(:mod:`build_tools.assess.surveys`): the first non-empty row holds the column
names (aspect ids, case-insensitive; other columns ignored unless they look
like a misspelt aspect id), then one row per respondent; blank answers are left
out of that aspect, a row that is blank in every aspect is no respondent, and
an answer outside the scale or not a whole number is an error naming the
sheet and cell (``Lembar1!C5``). Cells are read by
:mod:`build_tools.assess.spreadsheet` (bounded; no LibreOffice needed).
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from build_tools.assess.spreadsheet import EXTENSIONS, Sheet, read_sheets
from build_tools.core.errors import InputError, Issue, Location
from build_tools.plan.structure import Survey

__all__ = ["EXTENSIONS", "read_survey_sheet"]


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _answer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def read_survey_sheet(path: Path, rel: Path, survey: Survey, scale: tuple[int, int],
                      answers: dict[str, list[int]], issues: list[Issue]) -> int | None:
    """Add the first sheet's answers to ``answers`` and its problems to ``issues``; the
    number of respondents, or None when the file could not be read."""
    try:
        sheets = read_sheets(path, rel, first_only=True)
    except InputError as exc:
        issues.extend(exc.issues)
        return None
    if not sheets:
        issues.append(Issue(Location(rel), "lembar kerja tanpa lembar", "simpan ulang di Excel atau LibreOffice"))
        return None
    sheet = sheets[0]
    where = Location(rel)
    file_issues: list[Issue] = []

    def problem(row: int, column: int, message: str, hint: str = "") -> None:
        file_issues.append(Issue(where, f"{sheet.ref(row, column)}: {message}", hint))

    header_row = next((n for n in range(1, sheet.height + 1)
                       if any(_cell_text(v) for v in sheet.rows[n - 1])), None)
    if header_row is None:
        issues.append(Issue(where, f"lembar '{sheet.name}' kosong",
                            "isi baris judul kolom (id aspek) dan satu baris per responden, atau hapus berkasnya"))
        return None
    aspect_ids = [a.id for a in survey.aspects]
    header = [_cell_text(v).lower() for v in sheet.rows[header_row - 1]]
    columns = _columns(sheet, header_row, header, aspect_ids, problem)
    respondents = 0
    low, high = scale
    for row in range(header_row + 1, sheet.height + 1):
        answered = False
        for column, aspect in columns.items():
            raw = sheet.value(row, column)
            text = _cell_text(raw)
            if not text:
                continue
            value = _answer(raw)
            if value is None or not low <= value <= high:
                problem(row, column, f"jawaban '{text}' di kolom '{aspect}' di luar skala {low}–{high}",
                        f"isi bilangan bulat {low} sampai {high}, atau kosongkan bila tidak dijawab")
                continue
            answers[aspect].append(value)
            answered = True
        respondents += answered
    issues.extend(file_issues)
    return respondents


def _columns(sheet: Sheet, row: int, header: list[str], aspect_ids: list[str], problem) -> dict[int, str]:
    columns: dict[int, str] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            continue
        if name in aspect_ids:
            if name in columns.values():
                problem(row, position, f"kolom '{name}' ditulis dua kali", "hapus salah satunya")
            columns[position] = name
        else:
            close = difflib.get_close_matches(name, aspect_ids, n=1, cutoff=0.6)
            if close and close[0] not in header:
                problem(row, position, f"kolom '{name}' tidak dikenal", f"maksud Anda '{close[0]}'?")
    missing = [a for a in aspect_ids if a not in header]
    if missing:
        problem(row, 1, f"kolom aspek tidak ada: {', '.join(missing)}",
                f"baris judul harus memuat id aspek: {', '.join(aspect_ids)}")
    return columns
