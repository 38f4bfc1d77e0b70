"""The readiness score: lever score from evidence, result score from data,
WBK/WBBM eligibility and the gap list.

``compute_readiness(plan, model, completeness, reviews, surveys, data)`` is a
pure function of its inputs. Every formula is documented in README
("Penilaian"); the guideline gives the weights, the survey conversion and the
thresholds (in the model file), the rest is this tool's choice and is marked
so there.

Rounding (tool's choice, like an evaluation worksheet): item scores keep full
precision; an area's score is the sum of its items rounded to the model's
decimals (2) half up; part scores and the total are sums of the rounded area
scores. Conditions compare these rounded figures, so 74.99 fails ≥ 75 and
75.00 passes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from build_tools.assess.declared import AssessmentData
from build_tools.assess.reviews import Review, Reviews, Verdict
from build_tools.assess.surveys import SurveyResult
from build_tools.check.completeness import Completeness, ItemStatus
from build_tools.core.months import Month, natural_key
from build_tools.core.numbers import ceil_to, round_half_up
from build_tools.models.weighted import Condition, EvaluationModel, SubComponent
from build_tools.plan.structure import Area, Component, EvidenceItem, Plan

GAP_TOP = 10
NO_DATA_FILE = "belum ada penilaian.yaml: data TLHP, opini BPK, AKIP dan predikat WBK belum dicatat"
"""The JSON report's warning without ``penilaian.yaml`` (pinned by the golden files)."""


@dataclass(frozen=True)
class ItemScore:
    item: EvidenceItem
    status: ItemStatus
    review: Review | None
    value: float
    """Share counted today (0–1): delivered share, 0 when rejected."""
    planned: float
    """Share the plan has due by the as-of date (0–1)."""

    @property
    def score(self) -> float:
        return self.item.weight * self.value

    @property
    def planned_score(self) -> float:
        return self.item.weight * self.planned

    @property
    def gain(self) -> float:
        """Points the item would add if fully delivered and accepted."""
        return self.item.weight * (1 - self.value)

    @property
    def rejected(self) -> bool:
        return self.review is not None and self.review.verdict is Verdict.REJECTED

    @property
    def reason(self) -> str:
        if self.rejected:
            return "ditolak TPI"
        if self.item.recurring and self.status.months_present:
            missing = len(self.status.months_expected) - len(self.status.months_present)
            return f"{missing} dari {len(self.status.months_expected)} bulan belum ada"
        if self.value < 1:
            return "berkas bermasalah" if self.status.errors and not self.status.files else "belum ada berkas"
        return "lengkap"


@dataclass(frozen=True)
class ComponentScore:
    area_id: str
    component: Component
    items: tuple[ItemScore, ...]

    @property
    def id(self) -> str:
        return f"{self.area_id}.{self.component.number}"

    @property
    def score(self) -> float:
        return sum(i.score for i in self.items)

    @property
    def planned_score(self) -> float:
        return sum(i.planned_score for i in self.items)


@dataclass(frozen=True)
class SubScore:
    """A result sub-component (survey or TLHP) and its score."""

    sub: SubComponent
    share: float | None
    """Index / scale max, or followed-up share; None without data."""
    score: float
    """Rounded."""
    survey: SurveyResult | None = None


@dataclass(frozen=True)
class AreaScore:
    area: Area
    weight: float
    score: float
    """Rounded to the model's decimals."""
    planned: float | None
    """Lever areas: the score the plan promises by the as-of date (rounded)."""
    components: tuple[ComponentScore, ...] = ()
    subs: tuple[SubScore, ...] = ()

    @property
    def id(self) -> str:
        return self.area.id

    @property
    def kind(self) -> str:
        return self.area.kind


@dataclass(frozen=True)
class ConditionResult:
    condition: Condition
    actual: object
    """Number, grade, yes/no, or None (no data)."""
    passed: bool
    shortfall: float | None
    """How much a numeric measure lacks (0 when passed); None for grades and yes/no."""


@dataclass(frozen=True)
class PredicateResult:
    predicate: str
    conditions: tuple[ConditionResult, ...]

    @property
    def eligible(self) -> bool:
        return all(c.passed for c in self.conditions)


@dataclass(frozen=True)
class ResultTarget:
    """What a result sub-component must reach for a predicate's conditions."""

    sub: SubComponent
    predicate: str
    current_score: float
    required_score: float
    reachable: bool
    required_index: float | None = None
    """Surveys: the index (answer scale) the next survey must reach."""
    required_followed_up: int | None = None
    """TLHP: findings that must be followed up, of ``findings``."""
    findings: int | None = None
    own_required: float | None = None
    """The sub-component's own threshold, when the predicate sets one."""
    others: tuple[str, ...] = ()
    """Names of the other sub-components of its area (those that must rise when this one cannot)."""


