"""``make``'s first step: what this machine needs, checked before any long step.

Run with the system Python, before ``.venv/`` exists, so it uses the
standard library only (and the font finder of the bundle, itself standard
library only)::

    python3 -m build_tools.unit.needs venv fonts office

Each missing need prints one message saying what it is for and how to
install it (Debian/Ubuntu package names; README "Kebutuhan sistem" for other
platforms). ``venv`` and ``fonts`` are required (exit 1 when missing);
``office`` is advice: without LibreOffice, office files are attached to the
bundle instead of converted, so its message is a note and the exit stays 0.
"""

import sys

README = "lihat README, bagian 'Kebutuhan sistem'"
LIBREOFFICE_DEBIAN = "libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"


def check_venv():
    """Python's venv module with ensurepip (Debian/Ubuntu ship it apart, as python3-venv)."""
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        return (f"perlu: modul venv Python untuk membuat .venv/ (tidak ada di {sys.executable}). "
                f"Debian/Ubuntu: sudo apt-get install python3-venv (atau python{version}-venv); {README}")
    return None


def check_fonts():
    """DejaVu Sans, the font of the bundle's own pages."""
    from build_tools.bundle.fonts import FONT_ENV, find_fonts
    from build_tools.core.errors import ToolError

    try:
        find_fonts()
    except ToolError:
        return (f"perlu: huruf DejaVu Sans untuk halaman bundel PDF. Debian/Ubuntu: sudo apt-get install "
                f"fonts-dejavu-core; atau setel {FONT_ENV}=FOLDER yang memuat DejaVuSans.ttf dan "
                f"DejaVuSans-Bold.ttf; {README}")
    return None


def check_office():
    """LibreOffice, which turns office evidence (DOCX, XLSX, …) into PDF pages of the bundle."""
    import shutil

    if shutil.which("soffice") or shutil.which("libreoffice"):
        return None
    return (f"catatan: LibreOffice tidak ditemukan; dokumen kantor (DOCX/XLSX/PPTX/ODT …) akan dilampirkan "
            f"di bundel, bukan diubah menjadi halaman PDF. Debian/Ubuntu: sudo apt-get install "
            f"{LIBREOFFICE_DEBIAN}; {README}")


CHECKS = {"venv": (check_venv, True), "fonts": (check_fonts, True), "office": (check_office, False)}
"""Name → (check, required)."""


def main(argv=None):
    names = sys.argv[1:] if argv is None else argv
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        print(f"galat: kebutuhan tidak dikenal: {', '.join(unknown)} (pilih dari: {', '.join(CHECKS)})",
              file=sys.stderr)
        return 2
    failed = False
    for name in names:
        check, required = CHECKS[name]
        message = check()
        if message:
            print(message, file=sys.stderr)
            failed = failed or required
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
