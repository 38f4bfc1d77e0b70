"""The evidence bundle in LKE order (``bundle --order lke``): a pure layout.

``lke_layout(plan, completeness, audience, assessment)`` arranges the bundle
by the LKE worksheet instead of the plan: one section per question (and per
choice indicator such as capaian kinerja) in worksheet order, grouped by
worksheet area and indicator for the bookmarks and the contents. Each
section holds the evidence of the codes its answer cites, with the same
parts as in plan order (files, "BELUM TERSEDIA", "tersedia untuk penilai",
broken files), so the audience rules are the same. A question citing no code
has no evidence parts: its separator page says so. A code cited by several
questions appears in each section; its files are read once and their pages
stored once in the PDF (see :class:`build_tools.bundle.build._PageTree`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.assess.lke_evidence import REASONS, UnsupportedAnswer
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.lke_score import answer_text, response_value
from build_tools.assess.project import assess_lke
from build_tools.bundle.layout import CodeSection, PartKind, code_section
from build_tools.check.completeness import Completeness
from build_tools.check.project import Project
from build_tools.core.errors import UsageError
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import Problem
from build_tools.models.lke import KIND_CHOICE, Indicator, Question
from build_tools.plan.structure import Plan


@dataclass(frozen=True)
class QuestionSection:
    id: str
    text: str
    """The question (or choice indicator's) text, all lines."""
    choices: str
    """The answer options, e.g. ``A = 1 · B = 0,5 · C = 0`` or the ``Jumlah`` rows."""
    explanation: tuple[str, ...]
    """The worksheet's explanation of the choices."""
    answer: str
    """The unit's answer as shown; empty when unanswered."""
    value: float | None
    tpi_answer: str | None
    """The TPI's answer where it differs from the unit's."""
    tpi_value: float | None
    note: str
    codes: tuple[CodeSection, ...]
    """The cited evidence codes, in the order the answer cites them."""
    unsupported: UnsupportedAnswer | None

    @property
    def title(self) -> str:
        first = self.text.splitlines()[0] if self.text else ""
        return first if len(first) <= 100 else first[:98].rstrip() + "…"

    @property
    def reason(self) -> str:
        return REASONS[self.unsupported.reason] if self.unsupported else ""


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    name: str
    questions: tuple[QuestionSection, ...]


@dataclass(frozen=True)
class AreaGroup:
    """A worksheet area (``A.I.1`` pemenuhan of area 1) or a results aspect (``B.I``)."""

    id: str
    name: str
    indicators: tuple[IndicatorGroup, ...]


@dataclass(frozen=True)
class LkeLayout:
    plan: Plan
    completeness: Completeness
    audience: Audience
    assessment: LkeAssessment
    areas: tuple[AreaGroup, ...]

    @property
    def questions(self) -> tuple[QuestionSection, ...]:
        return tuple(q for a in self.areas for i in a.indicators for q in i.questions)

    @property
    def codes(self) -> tuple[CodeSection, ...]:
        """Every cited code once, in order of first citation."""
        seen: dict[str, CodeSection] = {}
        for q in self.questions:
            for section in q.codes:
                seen.setdefault(section.code, section)
        return tuple(seen.values())

    @property
    def broken(self) -> tuple[Problem, ...]:
        return tuple(p.problem for c in self.codes for p in c.parts if p.kind is PartKind.BROKEN)


def require_assessment(project: Project) -> LkeAssessment:
    """The unit's LKE self-assessment (with the TPI's rejections); a clear error when ``lke.yaml`` is absent."""
    path = Path(project.root) / ANSWERS_FILE
    if not path.is_file():
        raise UsageError(f"--order lke memerlukan berkas jawaban LKE {path}, yang tidak ada; buat {ANSWERS_FILE} "
                         "di folder unit (lihat README, 'Jawaban LKE') atau pakai --order plan")
    return assess_lke(project)


def cover_figure(assessment: LkeAssessment) -> dict[str, str]:
    """The LKE total for the bundle's cover (the TPI's beside it when there are TPI answers)."""
    value = f"{assessment.unit.total:.2f} dari 100".replace(".", ",")
    if assessment.tpi is not None:
        value += f" (TPI {assessment.tpi.total:.2f})".replace(".", ",")
    return {"Nilai LKE (penilaian mandiri)": value}


def lke_layout(plan: Plan, completeness: Completeness, audience: Audience,
               assessment: LkeAssessment) -> LkeLayout:
    model = assessment.answers.model
    flagged = {u.question_id: u for u in assessment.unsupported}
    sections: dict[str, CodeSection] = {}

    def section(code: str) -> CodeSection:
        if code not in sections:
            item = plan.item(code)
            area = plan.area(item.area_id)
            sections[code] = code_section(completeness.item(code), area, plan.component_of(item), audience)
        return sections[code]

    def question(q: Question | Indicator) -> QuestionSection:
        answers = assessment.answers
        a = answers.answer(q.id)
        mine = answers.response(q.id)
        theirs = a.tpi if a is not None else None
        if isinstance(q, Question) and q.is_percent:
            choices = "persentase dari baris Jumlah: " + "; ".join(i.text.lstrip("- ").strip() for i in q.inputs)
            text = q.text
        else:
            assert q.scale is not None
            choices = " · ".join(f"{c.letter} = {_number(c.value)}" for c in q.scale.choices)
            text = q.text if isinstance(q, Question) else q.name
        return QuestionSection(
            id=q.id, text=text, choices=choices, explanation=q.explanation, answer=answer_text(q, mine), value=response_value(q, mine),
            tpi_answer=answer_text(q, theirs) if theirs is not None else None,
            tpi_value=response_value(q, theirs) if theirs is not None else None,
            note=a.note if a else "", codes=tuple(section(c) for c in (a.evidence if a else ())),
            unsupported=flagged.get(q.id))

    areas = []
    for aspect in model.aspects:
        for area in aspect.areas:
            name = f"{aspect.name.capitalize()} · {model.lever_area(area.lever_area).name}"
            areas.append(AreaGroup(area.id, name, tuple(
                IndicatorGroup(i.id, i.name, tuple(question(q) for q in i.all_questions))
                for i in area.indicators)))
        indicators = tuple(IndicatorGroup(i.id, i.name, (question(i),) if i.kind == KIND_CHOICE else
                                          tuple(question(q) for q in i.all_questions))
                           for i in aspect.indicators)
        indicators = tuple(i for i in indicators if i.questions)
        if indicators:
            areas.append(AreaGroup(aspect.id, aspect.name.capitalize(), indicators))
    return LkeLayout(plan, completeness, audience, assessment, tuple(areas))


def _number(value: float) -> str:
    return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",")
