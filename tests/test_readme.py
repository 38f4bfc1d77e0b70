"""README stays true: every command is documented, the two set-up commands are there."""

from conftest import REPO

from build_tools.cli import COMMANDS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    missing = [name for name in COMMANDS if f"python -m build_tools {name}" not in README]
    assert missing == []


def test_the_two_setup_commands_are_documented():
    assert "make        # " in README and "make test   # " in README


def test_every_problem_kind_of_the_scanner_is_documented():
    import re

    sources = "".join(p.read_text("utf-8") for p in (REPO / "build_tools" / "evidence").glob("*.py"))
    kinds = set(re.findall(r'(?:problem|Problem)\(\s*"([a-z_]+)"', sources))
    assert {"bad_name", "bad_sidecar", "unreadable_file"} <= kinds
    assert sorted(k for k in kinds if f"`{k}`" not in README) == []
