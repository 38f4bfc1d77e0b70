"""The package shows the pipeline: stages as subpackages, imports flowing one way.

Every import counts, including those inside functions and under
``TYPE_CHECKING``: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
LAYERS = {
    "core": 0, "plan": 1, "models": 2, "evidence": 3, "check": 4, "assess": 5,
    "reports": 6, "integrity": 6, "site": 7, "bundle": 7, "unit": 8, "pipeline": 9, "cli": 10, "__main__": 11,
}
"""Rank of each subpackage (or top-level module); a module imports only lower ranks or its own package."""
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("build_tools"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).is_file()
                              or (PACKAGE.parent / candidate.replace(".", "/")).is_dir() else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("build_tools"))
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_subpackage_has_a_rank_and_says_what_it_owns() -> None:
    for path in sorted(PACKAGE.iterdir()):
        if path.is_dir() and (path / "__init__.py").is_file():
            assert path.name in LAYERS, f"{path.name}: give the new subpackage a rank in LAYERS"
            doc = ast.get_docstring(ast.parse((path / "__init__.py").read_text(encoding="utf-8"))) or ""
            assert "Owns:" in doc and "May import:" in doc, f"{path.name}/__init__.py must say what it owns and imports"
        elif path.suffix == ".py" and path.stem not in ("__init__",):
            assert path.stem in LAYERS, f"{path.name}: only pipeline, cli and __main__ live at the top"


def test_imports_flow_down() -> None:
    upward = []
    for module, imports in _graph().items():
        layer = _layer(module)
        if not layer:
            continue
        for target in imports:
            other = _layer(target)
            if other and other != layer and LAYERS[other] >= LAYERS[layer]:
                upward.append(f"{module} → {target}")
    assert not upward, "imports that go up or sideways:\n" + "\n".join(sorted(upward))


def test_no_import_cycles() -> None:
    graph = {m: {t for t in deps if t != m} for m, deps in _graph().items()}
    # A package's __init__ importing its own modules is how Python loads it, not a cycle.
    for m in graph:
        graph[m] = {t for t in graph[m] if t in graph and not m.startswith(t + ".")}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


KIND_LAYERS = {"models", "assess"}
"""The only subpackages that may know which model kinds exist."""
KIND_MODULES = {
    "build_tools.models.lke", "build_tools.models.weighted", "build_tools.models.lke_loader",
    "build_tools.models.plan_check", "build_tools.models.lke_plan", "build_tools.models.lke_blank",
    "build_tools.assess.readiness", "build_tools.assess.lke_report", "build_tools.assess.lke_score",
    "build_tools.assess.weighted_view", "build_tools.assess.lke_view", "build_tools.assess.weighted_record",
    "build_tools.assess.lke_record", "build_tools.assess.inputs", "build_tools.assess.lke_workbook",
}
"""Modules of one kind: the renderers read :mod:`build_tools.assess.view` instead."""
KIND_NAMES = {"EVIDENCE_WEIGHTED", "LKE", "Readiness", "LkeAssessment", "LkeScore", "LkeModel", "EvaluationModel",
              "KIND_CHOICE", "KIND_SURVEY", "KIND_QUESTIONS", "KIND_SUBINDICATORS"}


def test_no_kind_checks_outside_the_model_and_assessment_layers() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        if _layer(module) in KIND_LAYERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {a.name for a in node.names}
                targets = {node.module} | {f"{node.module}.{n}" for n in names}
                if targets & KIND_MODULES or names & KIND_NAMES:
                    found.append(f"{module}: from {node.module} import {', '.join(sorted(names))}")
            elif isinstance(node, ast.Attribute) and node.attr in KIND_NAMES:
                found.append(f"{module}: .{node.attr} (line {node.lineno})")
            elif isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Attribute) and side.attr == "kind" and "model" in ast.unparse(side.value)
                    for side in [node.left, *node.comparators]):
                found.append(f"{module}: {ast.unparse(node)} (line {node.lineno})")
    assert not found, "kind-specific code outside models/ and assess/:\n" + "\n".join(found)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)}: {lines} lines; split it by what it does"
