"""The READMEs' set-up and publishing commands, run as written where they can run offline.

A fresh ``init`` unit runs the unit Makefile's whole job once (check, score, bundles, site) (``-o
.venv/.installed`` skips only the pip step: tests fetch nothing; ``.venv`` is a
link to this test run's own virtual environment). On it: the closing message
of ``make``, ``make clean``, ``make ROOT=…`` from the tool repository, the
machine checks, the first-run commands, and both publishing recipes (git push
to a local bare repository, rsync to a local folder).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from build_tools.cli import main
from build_tools.unit import needs
from build_tools.unit.readme import (
    FIRST_RUN,
    GITHUB_URL,
    GLOSSARY,
    PUBLISHING,
    SERVER_TARGET,
    SYSTEM_NEEDS,
)

AS_OF = "2026-08-15"
TOOL_README = (REPO / "README.md").read_text(encoding="utf-8")


def _body(block: str) -> str:
    """A shared README block without its heading line (the heading level differs)."""
    return block.split("\n", 1)[1]


def _code_blocks(markdown: str, after: str) -> list[str]:
    """The ```sh blocks of the section that starts at the heading ``after``."""
    section = markdown.split(after, 1)[1]
    section = re.split(r"\n#{1,4} ", section, maxsplit=1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def _make(cwd: Path, *targets: str, env: dict | None = None, **variables: str) -> subprocess.CompletedProcess:
    args = ["make", "-o", ".venv/.installed", *targets, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recipes") / "zi-balai"
    assert main(["init", str(root), "--model", "permenpanrb-90-2021", "--unit", "Balai Resep", "--year", "2026"]) == 0
    (root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def made(unit: Path) -> tuple[Path, subprocess.CompletedProcess, set[str]]:
    """The unit after ``make``, its output, and the files ``init`` had written."""
    before = {p.relative_to(unit).as_posix() for p in unit.rglob("*") if ".venv" not in p.parts}
    result = _make(unit, AS_OF=AS_OF)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return unit, result, before


def test_both_readmes_share_the_setup_glossary_and_publishing_blocks(unit: Path) -> None:
    unit_readme = (unit / "README.md").read_text(encoding="utf-8")
    for block in (SYSTEM_NEEDS, FIRST_RUN, GLOSSARY, PUBLISHING):
        assert _body(block) in TOOL_README, block.splitlines()[0]
        assert block in unit_readme, block.splitlines()[0]
    for package in ("python3-venv", "fonts-dejavu-core", "libreoffice-writer-nogui", "libreoffice-calc-nogui",
                    "libreoffice-impress-nogui", "WSL"):
        assert package in SYSTEM_NEEDS
    for term in ("pengungkit", "hasil", "TLHP", "IPAK", "IPKP", "jatuh tempo"):
        assert f"| {term} |" in GLOSSARY
    for mention in ("bundel-publik.pdf", "penilaian.csv", "DejaVu", "LibreOffice"):
        assert mention in unit_readme


def test_make_says_what_it_wrote_and_what_to_open(made) -> None:
    root, result, _ = made
    out = result.stdout
    assert "GAGAL" not in out, "make only reports; it did not fail"
    assert "Hasil: BELUM LENGKAP" in out
    closing = out.split("Selesai. Ditulis:", 1)[1]
    written = re.findall(r"((?:build|site)/[\w./-]*)", closing)
    assert len(written) >= 8
    for path in written:
        assert (root / path).exists(), path
    assert "Buka site/index.html di peramban" in closing
    assert list((root / "site" / "unduh").glob("*.pdf")), "the site links the public bundle"
    assert ".venv/bin/python -m build_tools --help" in closing


def test_machine_needs_are_checked_before_any_long_step(unit: Path) -> None:
    plan = subprocess.run(["make", "-n", "-o", ".venv/.installed"], cwd=unit, capture_output=True, text=True,
                          check=True).stdout.splitlines()
    first_needs = next(i for i, line in enumerate(plan) if "build_tools.unit.needs" in line)
    first_tool = next(i for i, line in enumerate(plan) if "-m build_tools " in line)
    assert first_needs < first_tool


def _fake_python(tmp_path: Path, name: str, prelude: str) -> Path:
    """A Python that runs ``-c`` and ``-m`` like python3, after ``prelude`` (simulating a machine)."""
    script = tmp_path / name
    script.write_text(f"""#!{sys.executable}
import os, runpy, sys
{prelude}
args = sys.argv[1:]
if args[0] == "-c":
    sys.argv = ["-c"] + args[2:]
    exec(args[1])
elif args[0] == "-m":
    sys.path.insert(0, os.getcwd())
    sys.argv = [args[1]] + args[2:]
    runpy.run_module(args[1], run_name="__main__", alter_sys=True)
""", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("target", "prelude", "message"), [
    ("needs-python", "sys.version_info = (3, 9, 2, 'final', 0); sys.version = '3.9.2 (uji)'",
     "perlu: Python 3.11 atau lebih baru (ada 3.9.2"),
    ("needs-python", "sys.modules['ensurepip'] = None", "perlu: modul venv Python"),
    ("needs-bundle", "import build_tools.bundle.fonts as f; f.SYSTEM_DIRS = ()", "perlu: huruf DejaVu Sans"),
])
def test_a_missing_need_stops_make_with_one_clear_message(unit: Path, tmp_path: Path, target: str, prelude: str,
                                                          message: str) -> None:
    fake = _fake_python(tmp_path, "python-uji", prelude)
    # needs-python runs only while .venv/ does not exist; needs-bundle uses .venv's Python when it does.
    result = _make(unit, target, env={"ZI_FONT_DIR": ""}, PYTHON=str(fake),
                   PY=str(fake) if target == "needs-bundle" else str(tmp_path / "no-venv" / "python"))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("perlu: ")]
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert "Kebutuhan sistem" in lines[0] and "Traceback" not in result.stderr


def test_needs_print_one_message_each(monkeypatch, capsys) -> None:
    import build_tools.bundle.fonts as fonts

    monkeypatch.setitem(sys.modules, "ensurepip", None)
    monkeypatch.setattr(fonts, "SYSTEM_DIRS", ())
    monkeypatch.delenv("ZI_FONT_DIR", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert needs.main(["venv", "fonts", "office"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in err] == ["perlu", "perlu", "catatan"]
    assert "python3-venv" in err[0] and "fonts-dejavu-core" in err[1] and "libreoffice-writer-nogui" in err[2]


def test_libreoffice_is_advice_not_a_stop(monkeypatch, capsys) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert needs.main(["office"]) == 0
    assert capsys.readouterr().err.startswith("catatan: LibreOffice tidak ditemukan")
    assert needs.main(["nope"]) == 2


def test_first_run_commands_work_as_written(made) -> None:
    root, _, _ = made
    blocks = re.findall(r"```sh\n(.*?)```", FIRST_RUN, re.S)
    assert len(blocks) == 2
    for line in blocks[0].strip().splitlines():
        done = subprocess.run(["bash", "-c", line], cwd=root, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), (line, done.stderr)  # check exits 1 while evidence is late
        assert "Traceback" not in done.stderr
        expected = "pemakaian: " if "--help" in line else "Kelengkapan bukti Zona Integritas — Balai Resep"
        assert done.stdout.startswith(expected), line
    done = subprocess.run(["bash", "-c", blocks[1]], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Penilaian mandiri LKE Zona Integritas — Balai Resep")


def test_github_pages_recipe_publishes_main(made, tmp_path: Path) -> None:
    """The README's git commands, as written, against a local bare repository, on a machine
    whose git has no configuration (its first branch is then ``master``)."""
    root, _, _ = made
    workflow = yaml.safe_load((root / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    branches = workflow[True]["push"]["branches"]  # YAML 1.1 reads the key `on` as True
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(bare)], check=True)
    clone = tmp_path / "unit"
    shutil.copytree(root, clone, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PATH": os.environ["PATH"], "LANG": "C"}
    for readme in (TOOL_README, (root / "README.md").read_text(encoding="utf-8")):
        shutil.rmtree(clone / ".git", ignore_errors=True)
        (recipe,) = [b for b in _code_blocks(readme, "Menerbitkan situs\n") if "git push" in b]
        script = recipe.replace(GITHUB_URL, str(bare))
        assert script != recipe, "the recipe names the placeholder remote"
        done = subprocess.run(["bash", "-ec", script], cwd=clone, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        heads = subprocess.run(["git", "--git-dir", str(bare), "for-each-ref", "--format=%(refname:short)",
                                "refs/heads"], capture_output=True, text=True, check=True, env=env).stdout.split()
        assert heads == ["main"] and set(heads) <= set(branches)
        tree = subprocess.run(["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "main"],
                              capture_output=True, text=True, check=True, env=env).stdout.splitlines()
        for needed in ("plan.yaml", "lke.yaml", "Makefile", ".github/workflows/publish.yml", "build_tools/cli.py"):
            assert needed in tree
        assert not [p for p in tree if p.split("/")[0] in ("build", "site", ".venv", ".cache")]
        subprocess.run(["git", "--git-dir", str(bare), "update-ref", "-d", "refs/heads/main"], check=True, env=env)


def test_server_recipe_copies_the_public_site(made, tmp_path: Path) -> None:
    root, _, _ = made
    (recipe,) = [b for b in _code_blocks(TOOL_README, "Menerbitkan situs\n") if "rsync" in b]
    target = tmp_path / "www" / "zi"
    target.mkdir(parents=True)
    (target / "lama.pdf").write_text("berkas yang sudah tidak ada di situs")
    for line in recipe.strip().splitlines():
        if line.startswith("make"):
            done = _make(root, *line.split()[1:], AS_OF=AS_OF)
        else:
            done = subprocess.run(["bash", "-c", line.replace(SERVER_TARGET, f"{target}/")], cwd=root,
                                  capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (line, done.stderr[-2000:])
    assert (target / "index.html").is_file() and not (target / "lama.pdf").exists()


def test_make_root_writes_into_that_units_own_folders(made) -> None:
    root, _, _ = made
    repo_build = REPO / "build" / "kelengkapan.json"
    stamp = repo_build.stat().st_mtime_ns if repo_build.exists() else None
    (root / "build" / "kelengkapan.json").unlink()
    done = subprocess.run(["make", "-o", ".venv/.installed", "report", f"ROOT={root}", f"AS_OF={AS_OF}",
                           f"PY={sys.executable}"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (root / "build" / "kelengkapan.json").is_file()
    assert (repo_build.stat().st_mtime_ns if repo_build.exists() else None) == stamp
    dry = subprocess.run(["make", "-n", "-o", ".venv/.installed", f"ROOT={root}"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert f"--out {root}/site " in dry and f"--src {root}/build/site-src" in dry
    assert f"Buka {root}/site/index.html" in dry


def test_the_reviewer_site_never_lands_in_the_published_folder(made) -> None:
    root, _, _ = made
    public = (root / "site" / "index.html").stat().st_mtime_ns
    done = _make(root, "site", AUDIENCE="penilai", AS_OF=AS_OF)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (root / "site-penilai" / "index.html").is_file()
    assert (root / "site" / "index.html").stat().st_mtime_ns == public


def test_make_clean_removes_everything_make_made(made) -> None:
    root, _, before = made
    (root / "zi_build_tools.egg-info").mkdir()  # what `pip install -e .` leaves
    (root / "zi_build_tools.egg-info" / "PKG-INFO").write_text("x")
    done = _make(root, "clean")
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(root).as_posix() for p in root.rglob("*") if ".venv" not in p.parts}
    assert after == before, sorted(after ^ before)[:20]
    assert (root / ".venv").exists(), ".venv/ stays (make distclean removes it)"


def test_readme_timings_say_where_they_were_measured() -> None:
    section = TOOL_README.split("## Ukuran waktu\n", 1)[1].split("\n## ", 1)[0]
    assert "klon bersih" in section and "2 inti" in section and "cermin PyPI lokal" in section
    assert re.search(r"\d{1,2} \w+ 20\d\d", section), "the date of the measurement"
    for anchor in re.findall(r"\]\(#([\w-]+)\)", TOOL_README):
        headings = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
                    for h in re.findall(r"^#+ (.*)$", TOOL_README, re.M)}
        assert anchor in headings, anchor


@pytest.mark.parametrize("which", ["tool", "unit"])
def test_install_prints_no_packaging_banner(which: str, unit: Path, tmp_path: Path) -> None:
    """``make``'s ``pip install --quiet -e .``, offline: no warning or deprecation banner
    from the build backend (setuptools' editable-install banner was one).

    Into a throwaway prefix; ``--ignore-installed`` keeps pip from uninstalling the
    tool from the environment running the tests.
    """
    source = tmp_path / "src"
    if which == "tool":
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(REPO / name, source / name)
        shutil.copytree(REPO / "build_tools", source / "build_tools",
                        ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copytree(unit, source, ignore=shutil.ignore_patterns(".venv", "build", "site", ".cache",
                                                                     "__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "--isolated", "install", "--quiet", "--no-build-isolation",
                           "--no-deps", "--no-index", "--ignore-installed", "-e", ".", "--prefix", str(tmp_path / "prefix")],
                          cwd=source, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    output = done.stdout + done.stderr
    assert not re.search(r"warning|deprecat|careful|!!", output, re.I), output[-2000:]


@pytest.mark.parametrize("checks", [["venv"], ["fonts"], ["office"], ["venv", "fonts", "office"]])
def test_needs_run_on_a_python_without_the_dependencies(checks: list[str]) -> None:
    """`make`'s first step on a fresh clone runs with the system Python: standard library only.

    ``-S`` leaves site-packages (pikepdf, yaml …) out, as on a machine where
    nothing is installed yet; the check still answers, never with a traceback.
    """
    done = subprocess.run([sys.executable, "-S", "-m", "build_tools.unit.needs", *checks], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert "Traceback" not in done.stderr and "ModuleNotFoundError" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
