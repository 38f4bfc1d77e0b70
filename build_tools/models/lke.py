"""LKE evaluation models (``build_tools/models/<id>.yaml``) and their loader.

An LKE model is the official evaluation worksheet as data: a tree of parts
(``A`` pengungkit, ``B`` hasil) → aspects → areas → indicators →
(sub-indicators →) questions, each with its weight; the answer scales and their
values; the ``%`` formulas; the survey conversions; the WBK/WBBM conditions and
the submission criteria. ``load_lke_model(model_id)`` validates the file (every
weight must add up at every level) and returns a frozen :class:`LkeModel`.

Scoring lives in ``lke_score.py``; this module only knows the rules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from build_tools.models import common

WEIGHT_TOLERANCE = 1e-6
PERCENT = "%"
KIND_QUESTIONS, KIND_SUBINDICATORS, KIND_SURVEY, KIND_CHOICE = "questions", "subindicators", "survey", "choice"
RATIO, DECREASE = "ratio", "decrease"
CRITERION_KINDS = ("grade", "number", "yes")


@dataclass(frozen=True)
class Choice:
    letter: str
    """``Ya``/``Tidak`` or ``A`` … ``E``."""
    value: float


@dataclass(frozen=True)
class AnswerScale:
    """An answer type such as ``A/B/C/D`` and the value of each choice."""

    name: str
    choices: tuple[Choice, ...]

    @property
    def letters(self) -> tuple[str, ...]:
        return tuple(c.letter for c in self.choices)

    def value(self, letter: str) -> float:
        return next(c.value for c in self.choices if c.letter == letter)

    @property
    def best(self) -> str:
        return max(self.choices, key=lambda c: c.value).letter

    @property
    def lowest(self) -> str:
        return min(self.choices, key=lambda c: c.value).letter

    def normalise(self, text: str) -> str | None:
        """The choice ``text`` names (case-insensitive), or None."""
        for letter in self.letters:
            if letter.lower() == text.strip().lower():
                return letter
        return None


@dataclass(frozen=True)
class Input:
    """A ``Jumlah`` row of a ``%`` question (an input, not scored)."""

    id: str
    text: str
    sum_of: tuple[str, ...] = ()
    """Ids of the rows this total is the sum of (may be given instead)."""

    @property
    def number(self) -> str:
        return self.id.rsplit(".", 1)[1]


@dataclass(frozen=True)
class Limit:
    """The sum of ``parts`` may not exceed ``at_most`` (done ≤ total)."""

    parts: tuple[str, ...]
    at_most: str


@dataclass(frozen=True)
class Formula:
    """How a ``%`` question's value comes from its inputs.

    ``ratio``: numerator / denominator, capped at 1. ``decrease``:
    (previous − current) / previous, floored at 0, and 1 when both are 0.
    """

    kind: str
    numerator: str = ""
    denominator: str = ""
    previous: str = ""
    current: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answer_type: str
    """A scale name (``Ya/Tidak``, ``A/B/C`` …) or ``%``."""
    explanation: tuple[str, ...]
    scale: AnswerScale | None
    inputs: tuple[Input, ...]
    formula: Formula | None
    limits: tuple[Limit, ...]
    group_id: str
    """The indicator (or sub-indicator) whose mean this question enters."""
    indicator_id: str
    area_id: str
    lever_area: int

    @property
    def is_percent(self) -> bool:
        return self.answer_type == PERCENT

    def input(self, input_id: str) -> Input:
        return next(i for i in self.inputs if i.id == input_id)


@dataclass(frozen=True)
class SubIndicator:
    id: str
    name: str
    weight: float
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Indicator:
    """A weighted indicator: a mean of questions, a sum of sub-indicators,
    a survey index (``survey``) or one choice (``choice``, e.g. capaian kinerja)."""

    id: str
    name: str
    weight: float
    kind: str
    questions: tuple[Question, ...] = ()
    subindicators: tuple[SubIndicator, ...] = ()
    survey: str = ""
    scale: AnswerScale | None = None
    explanation: tuple[str, ...] = ()

    @property
    def groups(self) -> tuple[tuple[str, float, tuple[Question, ...]], ...]:
        """(id, weight, questions) of each mean that makes up the indicator."""
        if self.kind == KIND_SUBINDICATORS:
            return tuple((s.id, s.weight, s.questions) for s in self.subindicators)
        return ((self.id, self.weight, self.questions),)

    @property
    def all_questions(self) -> tuple[Question, ...]:
        return tuple(q for _, _, qs in self.groups for q in qs)


@dataclass(frozen=True)
class Area:
    id: str
    lever_area: int
    name: str
    weight: float
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Aspect:
    id: str
    name: str
    weight: float
    areas: tuple[Area, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    """Indicators directly under the aspect (the results part)."""

    @property
    def all_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for a in self.areas for i in a.indicators) + self.indicators


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    weight: float
    aspects: tuple[Aspect, ...]


@dataclass(frozen=True)
class LeverArea:
    """One of the six areas, pemenuhan + reform together (e.g. 8 for area 1)."""

    number: int
    name: str
    weight: float
    area_ids: tuple[str, ...]


@dataclass(frozen=True)
class SurveyRule:
    id: str
    name: str
    indicator_id: str
    index_max: float
    min_respondents: int


@dataclass(frozen=True)
class Condition:
    """A row of the WBK/WBBM thresholds table.

    ``target``: ``total``, a node id (``A``, ``B.I``, ``B.I.a`` …),
    ``area:<n>`` (a lever area, pemenuhan + reform) or ``respondents:<survey>``.
    """

    id: str
    label: str
    target: str
    min: float | None = None
    min_share: float | None = None


@dataclass(frozen=True)
class Predicate:
    id: str
    name: str
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Criterion:
    """A submission criterion (Tabel 5): declared data, not a score."""

    id: str
    scope: str
    """``instansi`` or ``unit``."""
    kind: str
    """``grade`` (compared on ``scale``), ``number`` (≥ minimum) or ``yes``."""
    text: str
    scale: tuple[str, ...] = ()
    minimum: tuple[tuple[str, object], ...] = ()
    """(predicate, minimum); the minimum may be a tuple of (instansi kind, grade)."""

    def minimum_for(self, predicate: str, instansi_kind: str = "") -> object:
        value = dict(self.minimum).get(predicate)
        if isinstance(value, tuple):
            return dict(value).get(instansi_kind)
        return value


@dataclass(frozen=True)
class LkeModel:
    path: Path
    id: str
    name: str
    legal_basis: tuple[str, ...]
    source: str
    notes: tuple[str, ...]
    total_weight: float
    scales: tuple[AnswerScale, ...]
    surveys: tuple[SurveyRule, ...]
    lever_areas: tuple[LeverArea, ...]
    predicates: tuple[Predicate, ...]
    criteria: tuple[Criterion, ...]
    parts: tuple[Part, ...]
    kind: str = common.LKE
    """``jenis`` of the file (see :mod:`build_tools.models.registry`)."""

    @functools.cached_property
    def questions(self) -> tuple[Question, ...]:
        """All questions in worksheet order."""
        return tuple(q for i in self.indicators for q in i.all_questions)

    @functools.cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    @property
    def aspects(self) -> tuple[Aspect, ...]:
        return tuple(a for p in self.parts for a in p.aspects)

    @property
    def areas(self) -> tuple[Area, ...]:
        return tuple(a for asp in self.aspects for a in asp.areas)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for asp in self.aspects for i in asp.all_indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def survey(self, survey_id: str) -> SurveyRule:
        return next(s for s in self.surveys if s.id == survey_id)

    def scale(self, name: str) -> AnswerScale:
        return next(s for s in self.scales if s.name == name)

    def predicate(self, predicate_id: str) -> Predicate:
        return next(p for p in self.predicates if p.id == predicate_id)

    def lever_area(self, number: int) -> LeverArea:
        return next(a for a in self.lever_areas if a.number == number)

    @property
    def lever_part(self) -> Part:
        """The part whose aspects hold the areas (``A`` pengungkit)."""
        return next(p for p in self.parts if any(asp.areas for asp in p.aspects))

    @property
    def result_part(self) -> Part:
        """The part of the results (``B`` hasil): aspects with indicators only."""
        return next(p for p in self.parts if p is not self.lever_part)

    @property
    def choice_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.kind == KIND_CHOICE)

    def node_ids(self) -> tuple[str, ...]:
        """Every scored node id (parts, aspects, areas, indicators, sub-indicators)."""
        ids = ["total"]
        for p in self.parts:
            ids.append(p.id)
            for asp in p.aspects:
                ids.append(asp.id)
                for ar in asp.areas:
                    ids.append(ar.id)
                    for ind in ar.indicators:
                        ids.append(ind.id)
                        ids += [s.id for s in ind.subindicators]
                ids += [i.id for i in asp.indicators]
        return tuple(ids)


