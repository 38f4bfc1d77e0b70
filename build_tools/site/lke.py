"""The site's *LKE* section: an answers-based assessment (the LKE), page by page.

``build_lke_view(assessment, view)`` is a pure function of an assessment in
the one shape (:mod:`build_tools.assess.view`) whose rows are answered
questions, and the site's view model for one audience. It arranges the
assessment the way its pages show it: an overview (scores per part and
aspect against their weights, the areas, the WBK/WBBM checklists, unanswered
questions, *jawaban tanpa data dukung*), one page per area a reader compares
(its *pemenuhan* and *reform* halves) and one for the results part. Cited
evidence is taken from the site's view model, so a public build links and
names only the files the public may see, exactly like the evidence pages.
The templates are ``lke.md.j2``, ``lke-area.md.j2``, ``lke-hasil.md.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.assess import view as av
from build_tools.site.view import ItemView, SiteView

LKE_DIR = "lke"
OVERVIEW_PAGE = f"{LKE_DIR}/index.md"
RESULT_PAGE = f"{LKE_DIR}/hasil/index.md"
GAPS_SHOWN = 10


def area_page(number: int) -> str:
    return f"{LKE_DIR}/area-{number}/index.md"


def anchor(question_id: str) -> str:
    return f"q-{question_id}"


@dataclass(frozen=True)
class ChoiceView:
    letter: str
    value: float
    unit: bool
    """The unit chose it."""
    tpi: bool
    """The TPI chose it (only where its answer differs from the unit's)."""


@dataclass(frozen=True)
class InputView:
    """A ``Jumlah`` row of a ``%`` question with the counts given."""

    text: str
    unit: int | None
    tpi: int | None


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: tuple[str, ...]
    """The question's lines (some list their points on further lines)."""
    explanation: tuple[str, ...]
    percent: bool
    choices: tuple[ChoiceView, ...]
    inputs: tuple[InputView, ...]
    answer: str
    """The unit's answer as shown (``B``, ``Ya``, ``8/10``); empty when unanswered."""
    value: float | None
    points: float
    tpi_answer: str | None
    """The TPI's answer where it differs from the unit's, else None."""
    tpi_value: float | None
    note: str
    evidence: tuple[ItemView, ...]
    unsupported: str
    """Why the answer lacks supporting evidence; empty when supported."""
    unsupported_codes: tuple[str, ...]
    page: str

    @property
    def anchor(self) -> str:
        return anchor(self.id)

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def reason(self) -> str:
        return self.unsupported


@dataclass(frozen=True)
class GroupView:
    """An indicator or sub-indicator: a mean of questions × weight."""

    id: str
    name: str
    weight: float
    points: float
    tpi_points: float | None
    questions: tuple[QuestionView, ...]
    subgroups: tuple[GroupView, ...] = ()


@dataclass(frozen=True)
class HalfView:
    """The *pemenuhan* or *reform* half of a lever area (one worksheet area)."""

    id: str
    aspect: str
    weight: float
    points: float
    tpi_points: float | None
    indicators: tuple[GroupView, ...]


@dataclass(frozen=True)
class AreaView:
    """A lever area (pemenuhan + reform) and its page."""

    number: int
    name: str
    weight: float
    points: float
    tpi_points: float | None
    halves: tuple[HalfView, ...]

    @property
    def page(self) -> str:
        return area_page(self.number)

    @property
    def share(self) -> float:
        return self.points / self.weight if self.weight else 0.0

    def questions(self) -> tuple[QuestionView, ...]:
        return tuple(q for h in self.halves for g in h.indicators for q in _all_questions(g))


@dataclass(frozen=True)
class SurveyView:
    id: str
    indicator_id: str
    name: str
    weight: float
    points: float
    index: float | None
    index_max: float
    respondents: int | None
    minimum: int
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorHead:
    id: str
    name: str
    weight: float | None


@dataclass(frozen=True)
class ResultAspectView:
    id: str
    name: str
    weight: float
    points: float
    tpi_points: float | None
    surveys: tuple[SurveyView, ...]
    questions: tuple[tuple[IndicatorHead, QuestionView], ...]
    """Choice indicators (capaian kinerja) shown as a question."""


@dataclass(frozen=True)
class Row:
    """A line of the score table: a part, an aspect or the total."""

    id: str
    name: str
    weight: float
    points: float
    tpi_points: float | None
    level: int

    @property
    def share(self) -> float:
        return self.points / self.weight if self.weight else 0.0


@dataclass(frozen=True)
class LkeSiteView:
    assessment: av.Assessment
    rows: tuple[Row, ...]
    areas: tuple[AreaView, ...]
    results: tuple[ResultAspectView, ...]
    result_part: av.Group | None
    questions: dict[str, QuestionView]
    """Every question (and choice indicator) by id."""
    primary: av.Assessment | None = None
    """The plan's own score when this section is a self-assessment under another model."""

    @property
    def has_tpi(self) -> bool:
        return self.assessment.reviewer_total is not None

    @property
    def like_worksheet(self) -> bool:
        return bool(self.assessment.extra.get("like_worksheet"))

    @property
    def unsupported(self) -> tuple[QuestionView, ...]:
        return tuple(self.questions[f.id] for f in self.assessment.flags if f.id in self.questions)

    @property
    def unanswered(self) -> tuple[QuestionView, ...]:
        return tuple(self.questions[i] for i in self.assessment.unanswered if i in self.questions)

    @property
    def gaps(self):
        return self.assessment.gaps[:GAPS_SHOWN]

    def nav(self) -> dict:
        """The *LKE* nav section: overview, the areas, the results."""
        return {"LKE": [OVERVIEW_PAGE, *({f"{a.number}. {a.name}": a.page} for a in self.areas),
                        {"Hasil": RESULT_PAGE}]}


def _all_questions(group: GroupView) -> tuple[QuestionView, ...]:
    return group.questions + tuple(q for s in group.subgroups for q in s.questions)


def build_lke_view(assessment: av.Assessment, view: SiteView, primary: av.Assessment | None = None) -> LkeSiteView:
    """``primary``: the plan's own assessment, when it is not ``assessment`` (a self-assessment
    under another model is then labelled as such, never shown as a second headline)."""
    questions: dict[str, QuestionView] = {}

    def question(row: av.Row, page: str) -> QuestionView:
        qv = _question_view(row, view, page)
        questions[row.id] = qv
        return qv

    def group(g: av.Group, page: str) -> GroupView:
        return GroupView(g.id, g.name, g.weight, g.score, g.reviewer_score,
                         tuple(question(r, page) for r in g.rows if r.answer is not None),
                         tuple(group(s, page) for s in g.groups))

    aspect_of = {h.id: asp.name for p in assessment.parts for asp in p.groups for h in asp.groups}
    areas = []
    for number, area in enumerate(assessment.areas, start=1):
        page = area_page(number)
        halves = tuple(HalfView(h.id, aspect_of.get(h.id, h.name), h.weight, h.score, h.reviewer_score,
                                tuple(group(i, page) for i in h.groups)) for h in area.groups)
        areas.append(AreaView(number, area.name, area.weight, area.score, area.reviewer_score, halves))

    results = []
    result_part = None
    for part in assessment.parts:
        for aspect in part.groups:
            if aspect.groups or not aspect.rows:
                continue
            result_part = part
            surveys = tuple(SurveyView(r.measure.id, r.id, r.title, r.weight or 0.0, r.score, r.measure.index,
                                       r.measure.scale_max, r.measure.respondents, r.measure.minimum,
                                       r.measure.explanation)
                            for r in aspect.rows if r.measure is not None)
            choices = tuple((IndicatorHead(r.id, r.title, r.weight), question(r, RESULT_PAGE))
                            for r in aspect.rows if r.answer is not None)
            results.append(ResultAspectView(aspect.id, aspect.name, aspect.weight, aspect.score,
                                            aspect.reviewer_score, surveys, choices))

    rows = [Row("total", "Nilai total", assessment.total_weight, assessment.total, assessment.reviewer_total, 0)]
    for part in assessment.parts:
        rows.append(Row(part.id, part.name, part.weight, part.score, part.reviewer_score, 1))
        rows += [Row(a.id, a.name, a.weight, a.score, a.reviewer_score, 2) for a in part.groups]
    return LkeSiteView(assessment, tuple(rows), tuple(areas), tuple(results), result_part, questions,
                       primary if primary is not assessment else None)


def _question_view(row: av.Row, view: SiteView, page: str) -> QuestionView:
    a = row.answer
    assert a is not None
    choices = tuple(ChoiceView(c.label, c.value, c.chosen, c.reviewer_chosen) for c in a.choices)
    inputs = tuple(InputView(c.text, c.value, c.reviewer_value) for c in a.counts) if a.percent else ()
    return QuestionView(
        id=row.id, text=tuple(line for line in a.text if line.strip()), explanation=a.explanation,
        percent=a.percent, choices=choices, inputs=inputs, answer=a.answer, value=a.value, points=row.score,
        tpi_answer=a.reviewer_answer, tpi_value=a.reviewer_value, note=a.note,
        evidence=tuple(view.items[c] for c in row.evidence if c in view.items),
        unsupported=a.unsupported, unsupported_codes=a.unsupported_codes, page=page)
