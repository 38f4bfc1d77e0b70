"""The margin stamp of bundle pages: evidence code and bundle page number.

The stamp is a content stream appended to the page (not an overlay merged
from another PDF), placed along the bottom edge *as the page is displayed*,
so it reads upright on rotated pages and sits inside the visible (crop) box.

Evidence pages get a strip added below their visible area (``extend=True``)
and the stamp is written in that strip: it can never cover content, however
full the page is. The strip is first painted white, so content that lay
outside the original crop box stays hidden. Pages the bundle renders itself
keep an empty bottom margin and are stamped in place (``extend=False``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

STRIP = 14.0
"""Height of the added strip, in points."""
FONT_SIZE = 7.0
FONT_KEY = Name("/ZIStamp")
MARGIN = 18.0
BASELINE = 4.5
# Helvetica advance widths (1/1000 em) of the characters a stamp uses.
_WIDTHS = {" ": 278, ".": 278, "-": 333, "I": 278, "V": 667, "X": 667, "B": 667, "h": 556, "l": 222,
           "m": 833, ":": 278, "/": 278, "|": 260}


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

    def union(self, other: "Box") -> "Box":
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def array(self) -> pikepdf.Array:
        return pikepdf.Array([_num(v) for v in (self.x0, self.y0, self.x1, self.y1)])


def stamp_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The shared font object of all stamps (standard Helvetica, not embedded)."""
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding))


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(_WIDTHS.get(ch, 556) for ch in text) * size / 1000


def rotation(page: pikepdf.Page) -> int:
    value = page.obj.get(Name.Rotate, 0)
    try:
        return int(value) % 360 // 90 * 90
    except (TypeError, ValueError):
        return 0


def visible_box(page: pikepdf.Page) -> Box:
    media = Box.of(page.mediabox)
    crop = page.obj.get(Name.CropBox)
    return Box.of(crop).intersect(media) if crop is not None else media


def stamp_page(pdf: pikepdf.Pdf, page: pikepdf.Page, text: str, font: pikepdf.Object, *, extend: bool,
               save_state: pikepdf.Object | None = None) -> None:
    """Write ``text`` at the displayed bottom right of ``page``.

    ``save_state`` is a shared ``q`` stream put before the page's own content
    (one object for all pages); the stamp restores that state first, so the
    page's leftover graphics state cannot move or hide it.
    """
    rotate = rotation(page)
    box = visible_box(page)
    strip_ops = b""
    if extend:
        new = _extended(box, rotate)
        strip = _strip(box, new)
        page.obj[Name.CropBox] = new.array()
        page.obj[Name.MediaBox] = Box.of(page.mediabox).union(new).array()
        box = new
        strip_ops = (f"1 g {_f(strip.x0)} {_f(strip.y0)} {_f(strip.x1 - strip.x0)} "
                     f"{_f(strip.y1 - strip.y0)} re f ").encode()
    width = box.x1 - box.x0 if rotate in (0, 180) else box.y1 - box.y0
    dx = max(MARGIN, width - MARGIN - text_width(text))
    x, y = _to_user(box, rotate, dx, BASELINE)
    a = math.radians(rotate)
    c, s = round(math.cos(a)), round(math.sin(a))
    resources = page.obj.get(Name.Resources)
    if resources is None:
        page.obj[Name.Resources] = resources = pikepdf.Dictionary()
    fonts = resources.get(Name.Font)
    if fonts is None:
        resources[Name.Font] = fonts = pikepdf.Dictionary()
    fonts[FONT_KEY] = font
    content = (b"Q q " + strip_ops +
               f"BT 0.35 g /ZIStamp {_f(FONT_SIZE)} Tf {c} {s} {-s} {c} {_f(x)} {_f(y)} Tm ".encode() +
               pikepdf.String(text).unparse() + b" Tj ET Q\n")
    page.contents_add(save_state if save_state is not None else pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, content), prepend=False)


def _extended(box: Box, rotate: int) -> Box:
    """The visible box grown by the strip on the side displayed at the bottom."""
    if rotate == 90:
        return Box(box.x0, box.y0, box.x1 + STRIP, box.y1)
    if rotate == 180:
        return Box(box.x0, box.y0, box.x1, box.y1 + STRIP)
    if rotate == 270:
        return Box(box.x0 - STRIP, box.y0, box.x1, box.y1)
    return Box(box.x0, box.y0 - STRIP, box.x1, box.y1)


def _strip(old: Box, new: Box) -> Box:
    if new.y0 < old.y0:
        return Box(new.x0, new.y0, new.x1, old.y0)
    if new.y1 > old.y1:
        return Box(new.x0, old.y1, new.x1, new.y1)
    if new.x0 < old.x0:
        return Box(new.x0, new.y0, old.x0, new.y1)
    return Box(old.x1, new.y0, new.x1, new.y1)


def _to_user(box: Box, rotate: int, dx: float, dy: float) -> tuple[float, float]:
    """User-space point of a point given in displayed coordinates (origin bottom left)."""
    if rotate == 90:
        return box.x1 - dy, box.y0 + dx
    if rotate == 180:
        return box.x1 - dx, box.y1 - dy
    if rotate == 270:
        return box.x0 + dy, box.y1 - dx
    return box.x0 + dx, box.y0 + dy


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _num(value: float):
    return int(value) if float(value).is_integer() else round(value, 4)
