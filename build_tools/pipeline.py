"""The whole pipeline, one verb-named stage per line.

    plan = load_plan(root / "plan.yaml")
    scan = scan_evidence(root, plan)
    status = check_completeness(plan, scan, as_of)

Each stage lives in its own module and is a plain function of its inputs;
this module only wires them together for the CLI and the Makefile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from build_tools.completeness import Completeness, check_completeness
from build_tools.plan import Plan, load_plan
from build_tools.scanner import EvidenceScan, scan_evidence

PLAN_FILE = "plan.yaml"
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