@dataclass(frozen=True)
class MonthPoint:
    month: Month
    planned: float
    """Cumulative lever points planned by the end of the month."""
    delivered: float
    """Cumulative lever points delivered for the months up to this one."""


@dataclass(frozen=True)
class Readiness:
    plan: Plan
    model: EvaluationModel
    as_of: dt.date
    areas: tuple[AreaScore, ...]
    lever: float
    lever_planned: float
    result: float
    total: float
    predicates: dict[str, PredicateResult]
    gaps: tuple[ItemScore, ...]
    """Lever items that would add points, most points first."""
    targets: tuple[ResultTarget, ...]
    surveys: dict[str, SurveyResult]
    data: AssessmentData
    reviews: Reviews
    timeline: tuple[MonthPoint, ...]
    warnings: tuple[str, ...]

    @property
    def lever_areas(self) -> tuple[AreaScore, ...]:
        return tuple(a for a in self.areas if a.kind == "pengungkit")

    @property
    def result_areas(self) -> tuple[AreaScore, ...]:
        return tuple(a for a in self.areas if a.kind == "hasil")

    def area(self, area_id: str) -> AreaScore:
        return next(a for a in self.areas if a.id == area_id)

    @property
    def items(self) -> tuple[ItemScore, ...]:
        return tuple(i for a in self.lever_areas for c in a.components for i in c.items)

    def item(self, code: str) -> ItemScore:
        return next(i for i in self.items if i.item.code == code)

    def sub(self, sub_id: str) -> SubScore:
        return next(s for a in self.result_areas for s in a.subs if s.sub.id == sub_id)


# ---------------------------------------------------------------------------

def compute_readiness(plan: Plan, model: EvaluationModel, completeness: Completeness, reviews: Reviews,
                      surveys: dict[str, SurveyResult], data: AssessmentData) -> Readiness:
    d = model.decimals
    lever_areas = tuple(_lever_area(plan, area, completeness, reviews, d) for area in plan.lever_areas)
    result_areas = tuple(_result_area(area, model, surveys, data, d) for area in plan.result_areas)
    areas = lever_areas + result_areas
    lever = round_half_up(sum(a.score for a in lever_areas), d)
    lever_planned = round_half_up(sum(a.planned or 0.0 for a in lever_areas), d)
    result = round_half_up(sum(a.score for a in result_areas), d)
    total = round_half_up(lever + result, d)
    measures = _measures(areas, lever, result, total)
    predicates = {p: PredicateResult(p, tuple(evaluate_condition(c, measures, model, data) for c in conditions))
                  for p, conditions in model.conditions.items()}
    items = [i for a in lever_areas for c in a.components for i in c.items]
    gaps = tuple(sorted((i for i in items if i.gain > 1e-9),
                        key=lambda i: (-round(i.gain, 9), natural_key(i.item.code))))
    targets = tuple(t for p, conditions in model.conditions.items()
                    for t in _targets(p, conditions, areas, model, data))
    warnings = tuple(w for s in surveys.values() for w in s.warnings)
    if data.path is None:
        warnings += (NO_DATA_FILE,)
    return Readiness(
        plan=plan, model=model, as_of=completeness.as_of, areas=areas, lever=lever,
        lever_planned=lever_planned, result=result, total=total, predicates=predicates, gaps=gaps,
        targets=targets, surveys=surveys, data=data, reviews=reviews,
        timeline=_timeline(plan, items), warnings=warnings,
    )


def _lever_area(plan: Plan, area: Area, completeness: Completeness, reviews: Reviews, d: int) -> AreaScore:
    components = []
    for component in area.components:
        items = tuple(_item_score(completeness.item(item.code), reviews.get(item.code), completeness.as_of)
                      for item in component.evidence)
        components.append(ComponentScore(area.id, component, items))
    score = round_half_up(sum(c.score for c in components), d)
    planned = round_half_up(sum(c.planned_score for c in components), d)
    return AreaScore(area, area.weight, score, planned, tuple(components))


def _item_score(status: ItemStatus, review: Review | None, as_of: dt.date) -> ItemScore:
    item = status.item
    rejected = review is not None and review.verdict is Verdict.REJECTED
    value = 0.0 if rejected else status.delivered_share
    if item.recurring:
        planned = len(status.months_due) / len(status.months_expected)
    else:
        planned = 1.0 if as_of > item.due else 0.0
    return ItemScore(item, status, review, value, planned)


