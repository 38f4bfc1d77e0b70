"""Scan the evidence tree: which files exist for which code, and what is wrong.

``scan_evidence(root, plan)`` walks ``evidence/`` read-only. It never writes,
moves or deletes anything there; its only write is its cache, kept outside
``evidence/`` (see :mod:`build_tools.evidence.cache`).

Layout: ``evidence/<CODE>/`` or ``evidence/<CODE> <free title>/``, files
directly inside or in nested folders. A file of a monthly item carries its
month as a ``YYYY-MM`` prefix. A folder may hold an ``_akses.yaml`` sidecar
marking files as ``terbatas`` (reviewers only).
"""

from __future__ import annotations

import difflib
import enum
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from build_tools.core.months import Month, natural_key
from build_tools.core.yamlread import Reader
from build_tools.evidence import filetypes
from build_tools.evidence.cache import ScanCache
from build_tools.evidence.inspect import WARN_KINDS, active_text, inspect_file
from build_tools.plan.structure import CODE_PATTERN, Plan

EVIDENCE_DIR = "evidence"
SIDECAR = "_akses.yaml"
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
_MONTH_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})(?=[\s_.\-]|$)")


class Access(enum.Enum):
    """Who may see a file."""

    PUBLIC = "publik"
    RESTRICTED = "terbatas"


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

    def files_for(self, code: str) -> tuple[EvidenceFile, ...]:
        return tuple(f for f in self.files if f.code == code)

    def problems_for(self, code: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.code == code)


def is_hidden(name: str) -> bool:
    """Files the operating system or an editor leaves behind; ignored silently."""
    return name.startswith(".") or name.startswith("~$") or name.lower() in _IGNORED_NAMES


def folder_code(name: str) -> str:
    """The code a folder name starts with: ``I.1.a SK Tim`` → ``I.1.a``."""
    token = name.split()[0] if name.split() else name
    return token.rstrip(".")


