"""Golden units: reports, workbooks, site sources and bundle bytes stay identical.

See :mod:`tests.goldens` for the units and how to regenerate on purpose.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.goldens import UNITS, load_golden, outputs


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_outputs_match_golden(unit: str, tmp_path: Path) -> None:
    expected = load_golden(unit)
    actual = outputs(unit, tmp_path)
    assert sorted(actual) == sorted(expected)
    changed = []
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diff = "".join(list(difflib.unified_diff(expected[name].splitlines(True), actual[name].splitlines(True),
                                                     f"golden/{unit}/{name}", "now", n=1))[:40])
            changed.append(diff)
    assert not changed, "\n".join(changed)
