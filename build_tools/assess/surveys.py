"""Perception surveys from CSV: ``survei/<survey id>/*.csv`` at the unit root.

One row per respondent, one column per survey aspect (the column name is the
aspect id from plan.yaml, e.g. ``kejelasan_biaya``), answers on the model's
scale (1–4). Other columns (``no``, ``tanggal``, ``layanan`` …) are ignored
unless they look like a misspelt aspect id. All CSV files of a survey's folder
are pooled: a unit may export its responses in several batches.

Spreadsheet exports are taken as they come (``.csv``, ``.tsv`` or ``.txt``):
UTF-16 with a BOM or with the zero bytes that give it away (Excel's "Unicode
Text"), UTF-8 with or without BOM, else Windows-1252, else Latin-1; ``,``,
``;`` or tab as separator (whichever the header line uses most). Blank answers
are excluded from that aspect's mean; an answer outside the scale or not a
whole number is an error naming file, row and column.

No respondent is lost silently: an unterminated quote, a quoted cell that
swallowed whole rows, a row with more or fewer cells than the header, a cell
over :data:`MAX_FIELD` characters, a file over :data:`MAX_FILE_BYTES`, an
unreadable file or folder are errors with file and line; other files in a
survey folder are named in a warning.

Index = mean of the aspect means (each over its non-blank answers). This is
the tool's choice: the guideline gives the aspects and the 1–4 scale but not
how aspects are averaged; equal aspect weights follow the guideline's list,
which gives none of them more weight.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from build_tools.assess import survey_sheets
from build_tools.core.errors import Issue, Location
from build_tools.core.escape import shown, shown_name
from build_tools.core.months import natural_key
from build_tools.core.suggest import did_you_mean, folded
from build_tools.plan.structure import Survey

SURVEY_DIR = "survei"
_SPREADSHEET_EXTENSIONS = (".xls",)
_TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest survey export read (about 200,000 respondents of 10 answers)."""
MAX_FIELD = 10_000
"""Longest cell, in characters (a long comment column fits)."""


@dataclass(frozen=True)
class AspectResult:
    id: str
    text: str
    answers: int
    mean: float | None


@dataclass(frozen=True)
class SurveyFile:
    path: str
    """Relative to the unit root, posix."""
    encoding: str
    delimiter: str
    respondents: int


@dataclass(frozen=True)
class SurveyResult:
    """One survey's pooled responses."""

    survey: Survey
    files: tuple[SurveyFile, ...]
    respondents: int
    aspects: tuple[AspectResult, ...]
    index: float | None
    """Mean of the aspect means on the answer scale; None without answers."""
    warnings: tuple[str, ...]


def read_surveys(root: Path, surveys: tuple[Survey, ...], scale: tuple[int, int],
                 minimum_sample: int) -> tuple[dict[str, SurveyResult], list[Issue]]:
    """Read every survey folder; returns results by survey id and the issues found."""
    root = Path(root)
    base = root / SURVEY_DIR
    issues: list[Issue] = []
    known = [s.id for s in surveys]
    if base.is_dir():
        try:
            entries = sorted(base.iterdir(), key=lambda p: natural_key(p.name))
        except OSError as exc:
            entries = []
            issues.append(Issue(Location(_rel(base, root)), f"folder tidak dapat dibaca: {exc.strerror or exc}",
                                "periksa izin folder ini"))
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir() or entry.name in known:
                continue
            issues.append(Issue(Location(_rel(entry, root)), f"folder survei '{shown_name(entry.name)}' tidak dikenal",
                                suggestion(entry.name, known, "folder yang dikenal")))
    results = {}
    for survey in surveys:
        results[survey.id] = _read_survey(root, survey, scale, minimum_sample, issues)
    return results, issues


