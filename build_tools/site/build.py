"""Write the site's sources to a folder and build it with a site engine (``--strict``).

The sources folder (default ``build/site-src/``) holds ``mkdocs.yml``,
``overrides/`` (theme overrides) and ``docs/``: hand-written pages already
rendered, generated pages, and the evidence files (hard-linked where the file
system allows, else copied). It is regenerated on every run; nothing in it is
committed. The built site replaces the output folder atomically, and only when
the engine reported no warning (:mod:`build_tools.site.engine`). A build whose
inputs did not change since the last one is skipped
(:mod:`build_tools.site.fingerprint`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from build_tools.assess.project import assess_project, self_assessment
from build_tools.assess.view import Assessment
from build_tools.check.project import load_project
from build_tools.core import atomic
from build_tools.core.errors import OutputError, UsageError
from build_tools.core.months import format_date
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EVIDENCE_DIR
from build_tools.integrity.manifest import build_manifest, write_unit_manifest
from build_tools.integrity.sitefiles import write_site_files
from build_tools.reports.score import cover_figures
from build_tools.site.engine import (
    SITE_MARKER,
    check_output_folder,
    read_marker,
    require_engine,
    run_engine,
)
from build_tools.site.fingerprint import site_fingerprint
from build_tools.site.pages import (
    CONFIG_HEADER,
    THEME_DIR,
    BundleFile,
    ExtraPage,
    SiteSources,
    bundle_file,
    render_site,
)
from build_tools.site.score_page import render_score_page

DOCS_DIR = "docs"
__all__ = ["SITE_MARKER", "build_site", "check_output_folder", "prepare_site", "run_mkdocs", "write_sources"]


@dataclass(frozen=True)
class SiteResult:
    out: Path
    sources: Path
    pages: int
    files: int
    skipped: bool = False
    """Nothing the site depends on changed since the last build: it was left as it is."""


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
    wanted.update((folder / THEME_DIR / p, data) for p, data in sources.theme.items())
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


def run_mkdocs(sources: Path, out: Path, *, program: str = "mkdocs", stamp: dict | None = None,
               seal: Callable[[Path], object] | None = None) -> str:
    """``<program> build --strict`` of ``sources`` into ``out`` (atomically); see :mod:`.engine`."""
    return run_engine(sources, out, program=program, stamp=stamp, seal=seal)


def evidence_copies(root: Path, files: Mapping[str, Path]) -> dict[str, str]:
    """Served path → evidence path (relative to the unit root) of every evidence copy."""
    evidence = (root / EVIDENCE_DIR).absolute()
    return {served: Path(source).absolute().relative_to(root.absolute()).as_posix()
            for served, source in files.items() if Path(source).absolute().is_relative_to(evidence)}


SCORE_PAGE = "penilaian/index.md"


def review_notes(assessment: Assessment) -> dict[str, str]:
    """The TPI's verdict and note per evidence code, as shown on its page."""
    notes = {}
    for review in assessment.reviews:
        when = f", {format_date(review.date)}" if review.date else ""
        who = f" oleh {review.reviewer}" if review.reviewer else ""
        text = f"Reviu TPI: {review.verdict}{who}{when}."
        notes[review.code] = f"{text} {review.note}".strip()
    return notes


def prepare_site(root: Path, as_of: dt.date, *, sources_dir: Path,
                 audience: Audience = Audience.PUBLIC, bundle: Path | None = None,
                 extra_pages: Mapping[str, str | ExtraPage] | None = None,
                 notes: Mapping[str, str] | None = None, use_cache: bool = True,
                 site_url: str | None = None) -> SiteSources:
    """Load, check and render the project, then write its site sources."""
    project = load_project(root, as_of, use_cache=use_cache)
    bundle_info: BundleFile | None = None
    if bundle is not None:
        if not Path(bundle).is_file():
            raise UsageError(f"bundel '{bundle}' tidak ada; buat dulu bundelnya atau hilangkan --bundle")
        bundle_info = bundle_file(Path(bundle))
    assessment = assess_project(project)
    # A plan scored from answers shows its own questions; otherwise the unit's lke.yaml, if any.
    answers = assessment if assessment.answered else self_assessment(project, assessment)
    pages = {SCORE_PAGE: ExtraPage(render_score_page(assessment), "Penilaian", after="linimasa"),
             **(extra_pages or {})}
    manifest = build_manifest(project)
    write_unit_manifest(root, manifest)
    sources = render_site(project, Path(root) / DOCS_DIR, audience=audience, extra_pages=pages,
                          notes={**review_notes(assessment), **(notes or {})}, bundle=bundle_info,
                          lke=answers, summary=cover_figures(assessment), primary=assessment,
                          reviews=assessment.reviews, manifest=manifest, site_url=site_url)
    write_sources(sources_dir, sources)
    return sources


def build_site(root: Path, as_of: dt.date, *, out: Path, sources_dir: Path,
               audience: Audience = Audience.PUBLIC, bundle: Path | None = None,
               extra_pages: Mapping[str, str | ExtraPage] | None = None,
               notes: Mapping[str, str] | None = None, use_cache: bool = True,
               engine: str = "mkdocs", site_url: str | None = None) -> SiteResult:
    """The whole site build: sources, then ``<engine> build --strict`` into ``out``.

    When nothing the site depends on changed since the build in ``out`` (same
    fingerprint in its marker, sources still there), nothing is done and the
    result says ``skipped``. ``use_cache=False`` always rebuilds.
    """
    check_output_folder(out)
    require_engine(engine)
    site_url = normal_site_url(site_url)
    fingerprint = site_fingerprint(root, as_of=as_of, audience=audience.value, engine=engine, site_url=site_url,
                                   bundle=bundle, extra={"pages": extra_pages, "notes": notes,
                                                         "sources": str(Path(sources_dir).absolute())})
    stored = read_marker(out)
    if (use_cache and stored.get("sidik") == fingerprint and (Path(out) / "index.html").is_file()
            and (Path(sources_dir) / "mkdocs.yml").is_file()):
        return SiteResult(out=Path(out), sources=Path(sources_dir), pages=stored.get("halaman", 0),
                          files=stored.get("berkas", 0), skipped=True)
    with atomic.lock(sources_dir):  # a second build of the same sources waits for this one
        sources = prepare_site(root, as_of, sources_dir=sources_dir, audience=audience, bundle=bundle,
                               extra_pages=extra_pages, notes=notes, use_cache=use_cache, site_url=site_url)
        run_engine(sources_dir, out, program=engine,
                   stamp={"audiens": audience.value, "sidik": fingerprint, "halaman": len(sources.pages),
                          "berkas": len(sources.files)},
                   seal=lambda folder: write_site_files(folder, sources.manifest,
                                                        evidence_copies(Path(root), sources.files)))
    return SiteResult(out=Path(out), sources=Path(sources_dir), pages=len(sources.pages),
                      files=len(sources.files))


def normal_site_url(site_url: str | None) -> str | None:
    """``https://host/sub/path/`` (with its trailing slash), or None; anything else is a usage error."""
    if not site_url or not site_url.strip():
        return None
    url = site_url.strip()
    if not url.startswith(("https://", "http://")) or " " in url:
        raise UsageError(f"alamat situs '{site_url}' tidak sah; tulis lengkap, misalnya "
                         "https://unit.github.io/zi/")
    return url if url.endswith("/") else url + "/"
