"""Helpers of the hostile-input suite, output side (guard, no traceback, permissions).

* :func:`make_unit` – a unit holding every input the output guard protects;
* :func:`snapshot` – bytes, mode and mtime of a tree, to prove it was not touched;
* :data:`OUTPUT_OPTIONS` – every output option of every entry point, written
  out here independently of ``cli.OUTPUTS`` (a test compares the two);
* :func:`run_in_process` / :func:`run_process` – the real CLI (or demo), with
  its exit code, stdout and stderr.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import cli
from build_tools.evidence.scanner import folder_name
from build_tools.models.lke_samples import write_sample_answers
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import load_plan
from build_tools.unit import demo
from build_tools.unit.samples import populate, write_pdf

REPO = Path(__file__).resolve().parents[2]
PY = sys.executable
AS_OF = "2020-12-31"
INPUTS = ("evidence", "plan.yaml", "lke.yaml", "reviews.yaml", "penilaian.yaml", "survei", "model-penilaian",
          "docs", "mkdocs.yml")
"""Every input of a unit, as the README and issue 10 list them."""

SK_CODE = "I.1.a"
REVIEWS = "I.1.a:\n  putusan: diterima\n  penilai: Budi Santoso\n  tanggal: 2020-03-15\n  catatan: Sudah lengkap.\n"
DECLARED = ("tlhp:\n  temuan: 12\n  ditindaklanjuti: 10\ninstansi:\n  opini_bpk:\n    2018: WTP\n    2019: WTP\n"
            "  akip: BB\nunit:\n  sudah_wbk: tidak\n")
SURVEY = "no;layanan;kejelasan_biaya;percaloan;imbalan;komisi;kkn\n1;Izin usaha;4;4;3;4;4\n2;Rekomendasi;3;;4;4;3\n"


def sk_folder(unit: Path) -> Path:
    """The evidence folder of I.1.a, as the team names it (``I.1.a <title>``)."""
    return unit / "evidence" / _sk_name()


@functools.cache
def _sk_name() -> str:
    item = next(i for i in load_plan(REPO / "plan.yaml").evidence if i.code == SK_CODE)
    return folder_name(item.code, item.title)


def make_unit(unit: Path) -> Path:
    """The guideline's plan with evidence (``SK.pdf`` among it) and every other input file and folder."""
    (unit / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", unit / "plan.yaml")
    plan = load_plan(unit / "plan.yaml")
    populate(unit, plan, codes=[SK_CODE, "I.1.b", "II.1.a"])
    write_pdf(sk_folder(unit) / "SK.pdf", "SK Tim ZI", 2)
    write_sample_answers(unit / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))
    (unit / "reviews.yaml").write_text(REVIEWS, encoding="utf-8")
    (unit / "penilaian.yaml").write_text(DECLARED, encoding="utf-8")
    (unit / "survei" / "persepsi_korupsi").mkdir(parents=True)
    (unit / "survei" / "persepsi_korupsi" / "hasil.csv").write_text(SURVEY, encoding="utf-8")
    (unit / "model-penilaian").mkdir()
    (unit / "model-penilaian" / "contoh-unit.yaml").write_text("# model milik unit (tidak dipilih plan.yaml)\n",
                                                              encoding="utf-8")
    (unit / "docs").mkdir()
    (unit / "docs" / "tentang.md").write_text("# Tentang\n\nSitus {{ unit.name }}.\n", encoding="utf-8")
    (unit / "mkdocs.yml").write_text("site_name: milik unit, bukan buatan alat\n", encoding="utf-8")
    return unit


def snapshot(folder: Path, names: tuple[str, ...] | None = None) -> dict[str, tuple]:
    """Path → (type, sha256, mode, mtime_ns) of every entry, folders included; links not followed."""
    roots = [folder / n for n in names] if names else [folder]
    result: dict[str, tuple] = {}
    for top in roots:
        if not os.path.lexists(top):
            result[top.name] = ("absent",)
            continue
        paths = [top] + (sorted(top.rglob("*")) if top.is_dir() and not top.is_symlink() else [])
        for path in paths:
            st = os.lstat(path)
            key = path.relative_to(folder).as_posix()
            if stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(st.st_mode):
                digest = "->" + os.readlink(path)
            else:
                digest = stat.filemode(st.st_mode)[0]
            result[key] = (stat.S_IFMT(st.st_mode), digest, stat.S_IMODE(st.st_mode), st.st_mtime_ns)
    return result


@dataclass(frozen=True)
class OutputOption:
    """One output option of one entry point, and what else it needs to run."""

    entry: str  # a command of ``python -m build_tools``, or "demo"
    option: str  # "--out", "--xlsx", "FOLDER_BARU" (a positional, by its metavar) …
    kind: str  # "berkas" or "folder"
    extra: tuple[str, ...] = ()  # other arguments; {work} is the test's work folder

    @property
    def label(self) -> str:
        return f"{self.entry} {self.option}"

    def argv(self, unit: Path | str, target: Path | str, work: Path) -> list[str]:
        extra = [a.format(work=work) for a in self.extra]
        if self.entry == "demo":
            return ["--root", str(unit), "--out", str(target), *extra]
        if not self.option.startswith("--"):  # init's new folder: a positional, and init reads no unit
            return [self.entry, str(target), *extra]
        return [self.entry, "--root", str(unit), "--as-of", AS_OF, self.option, str(target), *extra]