def _read_survey(root: Path, survey: Survey, scale: tuple[int, int], minimum_sample: int,
                 issues: list[Issue]) -> SurveyResult:
    folder = root / SURVEY_DIR / survey.id
    answers: dict[str, list[int]] = {a.id: [] for a in survey.aspects}
    files = []
    skipped = []
    if folder.is_dir():
        for path in _files(folder, root, issues):
            if path.name.startswith((".", "~$")):
                continue
            if path.suffix.lower() in survey_sheets.EXTENSIONS:  # .xlsx/.ods: the first sheet, same rules
                count = survey_sheets.read_survey_sheet(path, _rel(path, root), survey, scale, answers, issues)
                if count is not None:
                    files.append(SurveyFile(_rel(path, root).as_posix(), "", "", count))
            elif path.suffix.lower() in _SPREADSHEET_EXTENSIONS:
                issues.append(Issue(Location(_rel(path, root)), "berkas lembar kerja tidak dibaca",
                                    "simpan sebagai .xlsx, .ods atau CSV (.csv) di folder yang sama"))
            elif path.suffix.lower() in _TEXT_EXTENSIONS:
                found = _read_csv(path, _rel(path, root), survey, scale, answers, issues)
                if found is not None:
                    files.append(found)
            else:
                skipped.append(_rel(path, root).as_posix())
    respondents = sum(f.respondents for f in files)
    aspects = tuple(AspectResult(a.id, a.text, len(answers[a.id]),
                                 sum(answers[a.id]) / len(answers[a.id]) if answers[a.id] else None)
                    for a in survey.aspects)
    means = [a.mean for a in aspects if a.mean is not None]
    index = sum(means) / len(means) if means else None
    warnings = [f"{shown_name(p)}: berkas ini tidak dibaca (bukan CSV); responden di dalamnya tidak dihitung"
                for p in skipped]
    if not files:
        warnings.append(f"belum ada data survei di {SURVEY_DIR}/{survey.id}/*.csv")
    elif respondents < minimum_sample:
        warnings.append(f"{survey.name}: {respondents} responden, kurang dari sampel minimal {minimum_sample}")
    for a in aspects:
        if files and a.mean is None:
            warnings.append(f"{survey.name}: aspek '{a.id}' belum dijawab satu responden pun")
    return SurveyResult(survey, tuple(files), respondents, aspects, index, tuple(warnings))


def _files(folder: Path, root: Path, issues: list[Issue]) -> list[Path]:
    """Every file under ``folder``, in natural order; unreadable folders are issues, not gaps."""
    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        issues.append(Issue(Location(_rel(where, root)), f"folder tidak dapat dibaca: {exc.strerror or exc}",
                            "periksa izin folder ini; responden di dalamnya belum dihitung"))

    found = []
    for top, _dirs, names in os.walk(folder, onerror=unreadable):
        found += [Path(top) / n for n in names if (Path(top) / n).is_file()]
    return sorted(found, key=lambda p: natural_key(p.as_posix()))


def suggestion(name: str, known: list[str], listing: str) -> str:
    """The did-you-mean hint for a folder or column (never the very name rejected)."""
    return did_you_mean(name, known, f"{listing}: {', '.join(known)}")


