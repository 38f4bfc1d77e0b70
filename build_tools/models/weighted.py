"""The 2019 kind of evaluation model (``jenis: bukti_berbobot``): weights, survey
scale and WBK/WBBM conditions as data.

A model lives in ``build_tools/models/<id>.yaml`` and is selected by
``plan.yaml``'s ``model:`` key; :mod:`build_tools.models.registry` reads any model file
and hands a file of this kind to :func:`build_model`. ``load_model(model_id)``
loads one directly. ``check_plan(plan, model)`` checks that the plan's part and
area weights agree with a model of either kind and, for this kind, its result
components and ``persyaratan.*.nilai`` thresholds, naming plan.yaml's line when
they do not.

The file format is documented at the top of the shipped model file and in
README ("Model penilaian"). Measures a condition may use (``ukuran``):

* ``nilai_total``, ``nilai_pengungkit``, ``nilai_hasil`` – part scores;
* ``nilai_area:<id>`` – an area's score, e.g. ``nilai_area:B.1``;
* ``sub_komponen:<id>`` – a result sub-component's score;
* ``tahun_opini_berturut`` – consecutive years (back from the latest year
  recorded) with the BPK opinion named in ``opini``;
* ``nilai_akip`` – the instansi's AKIP grade;
* ``sudah_wbk`` – whether the unit already holds WBK.

Operators: ``>=`` (numbers), ``peringkat>=`` (grades, by the order of
``peringkat_akip``), ``=`` (yes/no).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools.core.yamlread import Reader
from build_tools.models import common

SOURCES = {"pedoman": "pedoman/regulasi", "pilihan_alat": "pilihan alat ini"}
OPERATORS = (">=", "peringkat>=", "=")
_SIMPLE_MEASURES = ("nilai_total", "nilai_pengungkit", "nilai_hasil", "tahun_opini_berturut",
                    "nilai_akip", "sudah_wbk")
TOLERANCE = 1e-6


@dataclass(frozen=True)
class ModelPart:
    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class ModelArea:
    id: str
    part: str
    """``pengungkit`` or ``hasil``."""
    name: str
    weight: float


@dataclass(frozen=True)
class SubComponent:
    """A scored piece of a result area: a survey or the TLHP share."""

    id: str
    area_id: str
    component: int
    """The component number in plan.yaml this sub-component scores."""
    name: str
    weight: float
    kind: str
    """``survei`` or ``tlhp``."""
    survey: str = ""
    """plan.yaml ``survei`` id, for kind ``survei``."""


@dataclass(frozen=True)
class Condition:
    """One WBK/WBBM condition, as data."""

    id: str
    label: str
    measure: str
    operator: str
    required: object
    """A number, a grade (``CC``) or True/False."""
    source: str
    """``pedoman`` or ``pilihan_alat``."""
    plan_values: tuple[tuple[str, object], ...] = ()
    """plan.yaml ``persyaratan.<predikat>.nilai`` keys and the values they must have."""
    opinion: str = ""
    note: str = ""


@dataclass(frozen=True)
class SampleMinimum:
    count: int
    source: str
    note: str


@dataclass(frozen=True)
class EvaluationModel:
    id: str
    name: str
    legal_basis: str
    source: str
    path: Path
    decimals: int
    parts: tuple[ModelPart, ...]
    areas: tuple[ModelArea, ...]
    sub_components: tuple[SubComponent, ...]
    scale_min: int
    scale_max: int
    scale_formula: str
    sample_minimum: SampleMinimum
    akip_grades: tuple[str, ...]
    """Best first."""
    opinions: tuple[str, ...]
    conditions: dict[str, tuple[Condition, ...]]
    """``wbk`` / ``wbbm`` → conditions in the model's order."""
    kind: str = common.EVIDENCE_WEIGHTED
    """``jenis`` of the file (see :mod:`build_tools.models.registry`)."""

    def area(self, area_id: str) -> ModelArea:
        return next(a for a in self.areas if a.id == area_id)

    def part(self, part_id: str) -> ModelPart:
        return next(p for p in self.parts if p.id == part_id)

    def sub_component(self, sub_id: str) -> SubComponent:
        return next(s for s in self.sub_components if s.id == sub_id)


def build_model(reader: Reader, root: yaml.Node, path: Path) -> EvaluationModel | None:
    """The model in an already parsed file (called by :func:`build_tools.models.registry.load_model_file`)."""
    return _ModelBuilder(reader, path).build(root)


