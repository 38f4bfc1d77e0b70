"""Spreadsheets as input: the cells of an ``.xlsx`` or ``.ods`` file, bounded.

``read_sheets(path, rel)`` returns the sheets of a workbook saved by Excel,
LibreOffice Calc or this tool, each as rows of cell values (text, number,
bool, date or ``""`` for an empty cell) with Excel-style references
(``LKE!F23``) for messages. Both formats are read by python-calamine (one
reader, so a file behaves the same whichever program saved it); formulas are
not evaluated here, a formula cell holds the value the saving program
computed (``""`` when it computed none).

Bounded on hostile files: before calamine loads anything, the zip's
directory is checked (entries, total unpacked size) and the sheets' XML is
streamed to find the extent of non-empty cells; a sheet whose extent is
larger than :data:`MAX_CELLS` is refused, because calamine holds a sheet's
whole rectangle in memory (a single value at ``XFD1048576``, or an ``.ods``
row repeated a million times, would otherwise take gigabytes).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from build_tools.core.errors import InputError, Issue, Location

EXTENSIONS = (".xlsx", ".ods")
MAX_CELLS = 1_000_000
"""Rectangle of non-empty cells one sheet may span (a survey of 20 000 respondents × 50 columns)."""
MAX_UNPACKED = 64 * 1024 * 1024
MAX_ENTRIES = 5000
_ODS_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
           "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")


def column_letter(column: int) -> str:
    """1 → ``A``, 27 → ``AA``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: tuple[tuple[object, ...], ...]
    """Row-major cell values from ``A1``; trailing empty cells may be missing."""

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> object:
        """The value at 1-based ``row``, ``column`` (``""`` when empty or outside)."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 1 <= column <= len(cells):
                value = cells[column - 1]
                return "" if value is None else value
        return ""

    def ref(self, row: int, column: int | None = None) -> str:
        """``LKE!F23`` (``'Lembar 1'!F23`` when the name needs quotes); ``LKE!23`` for a whole row."""
        name = self.name if re.fullmatch(r"[A-Za-z0-9_]+", self.name) else "'" + self.name.replace("'", "''") + "'"
        return f"{name}!{column_letter(column) if column else ''}{row}"


def read_sheets(path: Path, rel: Path | None = None, *, first_only: bool = False) -> list[Sheet]:
    """Every sheet of ``path`` (or only the first); InputError naming ``rel`` otherwise."""
    rel = Path(rel or path)
    suffix = Path(path).suffix.lower()

    def fail(message: str, hint: str = "") -> InputError:
        return InputError([Issue(Location(rel), message, hint)], f"lembar kerja {rel.name}")

    if suffix not in EXTENSIONS:
        raise fail(f"jenis berkas '{suffix}' bukan lembar kerja yang dibaca",
                   "simpan sebagai .xlsx (Excel) atau .ods (LibreOffice Calc)")
    try:
        _check_bounds(Path(path), suffix)
    except zipfile.BadZipFile:
        raise fail("berkas bukan lembar kerja yang sah (bukan arsip zip .xlsx/.ods)",
                   "buka dan simpan ulang di Excel atau LibreOffice Calc") from None
    except _TooLarge as exc:
        raise fail(str(exc), "hapus baris dan kolom kosong yang terisi format, atau bagi berkasnya") from None
    except ElementTree.ParseError as exc:
        raise fail(f"isi lembar kerja rusak (XML tidak sah: {exc})", "buka dan simpan ulang") from None
    except OSError as exc:
        raise fail(f"berkas tidak dapat dibaca: {exc.strerror or exc}") from None
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            names = book.sheet_names[:1] if first_only else book.sheet_names
            sheets = []
            for name in names:
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                sheets.append(Sheet(name, tuple(tuple(r) for r in rows)))
            return sheets
        finally:
            book.close()
    except Exception as exc:  # calamine's errors (password, zip, xml) share no base class
        raise fail(f"lembar kerja tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:200]})",
                   "buka dan simpan ulang di Excel atau LibreOffice Calc (tanpa kata sandi)") from None


class _TooLarge(Exception):
    pass


def _check_bounds(path: Path, suffix: str) -> None:
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise _TooLarge(f"lembar kerja terlalu besar (isi terurai lebih dari {MAX_UNPACKED // 2**20} MB)")
        if suffix == ".ods":
            with archive.open("content.xml") as stream:
                _check_ods(stream)
        else:
            for info in infos:
                if re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                    with archive.open(info) as stream:
                        _check_extent(info.filename, _xlsx_extent(stream))


def _check_extent(name: str, extent: tuple[int, int]) -> None:
    rows, columns = extent
    if rows * columns > MAX_CELLS:
        limit = f"{MAX_CELLS:,}".replace(",", ".")
        raise _TooLarge(f"lembar '{name}' membentang {rows} baris × {columns} kolom, lebih dari {limit} sel")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_extent(stream) -> tuple[int, int]:
    """(last row, last column) holding a value, from the ``r`` references of ``<c>`` elements."""
    max_row = max_col = 0
    row = 0
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        tag = _local(element.tag)
        if tag == "c":
            has_value = any(_local(child.tag) in ("v", "is") for child in element)
            ref = element.get("r") or ""
            match = _CELL_REF.fullmatch(ref)
            if has_value:
                if match:
                    col = 0
                    for ch in match.group(1):
                        col = col * 26 + ord(ch) - 64
                    max_row, max_col = max(max_row, int(match.group(2))), max(max_col, col)
                else:
                    max_row, max_col = max(max_row, row), max(max_col, 1)
            element.clear()
        elif tag == "row":
            row = int(element.get("r") or row + 1)
            element.clear()
    return max_row, max_col


def _check_ods(stream) -> None:
    """Every table's extent of non-empty cells, with row and column repeats expanded arithmetically."""
    table_tag = f"{{{_ODS_NS['table']}}}table"
    row_tag = f"{{{_ODS_NS['table']}}}table-row"
    cell_tags = (f"{{{_ODS_NS['table']}}}table-cell", f"{{{_ODS_NS['table']}}}covered-table-cell")
    rows_repeated = f"{{{_ODS_NS['table']}}}number-rows-repeated"
    cols_repeated = f"{{{_ODS_NS['table']}}}number-columns-repeated"
    value_type = f"{{{_ODS_NS['office']}}}value-type"
    row = max_row = max_col = 0
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        if event == "start":
            if element.tag == table_tag:
                row = max_row = max_col = 0
            continue
        if element.tag == row_tag:
            repeat = int(element.get(rows_repeated) or 1)
            col = row_max_col = 0
            for cell in element:
                if cell.tag not in cell_tags:
                    continue
                span = int(cell.get(cols_repeated) or 1)
                col += span
                if cell.get(value_type) or len(cell):
                    row_max_col = col
            if row_max_col:
                max_row, max_col = row + repeat, max(max_col, row_max_col)
            row += repeat
            element.clear()
        elif element.tag == table_tag:
            _check_extent(element.get(f"{{{_ODS_NS['table']}}}name") or "?", (max_row, max_col))
            element.clear()
