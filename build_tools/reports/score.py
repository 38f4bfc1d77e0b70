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
from build_tools.core import words

PREDICATE_NAMES = {"wbk": "WBK (Wilayah Bebas dari Korupsi)",
                   "wbbm": "WBBM (Wilayah Birokrasi Bersih dan Melayani)"}


def _r(value: float, decimals: int = 2) -> float:
    return round_half_up(value, decimals)


def show(value: object) -> str:
    """A value as Indonesian text: decimal comma, ya/tidak, 'belum ada data'."""
    if value is None:
        return words.NO_DATA
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return words.number(value)
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
    return json.dumps(to_data(r), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

NAME_WIDTH = 45


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


def _need_text(t: ResultTarget) -> str:
    if t.sub.kind == "survei":
        return f"indeks survei berikutnya minimal {show(t.required_index)}"
    if t.findings is None:
        return words.no_data("TLHP")
    if t.required_followed_up is not None:
        return f"minimal {t.required_followed_up} dari {t.findings} temuan ditindaklanjuti"
    return f"{t.findings} temuan"


def target_text(t: ResultTarget) -> str:
    """What a result sub-component must reach, phrased as a rise.

    When its area's threshold needs more than this sub-component can give,
    the text says which of the area's other sub-components must rise too.
    """
    current, required, maximum = t.current_score, t.required_score, float(t.sub.weight)
    if t.reachable:
        text = words.raise_by(current, required, maximum)
        if required > current + 1e-9:
            text += f"; {_need_text(t)}"
        return f"{t.sub.name}: {text}"
    rise = words.number(required - current)
    others = words.listing(list(t.others), "atau")
    area = (f"jadi syarat area hanya tercapai bila {others} juga naik" if others
            else "jadi syarat area tidak dapat tercapai")
    text = (f"{t.sub.name}: perlu naik {rise} poin; sub komponen ini paling tinggi "
            f"{words.number(maximum)}, {area}")
    if t.own_required is not None:
        own = ("sudah tercapai" if current + 1e-9 >= t.own_required
               else f"perlu naik {words.number(t.own_required - current)} poin")
        text += f"; syarat sub komponen ini sendiri, minimal {show(t.own_required)}: {own}"
    return text


def _sub_detail(r: Readiness, s) -> str:
    if s.survey is not None:
        if s.survey.index is None:
            return f" ({words.no_data('survei')})"
        return f" (indeks {show(_r(s.survey.index, 2))}, {s.survey.respondents} responden)"
    if s.sub.kind == "tlhp":
        if r.data.findings is None:
            return f" ({words.no_data('TLHP')})"
        return f" ({r.data.followed_up} dari {r.data.findings} temuan ditindaklanjuti)"
    return ""


def _area_lines(a: AreaScore, rest: str) -> list[str]:
    return [f"  {a.id:<4} {line}" if n == 0 else f"       {line}"
            for n, line in enumerate(words.column_lines(a.area.name, NAME_WIDTH, rest))]


def to_text(r: Readiness) -> str:
    lines = [
        f"Penilaian Zona Integritas — {r.plan.unit.name}",
        f"Per tanggal {words.date_text(r.as_of)} · model {r.model.id}",
        "",
        f"Nilai total: {show(r.total)} dari 100",
        f"Pengungkit: {show(r.lever)} dari {show(r.plan.lever_weight)} "
        f"(rencana sampai tanggal ini: {show(r.lever_planned)})",
    ]
    for a in r.lever_areas:
        lines += _area_lines(a, f" {show(a.score):>6} / {show(a.weight):>6}   rencana {show(a.planned)}")
    lines.append(f"Hasil: {show(r.result)} dari {show(r.plan.result_weight)}")
    for a in r.result_areas:
        lines += _area_lines(a, f" {show(a.score):>6} / {show(a.weight):>6}")
        for s in a.subs:
            lines.append(f"       - {s.sub.name}: {show(s.score)} / {show(s.sub.weight)}{_sub_detail(r, s)}")
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
    unused = words.unused_files_lines(r.unused_files)
    if unused:
        lines += [""] + unused
    return "\n".join(lines) + "\n"


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
                            "" if s.share is not None else words.NO_DATA))
    rows.append(Row("total", "", "Nilai total", 100.0, None, r.total))
    return rows


def to_csv(r: Readiness) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(WORKSHEET_HEADER)
    for row in worksheet_rows(r):
        writer.writerow([row.kind, row.id, row.text, _num(row.weight, 4), _num(row.value, 4),
                         _num(row.score, 4), row.status, row.verdict])
    return out.getvalue()


def _num(value: float | None, decimals: int) -> str:
    return "" if value is None else repr(_r(value, decimals))


FORMATS = {"text": to_text, "json": to_json}
