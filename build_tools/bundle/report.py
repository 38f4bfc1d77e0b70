"""What a bundle build tells its user: pages written, files replaced by placeholders, repaired, skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.evidence.scanner import EvidenceFile, Problem


@dataclass(frozen=True)
class BundleReport:
    """What a bundle build did, for the CLI and the site."""

    path: Path
    skipped: bool
    pages: int
    fingerprint: str
    broken: tuple[Problem, ...] = ()
    repaired: tuple[EvidenceFile, ...] = ()
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
        for f in self.repaired:
            out.append(f"  PDF rusak yang hanya terbaca setelah diperbaiki (periksa halamannya): {f.path}")
        for f in self.attached:
            out.append(f"  dokumen kantor dilampirkan tanpa konversi (LibreOffice tidak terpasang): {f.path}")
        if self.restricted:
            out.append(f"  {len(self.restricted)} berkas terbatas diganti halaman 'tersedia untuk penilai'")
        if self.missing:
            codes = ", ".join(self.missing[:12]) + (", …" if len(self.missing) > 12 else "")
            out.append(f"  {len(self.missing)} kode bukti dengan halaman 'BELUM TERSEDIA': {codes}")
        return out
