"""Helpers shared by the site tests."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO  # noqa: F401  (site conftest)


def evidence_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "evidence").rglob("*") if p.is_file() and not p.name.startswith("_"))


def tree_digest(folder: Path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("root_conftest", REPO / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tree_digest(folder)
