"""Benchmark: the evidence bundle against a bare ``qpdf`` merge of the same PDFs.

Generates a synthetic unit (the shipped plan, evidence spread over all 59
codes) and times, side by side, each in its own child process:

* ``qpdf --empty --pages <every evidence PDF> -- out.pdf`` (Debian's qpdf);
* a bare merge with pypdf and with pikepdf (the engine choice);
* ``python -m build_tools bundle`` cold (no scan cache) and warm (scan cache,
  bundle rebuilt), and the skipped rebuild when nothing changed.

It prints wall time, the ratio to qpdf, peak memory (max RSS of the child)
and output size against the summed size of unique inputs. Figures only; it
never fails on a time.

    python benchmarks/bench_bundle.py                 # scale 0.1 (~30 PDFs, ~600 pages)
    python benchmarks/bench_bundle.py --scale 1       # target: 300 PDFs, ~6000 pages, ~400 MB, 100 images
    python benchmarks/bench_bundle.py --files 50 --pages 1000 --size-mb 60 --images 20 --scanned 0.5 --shared 5
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.core.cliparse import Parser, RawFormatter  # noqa: E402
from build_tools.core.cliparse import run as cli_run  # noqa: E402
from build_tools.core.months import natural_key  # noqa: E402
from build_tools.evidence.scanner import EVIDENCE_DIR, folder_name  # noqa: E402
from build_tools.plan.loader import load_plan  # noqa: E402

AS_OF = "2021-01-31"
_LAUNCHER = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    start = time.perf_counter()
    result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_kb": peak, "rc": result.returncode,
                      "cpu": usage.ru_utime + usage.ru_stime,
                      "err": result.stderr.decode("utf-8", "replace")[-2000:]}))
""")


# ---------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------

def _jpeg_pool(count: int, target_bytes: int, rng: random.Random) -> list[tuple[bytes, int, int]]:
    """Distinct noisy greyscale JPEGs of about ``target_bytes`` each (scanned pages)."""
    from PIL import Image

    pool = []
    side = 600
    for n in range(count):
        while True:
            w, h = side, int(side * 1.41)
            noise = Image.effect_noise((w, h), 60 + n % 7)
            buf = io.BytesIO()
            noise.save(buf, format="JPEG", quality=70)
            data = buf.getvalue()
            if len(data) >= target_bytes * 0.8 or side > 3000:
                break
            side = int(side * 1.3)
        pool.append((data, w, h))
    return pool


def _pdf(path: Path, pages: int, scanned: int, pool, rng: random.Random, label: str) -> None:
    import pikepdf
    from pikepdf import Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    scan_pages = set(rng.sample(range(pages), scanned))
    for number in range(pages):
        page = pdf.add_blank_page(page_size=(595, 842))
        if number in scan_pages:
            data, w, h = rng.choice(pool)
            image = pikepdf.Stream(pdf, data)
            image.stream_dict = pikepdf.Dictionary(Type=Name.XObject, Subtype=Name.Image, Width=w, Height=h,
                                                   ColorSpace=Name.DeviceGray, BitsPerComponent=8,
                                                   Filter=Name.DCTDecode)
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
            page.obj.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
        else:
            lines = [f"BT /F1 11 Tf 60 {780 - 14 * i} Td (CONTOH {label} halaman {number + 1} baris {i} "
                     f"{rng.getrandbits(64):016x}) Tj ET" for i in range(45)]
            page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
            page.obj.Contents = pdf.make_stream("\n".join(lines).encode())
    pdf.save(path)


