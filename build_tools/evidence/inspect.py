"""One judgement of each evidence file: its hash, its pages, and whether it can be used.

``inspect_file(path, file_type)`` is the only place that decides whether an
evidence file is usable. ``check`` reports its verdict, the site lists what it
accepted, and the bundle places exactly those files (opening PDFs with the
same :func:`open_pdf`), so a file ``check`` accepts is a file the bundle accepts.

Bounded on hostile files: the content is hashed in 1 MiB chunks; a PDF is
opened by qpdf (pikepdf), which reads objects from the file on demand, never
the whole file; qpdf's reconstruction of a damaged PDF reads the whole file,
so it is tried only up to :data:`MAX_REPAIR_BYTES`; an image is judged from
its header (size limits against decompression bombs) and then decoded once
(JPEG at 1/8 scale) so truncated or lying data is caught.

The facts are plain JSON (they are cached, see :mod:`build_tools.evidence.cache`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

from build_tools.evidence import filetypes, pngdata

MAX_REPAIR_BYTES = 256 << 20
"""A damaged PDF larger than this is not reconstructed (qpdf would read all of it)."""
MAX_IMAGE_PIXELS = 50_000_000
"""Images with more pixels are refused (a 20000×20000 PNG is a decompression bomb)."""
MAX_IMAGE_BYTES = 200 << 20
WARN_KINDS = ("javascript", "launch", "embedded_file")
"""Active content that ``check`` warns about (the bundle removes every kind in :data:`ACTIVE_LABELS`)."""
ACTIVE_LABELS = {
    "javascript": "JavaScript",
    "launch": "aksi menjalankan program (Launch)",
    "embedded_file": "berkas tersemat",
    "submit": "aksi kirim formulir",
    "remote": "tautan ke dokumen lain",
    "media": "media/3D",
    "link": "tautan selain http, https atau mailto",
    "action": "aksi otomatis lain",
}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_ACTION_KINDS = {
    "/JavaScript": "javascript", "/Launch": "launch", "/GoToE": "embedded_file",
    "/SubmitForm": "submit", "/ImportData": "submit", "/ResetForm": "action",
    "/GoToR": "remote", "/Thread": "remote", "/Rendition": "media", "/Sound": "media",
    "/Movie": "media", "/RichMediaExecute": "media", "/GoTo3DView": "media",
}
_MEDIA_ANNOTATIONS = {"/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
_MAX_OUTLINE_ITEMS = 20_000
log = logging.getLogger(__name__)
THIRD_PARTY_LOGGERS = ("pikepdf", "img2pdf", "PIL", "fontTools")
"""Libraries whose (English) log messages never reach the console: they go only where logging is
configured (a log file); what a user must know is said in Indonesian by the tool itself."""
for _name in THIRD_PARTY_LOGGERS:
    logging.getLogger(_name).addHandler(logging.NullHandler())


class Unusable(Exception):
    """A file that cannot be used; ``kind``, ``message`` and ``hint`` become a :class:`Problem`."""

    def __init__(self, kind: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.kind, self.message, self.hint = kind, message, hint


_RESAVE = "buka di aplikasi aslinya dan simpan ulang sebagai PDF"
_kept: dict[tuple[str, str], object] | None = None


@contextlib.contextmanager
def documents_kept() -> Iterator[None]:
    """While active, PDFs opened by :func:`inspect_file` stay open for :func:`take_document`.

    The bundle command scans and then merges: keeping the scan's documents
    means every PDF is parsed once.
    """
    global _kept
    previous, _kept = _kept, {}
    try:
        yield
    finally:
        kept, _kept = _kept, previous
        for pdf in kept.values():
            pdf.close()


def take_document(path: Path, sha256: str):
    """The open document the scan kept for ``path`` with this content, or None."""
    if _kept is None:
        return None
    return _kept.pop((str(path), sha256), None)


def inspect_file(path: Path, file_type: filetypes.FileType) -> dict:
    """Facts about one file's content: hash, page count, or the problem it has.

    The file is hashed on a worker thread while its content is judged here
    (both wait mostly on the disk or in C code that releases the GIL).
    """
    with path.open("rb") as handle:
        head = handle.read(1024)
    hashing = _hasher().submit(sha256_of, path)
    facts: dict = {"sha256": "", "pages": None, "repaired": False, "problem": None,
                   "active": [], "protected": False}
    try:
        if not filetypes.matches(file_type, head):
            actual = filetypes.sniff(head)
            facts["problem"] = ("type_mismatch", f"isi berkas tidak sesuai ekstensinya: berisi {actual}, "
                                f"bukan {file_type.name}", "simpan ulang dengan ekstensi yang benar")
        elif file_type.family == "image":
            check_image(path)
            facts["pages"] = 1
        elif file_type.family == "pdf":
            facts.update(_inspect_pdf(path, hashing))
    except Unusable as exc:
        facts["problem"] = (exc.kind, exc.message, exc.hint)
    facts["sha256"] = hashing.result()
    return facts


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB chunks into one buffer (no copy per chunk)."""
    digest = hashlib.sha256()
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
    return digest.hexdigest()


