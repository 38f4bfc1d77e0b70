"""The editable side of the LKE worksheet: input cells, drop-down lists, protection, sheet ``Data``.

:class:`Inputs` marks the input cells of sheet ``LKE`` (yellow, unlocked) and
collects the data validations (choice lists, whole numbers, the survey index
range); every other cell stays locked under sheet protection without a
password, so formulas cannot be overwritten by accident while a person who
needs to can still unprotect the sheet. ``write_data_sheet`` adds sheet
``Data``: the model id (locked) and the declared submission data of Tabel 5
(``persyaratan`` in ``lke.yaml``), one key per row, with lists of the values
each accepts. The layout constants are in :mod:`build_tools.assess.lke_sheet`.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from build_tools.assess.lke_answers import INSTANSI_KINDS, Answers
from build_tools.assess.lke_sheet import (
    ANSWER,
    DATA_CHOICES,
    DATA_HEADERS,
    DATA_SHEET,
    DATA_VALUE,
    EVIDENCE,
    INSTANSI_KEY,
    KEY,
    LABEL,
    MODEL_KEY,
    NOTE,
    TPI,
    criterion_key,
    escape_text,
)
from build_tools.models.lke import AnswerScale, LkeModel

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_UNLOCKED = Protection(locked=False)
YES_NO = ("ya", "tidak")
HEADER_NOTES = {
    ANSWER: "Isian (sel kuning): huruf pilihan (Ya/Tidak, A–E) untuk pertanyaan; bilangan bulat di baris Jumlah; "
            "indeks survei 0–4 dan jumlah responden.",
    EVIDENCE: "Isian: kode bukti di plan.yaml yang mendukung jawaban, dipisah koma (contoh: I.1.a, I.1.b).",
    NOTE: "Isian: catatan jawaban (teks bebas).",
    TPI: "Isian TPI: jawaban Tim Penilai Internal bila berbeda dengan jawaban unit; kosong = sama.",
}


def _unlock(ws: Worksheet, row: int, column: int) -> None:
    cell = ws.cell(row=row, column=column)
    cell.fill = INPUT_FILL
    cell.protection = _UNLOCKED


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    # Resizing rows and columns and selecting stay allowed; only cell contents are locked.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


class Inputs:
    """Input cells of sheet ``LKE`` and their validations, added row by row."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.lists: dict[tuple[str, ...], list[str]] = {}
        self.wholes: list[str] = []
        self.decimals: dict[float, list[str]] = {}

    def mark_headers(self, row: int) -> None:
        for column, note in HEADER_NOTES.items():
            cell = self.ws.cell(row=row, column=column)
            cell.fill = INPUT_FILL
            cell.comment = Comment(note, "build_tools", width=300, height=110)

    def text(self, row: int, columns: tuple[int, ...]) -> None:
        for column in columns:
            _unlock(self.ws, row, column)

    def choice(self, row: int, scale: AnswerScale) -> None:
        self.text(row, (ANSWER, EVIDENCE, NOTE, TPI))
        self.lists.setdefault(scale.letters, []).extend(
            f"{get_column_letter(c)}{row}" for c in (ANSWER, TPI))

    def whole(self, row: int, columns: tuple[int, ...]) -> None:
        self.text(row, columns)
        self.wholes.extend(f"{get_column_letter(c)}{row}" for c in columns)

    def decimal(self, row: int, columns: tuple[int, ...], maximum: float) -> None:
        self.text(row, columns)
        self.decimals.setdefault(maximum, []).extend(f"{get_column_letter(c)}{row}" for c in columns)

    def finish(self) -> None:
        for letters, cells in self.lists.items():
            _validation(self.ws, DataValidation(type="list", formula1=f'"{",".join(letters)}"', allow_blank=True),
                        cells, f"pilih salah satu: {', '.join(letters)}")
        if self.wholes:
            _validation(self.ws, DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                                allow_blank=True), self.wholes, "isi bilangan bulat 0 atau lebih")
        for maximum, cells in self.decimals.items():
            _validation(self.ws, DataValidation(type="decimal", operator="between", formula1="0",
                                                formula2=f"{maximum:g}", allow_blank=True),
                        cells, f"isi angka 0 sampai {maximum:g}, contoh 3,62")
        _protect(self.ws)


def _validation(ws: Worksheet, dv: DataValidation, cells: list[str], message: str) -> None:
    dv.showErrorMessage = True
    dv.errorTitle = "Isian tidak sah"
    dv.error = message
    dv.promptTitle = "Isian"
    dv.prompt = message
    dv.showInputMessage = True
    for cell in cells:
        dv.add(cell)
    ws.add_data_validation(dv)


def _text(ws: Worksheet, row: int, column: int, value: object) -> None:
    cell = ws.cell(row=row, column=column, value=escape_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_data_sheet(wb: Workbook, model: LkeModel, answers: Answers) -> None:
    """Sheet ``Data``: the model id and every Tabel 5 datum (``persyaratan``), editable in column Nilai."""
    ws = wb.create_sheet(DATA_SHEET)
    for column, (title, width) in enumerate(zip(DATA_HEADERS, (30, 70, 14, 40)), start=1):
        _text(ws, 1, column, title)
        ws.cell(row=1, column=column).font = Font(bold=True)
        ws.cell(row=1, column=column).fill = INPUT_FILL if column == DATA_VALUE else _HEAD_FILL
        ws.column_dimensions[get_column_letter(column)].width = width
    declared = dict(answers.declared)
    rows: list[tuple[str, str, object, tuple[str, ...] | None, str]] = [
        (MODEL_KEY, "Model penilaian (jangan diubah)", model.id, None, ""),
        (INSTANSI_KEY, "Jenis instansi: kl (kementerian/lembaga) atau pemda", answers.instansi_kind or None,
         INSTANSI_KINDS, ""),
    ]
    for c in model.criteria:
        value = declared.get(c.id)
        if c.kind == "yes":
            rows.append((criterion_key(c.id), c.text, None if value is None else YES_NO[0 if value else 1],
                         YES_NO, ""))
        elif c.kind == "grade":
            rows.append((criterion_key(c.id), c.text, value, c.scale, ""))
        else:
            rows.append((criterion_key(c.id), c.text, value, None, "angka"))
    choices_by_list: dict[tuple[str, ...], list[str]] = {}
    numbers = []
    for n, (key, label, value, choices, kind) in enumerate(rows, start=2):
        _text(ws, n, KEY, key)
        _text(ws, n, LABEL, label)
        _text(ws, n, DATA_VALUE, value)
        _text(ws, n, DATA_CHOICES, ", ".join(choices) if choices else kind)
        if key == MODEL_KEY:
            continue
        _unlock(ws, n, DATA_VALUE)
        cell = f"{get_column_letter(DATA_VALUE)}{n}"
        if choices:
            choices_by_list.setdefault(tuple(choices), []).append(cell)
        else:
            numbers.append(cell)
    for choices, cells in choices_by_list.items():
        _validation(ws, DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True),
                    cells, f"pilih salah satu: {', '.join(choices)}")
    if numbers:
        _validation(ws, DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                       allow_blank=True), numbers, "isi angka 0 atau lebih")
    note_row = len(rows) + 3
    _text(ws, note_row, LABEL, "Sel kuning adalah isian. Setelah diisi, simpan (.xlsx atau .ods) lalu jalankan: "
                               "python -m build_tools lke-import BERKAS (lihat README, 'Lembar kerja LKE sebagai "
                               "masukan').")
    _protect(ws)
