"""LKE scoring, exactly like the official worksheet (pure functions).

* a question's value: its choice's value (``Ya`` 1, ``A/B/C/D`` 1/0.67/0.33/0 …)
  or, for ``%``, the ratio of its ``Jumlah`` inputs capped at 1 (the decrease
  rule for A.II.3.iii.a);
* indicator = mean of its question values × weight; a sub-indicator likewise,
  and its indicator is their sum;
* areas, aspects, parts and the total are sums;
* survey indicator = index / 4 × weight; a choice indicator (capaian
  kinerja) = its value × weight;
* then each WBK/WBBM condition with required and actual value, pass/fail and
  shortfall, and the submission criteria as a checklist of declared data.

Unanswered questions count 0 (``like_worksheet=False``) or are left out of the
mean as the worksheet's AVERAGE does (``like_worksheet=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from build_tools.assess.lke_answers import Answers, Response
from build_tools.core.months import natural_key
from build_tools.models.lke import (
    DECREASE,
    KIND_CHOICE,
    KIND_SURVEY,
    Criterion,
    Formula,
    Indicator,
    LkeModel,
    Question,
)

EPSILON = 1e-9
"""Slack for float noise when comparing with a threshold (4.8 vs 0.6 × 8)."""
UNIT, TPI = "unit", "tpi"


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

def percent_value(formula: Formula, counts: dict[str, int]) -> float | None:
    """The value of a ``%`` question, or None when it cannot be computed."""
    if formula.kind == DECREASE:
        previous, current = counts.get(formula.previous), counts.get(formula.current)
        if previous is None or current is None:
            return None
        if previous == 0:
            # Both 0: no violation in either year → 1 (the worksheet's rule).
            # Only the current year > 0: more violations than none → 0 (this tool's choice).
            return 1.0 if current == 0 else 0.0
        return max((previous - current) / previous, 0.0)
    numerator, denominator = counts.get(formula.numerator), counts.get(formula.denominator)
    if numerator is None or denominator is None or denominator == 0:
        return None
    return min(numerator / denominator, 1.0)


def response_value(question: Question | Indicator, response: Response) -> float | None:
    """The value (0–1) of a response, None when blank or not computable."""
    if response.blank:
        return None
    if isinstance(question, Question) and question.is_percent:
        assert question.formula is not None
        return percent_value(question.formula, dict(response.counts))
    scale = question.scale
    assert scale is not None and response.choice is not None
    return scale.value(response.choice)


def group_points(values: list[float | None], weight: float, like_worksheet: bool = False) -> float:
    """Mean of the values × weight. Blanks count 0, or are skipped like the worksheet's AVERAGE."""
    if like_worksheet:
        present = [v for v in values if v is not None]
        return sum(present) / len(present) * weight if present else 0.0
    return sum(v or 0.0 for v in values) / len(values) * weight if values else 0.0


def survey_points(index: float | None, index_max: float, weight: float) -> float:
    return 0.0 if index is None else index / index_max * weight


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionScore:
    id: str
    answer: str
    """The answer as shown: ``B``, ``Ya``, ``8/10`` or empty."""
    value: float | None
    """0–1; None when unanswered or not computable."""
    points: float
    """Points this question contributes to the total (value × its share of the weight)."""
    evidence: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class NodeScore:
    id: str
    name: str
    weight: float
    points: float

    @property
    def share(self) -> float:
        return self.points / self.weight if self.weight else 0.0


@dataclass(frozen=True)
class ConditionResult:
    id: str
    label: str
    required: float
    actual: float
    passed: bool
    shortfall: float
    unit: str
    """``nilai`` (points) or ``responden``."""
    share: float | None = None
    """For lever areas: the required share of the area's weight (0.6, 0.75)."""


@dataclass(frozen=True)
class CriterionResult:
    id: str
    text: str
    required: str
    declared: str | None
    status: str
    """``terpenuhi``, ``tidak_terpenuhi`` or ``belum_dinyatakan``."""


@dataclass(frozen=True)
class PredicateResult:
    id: str
    name: str
    conditions: tuple[ConditionResult, ...]
    criteria: tuple[CriterionResult, ...]

    @property
    def conditions_ok(self) -> bool:
        return all(c.passed for c in self.conditions)

    @property
    def criteria_ok(self) -> bool:
        return all(c.status == "terpenuhi" for c in self.criteria)

    @property
    def eligible(self) -> bool:
        return self.conditions_ok and self.criteria_ok


@dataclass(frozen=True)
class Gap:
    """An answer whose improvement to the best choice adds ``gain`` points."""

    id: str
    text: str
    answer: str
    best: str
    gain: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class LkeScore:
    who: str
    """``unit`` (the unit's own answers) or ``tpi``."""
    like_worksheet: bool
    questions: tuple[QuestionScore, ...]
    nodes: tuple[NodeScore, ...]
    """total, parts, aspects, areas, indicators, sub-indicators (model order)."""
    lever_areas: tuple[NodeScore, ...]
    predicates: tuple[PredicateResult, ...]
    unanswered: tuple[str, ...]
    not_computable: tuple[str, ...]
    """``%`` questions answered with a zero denominator."""
    gaps: tuple[Gap, ...]

    def node(self, node_id: str) -> NodeScore:
        return next(n for n in self.nodes if n.id == node_id)

    @property
    def total(self) -> float:
        return self.node("total").points

    def predicate(self, predicate_id: str) -> PredicateResult:
        return next(p for p in self.predicates if p.id == predicate_id)

    def question(self, question_id: str) -> QuestionScore:
        return next(q for q in self.questions if q.id == question_id)


