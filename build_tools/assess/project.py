"""The assessment of a loaded project under the model its plan names.

``assess_project`` follows the model ``plan.yaml`` names: the 2019
(evidence-weighted) model gives a :class:`~build_tools.assess.readiness.Readiness`,
an LKE model an :class:`~build_tools.assess.lke_report.LkeAssessment` of the answers
in ``lke.yaml``. ``check_project`` adds, for an LKE model, the answers whose
evidence is missing or rejected to the completeness problems.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from build_tools.assess.declared import DATA_FILE, load_assessment_data
from build_tools.assess.lke_answers import ANSWERS_FILE, load_answers
from build_tools.assess.lke_evidence import as_problems
from build_tools.assess.lke_report import LkeAssessment, assess
from build_tools.assess.readiness import Readiness, compute_readiness
from build_tools.assess.reviews import REVIEWS_FILE, Reviews, load_reviews
from build_tools.assess.surveys import read_surveys
from build_tools.check.completeness import Completeness
from build_tools.check.project import Project
from build_tools.core.errors import InputError
from build_tools.models.plan_check import check_plan
from build_tools.models.registry import LKE, load_plan_model


def assess_project(project: Project) -> Readiness | LkeAssessment:
    """The score of a loaded project under the model its plan names.

    2019 kind: reads ``reviews.yaml``, ``survei/*/*.csv`` and
    ``penilaian.yaml``; LKE kind: ``reviews.yaml`` and ``lke.yaml``. Every
    problem of every input is reported at once.
    """
    plan, root = project.plan, project.root
    model = load_plan_model(plan, root)
    check_plan(plan, model)
    if model.kind == LKE:
        return assess_lke(project)
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
    readiness = compute_readiness(plan, model, project.completeness, reviews, surveys, data)
    return dataclasses.replace(readiness, unused_files=project.unused_files)


def assess_lke(project: Project, *, answers: Path | None = None, like_worksheet: bool = False) -> LkeAssessment:
    """The LKE self-assessment of ``lke.yaml`` (or ``answers``) with the TPI's rejections.

    Under an LKE-model plan the answers must use the plan's model; under a
    2019-model plan the model is the one ``lke.yaml`` names.
    """
    plan, root = project.plan, project.root
    model = load_plan_model(plan, root)
    errors: list[InputError] = []
    reviews = Reviews(None, {})
    try:
        reviews = load_reviews(root / REVIEWS_FILE, plan)
    except InputError as exc:
        errors.append(exc)
    try:
        loaded = load_answers(answers or root / ANSWERS_FILE, plan, model if model.kind == LKE else None)
    except InputError as exc:
        errors.append(exc)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputError([i for e in errors for i in e.issues], "data penilaian")
    return dataclasses.replace(
        assess(plan, project.completeness, loaded, like_worksheet=like_worksheet, reviews=reviews),
        unused_files=project.unused_files)


def check_project(project: Project) -> Completeness:
    """Completeness for ``check``: under an LKE-model plan with ``lke.yaml``, every
    *jawaban tanpa data dukung* is an extra problem (an error: ``check`` exits 1)."""
    plan, root = project.plan, project.root
    if load_plan_model(plan, root).kind != LKE or not (root / ANSWERS_FILE).exists():
        return project.completeness
    found = assess_lke(project).unsupported
    return dataclasses.replace(project.completeness,
                               problems=project.completeness.problems + as_problems(found))
