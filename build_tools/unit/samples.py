"""Sample evidence made at run time: for ``make demo``, the benchmarks and tests.

Every page and image says CONTOH (sample) so nobody mistakes it for a
unit's real evidence. Nothing here is committed as a binary; it is generated.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from build_tools.evidence.scanner import EVIDENCE_DIR, folder_name
from build_tools.plan.structure import Plan

FIXED_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def pdf_bytes(label: str, pages: int = 1, *, landscape: bool = False) -> bytes:
    """A real, text-bearing PDF whose every page is marked CONTOH."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L" if landscape else "P", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", "B", 40)
        pdf.set_text_color(200, 40, 40)
        pdf.cell(0, 30, "CONTOH", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 14)
        pdf.set_text_color(0, 0, 0)
        # The core font covers Latin-1 only; samples need no more than that.
        text = f"{label}\nHalaman {number} dari {pages}".replace("–", "-")
        pdf.multi_cell(0, 8, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def write_pdf(path: Path, label: str, pages: int = 1, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(label, pages, **kwargs))
    return path


def image_bytes(label: str, fmt: str = "PNG", size: tuple[int, int] = (800, 600),
                exif_orientation: int | None = None, seed: int = 0) -> bytes:
    """A real PNG or JPEG marked CONTOH (optionally with an EXIF orientation)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (240 - seed % 40, 244, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, size[0] - 10, size[1] - 10], outline=(200, 40, 40), width=6)
    draw.text((40, 40), "CONTOH", fill=(200, 40, 40))
    draw.text((40, 80), label, fill=(0, 0, 0))
    out = io.BytesIO()
    kwargs: dict = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def write_image(path: Path, label: str, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = "JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG"
    path.write_bytes(image_bytes(label, fmt=fmt, **kwargs))
    return path


def populate(root: Path, plan: Plan, *, codes: list[str] | None = None, pages: int = 1,
             extra_files: int = 0) -> list[Path]:
    """Write sample evidence for ``codes`` (default: every code of the plan).

    A one-off item gets one PDF (plus ``extra_files`` more); a monthly item one
    PDF per month of its window, named with the ``YYYY-MM`` prefix.
    """
    written = []
    wanted = set(codes) if codes is not None else set(plan.codes)
    for item in plan.evidence:
        if item.code not in wanted:
            continue
        folder = Path(root) / EVIDENCE_DIR / folder_name(item.code, item.title)
        if item.recurring:
            for month in item.window.months():
                written.append(write_pdf(folder / f"{month.iso()} {item.title[:30]}.pdf",
                                         f"{item.code} {item.title} - {month.label()}", pages))
        else:
            for n in range(1 + extra_files):
                suffix = f" ({n + 1})" if n else ""
                written.append(write_pdf(folder / f"{item.code} {item.title[:40].replace('/', '-')}{suffix}.pdf",
                                         f"{item.code} {item.title}", pages))
    return written