def month_prefix(name: str) -> tuple[Month | None, str | None]:
    """The ``YYYY-MM`` month a file name starts with, or an error text."""
    m = _MONTH_PREFIX.match(name)
    if not m:
        return None, None
    try:
        return Month(int(m.group(1)), int(m.group(2))), None
    except ValueError:
        return None, f"awalan bulan '{m.group(0)}' tidak sah"


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

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self, kind: str, path: Path, message: str, hint: str = "", code: str | None = None,
                severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(kind, self.rel(path), message, hint, code, severity))

    def run(self) -> EvidenceScan:
        if not self.evidence.is_dir():
            self.problems.append(Problem(
                "no_evidence_folder", EVIDENCE_DIR, "folder evidence/ tidak ada",
                "buat folder evidence/ dengan satu subfolder per kode bukti"))
        else:
            for entry in _sorted_entries(self.evidence):
                self._top_level(entry)
        self.cache.save()
        self.files.sort(key=lambda f: (self.plan.codes.index(f.code), natural_key(f.path)))
        return EvidenceScan(
            root=self.root, files=tuple(self.files), problems=tuple(self.problems),
            folders={code: tuple(paths) for code, paths in self.folders.items()},
        )

    def _top_level(self, entry: os.DirEntry[str]) -> None:
        path = Path(entry.path)
        if is_hidden(entry.name):
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
            close = difflib.get_close_matches(code, sorted(self.codes), n=1, cutoff=0.6)
            if CODE_PATTERN.match(code):
                message = f"kode '{code}' tidak ada di rencana"
            else:
                message = "nama folder tidak diawali kode bukti"
            hint = f"maksud Anda '{close[0]}'?" if close else "awali nama folder dengan kode bukti, contoh 'I.1.a SK Tim Kerja'"
            self.problem("unknown_folder", path, message, hint)
            return
        if code in self.folders:
            self.problem("duplicate_folder", path, f"kode {code} sudah memiliki folder "
                         f"'{self.folders[code][0]}'", "gabungkan isinya ke satu folder", code)
        self.folders.setdefault(code, []).append(self.rel(path))
        self._walk(path, code, Access.PUBLIC)

    def _walk(self, folder: Path, code: str, inherited: Access) -> None:
        entries = [e for e in _sorted_entries(folder) if not is_hidden(e.name)]
        default, per_file = self._sidecar(folder, code, inherited, {e.name for e in entries})
        for entry in entries:
            path = Path(entry.path)
            if entry.name == SIDECAR:
                continue
            if entry.is_symlink():
                target = self._symlink_target(path)
                if target is None:
                    continue
                if target.is_dir():
                    self.problem("symlink", path, "tautan ke folder tidak didukung",
                                 "salin isinya ke folder ini", code)
                    continue
                self._file(path, code, per_file.get(entry.name, default))
            elif entry.is_dir():
                self._walk(path, code, per_file.get(entry.name, default))
            elif entry.is_file():
                self._file(path, code, per_file.get(entry.name, default))
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

    def _sidecar(self, folder: Path, code: str, inherited: Access,
                 names: set[str]) -> tuple[Access, dict[str, Access]]:
        sidecar = folder / SIDECAR
        if not sidecar.is_file():
            return inherited, {}
        reader = Reader(sidecar.relative_to(self.root))
        try:
            node = reader.compose(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self.problem("bad_sidecar", sidecar, f"{SIDECAR} tidak dapat dibaca: {exc}", "simpan sebagai UTF-8", code)
            return Access.RESTRICTED, {}
        default, per_file = inherited, {}
        if node is not None:
            m = reader.mapping(node, SIDECAR, optional=("akses", "berkas"))
            if "akses" in m:
                default = self._access(reader, m["akses"], default)
            for name, value in reader.mapping(m.get("berkas"), "berkas").items() if "berkas" in m else ():
                if name not in names:
                    reader.error(value, f"berkas '{name}' tidak ada di folder ini", "periksa ejaan nama berkas")
                per_file[name] = self._access(reader, value, default)
        for issue in reader.issues:
            # A broken sidecar must never publish what it meant to hide:
            # everything in the folder is treated as restricted.
            where = f"baris {issue.location.line}: " if issue.location.line else ""
            self.problems.append(Problem(
                "bad_sidecar", self.rel(sidecar), f"{where}{issue.message}",
                "perbaiki berkas; sementara semua berkas di folder ini dianggap terbatas", code))
            default, per_file = Access.RESTRICTED, {}
        return default, per_file

    @staticmethod
    def _access(reader: Reader, node, fallback: Access) -> Access:
        raw = reader.text(node, "akses")
        try:
            return Access(raw)
        except ValueError:
            reader.error(node, f"akses '{raw}' tidak dikenal", "gunakan 'publik' atau 'terbatas'")
            return fallback

    def _file(self, path: Path, code: str, access: Access) -> None:
        try:
            stat = path.stat()
        except OSError as exc:
            self.problem("unreadable_file", path, f"berkas tidak dapat dibaca: {exc.strerror}", "", code)
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
        facts = self.cache.get(rel, stat.st_size, stat.st_mtime_ns)
        if facts is None:
            facts = inspect_file(path, file_type)
            self.cache.put(rel, stat.st_size, stat.st_mtime_ns, facts)
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


def folder_name(code: str, title: str) -> str:
    """The folder name the tool proposes for an item: ``I.1.a SK Tim Kerja``.

    Characters that file systems refuse (``/ \\ : * ? " < > |``) become ``-``;
    long titles are cut at a word boundary.
    """
    clean = re.sub(r'[\\/:*?"<>|]+', "-", title)
    clean = re.sub(r"\s*-\s*", "-", clean)
    clean = re.sub(r"\s+", " ", clean).strip(" .-")
    if len(clean) > 60:
        clean = clean[:60].rsplit(" ", 1)[0].rstrip(",")
    return f"{code} {clean}" if clean else code
