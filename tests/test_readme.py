"""README stays true: every command is documented, the two set-up commands are there."""

from conftest import REPO

from build_tools.cli import COMMANDS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    missing = [name for name in COMMANDS if f"python -m build_tools {name}" not in README]
    assert missing == []


def test_the_two_setup_commands_are_documented():
    assert "make        # " in README and "make test   # " in README


def test_every_environment_variable_read_is_documented() -> None:
    """Every variable the tool, its tests and benchmarks read (os.environ / os.getenv) has a README row."""
    import re

    read = re.compile(r"""(?:environ\.get\(|environ\[|getenv\()\s*(?:["']([A-Z_][A-Z0-9_]*)["']|([A-Z_]+)\b)""")
    names: set[str] = set()
    for folder in ("build_tools", "tests", "benchmarks", "tools"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for literal, constant in read.findall(text):
                if literal:
                    names.add(literal)
                else:  # a module constant naming the variable, e.g. FONT_ENV = "ZI_FONT_DIR"
                    names.update(re.findall(rf"^{constant} = \"([A-Z_][A-Z0-9_]*)\"", text, re.M))
    assert {"ZI_FONT_DIR", "ZI_CHROMIUM", "SOURCE_DATE_EPOCH", "CI"} <= names
    table = README.split("## Variabel lingkungan", 1)[1].split("\n## ", 1)[0]
    standard = {"PATH", "HOME"}  # passed on to child processes by the tests, not settings of the tool
    assert sorted(n for n in names - standard if f"`{n}`" not in table) == []


def test_every_problem_kind_of_the_scanner_is_documented():
    import re

    sources = "".join(p.read_text("utf-8") for p in (REPO / "build_tools" / "evidence").glob("*.py"))
    kinds = set(re.findall(r'(?:problem|Problem)\(\s*"([a-z_]+)"', sources))
    assert {"bad_name", "bad_sidecar", "unreadable_file"} <= kinds
    assert sorted(k for k in kinds if f"`{k}`" not in README) == []
