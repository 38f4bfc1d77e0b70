"""Never a traceback (issue 10, item 4, the CLI half): every entry point, as a real process,
on a hostile terminal and in a hostile environment.

Rows: non-UTF-8 stdout (a real Latin-1 locale, ``PYTHONIOENCODING=latin-1`` and
``ascii``), a closed stdout, a full stdout, an unexpected exception anywhere
(exit 3, one line, traceback in ``build/galat-internal.log``), a read-only unit
root, mkdocs or LibreOffice that cannot start, a full disk and ``kill -9``
mid-run. Each names its expected exit code and message.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from bundle_helpers import docx_bytes
from guard_support import (
    AS_OF,
    INPUTS,
    PY,
    REPO,
    can_unshare,
    in_namespace,
    leftovers,
    make_unit,
    module_of,
    no_traceback,
    readonly_prefix,
    run_process,
    run_with_fault,
    sk_folder,
    snapshot,
)

from build_tools.core import atomic
from build_tools.core.errors import OutputError

ODD = "keluaran–€"  # neither "–" nor "€" exists in Latin-1 or ASCII
UNSHARE = pytest.mark.skipif(not can_unshare() and not os.environ.get("CI"),
                             reason="no private mount namespace (unshare -rm) on this machine")


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_unit(tmp_path_factory.mktemp("terminal") / "unit")


def printing_commands(unit: Path, out: Path) -> dict[str, tuple[str, list[str]]]:
    """Every entry point in a form that prints to stdout (paths with characters Latin-1 lacks)."""
    root = ["--root", str(unit), "--as-of", AS_OF]
    return {
        "check": ("cli", ["check", *root, "--report-only"]),
        "score": ("cli", ["score", *root]),
        "lke": ("cli", ["lke", *root]),
        "site": ("cli", ["site", *root, "--out", str(out / "situs"), "--src", str(out / "sumber")]),
        # one bundle for every row: after the first, the unchanged inputs make the others skip the build
        "bundle": ("cli", ["bundle", *root, "--out", str(unit.parent / ODD / "bundel.pdf")]),
        "init": ("cli", ["init", str(out / "unit-baru"), "--model", "permenpanrb-90-2021", "--unit", "Uji",
                         "--year", "2026"]),
        "demo": ("demo", ["--root", str(unit), "--out", str(out / "demo")]),
        "refusal": ("cli", ["check", *root, "--out", str(unit / "evidence" / ODD / "x.json")]),
    }


EXPECTED_EXIT = {"refusal": 2}


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A real ISO-8859-1 locale, compiled into a private folder (``localedef``, package ``locales``)."""
    folder = tmp_path_factory.mktemp("locale")
    proc = subprocess.run(["localedef", "-i", "id_ID", "-f", "ISO-8859-1", str(folder / "id_ID.ISO-8859-1")],
                          capture_output=True) if shutil.which("localedef") else None
    if proc is None or proc.returncode not in (0, 1) or not (folder / "id_ID.ISO-8859-1").exists():
        if os.environ.get("CI"):
            pytest.fail("localedef tidak dapat membuat lokal ISO-8859-1 (pasang paket Debian 'locales')")
        pytest.skip("localedef tidak dapat membuat lokal ISO-8859-1 di mesin ini")
    return {"LOCPATH": str(folder), "LC_ALL": "id_ID.ISO-8859-1", "PYTHONIOENCODING": ""}


ENCODINGS = {
    "locale Latin-1": None,  # filled from the fixture
    "PYTHONIOENCODING=latin-1": {"PYTHONIOENCODING": "latin-1"},
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
}
COMMANDS = ("check", "score", "lke", "site", "bundle", "init", "demo", "refusal")


LIGHT = ("check", "score", "lke", "refusal")
ENCODING_ROWS = [pytest.param(encoding, command, id=f"{encoding}-{command}") for encoding in ENCODINGS
                 for command in COMMANDS if command in LIGHT or encoding != "PYTHONIOENCODING=latin-1"]