@functools.cache
def _hasher() -> concurrent.futures.ThreadPoolExecutor:
    return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="zi-sha256")


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

def open_pdf(path: Path, *, size: int | None = None):
    """Open a PDF as the bundle does; returns ``(pdf, repaired)`` or raises :class:`Unusable`.

    A file qpdf can open only by reconstructing its cross-reference table
    (wrong offsets, cut trailer) is ``repaired``. qpdf's own (English)
    warnings are logged, never printed.
    """
    import pikepdf

    try:
        return _open(pikepdf, path, recover=False), False
    except pikepdf.PasswordError:
        raise Unusable("encrypted_pdf", "PDF dilindungi kata sandi", "simpan ulang PDF tanpa kata sandi") from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        pass
    if size is None:
        size = Path(path).stat().st_size
    if size > MAX_REPAIR_BYTES:
        raise Unusable("unreadable_pdf", f"PDF rusak dan terlalu besar untuk diperbaiki otomatis "
                       f"(lebih dari {MAX_REPAIR_BYTES >> 20} MB)", _RESAVE)
    try:
        return _open(pikepdf, path, recover=True), True
    except pikepdf.PasswordError:
        raise Unusable("encrypted_pdf", "PDF dilindungi kata sandi", "simpan ulang PDF tanpa kata sandi") from None
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        log.info("%s: qpdf: %s", path, exc)
        raise Unusable("unreadable_pdf", "PDF tidak dapat dibaca (struktur berkas rusak)", _RESAVE) from None


def _open(pikepdf, path: Path, *, recover: bool):
    pdf = pikepdf.open(path, attempt_recovery=recover)
    try:
        for warning in pdf.get_warnings():
            log.info("%s: qpdf: %s", path, warning)
        if len(pdf.pages) == 0:
            raise Unusable("unreadable_pdf", "PDF tidak memiliki halaman", _RESAVE)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _inspect_pdf(path: Path, hashing: concurrent.futures.Future) -> dict:
    import pikepdf

    pdf, repaired = open_pdf(path)
    keep = False
    try:
        try:
            facts = {"pages": len(pdf.pages), "repaired": repaired, "protected": bool(pdf.is_encrypted),
                     "active": list(active_content(pdf))}
        except (pikepdf.PdfError, ValueError, RuntimeError, RecursionError) as exc:
            log.info("%s: qpdf: %s", path, exc)
            raise Unusable("unreadable_pdf", "PDF tidak dapat dibaca (halaman rusak)", _RESAVE) from None
        if _kept is not None:
            _kept[(str(path), hashing.result())] = pdf
            keep = True
        return facts
    finally:
        if not keep:
            pdf.close()


def active_content(pdf) -> tuple[str, ...]:
    """The kinds of active content in a document (keys of :data:`ACTIVE_LABELS`), sorted.

    Looks where viewers look: the catalog (open action, document actions,
    scripts, embedded files, XFA forms), the outline, and every page's
    actions and annotations.
    """
    from pikepdf import Array, Dictionary, Name

    found: set[str] = set()
    root = pdf.Root
    opening = root.get(Name.OpenAction)
    if isinstance(opening, Dictionary):
        _action(opening, found)
    _actions(root.get(Name.AA), found)
    names = root.get(Name.Names)
    if isinstance(names, Dictionary):
        if Name.JavaScript in names:
            found.add("javascript")
        if Name.EmbeddedFiles in names:
            found.add("embedded_file")
    form = root.get(Name.AcroForm)
    if isinstance(form, Dictionary) and Name.XFA in form:
        found.add("javascript")
    _outline(root.get(Name.Outlines), found)
    for page in pdf.pages:
        _actions(page.obj.get(Name.AA), found)
        annots = page.obj.get(Name.Annots)
        if not isinstance(annots, Array):
            continue
        for annot in annots:
            if not isinstance(annot, Dictionary):
                continue
            subtype = str(annot.get(Name.Subtype, ""))
            if subtype == "/FileAttachment":
                found.add("embedded_file")
            elif subtype in _MEDIA_ANNOTATIONS:
                found.add("media")
            action = annot.get(Name.A)
            if isinstance(action, Dictionary):
                _action(action, found)
            _actions(annot.get(Name.AA), found)
    return tuple(sorted(found))


