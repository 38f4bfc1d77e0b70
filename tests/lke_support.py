"""Helpers for the LKE tests: answers files written the way a unit writes them."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.models.lke import DECREASE, LkeModel, Question
from build_tools.models.registry import load_lke_model

MODEL_ID = "permenpanrb-90-2021"


def model() -> LkeModel:
    return load_lke_model(MODEL_ID)


def counts(q: Question, value: tuple[int, int]) -> dict:
    """``jumlah`` of a ``%`` question: (numerator, denominator) or, for the
    decrease rule, (previous year, this year)."""
    f = q.formula
    assert f is not None
    if f.kind == DECREASE:
        keys = (f.previous, f.current)
    else:
        keys = (f.numerator, f.denominator)
    return {"jumlah": {k.rsplit(".", 1)[1]: v for k, v in zip(keys, value)}}


def best(q: Question) -> dict:
    if q.is_percent:
        return counts(q, (4, 0) if q.formula.kind == DECREASE else (10, 10))
    return {"jawaban": q.scale.best}


def lowest(q: Question) -> dict:
    if q.is_percent:
        return counts(q, (4, 4) if q.formula.kind == DECREASE else (0, 10))
    return {"jawaban": q.scale.lowest}


ALL_CRITERIA = {
    "jenis_instansi": "kl", "opini_bpk": "WTP", "sakip_instansi": "A", "indeks_rb": "A",
    "maturitas_spip": 3, "unit_pelayanan_inti": "ya", "tlhp_persen": 100, "lhkasn_persen": 100,
    "lhkpn_persen": 100, "lama_zi_tahun": 2, "sakip_unit": "A",
}


def survey(ipak: float = 4.0, ipkp: float = 4.0, respondents: int = 30) -> dict:
    return {"ipak": {"indeks": ipak, "responden": respondents},
            "ipkp": {"indeks": ipkp, "responden": respondents}}


def write_answers(path: Path, answers: dict, hasil: dict | None = None,
                  persyaratan: dict | None = None) -> Path:
    data: dict = {"versi_format": 1, "model": MODEL_ID, "jawaban": answers}
    if hasil is not None:
        data["hasil"] = hasil
    if persyaratan is not None:
        data["persyaratan"] = persyaratan
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def all_at(kind: str, overrides: dict | None = None, capaian: str = "A") -> dict:
    """Every question at its best (or lowest) choice, with ``overrides`` on top."""
    m = model()
    pick = best if kind == "best" else lowest
    result = {q.id: pick(q) for q in m.questions}
    result["B.I.b"] = {"jawaban": capaian}
    result.update(overrides or {})
    return result
