"""The tool's own words: how every text report writes dates, numbers, missing
data, long names and targets.

``check``, ``score`` and ``lke`` (and the worksheet headings) render through
these helpers, so a civil servant reads one voice everywhere:

* one date style, ``15 September 2020`` (:func:`date_text`); ISO dates are
  for JSON and file names only;
* one decimal style, ``18,25`` (:func:`number`);
* one wording for data that is not there yet, :data:`NO_DATA`
  (``belum ada data``), optionally naming what is missing
  (:func:`no_data`);
* names are never cut mid-word: a table column wraps them
  (:func:`wrap`, :func:`column_lines`), a one-line summary ends them with an
  ellipsis at a word boundary (:func:`shorten`) while JSON keeps the full text;
* a target says what to reach (:func:`raise_by`), not a value above the
  maximum.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from build_tools.core.months import format_date
from build_tools.core.numbers import NO_DATA, num

__all__ = ["NO_DATA", "number"]
ELLIPSIS = "…"
IGNORED_TEXT = "berkas tersembunyi atau berkas sistem, bukan bukti"
"""Why hidden files (``.DS_Store``, ``~$x.docx``, ``Thumbs.db``) under ``evidence/`` are left out."""


def date_text(day: dt.date) -> str:
    """``15 September 2020``: the one date style of text outputs."""
    return format_date(day)


def as_of_text(day: dt.date) -> str:
    """``per tanggal 15 September 2020``."""
    return f"per tanggal {date_text(day)}"


number = num
"""Indonesian decimal comma: ``18.25`` → ``18,25`` (:func:`build_tools.core.numbers.num`)."""


def no_data(what: str = "") -> str:
    """``belum ada data`` or ``belum ada data TLHP``."""
    return f"{NO_DATA} {what}".rstrip()


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters.

    A longer text is cut at the last word boundary that fits and ends with
    ``…``; a single word longer than the width is cut inside it, still with
    ``…``, so a cut is always visible.
    """
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    room = max(1, width - len(ELLIPSIS))
    cut = text[:room + 1].rfind(" ")
    head = text[:cut] if cut > 0 else text[:room]
    return head.rstrip(" ,;:–-") + ELLIPSIS


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` characters, broken between words only.

    A word longer than the width stays whole on its own line (never split).
    """
    lines = textwrap.wrap(" ".join(str(text).split()), width=max(1, width),
                          break_long_words=False, break_on_hyphens=False)
    return lines or [""]


def column_lines(label: str, width: int, rest: str, indent: int = 0) -> list[str]:
    """A table row whose first column holds ``label`` in ``width`` characters.

    The figures (``rest``) follow the first line; the label's remaining words
    continue below it, aligned ``indent`` characters into the column.
    """
    first, *more = wrap(label, width)
    lines = [f"{first:<{width}}{rest}"]
    if more:
        lines += [" " * indent + line for line in wrap(" ".join(more), width - indent)]
    return lines


def count_text(count: int, noun: str) -> str:
    """``1 berkas``, ``3 temuan``: Indonesian nouns do not change with the count."""
    return f"{count} {noun}"


def raise_by(current: float, required: float, maximum: float) -> str:
    """What a score must reach, phrased as a rise, never as an impossible value.

    ``perlu naik 6,28 poin, dari 7,97 menjadi 14,25 (paling tinggi 15,00)``, or,
    when the rise goes beyond the maximum, ``perlu naik 18,00 poin; nilai ini
    paling tinggi 15,00`` (the caller says what else must rise).
    """
    rise = max(0.0, required - current)
    if rise <= 1e-9:
        return f"sudah tercapai ({number(current)}; syaratnya {number(required)})"
    if required <= maximum + 1e-9:
        return (f"perlu naik {number(rise)} poin, dari {number(current)} menjadi {number(required)} "
                f"(paling tinggi {number(maximum)})")
    return f"perlu naik {number(rise)} poin; nilai ini paling tinggi {number(maximum)}"


def listing(items: list[str] | tuple[str, ...], conjunction: str = "dan") -> str:
    """``A``, ``A dan B``, ``A, B dan C``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def reason_text(message: str, hint: str = "") -> str:
    """``message; what to do``: why a file is not used, the same in every text report."""
    return f"{message}; {hint}" if hint else message


def problem_text(path: str, message: str, hint: str = "") -> str:
    """``path: message; what to do``: one problem on one line."""
    return f"{path}: {reason_text(message, hint)}"


def unused_files_lines(unused) -> list[str]:
    """The console's list of evidence files no output counts (objects with ``path`` and ``reason``)."""
    unused = list(unused)
    if not unused:
        return []
    return [f"Berkas di evidence/ yang tidak dipakai ({len(unused)}):"] + [
        f"  - {u.path}: {u.reason}" for u in unused]
