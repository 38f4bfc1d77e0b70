"""Atomic outputs: a reader never sees a half-written file or folder, and a run
that fails or is killed leaves the previous output as it was.

An output is built in a *workspace*, never beside the user's files: a folder
``.zi-tmp-<pid>-<random>`` in the unit's ``build/`` (when the unit root is known,
see :func:`set_unit_root`), else in the system temp folder, whichever is on the
target's file system; only for a target on a third file system does the
workspace sit, hidden, in the target's own folder. A workspace is locked
(``flock``) while its process lives; the first output written by a later run in
the same place removes the workspaces of killed runs, putting back a previous
folder output that one had set aside.

The finished output replaces the old one in one step: ``os.replace`` for a
file, an exchange (``renameat2(RENAME_EXCHANGE)``, Linux) for a folder, else two
renames; folder swaps are serialised by a :func:`lock` named after the target,
so two builds of the same output at once both succeed. New outputs get the
permissions of ordinary files and folders (0666/0777 minus the umask); a
replaced output keeps its mode.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from build_tools.core.errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None

PREFIX = ".zi-tmp-"
LOCK = ".lock"
STALE_WITHOUT_LOCK = 600  # seconds: a workspace with no lock file this old is a leftover
_unit_root: Path | None = None
_cleaned: set[Path] = set()


def set_unit_root(root: Path | None) -> None:
    """Stage outputs under ``<root>/build/`` from now on when ``root`` is a unit (holds ``plan.yaml``).

    The CLI calls this with ``--root``.
    """
    global _unit_root
    _unit_root = Path(os.path.realpath(root)) if root is not None and (Path(root) / "plan.yaml").is_file() else None


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: staged in a workspace, then moved into place."""
    with staged_file(path) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def staged_file(path: Path) -> Iterator[Path]:
    """A temporary file name; its content replaces ``path`` when the block succeeds."""
    path = _absolute(path)
    with _failure(path), _Workspace(path) as ws:
        tmp = ws.new_name()
        tmp.touch(mode=0o600)
        yield tmp
        _commit(tmp, path, folder=False)


@contextlib.contextmanager
def staged_dir(path: Path) -> Iterator[Path]:
    """An empty temporary folder; it replaces the folder ``path`` when the block succeeds."""
    path = _absolute(path)
    with _failure(path), _Workspace(path) as ws:
        tmp = ws.new_name()
        tmp.mkdir(mode=0o700)
        yield tmp
        ordinary_modes(tmp)
        _commit(tmp, path, folder=True)


def ordinary_modes(folder: Path) -> None:
    """Give everything below ``folder`` the modes of newly made files: 0666/0777 minus the umask.

    Copies (``shutil.copy``, ``copytree``) carry their source's mode; an output does not.
    Hard links are left alone: their mode is their source's (evidence) too.
    """
    mask = _umask()
    for top, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(top, name), 0o777 & ~mask)
        for name in files:
            path = os.path.join(top, name)
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and st.st_nlink == 1:
                os.chmod(path, (0o777 if st.st_mode & 0o111 else 0o666) & ~mask)


@contextlib.contextmanager
def _failure(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{path}: tidak dapat ditulis ({exc.strerror or exc}); keluaran sebelumnya "
                          "tidak diubah") from None


def _absolute(path: Path) -> Path:
    path = Path(path)
    return Path(os.path.realpath(path.parent)) / path.name


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _nearest_existing(path: Path) -> Path:
    while not os.path.lexists(path):
        path = path.parent
    return path


