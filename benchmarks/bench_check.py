"""Benchmark: cold and warm `check` on a tree of 59 codes and about 600 files.

Prints figures; never fails on a time. Run with `make bench`.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.core.cliparse import Parser  # noqa: E402
from build_tools.core.cliparse import run as cli_run  # noqa: E402
from build_tools.plan.loader import load_plan  # noqa: E402
from build_tools.unit.samples import populate, write_image  # noqa: E402


def build_tree(root: Path, files: int, pages: int) -> int:
    plan = load_plan(REPO / "plan.yaml")
    (root / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
    one_off = len(plan.evidence) - 1
    extra = max(0, (files - 10) // one_off - 1)
    written = populate(root, plan, pages=pages, extra_files=extra)
    n = 0
    while len(written) < files:
        item = plan.evidence[n % one_off]
        folder = next((root / "evidence").glob(f"{item.code} *"))
        written.append(write_image(folder / f"foto {n}.jpg", f"foto {n}", seed=n))
        n += 1
    return len(written)


def timed_check(root: Path, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(root),
                             "--as-of", "2020-12-31", "--format", "json", "--out", str(root / "out.json"),
                             *extra], cwd=REPO)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"check gagal (kode {result.returncode})")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python benchmarks/bench_check.py",
                    description="Tolok ukur check dingin dan hangat pada pohon 59 kode dengan sekitar 600 berkas. "
                                "Hanya mencetak angka; tidak pernah gagal karena waktu.")
    parser.add_argument("--files", type=int, default=600, metavar="JUMLAH", help="jumlah berkas (bawaan 600)")
    parser.add_argument("--pages", type=int, default=3, metavar="HALAMAN", help="halaman per PDF (bawaan 3)")
    parser.add_argument("--runs", type=int, default=3, metavar="KALI", help="putaran pengukuran (bawaan 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "unit"
        t0 = time.perf_counter()
        count = build_tree(root, args.files, args.pages)
        print(f"pohon bukti: {count} berkas, {args.pages} halaman/PDF, dibuat dalam {time.perf_counter() - t0:.1f} s")
        colds, warms = [], []
        for _ in range(args.runs):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            colds.append(timed_check(root)[0])
            warms.append(timed_check(root)[0])
        _, rss = timed_check(root)
        print(f"check dingin (tanpa cache): terbaik {min(colds):.3f} s, median {sorted(colds)[len(colds) // 2]:.3f} s")
        print(f"check hangat (cache)      : terbaik {min(warms):.3f} s, median {sorted(warms)[len(warms) // 2]:.3f} s")
        print(f"memori puncak proses check: {rss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(main))
