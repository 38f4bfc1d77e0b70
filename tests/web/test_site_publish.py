"""make demo, the Makefile targets and the publishing workflow."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from conftest import AS_OF, REPO
from pypdf import PdfReader

from build_tools.core.errors import UsageError
from build_tools.pipeline import assess_lke, load_project
from build_tools.unit.demo import make_demo


def test_demo_is_a_complete_sample_unit(tmp_path, shipped_plan):
    target = tmp_path / "demo"
    count = make_demo(REPO, target)
    project = load_project(target, AS_OF)
    assert len(project.scan.files) == count
    assert {f.code for f in project.scan.files} == set(shipped_plan.codes)
    assert project.completeness.error_count == 0
    for f in project.scan.files:
        if f.family == "pdf":
            text = PdfReader(target / f.path).pages[0].extract_text()
            assert "CONTOH" in text, f.path
    restricted = {f.code for f in project.scan.files if f.access.value == "terbatas"}
    shipped = {p.parent.name.split()[0] for p in (REPO / "evidence").glob("*/_akses.yaml")}
    assert restricted == shipped
    # A sample lke.yaml, valid against the plan: the demo site has its LKE section.
    assert "CONTOH" in (target / "lke.yaml").read_text("utf-8").splitlines()[0]
    assert assess_lke(project).answers.path.name == "lke.yaml"
    # Running it again replaces the demo; a folder that is not a demo is refused.
    assert make_demo(REPO, target) == count
    other = tmp_path / "mine"
    other.mkdir()
    (other / "x.txt").write_text("x")
    with pytest.raises(UsageError):
        make_demo(REPO, other)
    assert (other / "x.txt").exists()


def _dry_run(*targets: str) -> str:
    """What make would run (make itself reads the Makefile and what it includes)."""
    result = subprocess.run(["make", "-n", "-o", ".venv/.installed", *targets], cwd=REPO,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_makefile_builds_the_site_by_default():
    default = _dry_run()
    assert "-m build_tools site" in default and "--bundle build/bundel-publik.pdf" in default
    assert "-m build_tools serve" in _dry_run("serve")
    demo = _dry_run("demo")
    assert "-m build_tools.unit.demo" in demo
    # The demo's bundle and site are built as of the date inside its period that make_demo wrote.
    assert demo.count('--as-of "$(cat demo/.tanggal-acuan)"') == 2


def test_publish_workflow_gates_builds_and_deploys():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert runs.index("make check") < next(i for i, r in enumerate(runs) if r.startswith("make site"))
    assert "AUDIENCE=publik" in " ".join(runs)
    uses = [s.get("uses", "") for s in steps + workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_ci_installs_chromium_and_axe_before_tests():
    ci = (REPO / ".ci" / "run").read_text()
    assert ci.index("apt-get install -y chromium") < ci.index("make test")
    assert ci.index('npm install --prefix .cache/axe') < ci.index("make test")
    assert "axe-core@${AXE_VERSION}" in ci
