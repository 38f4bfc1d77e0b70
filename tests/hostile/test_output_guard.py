"""The output guard, tried as an attacker and a hurried team member would (issue 10, item 1).

Table: every output option of every entry point × every hostile target
class. Each row must exit 2 with one ``galat:`` message naming the option, the
path as typed, why, and what to do ("misalnya …"), and leave the whole work
folder (the unit, its evidence and inputs, the hostile target itself) exactly
as it was: bytes, mode and mtime.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from guard_support import (
    INPUTS,
    OUTPUT_OPTIONS,
    PY,
    OutputOption,
    make_unit,
    no_traceback,
    run_in_process,
    sk_folder,
    snapshot,
    wrong_modes,
)

from build_tools import cli

EVIDENCE = "di dalam folder evidence/"
EVIDENCE_ITSELF = "adalah folder evidence/"
INPUT_FILE = "adalah berkas masukan"
IN_INPUT_DIR = "di dalam folder masukan"
INPUT_DIR = "adalah folder masukan"
CONTAINS = "memuat masukan unit"
UNIT_FOLDER = "adalah folder sebuah unit"
NOT_REGULAR = "bukan berkas atau folder biasa"
SYMLINK = "adalah tautan simbolik"
IS_FILE = "sudah ada sebagai berkas"
IS_FOLDER = "sudah ada sebagai folder"
PARENT_FILE = "adalah berkas, bukan folder"
BOTH = ("berkas", "folder")


@dataclass(frozen=True)
class Hostile:
    """A hostile target: the path as typed (the command runs from inside the unit, ``--root .``)."""

    name: str
    typed: Callable[[Path, Path], str]  # (unit, work) → path
    expect: str
    kinds: tuple[str, ...] = BOTH
    root: Callable[[Path, Path], str] = lambda unit, work: "."


def _sk(unit: Path) -> str:
    return sk_folder(unit).name


HOSTILE = (
    # inside evidence/, however it is reached
    Hostile("bukti PDF yang ada (relatif)", lambda u, w: f"evidence/{_sk(u)}/SK.pdf", EVIDENCE),
    Hostile("berkas baru di folder kode", lambda u, w: f"{u}/evidence/{_sk(u)}/laporan.json", EVIDENCE),
    Hostile("folder baru di evidence", lambda u, w: "evidence/situs", EVIDENCE),
    Hostile("folder kode itu sendiri", lambda u, w: f"evidence/{_sk(u)}", EVIDENCE),
    Hostile("evidence itu sendiri", lambda u, w: "evidence", EVIDENCE_ITSELF),
    Hostile("evidence dengan garis miring", lambda u, w: "evidence/", EVIDENCE_ITSELF),
    Hostile("lewat ..", lambda u, w: f"build/../evidence/{_sk(u)}/SK.pdf", EVIDENCE),
    Hostile("lewat ./ dan ..", lambda u, w: f"./docs/../evidence/./{_sk(u)}/baru.pdf", EVIDENCE),
    Hostile("dari luar unit lewat ..", lambda u, w: f"{w}/lain/../unit/evidence/{_sk(u)}/SK.pdf", EVIDENCE),
    Hostile("induk bertautan ke folder kode", lambda u, w: f"{w}/ke-kode/SK.pdf", EVIDENCE),
    Hostile("induk bertautan ke evidence", lambda u, w: f"{w}/ke-evidence/baru", EVIDENCE),
    Hostile("huruf besar EVIDENCE", lambda u, w: f"EVIDENCE/{_sk(u)}/SK.pdf", EVIDENCE),
    Hostile("akar lewat tautan, jalur asli", lambda u, w: f"{u}/evidence/{_sk(u)}/SK.pdf", EVIDENCE,
            root=lambda u, w: f"{w}/ke-unit"),
    Hostile("akar relatif dari luar", lambda u, w: f"{u}/evidence/{_sk(u)}/SK.pdf", EVIDENCE,
            root=lambda u, w: f"../{u.name}"),
    Hostile("evidence unit lain", lambda u, w: f"{w}/lain/evidence/x.pdf", EVIDENCE),
    Hostile("tujuan tautan di evidence", lambda u, w: f"{w}/arsip-luar/baru.pdf", EVIDENCE),
    Hostile("tujuan tautan folder kode", lambda u, w: f"{w}/kode-luar/SK lama.pdf", EVIDENCE),
    # input files and folders of the unit
    *(Hostile(f"berkas masukan {name}", lambda u, w, n=name: n, INPUT_FILE)
      for name in ("plan.yaml", "lke.yaml", "reviews.yaml", "penilaian.yaml", "mkdocs.yml")),
    Hostile("masukan berhuruf besar", lambda u, w: "Plan.YAML", INPUT_FILE),
    Hostile("masukan yang belum ada", lambda u, w: f"{w}/lain/reviews.yaml", INPUT_FILE),
    Hostile("tautan keras ke plan.yaml", lambda u, w: f"{w}/rencana-keras.yaml", INPUT_FILE),
    Hostile("plan.yaml unit lain", lambda u, w: f"{w}/lain/plan.yaml", INPUT_FILE),
    *(Hostile(f"di dalam {name}/", lambda u, w, n=name: f"{n}/baru", IN_INPUT_DIR)
      for name in ("docs", "survei", "model-penilaian")),
    Hostile("di dalam survei/persepsi_korupsi", lambda u, w: "survei/persepsi_korupsi/hasil.csv", IN_INPUT_DIR),
    *(Hostile(f"folder {name}/ itu sendiri", lambda u, w, n=name: n, INPUT_DIR)
      for name in ("docs", "survei", "model-penilaian")),
    # targets that contain the unit's inputs
    Hostile("folder unit (.)", lambda u, w: ".", CONTAINS),
    Hostile("folder unit (jalur penuh)", lambda u, w: str(u), CONTAINS),
    Hostile("induk unit (..)", lambda u, w: "..", CONTAINS),
    Hostile("akar sistem berkas", lambda u, w: "/", CONTAINS),
    Hostile("folder unit lain", lambda u, w: f"{w}/lain", UNIT_FOLDER),
    # not a regular file or folder
    Hostile("/dev/null", lambda u, w: "/dev/null", NOT_REGULAR),
    Hostile("/dev/full", lambda u, w: "/dev/full", NOT_REGULAR),
    Hostile("FIFO", lambda u, w: f"{w}/pipa", NOT_REGULAR),
    Hostile("soket", lambda u, w: f"{w}/soket", NOT_REGULAR),
    Hostile("tautan ke berkas", lambda u, w: f"{w}/tautan-berkas", SYMLINK),
    Hostile("tautan ke folder", lambda u, w: f"{w}/tautan-folder", SYMLINK),
    Hostile("tautan putus", lambda u, w: f"{w}/tautan-putus", SYMLINK),
    # the wrong kind of thing already there, or a file where a folder is needed
    Hostile("berkas yang ada, keluaran folder", lambda u, w: f"{w}/catatan.txt", IS_FILE, kinds=("folder",)),
    Hostile("folder yang ada, keluaran berkas", lambda u, w: f"{w}/folder-lama", IS_FOLDER, kinds=("berkas",)),
    Hostile("induk adalah berkas", lambda u, w: f"{w}/catatan.txt/keluaran", PARENT_FILE),
)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unit, another unit, and every kind of hostile thing beside them."""
    work = tmp_path_factory.mktemp("guard")
    unit = make_unit(work / "unit")
    (work / "lain" / "evidence").mkdir(parents=True)
    shutil.copy(unit / "plan.yaml", work / "lain" / "plan.yaml")
    (work / "lain" / "evidence" / "x.pdf").write_bytes((sk_folder(unit) / "SK.pdf").read_bytes())
    (work / "catatan.txt").write_text("catatan pribadi\n", encoding="utf-8")
    (work / "folder-lama").mkdir()
    (work / "folder-lama" / "isi.txt").write_text("isi\n", encoding="utf-8")
    os.mkfifo(work / "pipa")
    here = os.getcwd()
    os.chdir(work)  # a socket path must be short
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("soket")
    finally:
        os.chdir(here)
    (work / "tautan-berkas").symlink_to(work / "catatan.txt")
    (work / "tautan-folder").symlink_to(work / "folder-lama")
    (work / "tautan-putus").symlink_to(work / "tidak-ada")
    (work / "ke-kode").symlink_to(sk_folder(unit))
    (work / "ke-evidence").symlink_to(unit / "evidence")
    (work / "ke-unit").symlink_to(unit)
    os.link(unit / "plan.yaml", work / "rencana-keras.yaml")
    # evidence reached through links (the scanner reports them; their targets still hold evidence)
    (work / "arsip-luar").mkdir()
    (work / "arsip-luar" / "arsip.pdf").write_bytes((sk_folder(unit) / "SK.pdf").read_bytes())
    (sk_folder(unit) / "arsip").symlink_to(work / "arsip-luar")
    (work / "kode-luar").mkdir()
    (work / "kode-luar" / "SK lama.pdf").write_bytes((sk_folder(unit) / "SK.pdf").read_bytes())
    (unit / "evidence" / "II.2.a tautan").symlink_to(work / "kode-luar")
    return work


