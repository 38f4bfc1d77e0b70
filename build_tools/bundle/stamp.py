"""The margin stamp of bundle pages: evidence code and bundle page number.

The stamp is a content stream appended to the page (not an overlay merged
from another PDF), placed along the bottom edge *as the page is displayed*,
so it reads upright on rotated pages and sits inside the visible (crop) box.
It is drawn in the bundle's embedded DejaVu Sans.

Evidence pages keep their media and crop boxes (an A4 page stays A4): their
content is scaled down uniformly into the visible box less a strip along the
displayed bottom edge, centred across, and clipped to what was visible, so
the stamp in the strip can never cover content, however full the page is.
Their annotations (links) are moved with the content. Pages the bundle
renders itself keep an empty bottom margin and are stamped in place.

The stamp's size follows the page: :data:`SIZE_RATIO` of the shorter side of
the visible box (about 9 pt on A4, 36 pt on A0, never under
:data:`MIN_SIZE`), so it has the same size on screen when any page from A5
to A0 is shown whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from build_tools.bundle.typeface import Face

SIZE_RATIO = 1 / 66
MIN_SIZE = 6.0
STRIP_RATIO = 2.0
"""Height of the strip, in stamp font sizes."""
FONT_KEY = Name("/ZIStamp")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, array) -> "Box":
        a, b, c, d = (float(v) for v in array)
        return cls(min(a, c), min(b, d), max(a, c), max(b, d))

    def intersect(self, other: "Box") -> "Box":
        box = Box(max(self.x0, other.x0), max(self.y0, other.y0), min(self.x1, other.x1), min(self.y1, other.y1))
        return box if box.x0 < box.x1 and box.y0 < box.y1 else self


@dataclass(frozen=True)
class Geometry:
    """Where a page's stamp goes and how its content is moved to make room for it."""

    box: Box
    rotate: int
    size: float
    """Font size of the stamp, in points."""
    matrix: tuple[float, float, float, float, float, float] | None
    """Content transformation (None: the page is stamped in place)."""

    def apply(self, x: float, y: float) -> tuple[float, float]:
        if self.matrix is None:
            return x, y
        a, _, _, d, e, f = self.matrix
        return a * x + e, d * y + f


def rotation(page: pikepdf.Page) -> int:
    value = page.obj.get(Name.Rotate, 0)
    try:
        return int(value) % 360 // 90 * 90
    except (TypeError, ValueError):
        return 0


def visible_box(page: pikepdf.Page) -> Box:
    # The page's own entry (qpdf pushes inherited boxes down to every page): pikepdf's
    # ``page.mediabox`` would copy a shared box into the page, changing the output.
    raw = page.obj.get(Name.MediaBox)
    media = Box.of(raw if raw is not None else page.mediabox)
    crop = page.obj.get(Name.CropBox)
    return Box.of(crop).intersect(media) if crop is not None else media


def geometry(page: pikepdf.Page, *, scaled: bool) -> Geometry:
    """The stamp size and (``scaled``) the content matrix of ``page`` (computed once per page shape)."""
    obj = page.obj
    key = (_floats(obj.get(Name.MediaBox)), _floats(obj.get(Name.CropBox)), obj.get(Name.Rotate), scaled)
    found = _GEOMETRIES.get(key)
    if found is None:
        found = _geometry(page, scaled)
        if len(_GEOMETRIES) < 10_000:  # page shapes repeat; a hostile file's many shapes are not kept
            _GEOMETRIES[key] = found
    return found


_GEOMETRIES: dict[tuple, Geometry] = {}


def _floats(array) -> tuple[float, ...] | None:
    try:
        return tuple(map(float, array)) if array is not None else None
    except (TypeError, ValueError):
        return ("?",)


def _geometry(page: pikepdf.Page, scaled: bool) -> Geometry:
    box, rotate = visible_box(page), rotation(page)
    width, height = box.x1 - box.x0, box.y1 - box.y0
    size = max(MIN_SIZE, min(width, height) * SIZE_RATIO)
    if not scaled:
        return Geometry(box, rotate, size, None)
    strip = STRIP_RATIO * size
    if rotate in (0, 180):
        s = max(0.5, (height - strip) / height)
        e = box.x0 + (width - s * width) / 2 - s * box.x0
        f = (box.y0 + strip if rotate == 0 else box.y0) - s * box.y0
    else:
        s = max(0.5, (width - strip) / width)
        e = (box.x0 if rotate == 90 else box.x0 + strip) - s * box.x0
        f = box.y0 + (height - s * height) / 2 - s * box.y0
    return Geometry(box, rotate, size, (s, 0.0, 0.0, s, e, f))


