"""A plan checked against its model: part and area weights, result components,
surveys and requirement figures must agree, each difference at its plan.yaml line."""

from __future__ import annotations

import yaml

from build_tools.core.errors import InputError, Issue, Location
from build_tools.core.yamlread import Reader
from build_tools.models import common
from build_tools.models.weighted import TOLERANCE, ModelArea, ModelPart, _fmt
from build_tools.plan.structure import Plan


def plan_structure(model) -> tuple[tuple[ModelPart, ...], tuple[ModelArea, ...]]:
    """The parts and areas a plan for ``model`` (of either kind) must have, with their weights.

    An LKE model's lever areas (pemenuhan + reform, numbered 1–6) are plan
    areas ``I`` … ``VI``; its result aspects (``B.I``, ``B.II``) are result areas.
    """
    if model.kind == common.EVIDENCE_WEIGHTED:
        return model.parts, model.areas
    lever, result = model.lever_part, model.result_part
    parts = (ModelPart("pengungkit", lever.name, lever.weight), ModelPart("hasil", result.name, result.weight))
    areas = tuple(ModelArea(common.ROMAN[a.number - 1], "pengungkit", a.name, a.weight) for a in model.lever_areas)
    areas += tuple(ModelArea(a.id, "hasil", a.name, a.weight) for a in result.aspects)
    return parts, areas


def check_plan(plan: Plan, model) -> None:
    """Raise InputError (naming plan.yaml's lines) where the plan disagrees with the model.

    Both kinds: the part and area weights. The 2019 kind also: result
    components against its sub-components, surveys and ``persyaratan.*.nilai``.
    """
    reader = Reader(plan.path)
    try:
        root = reader.compose(plan.path.read_text(encoding="utf-8"))
    except OSError:  # pragma: no cover - the plan was just read
        root = None
    issues: list[Issue] = []

    def at(*path: object) -> Location:
        return reader.at(_node_at(root, path))

    def problem(location: Location, message: str, hint: str) -> None:
        issues.append(Issue(location, message, hint))

    model_parts, model_areas = plan_structure(model)
    for kind, weight in (("pengungkit", plan.lever_weight), ("hasil", plan.result_weight)):
        expected = next((p.weight for p in model_parts if p.id == kind), None)
        if expected is not None and abs(expected - weight) > TOLERANCE:
            problem(at(kind, "bobot"), f"bobot {kind} {_fmt(weight)} berbeda dengan model {model.id} "
                    f"({_fmt(expected)})", f"ubah menjadi {_fmt(expected)} atau pilih model lain")
    for kind, areas in (("pengungkit", plan.lever_areas), ("hasil", plan.result_areas)):
        for index, area in enumerate(areas):
            known = next((a for a in model_areas if a.id == area.id), None)
            if known is None:
                problem(at(kind, "area", index, "id"), f"area '{area.id}' tidak ada di model {model.id}",
                        f"area model: {', '.join(a.id for a in model_areas)}")
            elif abs(known.weight - area.weight) > TOLERANCE:
                problem(at(kind, "area", index, "bobot"), f"bobot area {area.id} {_fmt(area.weight)} "
                        f"berbeda dengan model {model.id} ({_fmt(known.weight)})",
                        f"ubah menjadi {_fmt(known.weight)}")
        for known in model_areas:
            if known.part == kind and known.id not in {a.id for a in areas}:
                problem(at(kind, "area"), f"area {known.id} ({known.name}) dari model {model.id} "
                        "tidak ada di rencana", "tambahkan area tersebut")
    for sub in model.sub_components if model.kind == common.EVIDENCE_WEIGHTED else ():
        try:
            area = plan.area(sub.area_id)
            index = plan.result_areas.index(area)
            c_index, component = next((i, c) for i, c in enumerate(area.components)
                                      if c.number == sub.component)
        except (KeyError, ValueError, StopIteration):
            continue  # reported above as a missing area, or below as a missing component
        if abs(component.weight - sub.weight) > TOLERANCE:
            problem(at("hasil", "area", index, "komponen", c_index, "bobot"),
                    f"bobot komponen {sub.area_id}.{sub.component} {_fmt(component.weight)} berbeda dengan "
                    f"sub komponen '{sub.name}' model {model.id} ({_fmt(sub.weight)})",
                    f"ubah menjadi {_fmt(sub.weight)}")
        if sub.kind == "survei" and sub.survey not in {s.id for s in plan.surveys}:
            problem(at("survei"), f"survei '{sub.survey}' yang dipakai model {model.id} tidak ada di rencana",
                    f"tambahkan survei '{sub.survey}' di bagian survei:")
    for predicate, conditions in model.conditions.items() if model.kind == common.EVIDENCE_WEIGHTED else ():
        requirements = plan.requirements.get(predicate)
        if requirements is None:
            continue
        expected = {key: value for c in conditions for key, value in c.plan_values}
        for key, value in requirements.values.items():
            where = at("persyaratan", predicate, "nilai", key)
            if key not in expected:
                problem(where, f"persyaratan.{predicate}.nilai.{key} tidak dipakai model {model.id}",
                        "hapus baris ini")
            elif not _same(value, expected[key]):
                problem(where, f"persyaratan.{predicate}.nilai.{key} = {_show(value)} berbeda dengan "
                        f"model {model.id} ({_show(expected[key])})",
                        f"ubah menjadi {_show(expected[key])}; angka syarat diambil dari model")
    if issues:
        raise InputError(issues, f"rencana (plan.yaml) terhadap model {model.id}")


def _node_at(root: yaml.Node | None, path: tuple[object, ...]) -> yaml.Node | None:
    """The deepest node along ``path`` (mapping keys and sequence indexes)."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            found = next((v for k, v in node.value if str(k.value) == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            found = node.value[step]
        else:
            found = None
        if found is None:
            return node
        node = found
    return node


def _same(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= TOLERANCE
    return str(a).strip().upper() == str(b).strip().upper()


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return _fmt(value)
    return str(value)
