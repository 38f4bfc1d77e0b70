"""Beyond Material's end of life: the same generated sources build with every engine.

mkdocs + mkdocs-material (the default), ProperDocs + mkdocs-material (the
MkDocs 1.6 fork) and Zensical (Material's successor, reading ``mkdocs.yml``
and ``overrides/``) each build the public site's sources; the page set and the
key content must match the default build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AS_OF
from sitecheck import broken_links

from build_tools import cli
from build_tools.site.build import run_mkdocs
from build_tools.site.engine import read_marker


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _text(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style).*?</\1>", " ", page.read_text("utf-8"),
                                                    flags=re.S)).split())


@pytest.fixture(scope="module", params=["properdocs", "zensical"])
def engine_site(request, public_site, tmp_path_factory):
    pytest.importorskip(request.param, reason=f"{request.param} adalah dependensi uji (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp(request.param) / "site"
    log = run_mkdocs(public_site.src, out, program=request.param)
    return request.param, out, log


def test_engine_builds_the_same_page_set(engine_site, public_site):
    engine, out, log = engine_site
    assert _pages(out) == _pages(public_site.out), log
    assert read_marker(out)["mesin"] == engine
    assert broken_links(out) == []


def test_engine_pages_carry_the_key_content(engine_site, public_site, shipped_plan):
    engine, out, _ = engine_site
    home = _text(out / "index.html")
    assert f"Zona Integritas {shipped_plan.unit.name}" in home
    assert re.search(r"\d+% bukti terkumpul", home)
    index = (out / "indeks-bukti" / "index.html").read_text("utf-8")
    for code in shipped_plan.codes:
        assert f'href="../bukti/{code}/index.html"' in index, (engine, code)
    assert index.count("<table>") == (public_site.out / "indeks-bukti" / "index.html").read_text("utf-8").count("<table>")
    assert "Penilaian Mandiri LKE" in _text(out / "lke" / "index.html")
    assert "Halaman tidak ditemukan" in _text(out / "404.html")
    page = (out / "bukti" / "I.1.a" / "index.html").read_text("utf-8")
    assert 'lang="id"' in page and 'aria-label="Kepala halaman"' in page and "Made with" not in page
    assert "&lt;script&gt;alert(1)&lt;/" in page and "<script>alert(1)" not in page


def test_cli_switches_engine(tmp_path, project):
    pytest.importorskip("zensical")
    args = ["site", "--root", str(project), "--as-of", AS_OF.isoformat(), "--out", str(tmp_path / "out"),
            "--src", str(tmp_path / "src")]
    assert cli.main([*args, "--engine", "zensical"]) == 0
    assert read_marker(tmp_path / "out")["mesin"] == "zensical"
    assert (tmp_path / "out" / "linimasa" / "index.html").is_file()
    assert cli.main([*args, "--engine", "mkdocs"]) == 0  # another engine: a new fingerprint, a rebuild
    assert read_marker(tmp_path / "out")["mesin"] == "mkdocs"


def test_an_engine_not_installed_is_a_usage_error(tmp_path, project, monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    code = cli.main(["site", "--root", str(project), "--as-of", AS_OF.isoformat(), "--out", str(tmp_path / "out"),
                     "--src", str(tmp_path / "src"), "--engine", "zensical"])
    assert code == 2
    assert "pip install zensical" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() and not (tmp_path / "src").exists()
