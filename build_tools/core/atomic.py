"""Atomic outputs: a reader never sees a half-written file or folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from build_tools.core.errors import OutputError


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: tidak dapat ditulis ({exc.strerror})") from None


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def replace_dir(target: Path, built: Path) -> None:
    """Swap a freshly built folder into place of ``target``."""
    target = Path(target)
    old = target.with_name(f".{target.name}.old")
    try:
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            os.replace(target, old)
        os.replace(built, target)
        if old.exists():
            shutil.rmtree(old)
    except OSError as exc:
        raise OutputError(f"{target}: tidak dapat diganti ({exc.strerror})") from None


@contextlib.contextmanager
def temp_beside(path: Path) -> Iterator[Path]:
    """A temporary path in ``path``'s folder, moved onto ``path`` when the block succeeds.

    For outputs written by a library that wants a file name (large PDFs).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{path}: tidak dapat ditulis ({exc.strerror})") from None
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: tidak dapat ditulis ({exc.strerror})") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