def _result_area(area: Area, model: EvaluationModel, surveys: dict[str, SurveyResult],
                 data: AssessmentData, d: int) -> AreaScore:
    subs = []
    for sub in model.sub_components:
        if sub.area_id != area.id:
            continue
        if sub.kind == "survei":
            survey = surveys.get(sub.survey)
            share = survey.index / model.scale_max if survey and survey.index is not None else None
        else:
            survey, share = None, data.tlhp_share
        subs.append(SubScore(sub, share, round_half_up((share or 0.0) * sub.weight, d), survey))
    score = round_half_up(sum(s.score for s in subs), d)
    return AreaScore(area, area.weight, score, None, subs=tuple(subs))


def _measures(areas: tuple[AreaScore, ...], lever: float, result: float, total: float) -> dict[str, object]:
    measures: dict[str, object] = {"nilai_total": total, "nilai_pengungkit": lever, "nilai_hasil": result}
    for a in areas:
        measures[f"nilai_area:{a.id}"] = a.score
        for s in a.subs:
            measures[f"sub_komponen:{s.sub.id}"] = s.score
    return measures


def evaluate_condition(c: Condition, measures: dict[str, object], model: EvaluationModel,
              data: AssessmentData) -> ConditionResult:
    if c.measure == "tahun_opini_berturut":
        actual: object = data.consecutive_years(c.opinion)
    elif c.measure == "nilai_akip":
        actual = data.akip
    elif c.measure == "sudah_wbk":
        actual = data.already_wbk
    else:
        actual = measures.get(c.measure)
    if actual is None:
        return ConditionResult(c, None, False, None)
    if c.operator == ">=":
        required = float(c.required)  # type: ignore[arg-type]
        passed = round_half_up(float(actual), model.decimals) >= required  # type: ignore[arg-type]
        shortfall: float = 0.0 if passed else round_half_up(required - float(actual), model.decimals)  # type: ignore[arg-type]
        if isinstance(actual, int) and required.is_integer():
            shortfall = int(shortfall)
        return ConditionResult(c, actual, passed, shortfall)
    if c.operator == "peringkat>=":
        grades = model.akip_grades
        passed = grades.index(str(actual)) <= grades.index(str(c.required))
        return ConditionResult(c, actual, passed, None)
    return ConditionResult(c, actual, actual == c.required, None)


def _targets(predicate: str, conditions: tuple[Condition, ...], areas: tuple[AreaScore, ...],
             model: EvaluationModel, data: AssessmentData) -> list[ResultTarget]:
    """For each result sub-component: the score it needs for its own threshold and its
    area's threshold to pass, the other sub-components staying as they are. (The total
    threshold also depends on the lever score; its shortfall is reported with it.)"""
    targets = []
    subs = [s for a in areas for s in a.subs]
    for s in subs:
        area = next(a for a in areas if a.id == s.sub.area_id)
        needed, bound, own = 0.0, False, None
        for c in conditions:
            if c.operator != ">=":
                continue
            required = float(c.required)  # type: ignore[arg-type]
            if c.measure == f"sub_komponen:{s.sub.id}":
                needed, bound, own = max(needed, required), True, required
            elif c.measure == f"nilai_area:{area.id}":
                needed, bound = max(needed, required - (area.score - s.score)), True
        if not bound:
            continue  # no condition of this predicate depends on this sub-component
        needed = round_half_up(needed, model.decimals)
        reachable = needed <= s.sub.weight + 1e-9
        index = followed = None
        if s.sub.kind == "survei":
            index = max(float(model.scale_min), ceil_to(needed / s.sub.weight * model.scale_max, model.decimals))
        elif data.findings is not None and reachable:
            followed = math.ceil(round(needed / s.sub.weight * data.findings, 9))
        others = tuple(o.sub.name for o in area.subs if o.sub.id != s.sub.id)
        targets.append(ResultTarget(s.sub, predicate, s.score, needed, reachable, index, followed,
                                    data.findings, own, others))
    return targets


def _timeline(plan: Plan, items: list[ItemScore]) -> tuple[MonthPoint, ...]:
    """Cumulative planned vs delivered lever points per month of the period.

    A one-off item is planned in (and, if delivered, counted for) the last
    month of its window; a monthly item counts weight / months per month.
    Rejected items count as not delivered.
    """
    points = []
    for month in plan.period.months():
        planned = delivered = 0.0
        for i in items:
            if i.item.recurring:
                expected = i.status.months_expected
                per_month = i.item.weight / len(expected)
                planned += per_month * sum(1 for m in expected if m <= month)
                if not i.rejected:
                    delivered += per_month * sum(1 for m in i.status.months_present if m <= month)
            elif i.item.window.end <= month:
                planned += i.item.weight
                delivered += i.item.weight * i.value
        points.append(MonthPoint(month, round_half_up(planned, 2), round_half_up(delivered, 2)))
    return tuple(points)
