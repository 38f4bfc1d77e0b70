"""No work twice: an unchanged site is not rebuilt; any change to what it depends on rebuilds it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF

from build_tools import cli
from build_tools.evidence.audience import Audience
from build_tools.site.build import build_site
from build_tools.site.fingerprint import site_fingerprint
from build_tools.unit.samples import write_pdf


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def _first_evidence(root: Path) -> Path:
    return next(p for p in sorted((root / "evidence").rglob("*.pdf")))


# Each variant changes one thing the site depends on; the next build must not be skipped.
CHANGES = {
    "plan": lambda root, kw: (root / "plan.yaml").write_text(
        (root / "plan.yaml").read_text("utf-8").replace("Manajemen Perubahan", "Manajemen  Perubahan", 1), "utf-8"),
    "evidence added": lambda root, kw: write_pdf(_first_evidence(root).parent / "tambahan.pdf", "baru"),
    "evidence removed": lambda root, kw: _first_evidence(root).unlink(),
    "evidence rewritten": lambda root, kw: _touch_later(_first_evidence(root)),
    "access sidecar": lambda root, kw: (_first_evidence(root).parent / "_akses.yaml").write_text("akses: terbatas\n"),
    "lke answers": lambda root, kw: (root / "lke.yaml").write_text("versi_format: 1\nmodel: permenpanrb-90-2021\n"
                                                                    "jawaban: {}\n", "utf-8"),
    "reviews": lambda root, kw: (root / "reviews.yaml").write_text("I.1.a:\n  putusan: ditolak\n", "utf-8"),
    "declared data": lambda root, kw: (root / "penilaian.yaml").write_text("unit:\n  sudah_wbk: tidak\n", "utf-8"),
    "survey": lambda root, kw: ((root / "survei" / "persepsi_korupsi").mkdir(parents=True),
                                (root / "survei" / "persepsi_korupsi" / "a.csv").write_text(
                                    "kejelasan_biaya;percaloan;imbalan;komisi;kkn\n4;4;3;4;4\n")),
    "model file": lambda root, kw: ((root / "model-penilaian").mkdir(exist_ok=True),
                                    (root / "model-penilaian" / "x.yaml").write_text("id: x\n")),
    "engine": lambda root, kw: kw.update(engine="properdocs"),
    "docs page": lambda root, kw: ((root / "docs").mkdir(exist_ok=True), (root / "docs" / "catatan.md").write_text("# C\n")),
    "audience": lambda root, kw: kw.update(audience=Audience.REVIEWER.value),
    "as-of date": lambda root, kw: kw.update(as_of=AS_OF + dt.timedelta(days=1)),
    "site url": lambda root, kw: kw.update(site_url="https://unit.github.io/zi/"),
    "bundle": lambda root, kw: write_pdf(kw["bundle"], "bundel baru"),
    "no cache": lambda root, kw: kw.update(use_cache=False),
}


@pytest.fixture
def unit(tmp_path, project):
    for code in ("I.1.a", "I.1.b"):
        write_pdf(project / "evidence" / code / f"{code} bukti.pdf", code)
    bundle = tmp_path / "bundel.pdf"
    write_pdf(bundle, "bundel")
    kw = {"as_of": AS_OF, "audience": Audience.PUBLIC, "bundle": bundle, "site_url": None, "use_cache": True}
    return project, tmp_path / "out", tmp_path / "src", kw


def _build(root, out, src, kw):
    kw = dict(kw)
    return build_site(root, kw.pop("as_of"), out=out, sources_dir=src, **kw)


def _fingerprint(root, kw) -> str:
    return site_fingerprint(root, as_of=kw["as_of"], audience=kw.get("audience", "publik"),
                            engine=kw.get("engine", "mkdocs"), site_url=kw.get("site_url"), bundle=kw["bundle"])


def test_unchanged_site_is_skipped_and_left_as_it_is(unit):
    root, out, src, kw = unit
    first = _build(root, out, src, kw)
    assert not first.skipped
    stamp = (out / "index.html").stat().st_mtime_ns
    again = _build(root, out, src, kw)
    assert again.skipped and (again.pages, again.files) == (first.pages, first.files)
    assert (out / "index.html").stat().st_mtime_ns == stamp
    assert not _build(root, out, src, {**kw, "use_cache": False}).skipped  # --no-cache always rebuilds


@pytest.mark.parametrize("change", sorted(set(CHANGES) - {"no cache"}))
def test_any_change_changes_the_fingerprint(unit, change):
    root, _out, _src, kw = unit
    kw = {**kw, "audience": "publik"}
    before = _fingerprint(root, kw)
    assert _fingerprint(root, kw) == before  # deterministic
    CHANGES[change](root, kw)
    assert _fingerprint(root, kw) != before, change


def test_a_change_rebuilds_the_site_then_skips_again(unit):
    root, out, src, kw = unit
    _build(root, out, src, kw)
    CHANGES["evidence added"](root, kw)
    result = _build(root, out, src, kw)
    assert not result.skipped and (out / "berkas" / "I.1.a" / "tambahan.pdf").is_file()
    assert _build(root, out, src, kw).skipped


def test_a_deleted_output_or_sources_folder_rebuilds(unit):
    root, out, src, kw = unit
    _build(root, out, src, kw)
    shutil.rmtree(src)
    assert not _build(root, out, src, kw).skipped
    (out / "index.html").unlink()
    assert not _build(root, out, src, kw).skipped


def test_cli_says_it_skipped(tmp_path, project, capsys):
    args = ["site", "--root", str(project), "--as-of", "2020-06-15", "--out", str(tmp_path / "o"),
            "--src", str(tmp_path / "s")]
    assert cli.main(args) == 0
    assert "ditulis ke" in capsys.readouterr().out
    assert cli.main(args) == 0
    assert "tidak berubah sejak pembangunan terakhir" in capsys.readouterr().out