@pytest.mark.parametrize(("encoding", "command"), ENCODING_ROWS)
def test_a_non_utf8_terminal_gets_replacements_not_a_crash(unit: Path, tmp_path: Path, latin1_locale,
                                                           encoding: str, command: str) -> None:
    env = ENCODINGS[encoding] or latin1_locale
    out = tmp_path / ODD
    entry, argv = printing_commands(unit, out)[command]
    before = snapshot(unit, INPUTS)
    result = run_process("demo" if entry == "demo" else "cli", argv, env=env, cwd=tmp_path)
    no_traceback(result)
    assert "UnicodeEncodeError" not in result.err
    assert result.code == EXPECTED_EXIT.get(command, 0), str(result)
    shown = result.out if command != "refusal" else result.err
    assert shown.strip(), str(result)
    if encoding.startswith("PYTHONIOENCODING"):  # every command prints a path holding "–€" or a report with "…"
        assert "?" in shown or "\\u2013" in shown, str(result)
    assert snapshot(unit, INPUTS) == before


def _closed_pipe() -> int:
    """The write end of a pipe whose reader is already gone (what ``| head -c1`` becomes)."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize("command", COMMANDS[:-1])
def test_a_closed_stdout_ends_quietly_with_exit_2(unit: Path, tmp_path: Path, command: str) -> None:
    entry, argv = printing_commands(unit, tmp_path)[command]
    write = _closed_pipe()
    try:
        proc = subprocess.run([*module_of("demo" if entry == "demo" else "cli"), *argv], stdout=write,
                              stderr=subprocess.PIPE, timeout=300, cwd=tmp_path)
    finally:
        os.close(write)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == b"", proc.stderr  # quiet: nothing to report to a reader that left


@pytest.mark.parametrize("command", COMMANDS[:-1])
def test_a_full_stdout_says_so_in_one_line_and_exits_2(unit: Path, tmp_path: Path, command: str) -> None:
    entry, argv = printing_commands(unit, tmp_path)[command]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*module_of("demo" if entry == "demo" else "cli"), *argv], stdout=full,
                              stderr=subprocess.PIPE, timeout=300, cwd=tmp_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith("galat: keluaran layar tidak dapat ditulis"), err


def test_head_c1_on_a_long_report_has_no_traceback(unit: Path) -> None:
    proc = subprocess.run(["bash", "-c", f'{PY} -m build_tools check --root "$1" --format json --report-only '
                           '| head -c1 >/dev/null; echo "${PIPESTATUS[0]}" >&2', "_", str(unit)],
                          capture_output=True, text=True, timeout=120)
    lines = proc.stderr.strip().splitlines()
    assert lines[-1] in ("0", "2") and "Traceback" not in proc.stderr and len(lines) == 1, proc.stderr


# An unexpected exception anywhere: (entry, module, function, error, arguments)
FAULTS = [
    ("cli", "build_tools.cli", "load_project", "RuntimeError('uji')", ["check"]),
    ("cli", "build_tools.pipeline", "assess_project", "KeyError('kunci')", ["score"]),
    ("cli", "build_tools.pipeline", "assess_answers", "ZeroDivisionError('bagi nol')", ["lke"]),
    ("cli", "build_tools.site.build", "render_site", "AttributeError('atribut')", ["site", "--out", "{tmp}/s"]),
    ("cli", "build_tools.site.serve", "prepare_site", "TypeError('jenis')", ["serve", "--src", "{tmp}/src"]),
    ("cli", "build_tools.bundle.build", "build_bundle", "IndexError('indeks')", ["bundle", "--out", "{tmp}/b.pdf"]),
    ("cli", "build_tools.unit.init", "_write_unit", "ValueError('nilai ✗ €')", ["init", "{tmp}/baru"]),
    ("demo", "build_tools.unit.demo", "populate", "LookupError('cari')", ["--out", "{tmp}/demo"]),
    ("cli", "build_tools.cli", "load_project", "MemoryError()", ["check"]),
    ("cli", "build_tools.cli", "load_project", "RecursionError('dalam')", ["check"]),
    ("cli", "build_tools.cli", "load_project", "OSError(5, 'Input/output error')", ["check"]),
]


def _fault_argv(entry: str, args: list[str], unit: Path, tmp: Path) -> list[str]:
    args = [a.format(tmp=tmp) for a in args]
    if entry == "demo":
        return ["--root", str(unit), *args]
    if args[0] == "init":
        return [*args, "--model", "permenpanrb-90-2021", "--unit", "Uji", "--year", "2026"]
    return [args[0], "--root", str(unit), "--as-of", AS_OF, *args[1:]]


@pytest.mark.parametrize(("entry", "module", "name", "error", "args"), FAULTS,
                         ids=[f"{f[4][0] if f[0] == 'cli' else 'demo'} {f[3].split('(')[0]}" for f in FAULTS])
def test_an_unexpected_exception_prints_one_line_exits_3_and_logs_the_traceback(
        unit: Path, tmp_path: Path, entry, module, name, error, args) -> None:
    # init reads no unit: its log goes to the system temp folder.
    log = (Path(tempfile.gettempdir()) / f"zi-{os.getuid()}-galat-internal.log" if args[0] == "init"
           else unit / "build" / "galat-internal.log")
    log.unlink(missing_ok=True)
    before = snapshot(unit, INPUTS)
    result = run_with_fault(entry, module, name, error, _fault_argv(entry, args, unit, tmp_path),
                            env={"PYTHONIOENCODING": "ascii"})
    assert result.code == 3, str(result)
    no_traceback(result)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("galat internal: ") and str(log) in lines[0], str(result)
    kind = error.split("(")[0]
    assert kind in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and kind in text
    assert snapshot(unit, INPUTS) == before
    assert leftovers(tmp_path, unit) == []  # init's and the demo's workspaces are gone too


def test_the_log_falls_back_to_the_temp_folder_when_the_unit_is_not_writable(unit: Path, tmp_path: Path) -> None:
    if not can_unshare():
        pytest.skip("tidak ada ruang nama mount pribadi (unshare -rm) di mesin ini") if not os.environ.get("CI") \
            else pytest.fail("unshare -rm diperlukan untuk akar unit hanya-baca")
    temp = tmp_path / "temp"
    temp.mkdir()
    (unit / "build").mkdir(exist_ok=True)
    (unit / "build" / "galat-internal.log").unlink(missing_ok=True)
    result = run_with_fault("cli", "build_tools.cli", "load_project", "RuntimeError('uji')",
                            ["check", "--root", str(unit)], env={"TMPDIR": str(temp)},
                            prefix=readonly_prefix(unit))
    logs = list(temp.glob("zi-*-galat-internal.log"))
    assert result.code == 3 and len(logs) == 1 and str(logs[0]) in result.err, str(result)
    assert "RuntimeError: uji" in logs[0].read_text(encoding="utf-8")
    assert not (unit / "build" / "galat-internal.log").exists()


# A read-only unit root: reports to the screen still work; written outputs fail with a message.
READONLY = [
    (["check", "--report-only"], 0, ""),
    (["score"], 0, ""),
    (["lke"], 0, ""),
    (["check", "--report-only", "--out", "{unit}/build/kelengkapan.json"], 2, "tidak dapat ditulis"),
    (["score", "--xlsx", "{unit}/build/penilaian.xlsx"], 2, "tidak dapat ditulis"),
    (["site", "--out", "{unit}/site", "--src", "{unit}/build/site-src"], 2, "tidak dapat ditulis"),
    (["bundle", "--out", "{unit}/build/bundel.pdf"], 2, "tidak dapat ditulis"),
    (["init", "{unit}/baru"], 2, "tidak dapat ditulis"),
]


@UNSHARE
@pytest.mark.parametrize(("args", "code", "message"), READONLY, ids=[" ".join(r[0][:2]) for r in READONLY])
def test_a_read_only_unit_root(unit: Path, args: list[str], code: int, message: str) -> None:
    args = [a.format(unit=unit) for a in args]
    argv = ([*args, "--model", "permenpanrb-90-2021", "--unit", "U", "--year", "2026"]
            if args[0] == "init" else [args[0], "--root", str(unit), "--as-of", AS_OF, *args[1:]])
    before = snapshot(unit, INPUTS)
    proc = subprocess.run([*readonly_prefix(unit), *module_of("cli"), *argv], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr and message in proc.stderr, proc.stderr
    if code == 0:
        assert proc.stdout.strip()
    else:
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("galat: ")
    assert snapshot(unit, INPUTS) == before


@pytest.fixture(scope="module")
def built_site(unit: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A site built once from the unit, and the command that builds it again.

    ``--no-cache``: the inputs do not change, so without it every later run would
    be skipped as unchanged (the fingerprint in the site's marker).
    """
    folder = tmp_path_factory.mktemp("situs")
    argv = ["site", "--root", str(unit), "--as-of", AS_OF, "--out", str(folder / "situs"), "--src",
            str(folder / "src"), "--no-cache"]
    assert run_process("cli", argv).code == 0
    return folder / "situs", argv


