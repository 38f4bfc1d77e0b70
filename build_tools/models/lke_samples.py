"""A sample LKE answers file (``lke.yaml``) for the demo unit, the benchmarks and tests.

Every question is answered (most at their best choice, some one step lower),
and each cites evidence codes of the plan area with the same number as its
lever area (plan area III for LKE area 3), so the site's LKE pages and the
``--order lke`` bundle have something real to show. Every seventh question
cites nothing, and every ninth has a differing TPI answer. Deterministic.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.models.lke import DECREASE, Indicator, LkeModel, Question
from build_tools.plan.structure import Plan

NO_EVIDENCE_EVERY = 7
TPI_EVERY = 9


def _response(q: Question | Indicator, n: int) -> object:
    if isinstance(q, Question) and q.is_percent:
        f = q.formula
        assert f is not None
        rows = {f.previous: 4, f.current: 1} if f.kind == DECREASE else {f.denominator: 10, f.numerator: 8 + n % 3}
        return {k.rsplit(".", 1)[1]: v for k, v in rows.items()}
    assert q.scale is not None
    letters = q.scale.letters
    ordered = sorted(letters, key=lambda letter: -q.scale.value(letter))
    return ordered[0] if n % 4 else ordered[min(1, len(ordered) - 1)]


def sample_answers(plan: Plan, model: LkeModel) -> dict:
    """The answers file as data (dump it with :func:`write_sample_answers`)."""
    codes_by_area = {n: [i.code for i in area.evidence] for n, area in enumerate(plan.lever_areas, 1)}
    answers: dict[str, dict] = {}
    questions: list[Question | Indicator] = [*model.questions, *model.choice_indicators]
    for n, q in enumerate(questions):
        lever = q.lever_area if isinstance(q, Question) else 0
        pool = codes_by_area.get(lever) or list(plan.codes)
        key = "jumlah" if isinstance(q, Question) and q.is_percent else "jawaban"
        entry: dict = {key: _response(q, n)}
        if n % NO_EVIDENCE_EVERY:
            entry["bukti"] = sorted({pool[n % len(pool)], pool[(n + 3) % len(pool)]},
                                    key=lambda c: plan.codes.index(c))
        else:
            entry["bukti"] = []
        if n % TPI_EVERY == 4:
            entry["tpi"] = _response(q, n + 1) if key == "jumlah" else _lower(q, entry[key])
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


def write_sample_answers(path: Path, plan: Plan, model: LkeModel, overrides: dict | None = None) -> Path:
    """Write the sample ``lke.yaml``; ``overrides`` replace answers by question id."""
    data = sample_answers(plan, model)
    data["jawaban"].update(overrides or {})
    text = ("# CONTOH: jawaban LKE contoh yang dibuat otomatis, bukan jawaban unit sebenarnya.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)
