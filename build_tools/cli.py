"""Command line: ``python -m build_tools <command>``.

Exit codes (printed and chosen behind :mod:`build_tools.core.boundary`):
0 success; 1 evidence that is due is missing or has problems; 2 the plan, an
input file, an output path or the command line is invalid, or an output cannot
be written; 3 an internal error (details in ``build/galat-internal.log``).
Every output path is checked by :mod:`build_tools.core.output_guard` (table
:data:`OUTPUTS`) before the command starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Callable

from build_tools.core import atomic, boundary
from build_tools.core.cliparse import Parser, parse_date
from build_tools.core.errors import UsageError
from build_tools.core.output_guard import Kind, Target, guard
from build_tools.pipeline import check_project, load_project
from build_tools.reports import check as check_report

EXIT_OK, EXIT_INCOMPLETE, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, boundary.EXIT_INTERNAL

PROG = "python -m build_tools"
_Parser = Parser
WITHOUT_UNIT_OPTIONS = {"init"}
"""Commands that do not read a unit (no --root, --as-of, --no-cache)."""
ROOT_ONLY = {"lke-import", "verify"}
"""Commands that write into a unit without scanning it (--root only)."""


def _common(parser: argparse.ArgumentParser, *, root_only: bool = False) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="FOLDER_UNIT",
                        help="folder yang memuat plan.yaml dan evidence/ (bawaan: folder ini)")
    if root_only:
        return
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                        help="tanggal acuan penilaian (bawaan: hari ini)")
    parser.add_argument("--no-cache", action="store_true",
                        help="baca ulang semua berkas tanpa cache pindaian")


def cmd_check(args: argparse.Namespace) -> int:
    """Kelengkapan bukti per kode; keluar 1 bila ada bukti jatuh tempo yang kurang."""
    project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
    completeness = check_project(project)
    report = check_report.render(args.format, project.plan, completeness, project.scan.ignored,
                                 gate=args.strict is not False)
    if args.out:
        atomic.write_text(args.out, report)
    else:
        sys.stdout.write(report)
    if args.strict is False:
        return EXIT_OK
    return EXIT_OK if completeness.ok else EXIT_INCOMPLETE


def _check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(check_report.FORMATS), default="text",
                        help="bentuk laporan (bawaan: text)")
    parser.add_argument("--out", type=Path, metavar="BERKAS_LAPORAN", help="tulis laporan ke berkas ini")
    parser.add_argument("--report-only", dest="strict", action="store_false", default=True,
                        help="selalu keluar 0 (laporan saja, untuk 'make')")


def cmd_score(args: argparse.Namespace) -> int:
    """Nilai WBK/WBBM menurut model di plan.yaml: model 2019 dari bukti, survei dan data; model LKE dari lke.yaml."""
    from build_tools.pipeline import assess_project
    from build_tools.reports import outputs as score_outputs

    assessment = assess_project(load_project(args.root, args.as_of, use_cache=not args.no_cache))
    report = score_outputs.report(assessment, args.format)
    # Every output is made before the first is written: an error leaves none half-done.
    outputs = []
    if args.xlsx:
        outputs.append((args.xlsx, score_outputs.workbook(assessment)))
    if args.csv:
        outputs.append((args.csv, score_outputs.table(assessment).encode("utf-8")))
    if args.out:
        outputs.append((args.out, report.encode("utf-8")))
    for path, data in outputs:
        atomic.write_bytes(path, data)
    if not args.out:
        sys.stdout.write(report)
    return EXIT_OK


def cmd_lke(args: argparse.Namespace) -> int:
    """Penilaian mandiri LKE Zona Integritas dari jawaban unit (lke.yaml)."""
    from build_tools.pipeline import assess_answers
    from build_tools.reports import outputs

    project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
    assessment = assess_answers(project, answers=args.answers, like_worksheet=args.like_worksheet)
    report = outputs.report(assessment, args.format, answers=True)
    if args.xlsx:
        atomic.write_bytes(args.xlsx, outputs.workbook(assessment))
    if args.out:
        atomic.write_text(args.out, report)
    else:
        sys.stdout.write(report)
    return EXIT_OK


def _score_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "text"), default="text",
                        help="bentuk laporan (bawaan: text)")
    parser.add_argument("--out", type=Path, metavar="BERKAS_LAPORAN", help="tulis laporan ke berkas ini")
    parser.add_argument("--xlsx", type=Path, metavar="BERKAS_XLSX", help="tulis juga lembar kerja .xlsx")
    parser.add_argument("--csv", type=Path, metavar="BERKAS_CSV", help="tulis juga tabel penilaian .csv")


def _lke_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answers", type=Path, metavar="BERKAS_JAWABAN",
                        help="berkas jawaban LKE (bawaan: lke.yaml di folder --root)")
    parser.add_argument("--format", choices=["json", "text"], default="text",
                        help="bentuk laporan (bawaan: text)")
    parser.add_argument("--out", type=Path, metavar="BERKAS_LAPORAN", help="tulis laporan ke berkas ini")
    parser.add_argument("--like-worksheet", action="store_true",
                        help="pertanyaan kosong dilewati dalam rata-rata indikator, seperti rumus AVERAGE "
                             "pada LKE (bawaan: dihitung 0)")
    parser.add_argument("--xlsx", type=Path, metavar="BERKAS_XLSX",
                        help="tulis juga lembar kerja LKE (.xlsx, dengan rumus) ke berkas ini")


def cmd_lke_import(args: argparse.Namespace) -> int:
    """Jawaban LKE dari lembar kerja yang diisi (.xlsx/.ods) atau jawaban TPI (.yaml) ke lke.yaml."""
    from build_tools.assess.lke_import import import_answers, write_answers

    result = write_answers(import_answers(args.file, args.root))
    print("\n".join(result.lines()))
    return EXIT_OK


def _lke_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="BERKAS",
                        help="lembar kerja LKE (.xlsx/.ods dari score --xlsx atau lke --xlsx) atau berkas "
                             "jawaban TPI (.yaml dari situs penilai)")


def cmd_site(args: argparse.Namespace) -> int:
    """Situs ZI (mkdocs-material): rencana, indeks bukti, linimasa dan beranda kemajuan."""
    from build_tools.evidence.audience import Audience
    from build_tools.site import build as site_build

    result = site_build.build_site(args.root, args.as_of, out=args.out, sources_dir=args.src,
                                   audience=Audience(args.audience), bundle=args.bundle,
                                   use_cache=not args.no_cache, engine=args.engine,
                                   site_url=args.site_url or os.environ.get("SITE_URL"))
    if result.skipped:
        print(f"situs ({args.audience}) di {result.out} tidak berubah sejak pembangunan terakhir "
              "(rencana, masukan, bukti, halaman, alat, audiens dan tanggal acuan sama); dilewati")
        return EXIT_OK
    print(f"situs ({args.audience}) ditulis ke {result.out}: {result.pages} halaman, "
          f"{result.files} berkas")
    for line in check_report.files_left_out(load_project(args.root, args.as_of, use_cache=not args.no_cache),
                                            Audience(args.audience)):
        print(line)
    return EXIT_OK


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("site"), metavar="FOLDER_SITUS",
                        help="folder situs jadi (bawaan: site)")
    parser.add_argument("--src", type=Path, default=Path("build/site-src"), metavar="FOLDER_SUMBER",
                        help="folder sumber situs yang dibuat ulang setiap kali (bawaan: build/site-src)")
    parser.add_argument("--audience", choices=["publik", "penilai"], default="publik",
                        help="publik: berkas terbatas tidak disertakan (bawaan); penilai: semua berkas")
    parser.add_argument("--bundle", type=Path, metavar="BERKAS_PDF",
                        help="PDF bundel bukti yang ditawarkan di halaman Unduh")
    parser.add_argument("--engine", choices=["mkdocs", "properdocs", "zensical"], default="mkdocs",
                        help="mesin situs (bawaan: mkdocs dengan mkdocs-material)")
    parser.add_argument("--site-url", metavar="ALAMAT",
                        help="alamat terbit situs, misalnya https://unit.github.io/zi/ (bawaan: $SITE_URL); "
                             "perlu untuk halaman 404 dan sitemap di bawah sub-jalur")


def cmd_serve(args: argparse.Namespace) -> int:
    """Pratinjau situs di http://127.0.0.1:8000, dibuat ulang saat plan.yaml, lke.yaml, evidence/ atau docs/ berubah."""
    from build_tools.evidence.audience import Audience
    from build_tools.site import serve as site_serve

    for line in check_report.files_left_out(load_project(args.root, args.as_of, use_cache=not args.no_cache),
                                            Audience(args.audience)):
        print(line)
    return site_serve.serve(args.root, args.as_of, sources_dir=args.src, audience=Audience(args.audience),
                            address=args.dev_addr, use_cache=not args.no_cache)


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src", type=Path, default=Path("build/site-src"), metavar="FOLDER_SUMBER",
                        help="folder sumber situs (bawaan: build/site-src)")
    parser.add_argument("--audience", choices=["publik", "penilai"], default="publik",
                        help="publik (bawaan) atau penilai")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="alamat pratinjau (bawaan: 127.0.0.1:8000)")


