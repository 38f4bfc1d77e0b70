"""The LKE self-assessment as JSON data: ``lke --format json`` and, for an
LKE-model plan, ``score --format json`` (the 2019 score's top-level keys with
the LKE figures). Keys are stable and documented in README ("Laporan JSON LKE").
"""

from __future__ import annotations

from build_tools.assess.lke_evidence import UnsupportedAnswer
from build_tools.assess.lke_report import LkeAssessment
from build_tools.assess.lke_score import LkeScore, PredicateResult
from build_tools.models.common import ROMAN


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _predicate_json(p: PredicateResult) -> dict:
    return {
        "name": p.name, "eligible": p.eligible, "conditions_ok": p.conditions_ok, "criteria_ok": p.criteria_ok,
        "conditions": [{"id": c.id, "label": c.label, "required": _r(c.required), "actual": _r(c.actual),
                        "passed": c.passed, "shortfall": _r(c.shortfall), "unit": c.unit, "share": c.share}
                       for c in p.conditions],
        "criteria": [{"id": c.id, "text": c.text, "required": c.required, "declared": c.declared,
                      "status": c.status} for c in p.criteria],
    }


def score_json(score: LkeScore, unsupported: tuple[UnsupportedAnswer, ...] = ()) -> dict:
    flagged = {u.question_id for u in unsupported}
    return {
        "total": _r(score.total),
        "nodes": [{"id": n.id, "name": n.name, "weight": n.weight, "points": _r(n.points)} for n in score.nodes],
        "lever_areas": [{"id": a.id, "number": int(a.id.split(":")[1]), "name": a.name, "weight": a.weight,
                         "points": _r(a.points), "share": _r(a.share)} for a in score.lever_areas],
        "questions": [{"id": q.id, "answer": q.answer, "value": _r(q.value), "points": _r(q.points),
                       "evidence": list(q.evidence), "note": q.note} for q in score.questions],
        "predicates": {p.id: _predicate_json(p) for p in score.predicates},
        "unanswered": list(score.unanswered),
        "not_computable": list(score.not_computable),
        "gaps": [{"id": g.id, "text": g.text, "answer": g.answer, "best": g.best, "gain": _r(g.gain),
                  "evidence": list(g.evidence), "unsupported": g.id in flagged} for g in score.gaps],
    }


def _unsupported_json(found: tuple[UnsupportedAnswer, ...]) -> list[dict]:
    return [{"id": u.question_id, "answer": u.answer, "reason": u.reason, "codes": list(u.codes),
             "location": u.location} for u in found]


def answers_data(a: LkeAssessment) -> dict:
    """``lke --format json``."""
    model = a.answers.model
    return {
        "as_of": a.as_of.isoformat(),
        "unit": a.plan.unit.name,
        "model": {"id": model.id, "name": model.name, "legal_basis": list(model.legal_basis)},
        "answers_file": a.answers.path.name,
        "like_worksheet": a.unit.like_worksheet,
        "score": score_json(a.unit, a.unsupported),
        "strict_total": _r(a.strict.total if a.strict else a.unit.total),
        "tpi": score_json(a.tpi) if a.tpi else None,
        "unsupported": _unsupported_json(a.unsupported),
    }


# ---------------------------------------------------------------------------
# The score command's JSON and CSV (same top-level keys as the 2019 score)
# ---------------------------------------------------------------------------

def _condition_score_json(c) -> dict:
    return {"id": c.id, "label": c.label, "required": _r(c.required), "actual": _r(c.actual),
            "pass": c.passed, "shortfall": _r(c.shortfall), "unit": c.unit, "share": c.share}


def score_data(a: LkeAssessment) -> dict:
    """``score --format json`` for an LKE-model plan.

    The 2019 score's keys (``total``, ``pengungkit``, ``hasil``, ``areas``,
    ``predikat``, ``gaps``) with the LKE figures; the full LKE report
    (``lke``, ``tpi``) beside them. Areas: the six lever areas as the plan
    numbers them (``I`` … ``VI``, pemenuhan + reform) and the result aspects.
    """
    model, unit = a.model, a.unit
    areas = []
    for la, node in zip(model.lever_areas, unit.lever_areas):
        areas.append({
            "id": ROMAN[la.number - 1], "name": la.name, "kind": "pengungkit", "weight": la.weight,
            "score": _r(node.points), "share": _r(node.share),
            "parts": [{"id": aid, "aspect": next(asp.name for asp in model.aspects if any(x.id == aid for x in asp.areas)),
                       "weight": unit.node(aid).weight, "score": _r(unit.node(aid).points)} for aid in la.area_ids],
        })
    for aspect in model.result_part.aspects:
        areas.append({
            "id": aspect.id, "name": aspect.name, "kind": "hasil", "weight": aspect.weight,
            "score": _r(unit.node(aspect.id).points), "share": _r(unit.node(aspect.id).share),
            "parts": [{"id": i.id, "name": i.name, "weight": i.weight, "score": _r(unit.node(i.id).points)}
                      for i in aspect.indicators],
        })
    flagged = {u.question_id for u in a.unsupported}
    return {
        "as_of": a.as_of.isoformat(),
        "unit": a.plan.unit.name,
        "model": {"id": model.id, "kind": model.kind, "name": model.name,
                  "legal_basis": "; ".join(model.legal_basis)},
        "total": _r(unit.total),
        "strict_total": _r(a.strict.total if a.strict else unit.total),
        "pengungkit": _r(unit.node(model.lever_part.id).points),
        "hasil": _r(unit.node(model.result_part.id).points),
        "areas": areas,
        "predikat": {p.id: {"name": p.name, "eligible": p.eligible, "conditions_ok": p.conditions_ok,
                            "criteria_ok": p.criteria_ok,
                            "conditions": [_condition_score_json(c) for c in p.conditions],
                            "criteria": _predicate_json(p)["criteria"]} for p in unit.predicates},
        "gaps": {
            "questions": [{"id": g.id, "text": g.text, "answer": g.answer, "best": g.best, "points": _r(g.gain),
                           "evidence": list(g.evidence), "unsupported": g.id in flagged} for g in unit.gaps],
            "unsupported": _unsupported_json(a.unsupported),
        },
        "answers_file": a.answers.path.name,
        "like_worksheet": unit.like_worksheet,
        "surveys": [{"id": rule.id, "name": rule.name,
                     "index": s.index if (s := a.answers.survey(rule.id)) else None,
                     "respondents": s.respondents if s else None,
                     "minimum_sample": rule.min_respondents} for rule in model.surveys],
        "reviews": [{"code": r.code, "verdict": r.verdict.value, "reviewer": r.reviewer,
                     "date": r.date.isoformat() if r.date else None, "note": r.note}
                    for r in a.reviews.in_order()],
        "lke": score_json(unit, a.unsupported),
        "tpi": score_json(a.tpi) if a.tpi else None,
    }


