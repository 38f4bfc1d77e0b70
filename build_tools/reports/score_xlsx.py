"""The score as an .xlsx evaluation worksheet (openpyxl), for every model kind.

Sheet "Penilaian": one row per part, group and row of the assessment (the rows
of :func:`build_tools.reports.score.worksheet_rows`), with weight, value and
score as real numbers. Column G ("Periksa") holds a formula next to every sum,
e.g. ``=ROUND(SUM(F5,F9),2)``, so an assessor sees the spreadsheet recompute
each sum from the rows below it; the numbers in column F are the tool's
figures and equal the JSON report.
Sheet "Syarat": the conditions of each predicate. Sheet "Selisih": the gap list.
A model with a worksheet of its own (the LKE) exports that instead
(:mod:`build_tools.reports.outputs`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from build_tools.assess.view import Assessment
from build_tools.core import words
from build_tools.core.escape import literal
from build_tools.core.numbers import show
from build_tools.core.tempspace import temp_space
from build_tools.reports.score import worksheet_rows

HEADER = ("Jenis", "Kode", "Uraian", "Bobot", "Nilai (0–1)", "Skor", "Periksa (rumus)", "Status", "Putusan TPI")
FIRST_ROW = 4
DECIMALS = 2


def to_xlsx(a: Assessment) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Penilaian"
    # Texts from the unit's files go through literal(): never a formula. Our own
    # formulas (column G) are assigned directly.
    literal(ws["A1"], f"Lembar penilaian Zona Integritas — {a.unit_name}")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Per tanggal {words.date_text(a.as_of)} · model {a.model_id}"
    for col, title in enumerate(HEADER, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    rows = worksheet_rows(a)
    bold = Font(bold=True)
    for offset, row in enumerate(rows):
        n = FIRST_ROW + offset
        values = (_label(row.kind), row.id, row.text, row.weight, row.value, row.score, None,
                  row.status, row.verdict)
        for col, value in enumerate(values, start=1):
            literal(ws.cell(row=n, column=col), value)
        for col in (4, 5, 6, 7):  # up to 4 decimals: equal shares such as 0.4167 stay visible
            ws.cell(row=n, column=col).number_format = "0.00%" if col == 5 else "0.00##"
        if row.group:
            children = _children(rows, offset)
            if children:
                refs = ",".join(f"F{FIRST_ROW + i}" for i in children)
                ws.cell(row=n, column=7, value=f"=ROUND(SUM({refs}),{DECIMALS})")
            for col in range(1, 8):
                ws.cell(row=n, column=col).font = bold
        elif row.kind == "total":
            parts = [FIRST_ROW + i for i, x in enumerate(rows) if x.group and x.depth == 0]
            ws.cell(row=n, column=7, value=f"=ROUND({'+'.join(f'F{p}' for p in parts)},{DECIMALS})")
            for col in range(1, 8):
                ws.cell(row=n, column=col).font = bold
        ws.cell(row=n, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHI", (13, 12, 70, 9, 11, 9, 15, 18, 16)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=4)

    cs = wb.create_sheet("Syarat")
    cs.append(("Predikat", "Syarat", "Dibutuhkan", "Capaian", "Memenuhi", "Kekurangan", "Sumber"))
    for p in a.predicates:
        for c in p.conditions:
            _append(cs, (p.name, c.label, _cell(c.required), _cell(c.actual), "ya" if c.passed else "tidak",
                         c.shortfall, c.source or None))
        _append(cs, (p.name, "KESIMPULAN", None, None,
                   "memenuhi syarat" if p.eligible else "belum memenuhi syarat", None, None))
    cs.column_dimensions["A"].width = 40
    cs.column_dimensions["B"].width = 80

    gs = wb.create_sheet("Selisih")
    gs.append(("Peringkat", "Kode", "Bukti", "Tambahan poin", "Keterangan"))
    for rank, g in enumerate(a.gaps, start=1):
        _append(gs, (rank, g.id, g.title, round(g.points, 4), g.reason))
    gs.append(())
    gs.append(("", "", "Target komponen hasil"))
    for predicate, text in a.targets:
        _append(gs, ("", predicate, text))
    gs.column_dimensions["C"].width = 90
    out = io.BytesIO()
    with temp_space("lembar kerja penilaian"):
        wb.save(out)
    return deterministic(out.getvalue(), dt.datetime.combine(a.as_of, dt.time()))


def deterministic(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook bytes for the same figures: openpyxl stamps the save time into
    docProps/core.xml and every zip entry; both are set to ``stamp`` (the as-of date)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + iso, content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, content)
    return out.getvalue()


def _children(rows: list, index: int) -> list[int]:
    """Indexes of the rows directly below rows[index] in the hierarchy."""
    depth = rows[index].depth
    result = []
    for i in range(index + 1, len(rows)):
        if rows[i].depth <= depth or rows[i].kind == "total":
            break
        if rows[i].depth == depth + 1:
            result.append(i)
    return result


def _append(ws, values: tuple) -> None:
    """``ws.append`` for a row of values from the report: texts stay texts."""
    from openpyxl.cell.cell import Cell

    ws.append([literal(Cell(ws), value) for value in values])


def _label(kind: str) -> str:
    return {"sub_komponen": "Sub komponen"}.get(kind, kind.capitalize())


def _cell(value: object) -> object:
    if value is None or isinstance(value, bool):
        return show(value)
    return value
