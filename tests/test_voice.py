"""One voice: every entry point's help and the text of check, score and lke read right.

Read on the shipped unit, the demo unit and a fresh ``init`` unit (and the
golden text reports): no English argparse wording, no option a command does
not use, distinct metavariables, one date style, one wording for missing data,
targets as a rise, and no name cut without an ellipsis.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from build_tools import cli
from build_tools.cli import COMMANDS, build_parser, main
from build_tools.models.registry import load_lke_model, load_weighted_model
from build_tools.plan.loader import load_plan

ENGLISH = re.compile(
    r"\b(usage|options|optional arguments|positional arguments|show this help|help message|default|"
    r"invalid|choose from|expected|required|unrecognized|ambiguous|arguments?|error|not allowed)\b", re.I)
"""argparse's own English words (Python 3.11–3.13)."""
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SLASH_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
LONG_DATE = re.compile(r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                       r"November|Desember) \d{4}\b")
NOT_ALL_DATA = re.compile(r"belum ada (?!data\b|berkas\b|kode bukti\b|atau bermasalah\b)|(?<!bulan )belum ada\s*[:;,)]|"
                          r"indeks belum ada|\b0 tahun WTP|belum dinyatakan")
"""Missing data worded any other way than "belum ada data" ("belum ada berkas" is about files)."""
IMPOSSIBLE_TARGET = re.compile(r"perlu (nilai )?[\d.,]+ dari [\d.,]+")
UNIT_OPTIONS = ("--root", "--as-of", "--no-cache")


# ---------------------------------------------------------------------------
# Help
# ---------------------------------------------------------------------------

