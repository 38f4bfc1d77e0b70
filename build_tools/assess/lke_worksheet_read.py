"""Reading the LKE worksheet back: an edited ``.xlsx``/``.ods`` export → validated answers.

``read_worksheet(path, plan, plan_model)`` finds the rows by their id (column
``No``) and the columns by their header, so inserted columns or moved rows do
not matter; a row that was deleted, an id that is not the model's, a row whose
``Pilihan Jawaban`` no longer matches the model, a number where a letter
belongs are reported here. Everything else (choices outside a question's
scale, counts that are not whole numbers or do not add up, evidence codes that
are not in the plan, survey indices out of range, unknown Tabel 5 values) is
checked by the very loader of ``lke.yaml``: the cells are written as
``lke.yaml`` text with one value per line (:mod:`build_tools.assess.lke_yaml`),
loaded, and every problem's line is turned back into its cell, e.g.
``LKE!F23 (A.I.1.i.b): jawaban 'D' bukan pilihan A.I.1.i.b``. All problems
are reported at once; nothing is returned when there is one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tempfile
from pathlib import Path

from build_tools.assess.lke_answers import Answers, load_answers
from build_tools.assess.lke_sheet import (
    ANSWER,
    CHOICE,
    CHOICES,
    COUNT,
    DATA_HEADERS,
    DATA_SHEET,
    DATA_VALUE,
    EVIDENCE,
    HEADERS,
    ID,
    INSTANSI_KEY,
    KEY,
    MODEL_KEY,
    NOTE,
    PERCENT,
    SHEET,
    SURVEY,
    TPI,
    InputRow,
    criterion_key,
    input_rows,
)
from build_tools.assess.lke_yaml import AnswersDoc, Entry, dump
from build_tools.assess.spreadsheet import Sheet, read_sheets
from build_tools.core.errors import InputError, Issue, Location
from build_tools.models.lke import LkeModel
from build_tools.models.registry import load_lke_model
from build_tools.plan.structure import Plan

_READ_COLUMNS = (ID, CHOICES, ANSWER, EVIDENCE, NOTE, TPI)
_SEPARATORS = re.compile(r"[,;\s]+")


def what(path: Path) -> str:
    return f"lembar kerja LKE ({Path(path).name})"


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.issues: list[Issue] = []

    def error(self, ref: str, message: str, hint: str = "") -> None:
        self.issues.append(Issue(Location(self.path), f"{ref}: {message}" if ref else message, hint))

    def fail(self) -> InputError:
        return InputError(self.issues, what(self.path))


def _columns(r: _Reader, sheet: Sheet, headers: tuple[str, ...], wanted: tuple[int, ...]) -> dict[int, int]:
    """Layout column → the sheet's column, found by header text in row 1."""
    found: dict[str, int] = {}
    for column in range(1, max(len(sheet.rows[0]) if sheet.rows else 0, 1) + 1):
        title = str(sheet.value(1, column)).strip()
        if title and title not in found:
            found[title] = column
    result = {}
    for layout_column in wanted:
        title = headers[layout_column - 1]
        if title in found:
            result[layout_column] = found[title]
        else:
            r.error(sheet.ref(1), f"kolom '{title}' tidak ada di baris judul lembar {sheet.name}",
                    "jangan ubah atau hapus baris judul; ekspor ulang lembar kerja bila perlu")
    return result


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def _count(value: object) -> object:
    """A ``Jumlah`` cell: a whole number, or its text for the loader to judge."""
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else repr(value)
    text = _text(value).strip()
    return text or None


