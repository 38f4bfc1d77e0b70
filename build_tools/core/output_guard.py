"""The output guard: one check of every path a command is about to write.

Every command calls :func:`guard` with all its outputs before doing any work.
A target is refused (:class:`OutputRefused`, exit 2, naming the path, why and
what to do) when it

* lies inside ``evidence/`` or another input folder (``survei/``,
  ``model-penilaian/``, ``docs/``) of the ``--root`` unit or of any unit (a
  folder holding ``plan.yaml``) above it;
* is an input file (``plan.yaml``, ``lke.yaml``, ``reviews.yaml``,
  ``penilaian.yaml``, ``mkdocs.yml``, or a file named on the command line such
  as ``--answers``), or contains an input (``--out .``);
* is not a regular file or folder (device, FIFO, socket, symlink), or has a
  file where its path needs a folder;
* is an existing file where a folder is written, or the reverse;
* is named twice, or one output lies inside another.

Paths are compared the way the system opens them: ``..`` and symlinked parents
resolved, and by device and inode for whatever exists (hard links, bind
mounts, case variants on case-insensitive file systems); names are compared
without case. What a link in ``evidence/`` points to counts as evidence.
"""

from __future__ import annotations

import enum
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.core.errors import UsageError

EVIDENCE_DIR = "evidence"
INPUT_DIRS = (EVIDENCE_DIR, "survei", "model-penilaian", "docs")
INPUT_FILES = ("plan.yaml", "lke.yaml", "reviews.yaml", "penilaian.yaml", "mkdocs.yml")
UNIT_MARKER = "plan.yaml"


class Kind(enum.Enum):
    FILE = "berkas"
    FOLDER = "folder"


@dataclass(frozen=True)
class Target:
    """One output of a command, as the user named it."""

    option: str  # "--out", "--csv", "FOLDER" …
    path: Path
    kind: Kind
    example: str  # a good choice to suggest, e.g. "build/kelengkapan.json"
    marker: str | None = None  # a folder holding this file is the tool's own, even if it looks like a unit

    def refuse(self, why: str, todo: str) -> OutputRefused:
        return OutputRefused(f"{self.option} '{self.path}' {why}; {todo}")


class OutputRefused(UsageError):
    """An output path that would touch an input or is not a plain file or folder."""


