"""File types the evidence may have, recognised by extension and by content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    """A supported evidence file type."""

    name: str
    """Short type name shown to users, e.g. ``PDF``."""
    family: str
    """``pdf``, ``image`` or ``office``: how the site and the bundle treat it."""
    magic: tuple[bytes, ...]


_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)

TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "pdf", (b"%PDF-",)),
    "png": FileType("PNG", "image", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("JPEG", "image", (b"\xff\xd8\xff",)),
    "jpeg": FileType("JPEG", "image", (b"\xff\xd8\xff",)),
    "docx": FileType("DOCX", "office", _ZIP),
    "xlsx": FileType("XLSX", "office", _ZIP),
    "pptx": FileType("PPTX", "office", _ZIP),
    "odt": FileType("ODT", "office", _ZIP),
    "ods": FileType("ODS", "office", _ZIP),
    "odp": FileType("ODP", "office", _ZIP),
    "doc": FileType("DOC", "office", _OLE),
    "xls": FileType("XLS", "office", _OLE),
    "ppt": FileType("PPT", "office", _OLE),
}

# Content signatures used to say what a mismatching file really is.
_SNIFF = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office lama (DOC/XLS/PPT)"),
    (b"MZ", "program Windows (EXE)"),
    (b"\x7fELF", "program (ELF)"),
    (b"<!DOCTYPE html", "HTML"),
    (b"<html", "HTML"),
    (b"{\\rtf", "RTF"),
)

SUPPORTED = ", ".join(sorted(TYPES))


def type_for(name: str) -> FileType | None:
    """The supported type for a file name, by extension, or None."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPES.get(ext)


def matches(file_type: FileType, head: bytes) -> bool:
    """Whether the first bytes of a file fit its type.

    PDF readers accept the header anywhere in the first 1024 bytes.
    """
    if file_type.family == "pdf":
        return b"%PDF-" in head[:1024]
    return any(head.startswith(m) for m in file_type.magic)


def sniff(head: bytes) -> str:
    """A plain-language guess of what the bytes are."""
    stripped = head.lstrip()
    for magic, label in _SNIFF:
        if stripped[: len(magic)].lower() == magic.lower():
            return label
    if b"%PDF-" in head[:1024]:
        return "PDF"
    return "jenis tidak dikenal"
