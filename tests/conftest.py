"""Shared fixtures: a unit's project tree under tmp_path with real files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from build_tools.plan.loader import load_plan
from build_tools.plan.structure import Plan
from build_tools.unit.samples import populate

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "plan.yaml"


@pytest.fixture(scope="session")
def shipped_plan() -> Plan:
    return load_plan(SHIPPED_PLAN)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty unit: the shipped plan and an empty evidence/ folder."""
    root = tmp_path / "unit"
    (root / "evidence").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, root / "plan.yaml")
    return root


@pytest.fixture(scope="session")
def _full_tree_template(tmp_path_factory: pytest.TempPathFactory, shipped_plan: Plan) -> Path:
    root = tmp_path_factory.mktemp("full") / "unit"
    (root / "evidence").mkdir(parents=True)
    shutil.copy(SHIPPED_PLAN, root / "plan.yaml")
    populate(root, shipped_plan)
    return root


@pytest.fixture
def full_project(tmp_path: Path, _full_tree_template: Path) -> Path:
    """A unit with evidence for all 59 codes (every month of monthly items)."""
    root = tmp_path / "unit"
    shutil.copytree(_full_tree_template, root)
    return root


def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    """Path → (sha256, mtime_ns) of every entry, to prove a tree was not touched."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[key] = ("link:" + str(path.readlink()), 0)
        elif path.is_file():
            result[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        else:
            result[key] = ("dir", 0)
    return result
