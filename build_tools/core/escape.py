"""Text from a unit's files, made safe for each non-HTML output.

Texts come from ``plan.yaml``, ``lke.yaml``, surveys, model files and file
names; they may hold anything. HTML escaping lives with the site
(:mod:`build_tools.site.markup`); this module covers the rest:

* :func:`shown` – a text for a terminal or a text report: bytes that were not
  UTF-8 in a file name (Python keeps them as lone surrogates) and control
  characters become visible ``\\xNN`` escapes, e.g. ``bad\\xff.pdf``;
  :func:`shown_name` also escapes line breaks and tabs (a name is one line).
* :func:`xml_text` – characters that XML 1.0 forbids even as references
  (controls, lone surrogates) become the same visible escapes.
* :func:`csv_text` and :func:`sheet_text` – a text that starts like a formula
  (``=``, ``+``, ``-``, ``@``, tab, CR) never becomes one: CSV cells get a
  leading ``'`` (the usual spreadsheet "this is text" mark); ``.xlsx`` cells
  are stored as strings (see :func:`literal`) and lose only the characters the
  file format cannot hold.
* :func:`clean` – every string of a JSON-ready tree passed through
  :func:`shown_bytes`, so ``json.dumps`` output always encodes as UTF-8.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a spreadsheet recognises a formula (or a DDE payload) in a typed cell."""

_ANY_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                           "\u2066-\u206f\ufeff\ufff9-\ufffb]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_bytes(text: str) -> str:
    """``text`` with lone surrogates (undecodable name bytes) shown as ``\\xNN``."""
    return _ANY_SURROGATE.sub(_escape, text)


def shown(text: object) -> str:
    """A text safe to print on a terminal: undecodable bytes and control characters as ``\\xNN``.

    Line breaks and tabs stay (reports are made of lines); a name never holds them
    (see :func:`name_problem`).
    """
    return _CONTROL.sub(_escape, shown_bytes(str(text)))


def shown_name(name: object) -> str:
    """A name or path for any output: like :func:`shown`, and line breaks, tabs and invisible
    format characters (zero-width space, soft hyphen, direction overrides) are made visible too."""
    return _NAME_CONTROL.sub(_escape, shown_bytes(str(name)))


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be used as it is, or None.

    A name with bytes that are not UTF-8 (typical of ZIPs made on Windows),
    with control characters (line breaks, escape sequences) or with invisible
    format characters (zero-width space, direction overrides that disguise an
    extension) would be shown differently in every output, or not at all; it
    is reported instead. Exactly these characters are what :func:`shown_name`
    escapes, so an accepted name is shown as it is.
    """
    if _ANY_SURROGATE.search(name):
        return "nama bukan teks UTF-8"
    found = _NAME_CONTROL.search(name)
    if found:
        char = found.group(0)
        what = "karakter kendali" if ord(char) < 0xA0 else "karakter tak terlihat"
        return f"nama memuat {what} U+{ord(char):04X}"
    return None


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold shown as ``\\xNN``."""
    return _NOT_XML.sub(_escape, text)


def csv_text(value: object) -> object:
    """A CSV cell: a text that would start a formula gets a leading ``'``; other values unchanged."""
    if isinstance(value, str):
        value = shown_bytes(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def sheet_text(value: object) -> object:
    """An ``.xlsx`` cell value from an input: a text without the characters the format forbids."""
    if isinstance(value, str):
        return _NOT_XLSX.sub(_escape, value)
    return value


def literal(cell, value: object):
    """Put an input's ``value`` into an openpyxl ``cell`` so it is never read as a formula.

    openpyxl stores any text starting with ``=`` as a formula; input texts are
    stored as plain strings instead (shown exactly as written). Our own
    formulas are assigned directly, never through here.
    """
    cell.value = sheet_text(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def clean(data: object) -> object:
    """A JSON-ready tree whose strings all encode as UTF-8 (see :func:`shown_bytes`)."""
    if isinstance(data, str):
        return shown_bytes(data)
    if isinstance(data, dict):
        return {clean(k) if isinstance(k, str) else k: clean(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [clean(v) for v in data]
    return data