@pytest.fixture
def broken_mkdocs(tmp_path: Path) -> dict[str, str]:
    """An installed-but-broken mkdocs: the package fails on import."""
    package = tmp_path / "rusak" / "mkdocs"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise ImportError('mkdocs rusak (uji)')\n", encoding="utf-8")
    return {"PYTHONPATH": str(package.parent)}


def test_a_mkdocs_that_cannot_start_keeps_the_previous_site(unit: Path, built_site, broken_mkdocs) -> None:
    site, argv = built_site
    previous = snapshot(site)
    result = run_process("cli", argv, env=broken_mkdocs)
    assert result.code == 2, str(result)
    no_traceback(result)
    assert result.err.startswith("galat: mkdocs build --strict gagal") and "situs lama tidak diubah" in result.err
    assert "mkdocs rusak (uji)" in result.err  # the one line that says why
    assert snapshot(site) == previous
    assert leftovers(site.parent, unit) == []


def test_serve_with_a_mkdocs_that_cannot_start_exits_2(unit: Path, tmp_path: Path, broken_mkdocs) -> None:
    result = run_process("cli", ["serve", "--root", str(unit), "--as-of", AS_OF, "--src", str(tmp_path / "src"),
                                 "--dev-addr", "127.0.0.1:1"], env=broken_mkdocs, timeout=120)
    assert result.code == 2 and "mkdocs serve berhenti" in result.err, str(result)
    no_traceback(result)


