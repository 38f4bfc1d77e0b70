"""Months, month windows and natural sorting.

A month is an ``(year, month)`` value object. Windows are written in plan.yaml
as the guideline writes them ("Februari 2020", "Maret - Desember 2020",
"Maret – April 2020") or as ISO months ("2020-03 - 2020-12").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]
_BY_NAME = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
# Common short forms and English names a unit may type.
_BY_NAME.update({
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12, "nop": 11,
    "nopember": 11, "pebruari": 2, "january": 1, "february": 2, "march": 3, "may": 5,
    "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
})


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"bulan {self.month} tidak ada")

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    @classmethod
    def parse_iso(cls, text: str) -> "Month":
        m = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
        if not m:
            raise ValueError(f"'{text}' bukan bulan berformat YYYY-MM")
        return cls(int(m.group(1)), int(m.group(2)))

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def add(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Window:
    """An inclusive range of months; evidence is due at the end of ``end``."""

    start: Month
    end: Month

    def months(self) -> Iterator[Month]:
        current = self.start
        while current <= self.end:
            yield current
            current = current.next()

    @property
    def due(self) -> dt.date:
        return self.end.last_day()

    def contains(self, month: Month) -> bool:
        return self.start <= month <= self.end

    def label(self) -> str:
        if self.start == self.end:
            return self.start.label()
        if self.start.year == self.end.year:
            return f"{MONTH_NAMES[self.start.month - 1]} – {self.end.label()}"
        return f"{self.start.label()} – {self.end.label()}"


_DASH = r"\s*[-–—]\s*|\s+s\.?d\.?\s+|\s+sampai\s+"
_NAMED = re.compile(r"([A-Za-z]+)\.?(?:\s+(\d{4}))?")


def _parse_part(text: str) -> tuple[int, int | None]:
    """One side of a window: returns (month, year or None)."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if iso:
        return int(iso.group(2)), int(iso.group(1))
    named = _NAMED.fullmatch(text)
    if named and named.group(1).lower() in _BY_NAME:
        return _BY_NAME[named.group(1).lower()], int(named.group(2)) if named.group(2) else None
    word = text.split()[0] if text.split() else text
    raise ValueError(f"'{word}' bukan nama bulan")


def parse_window(text: str) -> Window:
    """Parse a target window; raises ValueError with a message in Indonesian."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("target waktu kosong")
    text = text.strip()
    iso_range = re.fullmatch(r"(\d{4}-\d{1,2})\s*[-–—]\s*(\d{4}-\d{1,2})", text)
    if iso_range:
        parts = [iso_range.group(1), iso_range.group(2)]
    elif re.fullmatch(r"\d{4}-\d{1,2}", text):
        parts = [text]
    else:
        parts = re.split(_DASH, text)
    if len(parts) > 2:
        raise ValueError(f"'{text}' memuat lebih dari dua bulan")
    first = _parse_part(parts[0])
    last = _parse_part(parts[-1])
    end_year = last[1] if last[1] is not None else first[1]
    start_year = first[1] if first[1] is not None else end_year
    if start_year is None or end_year is None:
        raise ValueError(f"'{text}' tidak menyebut tahun")
    try:
        start, end = Month(start_year, first[0]), Month(end_year, last[0])
    except ValueError as exc:
        raise ValueError(f"'{text}': {exc}") from None
    if end < start:
        raise ValueError(f"'{text}': bulan akhir ({end.label()}) sebelum bulan awal ({start.label()})")
    return Window(start, end)


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders embedded numbers and roman area ids naturally.

    ``I.2`` < ``I.10``, ``II.1`` < ``III.1`` < ``IV.1``, ``2020-03`` < ``2020-10``.
    """
    key: list[object] = []
    for part in re.split(r"[.\s_-]+", text):
        if part.isascii() and part.isdigit() and len(part) < 100:  # not "²", not a 5,000-digit name
            key.append((1, int(part), ""))
        elif re.fullmatch(r"[IVXLC]+", part):
            key.append((0, roman_to_int(part), ""))
        else:
            key.append((2, 0, part.lower()))
    return tuple(key)


def roman_to_int(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def format_date(day: dt.date) -> str:
    """A date the Indonesian way: ``29 Februari 2020``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
