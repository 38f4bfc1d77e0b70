"""Command line: ``python -m build_tools <command>``.

This is the only place that prints errors and picks exit codes:
0 success; 1 evidence that is due is missing or has problems; 2 the plan, an
input file or the command line is invalid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Callable

from build_tools.core import atomic
from build_tools.core.errors import ToolError, UsageError
from build_tools.pipeline import check_project, load_project
from build_tools.reports import check as check_report

EXIT_OK, EXIT_INCOMPLETE, EXIT_INVALID = 0, 1, 2

PROG = "python -m build_tools"
_ARGPARSE_MESSAGES = (
    (r"argument PERINTAH: invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"perintah '\1' tidak dikenal (pilih salah satu: \2)"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"argumen \1: pilihan '\2' tidak sah (pilih salah satu: \3)"),
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): expected one argument", r"argumen \1 memerlukan satu nilai"),
    (r"invalid choice: '?([^' ]*)'?.*", r"perintah '\1' tidak dikenal"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        # argparse passes prefix="" when it computes a sub-command's name.
        return super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with help in Indonesian and errors raised (worded in Indonesian) instead of exit."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        raise UsageError(f"{message}. Lihat: {self.prog} --help")


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal '{text}' tidak sah, tulis sebagai YYYY-MM-DD") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="FOLDER",
                        help="folder yang memuat plan.yaml dan evidence/ (bawaan: folder ini)")
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                        help="tanggal acuan penilaian (bawaan: hari ini)")
    parser.add_argument("--no-cache", action="store_true",
                        help="baca ulang semua berkas tanpa cache pindaian")


def cmd_check(args: argparse.Namespace) -> int:
    """Kelengkapan bukti per kode; keluar 1 bila ada bukti jatuh tempo yang kurang."""
    project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
    completeness = check_project(project)
    report = check_report.FORMATS[args.format](project.plan, completeness)
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
    parser.add_argument("--out", type=Path, metavar="BERKAS", help="tulis laporan ke berkas ini")
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
    from build_tools.assess import lke_report
    from build_tools.pipeline import assess_lke

    project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
    assessment = assess_lke(project, answers=args.answers, like_worksheet=args.like_worksheet)
    answers = assessment.answers
    report = lke_report.FORMATS[args.format](assessment)
    if args.xlsx:
        from build_tools.reports.lke_workbook import build_workbook

        atomic.write_bytes(args.xlsx, build_workbook(answers.model, answers, like_worksheet=args.like_worksheet))
    if args.out:
        atomic.write_text(args.out, report)
    else:
        sys.stdout.write(report)
    return EXIT_OK


def _score_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "text"), default="text",
                        help="bentuk laporan (bawaan: text)")
    parser.add_argument("--out", type=Path, metavar="BERKAS", help="tulis laporan ke berkas ini")
    parser.add_argument("--xlsx", type=Path, metavar="BERKAS", help="tulis juga lembar kerja .xlsx")
    parser.add_argument("--csv", type=Path, metavar="BERKAS", help="tulis juga tabel penilaian .csv")


def _lke_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answers", type=Path, metavar="BERKAS",
                        help="berkas jawaban LKE (bawaan: lke.yaml di folder --root)")
    parser.add_argument("--format", choices=["json", "text"], default="text",
                        help="bentuk laporan (bawaan: text)")
    parser.add_argument("--out", type=Path, metavar="BERKAS", help="tulis laporan ke berkas ini")
    parser.add_argument("--like-worksheet", action="store_true",
                        help="pertanyaan kosong dilewati dalam rata-rata indikator, seperti rumus AVERAGE "
                             "pada LKE (bawaan: dihitung 0)")
    parser.add_argument("--xlsx", type=Path, metavar="BERKAS",
                        help="tulis juga lembar kerja LKE (.xlsx, dengan rumus) ke berkas ini")


def cmd_site(args: argparse.Namespace) -> int:
    """Situs ZI (mkdocs-material): rencana, indeks bukti, linimasa dan beranda kemajuan."""
    from build_tools.evidence.audience import Audience
    from build_tools.site import build as site_build

    result = site_build.build_site(args.root, args.as_of, out=args.out, sources_dir=args.src,
                                   audience=Audience(args.audience), bundle=args.bundle,
                                   use_cache=not args.no_cache)
    print(f"situs ({args.audience}) ditulis ke {result.out}: {result.pages} halaman, "
          f"{result.files} berkas")
    return EXIT_OK


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("site"), metavar="FOLDER",
                        help="folder situs jadi (bawaan: site)")
    parser.add_argument("--src", type=Path, default=Path("build/site-src"), metavar="FOLDER",
                        help="folder sumber situs yang dibuat ulang setiap kali (bawaan: build/site-src)")
    parser.add_argument("--audience", choices=["publik", "penilai"], default="publik",
                        help="publik: berkas terbatas tidak disertakan (bawaan); penilai: semua berkas")
    parser.add_argument("--bundle", type=Path, metavar="BERKAS",
                        help="PDF bundel bukti yang ditawarkan di halaman Unduh")


def cmd_serve(args: argparse.Namespace) -> int:
    """Pratinjau situs di http://127.0.0.1:8000, dibuat ulang saat plan.yaml, evidence/ atau docs/ berubah."""
    from build_tools.evidence.audience import Audience
    from build_tools.site import serve as site_serve

    return site_serve.serve(args.root, args.as_of, sources_dir=args.src, audience=Audience(args.audience),
                            address=args.dev_addr, use_cache=not args.no_cache)


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--src", type=Path, default=Path("build/site-src"), metavar="FOLDER",
                        help="folder sumber situs (bawaan: build/site-src)")
    parser.add_argument("--audience", choices=["publik", "penilai"], default="publik",
                        help="publik (bawaan) atau penilai")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="alamat pratinjau (bawaan: 127.0.0.1:8000)")


