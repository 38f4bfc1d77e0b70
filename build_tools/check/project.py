"""A unit as loaded, scanned and checked as of one date: the input of every later stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from build_tools.check.completeness import Completeness, check_completeness
from build_tools.evidence.scanner import EvidenceScan, scan_evidence
from build_tools.plan.loader import PLAN_FILE, load_plan
from build_tools.plan.structure import Plan

CACHE_DIR = Path(".cache") / "build_tools"


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


def load_project(root: Path, as_of: dt.date, *, use_cache: bool = True) -> Project:
    root = Path(root)
    plan = load_plan(root / PLAN_FILE)
    scan = scan_evidence(root, plan, root / CACHE_DIR if use_cache else None)
    completeness = check_completeness(plan, scan, as_of)
    return Project(root=root, plan=plan, scan=scan, completeness=completeness)
