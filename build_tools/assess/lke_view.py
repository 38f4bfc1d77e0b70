"""The LKE self-assessment (:class:`LkeAssessment`) in the one assessment shape.

Parts → aspects → worksheet areas → indicators (→ sub-indicators) →
questions (rows with an :class:`~build_tools.assess.view.Answer`); the
results part → aspects → survey rows (with a
:class:`~build_tools.assess.view.Measure`) and choice indicators (capaian
kinerja) as question rows. ``areas`` are the six lever areas, each made of
its *pemenuhan* and *reform* halves; ``chapters`` are the worksheet areas and
result aspects in worksheet order (the order of ``bundle --order lke``).
"""

from __future__ import annotations

from build_tools.assess import view as v
from build_tools.assess.lke_evidence import REASONS, UnsupportedAnswer
from build_tools.assess.lke_record import answers_data, score_data
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.lke_score import answer_text, response_value
from build_tools.core import words
from build_tools.models.common import ROMAN
from build_tools.models.lke import KIND_CHOICE, KIND_SURVEY, Indicator, Question

TITLE = "Penilaian mandiri LKE Zona Integritas"
SHORT_NAME = "Nilai LKE (penilaian mandiri)"


def title_case(name: str) -> str:
    """Worksheet headings are in capitals (``MANAJEMEN PERUBAHAN``); show them as a sentence."""
    return name.capitalize() if name.isupper() else name


class _Builder:
    def __init__(self, a: LkeAssessment) -> None:
        self.a = a
        self.model = a.answers.model
        self.flagged = {u.question_id: u for u in a.unsupported}
        self.rows: dict[str, v.Row] = {}

    def points(self, node_id: str) -> tuple[float, float | None]:
        unit, tpi = self.a.unit, self.a.tpi
        return unit.node(node_id).points, (tpi.node(node_id).points if tpi else None)

    def group(self, node, label: str, *, groups=(), rows=(), name: str | None = None) -> v.Group:
        score, reviewer = self.points(node.id)
        return v.Group(node.id, title_case(name or node.name), node.weight, score, reviewer_score=reviewer,
                       label=label, groups=tuple(groups), rows=tuple(rows),
                       explanation=getattr(node, "explanation", ()) or ())

    def question(self, q: Question | Indicator) -> v.Row:
        if q.id in self.rows:
            return self.rows[q.id]
        answers = self.a.answers
        a = answers.answer(q.id)
        mine = answers.response(q.id)
        theirs = a.tpi if a is not None else None
        choices: tuple[v.Choice, ...] = ()
        counts: tuple[v.Count, ...] = ()
        if isinstance(q, Question) and q.is_percent:
            counts = tuple(v.Count(i.text.lstrip("- ").strip(), mine.count(i.id),
                                   theirs.count(i.id) if theirs else None, key=i.number) for i in q.inputs)
        elif q.scale is not None:
            choices = tuple(v.Choice(c.letter, c.value, c.letter == mine.choice,
                                     theirs is not None and c.letter == theirs.choice) for c in q.scale.choices)
        scored = self.a.unit.question(q.id)
        unsupported: UnsupportedAnswer | None = self.flagged.get(q.id)
        text = q.text if isinstance(q, Question) else q.name
        answer = v.Answer(
            text=tuple(text.splitlines()), explanation=q.explanation,
            choices=choices, counts=counts, answer=scored.answer, value=scored.value,
            reviewer_answer=answer_text(q, theirs) if theirs is not None else None,
            reviewer_value=response_value(q, theirs) if theirs is not None else None,
            note=a.note if a else "", unsupported=REASONS[unsupported.reason] if unsupported else "",
            unsupported_codes=unsupported.codes if unsupported else ())
        status = v.UNSUPPORTED if unsupported else (v.ANSWERED if scored.answer else v.UNANSWERED)
        reviewer = self.a.tpi.question(q.id).points if self.a.tpi else None
        row = v.Row(q.id, text.splitlines()[0] if text else q.id, q.weight if isinstance(q, Indicator) else None,
                    scored.points, scored.value, status, evidence=scored.evidence, reviewer_score=reviewer,
                    answer=answer, kind="pertanyaan")
        self.rows[q.id] = row
        return row

    def indicator(self, ind: Indicator) -> v.Group:
        subs = [self.group(s, "subindikator", rows=[self.question(q) for q in s.questions]) for s in ind.subindicators]
        return self.group(ind, "indikator", groups=subs, rows=[self.question(q) for q in ind.questions])

    def survey_row(self, ind: Indicator) -> v.Row:
        rule = self.model.survey(ind.survey)
        given = self.a.answers.survey(rule.id)
        index = given.index if given else None
        measure = v.Measure(rule.id, index, rule.index_max, given.respondents if given else None, rule.min_respondents,
                            ind.explanation, where=f"hasil.{rule.id} di lke.yaml")
        score, reviewer = self.points(ind.id)
        return v.Row(ind.id, rule.name, ind.weight, score, None if index is None else index / rule.index_max,
                     v.MEASURED if index is not None else v.NO_DATA, reviewer_score=reviewer, measure=measure,
                     kind="survei")

    def result_aspect(self, aspect) -> v.Group:
        rows = []
        for ind in aspect.indicators:
            if ind.kind == KIND_SURVEY:
                rows.append(self.survey_row(ind))
            elif ind.kind == KIND_CHOICE:
                rows.append(self.question(ind))
        return self.group(aspect, "aspek", rows=rows)