class _Workspace:
    """A locked folder of its own for one output, on the target's file system."""

    def __init__(self, target: Path, *, beside: bool = False) -> None:
        self.target = target
        self.beside = beside
        self.folder: Path | None = None
        self.lock_fd: int | None = None
        self.count = 0

    def __enter__(self) -> _Workspace:
        device = os.stat(_nearest_existing(self.target.parent)).st_dev
        areas = [_unit_root / "build"] if _unit_root else []
        areas.append(Path(tempfile.gettempdir()))
        for area in [] if self.beside else areas:
            try:
                if (_within(area, self.target) or os.stat(_nearest_existing(area)).st_dev != device):
                    continue
                area.mkdir(parents=True, exist_ok=True)
                self._open(area)
                return self
            except OSError:
                continue
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._open(self.target.parent)
        return self

    def _open(self, area: Path) -> None:
        if area not in _cleaned:
            _cleaned.add(area)
            clean_leftovers(area)
        self.folder = Path(tempfile.mkdtemp(dir=area, prefix=f"{PREFIX}{os.getpid()}-"))
        self.lock_fd = os.open(self.folder / LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
        if fcntl:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX)

    def new_name(self) -> Path:
        self.count += 1
        return self.folder / str(self.count)

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        os.close(self.lock_fd)


def clean_leftovers(area: Path) -> list[Path]:
    """Remove the workspaces in ``area`` of runs that are no longer alive; return them."""
    removed = []
    try:
        entries = [e for e in os.scandir(area) if e.name.startswith(PREFIX) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return removed
    for entry in entries:
        folder = Path(entry.path)
        try:
            fd = os.open(folder / LOCK, os.O_WRONLY)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                if time.time() - entry.stat().st_mtime > STALE_WITHOUT_LOCK:
                    _restore_and_remove(folder)
                    removed.append(folder)
            continue
        except OSError:
            continue  # another user's, or unreadable: not ours to judge
        try:
            if fcntl:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            elif time.time() - entry.stat().st_mtime < 86400:
                continue
            _restore_and_remove(folder)
            removed.append(folder)
        except OSError:
            pass  # locked: its run is still going
        finally:
            os.close(fd)
    return removed


def _restore_and_remove(folder: Path) -> None:
    """Put back a previous folder output a killed run had set aside, then remove its workspace."""
    for record in folder.glob("*.target"):
        old = record.with_suffix(".old")
        with contextlib.suppress(OSError):
            target = Path(os.fsdecode(record.read_bytes()))
            if old.exists() and not os.path.lexists(target):
                os.rename(old, target)
    shutil.rmtree(folder, ignore_errors=True)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _commit(staged: Path, target: Path, *, folder: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _check_replaceable(target, folder)
    _set_mode(staged, target, folder)
    try:
        if folder:
            _swap_dir(staged, target)
        else:
            os.replace(staged, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # The workspace is on another file system after all (bind mount): copy beside, then swap.
        with _Workspace(target, beside=True) as near:
            moved = near.new_name()
            shutil.move(staged, moved)
            _commit(moved, target, folder=folder)


def _check_replaceable(target: Path, folder: bool) -> None:
    """Only a plain file replaces a plain file, a folder a folder (a device or a link is never replaced).

    The output guard refuses such targets before any work; this holds even when
    the target changed while the output was being built.
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
        raise OutputError(f"{target}: bukan {'folder' if folder else 'berkas'} biasa dan tidak akan diganti; "
                          "pilih keluaran lain")


def _set_mode(staged: Path, target: Path, folder: bool) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = (0o777 if folder else 0o666) & ~_umask()
    os.chmod(staged, mode)


@contextlib.contextmanager
def lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock named after ``path`` (another process waits), without touching ``path``.

    The lock file lives in the system temp folder; it is tiny and never removed
    (removing it would let two processes lock different files of one name).
    """
    if fcntl is None:  # pragma: no cover - not on Windows
        yield
        return
    folder = Path(tempfile.gettempdir()) / f"zi-kunci-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    name = hashlib.sha256(os.fsencode(_absolute(path))).hexdigest()[:24]
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _swap_dir(staged: Path, target: Path) -> None:
    with lock(target):
        _check_replaceable(target, folder=True)
        if not os.path.lexists(target):
            os.rename(staged, target)
            return
        if _exchange(staged, target):
            shutil.rmtree(staged)  # now the previous output
            return
        record = staged.with_suffix(".target")
        old = staged.with_suffix(".old")
        record.write_bytes(os.fsencode(target))
        os.rename(target, old)
        try:
            os.rename(staged, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    renameat2 = _RENAMEAT2
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
