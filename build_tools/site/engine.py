"""Build the generated sources with a site engine into the output folder, atomically.

Three engines read the same ``mkdocs.yml`` and ``docs/``: mkdocs with
mkdocs-material (the default), ProperDocs (the MkDocs 1.6 fork) with
mkdocs-material, and Zensical (Material's successor after its end of life on
5 November 2026). The site is built into a temporary folder beside ``--out``,
trimmed (:mod:`build_tools.site.prune`), stamped with the marker file and only
then swapped in, so a failed or killed build leaves the previous site intact.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from build_tools.core import atomic
from build_tools.core.errors import OutputError, UsageError
from build_tools.site.prune import prune

ENGINES = ("mkdocs", "properdocs", "zensical")
SITE_MARKER = ".zi-situs"
MARKER_NOTE = "Situs buatan python -m build_tools site; folder ini diganti utuh setiap pembangunan."


def check_output_folder(out: Path) -> None:
    """Refuse to replace a folder that is not a site this tool built (e.g. ``--out .``)."""
    out = Path(out)
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise UsageError(f"folder keluaran '{out}' sudah berisi berkas lain dan bukan situs buatan "
                         "perintah site; pilih folder baru (misalnya --out site)")


def read_marker(out: Path) -> dict:
    """What the marker of a built site records (audience, fingerprint), or ``{}``."""
    try:
        text = (Path(out) / SITE_MARKER).read_text("utf-8")
        data = json.loads(text.split("\n", 1)[1]) if "\n" in text else {}
    except (OSError, ValueError, IndexError):
        return {}
    return data if isinstance(data, dict) else {}


def require_engine(program: str) -> None:
    """A usage error unless ``program`` is a known engine installed in this environment."""
    if program not in ENGINES:
        raise UsageError(f"mesin situs '{program}' tidak dikenal (pilih: {', '.join(ENGINES)})")
    if importlib.util.find_spec(program) is None:
        raise UsageError(f"mesin situs '{program}' belum terpasang; pasang dengan: .venv/bin/pip install {program}")


def run_engine(sources: Path, out: Path, *, program: str = "mkdocs", stamp: dict | None = None,
               seal: Callable[[Path], object] | None = None) -> str:
    """``<program> build --strict`` of ``sources`` into ``out``; returns the engine's log.

    The site is built in a workspace and replaces ``out`` only when complete
    (:func:`build_tools.core.atomic.staged_dir`). ``seal`` runs on the built
    folder before it replaces ``out`` (the list of served files).
    """
    require_engine(program)
    sources, out = Path(sources).absolute(), Path(out).absolute()
    check_output_folder(out)
    config = sources / "mkdocs.yml"
    with atomic.staged_dir(out) as tmp:
        if program == "zensical":
            built = sources / "site"  # Zensical writes to the config's site_dir (default: site/)
            command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)]
        else:
            built = tmp
            command = [sys.executable, "-m", program, "build", "--strict", "--clean", "-f", str(config),
                       "-d", str(tmp)]
        try:
            proc = subprocess.run(command, capture_output=True, cwd=sources,
                                  env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1",
                                       "PYTHONIOENCODING": "utf-8"})
        except OSError as exc:
            raise OutputError(f"{program} tidak dapat dijalankan ({exc.strerror}); pasang ulang alat "
                              "dengan 'make'. Situs lama tidak diubah") from None
        log = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        warnings = [line for line in log.splitlines() if line.lstrip().startswith(("WARNING", "ERROR", "Error"))]
        if proc.returncode != 0 or warnings:
            # The engine's own warnings, else only its last line (never a child's traceback on screen).
            detail = "\n".join(warnings) or (log.strip().splitlines() or ["(tanpa keluaran)"])[-1]
            raise OutputError(f"{program} build --strict gagal untuk {sources} (situs lama tidak diubah; "
                              f"rinciannya: {program} build --strict -f {config}):\n{detail}")
        if built != tmp:
            for item in sorted(built.iterdir()):
                shutil.move(str(item), str(tmp / item.name))
            shutil.rmtree(built, ignore_errors=True)
        prune(tmp)
        record = {"mesin": program, **(stamp or {})}
        (tmp / SITE_MARKER).write_text(f"{MARKER_NOTE}\n{json.dumps(record, ensure_ascii=False)}\n",
                                       encoding="utf-8")
        if seal is not None:
            seal(tmp)
    return log