@pytest.mark.parametrize(("allow_broken", "code"), [(False, 2), (True, 0)])
def test_a_libreoffice_that_cannot_start(tmp_path: Path, allow_broken: bool, code: int) -> None:
    unit = tmp_path / "unit"
    (unit / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", unit / "plan.yaml")
    sk_folder(unit).mkdir()
    (sk_folder(unit) / "Notulen.docx").write_bytes(docx_bytes("Notulen"))
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "soffice").write_text("#!/tidak/ada/penerjemah\n", encoding="utf-8")
    (fake / "soffice").chmod(0o755)
    out = tmp_path / "bundel.pdf"
    argv = ["bundle", "--root", str(unit), "--as-of", AS_OF, "--out", str(out), "--no-cache"]
    result = run_process("cli", argv + (["--allow-broken"] if allow_broken else []),
                         env={"PATH": f"{fake}:{os.environ['PATH']}"})
    assert result.code == code, str(result)
    no_traceback(result)
    assert "LibreOffice" in result.out + result.err and "tidak dapat dijalankan" in result.out + result.err
    assert out.is_file() is allow_broken


# A full disk, for real: a tiny tmpfs in a private mount namespace. The first run
# fills it with a good output, a filler takes the rest, the second run (another date, so
# another output) must fail with a message and leave the first output as it was, with no temp left behind.
DISK_FULL = """
unit=$1 mnt=$2 save=$3; shift 3
mount -t tmpfs -o size=$SIZE tmpfs "$mnt"
set +e
"$@" >/dev/null 2>"$save/first.err"; echo $? >"$save/first.code"
cp -a "$mnt/." "$save/before/"
head -c 200M /dev/zero >"$mnt/pengisi" 2>/dev/null
"$@" --as-of 2020-06-30 >/dev/null 2>"$save/second.err"; echo $? >"$save/second.code"
rm -f "$mnt/pengisi"
cp -a "$mnt/." "$save/after/"
"""
DISK_ROWS = [
    ("check", ["check", "--report-only", "--format", "json", "--out", "{mnt}/kelengkapan.json"], "1M"),
    ("score --xlsx", ["score", "--xlsx", "{mnt}/penilaian.xlsx", "--csv", "{mnt}/penilaian.csv"], "1M"),
    ("lke --xlsx", ["lke", "--xlsx", "{mnt}/lke.xlsx", "--out", "{mnt}/lke.txt"], "1M"),
    ("bundle", ["bundle", "--no-cache", "--out", "{mnt}/bundel.pdf"], "2M"),
    ("site", ["site", "--out", "{mnt}/situs", "--src", "{unit}/build/site-src"], "20M"),
    ("check staged in build/", ["check", "--report-only", "--out", "{unit}/build/k.json"], "1M"),
]


