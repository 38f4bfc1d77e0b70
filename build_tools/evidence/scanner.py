"""Scan the evidence tree: which files exist for which code, and what is wrong.

``scan_evidence(root, plan)`` walks ``evidence/`` read-only. It never writes,
moves or deletes anything there; its only write is its cache, kept outside
``evidence/`` (see :mod:`build_tools.evidence.cache`).

Layout: ``evidence/<CODE>/`` or ``evidence/<CODE> <free title>/``, files
directly inside or in nested folders. A file of a monthly item carries its
month as a ``YYYY-MM`` prefix. A folder may hold an ``_akses.yaml`` sidecar
marking files as ``terbatas`` (reviewers only); see :mod:`build_tools.evidence.access`
for how a sidecar is read and why access fails closed.

Names that cannot be shown faithfully (bytes that are not UTF-8, control
characters) and entries that cannot be read are problems (``bad_name``,
``unreadable_file``), never a traceback; paths in problems are shown with
:func:`build_tools.core.escape.shown` (``bad\\xff.pdf``).
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from build_tools.core.escape import name_problem, shown, shown_name
from build_tools.core.months import Month, natural_key
from build_tools.core.suggest import did_you_mean
from build_tools.evidence import filetypes
from build_tools.evidence.access import (
    SIDECAR,
    Access,
    FolderAccess,
    close_leaks,
    misspelt_entries,
    misspelt_problem,
    read_folder_access,
)
from build_tools.evidence.cache import ScanCache
from build_tools.evidence.inspect import WARN_KINDS, active_text, inspect_file
from build_tools.evidence.names import folder_code, folder_name, is_hidden, month_prefix
from build_tools.plan.structure import CODE_PATTERN, Plan

EVIDENCE_DIR = "evidence"
__all__ = ["SIDECAR", "Access", "EVIDENCE_DIR", "EvidenceFile", "EvidenceScan", "Problem", "Severity",
           "folder_code", "folder_name", "inspect_file", "is_hidden", "month_prefix", "scan_evidence"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in the evidence tree, in plain language."""

    kind: str
    """Stable identifier, e.g. ``unknown_folder`` (documented in README)."""
    path: str
    """Path relative to the root, with ``/`` separators."""
    message: str
    hint: str = ""
    code: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file as found on disk."""

    code: str
    path: str
    """Relative to the root, ``/`` separators, e.g. ``evidence/I.1.a/SK.pdf``."""
    type: str
    """Type name, e.g. ``PDF`` or ``JPEG``."""
    family: str
    """``pdf``, ``image`` or ``office``."""
    size: int
    sha256: str
    pages: int | None
    """Page count (PDF pages; 1 for an image; None for office files)."""
    month: Month | None
    access: Access = Access.PUBLIC
    repaired: bool = False
    """The PDF opened only after qpdf reconstructed its cross-reference table."""
    active: tuple[str, ...] = ()
    """Kinds of active content in a PDF (see :data:`build_tools.evidence.inspect.ACTIVE_LABELS`)."""
    protected: bool = False
    """A PDF encrypted with an owner password only: it opens, with restrictions (print, copy)."""

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


@dataclass(frozen=True)
class EvidenceScan:
    """Everything the scanner found."""

    root: Path
    files: tuple[EvidenceFile, ...]
    problems: tuple[Problem, ...]
    folders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Code → its folder(s), relative to the root."""
    ignored: tuple[str, ...] = ()  # hidden and system files left out (.DS_Store, ~$x.docx)

    def files_for(self, code: str) -> tuple[EvidenceFile, ...]:
        return tuple(f for f in self.files if f.code == code)

    def problems_for(self, code: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.code == code)


def scan_evidence(root: Path, plan: Plan, cache_dir: Path | None = None) -> EvidenceScan:
    """Walk ``root/evidence`` and describe every file and every problem."""
    return _Scanner(Path(root), plan, cache_dir).run()


