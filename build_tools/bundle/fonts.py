"""The Unicode font of generated PDF pages (DejaVu Sans).

The bundle's own pages, its stamps and the form values it draws need "–",
"“”", "≥" and Indonesian text in a font embedded in the PDF, so it embeds
DejaVu Sans (subsets, see :mod:`build_tools.bundle.typeface`).

Where the font comes from, first match wins:

1. the folder named by the environment variable ``ZI_FONT_DIR``;
2. the usual system folders (Debian/Ubuntu package ``fonts-dejavu-core``,
   Fedora/Arch, macOS, Windows).

``.ci/run`` installs ``fonts-dejavu-core`` when the font is missing, so a
clean CI machine has it. Elsewhere a missing font stops the bundle with a
message saying how to install it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.core.errors import OutputError

if TYPE_CHECKING:
    from build_tools.bundle.typeface import Face

FONT_ENV = "ZI_FONT_DIR"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
SYSTEM_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu: fonts-dejavu-core
    "/usr/share/fonts/dejavu",           # Fedora
    "/usr/share/fonts/TTF",              # Arch
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    str(Path.home() / "Library" / "Fonts"),
    "C:/Windows/Fonts",
)


@dataclass(frozen=True)
class FontSet:
    """The regular and bold faces found on this machine."""

    regular: Path
    bold: Path

    def digest(self) -> str:
        """Hash of both files: part of the bundle's input fingerprint."""
        h = hashlib.sha256()
        for path in (self.regular, self.bold):
            h.update(path.read_bytes())
        return h.hexdigest()

    def faces(self) -> dict[str, Face]:
        """The page writer's faces: ``""`` regular and ``"B"`` bold."""
        # Imported here: `make`'s first step finds the fonts with the system Python, before pikepdf exists.
        from build_tools.bundle.typeface import Face

        return {"": Face(self.regular, "DejaVuSans"), "B": Face(self.bold, "DejaVuSans-Bold")}


def find_fonts(folders: list[str] | None = None) -> FontSet:
    """Locate DejaVu Sans or raise an OutputError that says how to install it."""
    if folders is None:
        folders = [os.environ[FONT_ENV]] if os.environ.get(FONT_ENV) else []
        folders += SYSTEM_DIRS
    for folder in folders:
        regular, bold = Path(folder) / REGULAR, Path(folder) / BOLD
        if regular.is_file() and bold.is_file():
            return FontSet(regular, bold)
    raise OutputError(
        f"huruf DejaVu Sans ({REGULAR}, {BOLD}) tidak ditemukan; bundel PDF memerlukannya. "
        f"Pasang paket fonts-dejavu-core (Debian/Ubuntu: sudo apt-get install fonts-dejavu-core) "
        f"atau setel {FONT_ENV}=FOLDER yang memuat kedua berkas itu")
