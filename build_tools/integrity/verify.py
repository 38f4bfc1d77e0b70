"""``verify TARGET [--root UNIT] [--trust CA.pem]``: is this what the unit delivered?

TARGET is a bundle PDF, a built site folder or a manifest file:

* a bundle: every signature (intact, covering the whole file, signer, time,
  and with ``--trust`` the chain to that CA); any update appended after the last
  signature (or, unsigned, after the bundle was written) is a mismatch; the
  embedded manifest's root digest is recomputed and compared with the one on
  the cover and in the metadata;
* a site folder: every served file against ``manifest-situs.json``, and the
  served ``manifest.json``;
* a manifest: its root digest recomputed.

With ``--root`` the unit's evidence and inputs as they are now are compared
with the manifest (changed, added, removed; named by code and path).
Expected bad input (no such file, not a bundle, site or manifest) raises
:class:`UsageError`; everything else is a finding in the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.core.errors import ToolError, UsageError
from build_tools.evidence.audience import Audience
from build_tools.integrity import pdfmarks, sitefiles
from build_tools.integrity.manifest import (
    Manifest,
    ManifestError,
    parse_manifest,
    read_manifest,
    root_digest,
)
from build_tools.integrity.signatures import (
    SignatureReadError,
    SignatureStatus,
    read_signatures,
)
from build_tools.integrity.unitfiles import (
    EVIDENCE,
    evidence_code,
    hash_file,
    unit_files,
)


@dataclass(frozen=True)
class Finding:
    """One mismatch, with a stable ``kind`` (see README) and an Indonesian message."""

    kind: str
    message: str
    path: str | None = None
    code: str | None = None


@dataclass
class VerifyReport:
    target: str
    kind: str
    """``bundle``, ``site`` or ``manifest``."""
    manifest: Manifest | None = None
    digests: dict = field(default_factory=dict)
    """Where the root digest was found: ``manifest``, ``recomputed``, ``cover``, ``metadata``, ``site_list``."""
    signatures: list[SignatureStatus] = field(default_factory=list)
    revisions: int | None = None
    trust: str | None = None
    site: dict | None = None
    unit: dict | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, kind: str, message: str, path: str | None = None, code: str | None = None) -> None:
        self.findings.append(Finding(kind, message, path, code))


def verify(target: Path, root: Path | None = None, trust: Path | None = None) -> VerifyReport:
    target = Path(target)
    if root is not None and not (Path(root).is_dir()):
        raise UsageError(f"--root {root}: folder unit tidak ada")
    roots = load_trust(trust) if trust is not None else None
    if target.is_dir():
        report = _verify_site(target)
    elif target.is_file():
        with open(target, "rb") as handle:
            head = handle.read(1024)
        if b"%PDF-" in head:
            report = _verify_bundle(target, roots)
        elif head.lstrip()[:1] == b"{":
            report = _verify_manifest_file(target)
        else:
            raise UsageError(f"{target}: bukan bundel PDF, folder situs, atau manifes JSON")
    else:
        raise UsageError(f"{target}: tidak ada")
    report.trust = str(trust) if trust is not None else None
    if roots is not None and report.kind != "bundle":
        report.notes.append("--trust hanya berlaku untuk tanda tangan bundel PDF")
    if root is not None:
        if report.manifest is None:
            report.add("manifest_unreadable", "unit tidak dapat dibandingkan: manifes tidak terbaca")
        else:
            compare_unit(Path(root), report.manifest, report)
    return report


def load_trust(path: Path) -> list:
    """The CA certificates of a PEM or DER file (asn1crypto), for ``--trust``."""
    from pyhanko.keys import load_certs_from_pemder

    try:
        if Path(path).stat().st_size > (1 << 20):
            raise UsageError(f"--trust {path}: terlalu besar untuk berkas sertifikat CA")
        certs = list(load_certs_from_pemder([str(path)]))
    except ToolError:
        raise
    except OSError as exc:
        raise UsageError(f"--trust {path}: tidak dapat dibaca ({exc.strerror})") from None
    except Exception:  # noqa: BLE001 - asn1crypto/pyHanko raise many types on a non-certificate
        raise UsageError(f"--trust {path}: bukan sertifikat CA (PEM atau DER)") from None
    if not certs:
        raise UsageError(f"--trust {path}: tidak memuat sertifikat")
    return certs


# -- bundle ------------------------------------------------------------------

def _verify_bundle(path: Path, roots: list | None) -> VerifyReport:
    import pikepdf

    report = VerifyReport(str(path), "bundle")
    try:
        with pikepdf.open(path) as pdf:
            marks = pdfmarks.read_marks(pdf)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise UsageError(f"{path}: PDF tidak dapat dibaca ({str(exc).splitlines()[0] if str(exc) else exc})") \
            from None
    if marks.manifest is None and marks.metadata_digest is None:
        raise UsageError(f"{path}: bukan bundel buatan perintah bundle (tidak ada manifes bukti tersemat)")
    _check_marks(report, marks)
    _check_signatures(report, path, roots)
    return report


def _check_marks(report: VerifyReport, marks: pdfmarks.PdfMarks) -> None:
    report.digests = {"metadata": marks.metadata_digest, "cover": marks.cover_digest}
    if marks.manifest is None:
        report.add("manifest_missing", f"manifes tersemat tidak ada atau rusak: {marks.manifest_problem}")
        return
    try:
        manifest = parse_manifest(marks.manifest)
    except ManifestError as exc:
        report.add("manifest_unreadable", f"manifes tersemat tidak terbaca: {exc}")
        return
    _check_digest(report, manifest)
    for where, label in (("metadata", "metadata PDF"), ("cover", "sampul")):
        shown = report.digests[where]
        if shown is None:
            report.add(f"{where}_digest_missing", f"root digest tidak ditemukan di {label}")
        elif shown != manifest.root_digest:
            report.add(f"{where}_digest_mismatch",
                       f"root digest di {label} ({shown}) berbeda dengan manifes tersemat ({manifest.root_digest})")


def _check_digest(report: VerifyReport, manifest: Manifest) -> None:
    """Recompute the manifest's root digest."""
    report.manifest = manifest
    recomputed = root_digest(manifest.data)
    report.digests.update(manifest=manifest.root_digest, recomputed=recomputed)
    if recomputed != manifest.root_digest:
        report.add("manifest_digest_mismatch", f"isi manifes berubah: root digest dihitung ulang {recomputed}, "
                                               f"tertulis {manifest.root_digest}")


