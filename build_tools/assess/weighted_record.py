"""The 2019 model's score as JSON data (``score --format json``).

The keys are stable and documented in README ("Laporan penilaian JSON"); the
golden files in ``tests/golden/`` pin them byte for byte.
"""

from __future__ import annotations

from build_tools.assess.readiness import (
    AreaScore,
    ConditionResult,
    ItemScore,
    Readiness,
    ResultTarget,
)
from build_tools.assess.reviews import Review
from build_tools.core.numbers import round_half_up


def _r(value: float, decimals: int = 2) -> float:
    return round_half_up(value, decimals)



def review_json(review: Review | None) -> dict | None:
    if review is None:
        return None
    return {"verdict": review.verdict.value, "reviewer": review.reviewer,
            "date": review.date.isoformat() if review.date else None, "note": review.note}


def item_json(i: ItemScore) -> dict:
    return {
        "code": i.item.code, "title": i.item.title, "component": f"{i.item.area_id}.{i.item.component_number}",
        "weight": _r(i.item.weight, 4), "value": _r(i.value, 4), "score": _r(i.score, 4),
        "planned": _r(i.planned, 4), "planned_score": _r(i.planned_score, 4),
        "status": i.status.status.value, "review": review_json(i.review),
    }


def area_json(a: AreaScore) -> dict:
    data: dict = {"id": a.id, "name": a.area.name, "kind": a.kind, "weight": a.weight, "score": a.score}
    if a.kind == "pengungkit":
        data["planned"] = a.planned
        data["components"] = [{
            "id": c.id, "name": c.component.name, "weight": _r(c.component.weight, 4),
            "score": _r(c.score, 4), "items": [item_json(i) for i in c.items],
        } for c in a.components]
    else:
        data["sub_components"] = [{
            "id": s.sub.id, "name": s.sub.name, "kind": s.sub.kind, "weight": s.sub.weight,
            "share": None if s.share is None else _r(s.share, 4), "score": s.score,
        } for s in a.subs]
    return data


def condition_json(c: ConditionResult) -> dict:
    return {"id": c.condition.id, "label": c.condition.label, "measure": c.condition.measure,
            "operator": c.condition.operator, "required": c.condition.required, "actual": c.actual,
            "pass": c.passed, "shortfall": c.shortfall, "source": c.condition.source}


def target_json(t: ResultTarget) -> dict:
    return {"sub_component": t.sub.id, "name": t.sub.name, "predicate": t.predicate,
            "current_score": t.current_score, "required_score": t.required_score,
            "reachable": t.reachable, "required_index": t.required_index,
            "required_followed_up": t.required_followed_up, "findings": t.findings}


def to_data(r: Readiness) -> dict:
    return {
        "as_of": r.as_of.isoformat(),
        "unit": r.plan.unit.name,
        "model": {"id": r.model.id, "legal_basis": r.model.legal_basis},
        "total": r.total,
        "pengungkit": r.lever,
        "pengungkit_rencana": r.lever_planned,
        "hasil": r.result,
        "areas": [area_json(a) for a in r.areas],
        "predikat": {p: {"eligible": res.eligible, "conditions": [condition_json(c) for c in res.conditions]}
                     for p, res in r.predicates.items()},
        "gaps": {
            "items": [{"code": i.item.code, "title": i.item.title, "area": i.item.area_id,
                       "points": _r(i.gain, 2), "reason": i.reason} for i in r.gaps],
            "results": [target_json(t) for t in r.targets],
        },
        "surveys": [{
            "id": s.survey.id, "name": s.survey.name, "respondents": s.respondents,
            "index": None if s.index is None else _r(s.index, 4),
            "minimum_sample": r.model.sample_minimum.count,
            "files": [{"path": f.path, "encoding": f.encoding, "delimiter": f.delimiter,
                       "respondents": f.respondents} for f in s.files],
            "aspects": [{"id": a.id, "answers": a.answers,
                         "mean": None if a.mean is None else _r(a.mean, 4)} for a in s.aspects],
        } for s in r.surveys.values()],
        "data": {"tlhp": {"findings": r.data.findings, "followed_up": r.data.followed_up},
                 "opini_bpk": {str(y): o for y, o in r.data.opinions.items()},
                 "akip": r.data.akip, "sudah_wbk": r.data.already_wbk},
        "reviews": [{"code": v.code, **(review_json(v) or {})} for v in r.reviews.in_order()],
        "timeline": [{"month": p.month.iso(), "planned": p.planned, "delivered": p.delivered}
                     for p in r.timeline],
        "warnings": list(r.warnings),
    }

