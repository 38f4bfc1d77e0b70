"""Does a PNG hold the pixels its header promises? Checked without decoding them.

Decoding a PNG to judge it costs a full image in memory and most of the time
of a cold scan; this walks its chunks instead (CRC of each), inflates the
image data in bounded pieces and counts the bytes: a truncated file, a broken
stream or a header that promises more (or less) than the data holds is found
the same way a decoder would find it, in constant memory.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_PIECE = 1 << 20


def expected_size(width: int, height: int, depth: int, color: int, interlaced: bool) -> int:
    """Bytes of filtered scanlines the image data must inflate to."""
    bits = _CHANNELS[color] * depth

    def rows(w: int, h: int) -> int:
        return h * (1 + (w * bits + 7) // 8) if w and h else 0

    if not interlaced:
        return rows(width, height)
    return sum(rows((width - x + dx - 1) // dx, (height - y + dy - 1) // dy) for x, y, dx, dy in _ADAM7)


def problem(path: Path) -> str | None:
    """What is wrong with the PNG's data (English, for the log), or None when it is whole."""
    with path.open("rb") as handle:
        if handle.read(8) != b"\x89PNG\r\n\x1a\n":
            return "signature"
        inflater, produced, expected = zlib.decompressobj(), 0, None
        while True:
            head = handle.read(8)
            if len(head) < 8:
                return "truncated before IEND"
            length, kind = struct.unpack(">I4s", head)
            crc, remaining = zlib.crc32(kind), length
            while remaining:
                piece = handle.read(min(remaining, _PIECE))
                if not piece:
                    return f"truncated in {kind!r}"
                remaining -= len(piece)
                crc = zlib.crc32(piece, crc)
                if kind == b"IHDR":
                    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", piece[:13])
                    if color not in _CHANNELS:
                        return "colour type"
                    expected = expected_size(width, height, depth, color, bool(interlace))
                elif kind == b"IDAT":
                    if expected is None:
                        return "IDAT before IHDR"
                    try:
                        produced += _inflated(inflater, piece, expected - produced)
                    except zlib.error as exc:
                        return f"zlib: {exc}"
                    if produced > expected:
                        return "more data than the header promises"
            tail = handle.read(4)
            if len(tail) < 4 or struct.unpack(">I", tail)[0] != crc:
                return f"CRC of {kind!r}"
            if kind == b"IEND":
                return None if produced == expected and inflater.eof else \
                    f"data for {produced} of {expected} bytes"


def _inflated(inflater, data: bytes, room: int) -> int:
    """Inflate ``data`` a megabyte at a time, counting (and dropping) the output."""
    count = len(inflater.decompress(data, _PIECE))
    while inflater.unconsumed_tail and count <= room:
        count += len(inflater.decompress(inflater.unconsumed_tail, _PIECE))
    return count
