"""Surveys lose no respondent silently.

* ``BROKEN``: quoting and row shapes that made the csv module merge or drop
  respondents; each is an error with file:line and ``score`` exits 2 (the
  first row of the table is the case from issue 10: one unterminated quote
  silently dropped every following respondent with exit 0).
* ``READ``: exports that must be read with every respondent counted: UTF-16
  from Excel "Unicode Text" (with BOM, both byte orders, without BOM),
  ``.txt``/``.tsv`` names, CRLF, quoted cells holding the separator or a
  line break, blank lines.
* ``NAMES``, ``OTHER_HINTS``: a did-you-mean hint never suggests the very
  name it rejects (survey folders and columns, plan keys, review codes and
  verdicts, evidence folders); when a name differs only by case, width,
  spaces or invisible characters the hint says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.assess.surveys import read_surveys
from build_tools.cli import main
from build_tools.core.escape import shown
from build_tools.models.registry import load_weighted_model

MODEL = load_weighted_model("permenpanrb-10-2019")
ASPECTS = ["kejelasan_biaya", "percaloan", "imbalan", "komisi", "kkn"]


def _rows(n: int, sep: str = ";") -> list[str]:
    return [sep.join([str(i), "Izin usaha", *[str(1 + (i + k) % 4) for k in range(5)]]) for i in range(1, n + 1)]


def _header(sep: str = ";") -> str:
    return sep.join(["no", "layanan", *ASPECTS])


def _write(root: Path, data: bytes, name: str = "a.csv", folder: str = "persepsi_korupsi") -> Path:
    path = root / "survei" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _read(root: Path, plan):
    return read_surveys(root, plan.surveys, (MODEL.scale_min, MODEL.scale_max), MODEL.sample_minimum.count)


def _lines_with(change: dict[int, str], n: int = 40) -> bytes:
    """A 40-respondent export with some data rows (1-based, header is line 1) replaced."""
    rows = [_header(), *_rows(n)]
    for line, text in change.items():
        rows[line - 1] = text
    return ("\n".join(rows) + "\n").encode("utf-8")


BROKEN = [
    # (case, file content, line named, message)
    ("unterminated quote (issue 10)", _lines_with({5: '4;"Izin usaha;4;4;3;4;4'}), 5, "CSV tidak sah mulai baris 5"),
    ("quote closed rows later before a separator",
     _lines_with({5: '4;"Izin usaha;4;4;3;4;4', 9: '8;Izin",4;4;3;4;4'.replace(",", ";")}), 5,
     "tampaknya tidak ditutup: baris 5–9 terbaca sebagai satu sel"),
    ("text after a closing quote", _lines_with({7: '6;"Izin" usaha;4;4;3;4;4'}), 7, "CSV tidak sah mulai baris 7"),
    ("a row with one cell too many", _lines_with({12: "11;Izin;4;4;3;4;4;4"}), 12, "baris 12 memuat 8 kolom"),
    ("a row with cells missing", _lines_with({20: "19;Izin;4;4"}), 20, "baris 20 memuat 4 kolom"),
    ("a row split by a stray line break", _lines_with({30: "29;Izin;4;4", 31: "3;4;4"}), 30, "baris 30 memuat 4 kolom"),
    ("a lone quote in the last row", _lines_with({41: '40;"'}), 41, "CSV tidak sah mulai baris 41"),
    ("a NUL byte in an answer", _lines_with({3: "2;Izin;4;4\x00;3;4;4"}), 3, "jawaban '4\\x00' di kolom 'percaloan'"),
]


@pytest.mark.parametrize(("case", "content", "line", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rows_are_errors_with_file_and_line(project, case, content, line, message, capsys):
    path = _write(project, content)
    code = main(["score", "--root", str(project), "--as-of", "2020-06-01"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"survei/persepsi_korupsi/a.csv:{line}" in err and message in err, err
    assert "Traceback" not in err and path.read_bytes() == content
    assert not re.search(r"\b(unexpected|expected|field|limit|seen|quoted)\b", err), err  # Python's csv words


def _excel_unicode_text(n: int, encoding: str, bom: bool) -> bytes:
    text = "\r\n".join([_header("\t"), *_rows(n, "\t")]) + "\r\n"
    data = text.encode(encoding)
    return (("\ufeff".encode(encoding)) if bom else b"") + data


READ = [
    # (case, file name, content, respondents, encoding, separator)
    ("Excel Unicode Text: UTF-16 LE with BOM, tabs, .txt", "hasil.txt", _excel_unicode_text(37, "utf-16-le", True),
     37, "utf-16", "\t"),
    ("UTF-16 BE with BOM", "hasil.csv", _excel_unicode_text(31, "utf-16-be", True), 31, "utf-16", "\t"),
    ("UTF-16 LE without BOM", "hasil.csv", _excel_unicode_text(33, "utf-16-le", False), 33, "utf-16", "\t"),
    ("UTF-16 LE with non-ASCII service names", "hasil.tsv",
     _excel_unicode_text(32, "utf-16-le", True).replace("Izin usaha".encode("utf-16-le"),
                                                        "Perizinan – café".encode("utf-16-le")), 32, "utf-16", "\t"),
    ("UTF-8 with BOM and CRLF", "hasil.csv",
     ("\ufeff" + "\r\n".join([_header(), *_rows(35)]) + "\r\n").encode("utf-8"), 35, "utf-8", ";"),
    ("quoted cells holding the separator", "a.csv",
     ("\n".join([_header(), *[r.replace("Izin usaha", '"Izin; usaha"') for r in _rows(34)]]) + "\n").encode(),
     34, "utf-8", ";"),
    ("a quoted comment with a line break", "a.csv",
     ("\n".join([_header(), *_rows(30), '31;"Izin\nusaha";4;4;4;4;4']) + "\n").encode(), 31, "utf-8", ";"),
    ("blank lines between respondents", "a.csv",
     ("\n\n".join([_header(), *_rows(30)]) + "\n\n\n").encode(), 30, "utf-8", ";"),
]


@pytest.mark.parametrize(("case", "name", "content", "respondents", "encoding", "sep"), READ,
                         ids=[r[0] for r in READ])
def test_exports_are_read_with_every_respondent(project, shipped_plan, case, name, content, respondents,
                                                encoding, sep, capsys):
    _write(project, content, name)
    results, issues = _read(project, shipped_plan)
    assert issues == []
    r = results["persepsi_korupsi"]
    assert r.respondents == respondents
    assert [(f.encoding, f.delimiter, f.respondents) for f in r.files] == [(encoding, sep, respondents)]
    assert main(["score", "--root", str(project), "--as-of", "2020-06-01"]) == 0
    capsys.readouterr()


def test_other_files_in_a_survey_folder_are_named_in_a_warning(project, shipped_plan):
    _write(project, ("\n".join([_header(), *_rows(30)]) + "\n").encode(), "a.csv")
    _write(project, b"%PDF-1.4 laporan survei", "Laporan survei.pdf")
    results, issues = _read(project, shipped_plan)
    assert issues == []
    assert results["persepsi_korupsi"].warnings == (
        "survei/persepsi_korupsi/Laporan survei.pdf: berkas ini tidak dibaca (bukan CSV); "
        "responden di dalamnya tidak dihitung",)


NAMES = [
    # (case, header cell or folder name, the aspect column or survey folder it stands for, the hint expected)
    ("zero-width space in a column", "kkn\u200b", "kkn", "tulis persis 'kkn'"),
    ("full-width letters in a column", "ｋｋｎ", "kkn", "tulis persis 'kkn'"),
    ("soft hyphen in a column", "per\u00adcaloan", "percaloan", "tulis persis 'percaloan'"),
    ("misspelt column", "percalon", "percaloan", "maksud Anda 'percaloan'?"),
    ("trailing space in a folder", "persepsi_korupsi ", "folder", "tulis persis 'persepsi_korupsi'"),
    ("upper case folder", "Persepsi_Korupsi", "folder", "tulis persis 'persepsi_korupsi'"),
    ("zero-width space in a folder", "kualitas_pelayanan\u200b", "folder", "tulis persis 'kualitas_pelayanan'"),
    ("misspelt folder", "persepsi_koruspi", "folder", "maksud Anda 'persepsi_korupsi'?"),
]


@pytest.mark.parametrize(("case", "name", "replaces", "hint"), NAMES, ids=[n[0] for n in NAMES])
def test_did_you_mean_never_suggests_the_rejected_name(project, shipped_plan, case, name, replaces, hint):
    if replaces == "folder":
        _write(project, (";".join(ASPECTS) + "\n4;4;4;4;4\n").encode(), folder=name)
    else:
        header = ";".join(name if a == replaces else a for a in ASPECTS)
        _write(project, (header + "\n" + "4;4;4;4;4\n").encode("utf-8"))
    _, issues = _read(project, shipped_plan)
    [issue] = [i for i in issues if "tidak dikenal" in i.message]
    assert hint in issue.hint, str(issue)
    suggested = issue.hint.split("'")[1]
    assert suggested != name and shown(suggested) != shown(name)
    # The rejected name is shown with its invisible characters visible.
    assert "\u200b" not in str(issue) and "\u00ad" not in str(issue)


OTHER_HINTS = [
    # (case, file, text, command, hint expected) — the same promise for every other did-you-mean
    ("plan key with a zero-width space", "plan.yaml", ("versi_format: 1", "versi_format\u200b: 1"), "check",
     "tulis persis 'versi_format'"),
    ("review code in full-width letters", "reviews.yaml", (None, "Ｉ.1.a: {putusan: diterima}\n"), "score",
     "tulis persis 'I.1.a'"),
    ("review verdict with a soft hyphen", "reviews.yaml", (None, "I.1.a: {putusan: \"dite\u00adrima\"}\n"), "score",
     "tulis persis 'diterima'"),
    ("evidence folder code in full-width letters", "evidence/Ｉ.１.a SK/a.pdf", None, "check",
     "tulis persis 'I.1.a'"),
    ("evidence folder code in lower case", "evidence/i.1.a SK/a.pdf", None, "check", "tulis persis 'I.1.a'"),
]


@pytest.mark.parametrize(("case", "target", "change", "command", "hint"), OTHER_HINTS, ids=[h[0] for h in OTHER_HINTS])
def test_no_did_you_mean_repeats_the_rejected_name(project, case, target, change, command, hint, capsys):
    path = project / target
    path.parent.mkdir(parents=True, exist_ok=True)
    if change is None:
        path.write_bytes(b"%PDF-1.4\n")
    elif change[0] is None:
        path.write_text(change[1], encoding="utf-8")
    else:
        path.write_text(path.read_text("utf-8").replace(*change, 1), encoding="utf-8")
    code = main([command, "--root", str(project), "--as-of", "2020-06-01"])
    captured = capsys.readouterr()
    assert code in (1, 2) and hint in captured.out + captured.err, captured
    assert "maksud Anda 'I.1.a'?" not in captured.out + captured.err
