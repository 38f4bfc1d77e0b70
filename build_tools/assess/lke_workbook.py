"""The LKE worksheet as an ``.xlsx`` file with live formulas, editable and read back.

``build_workbook(model, answers)`` lays the model out like the official
worksheet (columns Penilaian, Bobot, Penjelasan, Pilihan Jawaban, Jawaban,
Nilai, %, after an id column) and fills in the unit's answers. Every value and
sum is a formula, so an assessor who changes an answer in the spreadsheet gets
the same figures ``lke_score`` computes. Blank answers give an empty value
cell; the indicator formula is ``SUM(values)/n × weight`` (blanks count 0, this
tool's default) or ``AVERAGE(values) × weight`` (``like_worksheet``, the
official worksheet's behaviour).

The sheet is also an input (``lke-import``): the columns ``Kode bukti``,
``Catatan`` and ``Jawaban TPI`` follow ``%``; input cells are yellow and
unlocked, everything else is locked (sheet protection without a password),
choices have drop-down lists. The layout is shared with the reader
(:mod:`build_tools.assess.lke_sheet`); sheet ``Data`` is written by
:mod:`build_tools.assess.lke_workbook_data`. Every text is written as text
(never a formula), so a note beginning with ``=`` stays a note.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from build_tools.assess.lke_answers import Answers, Response
from build_tools.assess.lke_sheet import (
    ANSWER,
    CHOICES,
    COUNT_CHOICES,
    EVIDENCE,
    EXPLANATION,
    HEADERS,
    ID,
    NOTE,
    PERCENT_CHOICES,
    SHARE,
    SHEET,
    SURVEY_FIELDS,
    TEXT,
    TPI,
    VALUE,
    WEIGHT,
    escape_text,
    survey_choices,
    survey_row_id,
)
from build_tools.assess.lke_workbook_data import Inputs, write_data_sheet
from build_tools.core.tempspace import temp_space
from build_tools.models.lke import (
    DECREASE,
    KIND_CHOICE,
    KIND_SURVEY,
    AnswerScale,
    Indicator,
    LkeModel,
    Question,
)

FIXED_DATE = dt.datetime(2021, 1, 1)
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WIDTHS = (16, 60, 8, 60, 16, 10, 9, 9, 18, 40, 12)


def _col(index: int) -> str:
    return get_column_letter(index)


def _scale_formula(cell: str, scale: AnswerScale) -> str:
    formula = '""'
    for choice in reversed(scale.choices):
        formula = f'IF({cell}="{choice.letter}",{choice.value:g},{formula})'
    return f"={formula}"


class _Writer:
    def __init__(self, model: LkeModel, answers: Answers, who: str, like_worksheet: bool) -> None:
        self.model = model
        self.answers = answers
        self.who = who
        self.like_worksheet = like_worksheet
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = SHEET
        self.inputs = Inputs(self.ws)
        self.row = 1
        self.cells: dict[str, str] = {}
        """Node or question id → the cell holding its points (Nilai)."""

    def put(self, values: dict[int, object], *, bold: bool = False) -> int:
        row = self.row
        for column, value in values.items():
            cell = self.ws.cell(row=row, column=column, value=escape_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # text from the model or the unit is never a formula
            cell.alignment = Alignment(wrap_text=column in (TEXT, EXPLANATION, NOTE), vertical="top")
            if bold:
                cell.font = _BOLD
            if column in (VALUE, WEIGHT):
                cell.number_format = "0.00"
            if column == SHARE:
                cell.number_format = "0.00%"
        self.row += 1
        return row

    def response(self, question_id: str) -> Response:
        return self.answers.response(question_id, self.who)

    def extras(self, question_id: str) -> dict[int, object]:
        """Kode bukti and Catatan of a question (or choice indicator)."""
        a = self.answers.answer(question_id)
        return {EVIDENCE: ", ".join(a.evidence) if a and a.evidence else None, NOTE: a.note if a and a.note else None}

    def tpi(self, question_id: str) -> Response | None:
        a = self.answers.answer(question_id)
        return a.tpi if a is not None else None

    # -- layout -----------------------------------------------------------------
    def build(self) -> bytes:
        ws = self.ws
        self.put(dict(enumerate(HEADERS, start=1)), bold=True)
        for column in range(1, len(HEADERS) + 1):
            ws.cell(row=1, column=column).fill = _HEAD_FILL
        self.inputs.mark_headers(1)
        ws.freeze_panes = "C2"
        for column, width in enumerate(_WIDTHS, start=1):
            ws.column_dimensions[_col(column)].width = width
        total_row = self.put({ID: "", TEXT: "NILAI TOTAL", WEIGHT: self.model.total_weight}, bold=True)
        part_cells = []
        for part in self.model.parts:
            part_row = self.put({ID: part.id, TEXT: part.name, WEIGHT: part.weight}, bold=True)
            aspect_cells = []
            for aspect in part.aspects:
                aspect_row = self.put({ID: aspect.id, TEXT: aspect.name, WEIGHT: aspect.weight}, bold=True)
                children = []
                for area in aspect.areas:
                    area_row = self.put({ID: area.id, TEXT: area.name, WEIGHT: area.weight}, bold=True)
                    cells = [self.indicator(ind) for ind in area.indicators]
                    self.node(area.id, area_row, f"=SUM({','.join(cells)})")
                    children.append(self.cells[area.id])
                children += [self.indicator(ind) for ind in aspect.indicators]
                self.node(aspect.id, aspect_row, f"=SUM({','.join(children)})")
                aspect_cells.append(self.cells[aspect.id])
            self.node(part.id, part_row, f"=SUM({','.join(aspect_cells)})")
            part_cells.append(self.cells[part.id])
        self.node("total", total_row, f"=SUM({','.join(part_cells)})")
        self.put({})
        self.put({TEXT: "AREA PENGUNGKIT (PEMENUHAN + REFORM)"}, bold=True)
        for lever in self.model.lever_areas:
            row = self.put({ID: f"area:{lever.number}", TEXT: lever.name, WEIGHT: lever.weight})
            self.node(f"area:{lever.number}", row, "=" + "+".join(self.cells[a] for a in lever.area_ids))
        self.inputs.finish()
        write_data_sheet(self.wb, self.model, self.answers)
        return _deterministic_zip(self.wb)

    def node(self, node_id: str, row: int, formula: str) -> None:
        value = f"{_col(VALUE)}{row}"
        self.ws.cell(row=row, column=VALUE, value=formula).number_format = "0.00"
        share = self.ws.cell(row=row, column=SHARE,
                             value=f"=IF({_col(WEIGHT)}{row}=0,0,{value}/{_col(WEIGHT)}{row})")
        share.number_format = "0.00%"
        self.cells[node_id] = value

    def indicator(self, ind: Indicator) -> str:
        explanation = "\n".join(ind.explanation)
        if ind.kind == KIND_SURVEY:
            rule = self.model.survey(ind.survey)
            result = self.answers.survey(rule.id)
            row = self.put({ID: ind.id, TEXT: ind.name, WEIGHT: ind.weight, EXPLANATION: explanation,
                            CHOICES: survey_choices(rule.index_max),
                            ANSWER: result.index if result and result.index is not None else None})
            self.inputs.decimal(row, (ANSWER,), rule.index_max)
            answer = f"{_col(ANSWER)}{row}"
            self.node(ind.id, row, f'=IF({answer}="",0,{answer}/{rule.index_max:g}*{_col(WEIGHT)}{row})')
            given = {"responden": result.respondents if result else None,
                     "populasi": result.population if result else None}
            for field, label in SURVEY_FIELDS:
                count_row = self.put({ID: survey_row_id(rule.id, field), TEXT: label, CHOICES: COUNT_CHOICES,
                                      ANSWER: given[field]})
                self.inputs.whole(count_row, (ANSWER,))
            return self.cells[ind.id]
        if ind.kind == KIND_CHOICE:
            assert ind.scale is not None
            row = self.put({ID: ind.id, TEXT: ind.name, WEIGHT: ind.weight, EXPLANATION: explanation,
                            CHOICES: ind.scale.name, ANSWER: self.response(ind.id).choice,
                            TPI: _choice(self.tpi(ind.id)), **self.extras(ind.id)})
            self.inputs.choice(row, ind.scale)
            answer = f"{_col(ANSWER)}{row}"
            value = _scale_formula(answer, ind.scale)[1:]
            self.node(ind.id, row, f'=IF({answer}="",0,{value}*{_col(WEIGHT)}{row})')
            return self.cells[ind.id]
        row = self.put({ID: ind.id, TEXT: ind.name, WEIGHT: ind.weight}, bold=True)
        if ind.subindicators:
            cells = []
            for sub in ind.subindicators:
                sub_row = self.put({ID: sub.id, TEXT: sub.name, WEIGHT: sub.weight}, bold=True)
                self.node(sub.id, sub_row, self.mean(sub_row, [self.question(q) for q in sub.questions]))
                cells.append(self.cells[sub.id])
            self.node(ind.id, row, f"=SUM({','.join(cells)})")
        else:
            self.node(ind.id, row, self.mean(row, [self.question(q) for q in ind.questions]))
        return self.cells[ind.id]

    def mean(self, row: int, values: list[str]) -> str:
        weight = f"{_col(WEIGHT)}{row}"
        joined = ",".join(values)
        if self.like_worksheet:
            return f"=IF(COUNT({joined})=0,0,AVERAGE({joined})*{weight})"
        return f"=SUM({joined})/{len(values)}*{weight}"

    def question(self, q: Question) -> str:
        response = self.response(q.id)
        explanation = "\n".join(q.explanation)
        if not q.is_percent:
            assert q.scale is not None
            row = self.put({ID: q.id, TEXT: q.text, EXPLANATION: explanation, CHOICES: q.answer_type,
                            ANSWER: response.choice, TPI: _choice(self.tpi(q.id)), **self.extras(q.id)})
            self.inputs.choice(row, q.scale)
            self.ws.cell(row=row, column=VALUE, value=_scale_formula(f"{_col(ANSWER)}{row}", q.scale))
            return f"{_col(VALUE)}{row}"
        row = self.put({ID: q.id, TEXT: q.text, EXPLANATION: explanation, CHOICES: PERCENT_CHOICES,
                        **self.extras(q.id)})
        self.inputs.text(row, (EVIDENCE, NOTE))
        counts = dict(response.counts)
        tpi = self.tpi(q.id)
        tpi_counts = dict(tpi.counts) if tpi is not None else {}
        input_cells = {}
        for inp in q.inputs:
            input_row = self.put({ID: inp.id, TEXT: inp.text, CHOICES: COUNT_CHOICES, ANSWER: counts.get(inp.id),
                                  TPI: tpi_counts.get(inp.id)})
            self.inputs.whole(input_row, (ANSWER, TPI))
            input_cells[inp.id] = f"{_col(ANSWER)}{input_row}"
        f = q.formula
        assert f is not None
        if f.kind == DECREASE:
            prev, cur = input_cells[f.previous], input_cells[f.current]
            formula = (f'=IF(OR({prev}="",{cur}=""),"",IF({prev}=0,IF({cur}=0,1,0),'
                       f'MAX(({prev}-{cur})/{prev},0)))')
        else:
            num, den = input_cells[f.numerator], input_cells[f.denominator]
            formula = f'=IF(OR({num}="",{den}=""),"",IF({den}=0,"",MIN({num}/{den},1)))'
        self.ws.cell(row=row, column=VALUE, value=formula)
        self.ws.cell(row=row, column=ANSWER, value=f'={_col(VALUE)}{row}').number_format = "0.00%"
        return f"{_col(VALUE)}{row}"


def _choice(response: Response | None) -> str | None:
    return response.choice if response is not None else None


def _deterministic_zip(wb: Workbook) -> bytes:
    """Save without the wall clock: fixed document dates and zip entry times."""
    wb.properties.creator = "build_tools"
    wb.properties.created = wb.properties.modified = FIXED_DATE
    raw = io.BytesIO()
    with temp_space("lembar kerja LKE"), zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build_workbook(model: LkeModel, answers: Answers, *, who: str = "unit", like_worksheet: bool = False) -> bytes:
    """The filled-in worksheet as ``.xlsx`` bytes (deterministic for the same inputs)."""
    return _Writer(model, answers, who, like_worksheet).build()


def cell_map(model: LkeModel, answers: Answers) -> dict[str, str]:
    """Node id → its Nilai cell (for tests and callers that read the workbook back)."""
    writer = _Writer(model, answers, "unit", False)
    writer.build()
    return dict(writer.cells)