def generate(root: Path, files: int, pages: int, size_mb: float, images: int, scanned: float,
             shared: int, seed: int = 1) -> dict:
    """Write a synthetic unit under ``root``; returns what was made."""
    from build_tools.unit.samples import image_bytes

    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / EVIDENCE_DIR).mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
    plan = load_plan(root / "plan.yaml")
    items = list(plan.evidence)
    per_file = max(1, round(pages / files))
    scanned_pages = int(pages * scanned)
    image_budget = size_mb * (1 << 20) * 0.95
    per_scan = int(image_budget / max(1, scanned_pages))
    pool = _jpeg_pool(24, per_scan, rng) if scanned_pages else []
    scans_left = scanned_pages
    written: list[Path] = []
    for n in range(files):
        item = items[n % len(items)]
        folder = root / EVIDENCE_DIR / folder_name(item.code, item.title)
        folder.mkdir(exist_ok=True)
        months = item.expected_months()
        prefix = f"{months[(n // len(items)) % len(months)].iso()} " if months else ""
        path = folder / f"{prefix}Bukti {n + 1:03d}.pdf"
        if path.exists():
            path = folder / f"{prefix}Bukti {n + 1:03d} lain.pdf"
        count = per_file
        scans = min(count, round(scans_left / max(1, files - n)))
        scans_left -= scans
        _pdf(path, count, scans, pool, rng, f"{item.code} #{n + 1}")
        written.append(path)
    for n in range(images):
        item = items[(n * 7) % len(items)]
        folder = root / EVIDENCE_DIR / folder_name(item.code, item.title)
        folder.mkdir(exist_ok=True)
        months = item.expected_months()
        prefix = f"{months[n % len(months)].iso()} " if months else ""
        fmt = "JPEG" if n % 2 else "PNG"
        path = folder / f"{prefix}Foto {n + 1:03d}.{'jpg' if fmt == 'JPEG' else 'png'}"
        path.write_bytes(image_bytes(f"foto {n + 1}", fmt=fmt, size=(1200, 900), seed=n,
                                     exif_orientation=6 if n % 5 == 0 else None))
    for n in range(shared):
        source = written[n]
        item = items[(n * 13 + 5) % len(items)]
        folder = root / EVIDENCE_DIR / folder_name(item.code, item.title)
        folder.mkdir(exist_ok=True)
        months = item.expected_months()
        prefix = f"{months[0].iso()} " if months else ""
        shutil.copy(source, folder / f"{prefix}Salinan {n + 1:03d}.pdf")
    from build_tools.models.lke_samples import write_sample_answers
    from build_tools.models.registry import load_lke_model

    write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))  # for --order lke
    all_files = sorted((p for p in (root / EVIDENCE_DIR).rglob("*") if p.is_file()),
                       key=lambda p: natural_key(p.relative_to(root).as_posix()))
    pdfs = [p for p in all_files if p.suffix == ".pdf"]
    unique = {}
    for p in all_files:
        unique.setdefault(_sha(p), p.stat().st_size)
    return {"pdfs": pdfs, "pdf_count": len(pdfs), "images": images, "shared": shared,
            "pages": per_file * files, "scanned_pages": scanned_pages,
            "pdf_bytes": sum(p.stat().st_size for p in pdfs),
            "unique_bytes": sum(unique.values())}


