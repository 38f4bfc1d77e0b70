"""Each built-in kind's score from the unit's files: the inputs it reads, every problem at once.

* evidence-weighted (2019): ``reviews.yaml``, ``survei/*/*.csv``, ``penilaian.yaml``
  → :class:`~build_tools.assess.readiness.Readiness`;
* answers (LKE): ``reviews.yaml`` and ``lke.yaml`` (or another answers file)
  → :class:`~build_tools.assess.lke_report.LkeAssessment`.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.assess.declared import DATA_FILE, load_assessment_data
from build_tools.assess.lke_answers import ANSWERS_FILE, load_answers
from build_tools.assess.lke_report import LkeAssessment, assess
from build_tools.assess.readiness import Readiness, compute_readiness
from build_tools.assess.reviews import REVIEWS_FILE, Reviews, load_reviews
from build_tools.assess.surveys import read_surveys
from build_tools.check.project import Project
from build_tools.core.errors import InputError, Issue
from build_tools.models.lke import LkeModel


def load_reviews_into(project: Project, issues: list[Issue]) -> Reviews:
    try:
        return load_reviews(Path(project.root) / REVIEWS_FILE, project.plan)
    except InputError as exc:
        issues += exc.issues
        return Reviews(None, {})


def weighted_score(project: Project, model) -> Readiness:
    """The 2019 model's score of a loaded project."""
    plan, root = project.plan, Path(project.root)
    issues: list[Issue] = []
    reviews = load_reviews_into(project, issues)
    surveys, survey_issues = read_surveys(root, plan.surveys, (model.scale_min, model.scale_max),
                                          model.sample_minimum.count)
    issues += survey_issues
    data = None
    try:
        data = load_assessment_data(root / DATA_FILE, model.akip_grades, model.opinions)
    except InputError as exc:
        issues += exc.issues
    if issues:
        raise InputError(issues, "data penilaian")
    return compute_readiness(plan, model, project.completeness, reviews, surveys, data)


def answers_score(project: Project, plan_model, *, answers: Path | None = None,
                  like_worksheet: bool = False) -> LkeAssessment:
    """The LKE self-assessment of ``lke.yaml`` (or ``answers``) with the TPI's rejections.

    Under an LKE-model plan the answers must use the plan's model; under a
    2019-model plan the model is the one the answers file names.
    """
    issues: list[Issue] = []
    reviews = load_reviews_into(project, issues)
    errors = [InputError(issues, "data penilaian")] if issues else []
    loaded = None
    try:
        loaded = load_answers(answers or Path(project.root) / ANSWERS_FILE, project.plan,
                              plan_model if isinstance(plan_model, LkeModel) else None)
    except InputError as exc:
        errors.append(exc)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputError([i for e in errors for i in e.issues], "data penilaian")
    return assess(project.plan, project.completeness, loaded, like_worksheet=like_worksheet, reviews=reviews)