def read_worksheet(path: Path, plan: Plan, plan_model: LkeModel | None = None) -> Answers:
    """The answers the worksheet holds, validated against the model and the plan."""
    path = Path(path)
    r = _Reader(path)
    sheets = {s.name: s for s in read_sheets(path, path)}
    for name in (SHEET, DATA_SHEET):
        if name not in sheets:
            close = difflib.get_close_matches(name, list(sheets), n=1, cutoff=0.5)
            r.error("", f"lembar '{name}' tidak ada di berkas (lembar: {', '.join(sheets) or '-'})",
                    f"maksud Anda '{close[0]}'? jangan ganti nama lembar" if close
                    else "gunakan lembar kerja yang diekspor dengan score --xlsx atau lke --xlsx")
    if r.issues:
        raise r.fail()
    sheet, data = sheets[SHEET], sheets[DATA_SHEET]
    columns = _columns(r, sheet, HEADERS, _READ_COLUMNS)
    data_columns = _columns(r, data, DATA_HEADERS, (KEY, DATA_VALUE))
    if r.issues:
        raise r.fail()
    values = _data_values(data, data_columns)
    model = _model(r, values, plan_model)
    if model is None:
        raise r.fail()
    # Row problems do not stop here: the cells that could be read are judged too, so every
    # problem is reported in one run.
    doc = _document(r, sheet, columns, model, values)
    text, refs = dump(doc)
    with tempfile.TemporaryDirectory(prefix="zi-lke-import-") as tmp:
        candidate = Path(tmp) / "lke.yaml"
        candidate.write_text(text, encoding="utf-8")
        try:
            answers = load_answers(candidate, plan, model)
        except InputError as exc:
            for issue in exc.issues:
                r.error(_ref_of(refs, issue.location.line), issue.message, issue.hint)
    if r.issues:
        raise r.fail()
    return answers


def _ref_of(refs: dict[int, str], line: int) -> str:
    for n in range(line, 0, -1):
        if n in refs:
            return refs[n]
    return ""


def _data_values(data: Sheet, columns: dict[int, int]) -> dict[str, tuple[object, str]]:
    """Key → (value, cell) of sheet ``Data``."""
    values: dict[str, tuple[object, str]] = {}
    for row in range(2, data.height + 1):
        key = str(data.value(row, columns[KEY])).strip()
        if key and key not in values:
            values[key] = (data.value(row, columns[DATA_VALUE]), data.ref(row, columns[DATA_VALUE]))
    return values


def _model(r: _Reader, values: dict[str, tuple[object, str]], plan_model: LkeModel | None) -> LkeModel | None:
    if MODEL_KEY not in values:
        r.error(f"{DATA_SHEET}!A", f"baris '{MODEL_KEY}' tidak ada di lembar {DATA_SHEET}",
                "ekspor ulang lembar kerja dengan score --xlsx atau lke --xlsx")
        return None
    raw, ref = values[MODEL_KEY]
    model_id = _text(raw).strip()
    if plan_model is not None:
        if model_id != plan_model.id:
            r.error(ref, f"model '{model_id}' berbeda dengan model di plan.yaml ({plan_model.id})",
                    "ekspor ulang lembar kerja dari unit ini")
            return None
        return plan_model
    try:
        return load_lke_model(model_id)
    except InputError as exc:
        for issue in exc.issues:
            r.error(ref, issue.message, issue.hint)
        return None


def _known_ids(model: LkeModel) -> list[str]:
    ids = list(model.node_ids()) + [f"area:{a.number}" for a in model.lever_areas]
    ids += [row.id for row in input_rows(model)]
    return ids


def _rows_by_id(r: _Reader, sheet: Sheet, column: int, model: LkeModel) -> dict[str, int]:
    known = _known_ids(model)
    known_set = set(known)
    rows: dict[str, int] = {}
    for row in range(2, sheet.height + 1):
        raw = sheet.value(row, column)
        rid = _text(raw).strip()
        if not rid:
            continue
        if rid not in known_set:
            close = difflib.get_close_matches(rid, known, n=1, cutoff=0.6)
            r.error(sheet.ref(row, column), f"id '{rid}' tidak ada di model {model.id}",
                    (f"maksud Anda '{close[0]}'? " if close else "")
                    + "jangan ubah kolom No; baris yang tidak dari model harus tanpa id")
        elif rid in rows:
            r.error(sheet.ref(row, column), f"id '{rid}' ditulis dua kali (juga di {sheet.ref(rows[rid], column)})",
                    "hapus baris salinannya")
        else:
            rows[rid] = row
    return rows


