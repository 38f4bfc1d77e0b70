"""The evidence manifest: every input of a unit, hashed, with one root digest.

``build_manifest(project)`` describes, as of the project's date, each evidence
file (path, code, size, SHA-256, pages, access), the SHA-256 of each other
input file (plan, answers, reviews, data, surveys, the unit's model files),
the tool version and the model id. ``root_digest`` is the SHA-256 of the UTF-8
bytes of ``json.dumps(manifest without root_digest, sort_keys=True,
separators=(",", ":"), ensure_ascii=False)``: anyone can recompute it with a
one-line script, and any change to any listed byte changes it.

The full manifest (audience ``penilai``) goes to ``build/manifest.json``, the
reviewer site and the reviewer bundle. Its public view (audience ``publik``)
lists only the files published to the open web; every other file under
``evidence/`` (restricted files, ``_akses.yaml``, files with problems) is
only counted in ``restricted_count``, with no name or hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import build_tools
from build_tools.check.project import Project
from build_tools.core import atomic
from build_tools.core.errors import InputError, Issue, Location
from build_tools.core.escape import shown_bytes
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import Access
from build_tools.integrity.unitfiles import (
    EVIDENCE,
    evidence_code,
    hash_file,
    unit_files,
)
from build_tools.models.common import model_path

FORMAT = 1
FILE_NAME = "manifest.json"
BUILD_PATH = Path("build") / FILE_NAME
"""Where ``bundle`` and ``site`` write the full manifest, under the unit root."""
MAX_BYTES = 64 << 20
"""A manifest larger than this is refused unread (a real one is well under 1 MB per 1,000 files)."""
TOOL_NAME = "zi-build-tools"
RESTRICTED = Access.RESTRICTED.value


class ManifestError(ValueError):
    """A manifest that cannot be read or does not have the manifest's shape."""


def root_digest(data: Mapping) -> str:
    """SHA-256 of the canonical JSON of ``data`` without its ``root_digest``."""
    body = {k: v for k, v in data.items() if k != "root_digest"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """A manifest as data (``root_digest`` included and matching)."""

    data: Mapping

    @classmethod
    def sealed(cls, body: Mapping) -> "Manifest":
        body = {k: v for k, v in body.items() if k != "root_digest"}
        return cls({**body, "root_digest": root_digest(body)})

    @property
    def root_digest(self) -> str:
        return str(self.data.get("root_digest", ""))

    @property
    def audience(self) -> str:
        return str(self.data.get("audience", ""))

    @property
    def evidence(self) -> list[dict]:
        return list(self.data.get("evidence", []))

    @property
    def inputs(self) -> list[dict]:
        return list(self.data.get("inputs", []))

    def text(self) -> str:
        """The file form: sorted keys, indented, UTF-8 (the digest does not depend on it)."""
        return json.dumps(self.data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    def to_bytes(self) -> bytes:
        return self.text().encode("utf-8")

    def public(self) -> "Manifest":
        """The view for the open web: only public files named, the others counted."""
        if self.audience == Audience.PUBLIC.value:
            return self
        listed = [e for e in self.evidence if e.get("access") == Access.PUBLIC.value]
        withheld = len(self.evidence) - len(listed) + int(self.data.get("restricted_count", 0))
        return Manifest.sealed({**self.data, "audience": Audience.PUBLIC.value, "evidence": listed,
                                "restricted_count": withheld})

    def for_audience(self, audience: Audience) -> "Manifest":
        return self.public() if audience is Audience.PUBLIC else self


def build_manifest(project: Project) -> Manifest:
    """The full manifest of ``project`` as it is on disk now."""
    root = Path(project.root)
    scanned = {f.path: f for f in project.scan.files}
    evidence, inputs, issues = [], [], []
    for unit_file in unit_files(root):
        known = scanned.get(unit_file.path)
        if known is not None:
            evidence.append({"path": known.path, "code": known.code, "size": known.size,
                             "sha256": known.sha256, "pages": known.pages, "access": known.access.value})
            continue
        try:
            size, sha = hash_file(root / unit_file.path)
        except OSError as exc:
            if unit_file.kind == EVIDENCE:
                # The scan reports it (unreadable_file); it is never published, and the
                # manifest says it is there without a hash.
                evidence.append({"path": shown_bytes(unit_file.path), "code": evidence_code(unit_file.path),
                                 "size": None, "sha256": None, "pages": None, "access": RESTRICTED})
                continue
            issues.append(Issue(Location(Path(shown_bytes(unit_file.path))), f"tidak dapat dibaca ({exc.strerror})",
                                "periksa izin berkas"))
            continue
        if unit_file.kind == EVIDENCE:
            # Not a file the scan accepted (a sidecar, a file with problems, one
            # outside a code folder): never published, so never public here.
            # A name that is not UTF-8 is recorded with its bytes shown (\xNN), like every report.
            evidence.append({"path": shown_bytes(unit_file.path), "code": evidence_code(unit_file.path),
                             "size": size, "sha256": sha, "pages": None, "access": RESTRICTED})
        else:
            inputs.append({"path": shown_bytes(unit_file.path), "kind": unit_file.kind, "size": size,
                           "sha256": sha})
    if issues:
        raise InputError(issues, "masukan untuk manifes bukti")
    plan = project.plan
    return Manifest.sealed({
        "format": FORMAT,
        "tool": {"name": TOOL_NAME, "version": build_tools.__version__},
        "unit": plan.unit.name,
        "model": {"id": plan.model, "sha256": _model_digest(plan.model, root)},
        "as_of": project.as_of.isoformat(),
        "audience": Audience.REVIEWER.value,
        "restricted_count": 0,
        "evidence": evidence,
        "inputs": inputs,
    })


def _model_digest(model_id: str, root: Path) -> str | None:
    """SHA-256 of the model file the plan names (shipped or the unit's own)."""
    try:
        path = model_path(model_id, root)
        return hash_file(path)[1] if path is not None else None
    except (InputError, OSError):
        return None


def write_unit_manifest(root: Path, manifest: Manifest) -> Path:
    """Write the full manifest to ``<root>/build/manifest.json`` (atomically; unchanged: untouched)."""
    path = Path(root) / BUILD_PATH
    data = manifest.to_bytes()
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    except OSError:
        pass
    atomic.write_bytes(path, data)
    return path


def parse_manifest(data: bytes) -> Manifest:
    """A manifest from its bytes; raises :class:`ManifestError` on anything else."""
    if len(data) > MAX_BYTES:
        raise ManifestError(f"manifes lebih dari {MAX_BYTES >> 20} MiB")
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"bukan JSON yang sah ({exc})") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise ManifestError(f"bukan manifes bukti format {FORMAT}")
    for key, kind in (("root_digest", str), ("evidence", list), ("inputs", list), ("audience", str),
                      ("restricted_count", int), ("as_of", str)):
        if not isinstance(value.get(key), kind):
            raise ManifestError(f"kunci '{key}' tidak ada atau jenisnya salah")
    for entry in (*value["evidence"], *value["inputs"]):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str) and isinstance(entry.get("size"), int)):
            raise ManifestError("entri berkas tanpa path, size atau sha256")
    return Manifest(value)


def read_manifest(path: Path) -> Manifest:
    """A manifest file; raises :class:`ManifestError` (or OSError)."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ManifestError(f"manifes lebih dari {MAX_BYTES >> 20} MiB")
    return parse_manifest(path.read_bytes())
