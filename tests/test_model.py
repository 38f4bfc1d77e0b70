"""The 2019 evaluation model file, its loader and the plan-against-model check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.core.errors import InputError
from build_tools.models.plan_check import check_plan
from build_tools.models.registry import MODELS_DIR, load_plan_model
from build_tools.models.registry import load_weighted_model as load_model
from build_tools.plan.loader import load_plan

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model():
    return load_model("permenpanrb-10-2019")


def test_shipped_model_holds_the_guideline_figures(model) -> None:
    assert "Nomor 10 Tahun 2019" in model.legal_basis
    assert {p.id: p.weight for p in model.parts} == {"pengungkit": 60, "hasil": 40}
    assert {a.id: a.weight for a in model.areas} == {
        "I": 5, "II": 5, "III": 15, "IV": 10, "V": 15, "VI": 10, "B.1": 20, "B.2": 20}
    assert {s.id: (s.area_id, s.weight) for s in model.sub_components} == {
        "survei_anti_korupsi": ("B.1", 15), "tlhp": ("B.1", 5), "survei_pelayanan": ("B.2", 20)}
    assert (model.scale_min, model.scale_max) == (1, 4)
    assert model.sample_minimum.count == 30 and model.sample_minimum.source == "pilihan_alat"
    wbk = {c.id: c.required for c in model.conditions["wbk"]}
    assert wbk == {"opini_bpk": 1, "akip": "CC", "total": 75, "bersih_kkn": 18,
                   "survei_anti_korupsi": 13.5, "tlhp": 3.5}
    wbbm = {c.id: c.required for c in model.conditions["wbbm"]}
    assert wbbm == {"sudah_wbk": True, "opini_bpk": 2, "akip": "CC", "total": 85, "bersih_kkn": 18,
                    "survei_anti_korupsi": 13.5, "tlhp": 3.5, "pelayanan": 16}
    assert all(c.source in ("pedoman", "pilihan_alat") for cs in model.conditions.values() for c in cs)


def test_shipped_plan_agrees_with_its_model(shipped_plan, model) -> None:
    check_plan(shipped_plan, model)
    assert load_plan_model(shipped_plan).id == "permenpanrb-10-2019"


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (REPO / "plan.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str, after: str = "") -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_area_weight_disagreeing_with_the_model_names_plan_line(tmp_path: Path, model) -> None:
    # IV 10 → 11 and V 15 → 14 keep the plan's own sums right; only the model disagrees.
    path = _plan_with(tmp_path, 'table "Penguatan Akuntabilitas Kinerja".\n      bobot: 10',
                      'table "Penguatan Akuntabilitas Kinerja".\n      bobot: 11')
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      nama: Penguatan Pengawasan\n      bobot: 15", "      nama: Penguatan Pengawasan\n      bobot: 14"),
        encoding="utf-8")
    plan = load_plan(path)
    with pytest.raises(InputError) as info:
        check_plan(plan, model)
    messages = [str(i) for i in info.value.issues]
    line_iv = _line_of(path, "bobot: 11")
    line_v = _line_of(path, "bobot: 14")
    assert messages == [
        f"{path}:{line_iv}:14: bobot area IV 11 berbeda dengan model permenpanrb-10-2019 (10) (ubah menjadi 10)",
        f"{path}:{line_v}:14: bobot area V 14 berbeda dengan model permenpanrb-10-2019 (15) (ubah menjadi 15)",
    ]


def test_threshold_disagreeing_with_the_model_names_plan_line(tmp_path: Path, model) -> None:
    path = _plan_with(tmp_path, "      total_min: 85", "      total_min: 80")
    path.write_text(path.read_text(encoding="utf-8").replace("      tlhp_min: 3.5", "      tlhp_min: 3,4", 1),
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        check_plan(load_plan(path), model)
    issues = info.value.issues
    assert [(i.location.line, i.message) for i in issues] == [
        (_line_of(path, "tlhp_min: 3,4"),
         "persyaratan.wbk.nilai.tlhp_min = 3,4 berbeda dengan model permenpanrb-10-2019 (3,5)"),
        (_line_of(path, "total_min: 80"),
         "persyaratan.wbbm.nilai.total_min = 80 berbeda dengan model permenpanrb-10-2019 (85)"),
    ]


def test_result_component_weight_is_checked_against_the_sub_component(tmp_path: Path, model) -> None:
    path = _plan_with(tmp_path, "          nama: Indeks Persepsi Korupsi\n          bobot: 15",
                      "          nama: Indeks Persepsi Korupsi\n          bobot: 14")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "ditindaklanjuti\n          bobot: 5", "ditindaklanjuti\n          bobot: 6"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        check_plan(load_plan(path), model)
    assert [i.location.line for i in info.value.issues] == [_line_of(path, "bobot: 14"),
                                                            _line_of(path, "bobot: 6", after="Presentase temuan")]
    assert "sub komponen 'Survei Persepsi Anti Korupsi'" in info.value.issues[0].message


def test_unknown_model_name_is_reported_at_the_model_line(tmp_path: Path) -> None:
    path = _plan_with(tmp_path, "model: permenpanrb-10-2019", "model: permenpanrb-10-2091")
    with pytest.raises(InputError) as info:
        load_plan_model(load_plan(path))
    issue = info.value.issues[0]
    assert (issue.location.line, issue.message) == (17, "model penilaian 'permenpanrb-10-2091' tidak dikenal")
    assert issue.hint == ("maksud Anda 'permenpanrb-10-2019'? "
                          "model yang tersedia: permenpanrb-10-2019, permenpanrb-90-2021")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - {id: V, bagian: pengungkit, nama: Penguatan Pengawasan, bobot: 15}",
     "  - {id: V, bagian: pengungkit, nama: Penguatan Pengawasan, bobot: 14}",
     "bobot area pengungkit berjumlah 59, bukan 60"),
    ("      operator: \">=\"\n      nilai: 75", "      operator: \">\"\n      nilai: 75",
     "operator '>' tidak dikenal"),
    ("      ukuran: nilai_total\n      operator: \">=\"\n      nilai: 75",
     "      ukuran: nilai_totl\n      operator: \">=\"\n      nilai: 75", "ukuran 'nilai_totl' tidak dikenal"),
    ("  jumlah: 30\n  sumber: pilihan_alat", "  jumlah: 30\n  sumber: alat", "sumber 'alat' tidak dikenal"),
    ("      nilai: CC\n      sumber: pedoman\n      rencana: {akip_min: CC}\n    - id: total\n"
     "      label: Nilai total (pengungkit dan hasil) minimal 75",
     "      nilai: BBB\n      sumber: pedoman\n      rencana: {akip_min: CC}\n    - id: total\n"
     "      label: Nilai total (pengungkit dan hasil) minimal 75",
     "peringkat 'BBB' tidak ada di peringkat_akip"),
])
def test_invalid_model_file_is_reported_with_its_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    source = MODELS_DIR / "permenpanrb-10-2019.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "permenpanrb-10-2019.yaml"   # a model's id is its file name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_model("x", path)
    assert [i.message for i in info.value.issues] == [message]
    assert info.value.issues[0].location.line > 0


def test_model_file_copy_loads_identically(tmp_path: Path, model) -> None:
    copy = tmp_path / "permenpanrb-10-2019.yaml"
    shutil.copy(MODELS_DIR / "permenpanrb-10-2019.yaml", copy)
    assert load_model("x", copy).conditions == model.conditions
