"""What a bundle build tells its user: pages written, and every evidence file it changed,
replaced by a placeholder, attached, or left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.evidence.inspect import active_text
from build_tools.evidence.scanner import EvidenceFile, Problem

SKIPPED_KINDS = ("empty_file", "type_mismatch", "unsupported_type", "symlink", "outside_folder",
                 "unknown_folder")
"""Scanner problems that keep a file (or folder) out of the bundle without a placeholder."""


@dataclass(frozen=True)
class BundleReport:
    """What a bundle build did, for the CLI and the site."""

    path: Path
    skipped: bool
    pages: int
    fingerprint: str
    broken: tuple[Problem, ...] = ()
    repaired: tuple[EvidenceFile, ...] = ()
    cleaned: tuple[EvidenceFile, ...] = ()
    """Files whose active content (scripts, launch actions, attachments, other links) was removed."""
    unlocked: tuple[EvidenceFile, ...] = ()
    """Files whose owner-password restrictions (printing, copying) were dropped."""
    skipped_files: tuple[Problem, ...] = ()
    """Files and folders in ``evidence/`` left out of the bundle, with the reason."""
    attached: tuple[EvidenceFile, ...] = ()
    restricted: tuple[EvidenceFile, ...] = ()
    missing: tuple[str, ...] = ()
    front_pages: int = 0
    bookmarks: dict[str, int] = field(default_factory=dict)
    """Evidence code (LKE order: question id) → 0-based index of its separator page."""
    signature: str = ""
    """Report line(s) about the signature (empty: not signed)."""

    def lines(self) -> list[str]:
        signed = self.signature.splitlines()
        if self.skipped:
            return [f"bundel tidak berubah, tidak disusun ulang: {self.path} ({self.pages} halaman)", *signed]
        out = [f"bundel ditulis: {self.path} ({self.pages} halaman)", *signed]
        for p in self.broken:
            out.append(f"  berkas tidak dapat dimuat, diganti halaman pengganti: {p.path}: {p.message}")
        for p in self.skipped_files:
            out.append(f"  dilewati, tidak masuk bundel: {p.path}: {p.message}")
        for f in self.repaired:
            out.append(f"  PDF rusak yang hanya terbaca setelah diperbaiki (periksa halamannya): {f.path}")
        for f in self.cleaned:
            out.append(f"  konten aktif dibuang ({active_text(f.active)}): {f.path}")
        for f in self.unlocked:
            out.append(f"  pembatasan kata sandi pemilik (cetak, salin) dilepas: {f.path}")
        for f in self.attached:
            out.append(f"  dokumen kantor dilampirkan tanpa konversi (LibreOffice tidak terpasang): {f.path}")
        if self.restricted:
            out.append(f"  {len(self.restricted)} berkas terbatas diganti halaman 'tersedia untuk penilai'")
        if self.missing:
            codes = ", ".join(self.missing[:12]) + (", …" if len(self.missing) > 12 else "")
            out.append(f"  {len(self.missing)} kode bukti dengan halaman 'BELUM TERSEDIA': {codes}")
        return out


def changes(shown: list[EvidenceFile]) -> dict[str, tuple[EvidenceFile, ...]]:
    """The files placed in the bundle that it changes: repaired, cleaned of active content, unlocked."""
    unique = list({f.path: f for f in shown}.values())
    return {"repaired": tuple(f for f in unique if f.repaired),
            "cleaned": tuple(f for f in unique if f.active),
            "unlocked": tuple(f for f in unique if f.protected)}


def skipped_files(problems, broken) -> tuple[Problem, ...]:
    """Scanner problems of files the bundle leaves out (those with a placeholder are in ``broken``)."""
    placed = {p.path for p in broken}
    seen, out = set(), []
    for p in problems:
        if p.kind in SKIPPED_KINDS and p.path not in placed and p.path not in seen:
            seen.add(p.path)
            out.append(p)
    return tuple(out)
