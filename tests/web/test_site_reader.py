"""The built site as a reader gets it: tables, words, hashes, language, publishing, weight.

Every check reads the real mkdocs build back (issue 12, items 2 and 4 to 8, 10).
"""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, REPO
from probe import site_size

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_report import assess
from build_tools.check.completeness import Status
from build_tools.evidence.audience import Audience
from build_tools.pipeline import load_project
from build_tools.site.build import build_site
from build_tools.site.pages import LATE_FLAT


def _theme_languages(package: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(package)
    return Path(spec.origin).parent / "templates" / "partials" / "languages" if spec and spec.origin else None


THEMES = [p for p in (_theme_languages("material"), _theme_languages("zensical")) if p is not None]


class _Text(HTMLParser):
    """Visible text of a page, per block, without scripts, styles, code or comments."""

    def __init__(self, skip: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.SKIP = skip
        self.blocks: list[str] = []
        self.skip = 0
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "dd", "dt", "summary", "br"):
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        if tag in ("p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "dd", "dt", "summary"):
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)

    def flush(self) -> None:
        text = "".join(self.current)
        if text.strip():
            self.blocks.append(text)
        self.current = []


def blocks(page: Path, skip: frozenset = frozenset({"script", "style", "svg"})) -> list[str]:
    parser = _Text(set(skip))
    parser.feed(page.read_text("utf-8"))
    parser.flush()
    return parser.blocks


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- 2: tables render as tables ------------------------------------------------------------

TABLE_TEXT = re.compile(r"(^|\n)\s*\|.*\|\s*($|\n)|\|\s*:?-{2,}:?\s*\|")


@pytest.mark.parametrize("which", ["public_site", "reviewer_site", "demo_site"])
def test_no_markdown_table_is_left_as_text(which, request):
    site = request.getfixturevalue(which).out
    found = [f"{p.relative_to(site)}: {b.strip()[:80]}" for p in pages(site)
             for b in blocks(p, frozenset({"script", "style", "svg", "code", "pre"})) if TABLE_TEXT.search(b)]
    assert found == []
    if which != "demo_site":  # the demo's answers leave nothing to gain
        # The LKE gaps table (broken by template whitespace before) has all its rows.
        lke = (site / "lke" / "index.html").read_text("utf-8")
        gaps = lke.split('id="peluang-kenaikan-nilai-terbesar"', 1)[1].split("<table>", 1)[1].split("</table>", 1)[0]
        assert gaps.count("<tr>") == 11  # header and the 10 largest gains


# -- 5: the reader's words -----------------------------------------------------------------

TOOL_WORDS = re.compile(r"evidence/|plan\.yaml|lke\.yaml|reviews\.yaml|penilaian\.yaml|survei/|model-penilaian|"
                        r"python -m|build_tools|\.csv\b|mkdocs|`")


@pytest.mark.parametrize("which", ["public_site", "demo_site"])
def test_public_pages_name_no_file_path_input_or_command(which, request):
    site = request.getfixturevalue(which).out
    found = sorted({f"{p.relative_to(site)}: {m.group(0)!r} in {b.strip()[:90]!r}"
                    for p in pages(site) for b in blocks(p) for m in [TOOL_WORDS.search(b)] if m})
    assert found == []


def test_missing_data_is_said_in_plain_indonesian(demo_site):
    text = " ".join(blocks(demo_site.out / "penilaian" / "index.html"))
    assert "Survei Persepsi Korupsi: data survei belum tersedia" in text
    assert "data TLHP, opini BPK, AKIP dan predikat WBK belum dicatat" in text
    about = " ".join(blocks(demo_site.out / "tentang.html"))
    assert "Cara membaca situs ini" in about and "SHA-256" in about


# -- 8: Indonesian everywhere, theme strings and ARIA labels included -----------------------

def _values(path: Path) -> set[str]:
    return set(re.findall(r'^  "[^"]+": "(.*)",?$', path.read_text(), re.M))


def _english_theme_strings() -> set[str]:
    """The themes' English strings, except those our Indonesian file also uses (``Metadata``)."""
    english = set().union(*(_values(folder / "en.html") for folder in THEMES))
    indonesian = _values(REPO / "build_tools" / "site" / "theme" / "partials" / "languages" / "id.html")
    return {s for s in english - indonesian if re.search(r"[A-Za-z]{3}", s) and "#" not in s} | {
        "Made with", "Permanent link", "404 - Not found"}


@pytest.mark.parametrize("which", ["public_site", "reviewer_site"])
def test_theme_strings_and_labels_are_indonesian(which, request):
    site = request.getfixturevalue(which).out
    english = _english_theme_strings()
    assert {"Header", "Footer", "Skip to content"} <= english  # the list is the theme's own
    found = set()
    for page in pages(site):
        text = page.read_text("utf-8")
        values = re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', text)
        values += [t.strip() for t in re.findall(r">([^<>]+)<", text)]
        found |= {v for v in values if html.unescape(v).strip() in english}
        found |= {s for s in ("Made with", "Permanent link") if s in text}
    assert found == set()
    assert "Halaman tidak ditemukan" in (site / "404.html").read_text("utf-8")


# -- 4: integrity visible --------------------------------------------------------------------

def _shas(page: Path) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<code class="zi-sha">(.*?)</code>',
                                                             page.read_text("utf-8"), re.S)]


