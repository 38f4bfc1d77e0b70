"""The score as an .xlsx evaluation worksheet (openpyxl).

Sheet "Penilaian": one row per part, area, component, evidence item and
result sub-component (the rows of :func:`score_report.worksheet_rows`), with
weight, value and score as real numbers. Column G ("Periksa") holds a formula
next to every sum, e.g. ``=ROUND(SUM(F5:F9),2)``, so an assessor sees the
spreadsheet recompute each sum from the rows below it; the numbers in column F
are the tool's figures and equal the JSON report.
Sheet "Syarat": the WBK/WBBM conditions. Sheet "Selisih": the gap list.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator

from build_tools.assess.readiness import Readiness
from build_tools.core.errors import OutputError
from build_tools.reports.score import PREDICATE_NAMES, show, target_text, worksheet_rows

HEADER = ("Jenis", "Kode", "Uraian", "Bobot", "Nilai (0–1)", "Skor", "Periksa (rumus)", "Status", "Putusan TPI")
FIRST_ROW = 4
_CHILD = {"bagian": "area", "area": ("komponen", "sub_komponen"), "komponen": "bukti"}
_KIND_LABELS = {"bagian": "Bagian", "area": "Area", "komponen": "Komponen", "bukti": "Bukti",
                "sub_komponen": "Sub komponen", "total": "Total"}


@contextlib.contextmanager
def temp_space(what: str) -> Iterator[None]:
    """openpyxl writes each sheet to the temp folder first: a full disk there is a message, not a crash."""
    try:
        yield
    except _write_errors() as exc:
        raise OutputError(f"{what} tidak dapat disusun: folder sementara {tempfile.gettempdir()} penuh atau tidak "
                          f"dapat ditulis ({exc}); kosongkan ruang atau pilih TMPDIR lain") from None


def _write_errors() -> tuple[type[BaseException], ...]:
    """The errors of a failed temp-file write: OSError, and lxml's when openpyxl writes through lxml."""
    try:
        from lxml.etree import SerialisationError
    except ImportError:
        return (OSError,)
    return (OSError, SerialisationError)


def to_xlsx(r: Readiness) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Penilaian"
    ws["A1"] = f"Lembar penilaian Zona Integritas — {r.plan.unit.name}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Per tanggal {r.as_of.isoformat()} · model {r.model.id}"
    for col, title in enumerate(HEADER, start=1):
        cell = ws.cell(row=FIRST_ROW - 1, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    rows = worksheet_rows(r)
    sums = {"bagian", "area", "komponen"}
    bold = Font(bold=True)
    for offset, row in enumerate(rows):
        n = FIRST_ROW + offset
        values = (_KIND_LABELS[row.kind], row.id, row.text, row.weight, row.value, row.score, None,
                  row.status, row.verdict)
        for col, value in enumerate(values, start=1):
            ws.cell(row=n, column=col, value=value)
        for col in (4, 5, 6, 7):  # up to 4 decimals: equal shares such as 0.4167 stay visible
            ws.cell(row=n, column=col).number_format = "0.00%" if col == 5 else "0.00##"
        if row.kind in sums:
            children = _children(rows, offset)
            if children:
                refs = ",".join(f"F{FIRST_ROW + i}" for i in children)
                ws.cell(row=n, column=7, value=f"=ROUND(SUM({refs}),{r.model.decimals})")
            for col in range(1, 8):
                ws.cell(row=n, column=col).font = bold
        elif row.kind == "total":
            parts = [FIRST_ROW + i for i, x in enumerate(rows) if x.kind == "bagian"]
            ws.cell(row=n, column=7, value=f"=ROUND({'+'.join(f'F{p}' for p in parts)},{r.model.decimals})")
            for col in range(1, 8):
                ws.cell(row=n, column=col).font = bold
        ws.cell(row=n, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHI", (13, 12, 70, 9, 11, 9, 15, 18, 16)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=4)

    cs = wb.create_sheet("Syarat")
    cs.append(("Predikat", "Syarat", "Dibutuhkan", "Capaian", "Memenuhi", "Kekurangan", "Sumber"))
    for predicate, res in r.predicates.items():
        for c in res.conditions:
            cs.append((PREDICATE_NAMES.get(predicate, predicate), c.condition.label, _cell(c.condition.required),
                       _cell(c.actual), "ya" if c.passed else "tidak", c.shortfall,
                       "pedoman" if c.condition.source == "pedoman" else "pilihan alat"))
        cs.append((PREDICATE_NAMES.get(predicate, predicate), "KESIMPULAN", None, None,
                   "memenuhi syarat" if res.eligible else "belum memenuhi syarat", None, None))
    cs.column_dimensions["A"].width = 40
    cs.column_dimensions["B"].width = 80

    gs = wb.create_sheet("Selisih")
    gs.append(("Peringkat", "Kode", "Bukti", "Tambahan poin", "Keterangan"))
    for rank, i in enumerate(r.gaps, start=1):
        gs.append((rank, i.item.code, i.item.title, round(i.gain, 4), i.reason))
    gs.append(())
    gs.append(("", "", "Target komponen hasil"))
    for t in r.targets:
        gs.append(("", t.predicate.upper(), target_text(t)))
    gs.column_dimensions["C"].width = 90
    out = io.BytesIO()
    with temp_space("lembar kerja penilaian"):
        wb.save(out)
    return deterministic(out.getvalue(), dt.datetime.combine(r.as_of, dt.time()))


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
    kind = rows[index].kind
    wanted = _CHILD[kind]
    wanted = wanted if isinstance(wanted, tuple) else (wanted,)
    result = []
    for i in range(index + 1, len(rows)):
        if rows[i].kind == kind or rows[i].kind == "total" or (kind != "bagian" and rows[i].kind in ("bagian", "area")):
            break
        if rows[i].kind in wanted:
            result.append(i)
    return result


def _cell(value: object) -> object:
    if value is None or isinstance(value, bool):
        return show(value)
    return value