OUTPUT_OPTIONS = (
    OutputOption("check", "--out", "berkas", ("--format", "json", "--report-only")),
    OutputOption("score", "--out", "berkas", ("--format", "json")),
    OutputOption("score", "--xlsx", "berkas"),
    OutputOption("score", "--csv", "berkas"),
    OutputOption("lke", "--out", "berkas", ("--format", "json")),
    OutputOption("lke", "--xlsx", "berkas"),
    OutputOption("site", "--out", "folder", ("--src", "{work}/sumber-situs")),
    OutputOption("site", "--src", "folder", ("--out", "{work}/situs")),
    OutputOption("serve", "--src", "folder", ("--dev-addr", "127.0.0.1:1")),
    OutputOption("bundle", "--out", "berkas"),
    OutputOption("init", "FOLDER_BARU", "folder", ("--model", "permenpanrb-90-2021", "--unit", "Uji", "--year", "2026")),
    OutputOption("demo", "--out", "folder"),
)


@dataclass
class Result:
    code: int
    out: str
    err: str
    argv: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.argv}: exit {self.code}\nstdout: {self.out[-600:]}\nstderr: {self.err[-1500:]}"


def run_in_process(entry: str, argv: list[str], cwd: Path | None = None, umask: int | None = None) -> Result:
    """The real ``main`` of the CLI (or of the demo) in this process, from ``cwd``, under ``umask``."""
    main = demo.main if entry == "demo" else cli.main
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    mask = os.umask(0o022 if umask is None else umask)
    if umask is None:
        os.umask(mask)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(here)
        os.umask(mask)
    return Result(code, out.getvalue(), err.getvalue(), argv)


def wrong_modes(top: Path, umask: int) -> list[str]:
    """Entries under ``top`` whose mode is not that of a new file or folder under ``umask``."""
    wrong = []
    for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
        st = os.lstat(path)
        if stat.S_ISDIR(st.st_mode):
            want = 0o777 & ~umask
        else:
            want = (0o777 if st.st_mode & 0o111 else 0o666) & ~umask
        if stat.S_IMODE(st.st_mode) != want:
            wrong.append(f"{path.relative_to(top.parent)} {oct(stat.S_IMODE(st.st_mode))} (harus {oct(want)})")
    return wrong


def module_of(entry: str) -> list[str]:
    return [PY, "-m", "build_tools.unit.demo"] if entry == "demo" else [PY, "-m", "build_tools"]


def run_process(entry: str, argv: list[str], *, cwd: Path | None = None, env: dict | None = None,
                timeout: float = 300, **kwargs) -> Result:
    """The real CLI (or demo) as its own process; ``env`` is added to this environment."""
    proc = subprocess.run([*module_of(entry), *argv], cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, **kwargs)
    decode = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")  # noqa: E731
    return Result(proc.returncode, decode(proc.stdout), decode(proc.stderr), argv)


def no_traceback(result: Result) -> None:
    """The promise: no traceback on the screen, whatever happened."""
    for text in (result.out, result.err):
        assert "Traceback" not in text and 'File "' not in text, str(result)


def leftovers(*folders: Path) -> list[Path]:
    """Workspaces and temp files of the tool (``.zi-tmp-…``, ``.name.….tmp``, ``.name.old``) under ``folders``."""
    def temporary(name: str) -> bool:
        return name.startswith(".zi-tmp-") or name.startswith(".") and name.endswith((".tmp", ".old"))

    return [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if temporary(p.name)]


FAULT = """
import importlib, sys
module, name, error, entry, *argv = sys.argv[1:]
def fail(*args, **kwargs):
    raise eval(error)
setattr(importlib.import_module(module), name, fail)
sys.exit(importlib.import_module(entry).main(argv))
"""
"""Runs an entry point with one function of the tool replaced by one that raises ``error``."""


def run_with_fault(entry: str, module: str, name: str, error: str, argv: list[str], *,
                   cwd: Path | None = None, env: dict | None = None, prefix: list[str] | None = None) -> Result:
    """An unexpected exception ``error`` (Python text) raised where ``module.name`` is called."""
    target = "build_tools.unit.demo" if entry == "demo" else "build_tools.cli"
    proc = subprocess.run([*(prefix or []), PY, "-c", FAULT, module, name, error, target, *argv], cwd=cwd,
                          capture_output=True, env={**os.environ, **(env or {})}, timeout=300)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
                  argv)


def can_unshare() -> bool:
    """A private mount namespace is available (``unshare -rm``: root, or user namespaces allowed)."""
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null "
                           "|| mount -t tmpfs -o size=64k tmpfs /tmp"], capture_output=True).returncode == 0


def in_namespace(script: str, *args: str) -> list[str]:
    """A command that runs the shell ``script`` (``$1`` … = ``args``) in a private mount namespace."""
    return ["unshare", "-rm", "bash", "-euc", script, "namespace", *args]


def readonly_prefix(folder: Path) -> list[str]:
    """Prefix for a command that sees ``folder`` read-only (a bind mount in a private namespace)."""
    return in_namespace('mount --bind "$1" "$1"; mount -o remount,bind,ro "$1" "$1"; shift; exec "$@"',
                        str(folder))
