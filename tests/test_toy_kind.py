"""A third model kind, defined here, gets reports, a site and a bundle without touching any renderer.

The toy kind ("jenis: mainan") scores each lever area by the share of its
evidence codes that are complete, weighted as the model file says, and has
one predicate ("Siap") with one condition on the total. Everything it knows
is in this file: a data file, its reader and its scorer, registered with the
two registries (:mod:`build_tools.models.registry`, :mod:`build_tools.assess.kinds`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from build_tools.assess import kinds
from build_tools.assess import view as v
from build_tools.check.completeness import Status
from build_tools.cli import main
from build_tools.models import registry
from build_tools.unit.samples import populate
from tests.conftest import SHIPPED_PLAN

KIND = "mainan"
MODEL_ID = "mainan-2026"
MODEL_FILE = f"""\
jenis: {KIND}
id: {MODEL_ID}
nama: Model mainan <b>uji</b>
dasar_hukum: Aturan mainan nomor 1
ambang_siap: 30
bobot_area: {{I: 10, II: 10, III: 20, IV: 20, V: 20, VI: 20}}
"""


@dataclass(frozen=True)
class ToyModel:
    id: str
    name: str
    legal_basis: str
    path: Path
    threshold: float
    weights: dict[str, float]
    kind: str = KIND


def build_toy(reader, root, path: Path) -> ToyModel:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return ToyModel(data["id"], data["nama"], data["dasar_hukum"], Path(path), float(data["ambang_siap"]),
                    {str(k): float(w) for k, w in data["bobot_area"].items()})


def assess_toy(project, model: ToyModel) -> v.Assessment:
    areas = []
    gaps = []
    for area in project.plan.lever_areas:
        items = [project.completeness.item(e.code) for c in area.components for e in c.evidence]
        weight = model.weights[area.id]
        each = weight / len(items)
        rows = tuple(v.Row(s.item.code, s.item.title, each, each if s.status is Status.COMPLETE else 0.0,
                           1.0 if s.status is Status.COMPLETE else 0.0, s.status.value, evidence=(s.item.code,),
                           kind="bukti") for s in items)
        areas.append(v.Group(area.id, area.name, weight, sum(r.score for r in rows), label="area", rows=rows))
        gaps += [v.Gap(r.id, r.title, each, "belum lengkap", r.evidence) for r in rows if r.score == 0]
    total = sum(a.score for a in areas)
    part = v.Group("P", "Bagian mainan", 100.0, total, label="bagian", groups=tuple(areas))
    ready = v.Predicate("siap", "Siap", total >= model.threshold, (
        v.Condition("total", "Nilai total", model.threshold, total, total >= model.threshold,
                    max(0.0, model.threshold - total)),))
    return v.Assessment(
        model_id=model.id, model_name=model.name, legal_basis=(model.legal_basis,), title="Penilaian mainan",
        basis="dihitung dari bukti yang lengkap", unit_name=project.plan.unit.name, as_of=project.as_of,
        total=total, total_weight=100.0, parts=(part,), areas=tuple(areas), chapters=tuple(areas),
        predicates=(ready,), gaps=tuple(sorted(gaps, key=lambda g: -g.points)),
        record={"model": model.id, "total": round(total, 4), "siap": ready.eligible})


@pytest.fixture
def toy_unit(tmp_path: Path):
    registry.register_kind(KIND, "model mainan untuk uji", build_toy)
    kinds.register(KIND, kinds.Kind(check_plan=lambda plan, model: None, assess=assess_toy))
    root = tmp_path / "unit"
    (root / "evidence").mkdir(parents=True)
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    (root / "plan.yaml").write_text(re.sub(r"(?m)^model: .*$", f"model: {MODEL_ID}", text, count=1),
                                    encoding="utf-8")
    (root / "model-penilaian").mkdir()
    (root / "model-penilaian" / f"{MODEL_ID}.yaml").write_text(MODEL_FILE, encoding="utf-8")
    from build_tools.plan.loader import load_plan

    populate(root, load_plan(root / "plan.yaml"), codes=["I.1.a", "I.1.b", "III.1.a", "V.1.a"])
    yield root
    kinds.unregister(KIND)
    registry.unregister_kind(KIND)


AS_OF = "2020-12-31"


def test_toy_kind_reports(toy_unit: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    common = ["--root", str(toy_unit), "--as-of", AS_OF, "--no-cache"]
    assert main(["score", *common, "--format", "json", "--out", str(out / "p.json"),
                 "--xlsx", str(out / "p.xlsx"), "--csv", str(out / "p.csv")]) == 0
    record = json.loads((out / "p.json").read_text(encoding="utf-8"))
    # Area I: 2 of 9 codes → 10 × 2/9; III: 1 of … ; the toy's own arithmetic, recomputed here.
    assert record["model"] == MODEL_ID and record["siap"] is False and 0 < record["total"] < 30
    rows = list(csv.DictReader(io.StringIO((out / "p.csv").read_text(encoding="utf-8"))))
    assert rows[0]["jenis"] == "bagian" and rows[-1]["jenis"] == "total"
    assert float(rows[-1]["skor"]) == pytest.approx(record["total"], abs=1e-4)
    assert {r["id"] for r in rows if r["jenis"] == "bukti" and r["status"] == "lengkap"} == {
        "I.1.a", "I.1.b", "III.1.a", "V.1.a"}
    from openpyxl import load_workbook

    book = load_workbook(out / "p.xlsx")
    assert book.sheetnames == ["Penilaian", "Syarat", "Selisih"]
    assert any(c.value == "Siap" for row in book["Syarat"].iter_rows() for c in row)
    assert main(["score", *common]) == 0
    text = capsys.readouterr().out
    assert "Penilaian mainan" in text and "Syarat Siap: BELUM MEMENUHI SYARAT" in text
    assert "Bagian mainan" in text and "I.1.c" in text


def test_toy_kind_site_and_bundle(toy_unit: Path, tmp_path: Path, capsys) -> None:
    common = ["--root", str(toy_unit), "--as-of", AS_OF, "--no-cache"]
    bundle = tmp_path / "bundel.pdf"
    assert main(["bundle", *common, "--out", str(bundle), "--allow-broken"]) == 0
    cover = PdfReader(bundle).pages[0].extract_text()
    assert "Syarat Siap" in cover and "belum terpenuhi" in cover and "Bagian mainan" in cover
    site = tmp_path / "site"
    assert main(["site", *common, "--out", str(site), "--src", str(tmp_path / "src"),
                 "--bundle", str(bundle)]) == 0
    page = (site / "penilaian" / "index.html").read_text(encoding="utf-8")
    assert "Penilaian mainan" in page and "Syarat Siap: belum memenuhi syarat" in page
    assert "mainan-2026" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Syarat Siap" in home
    assert not (site / "lke").exists()
    shutil.rmtree(site)
