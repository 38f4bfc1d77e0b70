"""Escaping and formatting for the site's Markdown pages.

Everything printed into a page goes through :func:`md` unless it is already
:class:`~markupsafe.Markup`: text from ``plan.yaml`` and file names are shown
literally, cannot break a Markdown table and cannot inject HTML. Special
characters become numeric character references, which mean the same thing in
Markdown text, in a table cell and inside a raw HTML block.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from urllib.parse import quote

from markupsafe import Markup

# Characters with a meaning in HTML or in (Python-)Markdown inline syntax.
_SPECIAL = {c: f"&#{ord(c)};" for c in "\"'|*_`[]\\~^{}=+"}
_SPECIAL["&"] = "&amp;"
_SPECIAL["<"] = "&lt;"
_SPECIAL[">"] = "&gt;"
_ESCAPE_TABLE = str.maketrans(_SPECIAL)
_HTML_TABLE = str.maketrans({c: _SPECIAL[c] for c in "&<>\"'"})
_SPACE = re.compile(r"\s+")
_BLOCK_START = re.compile(r"^([#>-]|\d(?=\d*[.)]))")


def md(value: object) -> Markup:
    """Plain text → Markdown/HTML that shows it literally, on one line."""
    if isinstance(value, Markup):
        return value
    text = _SPACE.sub(" ", str(value)).strip().translate(_ESCAPE_TABLE)
    # A leading "#", "-", ">" or "1." would start a block if the text opens a line.
    text = _BLOCK_START.sub(lambda m: f"&#{ord(m.group(1))};", text, count=1)
    return Markup(text)


def html(value: object) -> Markup:
    """Plain text for an HTML attribute or element (no Markdown involved)."""
    if isinstance(value, Markup):
        return value
    return Markup(_SPACE.sub(" ", str(value)).strip().translate(_HTML_TABLE))


def url(path: str) -> Markup:
    """A relative site path as a link target (percent-encoded)."""
    return Markup(quote(path, safe="/#.-_~"))


def relative(from_page: str, target: str) -> str:
    """Link from the page at ``from_page`` (a docs-relative .md path) to ``target``."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(target, start)


def page_url(page: str) -> str:
    """The built HTML path of a Markdown page (``use_directory_urls: false``)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def number(value: float) -> str:
    """Indonesian number: ``1.25`` → ``1,25``; ``60.0`` → ``60``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def size(n: int) -> str:
    """File size in the Indonesian style: ``12,3 KB``."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}".replace(".", ",")
    return f"{n} B"


def slug(name: str) -> str:
    """A portable file name (ASCII letters, digits, ``.-_``) for the site copy.

    Evidence names may hold characters that a USB stick's file system or a
    web server rejects (``* | < > :``); the site copy gets a safe name.
    """
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_stem).strip("-.") or "berkas"
    clean = re.sub(r"-{2,}", "-", clean)[:80].rstrip("-.")
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()
    return f"{clean}.{ext}" if ext else clean


def joined(separator: str, *parts: object) -> str:
    """The non-empty ``parts`` joined: empty optional fields leave no stray separator."""
    return separator.join(text for text in (_SPACE.sub(" ", str(p or "")).strip() for p in parts) if text)


def labelled(label: str, value: object) -> str:
    """``PIC DBM``; a value that already opens with the label is shown alone (``PIC belum ditetapkan``)."""
    text = _SPACE.sub(" ", str(value or "")).strip()
    if not text:
        return ""
    return text if text.split(" ", 1)[0].lower() == label.lower() else f"{label} {text}"


def wrappable(text: str, every: int = 0) -> Markup:
    """Escaped text that may wrap only at its own boundaries (after ``_ - . /``).

    ``every``: a break opportunity every so many characters instead (a hash
    in groups). ``<wbr>`` adds nothing when the text is selected and copied.
    """
    text = _SPACE.sub(" ", str(text)).strip()
    if every:
        pieces = [text[i:i + every] for i in range(0, len(text), every)]
    else:
        pieces = re.split(r"(?<=[_\-./])(?=\S)", text)
    escaped = [md(pieces[0]) if pieces else Markup("")] + [Markup(p.translate(_ESCAPE_TABLE)) for p in pieces[1:]]
    return Markup("<wbr>").join(escaped)