def _document(r: _Reader, sheet: Sheet, columns: dict[int, int], model: LkeModel,
              values: dict[str, tuple[object, str]]) -> AnswersDoc:
    rows = _rows_by_id(r, sheet, columns[ID], model)
    doc = AnswersDoc(model.id)
    entries: dict[str, Entry] = {}

    def cell(row: int, column: int) -> tuple[object, str]:
        return sheet.value(row, columns[column]), sheet.ref(row, columns[column])

    for spec in input_rows(model):
        row = rows.get(spec.id)
        if row is None:
            r.error(SHEET, f"baris {spec.id} tidak ada di lembar {SHEET} (dihapus atau id-nya diubah?)",
                    "kembalikan barisnya, atau ekspor ulang lembar kerja lalu salin isiannya")
            continue
        choices, ref = cell(row, CHOICES)
        if _text(choices).strip() != spec.choices:
            r.error(ref, f"baris {spec.id} tidak lagi cocok dengan model: pilihan '{_text(choices).strip()}' "
                    f"di lembar kerja, '{spec.choices}' di model {model.id}",
                    "ekspor ulang lembar kerja dengan model ini lalu salin isiannya")
            continue
        _read_row(r, spec, row, cell, entries, doc)
    doc.entries = [entries[q] for q in [q.id for q in model.questions] + [i.id for i in model.choice_indicators]
                   if q in entries]
    for key, (value, ref) in values.items():
        if key == INSTANSI_KEY:
            doc.declared.append(("jenis_instansi", _data_value(value), ref))
    for c in model.criteria:
        if criterion_key(c.id) in values:
            value, ref = values[criterion_key(c.id)]
            doc.declared.append((c.id, _data_value(value), ref))
    return doc


def _data_value(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _read_row(r: _Reader, spec: InputRow, row: int, cell, entries: dict[str, Entry], doc: AnswersDoc) -> None:
    label = lambda ref: f"{ref} ({spec.question_id})"  # noqa: E731
    if spec.kind == SURVEY or spec.kind not in (CHOICE, PERCENT, COUNT):
        value, ref = cell(row, ANSWER)
        field = spec.field
        survey = doc.surveys.setdefault(spec.question_id, {})
        if field == "indeks":
            survey[field] = value if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else (_text(value).strip() or None)
        else:
            survey[field] = _count(value)
        doc.survey_refs[f"{spec.question_id}.{field}"] = label(ref)
        return
    if spec.kind == COUNT:
        entry = entries.get(spec.question_id)
        if entry is None:  # its question's row is missing (reported)
            return
        for who, column in (("unit", ANSWER), ("tpi", TPI)):
            value, ref = cell(row, column)
            count = _count(value)
            entry.refs[f"{who}:{spec.field}"] = label(ref)
            if count is not None:
                counts = getattr(entry, who) or {}
                counts[spec.field] = count
                setattr(entry, who, counts)
        return
    entry = Entry(spec.question_id, spec.kind == PERCENT)
    entries[spec.question_id] = entry
    evidence, ref = cell(row, EVIDENCE)
    entry.evidence = [c for c in _SEPARATORS.split(_text(evidence)) if c]
    entry.refs["evidence"] = label(ref)
    note, ref = cell(row, NOTE)
    entry.note = _text(note)
    entry.refs["note"] = label(ref)
    if spec.kind == PERCENT:
        entry.refs["unit"] = label(cell(row, ANSWER)[1])
        return
    for who, column in (("unit", ANSWER), ("tpi", TPI)):
        value, ref = cell(row, column)
        entry.refs[who] = label(ref)
        if isinstance(value, (int, float, dt.date, dt.time)) and not isinstance(value, bool) or value is True \
                or value is False:
            assert spec.scale is not None
            r.error(label(ref), f"angka '{_text(value)}' di kolom {HEADERS[column - 1]}, padahal "
                    f"{spec.question_id} dijawab dengan huruf", f"pilih salah satu: {', '.join(spec.scale.letters)}")
            continue
        text = _text(value).strip()
        setattr(entry, who, text or None)
