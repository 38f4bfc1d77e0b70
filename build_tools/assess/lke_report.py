"""The LKE self-assessment report: text (Bahasa Indonesia) and JSON.

``assess`` gathers the unit's score, the TPI's score (when the answers file
has TPI answers) and the *jawaban tanpa data dukung* findings; ``to_text`` and
``to_json`` render it. JSON keys are stable and documented in README.md
("Laporan JSON LKE").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from build_tools.assess.lke_answers import Answers
from build_tools.assess.lke_evidence import (
    REASONS,
    UnsupportedAnswer,
    unsupported_answers,
)
from build_tools.assess.lke_score import TPI, UNIT, LkeScore, PredicateResult, score_lke
from build_tools.assess.reviews import Reviews, Verdict
from build_tools.check.completeness import Completeness
from build_tools.core.escape import clean, csv_text, shown
from build_tools.models.registry import ROMAN
from build_tools.plan.structure import Plan

GAPS_IN_TEXT = 15
_STATUS_MARKS = {"terpenuhi": "✓", "tidak_terpenuhi": "✗", "belum_dinyatakan": "?"}
_STATUS_LABELS = {"terpenuhi": "terpenuhi", "tidak_terpenuhi": "tidak terpenuhi",
                  "belum_dinyatakan": "belum dinyatakan"}


@dataclass(frozen=True)
class LkeAssessment:
    plan: Plan
    answers: Answers
    as_of: dt.date
    unit: LkeScore
    tpi: LkeScore | None
    unsupported: tuple[UnsupportedAnswer, ...]
    reviews: Reviews = Reviews(None, {})
    """The TPI's verdicts (``reviews.yaml``); ``ditolak`` evidence supports no answer."""

    @property
    def model(self):  # -> LkeModel
        return self.answers.model


def rejected_codes(reviews: Reviews) -> frozenset[str]:
    return frozenset(code for code, r in reviews.by_code.items() if r.verdict is Verdict.REJECTED)


def assess(plan: Plan, completeness: Completeness, answers: Answers, *,
           like_worksheet: bool = False, reviews: Reviews = Reviews(None, {})) -> LkeAssessment:
    model = answers.model
    unit = score_lke(model, answers, who=UNIT, like_worksheet=like_worksheet)
    tpi = score_lke(model, answers, who=TPI, like_worksheet=like_worksheet) if answers.has_tpi else None
    return LkeAssessment(plan, answers, completeness.as_of, unit, tpi,
                         unsupported_answers(model, answers, completeness, rejected_codes(reviews)), reviews)


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------

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


def to_json(a: LkeAssessment) -> str:
    model = a.answers.model
    data = {
        "as_of": a.as_of.isoformat(),
        "unit": a.plan.unit.name,
        "model": {"id": model.id, "name": model.name, "legal_basis": list(model.legal_basis)},
        "answers_file": a.answers.path.name,
        "like_worksheet": a.unit.like_worksheet,
        "score": score_json(a.unit, a.unsupported),
        "tpi": score_json(a.tpi) if a.tpi else None,
        "unsupported": _unsupported_json(a.unsupported),
    }
    return json.dumps(clean(data), ensure_ascii=False, indent=2) + "\n"


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


def to_score_json(a: LkeAssessment) -> str:
    return json.dumps(clean(score_data(a)), ensure_ascii=False, indent=2) + "\n"


CSV_HEADER = ("id", "penilaian", "bobot", "jawaban", "nilai", "poin", "bukti", "tanpa_data_dukung")


def to_csv(a: LkeAssessment) -> str:
    """One row per question (and choice indicator): the worksheet's answer, value and points."""
    flagged = {u.question_id for u in a.unsupported}
    texts = {q.id: (q.text.splitlines()[0], None) for q in a.model.questions}
    texts |= {i.id: (i.name, i.weight) for i in a.model.choice_indicators}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for q in a.unit.questions:
        text, weight = texts[q.id]
        writer.writerow([csv_text(q.id), csv_text(text), "" if weight is None else f"{weight:g}", csv_text(q.answer),
                         "" if q.value is None else f"{q.value:.4f}", f"{q.points:.4f}",
                         csv_text(" ".join(q.evidence)), "ya" if q.id in flagged else ""])
    return out.getvalue()


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

def num(value: float, digits: int = 2) -> str:
    """Indonesian decimal comma: 18.25 → '18,25'."""
    return f"{value:.{digits}f}".replace(".", ",")


