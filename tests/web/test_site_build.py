"""The built site read back: strict build, links, audiences, escaping, offline."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, MISSING_CODES, NOTE, PUBLIC_IN_RESTRICTED_FOLDER, RESTRICTED
from sitecheck import broken_links, external_fetches, leaks, links
from tests_support import evidence_files

from build_tools import cli
from build_tools.check.completeness import Status
from build_tools.pipeline import load_project
from build_tools.site.build import build_site, write_sources
from build_tools.site.pages import render_site

ROOT_TESTS = Path(__file__).resolve().parent


def test_every_link_resolves(public_site, reviewer_site):
    assert broken_links(public_site.out) == []
    assert broken_links(reviewer_site.out) == []


def test_index_lists_every_code_and_links_every_visible_file(public_site, shipped_plan):
    index = (public_site.out / "indeks-bukti" / "index.html").read_text("utf-8")
    for code in shipped_plan.codes:
        assert f'href="../bukti/{code}/index.html"' in index, code
    project = load_project(public_site.root, AS_OF)
    hrefs = {v for _t, _a, v in links(public_site.out / "indeks-bukti" / "index.html")}
    linked = {(public_site.out / "indeks-bukti" / h).resolve() for h in hrefs if h.startswith("../berkas/")}
    public_files = [f for f in project.scan.files if f.access.value == "publik"]
    assert len(linked) == len(public_files)
    # Every linked copy is byte-identical to one public evidence file.
    digests = {f.sha256 for f in public_files}
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in linked} == digests


def test_public_build_holds_no_restricted_byte_or_name(public_site, reviewer_site):
    # Public inputs copied verbatim (evidence, the bundle) share PDF boilerplate.
    public = [p for p in evidence_files(public_site.root) if p not in public_site.restricted]
    public += [public_site.bundle, reviewer_site.bundle]
    assert leaks(public_site.out, list(public_site.restricted), public) == []
    assert leaks(public_site.src, list(public_site.restricted), public) == []
    # The detector works: the reviewers' build does contain them.
    found = leaks(reviewer_site.out, list(reviewer_site.restricted), public)
    assert len(found) > 20
    for path in reviewer_site.restricted:
        assert path.name.encode() in found, path.name


def test_public_build_says_restricted_files_exist(public_site, reviewer_site):
    page = (public_site.out / "bukti" / "III.4.a" / "index.html").read_text("utf-8")
    assert "3 berkas untuk kode ini bersifat terbatas" in page
    index = (public_site.out / "indeks-bukti" / "index.html").read_text("utf-8")
    assert "3 berkas tersedia untuk penilai" in index
    v3b = (public_site.out / "bukti" / "V.3.b" / "index.html").read_text("utf-8").replace("<wbr>", "")
    assert PUBLIC_IN_RESTRICTED_FOLDER[1] in v3b and "2 berkas untuk kode ini" in v3b
    full = (reviewer_site.out / "bukti" / "III.4.a" / "index.html").read_text("utf-8").replace("<wbr>", "")
    for name in RESTRICTED["III.4.a"]:
        assert name in full
    assert "bersifat terbatas" not in full  # the reviewer site shows them (its banner says it holds them)


def test_hostile_names_are_shown_literally(public_site):
    page = (public_site.out / "bukti" / "I.1.a" / "index.html").read_text("utf-8").replace("<wbr>", "")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in page
    row = next(line for line in page.splitlines() if "tabel &#124; pecah" in line)
    assert "&#42;tebal&#42; &#95;miring&#95;" in row
    assert "<em>" not in row and "<strong>" not in row
    # The table kept its six columns in every row.
    table = page.split('<table>', 1)[1].split('</table>', 1)[0]
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        assert tr.count("<td") == 6


def test_home_page_figures_match_completeness(public_site):
    project = load_project(public_site.root, AS_OF)
    home = (public_site.out / "index.html").read_text("utf-8")
    c = project.completeness
    for status in Status:
        value = c.count(status)
        assert f'<span class="zi-figure-value">{value}</span><span class="zi-figure-label">{status.label}' in home
    for code in MISSING_CODES:
        assert f'href="bukti/{code}/index.html"' in home
    assert "Jatuh tempo bulan ini: Juni 2020" in home


def test_note_extra_page_and_bundle(public_site):
    note = (public_site.out / "bukti" / NOTE[0] / "index.html").read_text("utf-8")
    assert "Catatan penilai" in note and "&lt;b&gt;20 Mei&lt;/b&gt; &#124; lengkap" in note
    home = (public_site.out / "index.html").read_text("utf-8")
    nav = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', home)
    assert nav == ["Beranda", "Pedoman", "Rencana Kerja", "Indeks Bukti", "Linimasa", "Penilaian", "LKE", "Unduh",
                   "Tentang situs ini"]
    unduh = public_site.out / "unduh" / "index.html"
    assert "Bundel-bukti-publik.pdf" in unduh.read_text("utf-8")
    assert (public_site.out / "unduh" / "Bundel-bukti-publik.pdf").read_bytes() == public_site.bundle.read_bytes()
    assert "Nilai sementara" in (public_site.out / "penilaian" / "index.html").read_text("utf-8")


def test_docs_pages_get_plan_data_and_guideline_order(public_site, shipped_plan):
    src = public_site.src / "docs"
    tentang = (src / "tentang.md").read_text("utf-8")
    assert "| **A** | **Komponen Pengungkit** | **60** |" in tentang
    assert "| **TOTAL** | | **100** |" in tentang
    for area in shipped_plan.areas:
        assert area.name in tentang
    bab1 = (public_site.out / "pedoman" / "bab-1-pendahuluan.html").read_text("utf-8")
    assert bab1.count("<li>") >= len(shipped_plan.legal_basis)
    config = (public_site.src / "mkdocs.yml").read_text("utf-8")
    assert config.index("pedoman/kata-pengantar.md") < config.index("pedoman/bab-1-pendahuluan.md")
    kp = (public_site.out / "pedoman" / "kata-pengantar.html").read_text("utf-8")
    assert 'href="../bukti/I.1.a/index.html"' in kp


def test_offline_theme_settings(public_site):
    home = (public_site.out / "index.html").read_text("utf-8")
    assert '<html lang="id"' in home
    assert external_fetches(public_site.out) == []
    assert (public_site.out / "search" / "search_index.js").is_file()
    assert 'src="assets/iframe-worker/shim.js"' in home


def test_evidence_tree_is_not_touched(tmp_path, site_unit):
    from tests_support import tree_digest
    root, _ = site_unit
    before = tree_digest(root / "evidence")
    build_site(root, AS_OF, out=tmp_path / "out", sources_dir=tmp_path / "src")
    assert tree_digest(root / "evidence") == before


def test_sources_rewrite_only_what_changed(tmp_path, project):
    p = load_project(project, AS_OF)
    sources = render_site(p, None)
    write_sources(tmp_path / "src", sources)
    home = tmp_path / "src" / "docs" / "index.md"
    mtime = home.stat().st_mtime_ns
    (tmp_path / "src" / "docs" / "stale.md").write_text("old")
    write_sources(tmp_path / "src", sources)
    assert home.stat().st_mtime_ns == mtime
    assert not (tmp_path / "src" / "docs" / "stale.md").exists()


def test_sources_folder_must_be_ours(tmp_path, project):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "important.txt").write_text("x")
    code = cli.main(["site", "--root", str(project), "--as-of", "2020-06-15",
                     "--out", str(tmp_path / "out"), "--src", str(tmp_path / "mine")])
    assert code == 2
    assert (tmp_path / "mine" / "important.txt").read_text() == "x"


def test_cli_builds_site(tmp_path, project, capsys):
    code = cli.main(["site", "--root", str(project), "--as-of", "2020-06-15",
                     "--out", str(tmp_path / "out"), "--src", str(tmp_path / "src"), "--audience", "penilai"])
    assert code == 0
    assert "situs (penilai) ditulis" in capsys.readouterr().out
    assert (tmp_path / "out" / "linimasa" / "index.html").is_file()


def test_cli_missing_bundle_is_a_usage_error(tmp_path, project, capsys):
    code = cli.main(["site", "--root", str(project), "--out", str(tmp_path / "out"),
                     "--src", str(tmp_path / "src"), "--bundle", str(tmp_path / "nope.pdf")])
    assert code == 2
    assert "bundel" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_strict_warning_keeps_old_output(tmp_path, project):
    out = tmp_path / "out"
    build_site(project, AS_OF, out=out, sources_dir=tmp_path / "src")
    (project / "docs").mkdir()
    (project / "docs" / "rusak.md").write_text("# Rusak\n\n[tautan](tidak-ada.md)\n")
    with pytest.raises(Exception) as info:
        build_site(project, AS_OF, out=out, sources_dir=tmp_path / "src")
    assert "tidak-ada.md" in str(info.value)
    assert (out / "index.html").is_file() and not (out / "rusak.html").exists()


def test_module_entry_point(tmp_path, project):
    proc = subprocess.run([sys.executable, "-m", "build_tools", "site", "--root", str(project),
                           "--out", str(tmp_path / "o"), "--src", str(tmp_path / "s")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_output_folder_must_be_a_site(tmp_path, project):
    before = {p.name for p in project.iterdir()}
    code = cli.main(["site", "--root", str(project), "--out", str(project), "--src", str(tmp_path / "s")])
    assert code == 2
    assert {p.name for p in project.iterdir()} == before
    # A previous build is replaced.
    out = tmp_path / "out"
    assert cli.main(["site", "--root", str(project), "--out", str(out), "--src", str(tmp_path / "s")]) == 0
    assert cli.main(["site", "--root", str(project), "--out", str(out), "--src", str(tmp_path / "s")]) == 0


def test_rendering_is_deterministic(project):
    first = render_site(load_project(project, AS_OF, use_cache=False), None)
    second = render_site(load_project(project, AS_OF, use_cache=False), None)
    assert first == second