def cmd_init(args: argparse.Namespace) -> int:
    """Repositori unit baru: plan.yaml, folder bukti, lke.yaml (model LKE), Makefile, README, CI dan salinan alat."""
    from build_tools.unit.init import init_unit

    result = init_unit(args.folder, args.model, args.unit, args.year or dt.date.today().year)
    print(f"repositori unit dibuat di {result.target}: model {result.model_id}, {result.codes} kode bukti, "
          f"{result.files} berkas. Lanjutkan: cd {result.target} && make")
    return EXIT_OK


def _init_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="FOLDER_BARU", help="folder baru (atau kosong) untuk repositori unit")
    parser.add_argument("--model", required=True, metavar="MODEL",
                        help="model penilaian, contoh permenpanrb-90-2021 (LKE 2021) atau permenpanrb-10-2019")
    parser.add_argument("--unit", required=True, metavar="NAMA", help="nama unit kerja")
    parser.add_argument("--year", type=int, metavar="TAHUN", help="tahun periode rencana (bawaan: tahun ini)")


def cmd_bundle(args: argparse.Namespace) -> int:
    """Bundel bukti PDF untuk penilai atau publik: sampul, daftar isi, pembatas, bukti, penanda."""
    from build_tools.bundle import build as bundle
    from build_tools.bundle.fingerprint import source_date_epoch
    from build_tools.bundle.sources import find_soffice
    from build_tools.evidence.audience import Audience
    from build_tools.evidence.inspect import documents_kept
    from build_tools.integrity.manifest import build_manifest, write_unit_manifest
    from build_tools.integrity.sign import load_signing_key
    from build_tools.pipeline import assess_project
    from build_tools.reports.score import cover_figures, short_figure

    if args.tsa and not args.sign:
        raise UsageError("--tsa hanya berlaku bersama --sign BERKAS.p12")
    signing = load_signing_key(args.sign, args.tsa) if args.sign else None  # the password first, then the work
    with documents_kept():  # the scan's open PDFs are reused by the bundle: each parsed once
        project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
        manifest = build_manifest(project)
        write_unit_manifest(args.root, manifest)
        audience = Audience(args.audience)
        out = args.out
        assessment = assess_project(project)
        readiness = cover_figures(assessment)
        answers = None
        if args.order == "lke":
            from build_tools.bundle.lke import require_assessment

            answers = require_assessment(project, assessment)
            if answers is not assessment:
                # A plan scored from evidence, with an lke.yaml: its LKE total beside the plan's figures.
                readiness = {**readiness, **short_figure(answers)}
        options = bundle.BundleOptions(
            audience=audience, allow_broken=args.allow_broken, soffice=find_soffice(),
            readiness=readiness, order=args.order, lke=answers,
            source_date_epoch=source_date_epoch(), manifest=manifest, signing=signing,
            cache_dir=None if args.no_cache else args.root / ".cache" / "build_tools")
        with _ProgressBar() as progress:
            report = bundle.build_bundle(project, out, options, progress)
        print("\n".join(report.lines()))
    return EXIT_OK


