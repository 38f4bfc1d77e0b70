"""Libraries that stage their output in the system temp folder (openpyxl writes each
sheet there first): a full or unwritable temp folder is a message, not a crash."""

from __future__ import annotations

import contextlib
import tempfile
from typing import Iterator

from build_tools.core.errors import OutputError


@contextlib.contextmanager
def temp_space(what: str) -> Iterator[None]:
    """openpyxl writes each sheet to the temp folder first: a full disk there is a message, not a crash."""
    try:
        yield
    except _write_errors() as exc:
        raise OutputError(f"{what} tidak dapat disusun: folder sementara {tempfile.gettempdir()} penuh atau tidak "
                          f"dapat ditulis ({exc}); kosongkan ruang atau pilih TMPDIR lain") from None


def _write_errors() -> tuple[type[BaseException], ...]:
    """The errors of a failed temp-file write: OSError, and lxml's when openpyxl writes through lxml."""
    try:
        from lxml.etree import SerialisationError
    except ImportError:
        return (OSError,)
    return (OSError, SerialisationError)
