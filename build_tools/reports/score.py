"""Score reports: text (Bahasa Indonesia), JSON and the worksheet rows (CSV).

The JSON keys are stable and documented in README ("Laporan penilaian JSON").
The worksheet rows are shared by the CSV and the .xlsx export
(:mod:`build_tools.reports.score_xlsx`), so both show the same figures.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from build_tools.assess.readiness import (
    GAP_TOP,
    AreaScore,
    ConditionResult,
    ItemScore,
    Readiness,
    ResultTarget,
    round_half_up,
)
from build_tools.assess.reviews import Review
from build_tools.core.escape import clean, csv_text, shown
from build_tools.core.months import format_date

PREDICATE_NAMES = {"wbk": "WBK (Wilayah Bebas dari Korupsi)",
                   "wbbm": "WBBM (Wilayah Birokrasi Bersih dan Melayani)"}


def _r(value: float, decimals: int = 2) -> float:
    return round_half_up(value, decimals)


def show(value: object) -> str:
    """A value as Indonesian text: decimal comma, ya/tidak, 'belum ada data'."""
    if value is None:
        return "belum ada data"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def cover_figures(r) -> dict[str, str]:
    """The readiness figures printed on the bundle's cover, label → value.

    ``r`` is a 2019-model :class:`Readiness` or an LKE assessment.
    """
    plan = r.plan
    if hasattr(r, "answers"):  # LKE assessment: the unit's own answers
        model, score = r.model, r.unit
        total, lever, result = (score.total, score.node(model.lever_part.id).points,
                                score.node(model.result_part.id).points)
        eligible = {p.id: p.eligible for p in score.predicates}
    else:
        total, lever, result = r.total, r.lever, r.result
        eligible = {key: p.eligible for key, p in r.predicates.items()}
    figures = {
        "Nilai total": f"{show(float(total))} dari {show(float(plan.lever_weight + plan.result_weight))}",
        "Pengungkit": f"{show(float(lever))} dari {show(float(plan.lever_weight))}",
        "Hasil": f"{show(float(result))} dari {show(float(plan.result_weight))}",
    }
    for key, label in (("wbk", "Syarat WBK"), ("wbbm", "Syarat WBBM")):
        if key in eligible:
            figures[label] = "terpenuhi" if eligible[key] else "belum terpenuhi"
    return figures


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------

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


def to_json(r: Readiness) -> str:
    return json.dumps(clean(to_data(r)), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

def actual_text(c: ConditionResult) -> str:
    """The actual value of a condition, with its unit where it has one."""
    if c.condition.measure == "tahun_opini_berturut" and c.actual is not None:
        return f"{c.actual} tahun {c.condition.opinion} berturut-turut"
    return show(c.actual)


def required_text(c: ConditionResult) -> str:
    if c.condition.measure == "tahun_opini_berturut":
        return f"{c.condition.required} tahun {c.condition.opinion}"
    return show(c.condition.required)


def condition_text(c: ConditionResult) -> str:
    mark = "✓" if c.passed else "✗"
    text = f"{mark} {c.condition.label}: {actual_text(c)}"
    if not c.passed and c.shortfall:
        text += f" (kurang {show(c.shortfall)})"
    return text


def target_text(t: ResultTarget) -> str:
    if t.sub.kind == "survei":
        need = f"indeks survei berikutnya minimal {show(t.required_index)}"
    elif t.required_followed_up is not None:
        need = f"minimal {t.required_followed_up} dari {t.findings} temuan ditindaklanjuti"
    elif t.findings is None:
        need = "data TLHP belum ada"
    else:
        need = f"{t.findings} temuan"
    text = f"{t.sub.name}: perlu nilai {show(t.required_score)} dari {show(t.sub.weight)} — {need}"
    if t.reachable:
        return text
    own = (f"; syarat sub komponen ini sendiri minimal {show(t.own_required)}"
           if t.own_required is not None else "")
    return (f"{t.sub.name}: syarat nilai areanya baru tercapai bila sub komponen lain juga naik "
            f"(dengan nilai sub komponen lain saat ini, sub komponen ini perlu {show(t.required_score)} "
            f"dari {show(t.sub.weight)}){own}")


def to_text(r: Readiness) -> str:
    lines = [
        f"Penilaian Zona Integritas — {r.plan.unit.name}",
        f"Per tanggal {format_date(r.as_of)} · model {r.model.id}",
        "",
        f"Nilai total: {show(r.total)} dari 100",
        f"Pengungkit: {show(r.lever)} dari {show(r.plan.lever_weight)} "
        f"(rencana sampai tanggal ini: {show(r.lever_planned)})",
    ]
    for a in r.lever_areas:
        lines.append(f"  {a.id:<4} {a.area.name:<45} {show(a.score):>6} / {show(a.weight):>6}"
                     f"   rencana {show(a.planned)}")
    lines.append(f"Hasil: {show(r.result)} dari {show(r.plan.result_weight)}")
    for a in r.result_areas:
        lines.append(f"  {a.id:<4} {a.area.name[:45]:<45} {show(a.score):>6} / {show(a.weight):>6}")
        for s in a.subs:
            detail = ""
            if s.survey is not None:
                idx = "belum ada" if s.survey.index is None else show(_r(s.survey.index, 2))
                detail = f" (indeks {idx}, {s.survey.respondents} responden)"
            elif s.sub.kind == "tlhp":
                detail = (f" ({r.data.followed_up} dari {r.data.findings} temuan)"
                          if r.data.findings is not None else " (belum ada data)")
            lines.append(f"       - {s.sub.name}: {show(s.score)} / {show(s.sub.weight)}{detail}")
    for predicate, res in r.predicates.items():
        verdict = "MEMENUHI SYARAT" if res.eligible else "BELUM MEMENUHI SYARAT"
        lines += ["", f"{PREDICATE_NAMES.get(predicate, predicate)}: {verdict}"]
        lines += [f"  {condition_text(c)}" for c in res.conditions]
    if r.gaps:
        lines += ["", f"Bukti yang paling cepat menutup selisih ({min(GAP_TOP, len(r.gaps))} dari {len(r.gaps)}):"]
        for i in r.gaps[:GAP_TOP]:
            lines.append(f"  +{show(_r(i.gain, 2)):>5}  {i.item.code:<8} {i.item.title} ({i.reason})")
    if r.targets:
        lines += ["", "Target komponen hasil:"]
        for t in r.targets:
            lines.append(f"  [{t.predicate.upper()}] {target_text(t)}")
    if r.warnings:
        lines += ["", "Peringatan:"] + [f"  - {w}" for w in r.warnings]
    return shown("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------
# Worksheet rows (CSV and xlsx)
# ---------------------------------------------------------------------------

WORKSHEET_HEADER = ("jenis", "id", "uraian", "bobot", "nilai", "skor", "status", "putusan_tpi")


@dataclass(frozen=True)
class Row:
    kind: str
    """bagian | area | komponen | bukti | sub_komponen | total."""
    id: str
    text: str
    weight: float | None
    value: float | None
    """Share 0–1 (item, sub-component), None for sums."""
    score: float | None
    status: str = ""
    verdict: str = ""


def worksheet_rows(r: Readiness) -> list[Row]:
    rows = [Row("bagian", "A", "Komponen Pengungkit", r.plan.lever_weight, None, r.lever)]
    for a in r.lever_areas:
        rows.append(Row("area", a.id, a.area.name, a.weight, None, a.score))
        for c in a.components:
            rows.append(Row("komponen", c.id, c.component.name, c.component.weight, None, c.score))
            for i in c.items:
                rows.append(Row("bukti", i.item.code, i.item.title, i.item.weight, i.value, i.score,
                                i.status.status.label, i.review.verdict.label if i.review else ""))
    rows.append(Row("bagian", "B", "Komponen Hasil", r.plan.result_weight, None, r.result))
    for a in r.result_areas:
        rows.append(Row("area", a.id, a.area.name, a.weight, None, a.score))
        for s in a.subs:
            rows.append(Row("sub_komponen", s.sub.id, s.sub.name, s.sub.weight, s.share, s.score,
                            "" if s.share is not None else "belum ada data"))
    rows.append(Row("total", "", "Nilai total", 100.0, None, r.total))
    return rows


def to_csv(r: Readiness) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(WORKSHEET_HEADER)
    for row in worksheet_rows(r):
        writer.writerow([csv_text(row.kind), csv_text(row.id), csv_text(row.text), _num(row.weight, 4),
                         _num(row.value, 4), _num(row.score, 4), csv_text(row.status), csv_text(row.verdict)])
    return out.getvalue()


def _num(value: float | None, decimals: int) -> str:
    return "" if value is None else repr(_r(value, decimals))


FORMATS = {"text": to_text, "json": to_json}
