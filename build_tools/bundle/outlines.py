"""An evidence file's own bookmarks, carried under its bookmark in the bundle.

A report exported from Word or LibreOffice has bookmarks for its chapters;
a reviewer who opens the bundle finds them under the file's own bookmark,
each landing on the bundle page (and the spot) that shows that chapter, as
the file's internal links do (:class:`~build_tools.bundle.links.LinkTargets`).
The walk is bounded (items, depth, loops in a hostile outline), titles lose
control characters, and an item whose target is not in the file points at
the file's first page.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from build_tools.bundle.links import LinkTargets

MAX_ITEMS = 2000
"""Most bookmarks taken from one file (a long report has a few hundred)."""
MAX_DEPTH = 8
"""Deepest bookmark level taken from a file, below its own bookmark."""
MAX_TITLE = 200


def evidence_outline(source: pikepdf.Pdf, targets: LinkTargets, first_page: pikepdf.Array) -> list[pikepdf.OutlineItem]:
    """The bookmarks of ``source`` (one use of it in the bundle), closed, with bundle destinations."""
    outlines = source.Root.get(Name.Outlines)
    if not isinstance(outlines, pikepdf.Dictionary):
        return []
    walk = _Walk(targets, first_page)
    try:
        return walk.items(outlines.get(Name.First), 1)
    except (pikepdf.PdfError, ValueError, TypeError, RecursionError):
        return []  # a damaged outline: the file keeps its single bookmark


class _Walk:
    def __init__(self, targets: LinkTargets, first_page: pikepdf.Array) -> None:
        self.targets, self.first_page = targets, first_page
        self.budget = MAX_ITEMS
        self.seen: set[tuple[int, int]] = set()

    def items(self, node, depth: int) -> list[pikepdf.OutlineItem]:
        found: list[pikepdf.OutlineItem] = []
        while isinstance(node, pikepdf.Dictionary) and self.budget > 0:
            key = node.objgen
            if key != (0, 0):
                if key in self.seen:
                    break  # a loop in /Next or /First
                self.seen.add(key)
            self.budget -= 1
            item = pikepdf.OutlineItem(_title(node.get(Name.Title)), self._destination(node))
            if depth < MAX_DEPTH:
                item.children.extend(self.items(node.get(Name.First), depth + 1))
            item.is_closed = bool(item.children)
            found.append(item)
            node = node.get(Name.Next)
        return found

    def _destination(self, node: pikepdf.Dictionary) -> pikepdf.Array:
        where = self.targets.destination(node)  # an outline item points as a link does: /Dest or a GoTo /A
        return where if where is not None else self.first_page


def _title(value) -> str:
    text = str(value) if isinstance(value, pikepdf.String) else ""
    text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    if len(text) > MAX_TITLE:
        text = text[:MAX_TITLE - 1] + "…"
    return text or "(tanpa judul)"
