"""The served files of a built site: ``manifest-situs.json`` lists every file of
the site folder (path, size, SHA-256; for an evidence copy also the evidence
path it was copied from) and the root digest of the evidence manifest the site
serves (``manifest.json``). It has a root digest of its own, computed like the
evidence manifest's. It does not list itself.

``write_site_files(folder, manifest, copies)`` runs on the freshly built folder
before it replaces the old site; ``check_site(folder)`` compares a site folder
with its list: changed, missing and extra files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.integrity.manifest import (
    FILE_NAME,
    MAX_BYTES,
    Manifest,
    ManifestError,
    parse_manifest,
    root_digest,
)
from build_tools.integrity.unitfiles import hash_file

SITE_FILE = "manifest-situs.json"
KIND = "situs"
FORMAT = 1


def served_files(folder: Path) -> list[str]:
    """Every file of a site folder (links to files included), ``/`` separators, sorted."""
    folder = Path(folder)
    paths = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in files:
            full = Path(current) / name
            rel = full.relative_to(folder).as_posix()
            if rel != SITE_FILE and full.is_file():
                paths.append(rel)
    return sorted(paths)


def write_site_files(folder: Path, manifest: Manifest, copies: Mapping[str, str]) -> dict:
    """Write ``manifest-situs.json`` into ``folder``; ``copies``: served path → evidence path."""
    folder = Path(folder)
    files = []
    for path in served_files(folder):
        size, sha = hash_file(folder / path)
        entry = {"path": path, "size": size, "sha256": sha}
        if path in copies:
            entry["evidence"] = copies[path]
        files.append(entry)
    body = {"format": FORMAT, "kind": KIND, "audience": manifest.audience,
            "manifest": {"path": FILE_NAME, "root_digest": manifest.root_digest}, "files": files}
    listing = {**body, "root_digest": root_digest(body)}
    (folder / SITE_FILE).write_text(json.dumps(listing, sort_keys=True, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    return listing


@dataclass
class SiteCheck:
    """A site folder against its list."""

    listing_digest_ok: bool = True
    files_checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    evidence_mismatch: list[tuple[str, str]] = field(default_factory=list)
    """(served path, evidence path) whose bytes differ from the manifest's entry."""
    manifest: Manifest | None = None
    manifest_problem: str = ""
    audience: str = ""


def read_listing(folder: Path) -> dict:
    """The site's list; raises :class:`ManifestError` when it is absent or malformed."""
    path = Path(folder) / SITE_FILE
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ManifestError(f"{SITE_FILE} terlalu besar")
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"tidak ada {SITE_FILE}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"{SITE_FILE} tidak dapat dibaca ({exc})") from None
    if not (isinstance(value, dict) and value.get("kind") == KIND and isinstance(value.get("files"), list)
            and all(isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("sha256"), str)
                    for e in value["files"])):
        raise ManifestError(f"{SITE_FILE} bukan daftar berkas situs")
    outside = [e["path"] for e in value["files"] if not _inside(e["path"])]
    if outside:
        # A list naming ../ or absolute paths would make verify read files outside the site.
        raise ManifestError(f"{SITE_FILE} menyebut berkas di luar folder situs: {outside[0]!r}")
    return value


def _inside(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and ":" not in parts[0] \
        and all(p not in ("", ".", "..") for p in parts)


def check_site(folder: Path, listing: dict) -> SiteCheck:
    folder = Path(folder)
    result = SiteCheck(audience=str(listing.get("audience", "")))
    result.listing_digest_ok = listing.get("root_digest") == root_digest(listing)
    listed = {e["path"]: e for e in listing["files"]}
    present = set(served_files(folder))
    for path, entry in listed.items():
        if path not in present:
            result.missing.append(path)
            continue
        try:
            size, sha = hash_file(folder / path)
        except OSError:
            result.unreadable.append(path)
            continue
        result.files_checked += 1
        if sha != entry["sha256"] or size != entry.get("size", size):
            result.changed.append(path)
    result.extra = sorted(present - set(listed))
    _check_manifest(folder, listing, result)
    return result


def _check_manifest(folder: Path, listing: dict, result: SiteCheck) -> None:
    """The served evidence manifest: its digest, the list's record of it, the evidence copies."""
    path = folder / FILE_NAME
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ManifestError("terlalu besar")
        manifest = parse_manifest(path.read_bytes())
    except FileNotFoundError:
        result.manifest_problem = f"{path.name} tidak ada di situs"
        return
    except (OSError, ManifestError) as exc:
        result.manifest_problem = f"{path.name} tidak dapat dibaca: {exc}"
        return
    result.manifest = manifest
    by_path = {e["path"]: e for e in manifest.evidence}
    for entry in listing["files"]:
        source = entry.get("evidence")
        if isinstance(source, str) and entry["path"] not in result.missing:
            known = by_path.get(source)
            if known is None or known.get("sha256") != entry["sha256"]:
                result.evidence_mismatch.append((entry["path"], source))