def _actions(aa, found: set[str]) -> None:
    from pikepdf import Dictionary

    if isinstance(aa, Dictionary):
        for key in aa.keys():
            value = aa.get(key)
            if isinstance(value, Dictionary):
                _action(value, found)
                if value.get("/S") == "/GoTo":
                    found.add("action")  # a plain jump, but run without a click


def _action(action, found: set[str], depth: int = 0) -> None:
    """Classify one action and the actions chained after it (``/Next``)."""
    from pikepdf import Array, Dictionary, Name

    if depth > 50:
        found.add("action")
        return
    kind = str(action.get(Name.S, ""))
    if Name.JS in action:
        found.add("javascript")
    elif kind == "/URI":
        uri = str(action.get(Name.URI, "")).strip().lower()
        if uri.startswith("javascript:"):
            found.add("javascript")
        elif not uri.startswith(SAFE_SCHEMES):
            found.add("link")
    elif kind in _ACTION_KINDS:
        found.add(_ACTION_KINDS[kind])
    elif kind not in ("/GoTo", ""):
        found.add("action")
    following = action.get(Name.Next)
    for item in (following if isinstance(following, Array) else [following]):
        if isinstance(item, Dictionary):
            _action(item, found, depth + 1)


def _outline(outlines, found: set[str]) -> None:
    from pikepdf import Dictionary, Name

    if not isinstance(outlines, Dictionary):
        return
    stack, seen = [outlines.get(Name.First)], set()
    while stack and len(seen) < _MAX_OUTLINE_ITEMS:
        item = stack.pop()
        if not isinstance(item, Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        action = item.get(Name.A)
        if isinstance(action, Dictionary):
            _action(action, found)
        stack += [item.get(Name.Next), item.get(Name.First)]


def active_text(kinds) -> str:
    """The kinds of active content, in words: ``JavaScript, berkas tersemat``."""
    return ", ".join(ACTIVE_LABELS.get(k, k) for k in kinds)


# ---------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------

def check_image(path: Path) -> None:
    """Raise :class:`Unusable` unless the image can be decoded within the limits.

    The header gives the size (checked before any pixel is decoded); then a
    JPEG is decoded once at 1/8 scale and a PNG's data is inflated and counted
    (:mod:`.pngdata`), so a file whose header promises more than its data
    holds is refused here rather than by the bundle.
    """
    from PIL import Image

    hint = "buka gambar di aplikasi pengolah gambar dan simpan ulang, atau ubah ke PDF"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise Unusable("unreadable_image", f"gambar terlalu besar (lebih dari {MAX_IMAGE_BYTES >> 20} MB)", hint)
    try:
        with warnings.catch_warnings():
            # Pillow warns (in English, on stderr) of images past its own limit; ours is lower, just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_IMAGE_PIXELS:
                raise Unusable("unreadable_image", f"ukuran gambar {width}×{height} piksel melebihi batas "
                               f"{MAX_IMAGE_PIXELS // 1_000_000} megapiksel",
                               "perkecil resolusinya atau ubah ke PDF")
            if image.format == "PNG":
                wrong = pngdata.problem(path)
                if wrong is not None:
                    raise ValueError(wrong)
            else:
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Unusable:
        raise
    except Image.DecompressionBombError:
        raise Unusable("unreadable_image", f"ukuran gambar melebihi batas {MAX_IMAGE_PIXELS // 1_000_000} megapiksel",
                       "perkecil resolusinya atau ubah ke PDF") from None
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on bad images
        log.info("%s: Pillow: %s", path, exc)
        raise Unusable("unreadable_image", "gambar rusak atau terpotong (tidak dapat dibaca)", hint) from None
