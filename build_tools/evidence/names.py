"""Names in the evidence tree: code folders, month prefixes, hidden files, proposed folder names."""

from __future__ import annotations

import re

from build_tools.core.months import Month

_IGNORED_NAMES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
_MONTH_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})(?=[\s_.\-]|$)")


def is_hidden(name: str) -> bool:
    """Files the operating system or an editor leaves behind: ignored, and listed as ignored."""
    return name.startswith(".") or name.startswith("~$") or name.lower() in _IGNORED_NAMES


def folder_code(name: str) -> str:
    """The code a folder name starts with: ``I.1.a SK Tim`` → ``I.1.a``."""
    token = name.split()[0] if name.split() else name
    return token.rstrip(".")


def month_prefix(name: str) -> tuple[Month | None, str | None]:
    """The ``YYYY-MM`` month a file name starts with, or an error text."""
    m = _MONTH_PREFIX.match(name)
    if not m:
        return None, None
    try:
        return Month(int(m.group(1)), int(m.group(2))), None
    except ValueError:
        return None, f"awalan bulan '{m.group(0)}' tidak sah"


def folder_name(code: str, title: str) -> str:
    """The folder name the tool proposes for an item: ``I.1.a SK Tim Kerja``.

    Characters that file systems refuse (``/ \\ : * ? " < > |``) become ``-``;
    long titles are cut at a word boundary.
    """
    clean = re.sub(r'[\\/:*?"<>|]+', "-", title)
    clean = re.sub(r"\s*-\s*", "-", clean)
    clean = re.sub(r"\s+", " ", clean).strip(" .-")
    if len(clean) > 60:
        clean = clean[:60].rsplit(" ", 1)[0].rstrip(",")
    return f"{code} {clean}" if clean else code
