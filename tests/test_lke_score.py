"""Scoring like the official worksheet: extremes, a hand-computed case, every threshold at its edge."""

from __future__ import annotations

from pathlib import Path

import pytest
from lke_support import ALL_CRITERIA, all_at, counts, model, survey, write_answers

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_score import evaluate_conditions, score_lke


def _score(tmp_path: Path, plan, answers: dict, hasil: dict | None = None, persyaratan: dict | None = None,
           **options):
    path = write_answers(tmp_path / "lke.yaml", answers, hasil, persyaratan)
    return score_lke(model(), load_answers(path, plan), **options)


def test_every_question_best_scores_100_and_is_eligible(tmp_path: Path, shipped_plan) -> None:
    s = _score(tmp_path, shipped_plan, all_at("best"), survey(4.0, 4.0), ALL_CRITERIA)
    assert f"{s.total:.2f}" == "100.00"
    assert s.node("A").points == pytest.approx(60) and s.node("B").points == pytest.approx(40)
    assert [round(a.points, 6) for a in s.lever_areas] == [8, 7, 10, 10, 15, 10]
    for predicate in ("wbk", "wbbm"):
        result = s.predicate(predicate)
        assert result.conditions_ok and result.criteria_ok and result.eligible, predicate
    assert s.unanswered == () and s.gaps == ()


def test_every_question_lowest_scores_zero_lever(tmp_path: Path, shipped_plan) -> None:
    s = _score(tmp_path, shipped_plan, all_at("lowest", capaian="E"), survey(0, 0))
    assert f"{s.node('A').points:.2f}" == "0.00"
    assert s.total == 0
    assert s.unanswered == ()
    assert not s.predicate("wbk").eligible
    assert all(q.value == 0 for q in s.questions)


def test_unanswered_count_zero_and_are_listed(tmp_path: Path, shipped_plan) -> None:
    s = _score(tmp_path, shipped_plan, {})
    assert s.total == 0
    assert len(s.unanswered) == 111  # 110 questions and capaian kinerja (B.I.b)


def _mixed(m) -> dict:
    q = m.question
    return {
        "A.I.1.i.a": "Ya", "A.I.1.i.b": "B",
        "A.I.1.ii.a": "Ya", "A.I.1.ii.b": "C", "A.I.1.ii.c": "A",
        "A.I.1.iii.a": "B", "A.I.1.iii.b": "C",  # A.I.1.iii.c left blank; A.I.1.iv all blank
        "A.II.1.i.a": counts(q("A.II.1.i.a"), (6, 4)),  # 6 changes by 4 agents: capped at 1
        "A.II.1.i.b": counts(q("A.II.1.i.b"), (3, 6)),
        "A.II.1.ii.a": "B", "A.II.1.iii.a": "D",
        "A.II.3.iii.a": counts(q("A.II.3.iii.a"), (8, 6)),  # violations 8 last year, 6 this year
        "A.II.5.iii.i.a": {"jumlah": {2: 1, 3: 3, 4: 0, 5: 3}},  # total 1+3+0 = 4 derived
        "A.II.5.iii.ii.a": {"jumlah": {1: 20, 5: 20}},
        "A.II.5.ii.a": {"jumlah": {1: 10, 2: 2, 3: 7}},
        "A.I.6.v.a": "A", "A.I.6.v.c": "Tidak", "A.I.6.v.b": "B",
        "B.I.b": "C",
    }