def lowest_value(question: Question | Indicator) -> float:
    """The value of a question's lowest choice (0 for a percentage)."""
    if isinstance(question, Question) and question.is_percent:
        return 0.0
    assert question.scale is not None
    return question.scale.value(question.scale.lowest)


def answer_text(question: Question | Indicator, response: Response) -> str:
    if response.blank:
        return ""
    if response.choice is not None:
        return response.choice
    assert isinstance(question, Question) and question.formula is not None
    f, counts = question.formula, dict(response.counts)
    if f.kind == DECREASE:
        return f"{counts.get(f.previous, '?')}→{counts.get(f.current, '?')}"
    return f"{counts.get(f.numerator, '?')}/{counts.get(f.denominator, '?')}"


def score_lke(model: LkeModel, answers: Answers, *, who: str = UNIT, like_worksheet: bool = False,
              forced: Mapping[str, float] | None = None) -> LkeScore:
    """Score ``answers`` (the unit's own, or the TPI's where it differs) like the worksheet.

    ``forced``: question id → the value to count instead of its answer's (used to
    count the answers without supporting evidence at their lowest choice).
    """
    forced = forced or {}
    values: dict[str, float | None] = {}
    for q in model.questions:
        values[q.id] = forced.get(q.id, response_value(q, answers.response(q.id, who)))
    points: dict[str, float] = {}
    names: dict[str, tuple[str, float]] = {}
    question_points: dict[str, float] = {}
    for ind in model.indicators:
        names[ind.id] = (ind.name, ind.weight)
        if ind.kind == KIND_SURVEY:
            rule = model.survey(ind.survey)
            result = answers.survey(rule.id)
            points[ind.id] = survey_points(result.index if result else None, rule.index_max, ind.weight)
            continue
        if ind.kind == KIND_CHOICE:
            values[ind.id] = forced.get(ind.id, response_value(ind, answers.response(ind.id, who)))
            points[ind.id] = (values[ind.id] or 0.0) * ind.weight
            continue
        total = 0.0
        for group_id, weight, questions in ind.groups:
            group_values = [values[q.id] for q in questions]
            group = group_points(group_values, weight, like_worksheet)
            n = len(questions) if not like_worksheet else max(1, sum(v is not None for v in group_values))
            for q in questions:
                question_points[q.id] = (values[q.id] or 0.0) / n * weight
            if group_id != ind.id:
                points[group_id] = group
                sub = next(s for s in ind.subindicators if s.id == group_id)
                names[group_id] = (sub.name, sub.weight)
            total += group
        points[ind.id] = total
    for part in model.parts:
        for aspect in part.aspects:
            for area in aspect.areas:
                points[area.id] = sum(points[i.id] for i in area.indicators)
                names[area.id] = (area.name, area.weight)
            points[aspect.id] = sum(points[a.id] for a in aspect.areas) + sum(points[i.id] for i in aspect.indicators)
            names[aspect.id] = (aspect.name, aspect.weight)
        points[part.id] = sum(points[a.id] for a in part.aspects)
        names[part.id] = (part.name, part.weight)
    points["total"] = sum(points[p.id] for p in model.parts)
    names["total"] = ("Nilai total", model.total_weight)
    nodes = tuple(NodeScore(i, names[i][0], names[i][1], points[i]) for i in model.node_ids())
    lever = tuple(NodeScore(f"area:{a.number}", a.name, a.weight, sum(points[x] for x in a.area_ids))
                  for a in model.lever_areas)

    question_scores = []
    for q in list(model.questions) + list(model.choice_indicators):
        a = answers.answer(q.id)
        response = answers.response(q.id, who)
        value = values[q.id]
        qp = question_points.get(q.id, (value or 0.0) * q.weight if isinstance(q, Indicator) else 0.0)
        question_scores.append(QuestionScore(
            q.id, answer_text(q, response), value, qp, a.evidence if a else (), a.note if a else ""))
    unanswered = tuple(i for i in [q.id for q in model.questions] + [i.id for i in model.choice_indicators]
                       if answers.response(i, who).blank)
    not_computable = tuple(q.id for q in model.questions
                           if q.is_percent and not answers.response(q.id, who).blank and values[q.id] is None)
    predicates = tuple(_predicate(model, answers, p.id, points, {n.id: n for n in lever})
                       for p in model.predicates)
    return LkeScore(
        who=who, like_worksheet=like_worksheet, questions=tuple(question_scores), nodes=nodes,
        lever_areas=lever, predicates=predicates, unanswered=unanswered, not_computable=not_computable,
        gaps=gaps(model, answers, values, like_worksheet, who),
    )


