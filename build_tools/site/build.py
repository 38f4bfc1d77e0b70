"""Write the site's sources to a folder and build it with ``mkdocs build --strict``.

The sources folder (default ``build/site-src/``) holds ``mkdocs.yml`` and
``docs/``: hand-written pages already rendered, generated pages, and the
evidence files (hard-linked where the file system allows, else copied). It is
regenerated on every run; nothing in it is committed. The built site replaces
the output folder atomically, and only when mkdocs reported no warning.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.project import assess_lke, assess_project
from build_tools.assess.readiness import Readiness
from build_tools.check.project import Project, load_project
from build_tools.core import atomic
from build_tools.core.errors import OutputError, UsageError
from build_tools.core.months import format_date
from build_tools.evidence.audience import Audience
from build_tools.reports.score import cover_figures
from build_tools.site.pages import (
    CONFIG_HEADER,
    BundleFile,
    ExtraPage,
    SiteSources,
    bundle_file,
    render_site,
)
from build_tools.site.score_page import render_score_page

DOCS_DIR = "docs"
SITE_MARKER = ".zi-situs"


@dataclass(frozen=True)
class SiteResult:
    out: Path
    sources: Path
    pages: int
    files: int


def write_sources(folder: Path, sources: SiteSources) -> None:
    """Make ``folder`` hold exactly ``sources``, touching only what changed.

    Unchanged files keep their modification time, so ``mkdocs serve`` watching
    this folder rebuilds only after a real change.
    """
    folder = Path(folder)
    _check_ours(folder)
    docs = folder / DOCS_DIR
    wanted: dict[Path, bytes | Path] = {folder / "mkdocs.yml": sources.config.encode("utf-8")}
    wanted.update((docs / p, text.encode("utf-8")) for p, text in sources.pages.items())
    wanted.update((docs / p, data) for p, data in sources.assets.items())
    wanted.update((docs / p, src) for p, src in sources.files.items())
    try:
        for path, content in wanted.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                if not (path.is_file() and path.read_bytes() == content):
                    atomic.write_bytes(path, content)
            else:
                _link_or_copy(Path(content), path)
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    except OSError as exc:
        raise OutputError(f"{folder}: sumber situs tidak dapat ditulis ({exc.strerror})") from None


def _check_ours(folder: Path) -> None:
    """Refuse to clean a folder this tool did not create (e.g. a mistyped --src)."""
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    config = folder / "mkdocs.yml"
    if not (config.is_file() and config.read_text("utf-8", "replace").startswith(CONFIG_HEADER)):
        raise UsageError(f"folder sumber situs '{folder}' sudah berisi berkas lain; "
                         "pilih folder kosong atau folder yang dibuat oleh perintah site")


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` at ``target`` (read-only use), or copy it."""
    if target.exists():
        if os.path.samefile(source, target):
            return
        s, t = source.stat(), target.stat()
        if (s.st_size, s.st_mtime_ns) == (t.st_size, t.st_mtime_ns):
            return
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def check_output_folder(out: Path) -> None:
    """Refuse to replace a folder that is not a site this tool built (e.g. ``--out .``)."""
    out = Path(out)
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise UsageError(f"folder keluaran '{out}' sudah berisi berkas lain dan bukan situs buatan "
                         "perintah site; pilih folder baru (misalnya --out site)")