def _check_signatures(report: VerifyReport, path: Path, roots: list | None) -> None:
    try:
        found = read_signatures(path, roots)
    except SignatureReadError as exc:
        report.add("pdf_unreadable", f"struktur PDF tidak dapat dibaca untuk memeriksa tanda tangan ({exc})")
        return
    report.signatures = list(found.signatures)
    report.revisions = found.revisions
    if not found.signatures:
        if roots is not None:
            report.add("unsigned", "bundel tidak ditandatangani; penanda tangan tidak dapat divalidasi (--trust)")
        else:
            report.notes.append("bundel ini TIDAK ditandatangani secara elektronik")
        if found.revisions > 1:
            report.add("incremental_update", f"berkas diubah sesudah disusun: {found.revisions - 1} pembaruan "
                                             "inkremental ditambahkan di akhir berkas")
        return
    for n, sig in enumerate(found.signatures, start=1):
        label = f"tanda tangan {n} ({sig.field or 'tanpa nama'})"
        if not sig.intact:
            report.add("signature_broken", f"{label} TIDAK UTUH: isi yang ditandatangani berubah sesudah "
                                           "penandatanganan" + (f" ({sig.trust_problem})" if sig.trust_problem
                                                                and not sig.signer else ""))
        elif not sig.valid:
            report.add("signature_invalid", f"{label} tidak sah: tanda tangan kriptografis tidak cocok dengan "
                                            "sertifikatnya")
        if sig.trusted is False:
            report.add("signer_untrusted", f"{label}: {sig.trust_problem}")
    last = found.signatures[-1]
    if not last.whole_file:
        report.add("modified_after_signature", "ada pembaruan inkremental sesudah tanda tangan terakhir: "
                                               "bagian akhir berkas tidak ditandatangani")
    if roots is None:
        report.notes.append("penanda tangan TIDAK divalidasi (tanpa --trust): keutuhan tanda tangan diperiksa, "
                            "tetapi tidak dipastikan bahwa sertifikatnya diterbitkan CA yang dipercaya "
                            "(misalnya BSrE); ulangi dengan --trust CA.pem")


# -- site --------------------------------------------------------------------

