import datetime as dt

import pytest

from build_tools.core.months import Month, format_date, natural_key, parse_window


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Februari 2020", (2020, 2), (2020, 2)),
    ("Maret - Desember 2020", (2020, 3), (2020, 12)),
    ("Maret – April 2020", (2020, 3), (2020, 4)),
    ("Maret - november 2020", (2020, 3), (2020, 11)),
    ("2020-03", (2020, 3), (2020, 3)),
    ("2020-03 - 2020-12", (2020, 3), (2020, 12)),
    ("Desember 2020 - Januari 2021", (2020, 12), (2021, 1)),
    ("Nop 2020", (2020, 11), (2020, 11)),
    ("Januari s.d. Maret 2021", (2021, 1), (2021, 3)),
])
def test_parse_window(text, start, end):
    window = parse_window(text)
    assert (window.start, window.end) == (Month(*start), Month(*end))


@pytest.mark.parametrize(("text", "message"), [
    ("", "kosong"),
    ("Maret", "tidak menyebut tahun"),
    ("Foo 2020", "bukan nama bulan"),
    ("2020-13", "bulan 13 tidak ada"),
    ("Mei - Maret 2020", "sebelum bulan awal"),
    ("Jan - Feb - Mar 2020", "lebih dari dua bulan"),
])
def test_parse_window_errors(text, message):
    with pytest.raises(ValueError, match=message):
        parse_window(text)


def test_due_date_is_last_day_of_last_month():
    assert parse_window("Februari 2020").due == dt.date(2020, 2, 29)
    assert parse_window("Januari - Desember 2020").due == dt.date(2020, 12, 31)


def test_month_arithmetic_and_labels():
    assert Month(2020, 12).next() == Month(2021, 1)
    assert Month(2020, 3).add(-3) == Month(2019, 12)
    assert Month(2020, 3).label() == "Maret 2020"
    assert format_date(dt.date(2020, 8, 17)) == "17 Agustus 2020"
    assert parse_window("Maret - Mei 2020").label() == "Maret – Mei 2020"


def test_natural_key_orders_codes_like_the_plan():
    codes = ["I.10.a", "II.1.a", "I.2.a", "IV.1.a", "III.1.a", "VI.1.a", "V.1.a"]
    assert sorted(codes, key=natural_key) == ["I.2.a", "I.10.a", "II.1.a", "III.1.a", "IV.1.a", "V.1.a", "VI.1.a"]
    assert sorted(["2020-10 x", "2020-03 x"], key=natural_key) == ["2020-03 x", "2020-10 x"]