def _bundle_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="BERKAS_PDF",
                        help="berkas PDF keluaran (bawaan: build/bundel-<audiens>.pdf)")
    parser.add_argument("--audience", choices=("publik", "penilai"), default="publik",
                        help="publik: berkas terbatas diganti halaman pengganti; penilai: lengkap (bawaan: publik)")
    parser.add_argument("--allow-broken", action="store_true",
                        help="PDF bersandi (terlindung kata sandi) atau rusak menjadi halaman pengganti, "
                             "bukan galat")
    parser.add_argument("--order", choices=("plan", "lke"), default="plan",
                        help="plan: per area, komponen dan kode bukti (bawaan); lke: per pertanyaan LKE "
                             "(memerlukan lke.yaml)")
    parser.add_argument("--sign", type=Path, metavar="BERKAS.p12",
                        help="tandatangani bundel (PAdES) dengan sertifikat PKCS#12, misalnya dari BSrE; "
                             "kata sandi dari ZI_SIGN_PASSWORD atau ditanyakan")
    parser.add_argument("--tsa", metavar="URL", help="tambahkan cap waktu RFC 3161 dari server ini (bersama --sign)")


def cmd_verify(args: argparse.Namespace) -> int:
    """Periksa bundel PDF, folder situs atau manifes: tanda tangan, root digest, berkas situs, dan unit (--root)."""
    from build_tools.integrity.verify import verify
    from build_tools.integrity.verify_report import FORMATS

    report = verify(args.target, root=args.root, trust=args.trust)
    sys.stdout.write(FORMATS[args.format](report))
    return EXIT_OK if report.ok else EXIT_INCOMPLETE


