"""The LKE worksheet's layout: what the export writes and ``lke-import`` reads back.

Shared by :mod:`build_tools.assess.lke_workbook` (the writer)
and :mod:`build_tools.assess.lke_import` (the reader), so the two cannot drift
apart. Sheet ``LKE`` has one row per node, question and ``Jumlah`` row of the
model, identified by column ``No`` (the model id); columns are found by their
header, so a column a person inserts does not shift anything. Sheet ``Data``
holds the model id and the declared submission data (Tabel 5), one key per
row. :func:`input_rows` lists every row that carries something a person enters,
in worksheet order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.models.lke import AnswerScale, LkeModel

SHEET = "LKE"
DATA_SHEET = "Data"
HEADERS = ("No", "Penilaian", "Bobot", "Penjelasan", "Pilihan Jawaban", "Jawaban", "Nilai", "%",
           "Kode bukti", "Catatan", "Jawaban TPI")
ID, TEXT, WEIGHT, EXPLANATION, CHOICES, ANSWER, VALUE, SHARE, EVIDENCE, NOTE, TPI = range(1, len(HEADERS) + 1)
EDITABLE = (ANSWER, EVIDENCE, NOTE, TPI)
"""Columns with input cells (which rows have them: :class:`InputRow`)."""
DATA_HEADERS = ("Kunci", "Uraian", "Nilai", "Pilihan")
KEY, LABEL, DATA_VALUE, DATA_CHOICES = range(1, len(DATA_HEADERS) + 1)
MODEL_KEY = "model"
INSTANSI_KEY = "persyaratan.jenis_instansi"
COUNT_CHOICES = "Jumlah"
PERCENT_CHOICES = "%"
SURVEY_FIELDS = (("responden", "Jumlah responden"),
                 ("populasi", "Populasi: jumlah pengguna layanan (isi bila kurang dari minimum responden)"))

# Row kinds: what a row's input cells hold.
CHOICE = "choice"
"""A question or choice indicator answered with a letter: Jawaban, Kode bukti, Catatan, Jawaban TPI."""
PERCENT = "percent"
"""A ``%`` question's own row: Kode bukti, Catatan (its Jawaban is a formula)."""
COUNT = "count"
"""A ``Jumlah`` row of a ``%`` question: Jawaban and Jawaban TPI hold counts."""
SURVEY = "survey"
"""A survey indicator: Jawaban holds the index."""
SURVEY_COUNT = "survey_count"
"""``responden`` / ``populasi`` of a survey: Jawaban holds a whole number."""

INPUT_COLUMNS = {CHOICE: (ANSWER, EVIDENCE, NOTE, TPI), PERCENT: (EVIDENCE, NOTE), COUNT: (ANSWER, TPI),
                 SURVEY: (ANSWER,), SURVEY_COUNT: (ANSWER,)}


@dataclass(frozen=True)
class InputRow:
    id: str
    """Column ``No``: a question, input or indicator id, or ``hasil.<survey>.<field>``."""
    kind: str
    question_id: str
    """The question (or indicator) the row belongs to; the survey id for survey rows."""
    choices: str
    """Column ``Pilihan Jawaban`` as exported (checked on import: the row still matches the model)."""
    scale: AnswerScale | None = None
    field: str = ""
    """Survey rows: ``indeks``, ``responden`` or ``populasi``; count rows: the input number."""


def survey_row_id(survey_id: str, field: str) -> str:
    return f"hasil.{survey_id}.{field}"


def survey_choices(index_max: float) -> str:
    return f"Nilai (0-{index_max:g})"


def criterion_key(criterion_id: str) -> str:
    return f"persyaratan.{criterion_id}"


def input_rows(model: LkeModel) -> tuple[InputRow, ...]:
    """Every row with input cells, in the order the worksheet has them."""
    rows: list[InputRow] = []
    for ind in model.indicators:
        if ind.kind == "survey":
            rule = model.survey(ind.survey)
            rows.append(InputRow(ind.id, SURVEY, rule.id, survey_choices(rule.index_max), field="indeks"))
            rows += [InputRow(survey_row_id(rule.id, f), SURVEY_COUNT, rule.id, COUNT_CHOICES, field=f)
                     for f, _ in SURVEY_FIELDS]
        elif ind.kind == "choice":
            assert ind.scale is not None
            rows.append(InputRow(ind.id, CHOICE, ind.id, ind.scale.name, ind.scale))
        for q in ind.all_questions:
            if q.is_percent:
                rows.append(InputRow(q.id, PERCENT, q.id, PERCENT_CHOICES))
                rows += [InputRow(i.id, COUNT, q.id, COUNT_CHOICES, field=i.number) for i in q.inputs]
            else:
                rows.append(InputRow(q.id, CHOICE, q.id, q.answer_type, q.scale))
    return tuple(rows)


_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape_text(text: str) -> str:
    """Text for an ``.xlsx`` cell that reads back unchanged: OOXML writes characters XML
    cannot hold as ``_xHHHH_``, so a literal ``_x0041_`` becomes ``_x005F_x0041_`` and a
    control character ``_x0001_``."""
    text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
