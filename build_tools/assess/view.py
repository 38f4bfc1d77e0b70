"""One assessment shape for every evaluation-model kind: what every renderer reads.

Each model kind (the 2019 evidence-weighted model, the 2021 LKE, a unit's own
amendment, a kind registered by a test) turns its own result into an
:class:`Assessment`:

* ``parts`` → groups (areas, components, indicators …) → ``rows``: the
  things that carry points (an evidence item, an LKE question, a survey),
  each with weight, score, a status and the evidence codes it rests on;
* ``predicates``: per predicate (WBK, WBBM) the conditions with required,
  actual, pass and shortfall, and the declared criteria;
* ``gaps``: what would add most points, each with the evidence it needs;
* ``warnings`` and the other notes a reader needs.

What only some kinds have is an *extension* of a row (:class:`Answer` for a
question the unit answers, :class:`Measure` for a survey index), never a
second renderer. The site, the bundle, the text and CSV reports and the
spreadsheet render from this shape alone; ``record`` is the assessment's JSON
form (its keys are per kind, documented in README and kept stable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

# Row statuses: one vocabulary for every kind.
COMPLETE, PARTIAL, MISSING, PENDING = "complete", "partial", "missing", "pending"
ANSWERED, UNANSWERED, UNSUPPORTED, MEASURED, NO_DATA = "answered", "unanswered", "unsupported", "measured", "no_data"
STATUS_LABELS = {
    COMPLETE: "lengkap", PARTIAL: "sebagian", MISSING: "terlambat", PENDING: "belum jatuh tempo",
    ANSWERED: "dijawab", UNANSWERED: "belum dijawab", UNSUPPORTED: "tanpa data dukung",
    MEASURED: "ada data", NO_DATA: "belum ada data",
}
# Criterion statuses.
MET, NOT_MET, UNDECLARED, BY_REVIEWER = "terpenuhi", "tidak_terpenuhi", "belum_dinyatakan", "dinilai_tpi"


@dataclass(frozen=True)
class Choice:
    """One answer option of a question."""

    label: str
    value: float
    chosen: bool
    """The unit chose it."""
    reviewer_chosen: bool = False
    """The reviewer (TPI) chose it, where its answer differs from the unit's."""


@dataclass(frozen=True)
class Count:
    """A counted input of a percentage question (a ``Jumlah`` row)."""

    text: str
    value: int | None
    reviewer_value: int | None = None
    key: str = ""
    """The input's own key in the answers file (``jumlah: {key: n}``)."""


@dataclass(frozen=True)
class Answer:
    """Extension of a row that is a question the unit answers."""

    text: tuple[str, ...]
    """The question's lines."""
    explanation: tuple[str, ...]
    """How the worksheet explains its choices."""
    choices: tuple[Choice, ...]
    counts: tuple[Count, ...]
    """For a percentage question: its counted inputs (and no choices)."""
    answer: str
    """As shown (``B``, ``Ya``, ``8/10``); empty when unanswered."""
    value: float | None
    reviewer_answer: str | None = None
    """The reviewer's answer where it differs from the unit's, else None."""
    reviewer_value: float | None = None
    note: str = ""
    unsupported: str = ""
    """Why the answer lacks supporting evidence (empty when it is supported)."""
    unsupported_codes: tuple[str, ...] = ()

    @property
    def percent(self) -> bool:
        return bool(self.counts) and not self.choices

    def options_text(self, number: Callable[[float], str]) -> str:
        """The options in one line: ``A = 1 · B = 0,5`` or the counted inputs."""
        if self.percent:
            return "persentase dari baris Jumlah: " + "; ".join(c.text for c in self.counts)
        return " · ".join(f"{c.label} = {number(c.value)}" for c in self.choices)


@dataclass(frozen=True)
class Measure:
    """Extension of a row scored from a measured index (a survey)."""

    id: str
    """The survey's id."""
    index: float | None
    scale_max: float
    respondents: int | None
    minimum: int
    explanation: tuple[str, ...] = ()
    where: str = ""
    """Where the data comes from, in the reader's words (``hasil survei``)."""


@dataclass(frozen=True)
class Row:
    """A thing that carries points: an evidence item, a question, a survey."""

    id: str
    title: str
    weight: float | None
    score: float
    value: float | None
    """Share counted today (0–1); None when there is nothing to count yet."""
    status: str
    evidence: tuple[str, ...] = ()
    """Evidence codes the row rests on."""
    planned: float | None = None
    """Points the plan promises by the as-of date (evidence-based kinds)."""
    reason: str = ""
    """Why it is not (yet) worth its weight, in the reader's words."""
    reviewer_score: float | None = None
    answer: Answer | None = None
    measure: Measure | None = None
    kind: str = ""
    """What the row is, as a lowercase noun (``bukti``, ``pertanyaan``, ``sub_komponen``)."""
    verdict: str = ""
    """The reviewer's (TPI's) verdict on its evidence, as shown (``ditolak``)."""


@dataclass(frozen=True)
class Group:
    """A part, area, component, indicator …: a sum of its groups and rows."""

    id: str
    name: str
    weight: float
    score: float
    planned: float | None = None
    reviewer_score: float | None = None
    label: str = ""
    """What the group is, as a lowercase noun (``bagian``, ``area``, ``komponen``, ``indikator``)."""
    short: str = ""
    """Its name in a headline (``Pengungkit``); empty: the name."""
    groups: tuple[Group, ...] = ()
    rows: tuple[Row, ...] = ()
    explanation: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        return self.score / self.weight if self.weight else 0.0

    def all_rows(self) -> tuple[Row, ...]:
        return self.rows + tuple(r for g in self.groups for r in g.all_rows())

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Group]]:
        yield depth, self
        for g in self.groups:
            yield from g.walk(depth + 1)


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    required: object
    """A number, a grade or yes/no."""
    actual: object
    """None: no data yet."""
    passed: bool
    shortfall: float | None
    """How much a numeric measure lacks (0 when passed); None for grades and yes/no."""
    unit: str = "nilai"
    """``nilai`` (points), ``responden``, ``tahun``, ``peringkat``, ``ya_tidak``."""
    source: str = ""
    """``pedoman`` or ``pilihan alat``; empty when the model does not say."""
    share: float | None = None
    """For area conditions: the required share of the area's weight."""
    operator: str = ">="
    required_text: str = ""
    actual_text: str = ""
    reviewer_actual: object = None
    reviewer_passed: bool | None = None


