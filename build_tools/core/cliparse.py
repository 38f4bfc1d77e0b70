"""argparse in Bahasa Indonesia, for every entry point of the tool.

``python -m build_tools``, ``python -m build_tools.unit.demo``, the benchmarks
and the developer tools build their parsers with :class:`Parser`: headings,
the help option and argparse's own error messages are in Indonesian, and an
error raises :class:`~build_tools.core.errors.UsageError` (exit 2, no
traceback) instead of printing English and exiting.
"""

from __future__ import annotations

import argparse
import re

from build_tools.core.errors import UsageError

_MESSAGES = (
    (r"argument PERINTAH: invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"perintah '\1' tidak dikenal (pilih salah satu: \2)"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
     r"argumen \1: pilihan '\2' tidak sah (pilih salah satu: \3)"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?",
     r"argumen \1: nilai '\3' tidak sah (harus berupa bilangan)"),
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): expected one argument", r"argumen \1 memerlukan satu nilai"),
    (r"argument (\S+): expected at most one argument", r"argumen \1 menerima paling banyak satu nilai"),
    (r"argument (\S+): ignored explicit argument '(.*)'", r"argumen \1 tidak menerima nilai '\2'"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argumen \1 tidak boleh dipakai bersama \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"pilihan \1 ambigu: bisa berarti \2"),
    (r"one of the arguments (.*) is required", r"salah satu argumen ini wajib: \1"),
    (r"invalid choice: '?([^' ]*)'?.*", r"perintah '\1' tidak dikenal"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
)
"""argparse's English error messages (Python 3.11–3.13) and their Indonesian wording."""


def indonesian(message: str) -> str:
    """argparse's error ``message`` in Indonesian (unknown messages pass through)."""
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        # argparse passes prefix="" when it computes a sub-command's name.
        return super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)


class RawFormatter(argparse.RawDescriptionHelpFormatter, Formatter):
    """:class:`Formatter` that keeps the description's own line breaks."""


class Parser(argparse.ArgumentParser):
    """argparse with help in Indonesian and errors raised (worded in Indonesian) instead of exit."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{indonesian(message)}. Lihat: {self.prog} --help")


def run(main, argv=None) -> int:
    """Run ``main(argv)`` the way every entry point does: a usage or tool error is one
    Indonesian line on stderr and its exit code, never a traceback."""
    import sys

    from build_tools.core.errors import ToolError

    try:
        return main(argv)
    except ToolError as exc:
        first, *rest = exc.lines()
        print(f"galat: {first}", file=sys.stderr)
        for line in rest:
            print(line, file=sys.stderr)
        return exc.exit_code


def parse_date(text: str):
    """``YYYY-MM-DD`` as a date, or an argparse error worded in Indonesian."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal '{text}' tidak sah, tulis sebagai YYYY-MM-DD") from None
