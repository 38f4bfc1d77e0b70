"""LKE figures: model load, answers validation, scoring, workbook export (prints, never fails on a time)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from lke_support import all_at, survey, write_answers  # noqa: E402

from build_tools.assess.lke_answers import load_answers  # noqa: E402
from build_tools.assess.lke_score import score_lke  # noqa: E402
from build_tools.assess.lke_workbook import build_workbook  # noqa: E402
from build_tools.models.registry import (
    _load_cached,  # noqa: E402
    load_lke_model,  # noqa: E402
)
from build_tools.plan.loader import load_plan  # noqa: E402
from build_tools.unit.init import init_unit  # noqa: E402


def timed(label: str, func, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = func()
    print(f"{label}: {(time.perf_counter() - start) / repeat * 1000:.1f} ms")
    return result


def main() -> None:
    plan = load_plan(REPO / "plan.yaml")
    _load_cached.cache_clear()
    model = timed("load model permenpanrb-90-2021 (cold)", lambda: load_lke_model("permenpanrb-90-2021"))
    with tempfile.TemporaryDirectory() as folder:
        path = write_answers(Path(folder) / "lke.yaml", all_at("best"), survey())
        answers = timed("load + validate lke.yaml (111 answers)", lambda: load_answers(path, plan, model), 20)
        timed("score (unit)", lambda: score_lke(model, answers), 20)
        data = timed("build .xlsx", lambda: build_workbook(model, answers), 5)
        print(f"workbook size: {len(data) / 1024:.1f} KiB")
        timed("init (LKE unit: plan, 110 evidence folders, lke.yaml, copy of the tool)",
              lambda: init_unit(Path(folder) / "unit", "permenpanrb-90-2021", "Balai Contoh", 2026))


if __name__ == "__main__":
    main()