@dataclass(frozen=True)
class Criterion:
    """A declared requirement (not computed from points)."""

    text: str
    required: str
    declared: str | None
    status: str
    """``terpenuhi``, ``tidak_terpenuhi``, ``belum_dinyatakan`` or ``dinilai_tpi``."""


@dataclass(frozen=True)
class Predicate:
    id: str
    name: str
    eligible: bool
    conditions: tuple[Condition, ...]
    criteria: tuple[Criterion, ...] = ()
    criteria_title: str = ""
    reviewer_conditions_ok: bool | None = None

    @property
    def conditions_ok(self) -> bool:
        return all(c.passed for c in self.conditions)


@dataclass(frozen=True)
class Gap:
    """What would add ``points`` if it reached its best."""

    id: str
    title: str
    points: float
    reason: str
    evidence: tuple[str, ...] = ()
    unsupported: bool = False
    answer: str = ""
    best: str = ""


@dataclass(frozen=True)
class Flag:
    """A finding a reviewer acts on: an answer without supporting evidence."""

    id: str
    answer: str
    reason: str
    codes: tuple[str, ...]
    location: str


@dataclass(frozen=True)
class ReviewNote:
    code: str
    verdict: str
    """As shown (``perlu perbaikan``)."""
    reviewer: str
    date: dt.date | None
    note: str
    verdict_id: str = ""
    """As written in ``reviews.yaml`` (``perlu_perbaikan``)."""


@dataclass(frozen=True)
class Survey:
    """A survey's figures as a reader sees them."""

    id: str
    name: str
    respondents: int | None
    index: float | None
    scale: tuple[int, int]
    minimum: int
    score: float | None
    weight: float | None
    has_data: bool
    aspects: tuple[tuple[str, float | None, int], ...] = ()
    """(aspect text, mean or None, answers)."""


@dataclass(frozen=True)
class MonthPoint:
    month: object
    planned: float
    delivered: float


@dataclass(frozen=True)
class Assessment:
    """The score of one unit under one model, as every output shows it."""

    model_id: str
    model_name: str
    legal_basis: tuple[str, ...]
    title: str
    """``Penilaian kesiapan WBK/WBBM``, ``Penilaian mandiri LKE`` …"""
    basis: str
    """What the score is computed from, in the reader's words."""
    unit_name: str
    as_of: dt.date
    total: float
    total_weight: float
    parts: tuple[Group, ...]
    areas: tuple[Group, ...]
    """The areas a reader compares (charted and listed per area)."""
    chapters: tuple[Group, ...]
    """The groups in reading order, each holding the groups (or rows) a reader goes through."""
    predicates: tuple[Predicate, ...]
    gaps: tuple[Gap, ...]
    record: Mapping[str, object]
    """The JSON form (``score --format json``)."""
    targets: tuple[tuple[str, str], ...] = ()
    """What result components must reach: (predicate name, sentence)."""
    flags: tuple[Flag, ...] = ()
    unanswered: tuple[str, ...] = ()
    not_computable: tuple[str, ...] = ()
    surveys: tuple[Survey, ...] = ()
    reviews: tuple[ReviewNote, ...] = ()
    timeline: tuple[MonthPoint, ...] = ()
    warnings: tuple[str, ...] = ()
    """For the unit's team (may name files and commands)."""
    reader_warnings: tuple[str, ...] = ()
    """The same in a reader's words, for the public pages (no file names, no commands)."""
    method: tuple[tuple[str, str], ...] = ()
    """How the score is computed: (rule, source)."""
    reviewer_total: float | None = None
    """The score by the reviewer's (TPI's) own answers, where there are any."""
    strict_total: float | None = None
    """The score with every answer lacking evidence counted at its lowest choice."""
    planned_total: float | None = None
    answers_file: str | None = None
    """The answers file the score comes from (answer-based kinds)."""
    blanks_rule: str = ""
    answers_record: Mapping[str, object] | None = None
    """The JSON of the answers report (``lke --format json``)."""
    workbook: Callable[[], bytes] | None = None
    """The model's own worksheet (e.g. the LKE with live formulas), when it has one."""
    inputs: tuple[Path, ...] = ()
    """Files the score was computed from beyond the plan and evidence (answers, model)."""
    short_name: str = ""
    """How the score is named beside another model's (``Nilai LKE (penilaian mandiri)``)."""
    unused_files: tuple = ()
    """Evidence files no score counts (:attr:`~build_tools.check.project.Project.unused_files`),
    named in the text report."""
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for p in self.parts for r in p.all_rows())

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def part(self, part_id: str) -> Group | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def group(self, group_id: str) -> Group | None:
        for p in self.parts:
            for _, g in p.walk():
                if g.id == group_id:
                    return g
        return None

    @property
    def answered(self) -> bool:
        """Scored from answers to questions (rows with an :class:`Answer`)."""
        return any(r.answer is not None for r in self.rows)

    @property
    def eligible(self) -> dict[str, bool]:
        return {p.id: p.eligible for p in self.predicates}
