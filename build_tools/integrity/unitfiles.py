"""The unit's inputs as files on disk: which files a manifest covers, walked the
same way when it is written and when it is verified, and hashed in chunks.

The inputs are ``plan.yaml``, ``lke.yaml``, ``reviews.yaml``,
``penilaian.yaml``, ``survei/``, ``model-penilaian/`` and ``evidence/``;
nothing else of the unit folder (caches, ``build/``, notes, ``docs/``) is part
of a manifest. Files the operating system or an editor leaves behind
(``.DS_Store``, ``Thumbs.db``, ``~$`` lock files, any hidden name) are skipped,
as the evidence scanner skips them. Nothing here writes anything.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from build_tools.assess.declared import DATA_FILE
from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.assess.reviews import REVIEWS_FILE
from build_tools.assess.surveys import SURVEY_DIR
from build_tools.evidence.scanner import EVIDENCE_DIR, folder_code, is_hidden
from build_tools.models.common import UNIT_MODELS_DIR
from build_tools.plan.loader import PLAN_FILE

INPUT_FILES = ((PLAN_FILE, "plan"), (ANSWERS_FILE, "answers"), (REVIEWS_FILE, "reviews"), (DATA_FILE, "data"))
"""Single input files beside ``plan.yaml`` and their kind in the manifest."""
INPUT_DIRS = ((SURVEY_DIR, "survey"), (UNIT_MODELS_DIR, "model"))
"""Input folders (every file inside, recursively) and their kind."""
EVIDENCE = "evidence"
CHUNK = 1 << 20


@dataclass(frozen=True)
class UnitFile:
    """One input file: its path relative to the unit root (``/`` separators) and kind."""

    path: str
    kind: str
    """``plan``, ``answers``, ``reviews``, ``data``, ``survey``, ``model`` or ``evidence``."""


def unit_files(root: Path) -> list[UnitFile]:
    """Every input file of the unit at ``root``, sorted by path."""
    root = Path(root)
    found = [UnitFile(name, kind) for name, kind in INPUT_FILES if (root / name).is_file()]
    for folder, kind in (*INPUT_DIRS, (EVIDENCE_DIR, EVIDENCE)):
        found.extend(UnitFile(path, kind) for path in walk(root, folder))
    return sorted(found, key=lambda f: f.path)


def walk(root: Path, folder: str) -> list[str]:
    """Files under ``root/folder`` (links to files included, linked folders not followed)."""
    base = Path(root) / folder
    if not base.is_dir() or base.is_symlink():
        return []
    paths = []
    for current, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        for name in files:
            full = Path(current) / name
            try:
                regular = full.is_file()
            except OSError:  # in a folder that can be listed but not entered: still an input
                regular = True
            if not is_hidden(name) and regular:
                paths.append(full.relative_to(root).as_posix())
    return paths


def hash_file(path: Path) -> tuple[int, str]:
    """``(size, SHA-256 hex)`` of a file, read in 1 MiB chunks (raises OSError)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def evidence_code(path: str) -> str | None:
    """The code an evidence path belongs to: ``evidence/I.1.a SK/x.pdf`` → ``I.1.a``."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != EVIDENCE_DIR:
        return None
    return folder_code(parts[1]) or None
