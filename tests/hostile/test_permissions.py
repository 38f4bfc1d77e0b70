"""Publishing works as documented (issue 10, item 7).

* every output gets the modes of ordinary new files: 0644/0755 under umask 022,
  0640/0750 under 027 (a replaced output keeps its own mode);
* the unit's ``.gitignore`` (and this repository's) covers the reviewer site
  and every temp folder;
* two builds of the same output at once both succeed, as real processes.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from guard_support import (
    AS_OF,
    INPUTS,
    REPO,
    leftovers,
    make_unit,
    module_of,
    run_in_process,
    snapshot,
    wrong_modes,
)

from build_tools.core import atomic

# (label, arguments with {unit} and {out}, outputs to inspect relative to {out})
OUTPUTS = [
    ("check --out", ["check", "--report-only", "--format", "json", "--out", "{out}/k.json"], ["k.json"]),
    ("score --out --xlsx --csv", ["score", "--format", "json", "--out", "{out}/p.json", "--xlsx", "{out}/p.xlsx",
                                  "--csv", "{out}/p.csv"], ["p.json", "p.xlsx", "p.csv"]),
    ("lke --out --xlsx", ["lke", "--out", "{out}/l.txt", "--xlsx", "{out}/l.xlsx"], ["l.txt", "l.xlsx"]),
    ("bundle --out", ["bundle", "--out", "{out}/b.pdf"], ["b.pdf"]),
    ("site --out", ["site", "--out", "{out}/situs", "--src", "{out}/../sumber"], ["situs"]),
    ("init FOLDER", ["init", "{out}/unit-baru"], ["unit-baru"]),
    ("demo --out", ["demo", "--out", "{out}/demo"], ["demo"]),
]


def _argv(args: list[str], unit: Path, out: Path) -> tuple[str, list[str]]:
    """(entry, arguments) of one row."""
    args = [a.format(unit=unit, out=out) for a in args]
    if args[0] == "demo":
        return "demo", ["--root", str(unit), *args[1:]]
    if args[0] == "init":
        return "cli", [*args, "--model", "permenpanrb-90-2021", "--unit", "Uji", "--year", "2026"]
    return "cli", [args[0], "--root", str(unit), "--as-of", AS_OF, *args[1:]]


def _command(args: list[str], unit: Path, out: Path) -> list[str]:
    entry, argv = _argv(args, unit, out)
    return [*module_of(entry), *argv]


def _run(command: list[str], umask: int, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300,
                          preexec_fn=lambda: os.umask(umask))


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_unit(tmp_path_factory.mktemp("izin") / "unit")


@pytest.mark.parametrize(("label", "args", "outputs"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_outputs_follow_the_umask_like_ordinary_new_files(unit: Path, tmp_path: Path, label: str, args: list[str],
                                                          outputs: list[str]) -> None:
    """Under umask 027: 0640/0750 (umask 022, 0644/0755, is checked for every output by the walk test)."""
    out = tmp_path / "keluaran"
    before = snapshot(unit, INPUTS)
    result = run_in_process(*_argv(args, unit, out), cwd=tmp_path, umask=0o027)
    assert result.code == 0, str(result)
    for name in outputs:
        assert (out / name).exists()
        assert wrong_modes(out / name, 0o027) == []
    assert leftovers(tmp_path, unit) == []
    assert snapshot(unit, INPUTS) == before


@pytest.mark.parametrize(("args", "name", "mode"), [
    (["check", "--report-only", "--out", "{out}/k.json"], "k.json", 0o600),
    (["score", "--csv", "{out}/p.csv"], "p.csv", 0o640),
    (["site", "--out", "{out}/situs", "--src", "{out}/../sumber"], "situs", 0o750),
], ids=["check --out", "score --csv", "site --out"])
def test_a_replaced_output_keeps_its_own_mode(unit: Path, tmp_path: Path, args, name: str, mode: int) -> None:
    out = tmp_path / "keluaran"
    command = _command(args, unit, out)
    assert _run(command, 0o022, tmp_path).returncode == 0
    (out / name).chmod(mode)
    proc = _run([*command, "--as-of", "2020-06-30"], 0o022, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((out / name).stat().st_mode) == mode


IGNORED = ["site/", "site-penilai/", "build/", "build/galat-internal.log", f"build/{atomic.PREFIX}123-abc/",
           f"{atomic.PREFIX}123-abc/", f"laporan/{atomic.PREFIX}9-x/", ".cache/", ".venv/"]


def _ignored(repo: Path, paths: list[str]) -> list[str]:
    proc = subprocess.run(["git", "-C", str(repo), "check-ignore", "--no-index", "--stdin"], input="\n".join(paths),
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.splitlines()


def test_the_unit_gitignore_covers_the_reviewer_site_and_every_temp_folder(tmp_path: Path) -> None:
    unit = tmp_path / "u"
    proc = subprocess.run([*module_of("cli"), "init", str(unit), "--model", "permenpanrb-90-2021", "--unit", "Uji",
                           "--year", "2026"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    subprocess.run(["git", "init", "-q", str(unit)], check=True)
    assert _ignored(unit, IGNORED) == IGNORED
    assert _ignored(unit, ["plan.yaml", "lke.yaml", "evidence/x.pdf", "docs/tentang.md"]) == []


def test_the_repository_gitignore_covers_them_too() -> None:
    wanted = [*IGNORED, "demo/"]
    assert _ignored(REPO, wanted) == wanted
    assert _ignored(REPO, ["plan.yaml", "evidence/x.pdf", "build_tools/cli.py"]) == []


# Two (or three) real processes building the same output at the same moment.
CONCURRENT = [
    ("site", ["site", "--out", "{out}/situs", "--src", "{out}/sumber"], "situs", 2),
    ("check --out", ["check", "--report-only", "--format", "json", "--out", "{out}/k.json"], "k.json", 3),
]


@pytest.mark.parametrize(("label", "args", "name", "count"), CONCURRENT, ids=[c[0] for c in CONCURRENT])
def test_builds_of_the_same_output_at_once_all_succeed(tmp_path: Path, label: str, args, name: str,
                                                       count: int) -> None:
    unit = make_unit(tmp_path / "unit")
    out = tmp_path / "keluaran"
    command = _command(args, unit, out)
    if name != "situs":  # files: both replace a previous one; the site: one creates it, the other replaces it
        assert subprocess.run(command, capture_output=True).returncode == 0
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(count)]
    results = [(p.wait(timeout=300), p.communicate()) for p in procs]
    for code, (_, err) in results:
        assert code == 0 and "tidak dapat diganti" not in err, err
    target = out / name
    if name == "situs":
        assert (target / "index.html").is_file() and (target / ".zi-situs").is_file()
    else:
        assert target.stat().st_size > 0
    assert leftovers(tmp_path) == [] and not list((unit / "build").glob(f"{atomic.PREFIX}*"))
    shutil.rmtree(out)
