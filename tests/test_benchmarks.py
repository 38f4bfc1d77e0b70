"""`make bench` keeps running: every benchmark, at its smallest setting, prints its figures.

Figures are never asserted (times belong to `make bench`, not to tests); what is
checked is that each benchmark still drives the tool's current API to the end.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

SMALLEST = {
    "bench_bundle.py": ["--scale", "0.01", "--repeat", "1"],
    "bench_check.py": ["--files", "20", "--runs", "1"],
    "bench_integrity.py": ["--scale", "0.01", "--repeat", "1"],
    "bench_lke.py": [],
    "bench_score.py": [],
    "bench_site.py": ["--files", "30"],
}
FIGURE = re.compile(r"^.*\d+[.,]\d+.*$", re.MULTILINE)  # a line with a measured figure


def test_every_benchmark_has_a_smallest_setting() -> None:
    assert sorted(p.name for p in (REPO / "benchmarks").glob("bench_*.py")) == sorted(SMALLEST)


@pytest.mark.parametrize("name", sorted(SMALLEST))
def test_a_benchmark_runs_to_its_figures(name: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / name), *SMALLEST[name]],
                          check=False, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert len(FIGURE.findall(done.stdout)) >= 3, done.stdout