def _verify_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", type=Path, metavar="TARGET", help="bundel PDF, folder situs, atau manifest.json")
    parser.set_defaults(root=None)  # verify compares with a unit only when --root is given
    for action in parser._actions:
        if action.dest == "root":
            action.help = "folder unit yang dibandingkan dengan manifes (tanpa pilihan ini: tidak dibandingkan)"
    parser.add_argument("--format", choices=("text", "json"), default="text", help="bentuk laporan (bawaan: text)")
    parser.add_argument("--trust", type=Path, metavar="CA.pem",
                        help="validasi rantai sertifikat penanda tangan terhadap CA ini (misalnya akar BSrE)")


class _ProgressBar:
    """A progress bar on a terminal; silent in CI or when stderr is not a terminal."""

    def __enter__(self):
        import os

        self.bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from tqdm import tqdm

            self.bar = tqdm(total=0, unit="hlm", desc="bundel", leave=False, file=sys.stderr)
        return self.update if self.bar else None

    def update(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.close()


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], Callable[[argparse.ArgumentParser], None]]] = {
    "check": (cmd_check, _check_options),
    "score": (cmd_score, _score_options),
    "site": (cmd_site, _site_options),
    "serve": (cmd_serve, _serve_options),
    "bundle": (cmd_bundle, _bundle_options),
    "lke": (cmd_lke, _lke_options),
    "lke-import": (cmd_lke_import, _lke_import_options),
    "init": (cmd_init, _init_options),
    "verify": (cmd_verify, _verify_options),
}
"""Every command: its function (docstring = Indonesian help) and its options."""

OUTPUTS: dict[str, tuple[tuple[str, str, Kind, str], ...]] = {
    "check": (("out", "--out", Kind.FILE, "build/kelengkapan.json"),),
    "score": (("out", "--out", Kind.FILE, "build/penilaian.json"),
              ("xlsx", "--xlsx", Kind.FILE, "build/penilaian.xlsx"),
              ("csv", "--csv", Kind.FILE, "build/penilaian.csv")),
    "lke": (("out", "--out", Kind.FILE, "build/lke.json"), ("xlsx", "--xlsx", Kind.FILE, "build/lke.xlsx")),
    "site": (("out", "--out", Kind.FOLDER, "site"), ("src", "--src", Kind.FOLDER, "build/site-src")),
    "serve": (("src", "--src", Kind.FOLDER, "build/site-src"),),
    "bundle": (("out", "--out", Kind.FILE, "build/bundel-publik.pdf"),),
    "init": (("folder", "FOLDER_BARU", Kind.FOLDER, "../unit-baru"),),
}
"""Every output option of every command: (attribute, option, kind, example), checked before the command runs."""

INPUT_OPTIONS = {"lke": ("answers",), "site": ("bundle",), "bundle": ("sign",), "lke-import": ("file",),
                 "verify": ("target", "trust")}
"""Options naming a file the command reads (never written): no output may replace them.
``lke-import`` writes lke.yaml on purpose, as documented (keeping lke.yaml.bak)."""


def guard_outputs(args: argparse.Namespace) -> None:
    """Refuse (exit 2) any output of this command that would touch an input or is not a plain file/folder."""
    if args.command == "bundle" and args.out is None:
        args.out = Path("build") / f"bundel-{args.audience}.pdf"
    targets = [Target(option, getattr(args, attr), kind, example)
               for attr, option, kind, example in OUTPUTS.get(args.command, ())
               if getattr(args, attr, None) is not None]
    inputs = [getattr(args, attr) for attr in INPUT_OPTIONS.get(args.command, ()) if getattr(args, attr, None)]
    guard(getattr(args, "root", None) or Path("."), targets, inputs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG,
                     description="Penyusun situs dan bukti Zona Integritas (WBK/WBBM).")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    for name, (func, options) in COMMANDS.items():
        command = sub.add_parser(name, help=(func.__doc__ or "").strip().splitlines()[0],
                                 description=(func.__doc__ or "").strip())
        if name not in WITHOUT_UNIT_OPTIONS:
            _common(command, root_only=name in ROOT_ONLY)
        options(command)
        command.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    return boundary.run(lambda context: _run(argv, context))


def _run(argv: list[str] | None, context: boundary.Context) -> int:
    args = build_parser().parse_args(argv)
    if not getattr(args, "func", None):
        raise UsageError("sebutkan perintah, contoh: python -m build_tools check. "
                         "Lihat: python -m build_tools --help")
    if getattr(args, "root", None) is not None:
        context.use_root(args.root)
    if getattr(args, "as_of", dt.date.min) is None:
        args.as_of = dt.date.today()
    guard_outputs(args)
    return args.func(args)
