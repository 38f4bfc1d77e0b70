"""Benchmark: signing a bundle and ``verify`` on the synthetic corpus of bench_bundle.

Generates the corpus of ``bench_bundle.py`` (same parameters), builds the
reviewer bundle once, then times in child processes (wall time, peak RSS):

* ``bundle --sign`` on the unchanged bundle (a signed copy replaces it) and a
  full build with ``--sign``, beside a bare pyHanko signature of the same file
  and ``cp`` of it;
* ``verify`` of the signed bundle, beside poppler's ``pdfsig``;
* ``verify --root`` (every input rehashed and compared), beside
  ``sha256sum`` of every evidence file;
* with ``--site``: ``verify`` of the built public site folder.

A throwaway CA and signer certificate are made at run time. Figures only;
it never fails on a time.

    python benchmarks/bench_integrity.py               # scale 0.1
    python benchmarks/bench_integrity.py --scale 1     # the full-size corpus (~440 MB)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "benchmarks"), str(REPO / "tests")]

import bench_bundle  # noqa: E402
from bench_bundle import AS_OF, generate, measure  # noqa: E402
from integrity_support import PASSWORD, make_pki  # noqa: E402

from build_tools.core.cliparse import Parser  # noqa: E402
from build_tools.core.cliparse import run as cli_run  # noqa: E402

_PYHANKO_SIGN = """
import sys
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
signer = signers.SimpleSigner.load_pkcs12_data(open(sys.argv[1], "rb").read(), [], sys.argv[2].encode())
meta = PdfSignatureMetadata(field_name="TTE", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES)
with open(sys.argv[3], "rb") as src, open(sys.argv[4], "w+b") as out:
    PdfSigner(meta, signer=signer).sign_pdf(IncrementalPdfFileWriter(src, strict=False), output=out)
"""


def run(args: argparse.Namespace) -> None:
    bench_bundle.REPEAT = max(1, args.repeat)
    scale = args.scale
    files, pages = max(5, round(300 * scale)), max(50, round(6000 * scale))
    size_mb, images, shared = 400 * scale, round(100 * scale), max(1, round(10 * scale))
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="zi-bench-integrity-"))
    work.mkdir(parents=True, exist_ok=True)
    root = work / "unit"
    print(f"korpus: {files} PDF, ~{pages} halaman, ~{size_mb:.0f} MB, {images} gambar; folder {work}")
    corpus = generate(root, files, pages, size_mb, images, 0.3, shared)
    mb = 1 << 20
    print(f"  dibuat: {corpus['pdf_count']} PDF ({corpus['pdf_bytes'] / mb:.1f} MB)")
    pki = make_pki(work / "pki")
    env = dict(os.environ, CI="1", ZI_SIGN_PASSWORD=PASSWORD)
    out = work / "bundel-penilai.pdf"
    cli = [sys.executable, "-m", "build_tools"]
    bundle = [*cli, "bundle", "--root", str(root), "--as-of", AS_OF, "--audience", "penilai", "--out", str(out)]
    subprocess.run(bundle, env=env, check=True, stdout=subprocess.DEVNULL)
    unsigned = work / "unsigned.pdf"
    shutil.copy(out, unsigned)
    print(f"  bundel: {out.stat().st_size / mb:.1f} MB")

    def restore_unsigned() -> None:
        shutil.copy(unsigned, out)

    def remove_output() -> None:
        out.unlink(missing_ok=True)

    evidence = sorted(str(p) for p in (root / "evidence").rglob("*") if p.is_file())
    rows = [
        ("cp bundel (salin bita saja)", measure(["cp", str(unsigned), str(work / "copy.pdf")]), "dasar"),
        ("pyHanko polos: tanda tangani bundel", measure([sys.executable, "-c", _PYHANKO_SIGN, str(pki.p12),
                                                         PASSWORD, str(unsigned), str(work / "bare.pdf")]), "dasar"),
        ("bundle --sign, bundel tidak berubah", measure([*bundle, "--sign", str(pki.p12)], env, restore_unsigned),
         "alat"),
        ("bundle --sign, disusun ulang lalu ditandatangani",
         measure([*bundle, "--sign", str(pki.p12)], env, remove_output), "alat"),
        ("bundle, bertanda tangan & tidak berubah (tetap)", measure(bundle, env), "alat"),
    ]
    if shutil.which("pdfsig"):
        rows.append(("pdfsig (poppler) bundel bertanda tangan", measure(["pdfsig", str(out)]), "dasar"))
    rows.append(("verify bundel bertanda tangan", measure([*cli, "verify", str(out)], env), "alat"))
    rows.append(("sha256sum semua berkas bukti", measure(["sha256sum", *evidence]), "dasar"))
    rows.append(("verify bundel --root (semua masukan di-hash)",
                 measure([*cli, "verify", str(out), "--root", str(root)], env), "alat"))
    if args.site:
        site = work / "site"
        public = work / "bundel-publik.pdf"
        subprocess.run([*cli, "bundle", "--root", str(root), "--as-of", AS_OF, "--out", str(public)], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*cli, "site", "--root", str(root), "--as-of", AS_OF, "--out", str(site), "--src",
                        str(work / "site-src"), "--bundle", str(public)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        rows.append(("verify folder situs publik", measure([*cli, "verify", str(site)], env), "alat"))
    print(f"\nwaktu terbaik dari {bench_bundle.REPEAT} kali")
    print(f"{'langkah':52} {'detik':>8} {'memori':>9}  jenis")
    for label, r, kind in rows:
        if r["rc"] not in (0, 1) or (kind == "alat" and r["rc"] != 0):
            print(f"{label:52} GAGAL (kode {r['rc']}): {r['err'].strip()[-300:]}")
            continue
        print(f"{label:52} {r['seconds']:8.2f} {r['peak_kb'] / 1024:6.0f} MB  {kind}")
    print("\ndasar = pembanding polos (tanpa alat ini); memori = RSS puncak proses anak")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python benchmarks/bench_integrity.py",
                    description="Waktu menandatangani bundel dan verify pada korpus sintetis bench_bundle "
                                "(hanya mencetak angka; tidak pernah gagal karena waktu).")
    parser.add_argument("--scale", type=float, default=0.1, help="bagian korpus target bench_bundle (bawaan 0,1)")
    parser.add_argument("--repeat", type=int, default=3, help="ulangan per ukuran; yang terbaik ditampilkan")
    parser.add_argument("--site", action="store_true", help="juga bangun situs publik dan periksa foldernya")
    parser.add_argument("--workdir", metavar="FOLDER", help="tempat korpus dibuat (bawaan: folder sementara)")
    parser.add_argument("--keep", action="store_true", help="simpan korpus dan keluarannya")
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(cli_run(main, sys.argv[1:]))
