"""The process boundary of every entry point (``python -m build_tools``, the demo).

:func:`run` is the only place errors are printed and exit codes chosen:

* an expected error (:class:`ToolError`) prints its lines, ``galat: …`` first,
  and exits with its code (1 or 2);
* stdout and stderr replace what the terminal's encoding cannot show (a
  Latin-1 or ASCII terminal) instead of failing;
* a closed stdout (``| head -c1``) ends quietly, a full or failing one
  (``>/dev/full``) with one line; both exit 2 and leave written outputs as
  they are;
* Ctrl+C exits 130;
* anything else is an internal error: one Indonesian line saying what failed
  and where the details are, exit 3. The traceback goes to
  ``build/galat-internal.log`` of the unit (the system temp folder when that
  cannot be written), never to the screen.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import io
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_tools.core import atomic
from build_tools.core.errors import OutputError, ToolError
from build_tools.core.output_guard import Kind, OutputRefused, Target, guard

EXIT_OUTPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
LOG_NAME = "galat-internal.log"


class ConsoleError(Exception):
    """stdout could not be written (closed pipe, full disk, I/O error)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Console(io.TextIOBase):
    """A standard stream that replaces unencodable characters and reports its failures."""

    def __init__(self, stream, *, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet  # stderr: a failure there has nowhere to be reported

    def write(self, text: str) -> int:
        try:
            try:
                return self.stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "ascii"
                return self.stream.write(text.encode(encoding, "replace").decode(encoding))
        except OSError as exc:
            if self.quiet:
                return len(text)
            raise ConsoleError(exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            if not self.quiet:
                raise ConsoleError(exc) from None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def close(self) -> None:
        """The real stream stays open (and is not flushed again when this wrapper is collected)."""


@dataclass
class Context:
    """What the entry point learns while it runs: the unit root."""

    root: Path | None = None
    failed_writing: bool = True  # until the body ends well or with a plain input or usage error

    def use_root(self, root: Path) -> None:
        """The unit root: its ``build/`` holds the internal-error log and the output workspaces."""
        self.root = root
        atomic.set_unit_root(root)


def run(body: Callable[[Context], int]) -> int:
    """Run ``body`` behind the boundary and return the exit code."""
    out, err, unraisable = sys.stdout, sys.stderr, sys.unraisablehook
    sys.stdout, sys.stderr = _Console(out), _Console(err, quiet=True)
    context = Context()
    # "Exception ignored in …" (a library's generator failing when collected) goes to the log too.
    sys.unraisablehook = lambda info: write_log_text(
        f"{info.err_msg or 'Exception ignored in'}: {info.object!r}\n"
        + "".join(traceback.format_exception(info.exc_type, info.exc_value, info.exc_traceback)), context.root)
    try:
        return _run(body, context, out)
    finally:
        if context.failed_writing:
            gc.collect()  # finalise what failed (a library's half-written stream) while the hook above listens
        sys.stdout, sys.stderr, sys.unraisablehook = out, err, unraisable
        atomic.set_unit_root(None)


def _run(body: Callable[[Context], int], context: Context, out) -> int:
    try:
        try:
            code = body(context)
        except SystemExit:  # argparse's --help: printed, then the usual exit
            sys.stdout.flush()
            raise
        sys.stdout.flush()
        context.failed_writing = False
        return code
    except ToolError as exc:
        context.failed_writing = isinstance(exc, OutputError)
        first, *rest = exc.lines()
        _say(f"galat: {first}", *rest)
        return exc.exit_code
    except ConsoleError as exc:
        _silence(out)
        if exc.error.errno != errno.EPIPE:
            _say(f"galat: keluaran layar tidak dapat ditulis ({exc.error.strerror or exc.error}); "
                 "berkas keluaran yang sudah ditulis tetap utuh")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        _say("dihentikan.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place an unexpected error is caught
        log = write_log(exc, context.root)
        where = f"rinciannya di {log}" if log else "rinciannya tidak dapat ditulis ke berkas log"
        _say(f"galat internal: {_what(exc)}; {where}. Laporkan berkas itu kepada pengelola alat (kode keluar 3)")
        return EXIT_INTERNAL


def _say(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _silence(stream) -> None:
    """Point a broken stdout at /dev/null so the interpreter's last flush stays quiet."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass


def _what(exc: BaseException) -> str:
    """``KeyError di build_tools/site/pages.py:120`` (the innermost frame of the tool)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}build_tools{os.sep}" in f.filename] or frames
    if not ours:
        return type(exc).__name__
    frame = ours[-1]
    name = frame.filename
    at = name.rfind(f"{os.sep}build_tools{os.sep}")
    return f"{type(exc).__name__} di {name[at + 1:] if at >= 0 else name}:{frame.lineno}"


def log_candidates(root: Path | None) -> list[Path]:
    """Where the internal-error log goes: the unit's ``build/`` when it is a unit, else the temp folder."""
    candidates = []
    if root is not None and (Path(root) / "plan.yaml").is_file():
        candidates.append(Path(root) / "build" / LOG_NAME)
    uid = os.getuid() if hasattr(os, "getuid") else "pengguna"
    candidates.append(Path(tempfile.gettempdir()) / f"zi-{uid}-{LOG_NAME}")
    return candidates


def write_log(exc: BaseException, root: Path | None) -> Path | None:
    """Append the traceback of ``exc`` to the first writable log; return its path."""
    return write_log_text("".join(traceback.format_exception(exc)), root)


def write_log_text(text: str, root: Path | None) -> Path | None:
    """Append ``text`` (a traceback) to the first writable log; return its path, or None."""
    text = f"--- {dt.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n{text}"
    for path in log_candidates(root):
        try:
            guard(root or path.parent, [Target("log", path, Kind.FILE, "")])
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
            with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return path.absolute()
        except (OSError, OutputRefused):
            continue
    return None