def to_text(a: LkeAssessment) -> str:
    model = a.answers.model
    unit, tpi = a.unit, a.tpi
    out: list[str] = []
    out.append(f"Penilaian mandiri LKE Zona Integritas — {a.plan.unit.name}")
    out.append(f"Model: {model.name}")
    out.append(f"Dasar hukum: {model.legal_basis[0]}")
    blanks = ("pertanyaan kosong dilewati dalam rata-rata (seperti rumus AVERAGE pada LKE)"
              if unit.like_worksheet else "pertanyaan kosong dihitung 0")
    out.append(f"Jawaban: {a.answers.path.name} · per {a.as_of.isoformat()} · {blanks}")
    out.append("")
    head = f"{'':52} {'Bobot':>7} {'Nilai':>7}" + (f" {'TPI':>7}" if tpi else "")
    out.append(head)
    depth, names = {}, {}
    for p in model.parts:
        depth[p.id], names[p.id] = 0, p.name.capitalize()
        for asp in p.aspects:
            depth[asp.id], names[asp.id] = 1, asp.name.capitalize()
            for ar in asp.areas:
                depth[ar.id], names[ar.id] = 2, model.lever_area(ar.lever_area).name
            for ind in asp.indicators:
                depth[ind.id], names[ind.id] = 2, ind.name
    for node in unit.nodes:
        if node.id == "total" or node.id not in depth:
            continue
        label = f"{'  ' * depth[node.id]}{node.id} {names[node.id]}"
        line = f"{label[:52]:52} {num(node.weight):>7} {num(node.points):>7}"
        if tpi:
            line += f" {num(tpi.node(node.id).points):>7}"
        out.append(line)
    line = f"{'Nilai total':52} {num(model.total_weight):>7} {num(unit.total):>7}"
    out.append(line + (f" {num(tpi.total):>7}" if tpi else ""))
    out.append("")
    out.append("Area pengungkit (pemenuhan + reform):")
    for area in unit.lever_areas:
        out.append(f"  {area.id.split(':')[1]} {area.name[:44]:44} {num(area.weight):>7} {num(area.points):>7}"
                   f" {num(area.share * 100, 1):>6} %")
    for p in unit.predicates:
        out.append("")
        out.extend(_predicate_text(p, tpi.predicate(p.id) if tpi else None))
    out.append("")
    if unit.unanswered:
        how = "dilewati dalam rata-rata" if unit.like_worksheet else "dihitung 0"
        out.append(f"Belum dijawab ({len(unit.unanswered)}, {how}): " + ", ".join(unit.unanswered))
    else:
        out.append("Semua pertanyaan sudah dijawab.")
    if unit.not_computable:
        out.append("Tidak dapat dihitung (pembagi 0, diperlakukan sebagai belum dijawab): "
                   + ", ".join(unit.not_computable))
    out.append("")
    if a.unsupported:
        out.append(f"Jawaban tanpa data dukung ({len(a.unsupported)}):")
        for u in a.unsupported:
            codes = f": {', '.join(u.codes)}" if u.codes else ""
            out.append(f"  {u.location} {u.question_id} dijawab {u.answer} — {REASONS[u.reason]}{codes}")
    else:
        out.append("Jawaban tanpa data dukung: tidak ada.")
    out.append("")
    if unit.gaps:
        out.append(f"Peluang kenaikan nilai terbesar ({min(GAPS_IN_TEXT, len(unit.gaps))} dari {len(unit.gaps)}):")
        flagged = {u.question_id for u in a.unsupported}
        for g in unit.gaps[:GAPS_IN_TEXT]:
            now = g.answer or "kosong"
            evidence = ", ".join(g.evidence) if g.evidence else "belum ada kode bukti"
            mark = " (tanpa data dukung)" if g.id in flagged else ""
            out.append(f"  +{num(g.gain)}  {g.id}  {now} → {g.best}  bukti: {evidence}{mark}")
            out.append(f"         {g.text[:90]}")
    else:
        out.append("Tidak ada jawaban yang masih dapat ditingkatkan.")
    return shown("\n".join(out) + "\n")


def _predicate_text(p: PredicateResult, tpi: PredicateResult | None) -> list[str]:
    verdict = "MEMENUHI SYARAT" if p.eligible else "BELUM MEMENUHI SYARAT"
    out = [f"Syarat {p.name}: {verdict}"
           + (f" (menurut nilai TPI: {'memenuhi' if tpi.conditions_ok else 'belum memenuhi'} syarat nilai)"
              if tpi else "")]
    for c in p.conditions:
        mark = "✓" if c.passed else "✗"
        if c.unit == "responden":
            required, actual = f"≥ {c.required:.0f}", f"{c.actual:.0f}"
            short = f"  kurang {c.shortfall:.0f} responden" if not c.passed else ""
        else:
            required, actual = f"≥ {num(c.required)}", num(c.actual)
            short = f"  kurang {num(c.shortfall)}" if not c.passed else ""
        label = c.label + (f", {num(c.share * 100, 0)} % bobot" if c.share is not None else "")
        out.append(f"  {mark} {label:68} {required:>9} {actual:>7}{short}")
    out.append("  Persyaratan pengusulan (Tabel 5, data yang dinyatakan):")
    for c in p.criteria:
        declared = f"dinyatakan {c.declared}" if c.declared is not None else "belum dinyatakan"
        out.append(f"  {_STATUS_MARKS[c.status]} {c.text}: {c.required}; {declared}"
                   + ("" if c.status != "tidak_terpenuhi" else " — tidak terpenuhi"))
    return out


FORMATS = {"text": to_text, "json": to_json}
