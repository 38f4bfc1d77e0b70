"""Site build time for a full unit: 59 evidence codes and about 600 files, then 5,000.

For each unit: a cold build (empty scan cache), a warm rebuild after one
evidence file changed (scan cache warm, everything rendered and built again),
and a rebuild with nothing changed (skipped: the fingerprint is the same).
Beside them, the bare baseline: ``mkdocs build`` alone on the same sources.
Prints the figures; never fails on a time. Run with ``make bench``
(``--files N`` for one unit of N files).
"""

from __future__ import annotations

import datetime as dt
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
from build_tools.models.lke_samples import write_sample_answers  # noqa: E402
from build_tools.models.registry import load_lke_model  # noqa: E402
from build_tools.pipeline import load_project  # noqa: E402
from build_tools.plan.loader import load_plan  # noqa: E402
from build_tools.site.build import build_site, run_mkdocs, write_sources  # noqa: E402
from build_tools.site.pages import render_site  # noqa: E402
from build_tools.unit.samples import populate  # noqa: E402

SIZES = (600, 5000)
AS_OF = dt.date(2020, 12, 31)


def unit(tmp: Path, plan, target: int) -> Path:
    monthly = sum(len(i.expected_months()) for i in plan.evidence if i.recurring)
    one_off = sum(1 for i in plan.evidence if not i.recurring)
    extra = max(0, -(-(target - monthly) // one_off) - 1)  # at least `target` files
    root = tmp / f"unit-{target}"
    (root / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
    shutil.copytree(REPO / "docs", root / "docs")
    files = populate(root, plan, extra_files=extra)
    size = sum(f.stat().st_size for f in files)
    print(f"unit: {len(plan.codes)} kode, {len(files)} berkas, {size / 1e6:.1f} MB")
    return root


def timed(label: str, action) -> float:
    t0 = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - t0
    print(f"  {label}: {elapsed:.2f} s" + (" (dilewati)" if getattr(result, "skipped", False) else ""))
    return elapsed


def bench(tmp: Path, plan, target: int) -> None:
    root = unit(tmp, plan, target)
    out, src = tmp / f"out-{target}", tmp / f"src-{target}"

    def build():
        return build_site(root, AS_OF, out=out, sources_dir=src)

    timed("bangun situs, cache pindaian dingin", build)
    first = next(p for p in sorted((root / "evidence").rglob("*.pdf")))
    first.touch()
    timed("bangun situs, cache hangat, satu berkas bukti berubah", build)
    timed("bangun situs, tidak ada yang berubah", build)
    timed("bangun situs, tidak ada yang berubah (lagi)", build)
    cli = [sys.executable, "-m", "build_tools", "site", "--root", str(root), "--as-of", AS_OF.isoformat(),
           "--out", str(out), "--src", str(src)]
    timed("python -m build_tools site, tidak ada yang berubah (seluruh proses)",
          lambda: subprocess.run(cli, check=True, capture_output=True, cwd=REPO))
    t0 = time.perf_counter()
    project = load_project(root, AS_OF)
    t1 = time.perf_counter()
    sources = render_site(project, root / "docs")
    t2 = time.perf_counter()
    write_sources(src, sources)
    t3 = time.perf_counter()
    run_mkdocs(src, out)
    t4 = time.perf_counter()
    print(f"  bagian pembangunan penuh: muat+pindai {t1 - t0:.2f} s, susun {len(sources.pages)} halaman {t2 - t1:.2f} s, "
          f"tulis sumber {t3 - t2:.2f} s, mkdocs build --strict dan pangkas {t4 - t3:.2f} s")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(src / "mkdocs.yml"),
                    "-d", str(tmp / "bare")], check=True, capture_output=True)
    print(f"  pembanding, mkdocs build polos atas sumber yang sama: {time.perf_counter() - t0:.2f} s")
    files = [p for p in out.rglob("*") if p.is_file()]
    print(f"  keluaran: {len(files)} berkas, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python benchmarks/bench_site.py",
                    description="Waktu pembangunan situs unit penuh (59 kode bukti, sekitar 600 lalu 5.000 berkas), "
                                "di samping mkdocs build polos. Hanya mencetak angka; tidak pernah gagal karena waktu.")
    parser.add_argument("--files", type=int, metavar="JUMLAH", help="satu unit dengan sekitar JUMLAH berkas saja")
    args = parser.parse_args(argv)
    sizes = (args.files,) if args.files else SIZES
    plan = load_plan(REPO / "plan.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        for target in sizes:
            bench(Path(tmp), plan, target)
        # The first unit with an LKE answers file: the site gains the LKE section (8 pages).
        root = Path(tmp) / f"unit-{sizes[0]}"
        write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))
        t0 = time.perf_counter()
        result = build_site(root, AS_OF, out=Path(tmp) / "out-lke", sources_dir=Path(tmp) / "src-lke")
        print(f"bangun situs dengan halaman LKE (lke.yaml, 111 jawaban), cache hangat: "
              f"{time.perf_counter() - t0:.2f} s, {result.pages} halaman")
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(main, sys.argv[1:]))
