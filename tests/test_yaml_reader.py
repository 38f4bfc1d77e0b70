"""The YAML reader gives the same nodes, positions and problems through libyaml as through PyYAML.

libyaml only scans and parses (fast, in C, without recursion); the bounded
composer builds the nodes either way, and a text libyaml refuses is read
again by PyYAML, so accepting and wording stay PyYAML's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.core import yamlread

REPO = Path(__file__).resolve().parent.parent

TEXTS = {
    "plain": "a: 1\nb: [x, 'y', \"z\"]\nc:\n- d\n- e: f\n",
    "block scalars": "a: |\n  satu\n  dua\nb: >-\n  tiga\n  empat\n",
    "tab indent": "a:\n\tb: 1\n",
    "colon in value": "a: b: c\n",
    "unclosed list": "a: [1, 2\n",
    "unclosed quote": 'a: "abc\n',
    "control character": "a: b\x01c\n",
    "nul": "a: \x00\n",
    "deep flow": "a: " + "[" * 100 + "]" * 100 + "\n",
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n",
    "alias bomb": "a: &a [1,2,3,4,5,6,7,8,9,0]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcd", "bcde")) + "f: [" + ", ".join(["*e"] * 10) + "]\n",
    "long integer": "a: " + "9" * 5000 + "\n",
    "quoted long integer": "a: '" + "9" * 5000 + "'\n",
    "undefined alias": "a: *nope\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comment only": "# kosong\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\nc: *x\n",
    "python tag": "a: !!python/object:os.system x\n",
    "BOM inside": "a: 1\n\ufeffb: 2\n",
    "YAML 1.3 directive": "%YAML 1.3\n---\na: 1\n",
    "surrogate escape": 'a: "\\ud800"\n',
    "escapes": 'a: "\\e[2J\\a\\v\\x85 \\u2028"\n',
    "NEL line break": "a: b\x85c\n",
    "CRLF": "a: 1\r\nb: 2\r\n",
    "emoji and Indonesian": "judul: Pakta Integritas 😀 — “Bebas KKN”\n",
    "dates stay text": "a: 2020-01\nb: no\nc: 0o17\nd: 1_000\n",
}
TEXTS.update({f"shipped {p.name}": p.read_text("utf-8")
              for p in [REPO / "plan.yaml", *sorted((REPO / "build_tools" / "models").glob("*.yaml"))]})


def _tree(node):
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, marks, [_tree(child) for child in node.value])
    return ("map", node.tag, marks, [(_tree(k), _tree(v)) for k, v in node.value])


def _read(text: str):
    reader = yamlread.Reader(Path("x.yaml"))
    node = reader.compose(text)
    return _tree(node), [(i.location.line, i.location.column, i.message, i.hint) for i in reader.issues]


def test_libyaml_is_used() -> None:
    assert yamlread._FAST is not None, "PyYAML without libyaml: every input is read by the slow scanner"


@pytest.mark.parametrize("name", list(TEXTS))
def test_libyaml_and_pyyaml_read_alike(name: str, monkeypatch) -> None:
    fast = _read(TEXTS[name])
    monkeypatch.setattr(yamlread, "_FAST", None)
    assert fast == _read(TEXTS[name])


@pytest.mark.parametrize("name", ["deep flow", "deep block", "alias bomb", "long integer"])
def test_the_limits_hold_on_the_fast_path(name: str) -> None:
    tree, issues = _read(TEXTS[name])
    assert tree is None and len(issues) == 1 and issues[0][0] > 0


# Every kind of problem PyYAML raises, as a ZI team member makes it: (text, line, words in the message).
PROBLEMS = {
    "colon in a value": ("a: b: c\n", 1, "titik dua"),
    "tab indent": ("a:\n\tb: 1\n", 2, "tab"),
    "at sign first": ("a: @x\n", 1, "'@'"),
    "backtick first": ("a: `x`\n", 1, "'`'"),
    "unclosed quote": ('a: "abc\n', 2, "tanda kutip"),
    "separator in a quote": ("a: 'x\n---\ny'\n", 2, "---"),
    "key without colon": ("- a\nb\n: 1\n", 3, "titik dua"),
    "undefined alias": ("a: *n\n", 1, "*n"),
    "anchor twice": ("a: &x 1\nb: &x 2\n", 2, "jangkar"),
    "two documents": ("a: 1\n---\nb: 2\n", 2, "lebih dari satu dokumen"),
    "text after the end": ("a: 1\n...\nb\n", 3, "akhir dokumen"),
    "unclosed list": ("a: [1, 2\n", 2, "]"),
    "unclosed mapping": ("a: {b: 1\n", 2, "}"),
    "indent out of line": ("a:\n  b: 1\n c: 2\n", 3, "indentasi"),
    "text after a quote": ("a: 'x' y\n", 1, "indentasi"),
    "list item in a mapping": ("a: 1\n- b\n", 2, "indentasi"),
    "unknown escape": ('a: "C:\\qdata"\n', 1, "\\q"),
    "short hex escape": ('a: "\\x4"\n', 1, "\\x"),
    "bad anchor name": ("a: & x\n", 1, "jangkar"),
    "undefined tag handle": ("a: !x!y z\n", 1, "tag"),
    "unclosed verbatim tag": ("a: !<x z\n", 1, "tag"),
    "block indicator zero": ("a: |0\n  x\n", 1, "penanda blok"),
    "two YAML directives": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 2, "direktif"),
    "bad YAML directive": ("%YAML x\n---\na: 1\n", 1, "direktif"),
    "control character": ("a: 1\nb: c\x01d\n", 2, "#x0001"),
    "NUL": ("a: \x00\n", 1, "#x0000"),
}
ENGLISH = __import__("re").compile(
    r"\b(found|expected|allowed|character|while|could|not|but|got|scanning|parsing|stream|token)\b")


@pytest.mark.parametrize("name", list(PROBLEMS))
def test_syntax_problems_are_said_in_indonesian(name: str) -> None:
    text, line, words = PROBLEMS[name]
    _, issues = _read(text)
    assert len(issues) == 1, issues
    at, _col, message, hint = issues[0]
    assert at == line, issues
    assert message.startswith("sintaks YAML tidak sah: ") and words in message, message
    assert not ENGLISH.search(message + " " + hint), message
    assert "sintaks tidak sah" not in message, f"no Indonesian words for this problem: {message}"


def _pyyaml_problems() -> list[str]:
    """Every problem sentence in PyYAML's scanner, parser and composer, its %-fields filled in."""
    import re

    folder = Path(yaml.__file__).parent
    found = set()
    for module in ("scanner.py", "parser.py", "composer.py"):
        source = (folder / module).read_text("utf-8")
        for literal in re.findall(r'"((?:expected|found|could|mapping|sequence|block|but|second|did)[^"]*)"', source):
            found.add(literal.replace("%r", "'x'").replace("%s", "x").replace("%d", "2"))
    return sorted(found)


def test_every_pyyaml_problem_has_indonesian_words() -> None:
    from build_tools.core.yamlwords import problem_words

    problems = _pyyaml_problems()
    assert len(problems) > 30
    assert [p for p in problems if problem_words(p) == "sintaks tidak sah"] == []