@UNSHARE
@pytest.mark.parametrize(("name", "args", "size"), DISK_ROWS, ids=[r[0] for r in DISK_ROWS])
def test_a_full_disk_keeps_the_previous_output(unit: Path, tmp_path: Path, name: str, args: list[str],
                                               size: str) -> None:
    mnt = unit / "build" if "build/" in name else tmp_path / "kecil"
    mnt.mkdir(parents=True, exist_ok=True)
    save = tmp_path / "simpan"
    (save / "before").mkdir(parents=True)
    (save / "after").mkdir()
    args = [a.format(mnt=mnt, unit=unit) for a in args]
    command = [PY, "-m", "build_tools", args[0], "--root", str(unit), "--as-of", AS_OF, *args[1:]]
    before = snapshot(unit, INPUTS)
    subprocess.run(in_namespace(DISK_FULL, str(unit), str(mnt), str(save), *command),
                   env={**os.environ, "SIZE": size}, check=True, timeout=300)
    first, second = (save / "first.code").read_text().strip(), (save / "second.code").read_text().strip()
    err = (save / "second.err").read_text(encoding="utf-8")
    assert first == "0", (save / "first.err").read_text()
    assert second == "2", err
    assert "Traceback" not in err and err.startswith("galat: ") and (
        "No space left on device" in err or "gagal" in err), err
    kept = lambda folder: {k: v for k, v in snapshot(folder).items() if k != "."}  # noqa: E731 - not its mtime
    assert kept(save / "before") == kept(save / "after")
    assert leftovers(save / "after") == [] and not any(p.name.startswith(".zi-tmp-") for p in
                                                         (save / "after").iterdir())
    assert snapshot(unit, INPUTS) == before


@pytest.mark.parametrize("what", ["check --out", "score --csv", "lke --xlsx"])
def test_a_file_size_limit_fails_with_a_message(unit: Path, tmp_path: Path, what: str) -> None:
    """Writes refused by the system (RLIMIT_FSIZE: EFBIG) are a message, and the old output stays."""
    import resource

    command, option = what.split()
    out = tmp_path / f"keluaran{option.replace('--', '.')}"
    argv = ([command, "--root", str(unit), "--as-of", AS_OF, option, str(out), "--no-cache"]
            + (["--report-only", "--format", "json"] if command == "check" else []))
    assert run_process("cli", argv).code == 0
    previous = out.read_bytes()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    result = run_process("cli", [*argv, "--as-of", "2020-06-30"], preexec_fn=limit)
    assert result.code == 2 and "tidak dapat ditulis" in result.err, str(result)
    no_traceback(result)
    assert out.read_bytes() == previous
    assert leftovers(tmp_path, unit) == []


