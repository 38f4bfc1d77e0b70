"""WBK/WBBM conditions exactly at and just below each threshold.

Figures are compared after rounding half up to the model's 2 decimals, like
an evaluation worksheet: 74.99 fails ≥ 75, 74.995 rounds to 75.00 and passes.
"""

from __future__ import annotations

import pytest

from build_tools.assess.declared import AssessmentData
from build_tools.assess.readiness import evaluate_condition
from build_tools.core.numbers import ceil_to, round_half_up
from build_tools.models.registry import load_weighted_model as load_model

MODEL = load_model("permenpanrb-10-2019")
NO_DATA = AssessmentData(None)


def condition(predicate: str, cid: str):
    return next(c for c in MODEL.conditions[predicate] if c.id == cid)


CASES = [
    ("wbk", "total", "nilai_total", 75),
    ("wbbm", "total", "nilai_total", 85),
    ("wbk", "bersih_kkn", "nilai_area:B.1", 18),
    ("wbbm", "bersih_kkn", "nilai_area:B.1", 18),
    ("wbk", "survei_anti_korupsi", "sub_komponen:survei_anti_korupsi", 13.5),
    ("wbk", "tlhp", "sub_komponen:tlhp", 3.5),
    ("wbbm", "tlhp", "sub_komponen:tlhp", 3.5),
    ("wbbm", "pelayanan", "nilai_area:B.2", 16),
]


@pytest.mark.parametrize(("predicate", "cid", "measure", "threshold"), CASES)
def test_pass_exactly_at_threshold_fail_one_hundredth_below(predicate, cid, measure, threshold) -> None:
    c = condition(predicate, cid)
    at = evaluate_condition(c, {measure: float(threshold)}, MODEL, NO_DATA)
    below = evaluate_condition(c, {measure: threshold - 0.01}, MODEL, NO_DATA)
    assert (at.passed, at.shortfall) == (True, 0.0)
    assert (below.passed, below.shortfall) == (False, 0.01)


def test_rounding_is_half_up_on_two_decimals() -> None:
    c = condition("wbk", "total")
    assert evaluate_condition(c, {"nilai_total": 74.995}, MODEL, NO_DATA).passed
    assert not evaluate_condition(c, {"nilai_total": 74.994}, MODEL, NO_DATA).passed
    # 0.9 × 15 is 13.499999999999998 in binary floating point; it still meets 13.5.
    anti = condition("wbk", "survei_anti_korupsi")
    assert evaluate_condition(anti, {"sub_komponen:survei_anti_korupsi": 3.6 / 4 * 15}, MODEL, NO_DATA).passed
    assert round_half_up(2.675) == 2.68 and round_half_up(4.375) == 4.38
    assert ceil_to(3.6000000000000005) == 3.6 and ceil_to(3.8666) == 3.87


def test_instansi_conditions() -> None:
    opinion_wbk, opinion_wbbm = condition("wbk", "opini_bpk"), condition("wbbm", "opini_bpk")
    one = AssessmentData(None, opinions={2018: "WDP", 2019: "WTP"})
    two = AssessmentData(None, opinions={2018: "WTP", 2019: "WTP"})
    assert evaluate_condition(opinion_wbk, {}, MODEL, one).passed
    result = evaluate_condition(opinion_wbbm, {}, MODEL, one)
    assert (result.passed, result.actual, result.shortfall) == (False, 1, 1)
    assert evaluate_condition(opinion_wbbm, {}, MODEL, two).passed
    akip = condition("wbk", "akip")
    assert evaluate_condition(akip, {}, MODEL, AssessmentData(None, akip="CC")).passed
    assert evaluate_condition(akip, {}, MODEL, AssessmentData(None, akip="A")).passed
    below = evaluate_condition(akip, {}, MODEL, AssessmentData(None, akip="C"))
    assert (below.passed, below.shortfall) == (False, None)
    unknown = evaluate_condition(akip, {}, MODEL, NO_DATA)
    assert (unknown.passed, unknown.actual) == (False, None)
    wbk = condition("wbbm", "sudah_wbk")
    assert evaluate_condition(wbk, {}, MODEL, AssessmentData(None, already_wbk=True)).passed
    assert not evaluate_condition(wbk, {}, MODEL, AssessmentData(None, already_wbk=False)).passed
    assert not evaluate_condition(wbk, {}, MODEL, NO_DATA).passed
