"""Filled forms keep what a viewer shows: field appearances become page content.

The bundle carries no interactive form. Each widget of an evidence page is
drawn into the page the way a viewer would show it, then removed:

* a field whose appearance the viewer would regenerate (the form sets
  ``/NeedAppearances``) or that has none, is given a new one: text and choice
  values drawn in the bundle's embedded DejaVu Sans (size, colour and
  alignment from the field's ``/DA`` and ``/Q``; multi-line, comb and list
  boxes laid out), checkboxes and radio buttons a drawn mark (no font);
* a checkbox or radio button shows the state its value selects (``/AS`` set
  from ``/V``), as viewers do;
* the chosen appearance is placed on the page as a form XObject with the
  matrix qpdf computes for it (``get_page_content_for_appearance``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf
from pikepdf import Name

from build_tools.bundle.typeface import Face

_HIDDEN = 0x1 | 0x2 | 0x20  # invisible, hidden, no view
_RADIO, _PUSH = 1 << 15, 1 << 16
_MULTILINE, _PASSWORD, _COMB, _COMBO = 1 << 12, 1 << 13, 1 << 24, 1 << 17
_SELECTED = b"0.6 0.75 0.88 rg"
_DA_SIZE = re.compile(rb"(-?[\d.]+)\s+Tf")
_DA_COLOR = re.compile(rb"((?:-?[\d.]+\s+){1,4})(g|rg|k)\b")


@dataclass(frozen=True)
class FormSettings:
    """What a source document's form says for all its fields."""

    need_appearances: bool = False
    da: bytes = b"/Helv 0 Tf 0 g"
    quadding: int = 0

    @classmethod
    def of(cls, source: pikepdf.Pdf) -> FormSettings:
        form = source.Root.get(Name.AcroForm)
        if not isinstance(form, pikepdf.Dictionary):
            return cls()
        da = form.get(Name.DA)
        return cls(bool(form.get(Name.NeedAppearances, False)),
                   bytes(da) if isinstance(da, pikepdf.String) else cls.da, _int(form.get(Name.Q), 0))


