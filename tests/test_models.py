"""One notion of "model": kinds, legal basis, the plan's model: line, unit-local amendments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SHIPPED_PLAN

from build_tools.cli import main
from build_tools.core.errors import InputError
from build_tools.models import registry as models
from build_tools.models.plan_check import check_plan
from build_tools.models.registry import (
    MODELS_DIR,
    load,
    load_lke_model,
    load_model_file,
    load_plan_model,
)
from build_tools.models.registry import load_weighted_model as load_model
from build_tools.plan.loader import load_plan
from build_tools.unit.init import init_unit


def test_shipped_models_name_their_kind_and_legal_basis() -> None:
    assert models.available_models() == ("permenpanrb-10-2019", "permenpanrb-90-2021")
    old, new = load("permenpanrb-10-2019"), load("permenpanrb-90-2021")
    assert (old.kind, new.kind) == (models.EVIDENCE_WEIGHTED, models.LKE)
    assert "Nomor 10 Tahun 2019" in old.legal_basis
    assert "Nomor 90 Tahun 2021" in new.legal_basis[0]
    # Both wrappers of the former loaders go through the one entry point (same object, cached).
    assert load_lke_model("permenpanrb-90-2021") is new and load_model("permenpanrb-10-2019") is old


def test_shipped_plan_keeps_the_2019_model(shipped_plan) -> None:
    assert load_plan_model(shipped_plan).kind == models.EVIDENCE_WEIGHTED


def _copy(tmp_path: Path, name: str, old: str = "", new: str = "", source: str = "permenpanrb-90-2021") -> Path:
    text = (MODELS_DIR / f"{source}.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message", "hint"), [
    ("jenis: lke\n", "", "berkas model tidak menyebut jenisnya ('jenis:')", "tambahkan 'jenis: bukti_berbobot'"),
    ("jenis: lke\n", "jenis: lkee\n", "jenis model 'lkee' tidak dikenal", "maksud Anda 'lke'?"),
    ("id: permenpanrb-90-2021", "id: permenpanrb-90-2022",
     "id model 'permenpanrb-90-2022' berbeda dengan nama berkas 'permenpanrb-90-2021'", "ganti id"),
])
def test_model_file_kind_and_id_are_checked_with_their_line(tmp_path: Path, old, new, message, hint) -> None:
    path = _copy(tmp_path, "permenpanrb-90-2021", old, new)
    with pytest.raises(InputError) as info:
        load_model_file(path)
    issue = info.value.issues[0]
    assert issue.message == message and issue.hint.startswith(hint) and issue.location.line > 0


def test_loading_a_model_as_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    path = _copy(tmp_path, "permenpanrb-10-2019", source="permenpanrb-10-2019")
    with pytest.raises(InputError) as info:
        load_lke_model(path)
    assert info.value.issues[0].message == "model ini berjenis 'bukti_berbobot', bukan 'lke'"


def test_unknown_model_in_plan_names_the_line_and_the_shipped_models(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "model: permenpanrb-10-2019", "model: permenpanrb-90-2012"), encoding="utf-8")
    code = main(["score", "--root", str(tmp_path), "--as-of", "2026-11-25"])
    assert code == 2
    with pytest.raises(InputError) as info:
        load_plan_model(load_plan(path))
    issue = info.value.issues[0]
    assert issue.location.line == 17
    assert issue.message == "model penilaian 'permenpanrb-90-2012' tidak dikenal"
    assert issue.hint == ("maksud Anda 'permenpanrb-90-2021'? "
                          "model yang tersedia: permenpanrb-10-2019, permenpanrb-90-2021")


def test_2019_plan_under_the_2021_model_reports_every_weight(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(SHIPPED_PLAN.read_text(encoding="utf-8").replace(
        "model: permenpanrb-10-2019", "model: permenpanrb-90-2021"), encoding="utf-8")
    plan = load_plan(path)
    with pytest.raises(InputError) as info:
        check_plan(plan, load_plan_model(plan))
    messages = [i.message for i in info.value.issues]
    assert "bobot area I 5 berbeda dengan model permenpanrb-90-2021 (8)" in messages
    assert "area 'B.1' tidak ada di model permenpanrb-90-2021" in messages
    assert any(m.startswith("area B.I (BIROKRASI YANG BERSIH") for m in messages)


def _lke_unit(tmp_path: Path) -> Path:
    root = tmp_path / "unit"
    init_unit(root, "permenpanrb-90-2021", "Balai Contoh", 2026)
    return root


def test_an_amendment_is_a_new_data_file_in_the_unit(tmp_path: Path, capsys) -> None:
    """A unit adopts a (here: invented) amendment without a code change: a file in model-penilaian/."""
    root = _lke_unit(tmp_path)
    (root / models.UNIT_MODELS_DIR).mkdir()
    amended = _copy(root / models.UNIT_MODELS_DIR, "permenpanrb-5-2024",
                    "id: permenpanrb-90-2021", "id: permenpanrb-5-2024")
    text = amended.read_text(encoding="utf-8")
    threshold = "    - id: total\n      label: Nilai total\n      target: total\n      min: 75\n"
    assert threshold in text
    amended.write_text(text.replace(threshold, threshold.replace("min: 75", "min: 80"), 1), encoding="utf-8")
    for name in ("plan.yaml", "lke.yaml"):
        path = root / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            "model: permenpanrb-90-2021", "model: permenpanrb-5-2024"), encoding="utf-8")
    assert "permenpanrb-5-2024" in models.available_models(root)
    assert main(["score", "--root", str(root), "--as-of", "2026-01-15", "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"]["id"] == "permenpanrb-5-2024" and data["model"]["kind"] == "lke"
    total = next(c for c in data["predikat"]["wbk"]["conditions"] if c["id"] == "total")
    assert total["required"] == 80


def test_a_unit_model_may_not_reuse_a_shipped_id(tmp_path: Path, capsys) -> None:
    root = _lke_unit(tmp_path)
    (root / models.UNIT_MODELS_DIR).mkdir()
    shutil.copy(MODELS_DIR / "permenpanrb-90-2021.yaml", root / models.UNIT_MODELS_DIR)
    assert main(["score", "--root", str(root), "--as-of", "2026-01-15"]) == 2
    assert "model 'permenpanrb-90-2021' sudah dikirim bersama alat ini" in capsys.readouterr().err
