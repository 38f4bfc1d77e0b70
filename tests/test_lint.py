"""Static check: no undefined names, unused imports or variables, syntax errors."""

import subprocess
import sys

from conftest import REPO


def test_pyflakes_rules_pass():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "F,E9", "--target-version", "py311",
                             "--no-cache", "build_tools", "tests", "benchmarks", "tools"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