def test_mixed_case_matches_hand_arithmetic(tmp_path: Path, shipped_plan) -> None:
    s = _score(tmp_path, shipped_plan, _mixed(model()), {"ipak": {"indeks": 3.62, "responden": 45},
                                                          "ipkp": {"indeks": 3.41, "responden": 45}})
    # A.I.1.i   (Ya 1 + B 0.5) / 2 × 0.5                      = 0.375
    # A.I.1.ii  (Ya 1 + C 0 + A 1) / 3 × 1                     = 0.666667
    # A.I.1.iii (B 0.67 + C 0.33 + blank 0) / 3 × 1            = 0.333333
    # A.I.1.iv  all blank                                      = 0
    a_i_1 = 0.375 + 2 / 3 + 1 / 3
    assert s.node("A.I.1.iii").points == pytest.approx(1 / 3, abs=1e-9)
    assert s.node("A.I.1").points == pytest.approx(a_i_1)                     # 1.375
    # A.II.1.i  (min(6/4, 1) = 1 + 3/6 = 0.5) / 2 × 2          = 1.5
    # A.II.1.ii B on A–E 0.75 × 1; A.II.1.iii D 0 × 1          = 0.75
    a_ii_1 = 1.5 + 0.75
    assert s.node("A.II.1").points == pytest.approx(a_ii_1)                   # 2.25
    # A.II.3.iii (8 − 6) / 8 = 0.25 × 2                        = 0.5
    assert s.node("A.II.3").points == pytest.approx(0.5)
    # A.II.5.ii  7/10 × 3 = 2.1; LHKPN 3/4 × 1 = 0.75; LHKASN 20/20 × 1 = 1
    assert s.node("A.II.5.iii.i").points == pytest.approx(0.75)
    assert s.node("A.II.5.iii").points == pytest.approx(1.75)
    a_ii_5 = 2.1 + 0.75 + 1
    assert s.node("A.II.5").points == pytest.approx(a_ii_5)                   # 3.85
    # A.I.6.v   (A 1 + Tidak 0 + B 0.5) / 3 × 1                 = 0.5
    lever = a_i_1 + a_ii_1 + 0.5 + a_ii_5 + 0.5                                 # 8.475
    assert s.node("A").points == pytest.approx(8.475, abs=0.005)
    # IPAK 3.62 / 4 × 17.5 = 15.8375; capaian C 0.5 × 5 = 2.5; IPKP 3.41 / 4 × 17.5 = 14.91875
    assert s.node("B.I.a").points == pytest.approx(15.8375)
    assert s.node("B.I").points == pytest.approx(18.3375)
    assert s.node("B.II").points == pytest.approx(14.91875)
    total = lever + 15.8375 + 2.5 + 14.91875                                   # 41.73125
    assert abs(s.total - 41.73125) < 0.01 and s.total == pytest.approx(total)
    assert s.lever_areas[0].points == pytest.approx(3.625)                     # 1.375 + 2.25
    wbk = {c.id: c for c in s.predicate("wbk").conditions}
    assert wbk["birokrasi_bersih"].passed and wbk["capaian_kinerja"].passed   # 2.5 ≥ 2.5: at the edge
    assert not wbk["area_1"].passed and wbk["area_1"].shortfall == pytest.approx(4.8 - 3.625)
    wbbm = {c.id: c for c in s.predicate("wbbm").conditions}
    assert not wbbm["birokrasi_bersih"].passed and wbbm["birokrasi_bersih"].shortfall == pytest.approx(1.1625)
    assert s.question("A.II.1.i.a").answer == "6/4"


def test_like_worksheet_skips_blanks_in_the_mean(tmp_path: Path, shipped_plan) -> None:
    s = _score(tmp_path, shipped_plan, _mixed(model()), like_worksheet=True)
    # A.I.1.iii: AVERAGE(0.67, 0.33) × 1 = 0.5 instead of 1/3; A.I.1.iv has no answer at all: 0.
    assert s.node("A.I.1.iii").points == pytest.approx(0.5)
    assert s.node("A.I.1.iv").points == 0
    assert s.node("A").points == pytest.approx(8.475 + 0.5 - 1 / 3)
    # Unanswered questions weigh more in the default mode: A.I.1.iii.c counts 0 there.
    default = _score(tmp_path, shipped_plan, _mixed(model()))
    assert default.node("A").points < s.node("A").points


