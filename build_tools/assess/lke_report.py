"""The LKE self-assessment: the unit's score, the TPI's, and the answers without evidence.

``assess`` gathers the unit's score, the TPI's score (when the answers file
has TPI answers) and the *jawaban tanpa data dukung* findings.
:mod:`build_tools.assess.lke_view` puts it in the one assessment shape and
:mod:`build_tools.assess.lke_record` gives its JSON form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from build_tools.assess.lke_answers import Answers
from build_tools.assess.lke_evidence import (
    UnsupportedAnswer,
    unsupported_answers,
)
from build_tools.assess.lke_score import TPI, UNIT, LkeScore, lowest_value, score_lke
from build_tools.assess.reviews import Reviews, Verdict
from build_tools.check.completeness import Completeness
from build_tools.plan.structure import Plan


@dataclass(frozen=True)
class LkeAssessment:
    plan: Plan
    answers: Answers
    as_of: dt.date
    unit: LkeScore
    tpi: LkeScore | None
    unsupported: tuple[UnsupportedAnswer, ...]
    reviews: Reviews = Reviews(None, {})
    """The TPI's verdicts (``reviews.yaml``); ``ditolak`` evidence supports no answer."""
    strict: LkeScore | None = None
    """The unit's score with every answer lacking supporting evidence counted at its lowest
    choice: what a reviewer will count (None: no such answer, the same as ``unit``)."""

    @property
    def model(self):  # -> LkeModel
        return self.answers.model


def rejected_codes(reviews: Reviews) -> frozenset[str]:
    return frozenset(code for code, r in reviews.by_code.items() if r.verdict is Verdict.REJECTED)


def assess(plan: Plan, completeness: Completeness, answers: Answers, *,
           like_worksheet: bool = False, reviews: Reviews = Reviews(None, {})) -> LkeAssessment:
    model = answers.model
    unit = score_lke(model, answers, who=UNIT, like_worksheet=like_worksheet)
    tpi = score_lke(model, answers, who=TPI, like_worksheet=like_worksheet) if answers.has_tpi else None
    unsupported = unsupported_answers(model, answers, completeness, rejected_codes(reviews))
    strict = None
    if unsupported:
        questions = {q.id: q for q in (*model.questions, *model.choice_indicators)}
        forced = {u.question_id: lowest_value(questions[u.question_id]) for u in unsupported}
        strict = score_lke(model, answers, who=UNIT, like_worksheet=like_worksheet, forced=forced)
    return LkeAssessment(plan, answers, completeness.as_of, unit, tpi, unsupported, reviews, strict)
