"""Links inside an evidence file keep working in the bundle.

A link to a page of the same file (an explicit destination, or a named
destination such as a Word or LibreOffice table of contents makes) is
rewritten to an explicit destination on the bundle page that shows that
page, in that use of the file (a file shown under two codes gets links to
its own copy each time), with the view position moved like the page content
(:mod:`build_tools.bundle.stamp`). A link whose target cannot be found is
removed. Web and mail links (``http``, ``https``, ``mailto``) are kept; every
other action or URI scheme is removed (:mod:`build_tools.bundle.safety`).
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from build_tools.bundle.stamp import Geometry, geometry

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_MAX_NAMES = 100_000


class LinkTargets:
    """Where the pages of one use of a source document are in the bundle."""

    def __init__(self, source: pikepdf.Pdf, placed: list[pikepdf.Object], copies: list[tuple[int, int]],
                 geometries: dict[tuple[int, int], Geometry]) -> None:
        self.source, self.placed = source, placed
        self.by_copy = dict(zip(copies, placed))
        self.geometries = geometries
        self._source_index: dict[tuple[int, int], int] | None = None
        self._named: dict[str, object] | None = None

    def destination(self, annot: pikepdf.Dictionary) -> pikepdf.Array | None:
        """The bundle destination of a link annotation (or outline item) that jumps within its file, else None."""
        dest = annot.get(Name.Dest)
        action = annot.get(Name.A)
        if dest is None and isinstance(action, pikepdf.Dictionary) and action.get(Name.S) == Name.GoTo:
            dest = action.get(Name.D)
        return self.resolve(dest) if dest is not None else None

    def resolve(self, dest, depth: int = 0) -> pikepdf.Array | None:
        if isinstance(dest, (pikepdf.String, pikepdf.Name)) and depth < 2:
            return self.resolve(self._lookup(dest), depth + 1)
        if isinstance(dest, pikepdf.Dictionary) and depth < 2:
            return self.resolve(dest.get(Name.D), depth + 1)
        if not isinstance(dest, pikepdf.Array) or len(dest) == 0:
            return None
        target = self._target(dest[0])
        if target is None:
            return None
        return pikepdf.Array([target, *self._view(target, list(dest)[1:])])

    def _target(self, first) -> pikepdf.Object | None:
        if isinstance(first, pikepdf.Dictionary):
            found = self.by_copy.get(first.objgen)
            if found is not None:
                return found
            index = self.source_index().get(first.objgen)
        else:
            try:
                index = int(first)
            except (TypeError, ValueError):
                return None
        return self.placed[index] if index is not None and 0 <= index < len(self.placed) else None

    def source_index(self) -> dict[tuple[int, int], int]:
        if self._source_index is None:
            self._source_index = {p.obj.objgen: i for i, p in enumerate(self.source.pages)}
        return self._source_index

    def _view(self, target: pikepdf.Object, params: list) -> list:
        """The view parameters (``/XYZ left top zoom`` …) moved like the target page's content."""
        g = self.geometries.get(target.objgen)
        if g is None:
            g = self.geometries[target.objgen] = geometry(pikepdf.Page(target), scaled=True)
        if not params or g.matrix is None:
            return params
        kind, rest = params[0], params[1:]

        def number(value, axis: int):
            if not isinstance(value, (int, float, pikepdf.Object)) or value is None:
                return value
            try:
                v = float(value)
            except (TypeError, ValueError):
                return value
            point = g.apply(v, 0) if axis == 0 else g.apply(0, v)
            return round(point[axis], 3)

        axes = {"/XYZ": (0, 1), "/FitH": (1,), "/FitBH": (1,), "/FitV": (0,), "/FitBV": (0,),
                "/FitR": (0, 1, 0, 1)}.get(str(kind), ())
        moved = [number(v, axes[i]) if i < len(axes) else v for i, v in enumerate(rest)]
        return [kind, *moved]

    def _lookup(self, name) -> object | None:
        """A named destination of the source: the ``/Names/Dests`` tree or the old ``/Dests`` dictionary."""
        if self._named is None:
            self._named = {}
            root = self.source.Root
            names = root.get(Name.Names)
            tree = names.get(Name.Dests) if isinstance(names, pikepdf.Dictionary) else None
            if tree is not None:
                try:
                    for n, (key, value) in enumerate(pikepdf.NameTree(tree).items()):
                        if n >= _MAX_NAMES:
                            break
                        self._named[f"s:{key}"] = value
                except (pikepdf.PdfError, ValueError, TypeError):
                    pass
            old = root.get(Name.Dests)
            if isinstance(old, pikepdf.Dictionary):
                for key in list(old.keys())[:_MAX_NAMES]:
                    self._named[f"n:{key}"] = old[key]
        if isinstance(name, pikepdf.Name):
            return self._named.get(f"n:{name}")
        text = str(name)
        return self._named.get(f"s:{text}", self._named.get(f"n:/{text}"))


def safe_uri(action) -> bool:
    """A web or mail link (``http``, ``https``, ``mailto``) with nothing chained after it."""
    if not isinstance(action, pikepdf.Dictionary) or action.get(Name.S) != Name.URI:
        return False
    if Name.Next in action or Name.JS in action:
        return False
    uri = str(action.get(Name.URI, "")).strip().lower()
    return uri.startswith(SAFE_SCHEMES)
