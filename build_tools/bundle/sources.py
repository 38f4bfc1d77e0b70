"""Evidence files as PDF documents for the bundle.

* PDFs are opened as the scan judged them (pikepdf, qpdf's library; the
  documents the scan opened are reused when it kept them);
* images become one page fitted to A4 without re-encoding (img2pdf: JPEG
  data is embedded as is, PNG data losslessly), honouring EXIF rotation;
* office files are converted by LibreOffice (``soffice --headless``) when it
  is installed, each conversion with its own private profile (two
  conversions sharing the default profile fail silently) and cached by
  SHA-256 under ``.cache/build_tools/office/``; without LibreOffice the
  caller shows a page saying so and attaches the original file.

Files are opened once per SHA-256: identical files used by several codes
share one source, so their content is stored once in the bundle.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from build_tools.core import atomic
from build_tools.evidence import inspect
from build_tools.evidence.scanner import EvidenceFile

IMAGE_BORDER_MM = (20.0, 12.0)
"""Blank border of image pages (top/bottom, left/right): the stamp goes there."""
SOFFICE_TIMEOUT = 300


class SourceError(Exception):
    """A file that cannot be put into the bundle; the message is for the user."""


def find_soffice() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class Sources:
    """Opened evidence documents, one per distinct file content."""

    def __init__(self, root: Path, soffice: str | None, cache_dir: Path | None) -> None:
        self.root = Path(root)
        self.soffice = soffice
        self.cache_dir = cache_dir
        self._open: dict[str, pikepdf.Pdf | None] = {}
        self._converted: dict[str, bytes | SourceError] = {}

    def convert_all(self, files: list[EvidenceFile]) -> None:
        """Convert the office files not yet cached, several at once.

        Each conversion runs its own LibreOffice process with a private
        profile, so they can run side by side (one per core).
        """
        if self.soffice is None:
            return
        todo = {}
        for f in files:
            if f.family == "office" and f.sha256 not in todo and not self._cached(f.sha256):
                todo[f.sha256] = self.root / f.path
        if not todo:
            return
        from concurrent.futures import ThreadPoolExecutor

        def run(item: tuple[str, Path]) -> tuple[str, bytes | SourceError]:
            sha, path = item
            try:
                return sha, convert_office(self.soffice, path)
            except SourceError as exc:
                return sha, exc

        with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
            for sha, result in pool.map(run, sorted(todo.items())):
                if isinstance(result, bytes) and self.cache_dir is not None:
                    atomic.write_bytes(self._cached_path(sha), result)
                else:
                    self._converted[sha] = result

    def _cached_path(self, sha256: str) -> Path:
        return self.cache_dir / "office" / f"{sha256}.pdf"

    def _cached(self, sha256: str) -> bool:
        return sha256 in self._converted or (self.cache_dir is not None and self._cached_path(sha256).is_file())

    def get(self, f: EvidenceFile) -> pikepdf.Pdf | None:
        """The file as a PDF; None for an office file without LibreOffice.

        Raises SourceError when the file cannot be read.
        """
        if f.sha256 not in self._open:
            self._open[f.sha256] = self._load(f)
        return self._open[f.sha256]

    def close(self) -> None:
        for pdf in self._open.values():
            if pdf is not None:
                pdf.close()
        self._open.clear()

    def _load(self, f: EvidenceFile) -> pikepdf.Pdf | None:
        path = self.root / f.path
        if f.family == "pdf":
            kept = inspect.take_document(path, f.sha256)
            return kept if kept is not None else open_pdf(path)
        if f.family == "image":
            return pikepdf.open(io.BytesIO(image_pdf(path)))
        if self.soffice is None:
            return None
        done = self._converted.pop(f.sha256, None)
        if isinstance(done, SourceError):
            raise done
        if done is not None:
            return open_pdf(io.BytesIO(done))
        cached = self._cached_path(f.sha256) if self.cache_dir else None
        if cached is not None and cached.is_file():
            return open_pdf(cached)
        data = convert_office(self.soffice, path)
        if cached is not None:
            atomic.write_bytes(cached, data)
        return open_pdf(io.BytesIO(data))


def open_pdf(path: Path | io.BytesIO) -> pikepdf.Pdf:
    """Open a PDF exactly as the scan judged it (:func:`build_tools.evidence.inspect.open_pdf`)."""
    size = len(path.getbuffer()) if isinstance(path, io.BytesIO) else None
    try:
        pdf, _ = inspect.open_pdf(path, size=size)
    except inspect.Unusable as exc:
        raise SourceError(exc.message) from None
    return pdf


def image_pdf(path: Path) -> bytes:
    """One A4 page holding the image, lossless, EXIF rotation applied as page rotation."""
    import img2pdf

    layout = img2pdf.get_layout_fun(
        pagesize=(img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)),
        border=tuple(img2pdf.mm_to_pt(v) for v in IMAGE_BORDER_MM),
        fit=img2pdf.FitMode.into, auto_orient=True)
    data = path.read_bytes()
    try:
        return img2pdf.convert(data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid, nodate=True)
    except img2pdf.AlphaChannelError:
        return img2pdf.convert(_without_alpha(data), layout_fun=layout,
                               rotation=img2pdf.Rotation.ifvalid, nodate=True)
    except Exception as exc:  # noqa: BLE001 - img2pdf/Pillow raise many types on bad images
        raise SourceError(f"gambar tidak dapat dibaca ({type(exc).__name__})") from None


def _without_alpha(data: bytes) -> bytes:
    """The image flattened on white, as PNG (lossless); only for images with transparency."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        flat.save(out, format="PNG")
        return out.getvalue()


def convert_office(soffice: str, path: Path) -> bytes:
    """Convert an office document to PDF with LibreOffice, in a private profile."""
    with tempfile.TemporaryDirectory(prefix="zi-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"masukan{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = (work / "profil").as_uri()
        command = [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
                   f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                   "--outdir", str(work / "keluar"), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except OSError as exc:
            raise SourceError(f"LibreOffice ({soffice}) tidak dapat dijalankan ({exc.strerror}); "
                              "pasang ulang LibreOffice") from None
        except subprocess.TimeoutExpired:
            raise SourceError(f"LibreOffice gagal mengubah berkas (lebih dari {SOFFICE_TIMEOUT} detik)") from None
        out = work / "keluar" / f"{source.stem}.pdf"
        if result.returncode != 0 or not out.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise SourceError(f"LibreOffice gagal mengubah berkas (kode {result.returncode}) {detail[0]}".strip())
        return out.read_bytes()
