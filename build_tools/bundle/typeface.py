"""The TrueType faces the bundle draws with, embedded as subsets in the output.

A :class:`Face` reads a TrueType file's metrics (character map, advance
widths) and records every glyph the bundle draws with it: its own pages, the
margin stamp and the form values it renders. :meth:`Face.embed` then writes
one embedded font (``Type0``/``CIDFontType2``, ``Identity-H``, with a
``ToUnicode`` map so text can be searched and copied) holding exactly those
glyphs. Its subset tag is derived from the face and the glyph set, so two
different subsets never share a tag.

Subsetting is done here on the raw tables (``glyf``/``loca`` keep the used
glyphs and the components of composite glyphs; glyph ids are unchanged, so
text drawn before subsetting stays valid): a few milliseconds, where
fontTools' general subsetter takes a sixth of a second per face. The tests
read the result back with fontTools.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

import pikepdf
from pikepdf import Name

_KEEP_TABLES = (b"OS/2", b"head", b"hhea", b"hmtx", b"maxp", b"cvt ", b"fpgm", b"prep")
_COMPOSITE_MORE, _COMPOSITE_WORDS = 0x20, 0x01
_COMPOSITE_SCALE, _COMPOSITE_XY, _COMPOSITE_2X2 = 0x08, 0x40, 0x80


class Face:
    """One TrueType face: metrics for layout, and the glyphs used so far."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = Path(path), name
        self.data = self.path.read_bytes()
        self.tables = _table_directory(self.data)
        head = self.table(b"head")
        self.units = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        self.long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        hhea = self.table(b"hhea")
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        metrics = struct.unpack_from(">H", hhea, 34)[0]
        self.glyph_count = struct.unpack_from(">H", self.table(b"maxp"), 4)[0]
        hmtx = self.table(b"hmtx")
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics)]
        self.advances = advances + [advances[-1]] * (self.glyph_count - metrics)
        self.cmap = _best_cmap(self.table(b"cmap"))
        self.used: dict[int, str] = {}
        """Glyph id → the text it stands for (ToUnicode)."""
        self._widths: dict[str, float] = {}
        self._codes: dict[str, str] = {}
        self.font: pikepdf.Object | None = None

    def table(self, tag: bytes) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset:offset + length]

    def glyph(self, char: str) -> int:
        return self.cmap.get(ord(char), self.cmap.get(ord("?"), 0))

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size``, in the unit of ``size``."""
        widths = self._widths
        try:
            return sum(map(widths.__getitem__, text)) * size
        except KeyError:
            for char in set(text) - widths.keys():
                widths[char] = self.advances[self.glyph(char)] / self.units
            return sum(map(widths.__getitem__, text)) * size

    def encode(self, text: str) -> bytes:
        """``text`` as a PDF hex string of glyph ids (recorded for the subset)."""
        codes = self._codes
        try:
            return b"<" + "".join(map(codes.__getitem__, text)).encode() + b">"
        except KeyError:
            for char in set(text) - codes.keys():
                gid = self.glyph(char)
                self.used.setdefault(gid, char)
                codes[char] = f"{gid:04X}"
            return b"<" + "".join(map(codes.__getitem__, text)).encode() + b">"

    def font_object(self, pdf: pikepdf.Pdf) -> pikepdf.Object:
        """The (still empty) font dictionary of this face in ``pdf``; filled by :meth:`embed`."""
        if self.font is None:
            self.font = pdf.make_indirect(pikepdf.Dictionary())
        return self.font

    def embed(self, pdf: pikepdf.Pdf) -> None:
        """Fill the font dictionary with the subset of every glyph used."""
        if self.font is None:
            return
        glyphs = sorted(set(self.used) | {0})
        tag = _subset_tag(self.data, glyphs)
        base = Name(f"/{tag}+{self.name}")
        program = pdf.make_stream(self.subset(glyphs))
        program.Length1 = len(program.read_bytes())
        scale = 1000 / self.units
        descriptor = pikepdf.Dictionary(
            Type=Name.FontDescriptor, FontName=base, Flags=32, ItalicAngle=0,
            FontBBox=pikepdf.Array([round(v * scale) for v in self.bbox]),
            Ascent=round(self.ascent * scale), Descent=round(self.descent * scale),
            CapHeight=round(0.73 * 1000), StemV=80, FontFile2=program)
        widths = pikepdf.Array()
        for gid in glyphs:
            widths.extend([gid, pikepdf.Array([round(self.advances[gid] * scale)])])
        cid_font = pikepdf.Dictionary(
            Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=base,
            CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                             Ordering=pikepdf.String("Identity"), Supplement=0),
            FontDescriptor=pdf.make_indirect(descriptor), W=widths, DW=1000, CIDToGIDMap=Name.Identity)
        self.font.Type = Name.Font
        self.font.Subtype = Name.Type0
        self.font.BaseFont = base
        self.font.Encoding = Name("/Identity-H")
        self.font.DescendantFonts = pikepdf.Array([pdf.make_indirect(cid_font)])
        self.font.ToUnicode = pdf.make_stream(_to_unicode({g: self.used[g] for g in glyphs if g in self.used}))

    def subset(self, glyphs: list[int]) -> bytes:
        """The font program with only ``glyphs`` (and their components) outlined; ids unchanged."""
        glyf = self.table(b"glyf")
        loca = self.table(b"loca")
        fmt, step = (">I", 4) if self.long_loca else (">H", 2)
        mult = 1 if self.long_loca else 2
        offsets = [struct.unpack_from(fmt, loca, i * step)[0] * mult for i in range(self.glyph_count + 1)]
        keep, todo = set(), list(glyphs)
        while todo:
            gid = todo.pop()
            if gid in keep or gid >= self.glyph_count:
                continue
            keep.add(gid)
            todo += _components(glyf[offsets[gid]:offsets[gid + 1]])
        out, new_loca = bytearray(), []
        for gid in range(self.glyph_count):
            new_loca.append(len(out))
            if gid in keep:
                out += glyf[offsets[gid]:offsets[gid + 1]]
                out += b"\0" * (-len(out) % 4)
        new_loca.append(len(out))
        head = bytearray(self.table(b"head"))
        head[8:12] = b"\0\0\0\0"
        head[50:52] = struct.pack(">h", 1)
        tables = {tag: self.table(tag) for tag in _KEEP_TABLES if tag in self.tables}
        tables[b"head"] = bytes(head)
        tables[b"glyf"] = bytes(out)
        tables[b"loca"] = struct.pack(f">{len(new_loca)}I", *new_loca)
        tables[b"post"] = struct.pack(">IihhIIIII", 0x00030000, 0, 0, 0, 0, 0, 0, 0, 0)
        return _sfnt(tables)


def _table_directory(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    return tables


def _best_cmap(cmap: bytes) -> dict[int, int]:
    """Unicode → glyph id, from the (3,10) format 12 or the (3,1) format 4 subtable."""
    count = struct.unpack_from(">H", cmap, 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        subtables[(platform, encoding)] = offset
    result: dict[int, int] = {}
    if (3, 10) in subtables and struct.unpack_from(">H", cmap, subtables[(3, 10)])[0] == 12:
        base = subtables[(3, 10)]
        groups = struct.unpack_from(">I", cmap, base + 12)[0]
        for g in range(groups):
            start, end, gid = struct.unpack_from(">III", cmap, base + 16 + 12 * g)
            for code in range(start, end + 1):
                result[code] = gid + code - start
        return result
    base = subtables.get((3, 1), subtables.get((0, 3)))
    segments = struct.unpack_from(">H", cmap, base + 6)[0] // 2
    ends = base + 14
    starts = ends + 2 * segments + 2
    deltas = starts + 2 * segments
    ranges = deltas + 2 * segments
    for s in range(segments):
        end, start = struct.unpack_from(">H", cmap, ends + 2 * s)[0], struct.unpack_from(">H", cmap, starts + 2 * s)[0]
        delta, range_offset = struct.unpack_from(">hH", cmap, deltas + 2 * s)[0], \
            struct.unpack_from(">H", cmap, ranges + 2 * s)[0]
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                gid = (code + delta) & 0xFFFF
            else:
                at = ranges + 2 * s + range_offset + 2 * (code - start)
                gid = struct.unpack_from(">H", cmap, at)[0]
                gid = (gid + delta) & 0xFFFF if gid else 0
            if gid:
                result[code] = gid
    return result


def _components(glyph: bytes) -> list[int]:
    """Glyph ids a composite glyph is built from (empty for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found, at = [], 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        found.append(gid)
        at += 4 + (4 if flags & _COMPOSITE_WORDS else 2)
        at += 8 if flags & _COMPOSITE_2X2 else 4 if flags & _COMPOSITE_XY else 2 if flags & _COMPOSITE_SCALE else 0
        if not flags & _COMPOSITE_MORE:
            return found


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = bytearray(), bytearray()
    offset = 12 + 16 * count
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[:tags.index(b"head")])
    font[head_at + 8:head_at + 12] = struct.pack(">I", (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _subset_tag(font: bytes, glyphs: list[int]) -> str:
    digest = hashlib.sha256(hashlib.sha256(font).digest() + repr(glyphs).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _to_unicode(mapping: dict[int, str]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
             b"1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    items = sorted(mapping.items())
    for at in range(0, len(items), 100):
        block = items[at:at + 100]
        lines.append(f"{len(block)} beginbfchar".encode())
        for gid, text in block:
            lines.append(f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>".encode())
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)
