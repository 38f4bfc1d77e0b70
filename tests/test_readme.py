"""README stays true: every command is documented, the two set-up commands are there."""

from conftest import REPO

from build_tools.cli import COMMANDS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    missing = [name for name in COMMANDS if f"python -m build_tools {name}" not in README]
    assert missing == []


def test_the_two_setup_commands_are_documented():
    assert "make        # " in README and "make test   # " in README