class FormPainter:
    """Draws the widgets of pages in ``pdf`` into their content (each annotation once)."""

    def __init__(self, pdf: pikepdf.Pdf, face: Face) -> None:
        self.pdf, self.face = pdf, face
        self.done: dict[tuple[int, int], tuple[pikepdf.Object, int] | None] = {}
        self.count = 0

    def flatten(self, page: pikepdf.Page, settings: FormSettings) -> int:
        """Draw every visible widget of ``page``; returns how many were drawn (the widgets stay, for safety)."""
        annots = page.obj.get(Name.Annots)
        if not isinstance(annots, pikepdf.Array):
            return 0
        drawn, parts = 0, []
        rotate = _int(page.obj.get(Name.Rotate), 0) % 360
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary) or annot.get(Name.Subtype) != Name.Widget:
                continue
            key = annot.objgen
            if key not in self.done or key == (0, 0):
                self.done[key] = self._appearance(annot, settings)
            found = self.done[key]
            if found is None:
                continue
            stream, number = found
            name = Name(f"/ZIForm{number}")
            content = pikepdf.Annotation(annot).get_page_content_for_appearance(name, rotate, 0, _HIDDEN)
            if content:
                resources = page.obj.get(Name.Resources)
                if not isinstance(resources, pikepdf.Dictionary):
                    page.obj.Resources = resources = pikepdf.Dictionary()
                if Name.XObject not in resources:
                    resources.XObject = pikepdf.Dictionary()
                resources.XObject[name] = stream
                parts.append(content)
                drawn += 1
        if parts:
            page.contents_add(self.pdf.make_stream(b"q\n" + b"\n".join(parts) + b"\nQ\n"), prepend=False)
        return drawn

    # -- one widget --------------------------------------------------------
    def _appearance(self, annot: pikepdf.Dictionary, settings: FormSettings):
        field_type = str(_inherited(annot, Name.FT) or "")
        flags = _int(_inherited(annot, Name.Ff), 0)
        value = _inherited(annot, Name.V)
        if field_type == "/Btn" and not flags & _PUSH:
            self._button(annot, value, flags)
        elif field_type in ("/Tx", "/Ch") and (settings.need_appearances or not _has_normal(annot)):
            self._variable_text(annot, field_type, flags, value, settings)
        if not _has_normal(annot):
            return None
        stream = pikepdf.Annotation(annot).get_appearance_stream(Name.N)
        if not isinstance(stream, pikepdf.Stream):
            return None
        self.count += 1
        return stream, self.count

    def _button(self, annot: pikepdf.Dictionary, value, flags: int) -> None:
        """Checkbox or radio button: show the state the value selects; draw a mark if there is none."""
        selected = str(value) if isinstance(value, pikepdf.Name) else "/Off"
        normal = annot.get(Name.AP, {}).get(Name.N) if isinstance(annot.get(Name.AP), pikepdf.Dictionary) else None
        states = [str(k) for k in normal.keys()] if isinstance(normal, pikepdf.Dictionary) else []
        if selected in states:
            annot.AS = Name(selected)
            return
        if selected != "/Off" and not states and str(annot.get(Name.AS, "")) in ("", selected):
            rotation = _rotation(annot)
            width, height = _size(annot, rotation)
            mark = _dot(width, height) if flags & _RADIO else _check(width, height)
            on = self._form(width, height, _border(annot, width, height) + mark, None, rotation)
            off = self._form(width, height, _border(annot, width, height), None, rotation)
            annot.AP = pikepdf.Dictionary(N=pikepdf.Dictionary({selected: on, "/Off": off}))
            annot.AS = Name(selected)
        elif "/Off" in states:
            annot.AS = Name.Off

    def _variable_text(self, annot, field_type: str, flags: int, value, settings: FormSettings) -> None:
        rotation = _rotation(annot)
        width, height = _size(annot, rotation)
        da = _inherited(annot, Name.DA)
        da = bytes(da) if isinstance(da, pikepdf.String) else settings.da
        size = _da_size(da)
        color = _da_color(da)
        quadding = _int(_inherited(annot, Name.Q), settings.quadding)
        options = _options(_inherited(annot, Name.Opt))
        chosen = [str(v) for v in value] if isinstance(value, pikepdf.Array) else \
            ([str(value)] if value is not None and not isinstance(value, pikepdf.Name) else [])
        pad = 2.0
        body = [_border(annot, width, height), f"/Tx BMC q {_n(pad / 2)} {_n(pad / 2)} "
                f"{_n(width - pad)} {_n(height - pad)} re W n".encode()]
        if field_type == "/Ch" and not flags & _COMBO:
            body.append(self._list_box(options, chosen, width, height, size or 10, color, pad, annot))
        else:
            text = " ".join(options.get(v, v) for v in chosen)
            if flags & _PASSWORD:
                text = "*" * len(text)
            if not text:
                pass
            elif field_type == "/Tx" and flags & _COMB and _int(_inherited(annot, Name.MaxLen), 0) > 0:
                body.append(self._comb(text, _int(_inherited(annot, Name.MaxLen), 0), width, height, size, color))
            elif field_type == "/Tx" and flags & _MULTILINE:
                body.append(self._multiline(text, width, height, size or 10, color, quadding, pad))
            else:
                body.append(self._single(text, width, height, size, color, quadding, pad))
        body.append(b"Q EMC")
        ap = annot.get(Name.AP)
        stream = self._form(width, height, b"\n".join(body), self.face.font_object(self.pdf), rotation)
        if isinstance(ap, pikepdf.Dictionary):
            ap.N = stream
        else:
            annot.AP = pikepdf.Dictionary(N=stream)
        if Name.AS in annot:
            del annot[Name.AS]

    # -- text layout ---------------------------------------------------------
    def _line(self, text: str, x: float, y: float, size: float, color: bytes) -> bytes:
        return (f"BT {color.decode()} /ZIF {_n(size)} Tf {_n(x)} {_n(y)} Td ".encode()
                + self.face.encode(text) + b" Tj ET")

    def _vertical(self, height: float, size: float) -> float:
        ascent, descent = self.face.ascent / self.face.units, self.face.descent / self.face.units
        return (height - (ascent - descent) * size) / 2 - descent * size

    def _single(self, text, width, height, size, color, quadding, pad) -> bytes:
        if not size:
            size = max(4.0, min((height - pad) * 0.72, 12.0))
            while size > 4 and self.face.width(text, size) > width - 2 * pad:
                size -= 0.5
        text_width = self.face.width(text, size)
        x = {1: (width - text_width) / 2, 2: width - pad - text_width}.get(quadding, pad)
        return self._line(text, x, self._vertical(height, size), size, color)

    def _multiline(self, text, width, height, size, color, quadding, pad) -> bytes:
        lines = []
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if line and self.face.width(candidate, size) > width - 2 * pad:
                    lines.append(line)
                    line = word
                else:
                    line = candidate
            lines.append(line)
        top = height - pad - self.face.ascent / self.face.units * size
        out = []
        for n, line in enumerate(lines):
            text_width = self.face.width(line, size)
            x = {1: (width - text_width) / 2, 2: width - pad - text_width}.get(quadding, pad)
            out.append(self._line(line, x, top - n * size * 1.15, size, color))
        return b"\n".join(out)

    def _comb(self, text, cells, width, height, size, color) -> bytes:
        cell = width / cells
        size = size or max(4.0, min(height * 0.72, cell * 1.2))
        y = self._vertical(height, size)
        return b"\n".join(self._line(ch, cell * n + (cell - self.face.width(ch, size)) / 2, y, size, color)
                          for n, ch in enumerate(text[:cells]))

    def _list_box(self, options, chosen, width, height, size, color, pad, annot) -> bytes:
        out, step = [], size * 1.15
        y = height - pad
        first = _int(annot.get(Name.TI), 0)
        for export, shown in list(options.items())[first:]:
            if y - step < 0:
                break
            if export in chosen or shown in chosen:
                out.append(_SELECTED + f" {_n(pad / 2)} {_n(y - step)} {_n(width - pad)} {_n(step)} re f".encode())
            out.append(self._line(shown, pad, y - step + (step - size) / 2 + size * 0.22, size, color))
            y -= step
        return b"\n".join(out)

    def _form(self, width: float, height: float, content: bytes, font, rotation: int = 0) -> pikepdf.Stream:
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(ZIF=font)) if font is not None else pikepdf.Dictionary()
        extra = {"Matrix": pikepdf.Array(_TURN[rotation])} if rotation else {}
        return self.pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, FormType=1,
                                    BBox=pikepdf.Array([0, 0, _r(width), _r(height)]), Resources=resources,
                                    **extra)


