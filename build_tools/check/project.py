"""A unit as loaded, scanned and checked as of one date: the input of every later stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from build_tools.check.completeness import Completeness, check_completeness
from build_tools.core.months import natural_key
from build_tools.core.words import IGNORED_TEXT, reason_text
from build_tools.evidence.scanner import EvidenceScan, Severity, scan_evidence
from build_tools.plan.loader import PLAN_FILE, load_plan
from build_tools.plan.structure import Plan

CACHE_DIR = Path(".cache") / "build_tools"
IGNORED_REASON = f"diabaikan ({IGNORED_TEXT})"
_NOT_A_FILE = {"no_evidence_folder", "unsupported_answer"}


@dataclass(frozen=True)
class UnusedFile:
    """A file under ``evidence/`` that no output counts, and why (for the console)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Project:
    """A unit's content, loaded, scanned and checked as of one date."""

    root: Path
    plan: Plan
    scan: EvidenceScan
    completeness: Completeness

    @property
    def as_of(self) -> dt.date:
        return self.completeness.as_of

    @property
    def unused_files(self) -> tuple[UnusedFile, ...]:
        """Files with an error (empty, unreadable, misplaced …) and ignored files, in path order."""
        found = [UnusedFile(p.path, reason_text(p.message, p.hint))
                 for p in self.completeness.all_problems
                 if p.severity is Severity.ERROR and p.kind not in _NOT_A_FILE]
        found += [UnusedFile(path, IGNORED_REASON) for path in self.scan.ignored]
        return tuple(sorted(found, key=lambda u: natural_key(u.path)))


def load_project(root: Path, as_of: dt.date, *, use_cache: bool = True) -> Project:
    root = Path(root)
    plan = load_plan(root / PLAN_FILE)
    scan = scan_evidence(root, plan, root / CACHE_DIR if use_cache else None)
    completeness = check_completeness(plan, scan, as_of)
    return Project(root=root, plan=plan, scan=scan, completeness=completeness)
