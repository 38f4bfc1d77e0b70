"""The assessment of a loaded project, in the one shape every output renders.

``assess_project`` scores the project under the model its plan names.
``assess_answers`` scores an answers file (``lke.yaml``) under its LKE model,
also when the plan's model is another kind: that is the unit's
self-assessment, shown beside the plan's score, never instead of it.
``check_project`` adds the answers without supporting evidence to the
completeness problems.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from build_tools.assess import lke_view
from build_tools.assess.inputs import answers_score
from build_tools.assess.kinds import kind_of
from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.assess.lke_evidence import as_problems
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.view import Assessment
from build_tools.check.completeness import Completeness
from build_tools.check.project import Project
from build_tools.models.registry import load_plan_model


def assess_project(project: Project) -> Assessment:
    """The score of a loaded project under the model its plan names (every input problem at once)."""
    model = load_plan_model(project.plan, project.root)
    kind = kind_of(model)
    kind.check_plan(project.plan, model)
    return dataclasses.replace(kind.assess(project, model), unused_files=project.unused_files)


def assess_lke(project: Project, *, answers: Path | None = None, like_worksheet: bool = False) -> LkeAssessment:
    """The LKE self-assessment of ``lke.yaml`` (or ``answers``) with the TPI's rejections."""
    return answers_score(project, load_plan_model(project.plan, project.root), answers=answers,
                         like_worksheet=like_worksheet)


def assess_answers(project: Project, *, answers: Path | None = None, like_worksheet: bool = False) -> Assessment:
    """:func:`assess_lke` in the one shape."""
    view = lke_view.assessment_view(assess_lke(project, answers=answers, like_worksheet=like_worksheet))
    return dataclasses.replace(view, unused_files=project.unused_files)


def has_answers(project: Project) -> bool:
    return (Path(project.root) / ANSWERS_FILE).is_file()


def self_assessment(project: Project, primary: Assessment) -> Assessment | None:
    """The unit's answers scored under their own model when the plan's score comes from elsewhere."""
    if primary.answers_file is not None or not has_answers(project):
        return None
    return assess_answers(project)


def check_project(project: Project) -> Completeness:
    """Completeness for ``check``: when the plan's kind is scored from answers and they exist, every
    *jawaban tanpa data dukung* is an extra problem (an error: ``check`` exits 1)."""
    model = load_plan_model(project.plan, project.root)
    if kind_of(model).answers_file is None or not has_answers(project):
        return project.completeness
    found = assess_lke(project).unsupported
    return dataclasses.replace(project.completeness,
                               problems=project.completeness.problems + as_problems(found))
