"""Perception surveys from CSV: ``survei/<survey id>/*.csv`` at the unit root.

One row per respondent, one column per survey aspect (the column name is the
aspect id from plan.yaml, e.g. ``kejelasan_biaya``), answers on the model's
scale (1–4). Other columns (``no``, ``tanggal``, ``layanan`` …) are ignored
unless they look like a misspelt aspect id. All CSV files of a survey's folder
are pooled: a unit may export its responses in several batches.

Spreadsheet exports are taken as they come: UTF-8 with or without BOM, else
Windows-1252, else Latin-1; ``,``, ``;`` or tab as separator (whichever the
header line uses most). Blank answers are excluded from that aspect's mean;
an answer outside the scale or not a whole number is an error naming file,
row and column.

Index = mean of the aspect means (each over its non-blank answers). This is
the tool's choice: the guideline gives the aspects and the 1–4 scale but not
how aspects are averaged; equal aspect weights follow the guideline's list,
which gives none of them more weight.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

from build_tools.assess import survey_sheets
from build_tools.core.errors import Issue, Location
from build_tools.core.months import natural_key
from build_tools.plan.structure import Survey

SURVEY_DIR = "survei"
_SPREADSHEET_EXTENSIONS = (".xls",)
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


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
        for entry in sorted(base.iterdir(), key=lambda p: natural_key(p.name)):
            if entry.name.startswith(".") or not entry.is_dir() or entry.name in known:
                continue
            close = difflib.get_close_matches(entry.name, known, n=1, cutoff=0.6)
            issues.append(Issue(Location(_rel(entry, root)), f"folder survei '{entry.name}' tidak dikenal",
                                f"maksud Anda '{close[0]}'?" if close else f"folder yang dikenal: {', '.join(known)}"))
    results = {}
    for survey in surveys:
        results[survey.id] = _read_survey(root, survey, scale, minimum_sample, issues)
    return results, issues


def _read_survey(root: Path, survey: Survey, scale: tuple[int, int], minimum_sample: int,
                 issues: list[Issue]) -> SurveyResult:
    folder = root / SURVEY_DIR / survey.id
    answers: dict[str, list[int]] = {a.id: [] for a in survey.aspects}
    files = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), key=lambda p: natural_key(p.as_posix())):
            if not path.is_file() or path.name.startswith((".", "~$")):
                continue
            if path.suffix.lower() in survey_sheets.EXTENSIONS:  # .xlsx/.ods: the first sheet, same rules
                count = survey_sheets.read_survey_sheet(path, _rel(path, root), survey, scale, answers, issues)
                if count is not None:
                    files.append(SurveyFile(_rel(path, root).as_posix(), "", "", count))
            elif path.suffix.lower() in _SPREADSHEET_EXTENSIONS:
                issues.append(Issue(Location(_rel(path, root)), "berkas lembar kerja tidak dibaca",
                                    "simpan sebagai .xlsx, .ods atau CSV (.csv) di folder yang sama"))
            elif path.suffix.lower() == ".csv":
                found = _read_csv(path, _rel(path, root), survey, scale, answers, issues)
                if found is not None:
                    files.append(found)
    respondents = sum(f.respondents for f in files)
    aspects = tuple(AspectResult(a.id, a.text, len(answers[a.id]),
                                 sum(answers[a.id]) / len(answers[a.id]) if answers[a.id] else None)
                    for a in survey.aspects)
    means = [a.mean for a in aspects if a.mean is not None]
    index = sum(means) / len(means) if means else None
    warnings = []
    if not files:
        warnings.append(f"belum ada data survei di {SURVEY_DIR}/{survey.id}/*.csv")
    elif respondents < minimum_sample:
        warnings.append(f"{survey.name}: {respondents} responden, kurang dari sampel minimal {minimum_sample}")
    for a in aspects:
        if files and a.mean is None:
            warnings.append(f"{survey.name}: aspek '{a.id}' belum dijawab satu responden pun")
    return SurveyResult(survey, tuple(files), respondents, aspects, index, tuple(warnings))


def _rel(path: Path, root: Path) -> Path:
    try:
        return Path(path.relative_to(root).as_posix())
    except ValueError:  # pragma: no cover - always under root
        return path


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that read it: UTF-8 (BOM or not), else cp1252, else Latin-1."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(path: Path, rel: Path, survey: Survey, scale: tuple[int, int],
              answers: dict[str, list[int]], issues: list[Issue]) -> SurveyFile | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        issues.append(Issue(Location(rel), f"berkas tidak dapat dibaca: {exc.strerror}"))
        return None
    text, encoding = decode(data)
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        issues.append(Issue(Location(rel), "berkas survei kosong",
                            "isi baris judul kolom (id aspek) dan satu baris per responden, atau hapus berkasnya"))
        return None
    delimiter = sniff_delimiter(lines[header_index])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: dict[int, str] = {}
    aspect_ids = [a.id for a in survey.aspects]
    respondents = 0
    low, high = scale
    file_issues: list[Issue] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                line = reader.line_num
                for position, name in enumerate(header):
                    if name in aspect_ids:
                        if name in columns.values():
                            file_issues.append(Issue(Location(rel, line, position + 1),
                                                     f"kolom '{name}' ditulis dua kali", "hapus salah satunya"))
                        columns[position] = name
                    else:
                        close = difflib.get_close_matches(name, aspect_ids, n=1, cutoff=0.6)
                        if close and close[0] not in header:
                            file_issues.append(Issue(Location(rel, line, position + 1),
                                                     f"kolom '{name}' tidak dikenal", f"maksud Anda '{close[0]}'?"))
                missing = [a for a in aspect_ids if a not in header]
                if missing:
                    file_issues.append(Issue(Location(rel, line, 1), f"kolom aspek tidak ada: {', '.join(missing)}",
                                             f"baris judul harus memuat id aspek {survey.id}: {', '.join(aspect_ids)}"))
                continue
            respondents_row = False
            for position, aspect in columns.items():
                cell = row[position].strip() if position < len(row) else ""
                if not cell:
                    continue
                value = _answer(cell)
                if value is None or not low <= value <= high:
                    file_issues.append(Issue(
                        Location(rel, reader.line_num, position + 1),
                        f"jawaban '{cell}' di kolom '{aspect}' (baris {reader.line_num}) di luar skala {low}–{high}",
                        f"isi bilangan bulat {low} sampai {high}, atau kosongkan bila tidak dijawab"))
                    continue
                answers[aspect].append(value)
                respondents_row = True
            respondents += respondents_row
    except csv.Error as exc:
        file_issues.append(Issue(Location(rel, reader.line_num), f"CSV tidak sah: {exc}",
                                 "ekspor ulang dari lembar kerja sebagai CSV"))
    issues.extend(file_issues)
    return SurveyFile(rel.as_posix(), encoding, delimiter, respondents)


def _answer(cell: str) -> int | None:
    try:
        value = float(cell.replace(",", "."))
    except ValueError:
        return None
    return int(value) if value.is_integer() else None
