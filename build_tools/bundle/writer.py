"""A small page writer for the bundle's own pages: wrapped text, fields and rules on A4.

The bundle draws a few hundred simple pages (cover, contents, dividers,
separators, placeholders): lines of text in two faces of DejaVu Sans, a few
rules, no images. This writer lays them out directly into content streams of
the output document (no intermediate PDF to write and parse again), in
millimetres from the top left like fpdf2, whose layout it follows: a line of
``height`` has its baseline at ``0.5 * height + 0.3 * size``; text is wrapped
at spaces (a word wider than the line is broken between characters) inside a
cell margin of 1 mm. Both faces are embedded as subsets (:mod:`.typeface`).

A page that overflows continues on a new page, which repeats
``continuation`` (the heading of what is being drawn) when it is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

from build_tools.bundle.typeface import Face

PT = 72 / 25.4
CELL_MARGIN = 1.0
A4 = (210.0, 297.0)


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)


class PageWriter:
    """A4 pages in millimetres, origin top left; faces ``""`` (regular) and ``"B"`` (bold)."""

    def __init__(self, faces: dict[str, Face], *, margin: float = 20, bottom: float = 20) -> None:
        self.faces = faces
        self.w, self.h = A4
        self.l_margin = self.r_margin = self.t_margin = margin
        self.bottom = bottom
        self.pages: list[_Page] = []
        self.x, self.y = margin, margin
        self.style, self.size, self.color = "", 10.0, (0, 0, 0)
        self.continuation: str | None = None
        """Heading repeated at the top of pages added because the text overflowed."""

    # -- geometry ---------------------------------------------------------
    @property
    def epw(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def page_no(self) -> int:
        return len(self.pages)

    def get_y(self) -> float:
        return self.y

    def set_xy(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def ln(self, height: float) -> None:
        self.x = self.l_margin
        self.y += height

    def add_page(self) -> None:
        self.pages.append(_Page())
        self.x, self.y = self.l_margin, self.t_margin

    def need(self, height: float) -> None:
        """Start a new page when ``height`` more does not fit above the bottom margin."""
        if self.y + height > self.h - self.bottom:
            style, size, color = self.style, self.size, self.color
            self.add_page()
            if self.continuation:
                self.set_font(self.continuation_style[0], self.continuation_style[1])
                self.set_text_color(90, 90, 90)
                for line in self.wrap(self.continuation, self.epw):
                    self.text_line(self.l_margin, self.y, 5, line)
                    self.y += 5
                self.y += 3
            self.style, self.size, self.color = style, size, color

    continuation_style = ("B", 9.5)

    # -- fonts and measures ----------------------------------------------------
    def set_font(self, style: str, size: float) -> None:
        self.style, self.size = style, size

    def set_text_color(self, r: int, g: int, b: int) -> None:
        self.color = (r, g, b)

    def get_string_width(self, text: str) -> float:
        return self.faces[self.style].width(text, self.size) / PT

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines that fit ``width`` mm (inside the cell margins)."""
        room = width - 2 * CELL_MARGIN
        face, size = self.faces[self.style], self.size / PT
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if face.width(candidate, size) <= room:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while face.width(line, size) > room and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and face.width(line[:cut], size) > room:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    # -- drawing ----------------------------------------------------------
    def text_line(self, x: float, y: float, height: float, text: str, *, width: float | None = None,
                  align: str = "L") -> None:
        """One line of text in a cell at ``(x, y)`` (top left, mm) of ``height``; no wrapping."""
        if not text:
            return
        face = self.faces[self.style]
        if align == "R" and width is not None:
            x = x + width - CELL_MARGIN - face.width(text, self.size) / PT
        else:
            x += CELL_MARGIN
        baseline = y + 0.5 * height + 0.3 * self.size / PT
        r, g, b = (c / 255 for c in self.color)
        font = "/F2" if self.style == "B" else "/F1"
        self.pages[-1].ops.append(
            f"BT {_n(r)} {_n(g)} {_n(b)} rg {font} {_n(self.size)} Tf {_n(x * PT)} "
            f"{_n((self.h - baseline) * PT)} Td ".encode() + face.encode(text) + b" Tj ET")

    def text_block(self, text: str, size: float = 10, style: str = "", color=(0, 0, 0),
                   height: float = 5.2, indent: float = 0) -> None:
        """Wrapped text across the page (from ``indent``), moving down line by line."""
        self.set_font(style, size)
        self.set_text_color(*color)
        self._lines(self.l_margin + indent, self.epw - indent, height, text)

    def _lines(self, x: float, width: float, height: float, text: str) -> None:
        for line in self.wrap(text, width):
            self.need(height)
            self.text_line(x, self.y, height, line)
            self.y += height
        self.x = self.l_margin

    def field(self, label: str, value: str, width: float = 45) -> None:
        """A grey bold label and its value, wrapped beside it."""
        self.set_font("", 10)
        lines = self.wrap(value, self.epw - width)
        self.need(5.2)
        self.set_font("B", 10)
        self.set_text_color(90, 90, 90)
        self.text_line(self.l_margin, self.y, 5.2, label)
        self.set_font("", 10)
        self.set_text_color(0, 0, 0)
        for n, line in enumerate(lines):
            if n:
                self.need(5.2)
            self.text_line(self.l_margin + width, self.y, 5.2, line)
            self.y += 5.2

    def rule(self) -> None:
        y = (self.h - self.y - 1.5) * PT
        self.pages[-1].ops.append(f"q 0.706 G 0.57 w {_n(self.l_margin * PT)} {_n(y)} m "
                                  f"{_n((self.w - self.r_margin) * PT)} {_n(y)} l S Q".encode())
        self.ln(4)

    def rect(self, x: float, y: float, width: float, height: float, *, gray: int = 0) -> None:
        """The outline of a rectangle, ``(x, y)`` its top left in mm."""
        self.pages[-1].ops.append(f"q {_n(gray / 255)} G 0.57 w {_n(x * PT)} {_n((self.h - y - height) * PT)} "
                                  f"{_n(width * PT)} {_n(height * PT)} re S Q".encode())

    # -- output -----------------------------------------------------------
    def write_pages(self, pdf: pikepdf.Pdf, resources: pikepdf.Object) -> list[pikepdf.Object]:
        """Page objects in ``pdf`` for every page drawn (not yet in its page tree)."""
        box = pikepdf.Array([0, 0, _num(self.w * PT), _num(self.h * PT)])
        out = []
        for page in self.pages:
            content = pdf.make_stream(b"\n".join(page.ops))
            out.append(pdf.make_indirect(pikepdf.Dictionary(
                Type=Name.Page, MediaBox=box, Resources=resources, Contents=content)))
        return out


def page_resources(pdf: pikepdf.Pdf, faces: dict[str, Face]) -> pikepdf.Object:
    """The resources shared by every page the writer draws."""
    return pdf.make_indirect(pikepdf.Dictionary(Font=pikepdf.Dictionary(
        F1=faces[""].font_object(pdf), F2=faces["B"].font_object(pdf))))


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _num(value: float):
    return round(value, 2)