def _inherited(annot: pikepdf.Dictionary, key: Name):
    node, depth = annot, 0
    while isinstance(node, pikepdf.Dictionary) and depth < 32:
        if key in node:
            return node[key]
        node, depth = node.get(Name.Parent), depth + 1
    return None


def _has_normal(annot: pikepdf.Dictionary) -> bool:
    ap = annot.get(Name.AP)
    return isinstance(ap, pikepdf.Dictionary) and Name.N in ap


def _size(annot: pikepdf.Dictionary, rotation: int = 0) -> tuple[float, float]:
    """The widget's width and height as its text runs: swapped when the widget is turned a quarter."""
    try:
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    except (AttributeError, ValueError, TypeError):
        return 0.0, 0.0
    width, height = abs(x1 - x0), abs(y1 - y0)
    return (height, width) if rotation in (90, 270) else (width, height)


# The appearance's matrix for a widget turned counterclockwise (/MK /R); the
# viewer (and qpdf, flattening) maps the turned box onto the widget's /Rect.
_TURN = {90: [0, 1, -1, 0, 0, 0], 180: [-1, 0, 0, -1, 0, 0], 270: [0, -1, 1, 0, 0, 0]}


def _rotation(annot: pikepdf.Dictionary) -> int:
    """The widget's /MK /R: 0, 90, 180 or 270 (anything else counts as 0)."""
    mk = annot.get(Name.MK)
    turn = _int(mk.get(Name.R), 0) if isinstance(mk, pikepdf.Dictionary) else 0
    return turn % 360 if turn % 90 == 0 else 0


def _options(opt) -> dict[str, str]:
    """Export value → shown text of a choice field's options."""
    result: dict[str, str] = {}
    for item in opt if isinstance(opt, pikepdf.Array) else ():
        if isinstance(item, pikepdf.Array) and len(item) >= 2:
            result[str(item[0])] = str(item[1])
        else:
            result[str(item)] = str(item)
    return result


def _border(annot: pikepdf.Dictionary, width: float, height: float) -> bytes:
    mk = annot.get(Name.MK)
    if not isinstance(mk, pikepdf.Dictionary):
        return b""
    out = b""
    for key, op in ((Name.BG, "re f"), (Name.BC, "re S")):
        color = mk.get(key)
        if isinstance(color, pikepdf.Array) and len(color) in (1, 3, 4):
            values = " ".join(_n(float(v)) for v in color)
            kind = {1: "g", 3: "rg", 4: "k"}[len(color)]
            kind = kind if op == "re f" else kind.upper()
            out += f"q {values} {kind} 0.5 0.5 {_n(width - 1)} {_n(height - 1)} {op} Q\n".encode()
    return out


def _check(width: float, height: float) -> bytes:
    side = min(width, height)
    x0, y0 = (width - side) / 2, (height - side) / 2
    points = [(0.2, 0.52), (0.42, 0.28), (0.8, 0.76)]
    path = " ".join(f"{_n(x0 + side * a)} {_n(y0 + side * b)} {op}" for (a, b), op in zip(points, ("m", "l", "l")))
    return f"q 0 g 0 G {_n(side * 0.12)} w 1 J 1 j {path} S Q".encode()


def _dot(width: float, height: float) -> bytes:
    r = min(width, height) * 0.25
    cx, cy, k = width / 2, height / 2, r * 0.5523
    return (f"q 0 g {_n(cx + r)} {_n(cy)} m {_n(cx + r)} {_n(cy + k)} {_n(cx + k)} {_n(cy + r)} {_n(cx)} {_n(cy + r)} c "
            f"{_n(cx - k)} {_n(cy + r)} {_n(cx - r)} {_n(cy + k)} {_n(cx - r)} {_n(cy)} c "
            f"{_n(cx - r)} {_n(cy - k)} {_n(cx - k)} {_n(cy - r)} {_n(cx)} {_n(cy - r)} c "
            f"{_n(cx + k)} {_n(cy - r)} {_n(cx + r)} {_n(cy - k)} {_n(cx + r)} {_n(cy)} c f Q").encode()


def _da_size(da: bytes) -> float:
    found = _DA_SIZE.findall(da)
    try:
        return abs(float(found[-1])) if found else 0.0
    except ValueError:
        return 0.0


def _da_color(da: bytes) -> bytes:
    found = _DA_COLOR.findall(da)
    if not found:
        return b"0 g"
    values, op = found[-1]
    return b" ".join(values.split()) + b" " + op


def _int(value, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return default


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _r(value: float) -> float:
    return round(value, 2)
