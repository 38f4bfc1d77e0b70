"""The evidence bundle in the order of the unit's answers (``bundle --order lke``): a pure layout.

``lke_layout(plan, completeness, audience, assessment)`` arranges the bundle
by the chapters of an answers-based assessment (the LKE worksheet) instead of
the plan: one section per question (and per choice indicator such as capaian
kinerja) in worksheet order, grouped by worksheet area and indicator for the
bookmarks and the contents. Each section holds the evidence of the codes its
answer cites, with the same parts as in plan order (files, "BELUM TERSEDIA",
"tersedia untuk penilai", broken files), so the audience rules are the same.
A question citing no code has no evidence parts: its separator page says so.
A code cited by several questions appears in each section; its files are read
once and their pages stored once in the PDF (see
:class:`build_tools.bundle.pagetree.PageTree`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.assess.project import assess_answers
from build_tools.assess.view import Assessment, Row
from build_tools.bundle.layout import CodeSection, PartKind, code_section
from build_tools.check.completeness import Completeness
from build_tools.check.project import Project
from build_tools.core.errors import UsageError
from build_tools.core.numbers import short
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import Problem
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
    unsupported: str
    """Why the answer lacks supporting evidence; empty when supported."""
    unsupported_codes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        first = self.text.splitlines()[0] if self.text else ""
        return first if len(first) <= 100 else first[:98].rstrip() + "…"

    @property
    def reason(self) -> str:
        return self.unsupported


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
    assessment: Assessment
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


def require_assessment(project: Project, primary: Assessment) -> Assessment:
    """The assessment of the unit's answers (the plan's own when it is scored from answers);
    a clear error when ``lke.yaml`` is absent."""
    if primary.answered:
        return primary
    path = Path(project.root) / ANSWERS_FILE
    if not path.is_file():
        raise UsageError(f"--order lke memerlukan berkas jawaban LKE {path}, yang tidak ada; buat {ANSWERS_FILE} "
                         "di folder unit (lihat README, 'Jawaban LKE') atau pakai --order plan")
    return assess_answers(project)


def lke_layout(plan: Plan, completeness: Completeness, audience: Audience, assessment: Assessment) -> LkeLayout:
    sections: dict[str, CodeSection] = {}

    def section(code: str) -> CodeSection:
        if code not in sections:
            item = plan.item(code)
            area = plan.area(item.area_id)
            sections[code] = code_section(completeness.item(code), area, plan.component_of(item), audience)
        return sections[code]

    def question(row: Row) -> QuestionSection:
        a = row.answer
        assert a is not None
        return QuestionSection(
            id=row.id, text="\n".join(a.text), choices=a.options_text(short), explanation=a.explanation,
            answer=a.answer, value=a.value, tpi_answer=a.reviewer_answer, tpi_value=a.reviewer_value,
            note=a.note, codes=tuple(section(c) for c in row.evidence),
            unsupported=a.unsupported, unsupported_codes=a.unsupported_codes)

    areas = tuple(AreaGroup(chapter.id, chapter.name, tuple(
        IndicatorGroup(g.id, g.name, tuple(question(r) for r in g.rows if r.answer is not None))
        for g in chapter.groups)) for chapter in assessment.chapters)
    return LkeLayout(plan, completeness, audience, assessment, areas)