def test_full_hash_of_every_file_on_its_code_page_and_on_unduh(public_site):
    project = load_project(public_site.root, AS_OF)
    public = [f for f in project.scan.files if f.access.value == "publik"]
    for code in {f.code for f in public}:
        shown = _shas(public_site.out / "bukti" / code / "index.html")
        assert sorted(shown) == sorted(f.sha256 for f in public if f.code == code), code
    unduh = _shas(public_site.out / "unduh" / "index.html")
    assert unduh[0] == hashlib.sha256(public_site.bundle.read_bytes()).hexdigest()
    assert sorted(unduh[1:]) == sorted(f.sha256 for f in public)


# -- 7: publishing anywhere --------------------------------------------------------------------

def test_reviewer_site_says_it_must_not_be_published(public_site, reviewer_site):
    for page in pages(reviewer_site.out):
        text = page.read_text("utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        assert "Situs penilai — jangan diterbitkan." in text, page
    robots = (reviewer_site.out / "robots.txt").read_text()
    assert "User-agent: *" in robots and "Disallow: /" in robots.splitlines()
    assert not (public_site.out / "robots.txt").exists()
    for page in pages(public_site.out):
        text = page.read_text("utf-8")
        assert "noindex" not in text and "Situs penilai" not in text, page


def test_site_url_puts_404_and_sitemap_under_the_sub_path(tmp_path, project):
    out = tmp_path / "out"
    build_site(project, AS_OF, out=out, sources_dir=tmp_path / "src", site_url="https://unit.github.io/zi")
    not_found = (out / "404.html").read_text("utf-8")
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', not_found)
    assert assets and all(a.startswith("/zi/") for a in assets), assets
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://unit.github.io/zi/index.html" in locs and "https://unit.github.io/zi/indeks-bukti/index.html" in locs
    assert all(loc.startswith("https://unit.github.io/zi/") for loc in locs)


def _guard_script() -> str:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    build = next(i for i, r in enumerate(runs) if r.startswith("make site"))
    guard = next(i for i, s in enumerate(steps) if "Tolak situs penilai" in s.get("name", ""))
    assert build < guard < next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert 'SITE_URL="${{ steps.pages.outputs.base_url }}/"' in runs[build]
    return steps[guard]["run"]


@pytest.mark.parametrize(("which", "published"), [("public_site", True), ("reviewer_site", False)])
def test_publish_workflow_refuses_a_reviewer_site(which, published, request, tmp_path):
    site = request.getfixturevalue(which).out
    work = tmp_path / "repo"
    work.mkdir()
    (work / "site").symlink_to(site)
    result = subprocess.run(["bash", "-e", "-c", _guard_script()], cwd=work, capture_output=True, text=True)
    assert (result.returncode == 0) is published, result.stdout + result.stderr


def test_publish_workflow_refuses_a_site_without_marker(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>")
    assert subprocess.run(["bash", "-e", "-c", _guard_script()], cwd=tmp_path, capture_output=True).returncode != 0


# -- 6: a new unit renders cleanly; the demo as of a date in its period ------------------------

@pytest.fixture(scope="module")
def new_unit_site(tmp_path_factory):
    from build_tools.unit.init import init_unit

    work = tmp_path_factory.mktemp("newunit")
    root = work / "unit"
    init_unit(root, "permenpanrb-90-2021", "Balai Contoh", 2026)
    import datetime as dt

    out = work / "site"
    build_site(root, dt.date(2026, 11, 20), out=out, sources_dir=work / "src")
    return root, out


def test_new_unit_shows_no_stray_separator_or_doubled_word(new_unit_site):
    root, out = new_unit_site
    # Doubled words the worksheet itself has ("monitoring dan dan evaluasi") are transcribed as they are.
    sources = " ".join((root / "plan.yaml").read_text("utf-8").split()) + " ".join(
        (REPO / "build_tools" / "models" / "permenpanrb-90-2021.yaml").read_text("utf-8").split())
    found = []
    for page in pages(out):
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style).*?</\1>", " ", page.read_text("utf-8"),
                                                              flags=re.S)))
        for block in text.split("\n"):
            line = " ".join(block.split())
            if line in ("·", "|") or re.search(r"·\s*·|^\s*·|·\s*$", line):
                found.append(f"{page.relative_to(out)}: stray separator in {line[:80]!r}")
            doubled = re.search(r"\b(\w{2,})\s+\1\b", line, re.I)
            if doubled and not doubled.group(1).isdigit() and doubled.group(0) not in sources:
                found.append(f"{page.relative_to(out)}: doubled {doubled.group(0)!r} in {line[:80]!r}")
    assert found == []