def test_zero_denominator_is_not_computable(tmp_path: Path, shipped_plan) -> None:
    m = model()
    s = _score(tmp_path, shipped_plan, {"A.II.5.ii.a": counts(m.question("A.II.5.ii.a"), (0, 0)),
                                        "A.II.3.iii.a": counts(m.question("A.II.3.iii.a"), (0, 0))})
    assert s.not_computable == ("A.II.5.ii.a",)
    assert s.question("A.II.3.iii.a").value == 1  # no violations in either year
    assert s.node("A.II.3.iii").points == 2


def test_tpi_score_beside_the_units(tmp_path: Path, shipped_plan) -> None:
    answers = all_at("best", {"A.I.1.i.b": {"jawaban": "A", "tpi": "C"},
                              "A.II.4.i.a": {"jumlah": {1: 10, 2: 10}, "tpi": {1: 10, 2: 5}}})
    path = write_answers(tmp_path / "lke.yaml", answers, survey())
    loaded = load_answers(path, shipped_plan)
    unit, tpi = score_lke(model(), loaded), score_lke(model(), loaded, who="tpi")
    assert loaded.has_tpi
    assert unit.node("A").points == pytest.approx(60)
    # TPI: A.I.1.i.b C → indicator (1 + 0) / 2 × 0.5 = 0.25 (−0.25); A.II.4.i.a 5/10 × 2 = 1 (−1)
    assert tpi.node("A").points == pytest.approx(60 - 0.25 - 1)


def test_gaps_rank_answers_by_points_they_would_add(tmp_path: Path, shipped_plan) -> None:
    answers = all_at("best", {
        "A.I.1.i.b": {"jawaban": "B", "bukti": ["I.1.a"]},       # (1 − 0.5) / 2 × 0.5 = 0.125
        "A.II.5.ii.a": {"jumlah": {1: 10, 3: 5}, "bukti": ["V.3.b"]},  # (1 − 0.5) × 3 = 1.5
        "A.I.5.i.b": "D",                                           # (1 − 0) / 2 × 1.5 = 0.75
    }, capaian="B")                                                 # (1 − 0.75) × 5 = 1.25
    s = _score(tmp_path, shipped_plan, answers, survey(3.0, 3.0))
    assert [(g.id, round(g.gain, 4)) for g in s.gaps] == [
        ("A.II.5.ii.a", 1.5), ("B.I.b", 1.25), ("A.I.5.i.b", 0.75), ("A.I.1.i.b", 0.125)]
    assert s.gaps[0].evidence == ("V.3.b",) and s.gaps[0].best == "100%"
    # What is missing from 100 = the gaps + the surveys' shortfall (index 3.0: 2 × 17.5 × 0.25 = 8.75).
    assert sum(g.gain for g in s.gaps) + 8.75 == pytest.approx(100 - s.total)


# -- every threshold at its edge --------------------------------------------

REQUIRED = {
    "wbk": {"total": 75, "pengungkit": 40, "area_1": 4.8, "area_2": 4.2, "area_3": 6, "area_4": 6,
            "area_5": 9, "area_6": 6, "birokrasi_bersih": 18.25, "ipak": 15.75, "capaian_kinerja": 2.5,
            "pelayanan_prima": 14, "responden_ipak": 30, "responden_ipkp": 30},
    "wbbm": {"total": 85, "pengungkit": 48, "area_1": 6, "area_2": 5.25, "area_3": 7.5, "area_4": 7.5,
             "area_5": 11.25, "area_6": 7.5, "birokrasi_bersih": 19.5, "ipak": 15.75, "capaian_kinerja": 3.75,
             "pelayanan_prima": 15.75, "responden_ipak": 30, "responden_ipkp": 30},
}


def _full_points() -> dict[str, float]:
    m = model()
    points = {"total": m.total_weight}
    for p in m.parts:
        points[p.id] = p.weight
        for asp in p.aspects:
            points[asp.id] = asp.weight
            for ind in asp.indicators:
                points[ind.id] = ind.weight
    for a in m.lever_areas:
        points[f"area:{a.number}"] = a.weight
    return points


