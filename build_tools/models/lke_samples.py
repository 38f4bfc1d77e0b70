"""A sample LKE answers file (``lke.yaml``) for the demo unit, the benchmarks and tests.

Every question is answered (most at their best choice, some one step lower),
and each cites evidence codes of the plan area with the same number as its
lever area (plan area III for LKE area 3), so the site's LKE pages and the
``--order lke`` bundle have something real to show. Every seventh question
cites nothing, and every ninth has a differing TPI answer. Deterministic.

Given the state of the unit's evidence (``evidence``: code → complete or not,
as the demo does), the answers agree with it the way a careful team answers:
every question cites codes of its area; one whose cited evidence is all
complete gets its best choice, one whose evidence is partly there one step
lower, and one whose evidence is not there yet its lowest choice (never a
claim without support, never "Tidak" beside a complete SK).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.models.lke import DECREASE, Indicator, LkeModel, Question
from build_tools.plan.structure import Plan

NO_EVIDENCE_EVERY = 7
TPI_EVERY = 9


BEST, LOWER, LOWEST = 0, 1, 2


def _response(q: Question | Indicator, n: int, level: int | None = None) -> object:
    """The answer at ``level`` (best, one lower, lowest); without a level: the fixed sample pattern."""
    if isinstance(q, Question) and q.is_percent:
        f = q.formula
        assert f is not None
        if level is None:
            rows = {f.previous: 4, f.current: 1} if f.kind == DECREASE else {f.denominator: 10, f.numerator: 8 + n % 3}
        elif f.kind == DECREASE:
            rows = {f.previous: 4, f.current: (0, 1, 4)[level]}
        else:
            rows = {f.denominator: 10, f.numerator: (10, 8, 0)[level]}
        return {k.rsplit(".", 1)[1]: v for k, v in rows.items()}
    assert q.scale is not None
    ordered = sorted(q.scale.letters, key=lambda letter: -q.scale.value(letter))
    if level is None:
        return ordered[0] if n % 4 else ordered[min(1, len(ordered) - 1)]
    return ordered[(0, min(1, len(ordered) - 1), len(ordered) - 1)[level]]


def _level(codes: list[str], evidence: dict[str, bool]) -> int:
    complete = [evidence.get(c, False) for c in codes]
    if complete and all(complete):
        return BEST
    return LOWER if any(complete) else LOWEST


def sample_answers(plan: Plan, model: LkeModel, evidence: dict[str, bool] | None = None) -> dict:
    """The answers file as data (dump it with :func:`write_sample_answers`).

    ``evidence``: evidence code → complete; when given, every answer agrees with the evidence it cites.
    """
    codes_by_area = {n: [i.code for i in area.evidence] for n, area in enumerate(plan.lever_areas, 1)}
    answers: dict[str, dict] = {}
    questions: list[Question | Indicator] = [*model.questions, *model.choice_indicators]
    for n, q in enumerate(questions):
        lever = q.lever_area if isinstance(q, Question) else 0
        pool = codes_by_area.get(lever) or list(plan.codes)
        key = "jumlah" if isinstance(q, Question) and q.is_percent else "jawaban"
        # With the evidence known, every question cites what supports it (its area's codes).
        cited = (sorted({pool[n % len(pool)], pool[(n + 3) % len(pool)]}, key=lambda c: plan.codes.index(c))
                 if n % NO_EVIDENCE_EVERY or evidence is not None else [])
        level = _level(cited, evidence) if evidence is not None else None
        entry: dict = {key: _response(q, n, level), "bukti": cited}
        if n % TPI_EVERY == 4:
            entry["tpi"] = (_response(q, n + 1, None if level is None else min(level + 1, LOWEST))
                            if key == "jumlah" else _lower(q, entry[key]))
        if n % 11 == 2:
            entry["catatan"] = "Contoh catatan: bukti disusun tim ZI."
        answers[q.id] = entry
    return {
        "versi_format": 1,
        "model": model.id,
        "jawaban": answers,
        "hasil": {"ipak": {"indeks": 3.62, "responden": 120}, "ipkp": {"indeks": 3.41, "responden": 118}},
        "persyaratan": {"jenis_instansi": "kl", "opini_bpk": "WTP", "sakip_instansi": "BB", "indeks_rb": "B",
                        "maturitas_spip": 3, "unit_pelayanan_inti": "ya", "tlhp_persen": 100,
                        "lhkasn_persen": 100, "lhkpn_persen": 100, "lama_zi_tahun": 1, "sakip_unit": "B"},
    }


def _lower(q: Question | Indicator, letter: str) -> str:
    assert q.scale is not None
    ordered = sorted(q.scale.letters, key=lambda x: -q.scale.value(x))
    return ordered[min(ordered.index(letter) + 1, len(ordered) - 1)]


def write_sample_answers(path: Path, plan: Plan, model: LkeModel, overrides: dict | None = None,
                         evidence: dict[str, bool] | None = None) -> Path:
    """Write the sample ``lke.yaml``; ``overrides`` replace answers by question id."""
    data = sample_answers(plan, model, evidence)
    data["jawaban"].update(overrides or {})
    text = ("# CONTOH: jawaban LKE contoh yang dibuat otomatis, bukan jawaban unit sebenarnya.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)
