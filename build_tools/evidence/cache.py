"""A cache of file facts (hash, page count, problem) keyed by path, size and mtime.

A repeat scan of an unchanged tree reads no file contents. The cache lives
outside ``evidence/`` (by default ``<root>/.cache/build_tools/``), is written
atomically, and is rebuilt silently when it is missing, stale or unreadable.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

CACHE_VERSION = 2


class ScanCache:
    def __init__(self, folder: Path | None) -> None:
        self.path = folder / "scan.json" if folder else None
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        self.dirty = False
        if self.path and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("version") == CACHE_VERSION:
                    self.entries = data.get("entries", {})
            except (OSError, ValueError):
                self.entries = {}

    def get(self, rel: str, size: int, mtime_ns: int) -> dict | None:
        entry = self.entries.get(rel)
        if entry and entry.get("size") == size and entry.get("mtime_ns") == mtime_ns:
            self.used[rel] = entry
            return entry["facts"]
        return None

    def put(self, rel: str, size: int, mtime_ns: int, facts: dict) -> None:
        self.used[rel] = {"size": size, "mtime_ns": mtime_ns, "facts": facts}
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this scan (dropping files that are gone)."""
        if not self.path or (not self.dirty and len(self.used) == len(self.entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"version": CACHE_VERSION, "entries": self.used}, handle)
            os.replace(tmp, self.path)
        except OSError:
            # A read-only checkout still gets a correct (uncached) scan.
            pass
