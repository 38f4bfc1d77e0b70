"""Evaluation models: one entry point for every kind of model file.

A model file is data: ``build_tools/models/<id>.yaml`` (shipped) or
``<unit>/model-penilaian/<id>.yaml`` (a unit's own, e.g. an amendment such as
PermenPAN-RB 5/2024 before this tool ships it). Every file names its kind in
``jenis:`` and its legal basis; ``plan.yaml``'s ``model:`` selects one by id.

Kinds (``jenis``):

* ``bukti_berbobot`` – the guideline's 2019 model (PermenPAN-RB 10/2019): lever
  areas scored from the evidence in ``evidence/``, results from surveys and
  data (:mod:`build_tools.model`, :mod:`build_tools.readiness`);
* ``lke`` – an evaluation worksheet (LKE) such as PermenPAN-RB 90/2021: the
  unit's answers in ``lke.yaml`` scored like the worksheet
  (:mod:`build_tools.lke_model`, :mod:`build_tools.lke_score`).

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

from build_tools.errors import InputError, Issue, Location
from build_tools.months import natural_key
from build_tools.yamlread import Reader, read_input

if TYPE_CHECKING:
    from build_tools.lke_model import LkeModel
    from build_tools.model import EvaluationModel
    from build_tools.plan import Plan

    Model = Union[EvaluationModel, LkeModel]

MODELS_DIR = Path(__file__).resolve().parent / "models"
UNIT_MODELS_DIR = "model-penilaian"
"""A unit's own model files, beside plan.yaml."""
KIND_KEY = "jenis"
EVIDENCE_WEIGHTED, LKE = "bukti_berbobot", "lke"
KINDS = {
    EVIDENCE_WEIGHTED: "model bukti berbobot (pedoman 2019: nilai pengungkit dari bukti)",
    LKE: "model lembar kerja evaluasi (LKE: nilai dari jawaban lke.yaml)",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
"""Lever area numbers as plan.yaml writes them (area 1 → ``I``)."""

Builder = Callable[[Reader, yaml.Node, Path], object]


def model_dirs(root: Path | None = None) -> tuple[Path, ...]:
    """Where model files are looked up: the shipped folder, then the unit's own."""
    return (MODELS_DIR,) + ((Path(root) / UNIT_MODELS_DIR,) if root is not None else ())


def available_models(root: Path | None = None) -> tuple[str, ...]:
    """Ids of every model file (shipped and, with ``root``, the unit's own), natural order."""
    ids = {p.stem for d in model_dirs(root) if d.is_dir() for p in d.glob("*.yaml")}
    return tuple(sorted(ids, key=natural_key))


def model_path(model_id: str, root: Path | None = None) -> Path | None:
    """The file of ``model_id``; a unit's own file may not reuse a shipped id."""
    found = [d / f"{model_id}.yaml" for d in model_dirs(root) if (d / f"{model_id}.yaml").is_file()]
    if len(found) > 1:
        raise InputError([Issue(Location(found[1]), f"model '{model_id}' sudah dikirim bersama alat ini",
                                "beri berkas model unit nama (dan id) lain, misalnya permenpanrb-5-2024")],
                         "model penilaian")
    return found[0] if found else None


def unknown_model(model_id: str, where: Location, root: Path | None = None, *,
                  message: str = "tidak dikenal") -> Issue:
    """An unknown model name: did-you-mean and the list of available models."""
    known = available_models(root)
    close = difflib.get_close_matches(model_id, known, n=1, cutoff=0.6)
    hint = (f"maksud Anda '{close[0]}'? " if close else "") + f"model yang tersedia: {', '.join(known)}"
    return Issue(where, f"model penilaian '{model_id}' {message}", hint)


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


def _value(root: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((v for k, v in root.value if str(k.value) == key), None)


def _check_id(reader: Reader, node: yaml.Node | None, model_id: str, path: Path) -> None:
    """A model's ``id`` is its file name (shared by both formats)."""
    if model_id and model_id != path.stem:
        reader.error(node, f"id model '{model_id}' berbeda dengan nama berkas '{path.stem}'",
                     f"ganti id menjadi '{path.stem}' atau ganti nama berkasnya")


def _builders() -> dict[str, Builder]:
    # Imported here: both loaders import this module for the shared helpers.
    from build_tools import lke_model, model

    return {EVIDENCE_WEIGHTED: model.build_model, LKE: lke_model.build_model}
