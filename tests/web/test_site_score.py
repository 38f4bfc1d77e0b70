"""The site carries the readiness score (Penilaian) and the TPI's review notes."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from build_tools.site.build import build_site


def test_penilaian_page_and_review_notes_reach_the_site(full_project: Path, tmp_path: Path) -> None:
    (full_project / "reviews.yaml").write_text(
        "I.1.a:\n  putusan: ditolak\n  penilai: Tim TPI\n  tanggal: 2020-03-10\n"
        "  catatan: SK belum ditandatangani <pimpinan>\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(full_project, dt.date(2020, 12, 31), out=out, sources_dir=tmp_path / "src")
    page = (out / "penilaian" / "index.html").read_text(encoding="utf-8")
    assert "Penilaian" in page and "Syarat WBK" in page
    # All evidence but I.1.a (rejected: 0 of its 0.625 points) → 59.38 of 60.
    assert "59,38" in page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="penilaian/index.html"' in home
    headline = " ".join(html.unescape(__import__("re").sub(r"<[^>]+>", " ", home)).split())
    assert ("Perkiraan penilaian (dihitung alat ini, bukan hasil evaluasi TPI/TPN): Nilai total "
            "59,38 dari 100,00 · Pengungkit 59,38 dari 60,00 · Hasil 0,00 dari 40,00 · Syarat WBK belum terpenuhi"
            in headline)
    evidence = html.unescape((out / "bukti" / "I.1.a" / "index.html").read_text(encoding="utf-8"))
    assert "Reviu TPI: ditolak oleh Tim TPI, 10 Maret 2020. SK belum ditandatangani <pimpinan>" in evidence
    # The note's markup is shown literally, never as a tag.
    assert "<pimpinan>" not in (out / "bukti" / "I.1.a" / "index.html").read_text(encoding="utf-8")