def _rel(path: Path, root: Path) -> Path:
    try:
        return Path(path.relative_to(root).as_posix())
    except ValueError:  # pragma: no cover - always under root
        return path


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that read it: UTF-16 (BOM, or zero bytes in every other
    place), else UTF-8 (BOM or not), else cp1252, else Latin-1."""
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _utf16(data: bytes) -> str | None:
    """The Python codec for a UTF-16 export, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4000]
    head = head[:len(head) // 2 * 2]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.4 and not even.count(0):
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and not odd.count(0):
            return "utf-16-be"
    return None


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(path: Path, rel: Path, survey: Survey, scale: tuple[int, int],
              answers: dict[str, list[int]], issues: list[Issue]) -> SurveyFile | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            issues.append(Issue(Location(rel), f"berkas survei terlalu besar (lebih dari "
                                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)", "bagi ekspornya menjadi beberapa berkas"))
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        issues.append(Issue(Location(rel), f"berkas tidak dapat dibaca: {exc.strerror or exc}",
                            "periksa izin berkas ini; respondennya belum dihitung"))
        return None
    text, encoding = decode(data)
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        issues.append(Issue(Location(rel), "berkas survei kosong",
                            "isi baris judul kolom (id aspek) dan satu baris per responden, atau hapus berkasnya"))
        return None
    delimiter = sniff_delimiter(lines[header_index])
    rows = _Rows(text, delimiter, rel)
    header: list[str] | None = None
    columns: dict[int, str] = {}
    aspect_ids = [a.id for a in survey.aspects]
    respondents = 0
    low, high = scale
    file_issues: list[Issue] = rows.issues
    for line, row in rows:
        if header is None:
            header = [cell.strip().lower() for cell in row]
            width = len(row)
            for position, name in enumerate(header):
                if name in aspect_ids:
                    if name in columns.values():
                        file_issues.append(Issue(Location(rel, line, position + 1),
                                                 f"kolom '{name}' ditulis dua kali", "hapus salah satunya"))
                    columns[position] = name
                elif any(folded(name) == folded(a) for a in aspect_ids) or (
                        (close := difflib.get_close_matches(name, aspect_ids, n=1, cutoff=0.6))
                        and close[0] not in header):
                    file_issues.append(Issue(Location(rel, line, position + 1),
                                             f"kolom '{shown_name(name)}' tidak dikenal",
                                             suggestion(name, aspect_ids, "kolom yang dikenal")))
            missing = [a for a in aspect_ids if a not in header]
            if missing:
                file_issues.append(Issue(Location(rel, line, 1), f"kolom aspek tidak ada: {', '.join(missing)}",
                                         f"baris judul harus memuat id aspek {survey.id}: {', '.join(aspect_ids)}"))
            continue
        if len(row) != width:
            file_issues.append(Issue(
                Location(rel, line, 1), f"baris {line} memuat {len(row)} kolom, baris judul {width} kolom",
                "periksa pemisah dan tanda kutip di baris ini: setiap responden satu baris dengan kolom "
                "sama banyak; baris ini belum dihitung"))
            continue
        respondents_row = False
        for position, aspect in columns.items():
            cell = row[position].strip()
            if not cell:
                continue
            value = _answer(cell)
            if value is None or not low <= value <= high:
                file_issues.append(Issue(
                    Location(rel, line, position + 1),
                    f"jawaban '{shown(cell[:40])}' di kolom '{aspect}' (baris {line}) di luar skala {low}–{high}",
                    f"isi bilangan bulat {low} sampai {high}, atau kosongkan bila tidak dijawab"))
                continue
            answers[aspect].append(value)
            respondents_row = True
        respondents += respondents_row
    issues.extend(file_issues)
    return SurveyFile(shown_name(rel.as_posix()), encoding, delimiter, respondents)


class _Rows:
    """The non-blank rows of a CSV text with the line each starts on; broken quoting is an issue.

    A quote that is never closed makes the csv module read to the end of the
    file as one cell; a quote closed rows later swallows those rows into one
    cell. Both would silently drop respondents, so both are reported and
    reading stops there.
    """

    def __init__(self, text: str, delimiter: str, rel: Path) -> None:
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        self.delimiter, self.rel = delimiter, rel
        self.issues: list[Issue] = []

    def __iter__(self):
        while True:
            start = self.reader.line_num + 1
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._broken(start, f"CSV tidak sah mulai baris {start}: {_csv_words(exc)}")
                return
            if self.reader.line_num > start and any("\n" in c and self.delimiter in c for c in row):
                self._broken(start, f"tanda kutip di baris {start} tampaknya tidak ditutup: baris {start}–"
                                    f"{self.reader.line_num} terbaca sebagai satu sel")
                return
            long = next((n for n, c in enumerate(row, 1) if len(c) > MAX_FIELD), None)
            if long:
                self.issues.append(Issue(Location(self.rel, start, long),
                                         f"sel terlalu panjang (lebih dari {MAX_FIELD} karakter)",
                                         "periksa tanda kutip di baris ini; baris ini belum dihitung"))
                continue
            if any(cell.strip() for cell in row):
                yield start, row

    def _broken(self, line: int, message: str) -> None:
        self.issues.append(Issue(Location(self.rel, line), message,
                                 "tutup tanda kutip (\") di baris itu atau ekspor ulang dari lembar kerja; "
                                 "responden sesudahnya belum dihitung"))


def _answer(cell: str) -> int | None:
    try:
        value = float(cell.replace(",", "."))
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


_CSV_WORDS = (
    ("unexpected end of data", "tanda kutip tidak ditutup sampai akhir berkas"),
    ("field larger than field limit", "sel terlalu panjang (lebih dari {limit} karakter)"),
    ("expected after", "ada teks setelah tanda kutip penutup; apit seluruh sel dengan tanda kutip"),
    ("new-line character seen in unquoted field", "baris baru di dalam sel tanpa tanda kutip"),
    ("line contains nul", "karakter NUL di dalam baris; simpan ulang sebagai teks CSV"),
)


def _csv_words(exc: Exception) -> str:
    """Python's csv errors (English) in the reader's words."""
    text = str(exc)
    for fragment, words in _CSV_WORDS:
        if fragment in text.lower():
            digits = "".join(c for c in text if c.isdigit())
            return words.format(limit=f"{int(digits):,}".replace(",", ".") if digits else "batas")
    return "susunan tanda kutip atau pemisah tidak sah"

