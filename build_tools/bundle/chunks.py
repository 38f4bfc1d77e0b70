"""The units a bundle build lays out: chunks (runs of consecutive pages) and marks
(bookmarks and contents lines pointing at a chunk)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from build_tools.bundle.links import LinkTargets


@dataclass
class Chunk:
    """A run of consecutive bundle pages."""

    kind: str
    """area, code (separator), part (evidence or placeholder)."""
    title: str
    code: str | None = None
    """The stamp on its pages (an evidence code; LKE order: question / code); None: no stamp."""
    label: tuple[str, bool] | None = None
    """Page label starting here: (prefix, numbered)."""
    gen: tuple[int, int] | None = None
    """(first page, count) in the generated body document."""
    source: pikepdf.Pdf | None = None
    own: bool = True
    """Rendered by the bundle (empty bottom margin): stamped in place, not cleaned."""
    start: int = 0
    targets: LinkTargets | None = None
    """Where this use of ``source`` landed in the bundle (set when its pages are placed)."""


@dataclass
class Mark:
    """A bookmark (and optionally a contents line) pointing at a chunk's first page."""

    title: str
    chunk: int
    toc: tuple[int, str, str] | None = None
    """(level, label, title) of its contents line."""
    status: str = ""
    """Shown beside its contents line: the status of an evidence code (or of a question's evidence)."""
    key: str | None = None
    """Reported in ``BundleReport.bookmarks`` (evidence code or question id)."""
    children: list[Mark] = field(default_factory=list)
