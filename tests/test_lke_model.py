"""The 2021 LKE model: transcribed completely, and its weights add up at every level."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lke_support import MODEL_ID, model

from build_tools.core.errors import InputError
from build_tools.models.lke import KIND_SUBINDICATORS
from build_tools.models.registry import MODELS_DIR, load_lke_model


def test_question_count_and_ids() -> None:
    m = model()
    assert len(m.questions) == 110
    assert len({q.id for q in m.questions}) == 110
    assert all(re.fullmatch(r"A\.(I|II)\.[1-6]\.[ivx]+(\.[ivx]+)?\.[a-z]", q.id) for q in m.questions)
    assert m.question("A.I.1.ii.b").answer_type == "A/B/C"
    assert m.question("A.I.1.ii.b").text.startswith("Dalam dokumen pembangunan terdapat target-target")
    assert sum(q.is_percent for q in m.questions) == 8
    assert all(q.text and q.answer_type for q in m.questions)


def test_worksheet_order_quirk_kept() -> None:
    assert [q.id for q in model().indicator("A.I.6.v").questions] == ["A.I.6.v.a", "A.I.6.v.c", "A.I.6.v.b"]


def test_names_its_legal_basis() -> None:
    m = model()
    assert m.id == MODEL_ID
    assert "Nomor 90 Tahun 2021" in m.legal_basis[0]


def test_weights_add_up_at_every_level() -> None:
    m = model()
    assert [p.weight for p in m.parts] == [60, 40]
    assert sum(p.weight for p in m.parts) == m.total_weight == 100
    assert [a.weight for a in m.aspects] == [30, 30, 22.5, 17.5]
    for part in m.parts:
        assert sum(a.weight for a in part.aspects) == pytest.approx(part.weight)
        for aspect in part.aspects:
            children = [a.weight for a in aspect.areas] + [i.weight for i in aspect.indicators]
            assert sum(children) == pytest.approx(aspect.weight), aspect.id
            for area in aspect.areas:
                assert sum(i.weight for i in area.indicators) == pytest.approx(area.weight), area.id
                for ind in area.indicators:
                    if ind.kind == KIND_SUBINDICATORS:
                        assert sum(s.weight for s in ind.subindicators) == pytest.approx(ind.weight)
    assert [(a.number, a.weight) for a in m.lever_areas] == [(1, 8), (2, 7), (3, 10), (4, 10), (5, 15), (6, 10)]
    for lever in m.lever_areas:
        members = [a for a in m.areas if a.lever_area == lever.number]
        assert [a.id for a in members] == [f"A.I.{lever.number}", f"A.II.{lever.number}"]
        assert sum(a.weight for a in members) == lever.weight
    assert [i.weight for i in m.parts[1].aspects[0].indicators] == [17.5, 5]
    assert [i.weight for i in m.parts[1].aspects[1].indicators] == [17.5]


def test_answer_values_are_the_worksheets_fixed_numbers() -> None:
    m = model()
    table = {s.name: {c.letter: c.value for c in s.choices} for s in m.scales}
    assert table == {
        "Ya/Tidak": {"Ya": 1, "Tidak": 0},
        "A/B/C": {"A": 1, "B": 0.5, "C": 0},
        "A/B/C/D": {"A": 1, "B": 0.67, "C": 0.33, "D": 0},
        "A/B/C/D/E": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0},
    }


def test_percent_questions_name_their_inputs() -> None:
    m = model()
    decrease = m.question("A.II.3.iii.a").formula
    assert (decrease.kind, decrease.previous, decrease.current) == ("decrease", "A.II.3.iii.a.1", "A.II.3.iii.a.2")
    complaints = m.question("A.II.5.ii.a")
    assert (complaints.formula.numerator, complaints.formula.denominator) == ("A.II.5.ii.a.3", "A.II.5.ii.a.1")
    lhkpn = m.question("A.II.5.iii.i.a")
    assert lhkpn.input("A.II.5.iii.i.a.1").sum_of == ("A.II.5.iii.i.a.2", "A.II.5.iii.i.a.3", "A.II.5.iii.i.a.4")
    assert sum(len(q.inputs) for q in m.questions) == 24


def test_thresholds_table_rows() -> None:
    m = model()
    rows = {p.id: {c.id: (c.min, c.min_share) for c in p.conditions} for p in m.predicates}
    assert rows["wbk"]["total"] == (75, None) and rows["wbbm"]["total"] == (85, None)
    assert rows["wbk"]["pengungkit"] == (40, None) and rows["wbbm"]["pengungkit"] == (48, None)
    for n in range(1, 7):
        assert rows["wbk"][f"area_{n}"] == (None, 0.6)
        assert rows["wbbm"][f"area_{n}"] == (None, 0.75)
    assert rows["wbk"]["birokrasi_bersih"][0] == 18.25 and rows["wbbm"]["birokrasi_bersih"][0] == 19.5
    assert rows["wbk"]["ipak"][0] == rows["wbbm"]["ipak"][0] == 15.75
    assert rows["wbk"]["capaian_kinerja"][0] == 2.5 and rows["wbbm"]["capaian_kinerja"][0] == 3.75
    assert rows["wbk"]["pelayanan_prima"][0] == 14 and rows["wbbm"]["pelayanan_prima"][0] == 15.75
    assert [s.min_respondents for s in m.surveys] == [30, 30]
    assert {c.id for c in m.criteria} == {
        "opini_bpk", "sakip_instansi", "indeks_rb", "maturitas_spip", "unit_pelayanan_inti", "tlhp_persen",
        "lhkasn_persen", "lhkpn_persen", "lama_zi_tahun", "sakip_unit"}
    rb = next(c for c in m.criteria if c.id == "indeks_rb")
    assert rb.minimum_for("wbk", "pemda") == "CC" and rb.minimum_for("wbbm", "kl") == "BB"


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / f"{MODEL_ID}.yaml"
    shutil.copy(MODELS_DIR / f"{MODEL_ID}.yaml", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("      name: Penyusunan Tim Kerja\n        weight: 0.5",
     "      name: Penyusunan Tim Kerja\n        weight: 0.75", "bobot di bawah A.I.1 berjumlah 4,25, bukan 4"),
    ("    B: 0.67", "    B: 1.67", "nilai A/B/C/D B harus antara 0 dan 1"),
    ("          answer: A/B/C/D/E\n", "          answer: A-E\n", "jenis jawaban 'A-E' tidak ada"),
    ("  min_respondents: 30", "  min_respondent: 30", "kunci 'min_respondent' tidak dikenal"),
    ("numerator: A.II.1.i.a.2", "numerator: A.II.1.i.a.9", "formula.numerator 'A.II.1.i.a.9' bukan baris Jumlah"),
])
def test_invalid_model_is_reported_with_its_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _broken_copy(tmp_path, old, new)
    with pytest.raises(InputError) as info:
        load_lke_model(path)
    text = "\n".join(info.value.lines())
    assert message in text
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+", text)


def test_unknown_model_names_the_available_ones() -> None:
    with pytest.raises(InputError) as info:
        load_lke_model("permenpanrb-99-2099")
    assert "permenpanrb-90-2021" in "\n".join(info.value.lines())