def run_mkdocs(sources: Path, out: Path, *, program: str = "mkdocs") -> str:
    """``<program> build --strict`` of ``sources`` into ``out`` (atomically)."""
    out = Path(out).absolute()
    check_output_folder(out)
    with atomic.staged_dir(out) as tmp:
        try:
            proc = subprocess.run(
                [sys.executable, "-m", program, "build", "--strict", "--clean",
                 "-f", str(Path(sources) / "mkdocs.yml"), "-d", str(tmp)],
                capture_output=True, env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1",
                                          "PYTHONIOENCODING": "utf-8"})
        except OSError as exc:
            raise OutputError(f"{program} tidak dapat dijalankan ({exc.strerror}); pasang ulang alat "
                              "dengan 'make'. Situs lama tidak diubah") from None
        log = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
        if proc.returncode != 0 or warnings:
            # mkdocs's own warnings, else only its last line (never a traceback of the child on screen)
            detail = "\n".join(warnings) or (log.strip().splitlines() or ["(tanpa keluaran)"])[-1]
            raise OutputError(f"{program} build --strict gagal untuk {sources} (situs lama tidak diubah; "
                              f"rinciannya: {program} build --strict -f {Path(sources) / 'mkdocs.yml'}):\n{detail}")
        (tmp / SITE_MARKER).write_text("Situs buatan python -m build_tools site; folder ini diganti "
                                        "utuh setiap pembangunan.\n", encoding="utf-8")
    return log


SCORE_PAGE = "penilaian/index.md"


def review_notes(readiness: Readiness) -> dict[str, str]:
    """The TPI's verdict and note per evidence code, as shown on its page."""
    notes = {}
    for review in readiness.reviews.in_order():
        when = f", {format_date(review.date)}" if review.date else ""
        who = f" oleh {review.reviewer}" if review.reviewer else ""
        text = f"Reviu TPI: {review.verdict.label}{who}{when}."
        notes[review.code] = f"{text} {review.note}".strip()
    return notes


def lke_assessment(project: Project) -> LkeAssessment | None:
    """The unit's LKE self-assessment when ``lke.yaml`` is at its root, else None.

    A bad ``lke.yaml`` raises the same :class:`InputError` as the ``lke`` command.
    """
    if not (Path(project.root) / ANSWERS_FILE).is_file():
        return None
    return assess_lke(project)


def prepare_site(root: Path, as_of: dt.date, *, sources_dir: Path,
                 audience: Audience = Audience.PUBLIC, bundle: Path | None = None,
                 extra_pages: Mapping[str, str | ExtraPage] | None = None,
                 notes: Mapping[str, str] | None = None, use_cache: bool = True) -> SiteSources:
    """Load, check and render the project, then write its site sources."""
    project = load_project(root, as_of, use_cache=use_cache)
    bundle_info: BundleFile | None = None
    if bundle is not None:
        if not Path(bundle).is_file():
            raise UsageError(f"bundel '{bundle}' tidak ada; buat dulu bundelnya atau hilangkan --bundle")
        bundle_info = bundle_file(Path(bundle))
    readiness = assess_project(project)
    # An LKE-model plan's score already is its LKE assessment.
    lke = readiness if isinstance(readiness, LkeAssessment) else lke_assessment(project)
    pages = {SCORE_PAGE: ExtraPage(render_score_page(readiness), "Penilaian", after="linimasa"),
             **(extra_pages or {})}
    sources = render_site(project, Path(root) / DOCS_DIR, audience=audience, extra_pages=pages,
                          notes={**review_notes(readiness), **(notes or {})}, bundle=bundle_info,
                          lke=lke, summary=cover_figures(readiness))
    write_sources(sources_dir, sources)
    return sources


def build_site(root: Path, as_of: dt.date, *, out: Path, sources_dir: Path,
               audience: Audience = Audience.PUBLIC, bundle: Path | None = None,
               extra_pages: Mapping[str, str | ExtraPage] | None = None,
               notes: Mapping[str, str] | None = None, use_cache: bool = True) -> SiteResult:
    """The whole site build: sources, then ``mkdocs build --strict`` into ``out``."""
    check_output_folder(out)
    with atomic.lock(sources_dir):  # a second build of the same sources waits for this one
        sources = prepare_site(root, as_of, sources_dir=sources_dir, audience=audience, bundle=bundle,
                               extra_pages=extra_pages, notes=notes, use_cache=use_cache)
        run_mkdocs(sources_dir, out)
    return SiteResult(out=Path(out), sources=Path(sources_dir), pages=len(sources.pages),
                      files=len(sources.files))