@pytest.mark.parametrize("predicate", ["wbk", "wbbm"])
@pytest.mark.parametrize("condition", list(REQUIRED["wbk"]))
def test_every_threshold_at_its_edge(predicate: str, condition: str) -> None:
    m = model()
    target = next(c for c in m.predicate(predicate).conditions if c.id == condition)
    required = REQUIRED[predicate][condition]

    def run(value: float) -> bool:
        points, respondents = _full_points(), {"ipak": (30, None), "ipkp": (30, None)}
        if target.target.startswith("respondents:"):
            respondents[target.target.split(":")[1]] = (int(value), None)
        else:
            points[target.target] = value
        result = next(c for c in evaluate_conditions(m, predicate, points, respondents) if c.id == condition)
        assert result.required == pytest.approx(required)
        assert result.shortfall == pytest.approx(0 if result.passed else required - value)
        return result.passed

    if target.min_share is not None:  # an area at exactly 60 % / 75 % of its weight vs 59.99 % / 74.99 %
        weight = m.lever_area(int(target.target.split(":")[1])).weight
        assert run(target.min_share * weight) is True
        assert run((target.min_share - 0.0001) * weight) is False
    elif condition.startswith("responden"):
        assert run(30) is True and run(29) is False
    else:
        assert run(required) is True
        assert run(required - 0.01) is False


def test_area_edge_end_to_end(tmp_path: Path, shipped_plan) -> None:
    m = model()
    q = m.question
    # Area 1 = A.I.1 (all best, 4) + A.II.1: indicator i = mean(a, b) × 2, ii = E, iii = D.
    at_60 = {"A.II.1.i.a": counts(q("A.II.1.i.a"), (2, 5)), "A.II.1.i.b": counts(q("A.II.1.i.b"), (2, 5)),
             "A.II.1.ii.a": "E", "A.II.1.iii.a": "D"}
    s = _score(tmp_path, shipped_plan, all_at("best", at_60), survey())
    area = next(c for c in s.predicate("wbk").conditions if c.id == "area_1")
    assert area.actual == pytest.approx(4.8) and area.passed          # 4 + (0.4 + 0.4) / 2 × 2 = 4.8 = 60 %
    below = dict(at_60, **{"A.II.1.i.a": counts(q("A.II.1.i.a"), (499, 1250))})
    s = _score(tmp_path, shipped_plan, all_at("best", below), survey())
    area = next(c for c in s.predicate("wbk").conditions if c.id == "area_1")
    assert area.actual == pytest.approx(4.7992) and not area.passed   # 59.99 % of 8
    assert area.shortfall == pytest.approx(0.0008)


def test_survey_edges_end_to_end(tmp_path: Path, shipped_plan) -> None:
    def conditions(ipak: float, ipkp: float, capaian: str, respondents: int = 30, predicate: str = "wbk"):
        s = _score(tmp_path, shipped_plan, all_at("best", capaian=capaian), survey(ipak, ipkp, respondents))
        return {c.id: c.passed for c in s.predicate(predicate).conditions}

    assert conditions(3.60, 3.20, "C")["ipak"] and not conditions(3.59, 3.20, "C")["ipak"]
    assert conditions(3.60, 3.20, "C")["pelayanan_prima"] and not conditions(3.60, 3.19, "C")["pelayanan_prima"]
    # 15.75 + C 2.5 = 18.25 (WBK birokrasi bersih at its edge)
    assert conditions(3.60, 3.20, "C")["birokrasi_bersih"] and not conditions(3.59, 3.20, "C")["birokrasi_bersih"]
    assert not conditions(3.60, 3.20, "D")["capaian_kinerja"]
    # WBBM: 15.75 + B 3.75 = 19.50; IPKP index 3.60 → 15.75
    assert conditions(3.60, 3.60, "B", predicate="wbbm")["birokrasi_bersih"]
    assert not conditions(3.60, 3.60, "C", predicate="wbbm")["capaian_kinerja"]
    assert not conditions(3.60, 3.59, "B", predicate="wbbm")["pelayanan_prima"]
    assert not conditions(4, 4, "A", respondents=29)["responden_ipak"]