ROWS = [pytest.param(option, case, id=f"{option.label} | {case.name}")
        for option in OUTPUT_OPTIONS for case in HOSTILE if option.kind in case.kinds]


def _refused(option: OutputOption, argv: list[str], typed: str, expect: str, cwd: Path, work: Path):
    before = snapshot(work)
    result = run_in_process(option.entry, argv, cwd=cwd)
    assert result.code == 2, str(result)
    no_traceback(result)
    lines = result.err.strip().splitlines()
    shown = str(Path(typed))  # as argparse hands it over (``./a/`` → ``a``)
    assert len(lines) == 1 and lines[0].startswith(f"galat: {option.option} '{shown}'"), str(result)
    assert expect in lines[0] and "misalnya" in lines[0], str(result)
    assert result.out == ""
    assert snapshot(work) == before, f"{option.label} {typed!r} changed the work folder"
    return result


@pytest.mark.parametrize(("option", "case"), ROWS)
def test_hostile_target_is_refused_and_nothing_changes(work: Path, option: OutputOption, case: Hostile) -> None:
    unit = work / "unit"
    typed = case.typed(unit, work)
    argv = option.argv(case.root(unit, work), typed, work)
    _refused(option, argv, typed, case.expect, unit, work)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # /dev/null is still a device


# The failing examples quoted in issue 10, and what the repository's before-stop hook tries.
ISSUE_ROWS = [
    pytest.param("check", ["--format", "json", "--out", "evidence/{sk}/SK.pdf"], "--out", EVIDENCE,
                 id="check --format json --out evidence/…/SK.pdf"),
    pytest.param("check", ["--format", "junit", "--out", "evidence/{sk}/SK.pdf"], "--out", EVIDENCE,
                 id="check --format junit --out evidence/…/SK.pdf"),
    pytest.param("score", ["--csv", "evidence/{sk}/SK.pdf"], "--csv", EVIDENCE, id="score --csv evidence/…/SK.pdf"),
    pytest.param("score", ["--xlsx", "evidence/{sk}/SK.pdf"], "--xlsx", EVIDENCE, id="score --xlsx evidence/…/SK.pdf"),
    pytest.param("site", ["--out", "{work}/catatan.txt"], "--out", IS_FILE, id="site --out onto an existing file"),
    pytest.param("site", ["--out", "evidence/site"], "--out", EVIDENCE, id="site --out evidence/site"),
    pytest.param("site", ["--out", "plan.yaml"], "--out", INPUT_FILE, id="site --out plan.yaml"),
    pytest.param("check", ["--out", "/dev/null"], "--out", NOT_REGULAR, id="check --out /dev/null"),
    pytest.param("bundle", ["--out", "/dev/null"], "--out", NOT_REGULAR, id="bundle --out /dev/null"),
]