def respondent_counts(answers: Answers) -> dict[str, tuple[int, int | None]]:
    """Survey id → (respondents, population) as declared in the answers."""
    return {s.survey_id: (s.respondents or 0, s.population) for s in answers.surveys}


def evaluate_conditions(model: LkeModel, predicate_id: str, points: Mapping[str, float],
                        respondents: Mapping[str, tuple[int, int | None]]) -> tuple[ConditionResult, ...]:
    """Every WBK/WBBM condition of ``predicate_id`` against the scored points.

    ``points`` holds ``total``, every node id and ``area:<n>`` for the lever
    areas; ``respondents`` survey id → (respondents, population or None).
    """
    results = []
    for c in model.predicate(predicate_id).conditions:
        kind, _, arg = c.target.partition(":")
        share = None
        if kind == "respondents":
            rule = model.survey(arg)
            count, population = respondents.get(arg, (0, None))
            required = float(rule.min_respondents if population is None
                             else min(rule.min_respondents, population))
            actual = float(count)
            unit = "responden"
        else:
            unit = "nilai"
            actual = points[c.target]
            if kind == "area":
                share = c.min_share
                required = (c.min_share or 0.0) * model.lever_area(int(arg)).weight
            else:
                required = c.min or 0.0
        passed = actual >= required - EPSILON
        results.append(ConditionResult(c.id, c.label, required, actual, passed,
                                       0.0 if passed else required - actual, unit, share))
    return tuple(results)


def _predicate(model: LkeModel, answers: Answers, predicate_id: str, points: dict[str, float],
               lever: dict[str, NodeScore]) -> PredicateResult:
    predicate = model.predicate(predicate_id)
    all_points = {**points, **{k: v.points for k, v in lever.items()}}
    conditions = evaluate_conditions(model, predicate_id, all_points, respondent_counts(answers))
    criteria = tuple(_criterion(c, predicate_id, answers) for c in model.criteria)
    return PredicateResult(predicate.id, predicate.name, conditions, criteria)


def _criterion(c: Criterion, predicate_id: str, answers: Answers) -> CriterionResult:
    declared = dict(answers.declared).get(c.id)
    if c.kind == "yes":
        required = "ya"
    else:
        minimum = c.minimum_for(predicate_id, answers.instansi_kind)
        if minimum is None and isinstance(dict(c.minimum).get(predicate_id), tuple):
            options = dict(dict(c.minimum)[predicate_id])
            required = " / ".join(f"{v} ({k})" for k, v in options.items())
            shown = None if declared is None else f"{declared} (jenis_instansi belum diisi)"
            return CriterionResult(c.id, c.text, f"≥ {required}", shown, "belum_dinyatakan")
        required = f"≥ {minimum:g}" if isinstance(minimum, (int, float)) else f"≥ {minimum}"
    if declared is None:
        return CriterionResult(c.id, c.text, required, None, "belum_dinyatakan")
    if c.kind == "yes":
        ok = declared is True
        shown = "ya" if declared else "tidak"
    elif c.kind == "grade":
        ok = c.scale.index(str(declared)) >= c.scale.index(str(minimum))
        shown = str(declared)
    else:
        ok = float(declared) >= float(minimum) - EPSILON  # type: ignore[arg-type]
        shown = f"{float(declared):g}"  # type: ignore[arg-type]
    return CriterionResult(c.id, c.text, required, shown, "terpenuhi" if ok else "tidak_terpenuhi")


def gaps(model: LkeModel, answers: Answers, values: dict[str, float | None],
         like_worksheet: bool = False, who: str = UNIT) -> tuple[Gap, ...]:
    """Answers below the best choice, by the points their improvement would add (most first)."""
    result = []
    for ind in model.indicators:
        if ind.kind == KIND_SURVEY:
            continue
        if ind.kind == KIND_CHOICE:
            value = values.get(ind.id)
            if (value or 0.0) < 1.0:
                a = answers.answer(ind.id)
                assert ind.scale is not None
                result.append(Gap(ind.id, ind.name, answer_text(ind, answers.response(ind.id, who)), ind.scale.best,
                                  (1.0 - (value or 0.0)) * ind.weight, a.evidence if a else ()))
            continue
        for _, weight, questions in ind.groups:
            current = [values[q.id] for q in questions]
            before = group_points(current, weight, like_worksheet)
            for n, q in enumerate(questions):
                if (current[n] or 0.0) >= 1.0 and current[n] is not None:
                    continue
                improved = list(current)
                improved[n] = 1.0
                gain = group_points(improved, weight, like_worksheet) - before
                if gain <= EPSILON:
                    continue
                a = answers.answer(q.id)
                best = "100%" if q.is_percent else (q.scale.best if q.scale else "")
                result.append(Gap(q.id, q.text.splitlines()[0], answer_text(q, answers.response(q.id, who)), best,
                                  gain, a.evidence if a else ()))
    return tuple(sorted(result, key=lambda g: (-round(g.gain, 9), natural_key(g.id))))
