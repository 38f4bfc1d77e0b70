"""A cache of file facts (hash, page count, problem) keyed by path and the file's identity.

The key is the path with size, ``mtime_ns``, inode and ``ctime_ns``: a file
rewritten in place with its old size and modification time restored, replaced
by another file, or made unreadable (``chmod`` changes ``ctime``) is read
again; the cache can never hide it. A repeat scan of an unchanged tree reads
no file contents. The cache lives
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
                if isinstance(data, dict) and data.get("version") == CACHE_VERSION \
                        and isinstance(data.get("entries"), dict):
                    self.entries = data["entries"]
            except (OSError, ValueError, RecursionError):
                self.entries = {}

    def get(self, rel: str, stat: os.stat_result) -> dict | None:
        entry = self.entries.get(rel)
        if isinstance(entry, dict) and entry.get("key") == _key(stat) and _sound(entry.get("facts")):
            self.used[rel] = entry
            return entry["facts"]
        return None

    def put(self, rel: str, stat: os.stat_result, facts: dict) -> None:
        self.used[rel] = {"key": _key(stat), "facts": facts}
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


def _key(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


def _sound(facts: object) -> bool:
    """Facts as this module writes them (a damaged cache file is never trusted)."""
    if not isinstance(facts, dict):
        return False
    if facts.get("problem"):
        problem = facts["problem"]
        return isinstance(problem, list) and len(problem) == 3 and all(isinstance(x, str) for x in problem)
    return (isinstance(facts.get("sha256"), str) and len(facts["sha256"]) == 64
            and (facts.get("pages") is None or type(facts.get("pages")) is int))
