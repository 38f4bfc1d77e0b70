"""The tool's error family.

Every expected failure is one of these; ``cli.py`` is the only place that
prints them and chooses the exit code. Messages are in Bahasa Indonesia
because they are shown to the unit's ZI team.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.core.escape import shown, shown_name


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column are 1-based (0 = unknown)."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        # A path may hold bytes that are not UTF-8 (shown as \xNN, never a crash).
        if self.line:
            return f"{shown_name(self.path)}:{self.line}:{self.column}"
        return shown_name(self.path)


@dataclass(frozen=True)
class Issue:
    """One problem found in an input file, with what to do about it."""

    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return shown(text)


class ToolError(Exception):
    """Base class: an expected failure reported without a traceback."""

    exit_code = 2

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(ToolError):
    """One or more problems in an input file (plan, reviews, surveys ...).

    All problems are collected before raising, so a user sees every one of
    them in a single run.
    """

    def __init__(self, issues: list[Issue], what: str = "berkas masukan") -> None:
        self.issues = issues
        self.what = what
        super().__init__(f"{len(issues)} masalah di {what}")

    def lines(self) -> list[str]:
        return [f"{len(self.issues)} masalah di {self.what}:"] + [f"  {i}" for i in self.issues]


class PlanError(InputError):
    """The plan (plan.yaml) is invalid."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues, "rencana (plan.yaml)")


class UsageError(ToolError):
    """The command line or an option value is invalid."""


class OutputError(ToolError):
    """An output could not be written."""
