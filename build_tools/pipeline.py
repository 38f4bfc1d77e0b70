"""The whole pipeline, one verb-named stage per line.

    plan = load_plan(root / "plan.yaml")
    scan = scan_evidence(root, plan)
    status = check_completeness(plan, scan, as_of)
    readiness = assess_project(project)   # model, reviews, surveys, data → score

Each stage lives in its own module and is a plain function of its inputs;
this module only wires them together for the CLI and the Makefile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from build_tools.assessment_data import DATA_FILE, load_assessment_data
from build_tools.completeness import Completeness, check_completeness
from build_tools.errors import InputError
from build_tools.model import check_plan
from build_tools.models import load_plan_model
from build_tools.readiness import Readiness, compute_readiness
from build_tools.reviews import REVIEWS_FILE, Reviews, load_reviews
from build_tools.plan import Plan, load_plan
from build_tools.scanner import EvidenceScan, scan_evidence
from build_tools.surveys import read_surveys

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


def assess_project(project: Project) -> Readiness:
    """The readiness score of a loaded project.

    Reads the model the plan names, ``reviews.yaml``, ``survei/*/*.csv`` and
    ``penilaian.yaml``; every problem of every input is reported at once.
    """
    plan, root = project.plan, project.root
    model = load_plan_model(plan)
    check_plan(plan, model)
    issues = []
    reviews = Reviews(None, {})
    try:
        reviews = load_reviews(root / REVIEWS_FILE, plan)
    except InputError as exc:
        issues += exc.issues
    surveys, survey_issues = read_surveys(root, plan.surveys, (model.scale_min, model.scale_max),
                                          model.sample_minimum.count)
    issues += survey_issues
    try:
        data = load_assessment_data(root / DATA_FILE, model.akip_grades, model.opinions)
    except InputError as exc:
        issues += exc.issues
    if issues:
        raise InputError(issues, "data penilaian")
    return compute_readiness(plan, model, project.completeness, reviews, surveys, data)