def assessment_view(a: LkeAssessment) -> v.Assessment:
    b = _Builder(a)
    model, unit, tpi = b.model, a.unit, a.tpi
    areas_of: dict[str, v.Group] = {}
    parts = []
    for part in model.parts:
        aspects = []
        for aspect in part.aspects:
            if aspect.areas:
                groups = []
                for area in aspect.areas:
                    name = model.lever_area(area.lever_area).name
                    areas_of[area.id] = b.group(area, "area", name=name,
                                                groups=[b.indicator(i) for i in area.indicators])
                    groups.append(areas_of[area.id])
                aspects.append(b.group(aspect, "aspek", groups=groups))
            else:
                aspects.append(b.result_aspect(aspect))
        parts.append(b.group(part, "bagian", groups=aspects, name=title_case(part.name)))
    halves: dict[int, list[v.Group]] = {}
    for aspect in model.aspects:
        for area in aspect.areas:
            halves.setdefault(area.lever_area, []).append(areas_of[area.id])
    lever_areas = []
    for la in model.lever_areas:
        node = next(n for n in unit.lever_areas if n.id == f"area:{la.number}")
        tpi_node = next(n for n in tpi.lever_areas if n.id == node.id) if tpi else None
        lever_areas.append(v.Group(ROMAN[la.number - 1], la.name, la.weight, node.points, label="area",
                                   reviewer_score=tpi_node.points if tpi_node else None,
                                   groups=tuple(halves.get(la.number, ()))))
    blanks = ("pertanyaan kosong dilewati dalam rata-rata (seperti rumus AVERAGE pada LKE)"
              if unit.like_worksheet else "pertanyaan kosong dihitung 0")
    return v.Assessment(
        model_id=model.id, model_name=model.name, legal_basis=tuple(model.legal_basis), title=TITLE,
        basis="dihitung dari jawaban lembar kerja unit",
        unit_name=a.plan.unit.name, as_of=a.as_of, total=unit.total, total_weight=model.total_weight,
        parts=tuple(parts), areas=tuple(lever_areas), chapters=_chapters(b),
        predicates=tuple(_predicate(p, tpi.predicate(p.id) if tpi else None, _conditions_without_data(a).get(p.id, set()))
                         for p in unit.predicates),
        gaps=tuple(v.Gap(g.id, g.text, g.gain, f"{g.answer or 'belum dijawab'} → {g.best}", g.evidence,
                         g.id in b.flagged, g.answer, g.best) for g in unit.gaps),
        record=score_data(a),
        flags=tuple(v.Flag(u.question_id, u.answer, REASONS[u.reason], u.codes, u.location) for u in a.unsupported),
        unanswered=unit.unanswered, not_computable=unit.not_computable,
        surveys=tuple(_survey(b, rule) for rule in model.surveys),
        reviews=tuple(v.ReviewNote(x.code, x.verdict.label, x.reviewer, x.date, x.note, x.verdict.value) for x in a.reviews.in_order()),
        reviewer_total=tpi.total if tpi else None,
        strict_total=a.strict.total if a.strict else unit.total,
        answers_file=a.answers.path.name, blanks_rule=blanks, answers_record=answers_data(a),
        workbook=lambda: _workbook(model, a.answers, unit.like_worksheet),
        inputs=(a.answers.path, model.path), short_name=SHORT_NAME, extra={"like_worksheet": unit.like_worksheet},
    )