def test_fewer_respondents_allowed_where_the_unit_serves_fewer(tmp_path: Path, shipped_plan) -> None:
    hasil = {"ipak": {"indeks": 4, "responden": 20, "populasi": 20}, "ipkp": {"indeks": 4, "responden": 19,
                                                                               "populasi": 20}}
    s = _score(tmp_path, shipped_plan, all_at("best"), hasil)
    result = {c.id: c for c in s.predicate("wbk").conditions}
    assert result["responden_ipak"].passed and result["responden_ipak"].required == 20
    assert not result["responden_ipkp"].passed and result["responden_ipkp"].shortfall == 1


def test_total_and_lever_edges_end_to_end(tmp_path: Path, shipped_plan) -> None:
    m = model()
    from lke_support import lowest
    drop = {q.id: lowest(q) for q in m.questions if q.area_id in ("A.I.3", "A.I.5", "A.II.5")}  # 5 + 7.5 + 7.5
    s = _score(tmp_path, shipped_plan, all_at("best", drop), survey())
    wbk = {c.id: c for c in s.predicate("wbk").conditions}
    assert s.node("A").points == pytest.approx(40) and wbk["pengungkit"].passed and wbk["total"].passed
    nudge = dict(drop, **{"A.II.4.i.a": counts(m.question("A.II.4.i.a"), (9999, 10000))})  # −0.0002
    s = _score(tmp_path, shipped_plan, all_at("best", nudge), survey())
    wbk = {c.id: c for c in s.predicate("wbk").conditions}
    assert s.node("A").points == pytest.approx(39.9998) and not wbk["pengungkit"].passed
    drop |= {q.id: lowest(q) for q in m.questions if q.area_id == "A.II.3"}  # pengungkit 35, total 75
    s = _score(tmp_path, shipped_plan, all_at("best", drop), survey())
    assert s.total == pytest.approx(75) and {c.id: c for c in s.predicate("wbk").conditions}["total"].passed
    drop["A.II.4.i.a"] = nudge["A.II.4.i.a"]
    s = _score(tmp_path, shipped_plan, all_at("best", drop), survey())
    total = {c.id: c for c in s.predicate("wbk").conditions}["total"]
    assert not total.passed and total.shortfall == pytest.approx(0.0002)


def test_submission_criteria_checklist(tmp_path: Path, shipped_plan) -> None:
    declared = dict(ALL_CRITERIA, sakip_instansi="B", indeks_rb="CC", jenis_instansi="pemda")
    declared.pop("maturitas_spip")
    s = _score(tmp_path, shipped_plan, all_at("best"), survey(), declared)
    wbk = {c.id: c.status for c in s.predicate("wbk").criteria}
    wbbm = {c.id: c.status for c in s.predicate("wbbm").criteria}
    assert wbk["sakip_instansi"] == "terpenuhi" and wbbm["sakip_instansi"] == "tidak_terpenuhi"
    assert wbk["indeks_rb"] == "terpenuhi" and wbbm["indeks_rb"] == "tidak_terpenuhi"  # pemda: CC / B
    assert wbk["maturitas_spip"] == "belum_dinyatakan"
    assert s.predicate("wbk").conditions_ok and not s.predicate("wbk").eligible


def test_indeks_rb_needs_the_kind_of_instansi(tmp_path: Path, shipped_plan) -> None:
    declared = dict(ALL_CRITERIA)
    declared.pop("jenis_instansi")
    s = _score(tmp_path, shipped_plan, all_at("best"), survey(), declared)
    rb = next(c for c in s.predicate("wbk").criteria if c.id == "indeks_rb")
    assert rb.status == "belum_dinyatakan" and rb.declared == "A (jenis_instansi belum diisi)"
    assert rb.required == "≥ CC (pemda) / B (kl)"