def _help(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    return capsys.readouterr().out


def _subparser(name: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices[name]


@pytest.mark.parametrize("argv", [["--help"]] + [[name, "--help"] for name in COMMANDS])
def test_every_cli_help_is_indonesian(argv: list[str], capsys) -> None:
    text = _help(argv, capsys)
    assert text.startswith("pemakaian: python -m build_tools")
    assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_lists_only_options_the_command_uses(name: str) -> None:
    """Every option a command's --help lists is read by its function (``args.<dest>``)."""
    func = COMMANDS[name][0]
    source = inspect.getsource(func)
    used = {node.attr for node in ast.walk(ast.parse(inspect.cleandoc("\n" + source)))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "args"}
    options = [a for a in _subparser(name)._actions if a.dest not in ("help",)]
    unused = [a.option_strings or a.dest for a in options if a.dest not in used]
    assert unused == [], f"{name} --help lists options its function never reads"


def test_init_has_no_unit_options(capsys) -> None:
    text = _help(["init", "--help"], capsys)
    for option in UNIT_OPTIONS:
        assert option not in text
    assert "FOLDER_BARU" in text


@pytest.mark.parametrize("name", list(COMMANDS))
def test_metavariables_are_distinct(name: str) -> None:
    metavars = [a.metavar for a in _subparser(name)._actions if a.metavar]
    assert len(metavars) == len(set(metavars)), metavars


def test_serve_help_names_everything_it_watches(capsys) -> None:
    from build_tools.site.serve import watched_state  # noqa: F401  (the watch list lives there)

    text = " ".join(_help(["serve", "--help"], capsys).split())
    for watched in ("plan.yaml", "lke.yaml", "evidence/", "docs/"):
        assert watched in text


@pytest.mark.parametrize("argv", [
    ["nope"], ["check", "--bogus"], ["check", "--format", "xml"], ["check", "--out"],
    ["init", "x", "--model", "m", "--unit", "u", "--year", "abc"], ["init"], ["score", "--as-of", "kemarin"],
    ["bundle", "--a", "publik"],
])
def test_usage_errors_are_indonesian(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: ")
    assert not ENGLISH.search(err.replace("--help", "")), err


OTHER_ENTRY_POINTS = [
    [sys.executable, "-m", "build_tools.unit.demo", "--help"],
    [sys.executable, "tools/lke_tsv_to_yaml.py", "--help"],
] + [[sys.executable, str(p.relative_to(REPO)), "--help"] for p in sorted((REPO / "benchmarks").glob("bench_*.py"))]


@pytest.mark.parametrize("argv", OTHER_ENTRY_POINTS, ids=lambda a: a[-2])
def test_other_entry_points_speak_indonesian(argv: list[str]) -> None:
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pemakaian: ")
    assert not ENGLISH.search(done.stdout), ENGLISH.search(done.stdout)
    wrong = subprocess.run(argv[:-1] + ["--tidak-ada"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and wrong.stderr.startswith("galat: "), wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_test_skip_reasons_are_in_one_language() -> None:
    """Every skip/fail reason in the tests is Indonesian (as the rest of the tool's words)."""
    english = re.compile(r"\b(is|are|not|installed|cannot|test|tests|dependency|missing|run)\b")
    found = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in ("skip", "skipif", "importorskip", "fail", "unavailable", "_unavailable", "xfail"):
                continue
            texts = [kw.value for kw in node.keywords if kw.arg in ("reason", "msg")] + list(node.args)
            for value in texts:
                for const in ast.walk(value):
                    if (isinstance(const, ast.Constant) and isinstance(const.value, str)
                            and english.search(re.sub(r"\(.*?\)", "", const.value))):
                        found.append(f"{path.name}:{node.lineno}: {const.value}")
    assert found == []


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------

def _vocabulary_and_names(plans, models) -> tuple[set[str], set[str]]:
    """Every word the reports may print whole, and every name they print in columns."""
    names: set[str] = set()
    for plan in plans:
        for area in plan.areas:
            names.add(area.name)
            for component in area.components:
                names.add(component.name)
        names.update(item.title for item in plan.evidence)
    for model in models:
        names.update(_texts(model))
        names.update(q.text.splitlines()[0] for q in getattr(model, "questions", ()))
    names = {" ".join(n.split()) for n in names if n}
    sources = [REPO / "build_tools" / p for p in ("reports/check.py", "reports/score.py", "reports/score_text.py",
                                                  "assess/weighted_view.py", "assess/lke_view.py",
                                                  "assess/readiness.py", "core/words.py", "core/numbers.py",
                                                  "assess/lke_evidence.py", "models")]
    texts = list(names)  # kept apart: a name glued to a file's first word made a false "cut" (set order varies)
    for source in sources:
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        texts += [f.read_text(encoding="utf-8") for f in files if f.suffix in (".py", ".yaml")]
    return {_word(t) for text in texts for t in text.split()}, names


def _texts(node, depth: int = 0):
    """Every ``name``, ``label`` and first line of ``text`` in a model's data classes."""
    if depth > 24:
        return
    if isinstance(node, (tuple, list)):
        for child in node:
            yield from _texts(child, depth + 1)
    elif dataclasses.is_dataclass(node):
        for field in dataclasses.fields(node):
            value = getattr(node, field.name)
            if field.name in ("name", "label", "text") and isinstance(value, str) and value:
                yield value.splitlines()[0] if field.name == "text" else value
            elif isinstance(value, (tuple, list)) or dataclasses.is_dataclass(value):
                yield from _texts(value, depth + 1)
            elif isinstance(value, dict):
                yield from _texts(list(value.values()), depth + 1)


_LEADING = re.compile(r"[✓✗◐·?+\-\[\]A-Z]{0,4}|[\w.:]*\d[\w.:%,/]*|[IVX]+(\.[\w.]+)?\.?|[A-Z](\.[\w]+)+")


def _word(token: str) -> str:
    return token.strip("()[]{}\"'`,.;:!?*").lower()


def cut_names(text: str, vocabulary: set[str], names: set[str]) -> list[str]:
    """Places where a name is cut without an ellipsis.

    A table cell ends where two spaces (or the line) end it. A cell ending in a
    word fragment (``Beba`` of ``Bebas``), or in the first words of a name
    whose next words neither follow on the next line (wrapped) nor are replaced
    by ``…``, is a cut.
    """
    lines = text.splitlines()
    whole = vocabulary | {_word(t) for line in lines for seg in re.split(r"\s{2,}", line)
                          for t in seg.split()[:-1]}
    heads = {}
    for name in names:
        parts = name.split()
        for k in range(2, len(parts)):
            heads.setdefault(" ".join(parts[:k]), parts[k])
    found = []
    for n, line in enumerate(lines):
        following = lines[n + 1].strip() if n + 1 < len(lines) else ""
        for segment in re.split(r"\s{2,}", line.strip()):
            tokens = segment.split()
            if not tokens or segment.endswith("…"):
                continue
            last = _word(tokens[-1])
            if (len(last) >= 2 and not any(c.isdigit() for c in last) and last not in whole
                    and any(w.startswith(last) and w != last for w in vocabulary)):
                found.append(f"{line.strip()!r}: '{tokens[-1]}' is cut mid-word")
                continue
            while tokens and _LEADING.fullmatch(tokens[0]):
                tokens = tokens[1:]  # marks, codes and figures before the name
            candidate = " ".join(tokens)
            if candidate in heads and candidate not in names and not following.startswith(heads[candidate]):
                found.append(f"{line.strip()!r}: '{candidate}' is cut (next: {heads[candidate]!r})")
    return found


def _plans_and_models():
    plans = [load_plan(REPO / "plan.yaml")]
    models = [load_weighted_model("permenpanrb-10-2019"), load_lke_model("permenpanrb-90-2021")]
    return plans, models


def test_cut_detector_finds_the_cuts_the_old_reports_made(vocabulary) -> None:
    """The detector itself: the issue's examples are found, their fixed forms pass."""
    vocabulary, names = vocabulary
    old = ("  B.1  Terwujudnya Pemerintahan yang Bersih dan Beba  11,72 /  20,00\n"
           "    B.I.a Nilai Survey Persepsi Korupsi (Survei Ekst   17,50   15,84\n"
           "         Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan publik yang\n")
    assert len(cut_names(old, vocabulary, names)) == 3
    new = ("  B.1  Terwujudnya Pemerintahan yang Bersih dan       11,72 /  20,00\n"
           "       Bebas KKN\n"
           "    B.I.a Nilai Survey Persepsi Korupsi (Survei        17,50   15,84\n"
           "          Eksternal)\n"
           "         Implementasi SPBE telah terintegrasi dan mampu mendorong pelaksanaan pelayanan publik…\n")
    assert cut_names(new, vocabulary, names) == []


@pytest.fixture(scope="module")
def units(tmp_path_factory) -> dict[str, tuple[Path, str, tuple[str, ...]]]:
    """name → (root, as-of date, commands whose text is read)."""
    from build_tools.unit.demo import make_demo

    base = tmp_path_factory.mktemp("voice")
    demo = base / "demo"
    make_demo(REPO, demo)
    (demo / "evidence" / "I.1.a SK Tim Kerja" / ".DS_Store").write_bytes(b"\0")
    empty = next((demo / "evidence").glob("II.1.a*")) / "kosong.pdf"
    empty.write_bytes(b"")
    fresh = base / "baru"
    assert main(["init", str(fresh), "--model", "permenpanrb-90-2021", "--unit", "Balai Baru", "--year", "2026"]) == 0
    return {
        "shipped": (REPO, "2026-12-01", ("check", "score")),
        "demo": (demo, "2020-09-15", ("check", "score", "lke")),
        "init": (fresh, "2026-08-15", ("check", "score", "lke")),
    }


def _reports(units) -> list[tuple[str, str]]:
    return [(name, command) for name, (_, _, commands) in units.items() for command in commands]


@pytest.fixture(scope="module")
def texts(units) -> dict[tuple[str, str], str]:
    import contextlib
    import io

    out = {}
    for name, command in _reports(units):
        root, as_of, _ = units[name]
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = main([command, "--root", str(root), "--as-of", as_of]
                        + (["--report-only"] if command == "check" else []))
        assert code == 0, (name, command)
        out[name, command] = buffer.getvalue()
    for path in sorted((REPO / "tests" / "golden").glob("*/*.text")):
        out["golden-" + path.parent.name, path.stem] = path.read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def vocabulary(units):
    plans, models = _plans_and_models()
    plans.append(load_plan(units["init"][0] / "plan.yaml"))
    return _vocabulary_and_names(plans, models)


KEYS = [(u, c) for u, cs in {"shipped": ("check", "score"), "demo": ("check", "score", "lke"),
                             "init": ("check", "score", "lke")}.items() for c in cs]
KEYS += [("golden-guideline", c) for c in ("check", "score", "lke")]
KEYS += [("golden-lke", c) for c in ("check", "score", "lke")]


@pytest.mark.parametrize("key", KEYS, ids=lambda k: "-".join(k))
def test_reports_speak_with_one_voice(key, texts, vocabulary) -> None:
    text = texts[key]
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not SLASH_DATE.search(text)
    assert LONG_DATE.search(text), "every report says as of when"
    assert not NOT_ALL_DATA.search(text), NOT_ALL_DATA.search(text)
    assert not IMPOSSIBLE_TARGET.search(text), IMPOSSIBLE_TARGET.search(text)
    assert cut_names(text, *vocabulary) == []
    assert "GAGAL" not in text, "a report-only run does not print a failure"


def test_no_data_reads_the_same_in_score_and_lke(texts) -> None:
    shipped = texts["shipped", "score"]
    assert "Opini BPK atas laporan keuangan instansi Wajar Tanpa Pengecualian (WTP): belum ada data" in shipped
    assert "(belum ada data survei)" in shipped and "(belum ada data TLHP)" in shipped
    fresh = texts["init", "lke"]
    assert "Indeks Persepsi Anti Korupsi (IPAK): belum ada data survei, syarat ≥ 15,75" in fresh
    assert "; belum ada data" in fresh  # the submission criteria not yet declared


def test_files_a_command_cannot_use_are_named_on_the_console(texts, units) -> None:
    for command in ("check", "score", "lke"):
        text = texts["demo", command]
        assert "I.1.a SK Tim Kerja/.DS_Store" in text, command
        assert "kosong.pdf" in text, command
    assert "kosong.pdf: berkas kosong (0 bita); ganti dengan berkas yang benar" in texts["demo", "score"]


def test_site_names_what_it_leaves_out(units, tmp_path: Path, capsys) -> None:
    demo = units["demo"][0]
    assert main(["site", "--root", str(demo), "--as-of", "2020-09-15", "--out", str(tmp_path / "site"),
                 "--src", str(tmp_path / "src")]) == 0
    out = capsys.readouterr().out
    assert "kosong.pdf: berkas kosong (0 bita)" in out and ".DS_Store" in out
    # restricted files: counted per code, never named (a CI log may be public)
    assert re.search(r"\d+ berkas terbatas tidak disertakan untuk audiens publik", out)
    assert "Rekap" not in out


def test_strict_check_still_says_gagal(units, capsys) -> None:
    root, as_of, _ = units["demo"]
    assert main(["check", "--root", str(root), "--as-of", as_of]) == 1
    assert "Hasil: GAGAL" in capsys.readouterr().out


def test_cli_keeps_its_help_plumbing_small() -> None:
    """The Indonesian argparse lives in core (shared by every entry point), not in cli.py."""
    assert cli.Parser.__module__ == "build_tools.core.cliparse"


def test_lke_on_the_shipped_unit_says_what_is_missing(capsys) -> None:
    """The shipped unit has no lke.yaml: lke says so in Indonesian and exits 2."""
    assert main(["lke", "--root", str(REPO), "--as-of", "2020-09-15"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: ") and "lke.yaml" in err and "tidak ditemukan" in err
    assert not ENGLISH.search(err.replace("--answers", "").replace("--help", ""))