class _ModelBuilder:
    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path

    def build(self, root: yaml.Node) -> EvaluationModel | None:
        r = self.r
        top = r.mapping(root, "model", required=(
            "versi_format", "id", "nama", "dasar_hukum", "bagian", "area", "sub_komponen",
            "skala_survei", "sampel_minimum", "peringkat_akip", "opini_bpk", "syarat",
        ), optional=("sumber", "pembulatan", common.KIND_KEY))
        version = r.integer(top.get("versi_format"), "versi_format")
        if version not in (None, 1):
            r.error(top["versi_format"], f"versi_format {version} tidak didukung", "gunakan versi_format: 1")
        decimals = r.integer(top.get("pembulatan"), "pembulatan") if "pembulatan" in top else 2
        parts = tuple(self._part(n) for n in r.sequence(top.get("bagian"), "bagian"))
        areas = tuple(self._area(n, {p.id for p in parts}) for n in r.sequence(top.get("area"), "area"))
        self._sums(top, parts, areas)
        subs = tuple(self._sub(n, {a.id for a in areas}) for n in r.sequence(top.get("sub_komponen"),
                                                                              "sub_komponen"))
        for area in areas:
            inside = [s.weight for s in subs if s.area_id == area.id]
            if area.part == "hasil" and abs(sum(inside) - area.weight) > TOLERANCE:
                r.error(top.get("sub_komponen"), f"sub komponen area {area.id} berjumlah "
                        f"{sum(inside):g}, bukan {area.weight:g}")
        scale = r.mapping(top.get("skala_survei"), "skala_survei", required=("min", "maks"),
                          optional=("rumus",))
        scale_min = r.integer(scale.get("min"), "skala_survei.min") or 1
        scale_max = r.integer(scale.get("maks"), "skala_survei.maks") or 4
        if scale_max <= scale_min:
            r.error(scale.get("maks"), "skala_survei.maks harus lebih besar dari min")
        sample = r.mapping(top.get("sampel_minimum"), "sampel_minimum",
                           required=("jumlah", "sumber"), optional=("keterangan",))
        sample_min = SampleMinimum(r.integer(sample.get("jumlah"), "sampel_minimum.jumlah") or 0,
                                   self._source(sample.get("sumber")),
                                   r.text(sample.get("keterangan"), "keterangan", required=False))
        grades = tuple(r.text(n, "peringkat_akip") for n in r.sequence(top.get("peringkat_akip"),
                                                                        "peringkat_akip"))
        opinions = tuple(r.text(n, "opini_bpk") for n in r.sequence(top.get("opini_bpk"), "opini_bpk"))
        context = _Context({a.id for a in areas}, {s.id for s in subs}, grades, opinions)
        conditions = {}
        for predicate, node in r.mapping(top.get("syarat"), "syarat", required=("wbk", "wbbm")).items():
            items = tuple(self._condition(n, context) for n in r.sequence(node, f"syarat.{predicate}"))
            ids = [c.id for c in items]
            for n, c in zip(r.sequence(node, ""), items):
                if ids.count(c.id) > 1:
                    r.error(n, f"syarat '{c.id}' ditulis dua kali di {predicate}")
            conditions[predicate] = items
        if r.issues:
            return None
        return EvaluationModel(
            id=r.text(top.get("id"), "id"), name=r.text(top.get("nama"), "nama"),
            legal_basis=r.text(top.get("dasar_hukum"), "dasar_hukum"),
            source=r.text(top.get("sumber"), "sumber", required=False), path=self.path,
            decimals=decimals if decimals is not None else 2, parts=parts, areas=areas,
            sub_components=subs, scale_min=scale_min, scale_max=scale_max,
            scale_formula=r.text(scale.get("rumus"), "rumus", required=False),
            sample_minimum=sample_min, akip_grades=grades, opinions=opinions, conditions=conditions,
        )

    def _part(self, node: yaml.Node) -> ModelPart:
        m = self.r.mapping(node, "bagian", required=("id", "nama", "bobot"))
        part_id = self.r.text(m.get("id"), "bagian.id")
        if part_id and part_id not in ("pengungkit", "hasil"):
            self.r.error(m["id"], f"bagian '{part_id}' tidak dikenal", "gunakan 'pengungkit' atau 'hasil'")
        return ModelPart(part_id, self.r.text(m.get("nama"), "bagian.nama"),
                         self.r.number(m.get("bobot"), "bagian.bobot") or 0.0)

    def _area(self, node: yaml.Node, parts: set[str]) -> ModelArea:
        m = self.r.mapping(node, "area", required=("id", "bagian", "nama", "bobot"))
        part = self.r.text(m.get("bagian"), "area.bagian")
        if part and part not in parts:
            self.r.error(m["bagian"], f"bagian '{part}' tidak ada di daftar bagian")
        return ModelArea(self.r.text(m.get("id"), "area.id"), part, self.r.text(m.get("nama"), "area.nama"),
                         self.r.number(m.get("bobot"), "area.bobot") or 0.0)

    def _sums(self, top: dict, parts: tuple[ModelPart, ...], areas: tuple[ModelArea, ...]) -> None:
        if parts and abs(sum(p.weight for p in parts) - 100) > TOLERANCE:
            self.r.error(top.get("bagian"), f"bobot bagian berjumlah {sum(p.weight for p in parts):g}, bukan 100")
        for part in parts:
            total = sum(a.weight for a in areas if a.part == part.id)
            if abs(total - part.weight) > TOLERANCE:
                self.r.error(top.get("area"), f"bobot area {part.id} berjumlah {total:g}, bukan {part.weight:g}")

    def _sub(self, node: yaml.Node, area_ids: set[str]) -> SubComponent:
        r = self.r
        m = r.mapping(node, "sub_komponen", required=("id", "area", "komponen", "nama", "bobot", "jenis"),
                      optional=("survei",))
        area = r.text(m.get("area"), "sub_komponen.area")
        if area and area not in area_ids:
            r.error(m["area"], f"area '{area}' tidak ada di daftar area")
        kind = r.text(m.get("jenis"), "sub_komponen.jenis")
        if kind and kind not in ("survei", "tlhp"):
            r.error(m["jenis"], f"jenis '{kind}' tidak dikenal", "gunakan 'survei' atau 'tlhp'")
        survey = r.text(m.get("survei"), "sub_komponen.survei") if "survei" in m else ""
        if kind == "survei" and not survey:
            r.error(node, "sub komponen jenis survei memerlukan 'survei: <id survei di plan.yaml>'")
        return SubComponent(r.text(m.get("id"), "sub_komponen.id"), area,
                            r.integer(m.get("komponen"), "sub_komponen.komponen") or 0,
                            r.text(m.get("nama"), "sub_komponen.nama"),
                            r.number(m.get("bobot"), "sub_komponen.bobot") or 0.0, kind, survey)

    def _source(self, node: yaml.Node | None) -> str:
        source = self.r.text(node, "sumber")
        if source and source not in SOURCES:
            self.r.error(node, f"sumber '{source}' tidak dikenal", "gunakan 'pedoman' atau 'pilihan_alat'")
        return source

    def _condition(self, node: yaml.Node, ctx: "_Context") -> Condition:
        r = self.r
        m = r.mapping(node, "syarat", required=("id", "label", "ukuran", "operator", "nilai", "sumber"),
                      optional=("opini", "rencana", "keterangan"))
        measure = r.text(m.get("ukuran"), "syarat.ukuran")
        if measure and not _measure_known(measure, ctx):
            r.error(m["ukuran"], f"ukuran '{measure}' tidak dikenal",
                    "lihat daftar ukuran di build_tools/model.py")
        operator = r.text(m.get("operator"), "syarat.operator")
        if operator and operator not in OPERATORS:
            r.error(m["operator"], f"operator '{operator}' tidak dikenal", f"gunakan {', '.join(OPERATORS)}")
        required = r.scalar_value(m["nilai"]) if "nilai" in m else None
        if operator == ">=" and (isinstance(required, bool) or not isinstance(required, (int, float))):
            r.error(m.get("nilai"), "nilai syarat dengan operator >= harus berupa angka")
        if operator == "peringkat>=" and required not in ctx.grades:
            r.error(m.get("nilai"), f"peringkat '{required}' tidak ada di peringkat_akip")
        if operator == "=" and not isinstance(required, bool):
            r.error(m.get("nilai"), "nilai syarat dengan operator = harus 'ya' atau 'tidak'")
        opinion = r.text(m.get("opini"), "syarat.opini") if "opini" in m else ""
        if measure == "tahun_opini_berturut" and opinion not in ctx.opinions:
            r.error(m.get("opini") or node, "ukuran tahun_opini_berturut memerlukan 'opini' dari daftar opini_bpk")
        plan_values = tuple((key, r.scalar_value(v)) for key, v in
                            r.mapping(m.get("rencana"), "syarat.rencana").items()) if "rencana" in m else ()
        return Condition(
            id=r.text(m.get("id"), "syarat.id"), label=r.text(m.get("label"), "syarat.label"),
            measure=measure, operator=operator, required=required, source=self._source(m.get("sumber")),
            plan_values=plan_values, opinion=opinion,
            note=r.text(m.get("keterangan"), "keterangan", required=False),
        )


@dataclass(frozen=True)
class _Context:
    areas: set[str]
    subs: set[str]
    grades: tuple[str, ...]
    opinions: tuple[str, ...]


def _measure_known(measure: str, ctx: _Context) -> bool:
    if measure in _SIMPLE_MEASURES:
        return True
    kind, _, ref = measure.partition(":")
    return (kind == "nilai_area" and ref in ctx.areas) or (kind == "sub_komponen" and ref in ctx.subs)


# ---------------------------------------------------------------------------
# The plan against the model
# ---------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return re.sub(r"\.", ",", f"{value:g}")