def _chapters(b: _Builder) -> tuple[v.Group, ...]:
    """Worksheet areas and result aspects in worksheet order, each with its indicators' questions."""
    model = b.model
    chapters = []
    for aspect in model.aspects:
        for area in aspect.areas:
            name = f"{aspect.name.capitalize()} · {model.lever_area(area.lever_area).name}"
            chapters.append(v.Group(area.id, name, area.weight, b.points(area.id)[0], label="area", groups=tuple(
                v.Group(i.id, i.name, i.weight, b.points(i.id)[0], label="indikator",
                        rows=tuple(b.question(q) for q in i.all_questions)) for i in area.indicators)))
        indicators = tuple(
            v.Group(i.id, i.name, i.weight, b.points(i.id)[0], label="indikator",
                    rows=(b.question(i),) if i.kind == KIND_CHOICE else tuple(b.question(q) for q in i.all_questions))
            for i in aspect.indicators)
        indicators = tuple(i for i in indicators if i.rows)
        if indicators:
            chapters.append(v.Group(aspect.id, aspect.name.capitalize(), aspect.weight, b.points(aspect.id)[0],
                                    label="aspek", groups=indicators))
    return tuple(chapters)


def _conditions_without_data(a: LkeAssessment) -> dict[str, set[str]]:
    """Predicate id → ids of its conditions on a survey the answers do not report yet."""
    model = a.model
    missing = {rule.id: rule.indicator_id for rule in model.surveys
               if (found := a.answers.survey(rule.id)) is None or found.index is None}
    targets = {f"respondents:{s}" for s in missing} | set(missing.values())
    targets |= {asp.id for asp in model.result_part.aspects if all(i.id in targets for i in asp.indicators)}
    return {p.id: {c.id for c in model.predicate(p.id).conditions if c.target in targets}
            for p in a.unit.predicates}


def _predicate(p, tpi, no_data: set[str]) -> v.Predicate:
    conditions = []
    for n, c in enumerate(p.conditions):
        theirs = tpi.conditions[n] if tpi else None
        conditions.append(v.Condition(
            c.id, c.label, c.required, c.actual, c.passed, c.shortfall, unit=c.unit, share=c.share,
            actual_text=words.no_data("survei") if c.id in no_data else "",
            reviewer_actual=theirs.actual if theirs else None, reviewer_passed=theirs.passed if theirs else None))
    criteria = tuple(v.Criterion(c.text, c.required, c.declared, c.status) for c in p.criteria)
    return v.Predicate(p.id, p.name, p.eligible, tuple(conditions), criteria,
                       "Persyaratan pengusulan (Tabel 5, data yang dinyatakan)",
                       reviewer_conditions_ok=tpi.conditions_ok if tpi else None)


def _survey(b: _Builder, rule) -> v.Survey:
    given = b.a.answers.survey(rule.id)
    ind = next((i for i in b.model.indicators if i.kind == KIND_SURVEY and i.survey == rule.id), None)
    score = b.points(ind.id)[0] if ind else None
    return v.Survey(rule.id, rule.name, given.respondents if given else None, given.index if given else None,
                    (0, int(rule.index_max)), rule.min_respondents, score, ind.weight if ind else None,
                    given is not None)


def _workbook(model, answers, like_worksheet: bool) -> bytes:
    # Imported here: openpyxl takes about 0.12 s to import, paid only by the commands that write a workbook.
    from build_tools.assess.lke_workbook import build_workbook

    return build_workbook(model, answers, like_worksheet=like_worksheet)