def real_path(path: Path) -> Path:
    """``path`` as the system would reach it: absolute, parents resolved, last part kept.

    The last part is not followed, so a symlink target stays visible as a symlink.
    """
    path = Path(path)
    if path.name in ("", ".", ".."):  # a folder named by reference: nothing left to keep
        return Path(os.path.realpath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def _id(path: Path, follow: bool = True) -> tuple[int, int] | None:
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _same(a: str | Path, b: str | Path) -> bool:
    """Names compared without case: ``Plan.yaml`` is ``plan.yaml`` on a case-insensitive disk."""
    return str(a).casefold() == str(b).casefold()


def _within(path: Path, folder: Path) -> bool:
    """``path`` equals ``folder`` or lies below it (names compared without case)."""
    p, f = str(path).casefold(), str(folder).casefold()
    return p == f or p.startswith(f.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class _Protected:
    path: Path  # resolved
    shown: str  # as named in messages: "evidence/", "plan.yaml", or the path of an --answers file
    folder: bool


def _protected(root: Path, inputs: Iterable[Path]) -> list[_Protected]:
    root = Path(os.path.realpath(root))
    found = []
    for name in INPUT_DIRS:
        found.append(_Protected(root / name, f"{name}/", True))
        real = Path(os.path.realpath(root / name))
        if real != root / name:  # evidence/ itself a symlink to elsewhere
            found.append(_Protected(real, f"{name}/", True))
    for name in INPUT_FILES:
        found.append(_Protected(root / name, name, False))
    found += _linked_from_evidence(root / EVIDENCE_DIR)
    for path in inputs:
        found.append(_Protected(Path(os.path.realpath(path)), str(path), Path(path).is_dir()))
    return found


def _linked_from_evidence(evidence: Path, depth: int = 2) -> list[_Protected]:
    """What links in the top two levels of ``evidence/`` (code folders and their entries) point to.

    The scanner reports such links, but until they are removed their targets hold evidence.
    """
    found = []
    try:
        entries = list(os.scandir(evidence))
    except OSError:
        return found
    for entry in entries:
        if entry.is_symlink():
            real = Path(os.path.realpath(entry.path))
            found.append(_Protected(real, f"{EVIDENCE_DIR}/", True))
        elif depth > 1 and entry.is_dir(follow_symlinks=False):
            found += _linked_from_evidence(Path(entry.path), depth - 1)
    return found


def _ancestors(path: Path) -> list[Path]:
    return [path, *path.parents]


def _why_input(target: Target, real: Path, protected: Sequence[_Protected]) -> OutputRefused | None:
    """The reason ``real`` touches an input of the unit, or None."""
    where = "ke evidence/ atau berkas masukan"
    existing = [(a, _id(a)) for a in _ancestors(real)]
    ids = {i: a for a, i in existing if i is not None}
    # 1. the target is, or lies inside, an input (by name, then by device and inode)
    for p in protected:
        exact = _same(real, p.path)
        inside = exact or p.folder and _within(real, p.path)
        pid = _id(p.path)
        if not inside and pid is not None and pid in ids:
            exact = ids[pid] == real
            inside = exact or p.folder
        if inside:
            return _refusal(target, p.shown, p.folder, where, exact=exact)
    # 2. inside an input folder of any unit above the target, or named like its input file
    for ancestor, _ in existing[1:]:
        if (ancestor / UNIT_MARKER).is_file():
            first = real.relative_to(ancestor).parts[0]
            for name in INPUT_DIRS + INPUT_FILES:
                if _same(first, name) and (name in INPUT_DIRS or real.parent == ancestor):
                    return _refusal(target, f"{name}/" if name in INPUT_DIRS else name, name in INPUT_DIRS,
                                    where, exact=real.parent == ancestor, unit=ancestor)
    # 3. the target contains an input (e.g. ``--out .`` or ``--out ..``)
    own = _id(real, follow=False)
    for p in protected:
        above = _within(p.path, real) or (own is not None and own in {_id(a) for a in p.path.parents})
        if above and os.path.lexists(p.path):
            return target.refuse(f"memuat masukan unit ({p.shown}); keluaran ini akan menggantinya",
                                 f"pilih {target.kind.value} baru, misalnya {target.example}")
    if (real.is_dir() and not real.is_symlink() and not (target.marker and (real / target.marker).is_file())
            and any((real / n).exists() for n in (UNIT_MARKER, EVIDENCE_DIR))):
        return target.refuse("adalah folder sebuah unit (memuat plan.yaml atau evidence/)",
                             f"pilih {target.kind.value} baru, misalnya {target.example}")
    return None


def _refusal(target: Target, shown: str, folder: bool, where: str, *, exact: bool,
             unit: Path | None = None) -> OutputRefused:
    of = f" unit {unit}" if unit else ""
    todo = f"pilih {target.kind.value} di luarnya, misalnya {target.example}"
    if folder:
        what = "folder" if shown == f"{EVIDENCE_DIR}/" else "folder masukan"
        place = f"adalah {what} {shown}{of}" if exact else f"ada di dalam {what} {shown}{of}"
        return target.refuse(f"{place}; alat ini tidak pernah menulis {where}", todo)
    return target.refuse(f"adalah berkas masukan {shown}{of} dan tidak akan ditimpa",
                         f"pilih {target.kind.value} lain, misalnya {target.example}")


_NOT_REGULAR = ((stat.S_ISCHR, "perangkat karakter"), (stat.S_ISBLK, "perangkat blok"),
                (stat.S_ISFIFO, "pipa bernama, FIFO"), (stat.S_ISSOCK, "soket"))


def _why_shape(target: Target, real: Path) -> OutputRefused | None:
    """The reason ``real`` is not a plain place for this kind of output, or None."""
    todo = f"pilih {target.kind.value} biasa, misalnya {target.example}"
    try:
        st = os.lstat(real)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        return target.refuse(f"tidak dapat diperiksa ({exc.strerror})", todo)
    if st is None:
        for parent in real.parents:  # the nearest existing folder above must be a folder
            if os.path.lexists(parent):
                if not parent.is_dir():
                    return target.refuse(f"tidak dapat dibuat: '{parent}' adalah berkas, bukan folder", todo)
                break
        return None
    if stat.S_ISLNK(st.st_mode):
        return target.refuse("adalah tautan simbolik; alat ini tidak menulis melalui tautan",
                             f"tulis jalur tujuan sebenarnya atau {todo}")
    for test, name in _NOT_REGULAR:
        if test(st.st_mode):
            return target.refuse(f"bukan berkas atau folder biasa ({name}) dan tidak akan diganti", todo)
    if target.kind is Kind.FOLDER and not stat.S_ISDIR(st.st_mode):
        return target.refuse("sudah ada sebagai berkas, padahal keluaran ini sebuah folder; "
                             "berkas itu tidak akan diganti", f"pilih folder lain, misalnya {target.example}")
    if target.kind is Kind.FILE and stat.S_ISDIR(st.st_mode):
        return target.refuse("sudah ada sebagai folder, padahal keluaran ini sebuah berkas",
                             f"tulis nama berkas, misalnya {target.example}")
    return None


def guard(root: Path, targets: Iterable[Target], inputs: Iterable[Path] = ()) -> list[Path]:
    """Refuse the first unsafe target (raise :class:`OutputRefused`); return their real paths."""
    targets = list(targets)
    protected = _protected(root, inputs)
    reals = []
    for target in targets:
        real = real_path(target.path)
        problem = _why_input(target, real, protected) or _why_shape(target, real)
        if problem:
            raise problem
        reals.append(real)
    for i, (a, ra) in enumerate(zip(targets, reals)):
        for b, rb in zip(targets[i + 1:], reals[i + 1:]):
            if _within(ra, rb) or _within(rb, ra):
                raise OutputRefused(f"{a.option} '{a.path}' dan {b.option} '{b.path}' menunjuk tempat yang sama "
                                    "atau yang satu di dalam yang lain; pilih tempat yang berbeda untuk keduanya")
    return reals
