"""The shared wording helpers (``build_tools.core.words``): tables of inputs and the exact text."""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.core import words


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2020, 9, 15), "15 September 2020"),
    (dt.date(2020, 2, 29), "29 Februari 2020"),
    (dt.date(2026, 1, 1), "1 Januari 2026"),
])
def test_one_date_style(day: dt.date, text: str) -> None:
    assert words.date_text(day) == text
    assert words.as_of_text(day) == f"per tanggal {text}"


@pytest.mark.parametrize(("value", "digits", "text"), [
    (18.25, 2, "18,25"), (0.0, 2, "0,00"), (86.4, 1, "86,4"), (100.0, 0, "100"),
])
def test_decimal_comma(value: float, digits: int, text: str) -> None:
    assert words.number(value, digits) == text


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Manajemen Perubahan", 45, "Manajemen Perubahan"),
    # cut at a word boundary, marked with an ellipsis
    ("Terwujudnya Pemerintahan yang Bersih dan Bebas KKN", 45, "Terwujudnya Pemerintahan yang Bersih dan…"),
    ("Nilai Survey Persepsi Korupsi (Survei Eksternal)", 40, "Nilai Survey Persepsi Korupsi (Survei…"),
    # trailing punctuation before the cut is dropped
    ("Upaya dan/atau inovasi, pada perijinan", 24, "Upaya dan/atau inovasi…"),
    # one word longer than the width: cut inside it, still visibly
    ("Pertanggungjawaban", 10, "Pertanggu…"),
    # whitespace (line breaks of a question text) collapses
    ("Satu\n  dua   tiga", 20, "Satu dua tiga"),
])
def test_shorten_never_cuts_a_word_without_an_ellipsis(text: str, width: int, expected: str) -> None:
    result = words.shorten(text, width)
    assert result == expected
    assert len(result) <= width


def test_wrap_breaks_between_words_only() -> None:
    lines = words.wrap("Terwujudnya Peningkatan Kualitas Pelayanan Publik kepada Masyarakat", 45)
    assert lines == ["Terwujudnya Peningkatan Kualitas Pelayanan", "Publik kepada Masyarakat"]
    assert words.wrap("Pertanggungjawaban", 5) == ["Pertanggungjawaban"]  # never split
    assert words.wrap("", 10) == [""]


def test_column_lines_keep_the_figures_on_the_first_line() -> None:
    rows = words.column_lines("B.I.a Nilai Survey Persepsi Korupsi (Survei Eksternal)", 46, "  17,50", indent=6)
    assert rows == ["B.I.a Nilai Survey Persepsi Korupsi (Survei     17,50",
                    "      Eksternal)"]
    assert words.column_lines("Manajemen Perubahan", 30, " 8,00") == [f"{'Manajemen Perubahan':<30} 8,00"]


@pytest.mark.parametrize(("current", "required", "maximum", "text"), [
    (7.97, 14.25, 15.0, "perlu naik 6,28 poin, dari 7,97 menjadi 14,25 (paling tinggi 15,00)"),
    (3.75, 10.03, 5.0, "perlu naik 6,28 poin; nilai ini paling tinggi 5,00"),
    (3.75, 3.5, 5.0, "sudah tercapai (3,75; syaratnya 3,50)"),
])
def test_targets_are_a_rise_never_a_value_above_the_maximum(current, required, maximum, text) -> None:
    assert words.raise_by(current, required, maximum) == text
    assert "dari 5,00" not in text and "dari 15,00" not in text


def test_no_data_has_one_wording() -> None:
    assert words.NO_DATA == "belum ada data"
    assert words.no_data() == "belum ada data"
    assert words.no_data("TLHP") == "belum ada data TLHP"


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["TLHP"], "TLHP"), (["A", "B"], "A atau B"), (["A", "B", "C"], "A, B atau C"),
])
def test_listing(items, text) -> None:
    assert words.listing(items, "atau") == text


def test_a_problem_reads_the_same_everywhere() -> None:
    assert words.problem_text("evidence/I.1.a/x.pdf", "berkas kosong (0 bita)", "ganti dengan berkas yang benar") \
        == "evidence/I.1.a/x.pdf: berkas kosong (0 bita); ganti dengan berkas yang benar"
    assert words.reason_text("tautan ke folder tidak didukung") == "tautan ke folder tidak didukung"