def cmd_init(args: argparse.Namespace) -> int:
    """Repositori unit baru: plan.yaml, folder bukti, lke.yaml (model LKE), Makefile, README, CI dan salinan alat."""
    from build_tools.unit.init import init_unit

    result = init_unit(args.folder, args.model, args.unit, args.year or args.as_of.year)
    print(f"repositori unit dibuat di {result.target}: model {result.model_id}, {result.codes} kode bukti, "
          f"{result.files} berkas. Lanjutkan: cd {result.target} && make")
    return EXIT_OK


def _init_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="folder baru (atau kosong) untuk repositori unit")
    parser.add_argument("--model", required=True, metavar="MODEL",
                        help="model penilaian, contoh permenpanrb-90-2021 (LKE 2021) atau permenpanrb-10-2019")
    parser.add_argument("--unit", required=True, metavar="NAMA", help="nama unit kerja")
    parser.add_argument("--year", type=int, metavar="TAHUN", help="tahun periode rencana (bawaan: tahun --as-of)")


def cmd_bundle(args: argparse.Namespace) -> int:
    """Bundel bukti PDF untuk penilai atau publik: sampul, daftar isi, pembatas, bukti, penanda."""
    from build_tools.evidence.inspect import documents_kept

    with documents_kept():  # the scan's open PDFs are reused by the bundle: each parsed once
        return _bundle(args)


def _bundle(args: argparse.Namespace) -> int:
    from build_tools.bundle import build as bundle
    from build_tools.bundle.fingerprint import source_date_epoch
    from build_tools.bundle.sources import find_soffice
    from build_tools.evidence.audience import Audience
    from build_tools.pipeline import assess_project
    from build_tools.reports.score import cover_figures

    project = load_project(args.root, args.as_of, use_cache=not args.no_cache)
    audience = Audience(args.audience)
    out = args.out or Path("build") / f"bundel-{audience.value}.pdf"
    assessment = assess_project(project)
    readiness = cover_figures(assessment)
    lke = None
    if args.order == "lke":
        from build_tools.bundle.lke import cover_figure, require_assessment

        lke = require_assessment(project)
        if lke is not assessment and not hasattr(assessment, "answers"):
            # A 2019-model plan with an lke.yaml: its LKE total beside the 2019 figures.
            readiness = {**readiness, **cover_figure(lke)}
    options = bundle.BundleOptions(
        audience=audience, allow_broken=args.allow_broken, soffice=find_soffice(),
        readiness=readiness, order=args.order, lke=lke,
        source_date_epoch=source_date_epoch(),
        cache_dir=None if args.no_cache else args.root / ".cache" / "build_tools")
    with _ProgressBar() as progress:
        report = bundle.build_bundle(project, out, options, progress)
    print("\n".join(report.lines()))
    return EXIT_OK


def _bundle_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="BERKAS",
                        help="berkas PDF keluaran (bawaan: build/bundel-<audiens>.pdf)")
    parser.add_argument("--audience", choices=("publik", "penilai"), default="publik",
                        help="publik: berkas terbatas diganti halaman pengganti; penilai: lengkap (bawaan: publik)")
    parser.add_argument("--allow-broken", action="store_true",
                        help="PDF berkata sandi atau rusak menjadi halaman pengganti, bukan galat")
    parser.add_argument("--order", choices=("plan", "lke"), default="plan",
                        help="plan: per area, komponen dan kode bukti (bawaan); lke: per pertanyaan LKE "
                             "(memerlukan lke.yaml)")


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
    "init": (cmd_init, _init_options),
}
"""Every command: its function (docstring = Indonesian help) and its options."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG,
                     description="Penyusun situs dan bukti Zona Integritas (WBK/WBBM).")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    for name, (func, options) in COMMANDS.items():
        command = sub.add_parser(name, help=(func.__doc__ or "").strip().splitlines()[0],
                                 description=(func.__doc__ or "").strip())
        _common(command)
        options(command)
        command.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "func", None):
            raise UsageError("sebutkan perintah, contoh: python -m build_tools check. "
                             "Lihat: python -m build_tools --help")
        if args.as_of is None:
            args.as_of = dt.date.today()
        return args.func(args)
    except ToolError as exc:
        first, *rest = exc.lines()
        print(f"galat: {first}", file=sys.stderr)
        for line in rest:
            print(line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dihentikan.", file=sys.stderr)
        return 130