@pytest.mark.parametrize(("command", "args", "option", "expect"), ISSUE_ROWS)
def test_issue_examples_are_refused(work: Path, command: str, args: list[str], option: str, expect: str) -> None:
    unit = work / "unit"
    args = [a.format(sk=_sk(unit), work=work) for a in args]
    typed = args[args.index(option) + 1]
    argv = [command, "--root", ".", *args]
    _refused(OutputOption(command, option, "berkas"), argv, typed, expect, unit, work)


OVERLAP = "menunjuk tempat yang sama"
OVERLAP_ROWS = [
    pytest.param("score", ["--out", "{work}/k/a", "--csv", "{work}/k/a"], OVERLAP, id="score --out = --csv"),
    pytest.param("score", ["--xlsx", "{work}/k/a", "--csv", "{work}/k/../k/a"], OVERLAP, id="score --xlsx = --csv"),
    pytest.param("lke", ["--out", "{work}/k/a", "--xlsx", "{work}/k/a"], OVERLAP, id="lke --out = --xlsx"),
    pytest.param("site", ["--out", "{work}/k/s", "--src", "{work}/k/s"], OVERLAP, id="site --out = --src"),
    pytest.param("site", ["--out", "{work}/k/s", "--src", "{work}/k/s/src"], OVERLAP, id="site --src inside --out"),
    pytest.param("site", ["--src", "{work}/k/s", "--out", "{work}/k/s/situs"], OVERLAP, id="site --out inside --src"),
    pytest.param("lke", ["--answers", "{work}/jawaban.yaml", "--out", "{work}/jawaban.yaml"], INPUT_FILE,
                 id="lke --out = --answers"),
    pytest.param("site", ["--bundle", "{work}/catatan.txt", "--src", "{work}/catatan.txt"], INPUT_FILE,
                 id="site --src = --bundle"),
]