def test_long_late_list_is_grouped_by_area_and_folded(new_unit_site):
    root, out = new_unit_site
    project = load_project(root, __import__("datetime").date(2026, 11, 20))
    late = [s for s in project.completeness.items if s.late]
    assert len(late) > LATE_FLAT
    home = (out / "index.html").read_text("utf-8")
    groups = re.findall(r'<details class="zi-group">\s*<summary>(.*?)</summary>(.*?)</details>', home, re.S)
    by_area = {}
    for s in late:
        by_area.setdefault(s.code.split(".")[0], []).append(s.code)
    assert len(groups) == len(by_area)
    for (summary, body), (area, codes) in zip(groups, by_area.items()):
        assert summary.startswith(f"{area}. ") and summary.endswith(f"({len(codes)})")
        assert all(f'href="bukti/{c}/index.html"' in body for c in codes)
    assert "open" not in re.findall(r"<details[^>]*>", home)[0]


def test_demo_is_shown_as_of_a_date_in_its_period(demo_site):
    project = load_project(demo_site.root, AS_OF)
    period = list(project.plan.period.months())
    home = (demo_site.out / "index.html").read_text("utf-8")
    due = re.findall(r"Jatuh tempo bulan ini: ([A-Za-z]+ \d{4})", home)
    assert due and due[0] in {m.label() for m in period}
    years = {int(y) for y in re.findall(r"\b(20\d\d)\b", " ".join(blocks(demo_site.out / "index.html")))}
    assert years <= {m.year for m in period}, years


def test_demo_answers_agree_with_its_evidence(demo_site):
    from build_tools.unit.demo import AS_OF_FILE

    as_of = __import__("datetime").date.fromisoformat((demo_site.root / AS_OF_FILE).read_text().strip())
    project = load_project(demo_site.root, as_of)
    answers = load_answers(demo_site.root / "lke.yaml", project.plan)
    lke = assess(project.plan, project.completeness, answers)
    assert lke.unsupported == ()
    complete = {s.code for s in project.completeness.items if s.status is Status.COMPLETE}
    model = answers.model
    for q in [*model.questions, *model.choice_indicators]:
        a = answers.answer(q.id)
        assert a is not None and a.evidence, q.id
        if set(a.evidence) <= complete:
            assert lke.unit.question(q.id).value == pytest.approx(1.0), (q.id, lke.unit.question(q.id).answer)
    assert lke.unit.question("A.I.1.i.a").answer == "Ya"


# -- 10: light -----------------------------------------------------------------------------------

def test_site_carries_no_dead_weight(demo_site):
    site = demo_site.out
    sizes = site_size(site)
    assert sizes["without_evidence"] < 4_000_000, sizes
    assert list(site.rglob("*.map")) == []
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert sorted(p.name for p in (site / "search").iterdir()) == ["search_index.js"]
    for asset in site.glob("assets/**/*.min.*"):
        assert b"sourceMappingURL" not in asset.read_bytes()[-300:], asset
    config = yaml.safe_load((demo_site.src / "mkdocs.yml").read_text("utf-8"))
    assert config["plugins"][0] == {"search": {"lang": "en"}}


def test_audiences_get_their_own_theme_overrides(public_site, reviewer_site):
    public = (public_site.src / "overrides" / "main.html").read_text("utf-8")
    reviewer = (reviewer_site.src / "overrides" / "main.html").read_text("utf-8")
    # Both escape <title> again after the theme's striptags (one shared partial, shipped to both audiences);
    # only the reviewer site has the banner and noindex.
    include = '{% include "partials/zi-title.html" %}'
    assert include in public and include in reviewer
    for site in (public_site, reviewer_site):
        title = (site.src / "overrides" / "partials" / "zi-title.html").read_text("utf-8")
        assert title.count("| striptags | e }}") == 5, title  # every text printed in <title>
    assert "noindex" not in public and "zi-banner" not in public
    assert "noindex, nofollow" in reviewer and "zi-banner" in reviewer
    assert Audience.REVIEWER.value == "penilai"