def _sha(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------

REPEAT = 1


def measure(command: list[str], env: dict | None = None, before=None) -> dict:
    """Run ``command`` in a child of a fresh launcher: wall time and the child's peak RSS.

    Best of ``REPEAT`` runs (``before`` is called ahead of each run).
    """
    best = None
    for _ in range(REPEAT):
        if before:
            before()
        out = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True,
                             env=env, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    return best


_PYPDF_MERGE = """
import sys
from pypdf import PdfWriter
w = PdfWriter()
for p in sys.argv[2:]:
    w.append(p)
w.write(sys.argv[1])
"""
_PIKEPDF_MERGE = """
import sys, pikepdf
out = pikepdf.new()
srcs = [pikepdf.open(p) for p in sys.argv[2:]]
for s in srcs:
    out.pages.extend(s.pages)
out.save(sys.argv[1])
"""


def run(args: argparse.Namespace) -> None:
    global REPEAT
    REPEAT = max(1, args.repeat)
    scale = args.scale
    files = args.files or max(5, round(300 * scale))
    pages = args.pages or max(50, round(6000 * scale))
    size_mb = args.size_mb or 400 * scale
    images = args.images if args.images is not None else round(100 * scale)
    shared = args.shared if args.shared is not None else max(1, round(10 * scale))
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="zi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    root = work / "unit"
    qpdf = shutil.which("qpdf")
    print(f"korpus: {files} PDF, ~{pages} halaman ({args.scanned:.0%} pindaian), ~{size_mb:.0f} MB, "
          f"{images} gambar, {shared} berkas kembar; folder {work}")
    corpus = generate(root, files, pages, size_mb, images, args.scanned, shared)
    mb = 1 << 20
    print(f"  dibuat: {corpus['pdf_count']} PDF ({corpus['pdf_bytes'] / mb:.1f} MB), "
          f"masukan unik {corpus['unique_bytes'] / mb:.1f} MB")
    for path in (root / EVIDENCE_DIR).rglob("*"):  # same page cache for every contender
        if path.is_file():
            _sha(path)
    env = dict(os.environ, CI="1", SOURCE_DATE_EPOCH="1600000000")
    pdf_args = [str(p) for p in corpus["pdfs"]]
    results: list[tuple[str, dict, Path | None]] = []
    if qpdf:
        out = work / "qpdf.pdf"
        results.append(("qpdf --empty --pages (PDF saja)", measure([qpdf, "--empty", "--pages", *pdf_args, "--", str(out)]), out))
    else:
        print("  PERHATIAN: qpdf tidak terpasang (Debian: apt-get install qpdf); pembanding qpdf dilewati")
    if not args.no_engines:
        out = work / "pypdf.pdf"
        results.append(("gabung polos pypdf", measure([sys.executable, "-c", _PYPDF_MERGE, str(out), *pdf_args]), out))
        out = work / "pikepdf.pdf"
        results.append(("gabung polos pikepdf", measure([sys.executable, "-c", _PIKEPDF_MERGE, str(out), *pdf_args]), out))
    bundle_out = work / "bundel.pdf"
    cli = [sys.executable, "-m", "build_tools", "bundle", "--root", str(root), "--as-of", AS_OF,
           "--audience", "penilai", "--out", str(bundle_out)]
    def remove_output() -> None:
        bundle_out.unlink(missing_ok=True)

    results.append(("bundel, dingin (tanpa cache pindaian)", measure(cli + ["--no-cache"], env, remove_output),
                    bundle_out))
    results.append(("bundel, cache pindaian ada", measure(cli, env, remove_output), bundle_out))
    results.append(("bundel, masukan tidak berubah (dilewati)", measure(cli, env), None))
    # LKE order: every question's cited evidence, a code cited by several questions stored once.
    results.append(("bundel --order lke, cache pindaian ada", measure(cli + ["--order", "lke"], env, remove_output),
                    bundle_out))
    base = results[0][1]["seconds"] if qpdf else None
    bare = next((r["seconds"] for label, r, _ in results if label == "gabung polos pikepdf"), None)
    print(f"\nwaktu terbaik dari {REPEAT} kali")
    print(f"{'langkah':44} {'detik':>8} {'/qpdf':>7} {'/pikepdf':>8} {'cpu':>6} {'memori':>9} {'keluaran':>10} "
          f"{'/unik':>6}")
    for label, r, out in results:
        if r["rc"] != 0:
            print(f"{label:44} GAGAL (kode {r['rc']}): {r['err'].strip()[-300:]}")
            continue
        ratio = f"{r['seconds'] / base:6.2f}x" if base else "      -"
        ratio_bare = f"{r['seconds'] / bare:7.2f}x" if bare else "       -"
        size = out.stat().st_size if out and out.exists() else None
        size_text = f"{size / mb:8.1f} MB" if size else "         -"
        rel = f"{size / corpus['unique_bytes']:5.2f}" if size else "    -"
        print(f"{label:44} {r['seconds']:8.2f} {ratio} {ratio_bare} {r['cpu']:6.2f} {r['peak_kb'] / 1024:6.0f} MB "
              f"{size_text} {rel}")
    print("\n/qpdf, /pikepdf = waktu / waktu gabung polos yang sama (qpdf --empty --pages; pikepdf); cpu = detik"
          "\nCPU (pengguna + sistem) proses anak, yang kurang terpengaruh mesin bersama yang sibuk;"
          "\ntarget bundel: <= 1,0 x qpdf (skala bawaan, 240 PDF / 3.600 halaman, dan --order lke); pada --scale 1"
          "\n<= 0,6 x qpdf dan <= 1,3 x pikepdf; memori = RSS puncak proses anak (target <= 1 GB);"
          "\n/unik = ukuran keluaran / jumlah ukuran masukan unik (target <= 1,1; qpdf dan gabung polos "
          "hanya PDF, tanpa gambar)")
    if scale < 1 and not args.files:
        print(f"catatan: pada skala {scale:g} biaya tetap perintah (±0,4-0,6 detik: mulai Python, memuat rencana "
              "dan model, penilaian untuk sampul; lihat baris 'dilewati') lebih besar daripada penggabungan itu "
              "sendiri")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


DESCRIPTION = """Tolok ukur bundel bukti dibanding penggabungan polos qpdf atas PDF yang sama.

Membuat unit sintetis (rencana bawaan, bukti di semua 59 kode) lalu mengukur
qpdf --empty --pages, penggabungan polos pypdf dan pikepdf, dan
python -m build_tools bundle (dingin, hangat, dan dilewati bila tidak berubah).
Hanya mencetak angka; tidak pernah gagal karena waktu.

    python benchmarks/bench_bundle.py                 # skala 0,1 (~30 PDF, ~600 halaman)
    python benchmarks/bench_bundle.py --scale 1       # target: 300 PDF, ~6000 halaman, ~400 MB, 100 gambar
"""


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python benchmarks/bench_bundle.py", description=DESCRIPTION, formatter_class=RawFormatter)
    parser.add_argument("--scale", type=float, default=0.1, metavar="SKALA",
                        help="bagian dari korpus target (300 PDF, 6000 halaman, 400 MB, 100 gambar); bawaan 0,1")
    parser.add_argument("--files", type=int, metavar="JUMLAH_PDF", help="jumlah PDF")
    parser.add_argument("--pages", type=int, metavar="HALAMAN", help="jumlah seluruh halaman PDF")
    parser.add_argument("--size-mb", type=float, metavar="MB",
                        help="perkiraan ukuran PDF dalam MB (dibawa halaman pindaian)")
    parser.add_argument("--images", type=int, metavar="JUMLAH_GAMBAR", help="jumlah berkas gambar (PNG/JPEG)")
    parser.add_argument("--scanned", type=float, default=0.3, metavar="BAGIAN",
                        help="bagian halaman PDF yang berupa pindaian (bawaan 0,3)")
    parser.add_argument("--shared", type=int, metavar="JUMLAH_KEMBAR",
                        help="PDF yang disalin juga sebagai bukti kode kedua")
    parser.add_argument("--repeat", type=int, default=3, metavar="KALI",
                        help="putaran per pengukuran; yang terbaik ditampilkan (bawaan 3)")
    parser.add_argument("--no-engines", action="store_true", help="lewati penggabungan polos pypdf/pikepdf")
    parser.add_argument("--workdir", metavar="FOLDER_KERJA", help="tempat korpus dibuat (bawaan: folder sementara)")
    parser.add_argument("--keep", action="store_true", help="simpan korpus dan keluarannya")
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(main))
