"""The ``verify`` report: text in Indonesian for a reviewer, JSON with stable keys (README)."""

from __future__ import annotations

import datetime as dt
import json

from build_tools.core.months import format_date
from build_tools.integrity.signatures import SignatureStatus
from build_tools.integrity.verify import VerifyReport

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0))}
"""Control characters (from file names in a manifest) shown escaped, never sent to the terminal."""
KINDS = {"bundle": "bundel PDF", "site": "folder situs", "manifest": "manifes bukti"}
DIGEST_KEYS = ("manifest", "recomputed", "cover", "metadata", "site_list")
MAX_LISTED = 50


def to_json(report: VerifyReport) -> str:
    m = report.manifest
    data = {
        "target": report.target,
        "kind": report.kind,
        "ok": report.ok,
        "manifest": None if m is None else {
            "root_digest": m.root_digest, "audience": m.audience, "as_of": m.data.get("as_of"),
            "unit": m.data.get("unit"), "model": (m.data.get("model") or {}).get("id"),
            "tool": m.data.get("tool"), "evidence_files": len(m.evidence), "inputs": len(m.inputs),
            "restricted_count": m.data.get("restricted_count", 0)},
        "digests": {key: report.digests.get(key) for key in DIGEST_KEYS},
        "signatures": [_signature_json(s) for s in report.signatures],
        "revisions": report.revisions,
        "trust": report.trust,
        "site": report.site,
        "unit": report.unit,
        "findings": [{"kind": f.kind, "message": f.message, "path": f.path, "code": f.code}
                     for f in report.findings],
        "notes": list(report.notes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _signature_json(s: SignatureStatus) -> dict:
    return {"field": s.field, "signer": s.signer, "signer_name": s.signer_name, "issuer": s.issuer,
            "signed_at": _iso(s.signed_at), "timestamp": _iso(s.timestamp), "intact": s.intact, "valid": s.valid,
            "coverage": s.coverage, "whole_file": s.whole_file, "trusted": s.trusted}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def to_text(report: VerifyReport) -> str:
    lines = [f"Verifikasi {KINDS.get(report.kind, report.kind)}: {report.target}", ""]
    m = report.manifest
    if report.kind == "bundle":
        lines += _signature_lines(report)
    if report.site is not None:
        s = report.site
        lines.append(f"Berkas situs ({s['audience'] or '?'}): {s['files_checked']} diperiksa, {len(s['changed'])} "
                     f"berubah, {len(s['missing'])} hilang, {len(s['extra'])} tambahan")
    if m is not None:
        lines.append(f"Manifes bukti ({m.audience}): root digest {m.root_digest}")
        lines.append(f"  unit {m.data.get('unit', '?')}, keadaan per {_date(m.data.get('as_of'))}, "
                     f"{len(m.evidence)} berkas bukti tercantum, {len(m.inputs)} berkas masukan lain"
                     + (f", {m.data.get('restricted_count')} berkas tidak dipublikasikan (hanya jumlahnya)"
                        if m.data.get("restricted_count") else ""))
        where = [label for key, label in (("recomputed", "dihitung ulang"), ("cover", "sampul"),
                                          ("metadata", "metadata PDF"), ("site_list", "daftar berkas situs"))
                 if report.digests.get(key) == m.root_digest]
        if where:
            lines.append(f"  sama dengan: {', '.join(where)}")
    if report.unit is not None:
        u = report.unit
        lines.append(f"Unit {u['root']} sekarang dibanding manifes: {u['files_checked']} berkas diperiksa, "
                     f"{u['changed']} berubah, {u['added']} ditambahkan, {u['removed']} dihapus")
    if report.notes:
        lines.append("")
        lines += [f"Catatan: {note}" for note in report.notes]
    lines.append("")
    if report.ok:
        lines.append("HASIL: COCOK — semua pemeriksaan lulus")
    else:
        lines.append(f"HASIL: TIDAK COCOK — {len(report.findings)} masalah:")
        for f in report.findings[:MAX_LISTED]:
            lines.append(f"  [{f.kind}] {f.message}")
        if len(report.findings) > MAX_LISTED:
            lines.append(f"  … dan {len(report.findings) - MAX_LISTED} lagi (lihat --format json)")
    return "\n".join(line.translate(_CONTROL) for line in lines) + "\n"


def _signature_lines(report: VerifyReport) -> list[str]:
    if not report.signatures:
        return ["Tanda tangan elektronik: tidak ada"]
    lines = []
    for n, s in enumerate(report.signatures, start=1):
        state = "UTUH" if s.intact and s.valid else "TIDAK UTUH" if not s.intact else "TIDAK SAH"
        cover = "mencakup seluruh berkas" if s.whole_file else "TIDAK mencakup seluruh berkas"
        lines.append(f"Tanda tangan {n} ({s.field}): {state}, {cover}")
        if s.signer:
            lines.append(f"  penanda tangan: {s.signer_name} ({s.signer})")
            lines.append(f"  penerbit sertifikat: {s.issuer}")
        if s.signed_at:
            lines.append(f"  waktu tanda tangan: {_when(s.signed_at)} (menurut komputer penanda tangan)")
        lines.append(f"  cap waktu RFC 3161: {_when(s.timestamp) if s.timestamp else 'tidak ada'}")
        if s.trusted is True:
            lines.append(f"  rantai sertifikat: SAH terhadap {report.trust}")
        elif s.trusted is False:
            lines.append(f"  rantai sertifikat: TIDAK SAH terhadap {report.trust}")
        else:
            lines.append("  rantai sertifikat: tidak divalidasi (tanpa --trust)")
    return lines


def _when(value: dt.datetime) -> str:
    return f"{format_date(value.date())} {value:%H:%M:%S} {value.strftime('%z') or 'UTC'}"


def _date(text) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


FORMATS = {"text": to_text, "json": to_json}
