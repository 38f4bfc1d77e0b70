"""What every model kind shares: where model files live, their kind names, and
the lookup of a model id (shipped or a unit's own) with did-you-mean."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from build_tools.core.errors import InputError, Issue, Location
from build_tools.core.months import natural_key
from build_tools.core.yamlread import Reader

MODELS_DIR = Path(__file__).resolve().parent
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


def _value(root: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((v for k, v in root.value if str(k.value) == key), None)


def _check_id(reader: Reader, node: yaml.Node | None, model_id: str, path: Path) -> None:
    """A model's ``id`` is its file name (shared by both formats)."""
    if model_id and model_id != path.stem:
        reader.error(node, f"id model '{model_id}' berbeda dengan nama berkas '{path.stem}'",
                     f"ganti id menjadi '{path.stem}' atau ganti nama berkasnya")