@pytest.mark.parametrize(("command", "args", "expect"), OVERLAP_ROWS)
def test_outputs_that_overlap_each_other_or_an_input_are_refused(work: Path, command: str, args: list[str],
                                                                 expect: str) -> None:
    unit = work / "unit"
    if not (work / "jawaban.yaml").exists():
        shutil.copy(unit / "lke.yaml", work / "jawaban.yaml")
    args = [a.format(work=work) for a in args]
    before = snapshot(work)
    result = run_in_process(command, [command, "--root", ".", *args], cwd=unit)
    assert result.code == 2 and expect in result.err and "galat: " in result.err, str(result)
    no_traceback(result)
    assert snapshot(work) == before


def test_the_table_covers_every_output_option_of_the_cli() -> None:
    """A new path option is an output with a guard (a row of cli.OUTPUTS) or a declared input."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    declared = {(name, option) for name, rows in cli.OUTPUTS.items() for _, option, _, _ in rows}
    path_options, inputs = set(), set()
    for name, command in sub.choices.items():
        for action in command._actions:
            if action.type is not Path or action.dest == "root":
                continue
            label = action.option_strings[0] if action.option_strings else action.metavar
            if action.dest in cli.INPUT_OPTIONS.get(name, ()):
                inputs.add((name, label))
            else:
                path_options.add((name, label))
    assert path_options == declared
    assert sum(len(v) for v in cli.INPUT_OPTIONS.values()) == len(inputs)  # every declared input is a real option
    assert {(o.entry, o.option) for o in OUTPUT_OPTIONS if o.entry != "demo"} == declared


def test_the_before_stop_hook_smoke_changes_nothing(tmp_path: Path) -> None:
    """What /work/shared/hooks/before-stop tries, as real processes on a fresh ``init`` unit."""
    unit = tmp_path / "u"
    run = lambda *a: subprocess.run([PY, "-m", "build_tools", *a], capture_output=True, text=True)  # noqa: E731
    assert run("init", str(unit), "--model", "permenpanrb-90-2021", "--unit", "Uji", "--year", "2026").returncode == 0
    folder = sorted(p for p in (unit / "evidence").iterdir() if p.is_dir())[0]
    (folder / "uji.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    before = snapshot(unit, INPUTS)
    for args in (["check", "--root", str(unit), "--format", "json", "--out", str(folder / "uji.pdf")],
                 ["score", "--root", str(unit), "--csv", str(folder / "uji.pdf")],
                 ["site", "--root", str(unit), "--out", str(unit / "evidence" / "situs")],
                 ["site", "--root", str(unit), "--out", str(unit / "plan.yaml")]):
        proc = run(*args)
        assert proc.returncode == 2 and proc.stderr.startswith("galat: ") and "Traceback" not in proc.stderr, args
        assert snapshot(unit, INPUTS) == before, args


@pytest.fixture(scope="module")
def walk_unit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_unit(tmp_path_factory.mktemp("walk") / "unit")


def _serve(argv: list[str], cwd: Path) -> None:
    """``serve`` until its preview is announced, then stop it."""
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    address = f"127.0.0.1:{port.getsockname()[1]}"
    port.close()
    argv = [a if a != "127.0.0.1:1" else address for a in argv]
    if "--dev-addr" not in argv:
        argv += ["--dev-addr", address]
    proc = subprocess.Popen([PY, "-m", "build_tools", *argv], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        assert proc.stdout.readline().startswith("pratinjau di"), "serve did not start"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        proc.stdout.close()


def _without(argv: list[str], option: str) -> list[str]:
    """``argv`` with ``option`` and its value left out (the option's default, or stdout)."""
    at = argv.index(option)
    return argv[:at] + argv[at + 2:]


@pytest.mark.parametrize("option", OUTPUT_OPTIONS, ids=[o.label for o in OUTPUT_OPTIONS])
def test_every_command_and_output_option_leaves_evidence_and_inputs_untouched(walk_unit: Path, tmp_path: Path,
                                                                              option: OutputOption) -> None:
    """Valid targets: a new one, the same again (replacing it), and the option left out (its default)."""
    unit, cwd = walk_unit, tmp_path / "kerja"
    cwd.mkdir()
    target = tmp_path / "keluaran" / ("hasil.out" if option.kind == "berkas" else "hasil")
    argv = option.argv(unit, target, tmp_path)
    again = argv + (["--as-of", "2020-06-30"] if option.entry not in ("demo", "init") else [])
    runs = [("baru", argv)]
    # Sources are rewritten in place (replacing the site is --out's row); init never replaces a unit.
    if option.option != "--src" and option.entry != "init":
        runs.append(("ganti", again))
    if option.option.startswith("--"):  # a positional (init's new folder) has no default
        runs.append(("bawaan", _without(argv, option.option)))
    before = snapshot(unit, INPUTS)
    for what, run in runs:
        if option.entry == "serve":
            _serve(run, cwd)
        else:
            result = run_in_process(option.entry, run, cwd=cwd, umask=0o022)
            no_traceback(result)
            if option.entry == "init" and what == "ganti":  # init never replaces a unit
                assert result.code == 2 and UNIT_FOLDER in result.err, str(result)
            else:
                assert result.code == 0, str(result)
        if what != "bawaan":
            assert target.is_file() if option.kind == "berkas" else target.is_dir()
            if option.option != "--src":  # sources hold hard links to evidence, with evidence's mode
                assert wrong_modes(target, 0o022) == []  # 0644/0755: a web server can read it
        assert snapshot(unit, INPUTS) == before, f"{option.label} ({what}) changed an input"
