"""The site's *LKE* section: the unit's LKE self-assessment, page by page.

``build_lke_view(assessment, view)`` is a pure function of the LKE assessment
(:func:`build_tools.assess.lke_report.assess`) and the site's view model for one
audience. It arranges the worksheet the way its pages show it: an overview
(scores per part, aspect and area against their weights, the WBK/WBBM
checklists, unanswered questions, *jawaban tanpa data dukung*), one page per
lever area (its *pemenuhan* and *reform* halves) and one for the results part.
Cited evidence is taken from the site's view model, so a public build links
and names only the files the public may see, exactly like the evidence pages.
The templates are ``lke.md.j2`` and ``lke-area.md.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.assess.lke_answers import Response
from build_tools.assess.lke_evidence import REASONS, UnsupportedAnswer
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.lke_score import UNIT, LkeScore, answer_text, response_value
from build_tools.models.lke import (
    KIND_CHOICE,
    KIND_SURVEY,
    Area,
    Aspect,
    Indicator,
    LkeModel,
    Question,
    SubIndicator,
)
from build_tools.site.view import ItemView, SiteView

LKE_DIR = "lke"
OVERVIEW_PAGE = f"{LKE_DIR}/index.md"
RESULT_PAGE = f"{LKE_DIR}/hasil/index.md"
GAPS_SHOWN = 10


def area_page(number: int) -> str:
    return f"{LKE_DIR}/area-{number}/index.md"


def anchor(question_id: str) -> str:
    return f"q-{question_id}"


def title_case(name: str) -> str:
    """Worksheet headings are in capitals (``MANAJEMEN PERUBAHAN``); show them as a sentence."""
    return name.capitalize() if name.isupper() else name


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
    unsupported: UnsupportedAnswer | None
    page: str

    @property
    def anchor(self) -> str:
        return anchor(self.id)

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def reason(self) -> str:
        return REASONS[self.unsupported.reason] if self.unsupported else ""


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
class ResultAspectView:
    id: str
    name: str
    weight: float
    points: float
    tpi_points: float | None
    surveys: tuple[SurveyView, ...]
    questions: tuple[tuple[Indicator, QuestionView], ...]
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
    assessment: LkeAssessment
    model: LkeModel
    rows: tuple[Row, ...]
    areas: tuple[AreaView, ...]
    results: tuple[ResultAspectView, ...]
    questions: dict[str, QuestionView]
    """Every question (and choice indicator) by id."""

    @property
    def unit(self) -> LkeScore:
        return self.assessment.unit

    @property
    def tpi(self) -> LkeScore | None:
        return self.assessment.tpi

    @property
    def unsupported(self) -> tuple[QuestionView, ...]:
        return tuple(self.questions[u.question_id] for u in self.assessment.unsupported
                     if u.question_id in self.questions)

    @property
    def unanswered(self) -> tuple[QuestionView, ...]:
        return tuple(self.questions[i] for i in self.unit.unanswered)

    @property
    def gaps(self):
        return self.unit.gaps[:GAPS_SHOWN]

    def nav(self) -> dict:
        """The *LKE* nav section: overview, the six areas, the results."""
        return {"LKE": [OVERVIEW_PAGE, *({f"{a.number}. {a.name}": a.page} for a in self.areas),
                        {"Hasil": RESULT_PAGE}]}


def _all_questions(group: GroupView) -> tuple[QuestionView, ...]:
    return group.questions + tuple(q for s in group.subgroups for q in s.questions)


def build_lke_view(assessment: LkeAssessment, view: SiteView) -> LkeSiteView:
    model = assessment.answers.model
    unit, tpi = assessment.unit, assessment.tpi
    flagged = {u.question_id: u for u in assessment.unsupported}
    questions: dict[str, QuestionView] = {}

    def points(node_id: str) -> tuple[float, float | None]:
        return unit.node(node_id).points, (tpi.node(node_id).points if tpi else None)

    def question(q: Question | Indicator, page: str) -> QuestionView:
        qv = _question_view(assessment, view, q, page, flagged.get(q.id))
        questions[q.id] = qv
        return qv

    def group(node: Indicator | SubIndicator, qs: tuple[Question, ...], page: str,
              subgroups: tuple[GroupView, ...] = ()) -> GroupView:
        p, t = points(node.id)
        return GroupView(node.id, node.name, node.weight, p, t, tuple(question(q, page) for q in qs), subgroups)

    def indicator(ind: Indicator, page: str) -> GroupView:
        subs = tuple(group(s, s.questions, page) for s in ind.subindicators)
        return group(ind, ind.questions, page, subs)

    halves_by_area: dict[int, list[tuple[Aspect, Area]]] = {}
    for aspect in model.aspects:
        for area in aspect.areas:
            halves_by_area.setdefault(area.lever_area, []).append((aspect, area))
    areas = []
    for lever in model.lever_areas:
        page = area_page(lever.number)
        halves = []
        for aspect, area in halves_by_area.get(lever.number, []):
            p, t = points(area.id)
            halves.append(HalfView(area.id, title_case(aspect.name), area.weight, p, t,
                                   tuple(indicator(i, page) for i in area.indicators)))
        node = next(n for n in unit.lever_areas if n.id == f"area:{lever.number}")
        tpi_node = next(n for n in tpi.lever_areas if n.id == node.id) if tpi else None
        areas.append(AreaView(lever.number, lever.name, lever.weight, node.points,
                              tpi_node.points if tpi_node else None, tuple(halves)))

    results = []
    for aspect in model.aspects:
        if aspect.areas or not aspect.indicators:
            continue
        surveys, choices = [], []
        for ind in aspect.indicators:
            if ind.kind == KIND_SURVEY:
                rule = model.survey(ind.survey)
                given = assessment.answers.survey(rule.id)
                surveys.append(SurveyView(rule.id, ind.id, rule.name, ind.weight, unit.node(ind.id).points,
                                          given.index if given else None, rule.index_max,
                                          given.respondents if given else None, rule.min_respondents,
                                          ind.explanation))
            elif ind.kind == KIND_CHOICE:
                choices.append((ind, question(ind, RESULT_PAGE)))
        p, t = points(aspect.id)
        results.append(ResultAspectView(aspect.id, title_case(aspect.name), aspect.weight, p, t,
                                        tuple(surveys), tuple(choices)))

    rows = [Row("total", "Nilai total", model.total_weight, *points("total"), 0)]
    for part in model.parts:
        rows.append(Row(part.id, title_case(part.name), part.weight, *points(part.id), 1))
        rows += [Row(a.id, title_case(a.name), a.weight, *points(a.id), 2) for a in part.aspects]
    return LkeSiteView(assessment, model, tuple(rows), tuple(areas), tuple(results), questions)


def _question_view(assessment: LkeAssessment, view: SiteView, q: Question | Indicator, page: str,
                   unsupported: UnsupportedAnswer | None) -> QuestionView:
    answers = assessment.answers
    a = answers.answer(q.id)
    mine = answers.response(q.id, UNIT)
    theirs = a.tpi if a is not None else None
    percent = isinstance(q, Question) and q.is_percent
    choices: tuple[ChoiceView, ...] = ()
    inputs: tuple[InputView, ...] = ()
    if percent:
        assert isinstance(q, Question)
        inputs = tuple(InputView(i.text.lstrip("- ").strip(), mine.count(i.id),
                                 theirs.count(i.id) if theirs else None) for i in q.inputs)
    elif q.scale is not None:
        choices = tuple(ChoiceView(c.letter, c.value, c.letter == mine.choice,
                                   theirs is not None and c.letter == theirs.choice) for c in q.scale.choices)
    text = tuple(line for line in (q.text if isinstance(q, Question) else q.name).splitlines() if line.strip())
    scored = assessment.unit.question(q.id)
    return QuestionView(
        id=q.id, text=text, explanation=q.explanation, percent=percent, choices=choices, inputs=inputs,
        answer=scored.answer, value=scored.value, points=scored.points,
        tpi_answer=answer_text(q, theirs) if theirs is not None else None,
        tpi_value=_value(q, theirs),
        note=a.note if a else "", evidence=tuple(view.items[c] for c in (a.evidence if a else ()) if c in view.items),
        unsupported=unsupported, page=page)


def _value(q: Question | Indicator, response: Response | None) -> float | None:
    return None if response is None else response_value(q, response)