class _Scanner:
    def __init__(self, root: Path, plan: Plan, cache_dir: Path | None) -> None:
        self.root = root
        self.evidence = root / EVIDENCE_DIR
        self.real_evidence = self.evidence.resolve()
        self.plan = plan
        self.codes = set(plan.codes)
        self.cache = ScanCache(cache_dir)
        self.files: list[EvidenceFile] = []
        self.problems: list[Problem] = []
        self.folders: dict[str, list[str]] = {}
        self.ignored: list[str] = []
        self.links: dict[str, str | None] = {}
        """Path of each symbolically linked file → its target's path under the root."""

    def rel(self, path: Path) -> str:
        return shown_name(path.relative_to(self.root).as_posix())

    def problem(self, kind: str, path: Path, message: str, hint: str = "", code: str | None = None,
                severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(kind, self.rel(path), message, hint, code, severity))

    def run(self) -> EvidenceScan:
        if not self.evidence.is_dir():
            self.problems.append(Problem(
                "no_evidence_folder", EVIDENCE_DIR, "folder evidence/ tidak ada",
                "buat folder evidence/ dengan satu subfolder per kode bukti"))
        else:
            entries = self._entries(self.evidence, None) or []
            # A sidecar (or one misspelt) at the top of evidence/ is not supported; what it
            # meant is unclear, so every file of every folder counts as restricted.
            sidecars = [e for e in entries if e.name == SIDECAR] + misspelt_entries(entries)
            for entry in sidecars:
                self.problems.append(Problem(
                    "bad_sidecar", self.rel(Path(entry.path)),
                    f"berkas akses '{shown(entry.name)}' di evidence/ tidak berlaku",
                    f"taruh {SIDECAR} di folder kode bukti yang dimaksud; sementara semua berkas bukti "
                    "dianggap terbatas"))
            for entry in entries:
                if entry not in sidecars:
                    self._top_level(entry, bool(sidecars))
        self.cache.save()
        self.files, changed = close_leaks(self.files, self.links)
        self.problems += [Problem("restricted_copy", path, message, hint, code, Severity.WARNING)
                          for path, code, message, hint in changed]
        self.files.sort(key=lambda f: (self.plan.codes.index(f.code), natural_key(f.path)))
        return EvidenceScan(
            root=self.root, files=tuple(self.files), problems=tuple(self.problems),
            folders={code: tuple(paths) for code, paths in self.folders.items()},
            ignored=tuple(self.ignored))

    def skip_hidden(self, entry: os.DirEntry[str]) -> bool:
        # True for a hidden or system file, remembered as ignored (.gitkeep placeholders are not).
        if is_hidden(entry.name) and entry.name != ".gitkeep":
            self.ignored.append(self.rel(Path(entry.path)))
        return is_hidden(entry.name)

    def _top_level(self, entry: os.DirEntry[str], locked: bool) -> None:
        path = Path(entry.path)
        if self.skip_hidden(entry):
            return
        if self._bad_name(entry, None):
            return
        if entry.is_symlink():
            self._symlink_problem(path)
            return
        if not entry.is_dir():
            self.problem("outside_folder", path, "berkas di luar folder kode bukti",
                         "pindahkan ke evidence/<KODE>/, contoh evidence/I.1.a/")
            return
        code = folder_code(entry.name)
        if code not in self.codes:
            if CODE_PATTERN.match(code):
                message = f"kode '{code}' tidak ada di rencana"
            else:
                message = "nama folder tidak diawali kode bukti"
            hint = did_you_mean(code, sorted(self.codes),
                                "awali nama folder dengan kode bukti, contoh 'I.1.a SK Tim Kerja'")
            self.problem("unknown_folder", path, message, hint)
            return
        if code in self.folders:
            self.problem("duplicate_folder", path, f"kode {code} sudah memiliki folder "
                         f"'{self.folders[code][0]}'", "gabungkan isinya ke satu folder", code)
        self.folders.setdefault(code, []).append(self.rel(path))
        self._walk(path, code, Access.RESTRICTED if locked else Access.PUBLIC, locked)

    def _entries(self, folder: Path, code: str | None) -> list[os.DirEntry[str]] | None:
        """The folder's entries, or None (reported) when it cannot be listed."""
        try:
            return _sorted_entries(folder)
        except OSError as exc:
            self.problem("unreadable_file", folder, f"folder tidak dapat dibaca: {shown(exc.strerror or exc)}",
                         "periksa izin folder ini (misalnya chmod -R u+rwX); isinya tidak diperiksa", code)
            return None

    def _bad_name(self, entry: os.DirEntry[str], code: str | None) -> bool:
        why = name_problem(entry.name)
        if why:
            what = "folder" if entry.is_dir(follow_symlinks=False) else "berkas"
            self.problem("bad_name", Path(entry.path), f"{what} tidak dipakai: {why} ('{shown_name(entry.name)}')",
                         "ganti namanya (misalnya ekstrak ulang ZIP dengan nama UTF-8)", code)
        return bool(why)

    def _access_problems(self, access: FolderAccess, code: str | None) -> None:
        for rel, message, hint in access.problems:
            self.problems.append(Problem("bad_sidecar", rel, message, hint, code))

    def _walk(self, folder: Path, code: str, inherited: Access, locked: bool) -> None:
        listed = self._entries(folder, code)
        if listed is None:
            return
        has_sidecar = any(e.name == SIDECAR for e in listed)
        misspelt = misspelt_entries(listed)
        entries = [e for e in listed if e not in misspelt and e.name != SIDECAR and not self.skip_hidden(e)]
        access = read_folder_access(folder, self.root, inherited, {e.name for e in entries})
        for e in misspelt:
            rel = self.rel(Path(e.path)) + ("/" if e.is_dir(follow_symlinks=False) else "")
            access.problems.append(misspelt_problem(rel, e.name, has_sidecar))
        self._access_problems(access, code)
        access.inherited_lock = locked
        for entry in entries:
            path = Path(entry.path)
            if self._bad_name(entry, code):
                continue
            if entry.is_symlink():
                target = self._symlink_target(path)
                if target is None:
                    continue
                if target.is_dir():
                    self.problem("symlink", path, "tautan ke folder tidak didukung",
                                 "salin isinya ke folder ini", code)
                    continue
                self._file(path, code, access.of(entry.name))
                real_root = self.root.resolve()
                self.links[self.rel(path)] = (target.relative_to(real_root).as_posix()
                                              if target.is_relative_to(real_root) else None)
            elif entry.is_dir():
                self._walk(path, code, access.of(entry.name), access.locked)
            elif entry.is_file():
                self._file(path, code, access.of(entry.name))
            else:
                self.problem("unsupported_type", path, "bukan berkas biasa", "hapus atau ganti dengan berkas", code)

    def _symlink_problem(self, path: Path) -> None:
        self.problem("symlink", path, "tautan simbolik di luar folder kode bukti",
                     "ganti tautan dengan berkas aslinya di folder kode bukti")

    def _symlink_target(self, path: Path) -> Path | None:
        """The resolved target of a link inside evidence/, or None (reported)."""
        code = self._code_of(path)
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self.problem("symlink", path, "tautan simbolik rusak (tujuannya tidak ada)",
                         "ganti tautan dengan berkas aslinya", code)
            return None
        if not target.is_relative_to(self.real_evidence):
            self.problem("symlink", path, "tautan simbolik menunjuk ke luar folder evidence/ dan ditolak",
                         "salin berkas aslinya ke folder ini", code)
            return None
        return target

    def _code_of(self, path: Path) -> str | None:
        parts = path.relative_to(self.evidence).parts
        return folder_code(parts[0]) if parts else None

    def _file(self, path: Path, code: str, access: Access) -> None:
        try:
            stat = path.stat()
        except OSError as exc:
            self.problem("unreadable_file", path, f"berkas tidak dapat dibaca: {shown(exc.strerror or exc)}",
                         "periksa izin berkas ini", code)
            return
        file_type = filetypes.type_for(path.name)
        if file_type is None:
            self.problem("unsupported_type", path, "jenis berkas tidak didukung",
                         f"ubah ke PDF; jenis yang didukung: {filetypes.SUPPORTED}", code)
            return
        if stat.st_size == 0:
            self.problem("empty_file", path, "berkas kosong (0 bita)", "ganti dengan berkas yang benar", code)
            return
        month, month_error = month_prefix(path.name)
        if month_error:
            self.problem("bad_month", path, month_error, "tulis bulan sebagai YYYY-MM, contoh 2020-03", code)
        rel = self.rel(path)
        facts = self.cache.get(rel, stat)
        if facts is None:
            try:
                facts = inspect_file(path, file_type)
            except OSError as exc:
                self.problem("unreadable_file", path, f"berkas tidak dapat dibaca: {shown(exc.strerror or exc)}",
                             "periksa izin berkas ini (misalnya chmod u+r)", code)
                return
            self.cache.put(rel, stat, facts)
        if facts.get("problem"):
            kind, message, hint = facts["problem"]
            self.problem(kind, path, message, hint, code)
            return
        if facts.get("repaired"):
            self.problem("repaired_pdf", path, "PDF rusak; hanya terbaca setelah diperbaiki",
                         "periksa apakah semua halaman ada, lalu simpan ulang PDF dari aplikasi aslinya",
                         code, Severity.WARNING)
        active = tuple(facts.get("active") or ())
        if any(kind in WARN_KINDS for kind in active):
            self.problem("active_content", path, f"PDF memuat konten aktif: {active_text(active)}",
                         "bundel membuangnya; simpan ulang sumbernya tanpa itu sebelum situs menerbitkannya",
                         code, Severity.WARNING)
        self.files.append(EvidenceFile(
            code=code, path=rel, type=file_type.name, family=file_type.family, size=stat.st_size,
            sha256=facts["sha256"], pages=facts["pages"], month=month, access=access,
            repaired=bool(facts.get("repaired")), active=active, protected=bool(facts.get("protected")),
        ))


def _sorted_entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: natural_key(e.name))
