"""The site in Chromium at 1366 px and 390 px: whole words, the columns a reviewer
needs, readable charts, copyable hashes, a 404 page under a sub-path, and axe-core.

Measured with :mod:`probe` (the same code prints the figures for a whole site:
``python tests/web/probe.py SITE``). axe-core comes from npm (``.ci/run``
installs it into ``.cache/axe``); without it these tests fail in CI and are
skipped elsewhere, like the other browser tests.
"""

from __future__ import annotations

import hashlib
import re
import shutil

import pytest
from conftest import AS_OF, REPO, serving, unavailable
from probe import AXE, WIDTHS, axe_violations, chart_text, hidden_columns, split_words

from build_tools.pipeline import load_project
from build_tools.site.build import build_site

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["index.html", "rencana-kerja/index.html", "rencana-kerja/I/index.html", "rencana-kerja/III/index.html",
                "indeks-bukti/index.html", "bukti/I.1.a/index.html", "bukti/I.3.b/index.html", "linimasa/index.html",
                "unduh/index.html", "tentang.html", "pedoman/kata-pengantar.html", "lke/index.html",
                "lke/area-1/index.html", "lke/hasil/index.html"]
DEMO_PAGES = ["penilaian/index.html", "index.html", "tentang.html", "pedoman/bab-3-rencana-kerja.html"]
AXE_PAGES = [("public", "index.html"), ("public", "rencana-kerja/III/index.html"), ("public", "indeks-bukti/index.html"),
             ("public", "bukti/I.1.a/index.html"), ("public", "linimasa/index.html"), ("demo", "penilaian/index.html"),
             ("public", "lke/index.html"), ("public", "lke/area-1/index.html")]


@pytest.fixture(scope="module", params=list(WIDTHS), ids=list(WIDTHS))
def screen(request, browser):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PAGES + [f"demo:{p}" for p in DEMO_PAGES])
def test_no_word_is_split_inside_a_table_cell(screen, server, demo_server, path):
    base, path = (demo_server, path[5:]) if path.startswith("demo:") else (server, path)
    screen.goto(base + path)
    assert split_words(screen) == []


@pytest.mark.parametrize("path", ["rencana-kerja/I/index.html", "rencana-kerja/III/index.html",
                                  "rencana-kerja/V/index.html"])
def test_code_status_and_files_visible_without_scrolling(screen, server, path):
    screen.goto(server + path)
    assert screen.locator(".zi-plan table tbody tr").count() > 3
    assert hidden_columns(screen, ("Kode", "Status", "Berkas")) == []
    assert screen.evaluate("document.documentElement.scrollWidth") <= WIDTHS[screen.width_name]


def test_charts_are_readable_with_legend_and_axis_titles(screen, demo_server):
    screen.goto(demo_server + "penilaian/index.html")
    charts = chart_text(screen)
    assert charts["charts"] == 3 and charts["texts"] > 20
    assert charts["small"] == [] and charts["clipped"] == [] and charts["truncated"] == []
    assert charts["legends"] == charts["charts"]
    assert charts["axis_titles"] == 2  # the monthly chart: points and months
    # A label shortened with "…" carries its full text in the bar's <title>.
    titles = screen.evaluate("[...document.querySelectorAll('.zi-chart g.bar')].filter(g => "
                             "g.querySelector('text').textContent.endsWith('\u2026')).map(g => "
                             "[g.querySelector('text').textContent, g.querySelector('title').textContent])")
    for short, full in titles:
        assert full.startswith(short[:-1]) and len(full) > len(short)


def test_full_hash_is_selected_and_copied_in_one_click(browser, server, public_site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(server + "bukti/I.2.a/index.html")
    project = load_project(public_site.root, AS_OF)
    expected = sorted(f.sha256 for f in project.scan.files if f.code == "I.2.a")
    codes = page.locator("code.zi-sha")
    assert codes.count() == len(expected)
    selected = []
    for n in range(codes.count()):
        codes.nth(n).click()
        selected.append(page.evaluate("window.getSelection().toString()").strip())
    assert sorted(selected) == expected
    page.goto(server + "unduh/index.html")
    page.locator("code.zi-sha").first.click()
    assert page.evaluate("window.getSelection().toString()").strip() == hashlib.sha256(
        public_site.bundle.read_bytes()).hexdigest()
    context.close()


def test_404_page_works_under_a_sub_path(browser, tmp_path, project):
    """A GitHub Pages project site: the site lives at /zi/, a missing page gets 404.html with its styles."""
    build_site(project, AS_OF, out=tmp_path / "built", sources_dir=tmp_path / "src",
               site_url="https://unit.github.io/zi/")
    shutil.copytree(tmp_path / "built", tmp_path / "www" / "zi")
    with serving(tmp_path / "www", not_found=tmp_path / "www" / "zi" / "404.html") as base:
        context = browser.new_context()
        page = context.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith(
            "/tidak/ada.html") else None)
        response = page.goto(base + "zi/tidak/ada.html")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
        assert failed == []
        # The theme's stylesheet loaded: the header has its colour, not the browser default.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.locator(".md-tabs__link", has_text="Indeks Bukti").first.click()
        page.wait_for_load_state()
        assert page.url == base + "zi/indeks-bukti/index.html"
        context.close()


# -- axe-core ------------------------------------------------------------------------------------

def theme_rules_in_readme() -> set[str]:
    """The axe rules the README lists as the theme's (not fixable in our markup or CSS)."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("#### Aksesibilitas", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))


@pytest.fixture(scope="module")
def axe():
    if not AXE.is_file():
        unavailable(f"axe-core tidak terpasang di {AXE} (npm install --prefix .cache/axe axe-core)")
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("site", "path"), AXE_PAGES, ids=[f"{s}:{p}" for s, p in AXE_PAGES])
def test_no_serious_axe_violation_of_our_own(browser, axe, server, demo_server, site, path, scheme):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto((server if site == "public" else demo_server) + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default")
    violations = axe_violations(page)
    context.close()
    ours = [f"{v['id']} ({v['impact']}): {v['html']}" for v in violations if v["ours"]]
    assert ours == []
    theme = {v["id"] for v in violations if not v["ours"]}
    assert theme <= theme_rules_in_readme(), f"theme violations not listed in README: {theme}"