def _wait_for_workspace(area: Path, proc: subprocess.Popen, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in area.glob(f"{atomic.PREFIX}*") if any(p.iterdir())] if area.is_dir() else []
        if found:
            return found[0]
        assert proc.poll() is None, "finished before it could be killed"
        time.sleep(0.02)
    raise AssertionError("no workspace appeared")


@pytest.mark.parametrize("entry", ["site", "demo"])
def test_kill_9_mid_run_keeps_the_previous_output_and_the_next_run_cleans_up(unit: Path, built_site,
                                                                            tmp_path: Path, entry: str) -> None:
    if entry == "site":
        out, args = built_site
        argv = [*module_of("cli"), *args]
    else:
        out = tmp_path / "demo"
        argv = [*module_of("demo"), "--root", str(unit), "--out", str(out)]
        assert subprocess.run(argv, capture_output=True).returncode == 0
    previous = snapshot(out)
    before = snapshot(unit, INPUTS)
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        workspace = _wait_for_workspace(unit / "build", proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert snapshot(out) == previous  # the old output, whole
    assert workspace.exists()  # what the killed run left, in build/ only
    again = subprocess.run(argv, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert not workspace.exists() and leftovers(out.parent, unit) == []
    assert snapshot(unit, INPUTS) == before


def test_a_killed_folder_swap_is_put_back_by_the_next_run(tmp_path: Path) -> None:
    """The two-rename swap killed between its renames: the next run restores the previous output."""
    area, target = tmp_path / "build", tmp_path / "situs"
    stale = area / f"{atomic.PREFIX}999999-uji"
    (stale / "1.old").mkdir(parents=True)
    (stale / "1.old" / "index.html").write_text("situs lama\n", encoding="utf-8")
    (stale / "1.target").write_bytes(os.fsencode(target))
    (stale / atomic.LOCK).write_bytes(b"")
    (stale / "2").mkdir()  # the new output, never moved into place
    assert atomic.clean_leftovers(area) == [stale]
    assert (target / "index.html").read_text(encoding="utf-8") == "situs lama\n"
    assert not stale.exists()


def test_a_live_workspace_is_left_alone(tmp_path: Path) -> None:
    """A workspace whose process still holds its lock is not a leftover."""
    area = tmp_path / "build"
    area.mkdir()
    holder = subprocess.Popen([PY, "-c", "import fcntl, os, sys, time; d = sys.argv[1]; os.makedirs(d); "
                               "fd = os.open(d + '/.lock', os.O_WRONLY | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); "
                               "print('siap', flush=True); time.sleep(60)", str(area / f"{atomic.PREFIX}1-hidup")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        assert atomic.clean_leftovers(area) == []
        assert (area / f"{atomic.PREFIX}1-hidup").is_dir()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert atomic.clean_leftovers(area) == [area / f"{atomic.PREFIX}1-hidup"]


def test_the_writer_itself_never_replaces_a_link_or_a_fifo(tmp_path: Path) -> None:
    """Defence in depth below the guard: a target that became a link or FIFO after the check."""
    real = tmp_path / "asli.txt"
    real.write_text("asli\n", encoding="utf-8")
    (tmp_path / "tautan").symlink_to(real)
    os.mkfifo(tmp_path / "pipa")
    for name in ("tautan", "pipa"):
        with pytest.raises(OutputError, match="tidak akan diganti"):
            atomic.write_text(tmp_path / name, "baru\n")
    assert real.read_text(encoding="utf-8") == "asli\n" and (tmp_path / "tautan").is_symlink()
    assert leftovers(tmp_path) == [] and list(Path(tempfile.gettempdir()).glob(f"{atomic.PREFIX}{os.getpid()}-*")) == []
