"""The bundle's page tree, assembled from copied pages in one pass, and the open-file
limit that keeps every source open until the bundle is saved."""

from __future__ import annotations

import pikepdf


class PageTree:
    """The output's page list, built directly as one /Kids array.

    ``copy_foreign`` per page and a single tree write is several times
    faster than appending pages one by one through the page helper (which
    updates its caches on every page). Evidence pages are placed as shallow
    copies of the copied page: their own page dictionary (stamp, boxes)
    sharing content and resources, so a file used as evidence of several
    codes is stored once and each use gets only its own stamp.
    """

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.kids: list[pikepdf.Object] = []

    def add(self, pages) -> tuple[list[pikepdf.Object], list[tuple[int, int]]]:
        """Pages of another document, each as its own page dictionary; also the copies they were made from."""
        added, copies = [], []
        for page in pages:
            local = self.pdf.copy_foreign(page.obj)
            copies.append(local.objgen)
            added.append(self.pdf.make_indirect(pikepdf.Dictionary(local)))
        self.kids.extend(added)
        return added, copies

    def add_local(self, pages: list[pikepdf.Object]) -> list[pikepdf.Object]:
        """Pages made in this document (the bundle's own pages)."""
        self.kids.extend(pages)
        return pages

    def finish(self) -> None:
        root = self.pdf.Root.Pages
        for kid in self.kids:
            kid.Parent = root
        root.Kids = pikepdf.Array(self.kids)
        root.Count = len(self.kids)


def raise_nofile_limit() -> None:
    """Every source stays open until the bundle is saved: allow many open files."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
        except (ValueError, OSError):  # pragma: no cover
            pass
