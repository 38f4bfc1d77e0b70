"""What a site build depends on, hashed, so an unchanged rebuild is skipped.

The fingerprint covers the tool itself (its code, templates, assets, models),
the engine and theme versions, the build options (audience, as-of date,
address, engine, bundle) and the unit's inputs: the bytes of ``plan.yaml``,
``lke.yaml``, ``reviews.yaml``, ``penilaian.yaml``, ``survei/``,
``model-penilaian/`` and ``docs/``, and the name, size and modification time
of every entry under ``evidence/`` (what the scan cache keys on; evidence is
never read here, so a 5,000-file unit is fingerprinted in a fraction of a
second). It is stored in the built site's marker file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Mapping

SITE_FORMAT = 1
INPUT_FILES = ("plan.yaml", "lke.yaml", "reviews.yaml", "penilaian.yaml")
INPUT_FOLDERS = ("survei", "model-penilaian", "docs")
EVIDENCE = "evidence"
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "properdocs", "zensical", "markdown", "pymdown-extensions")
_PACKAGE = Path(__file__).resolve().parent.parent


def site_fingerprint(root: Path, *, as_of: dt.date, audience: str, engine: str, site_url: str | None,
                     bundle: Path | None, extra: Mapping[str, object] | None = None) -> str:
    root = Path(root)
    data = {
        "format": SITE_FORMAT,
        "tool": tool_digest(),
        "versions": [_version(d) for d in DISTRIBUTIONS],
        "as_of": as_of.isoformat(), "audience": audience, "engine": engine, "site_url": site_url or "",
        "bundle": _stat(Path(bundle)) if bundle is not None else None,
        "inputs": {name: _file_digest(root / name) for name in INPUT_FILES},
        "folders": {name: _tree_digest(root / name) for name in INPUT_FOLDERS},
        "evidence": _evidence_state(root / EVIDENCE),
        "extra": {k: repr(v) for k, v in sorted((extra or {}).items())},
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()


def tool_digest() -> str:
    """Every file of the ``build_tools`` package that shapes the site."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return ""


def _stat(path: Path) -> list | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [str(path.resolve()), st.st_size, st.st_mtime_ns]


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _tree_digest(folder: Path) -> list:
    if not folder.is_dir():
        return []
    return [[p.relative_to(folder).as_posix(), _file_digest(p)] for p in sorted(folder.rglob("*")) if p.is_file()]


def _evidence_state(folder: Path) -> list:
    """(path, kind, size, mtime) of every entry: a change to any file or folder changes it."""
    state = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs) + sorted(files):
            path = os.path.join(top, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            kind = "l" if os.path.islink(path) else "d" if name in dirs else "f"
            state.append([os.path.relpath(path, folder), kind, st.st_size if kind != "d" else 0,
                          st.st_mtime_ns if kind != "d" else 0])
    return state
