"""The 2019 model's score JSON stays byte-identical (golden files saved before models became selectable).

Regenerate only on purpose: ``python -m build_tools score --as-of 2026-11-25 --format json``
for the shipped plan, and the same for a tree filled by ``samples.populate``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"


def _score_json(root: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "penilaian.json"
    assert main(["score", "--root", str(root), "--as-of", "2026-11-25", "--format", "json",
                 "--out", str(out), "--no-cache"]) == 0
    return out.read_bytes()


@pytest.mark.parametrize(("fixture", "golden"), [
    ("project", "score-shipped-2026-11-25.json"),
    ("full_project", "score-full-2026-11-25.json"),
])
def test_2019_score_is_unchanged(fixture: str, golden: str, tmp_path: Path, request) -> None:
    root = request.getfixturevalue(fixture)
    assert _score_json(root, tmp_path) == (GOLDEN / golden).read_bytes()
