"""Evaluation models: one entry point for every kind of model file.

A model file is data: ``build_tools/models/<id>.yaml`` (shipped) or
``<unit>/model-penilaian/<id>.yaml`` (a unit's own, e.g. an amendment such as
PermenPAN-RB 5/2024 before this tool ships it). Every file names its kind in
``jenis:`` and its legal basis; ``plan.yaml``'s ``model:`` selects one by id.

Kinds (``jenis``):

* ``bukti_berbobot`` – the guideline's 2019 model (PermenPAN-RB 10/2019): lever
  areas scored from the evidence in ``evidence/``, results from surveys and
  data (:mod:`build_tools.models.weighted`, :mod:`build_tools.assess.readiness`);
* ``lke`` – an evaluation worksheet (LKE) such as PermenPAN-RB 90/2021: the
  unit's answers in ``lke.yaml`` scored like the worksheet
  (:mod:`build_tools.models.lke`, :mod:`build_tools.assess.lke_score`).

This module reads a file once (YAML with line numbers), checks what both
formats share (``jenis``, ``id`` = file name) and hands the parsed tree to the
loader of its kind. ``load_plan_model(plan, root)`` is what the pipeline calls;
an unknown name is reported at plan.yaml's ``model:`` line.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

import yaml

from build_tools.core.errors import InputError, Issue, Location
from build_tools.core.yamlread import Reader, read_input
from build_tools.models import lke_loader, weighted
from build_tools.models.common import (
    EVIDENCE_WEIGHTED,
    KIND_KEY,
    KINDS,
    LKE,
    MODELS_DIR,
    ROMAN,
    UNIT_MODELS_DIR,
    _check_id,
    _value,
    available_models,
    model_dirs,
    model_path,
    unknown_model,
)
from build_tools.models.lke import LkeModel
from build_tools.models.weighted import EvaluationModel

if TYPE_CHECKING:
    from build_tools.plan.structure import Plan

Model = Union[EvaluationModel, LkeModel]
__all__ = [
    "EVIDENCE_WEIGHTED", "KIND_KEY", "KINDS", "LKE", "MODELS_DIR", "ROMAN", "UNIT_MODELS_DIR", "Model",
    "available_models", "load", "load_lke_model", "load_model_file", "load_plan_model", "load_weighted_model",
    "model_dirs", "model_path", "register_kind", "unknown_model", "unregister_kind",
]


Builder = Callable[[Reader, yaml.Node, Path], object]


def load_model_file(path: Path, kind: str | None = None) -> Model:
    """Read a model file of any kind (or of ``kind``); InputError naming file:line otherwise."""
    path = Path(path)
    stat = path.stat() if path.is_file() else None
    if stat is None:
        raise InputError([Issue(Location(path), "berkas model tidak ditemukan")], "model penilaian")
    model = _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)
    if kind and model.kind != kind:
        text = path.read_text(encoding="utf-8")
        line = next((n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(f"{KIND_KEY}:")), 0)
        raise InputError([Issue(Location(path, line, 1 if line else 0),
                                f"model ini berjenis '{model.kind}', bukan '{kind}'",
                                f"{model.kind}: {KINDS[model.kind]}")], f"model penilaian ({path.name})")
    return model


@functools.lru_cache(maxsize=16)
def _load_cached(path: Path, _mtime: int, _size: int) -> Model:
    what = f"model penilaian ({path.name})"
    reader = Reader(path)
    root = reader.compose(read_input(path, lambda issues: InputError(issues, what)))
    if root is None:
        if not reader.issues:
            reader.error(None, "berkas model kosong")
        raise InputError(reader.issues, what)
    found = _kind_of(reader, root)
    id_node = _value(root, "id")
    if isinstance(id_node, yaml.ScalarNode):
        _check_id(reader, id_node, str(id_node.value).strip(), path)
    if reader.issues:
        raise InputError(reader.issues, what)
    model = _builders()[found](reader, root, path)
    if reader.issues or model is None:
        raise InputError(reader.issues, what)
    return model


def load(model_id: str, root: Path | None = None) -> Model:
    """The model ``model_id`` (shipped, or the unit's own under ``root``)."""
    path = model_path(model_id, root)
    if path is None:
        raise InputError([unknown_model(model_id, Location(MODELS_DIR / f"{model_id}.yaml"), root,
                                        message="tidak ditemukan")], "model penilaian")
    return load_model_file(path)


def load_plan_model(plan: Plan, root: Path | None = None) -> Model:
    """The model ``plan.yaml`` names; an unknown name is reported at its ``model:`` line."""
    root = plan.path.parent if root is None else root
    if model_path(plan.model, root) is None:
        reader = Reader(plan.path)
        node = _value(reader.compose(plan.path.read_text(encoding="utf-8")), "model")
        where = reader.at(node) if node is not None else Location(plan.path)
        raise InputError([unknown_model(plan.model, where, root)], "rencana (plan.yaml)")
    return load(plan.model, root)


def _kind_of(reader: Reader, root: yaml.Node) -> str:
    node = _value(root, KIND_KEY)
    if node is None:
        reader.error(root if isinstance(root, yaml.MappingNode) else None,
                     f"berkas model tidak menyebut jenisnya ('{KIND_KEY}:')",
                     f"tambahkan '{KIND_KEY}: {EVIDENCE_WEIGHTED}' atau '{KIND_KEY}: {LKE}'")
        return ""
    value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    if value not in KINDS:
        close = difflib.get_close_matches(value, list(KINDS), n=1, cutoff=0.6)
        reader.error(node, f"jenis model '{value}' tidak dikenal",
                     f"maksud Anda '{close[0]}'?" if close else f"pilih: {', '.join(KINDS)}")
        return ""
    return value


_BUILDERS: dict[str, Builder] = {EVIDENCE_WEIGHTED: weighted.build_model, LKE: lke_loader.build_model}


def register_kind(kind: str, description: str, builder: Builder) -> None:
    """Teach the loader a new kind of model file (``jenis: <kind>``).

    ``builder(reader, root_node, path)`` returns the model (an object with at
    least ``id``, ``kind``, ``name``, ``legal_basis`` and ``path``) or None
    after reporting its problems on ``reader``. Its scorer is registered with
    :func:`build_tools.assess.kinds.register`.
    """
    KINDS[kind] = description
    _BUILDERS[kind] = builder
    _load_cached.cache_clear()


def unregister_kind(kind: str) -> None:
    KINDS.pop(kind, None)
    _BUILDERS.pop(kind, None)
    _load_cached.cache_clear()


def _builders() -> dict[str, Builder]:
    return _BUILDERS


def load_lke_model(model: str | Path) -> LkeModel:
    """An LKE-kind model: a shipped one by id (``permenpanrb-90-2021``) or a model file by path."""
    if str(model).endswith((".yaml", ".yml")):
        return load_model_file(Path(model), LKE)
    return _load_kind(str(model), LKE)


def load_weighted_model(model_id: str, path: Path | None = None) -> EvaluationModel:
    """A 2019-kind (``bukti_berbobot``) model by id, or the file at ``path``."""
    return load_model_file(Path(path), EVIDENCE_WEIGHTED) if path is not None else _load_kind(model_id, EVIDENCE_WEIGHTED)


def _load_kind(model_id: str, kind: str):
    path = model_path(model_id)
    if path is None:
        raise InputError([unknown_model(model_id, Location(MODELS_DIR / f"{model_id}.yaml"),
                                        message="tidak ditemukan")], "model penilaian")
    return load_model_file(path, kind)
