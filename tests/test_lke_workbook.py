"""The exported LKE workbook, recomputed by a real formula engine, equals the JSON report."""

from __future__ import annotations

from pathlib import Path

import formulas
import openpyxl
import pytest
from lke_support import all_at, model, survey, write_answers
from test_lke_score import _mixed

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_record import score_json
from build_tools.assess.lke_score import score_lke
from build_tools.assess.lke_workbook import HEADERS, SHEET, build_workbook, cell_map


def _recompute(path: Path) -> dict[str, float]:
    """Cell (``G12``) → value, as computed by the ``formulas`` engine from the file's formulas."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, value in solution.items():
        if f"]{SHEET.upper()}'!" in key.upper() and ":" not in key.split("!")[1]:
            cell = key.split("!")[1]
            raw = value.value[0, 0] if hasattr(value, "value") else value
            values[cell] = raw
    return values


@pytest.mark.parametrize("like_worksheet", [False, True])
@pytest.mark.parametrize("case", ["mixed", "best", "blank"])
def test_recomputed_workbook_equals_json(tmp_path: Path, shipped_plan, case: str, like_worksheet: bool) -> None:
    entries = {"mixed": _mixed(model()), "best": all_at("best"), "blank": {}}[case]
    answers = load_answers(write_answers(tmp_path / "lke.yaml", entries, survey(3.62, 3.41)), shipped_plan)
    path = tmp_path / "lke.xlsx"
    path.write_bytes(build_workbook(model(), answers, like_worksheet=like_worksheet))
    computed = _recompute(path)
    report = score_json(score_lke(model(), answers, like_worksheet=like_worksheet))
    cells = cell_map(model(), answers)
    expected = {n["id"]: n["points"] for n in report["nodes"]} | {a["id"]: a["points"] for a in report["lever_areas"]}
    assert len(expected) == len(model().node_ids()) + 6
    for node_id, points in expected.items():
        assert float(computed[cells[node_id]]) == pytest.approx(points, abs=1e-4), node_id


def test_workbook_layout_and_live_formulas(tmp_path: Path, shipped_plan) -> None:
    answers = load_answers(write_answers(tmp_path / "lke.yaml", _mixed(model()), survey()), shipped_plan)
    data = build_workbook(model(), answers)
    assert data == build_workbook(model(), answers)  # deterministic bytes
    path = tmp_path / "lke.xlsx"
    path.write_bytes(data)
    sheet = openpyxl.load_workbook(path)[SHEET]
    assert tuple(c.value for c in sheet[1]) == HEADERS
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert rows["A.I.1.i.b"][5].value == "B" and rows["A.I.1.i.b"][4].value == "A/B/C"
    assert rows["A.I.1.i.b"][6].value.startswith('=IF(F')
    assert rows["A.I.1.i"][6].value.startswith("=SUM(") and rows["A.I.1.i"][2].value == 0.5
    assert rows["A.II.3.iii.a.1"][5].value == 8 and rows["A.II.3.iii.a.2"][5].value == 6
    assert rows["B.I.a"][5].value == 4.0
    assert [r for r in rows if r.startswith("A.I.6.v.")] == ["A.I.6.v.a", "A.I.6.v.c", "A.I.6.v.b"]
    assert all(q.id in rows for q in model().questions)
    assert all(i.id in rows for q in model().questions for i in q.inputs)
