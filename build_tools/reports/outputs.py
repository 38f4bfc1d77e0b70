"""The ``score`` command's outputs for the model the plan names.

A 2019-model plan gives a :class:`~build_tools.assess.readiness.Readiness` (reports in
:mod:`build_tools.reports.score`, workbook in :mod:`build_tools.reports.score_xlsx`); an
LKE-model plan an :class:`~build_tools.assess.lke_report.LkeAssessment` (the LKE
report, and the LKE worksheet with live formulas as the workbook).
"""

from __future__ import annotations

from build_tools.assess import lke_report
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.readiness import Readiness
from build_tools.reports import score as score_report

FORMATS = ("json", "text")


def report(assessment: Readiness | LkeAssessment, fmt: str) -> str:
    if isinstance(assessment, LkeAssessment):
        return {"json": lke_report.to_score_json, "text": lke_report.to_text}[fmt](assessment)
    return score_report.FORMATS[fmt](assessment)


def workbook(assessment: Readiness | LkeAssessment) -> bytes:
    if isinstance(assessment, LkeAssessment):
        from build_tools.reports.lke_workbook import build_workbook

        return build_workbook(assessment.model, assessment.answers, like_worksheet=assessment.unit.like_worksheet)
    from build_tools.reports import score_xlsx

    return score_xlsx.to_xlsx(assessment)


def table(assessment: Readiness | LkeAssessment) -> str:
    if isinstance(assessment, LkeAssessment):
        return lke_report.to_csv(assessment)
    return score_report.to_csv(assessment)