def _verify_site(folder: Path) -> VerifyReport:
    try:
        listing = sitefiles.read_listing(folder)
    except ManifestError as exc:
        hint = " (ini folder unit? pakai --root untuk folder unit)" if (folder / "plan.yaml").is_file() else ""
        raise UsageError(f"{folder}: bukan folder situs buatan perintah site: {exc}{hint}") from None
    report = VerifyReport(str(folder), "site")
    check = sitefiles.check_site(folder, listing)
    report.site = {"files_checked": check.files_checked, "changed": check.changed, "missing": check.missing,
                   "extra": check.extra, "audience": check.audience}
    if not check.listing_digest_ok:
        report.add("site_list_digest_mismatch", f"{sitefiles.SITE_FILE} berubah: root digest-nya tidak cocok")
    for path in check.changed:
        report.add("site_file_changed", f"berkas situs berubah: {path}", path)
    for path in check.missing:
        report.add("site_file_missing", f"berkas situs hilang: {path}", path)
    for path in check.extra:
        report.add("site_file_extra", f"berkas situs tambahan (tidak ada di daftar): {path}", path)
    for path in check.unreadable:
        report.add("site_file_unreadable", f"berkas situs tidak dapat dibaca: {path}", path)
    if check.manifest is None:
        report.add("manifest_missing", f"manifes bukti situs: {check.manifest_problem}")
        return report
    _check_digest(report, check.manifest)
    declared = (listing.get("manifest") or {}).get("root_digest") if isinstance(listing.get("manifest"), dict) \
        else None
    report.digests["site_list"] = declared
    if declared != check.manifest.root_digest:
        report.add("site_manifest_mismatch", f"root digest manifes di {sitefiles.SITE_FILE} ({declared}) "
                                             f"berbeda dengan manifest.json ({check.manifest.root_digest})")
    for served, source in check.evidence_mismatch:
        report.add("site_evidence_mismatch", f"salinan bukti di situs tidak sama dengan manifes: {served} "
                                             f"(dari {source})", served, evidence_code(source))
    return report


# -- manifest file -----------------------------------------------------------

def _verify_manifest_file(path: Path) -> VerifyReport:
    try:
        manifest = read_manifest(path)
    except (ManifestError, OSError) as exc:
        raise UsageError(f"{path}: bukan manifes bukti: {exc}") from None
    report = VerifyReport(str(path), "manifest")
    _check_digest(report, manifest)
    return report


# -- the unit now ------------------------------------------------------------

def compare_unit(root: Path, manifest: Manifest, report: VerifyReport) -> None:
    """The unit's input files now against ``manifest``: changed, added, removed."""
    listed = {e["path"]: e for e in (*manifest.evidence, *manifest.inputs)}
    now: dict[str, tuple[int, str] | None] = {}
    kinds = {}
    for unit_file in unit_files(root):
        kinds[unit_file.path] = unit_file.kind
        try:
            now[unit_file.path] = hash_file(root / unit_file.path)
        except OSError:
            now[unit_file.path] = None
    unlisted = sorted(p for p in now if p not in listed)
    withheld = []
    if manifest.audience == Audience.PUBLIC.value:
        withheld = _not_public_now(root, manifest, [p for p in unlisted if kinds[p] == EVIDENCE])
        unlisted = [p for p in unlisted if p not in set(withheld)]
    changed = removed = 0
    for path, entry in sorted(listed.items()):
        code = entry.get("code") or evidence_code(path)
        if path not in now:
            removed += 1
            report.add("unit_file_removed", f"dihapus: {path}" + (f" (kode {code})" if code else ""), path, code)
        elif now[path] is None:
            report.add("unit_file_unreadable", f"tidak dapat dibaca: {path}", path, code)
        elif now[path] != (entry["size"], entry["sha256"]):
            changed += 1
            report.add("unit_file_changed", f"berubah: {path}" + (f" (kode {code})" if code else ""), path, code)
    for path in unlisted:
        code = evidence_code(path)
        report.add("unit_file_added", f"ditambahkan: {path}" + (f" (kode {code})" if code else ""), path, code)
    expected = int(manifest.data.get("restricted_count", 0))
    if manifest.audience == Audience.PUBLIC.value:
        if len(withheld) != expected:
            report.add("restricted_count_changed", f"jumlah berkas yang tidak dipublikasikan berubah: manifes "
                                                   f"{expected}, sekarang {len(withheld)}")
        elif expected:
            report.notes.append(f"{expected} berkas yang tidak dipublikasikan hanya dihitung oleh manifes publik; "
                                "isinya tidak dapat diperiksa (pakai manifes penilai)")
    report.unit = {"root": str(root), "files_checked": len(now), "changed": changed,
                   "added": len(unlisted), "removed": removed, "as_of": manifest.data.get("as_of")}


def _not_public_now(root: Path, manifest: Manifest, candidates: list[str]) -> list[str]:
    """Of the evidence files a public manifest does not name, those not public now."""
    from build_tools.check.project import load_project

    try:
        as_of = dt.date.fromisoformat(str(manifest.data.get("as_of")))
        project = load_project(root, as_of, use_cache=False)
    except (ToolError, ValueError):
        return candidates
    public = {f.path for f in project.scan.files if f.access.value == Audience.PUBLIC.value}
    return [p for p in candidates if p not in public]
