"""Site build time for a full unit: 59 evidence codes and about 600 files.

Prints the figures; never fails on a time. Run with ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.core.cliparse import Parser  # noqa: E402
from build_tools.core.cliparse import run as cli_run  # noqa: E402
from build_tools.models.lke_samples import write_sample_answers  # noqa: E402
from build_tools.models.registry import load_lke_model  # noqa: E402
from build_tools.pipeline import load_project  # noqa: E402
from build_tools.plan.loader import load_plan  # noqa: E402
from build_tools.site.build import build_site, run_mkdocs, write_sources  # noqa: E402
from build_tools.site.pages import render_site  # noqa: E402
from build_tools.unit.samples import populate  # noqa: E402

TARGET_FILES = 600
AS_OF = dt.date(2020, 12, 31)


def main() -> None:
    plan = load_plan(REPO / "plan.yaml")
    monthly = sum(len(i.expected_months()) for i in plan.evidence if i.recurring)
    one_off = sum(1 for i in plan.evidence if not i.recurring)
    extra = max(0, -(-(TARGET_FILES - monthly) // one_off) - 1)  # at least TARGET_FILES
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "unit"
        (root / "evidence").mkdir(parents=True)
        shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
        shutil.copytree(REPO / "docs", root / "docs")
        files = populate(root, plan, extra_files=extra)
        size = sum(f.stat().st_size for f in files)
        print(f"unit: {len(plan.codes)} kode, {len(files)} berkas, {size / 1e6:.1f} MB")

        t0 = time.perf_counter()
        build_site(root, AS_OF, out=Path(tmp) / "out", sources_dir=Path(tmp) / "src", use_cache=True)
        cold = time.perf_counter() - t0
        print(f"bangun situs, cache pindaian dingin: {cold:.2f} s")

        t0 = time.perf_counter()
        project = load_project(root, AS_OF)
        t1 = time.perf_counter()
        sources = render_site(project, root / "docs")
        t2 = time.perf_counter()
        write_sources(Path(tmp) / "src", sources)
        t3 = time.perf_counter()
        run_mkdocs(Path(tmp) / "src", Path(tmp) / "out")
        t4 = time.perf_counter()
        print(f"bangun situs, hangat: {t4 - t0:.2f} s  (muat+pindai {t1 - t0:.2f} s, susun {len(sources.pages)} halaman "
              f"{t2 - t1:.2f} s, tulis sumber {t3 - t2:.2f} s, mkdocs build --strict {t4 - t3:.2f} s)")
        out_files = sum(1 for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        out_size = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        print(f"keluaran: {out_files} berkas, {out_size / 1e6:.1f} MB")

        # The same unit with an LKE answers file: the site gains the LKE section (8 pages).
        write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))
        t0 = time.perf_counter()
        result = build_site(root, AS_OF, out=Path(tmp) / "out", sources_dir=Path(tmp) / "src", use_cache=True)
        with_lke = time.perf_counter() - t0
        print(f"bangun situs dengan halaman LKE (lke.yaml, 111 jawaban), cache hangat: {with_lke:.2f} s, "
              f"{result.pages} halaman")


def _main(argv: list[str] | None) -> int:
    Parser(prog="python benchmarks/bench_site.py",
           description="Waktu pembangunan situs unit penuh (59 kode bukti, sekitar 600 berkas). Hanya mencetak angka; tidak pernah gagal karena waktu.").parse_args(argv)
    main()
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(_main, sys.argv[1:]))