class Stamper:
    """Stamps pages of one output document, sharing what pages of the same size share."""

    def __init__(self, pdf: pikepdf.Pdf, face: Face) -> None:
        self.pdf, self.face = pdf, face
        self.font = face.font_object(pdf)
        self.save_state = pdf.make_indirect(pikepdf.Stream(pdf, b"q\n"))
        self._prefixes: dict[tuple, pikepdf.Object] = {}
        self._moved: set[tuple[int, int]] = set()

    def stamp(self, page: pikepdf.Page, text: str, g: Geometry) -> None:
        """Write ``text`` at the displayed bottom right of ``page`` (moving its content first if scaled)."""
        if g.matrix is not None:
            self._move_annotations(page, g)
        prefix = self._prefix(g)
        box, rotate = g.box, g.rotate
        width = box.x1 - box.x0 if rotate in (0, 180) else box.y1 - box.y0
        margin = max(18.0, 2.5 * g.size)
        dx = max(margin, width - margin - self.face.width(text, g.size))
        x, y = _to_user(box, rotate, dx, (STRIP_RATIO * g.size - 0.7 * g.size) / 2)
        a = math.radians(rotate)
        c, s = round(math.cos(a)), round(math.sin(a))
        obj = page.obj
        resources = obj.get(Name.Resources)
        if resources is None:
            obj[Name.Resources] = resources = pikepdf.Dictionary()
        fonts = resources.get(Name.Font)
        if fonts is None:
            resources[Name.Font] = fonts = pikepdf.Dictionary()
        if FONT_KEY not in fonts:  # often one dictionary shared by all pages of a file
            fonts[FONT_KEY] = self.font
        content = (f"Q q BT 0.35 g /ZIStamp {_f(g.size)} Tf {c} {s} {-s} {c} {_f(x)} {_f(y)} Tm ".encode()
                   + self.face.encode(text) + b" Tj ET Q\n")
        contents = obj.get(Name.Contents)
        parts = [prefix]
        if isinstance(contents, pikepdf.Array):
            parts.extend(contents)
        elif contents is not None:
            parts.append(contents)
        parts.append(self.pdf.make_stream(content))
        obj.Contents = pikepdf.Array(parts)

    def _prefix(self, g: Geometry) -> pikepdf.Object:
        """``q`` and, for a scaled page, its matrix and a clip to what was visible (shared by equal pages)."""
        if g.matrix is None:
            return self.save_state
        key = (g.box, g.matrix)
        if key not in self._prefixes:
            b = g.box
            ops = (" ".join(_f(v, 6) for v in g.matrix) + f" cm {_f(b.x0)} {_f(b.y0)} {_f(b.x1 - b.x0)} "
                   f"{_f(b.y1 - b.y0)} re W n\n")
            self._prefixes[key] = self.pdf.make_indirect(pikepdf.Stream(self.pdf, b"q " + ops.encode()))
        return self._prefixes[key]

    def _move_annotations(self, page: pikepdf.Page, g: Geometry) -> None:
        """Annotations follow the scaled content (each annotation object moved once)."""
        annots = page.obj.get(Name.Annots)
        if not isinstance(annots, pikepdf.Array):
            return
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary) or (annot.is_indirect and annot.objgen in self._moved):
                continue
            if annot.is_indirect:
                self._moved.add(annot.objgen)
            for key in (Name.Rect, Name.QuadPoints, Name.L, Name.Vertices, Name.CL):
                value = annot.get(key)
                if isinstance(value, pikepdf.Array):
                    annot[key] = _moved(value, g)
            ink = annot.get(Name.InkList)
            if isinstance(ink, pikepdf.Array):
                annot[Name.InkList] = pikepdf.Array([_moved(p, g) if isinstance(p, pikepdf.Array) else p for p in ink])


def _moved(points: pikepdf.Array, g: Geometry) -> pikepdf.Array:
    values = []
    try:
        numbers = [float(v) for v in points]
    except (TypeError, ValueError):
        return points
    for i in range(0, len(numbers) - 1, 2):
        values += g.apply(numbers[i], numbers[i + 1])
    return pikepdf.Array([round(v, 3) for v in values])


def _to_user(box: Box, rotate: int, dx: float, dy: float) -> tuple[float, float]:
    """User-space point of a point given in displayed coordinates (origin bottom left)."""
    if rotate == 90:
        return box.x1 - dy, box.y0 + dx
    if rotate == 180:
        return box.x1 - dx, box.y1 - dy
    if rotate == 270:
        return box.x0 + dy, box.y1 - dx
    return box.x0 + dx, box.y0 + dy


def _f(value: float, digits: int = 4) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
