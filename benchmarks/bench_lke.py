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
from build_tools.core.cliparse import Parser  # noqa: E402
from build_tools.core.cliparse import run as cli_run  # noqa: E402
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
    model = timed("muat model permenpanrb-90-2021 (dingin)", lambda: load_lke_model("permenpanrb-90-2021"))
    with tempfile.TemporaryDirectory() as folder:
        path = write_answers(Path(folder) / "lke.yaml", all_at("best"), survey())
        answers = timed("muat + periksa lke.yaml (111 jawaban)", lambda: load_answers(path, plan, model), 20)
        timed("nilai (unit)", lambda: score_lke(model, answers), 20)
        data = timed("susun .xlsx", lambda: build_workbook(model, answers), 5)
        print(f"ukuran lembar kerja: {len(data) / 1024:.1f} KiB")
        timed("init (unit LKE: rencana, 110 folder bukti, lke.yaml, salinan alat)",
              lambda: init_unit(Path(folder) / "unit", "permenpanrb-90-2021", "Balai Contoh", 2026))


def _main(argv: list[str] | None) -> int:
    Parser(prog="python benchmarks/bench_lke.py",
           description="Angka LKE: memuat model, memeriksa lke.yaml, menghitung nilai, ekspor lembar kerja dan init. Hanya mencetak angka.").parse_args(argv)
    main()
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(_main, sys.argv[1:]))
