"""Every text from a unit's files is escaped in every output.

Two units are made hostile once per session (see ``input_support``): the
golden guideline unit (2019 model from a unit model file, lke.yaml, reviews,
surveys) and a fresh ``init --unit <hostile>`` unit of the 2021 LKE model
(LKE model file of its own). Every output is built from them with the real
command line, and each output is checked for its own kind of escaping:

| output | promise |
|---|---|
| check/score/lke text | no control character; the text shown literally |
| check/score/lke JSON | valid; the text round-trips exactly |
| JUnit | well-formed XML; the text round-trips exactly |
| XLSX | no formula holds an input text; the text is a string cell, exactly |
| CSV | no cell a spreadsheet would read as a formula; ours are numbers |
| site HTML (publik, penilai, LKE unit) | no element, handler or link made by the text, including ``<title>``, meta tags, nav, the search index and sitemap; ``mkdocs.yml`` values escaped |
| bundle PDF | the text extracted literally (pypdf and pdftotext), in the metadata too |

Error paths (a hostile text where a choice, a date or an answer belongs) end
with exit 2 and a message naming file and line, the text shown, no traceback.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from input_support import (
    FORMULA_STARTS,
    HOSTILE,
    HOSTILE_NAME,
    cli,
    hostile_lke_unit,
    hostile_unit,
    html_injections,
    html_text,
    html_title,
    no_traceback,
)

GUIDELINE_AS_OF = "2020-09-15"
LKE_AS_OF = "2026-08-15"
# The part of HOSTILE that only survives when every renderer escaped it faithfully.
LITERAL = "</title><script>alert('zi')</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Both hostile units and every output built from them: name → path."""
    work = tmp_path_factory.mktemp("hostile-escaping")
    root, lke_root = work / "unit", work / "lke-unit"
    hostile_unit(root)
    hostile_lke_unit(lke_root)
    out = work / "out"
    out.mkdir()
    common = ["--root", root, "--as-of", GUIDELINE_AS_OF]
    runs = []
    for fmt in ("text", "json", "junit"):
        runs.append(cli("check", *common, "--format", fmt, "--out", out / f"check.{fmt}", "--report-only"))
    runs.append(cli("score", *common, "--format", "text", "--out", out / "score.text"))
    runs.append(cli("score", *common, "--format", "json", "--out", out / "score.json",
                    "--xlsx", out / "score.xlsx", "--csv", out / "score.csv"))
    runs.append(cli("lke", *common, "--format", "text", "--out", out / "lke.text"))
    runs.append(cli("lke", *common, "--format", "json", "--out", out / "lke.json", "--xlsx", out / "lke.xlsx"))
    for audience in ("publik", "penilai"):
        runs.append(cli("bundle", *common, "--audience", audience, "--out", out / f"bundle-{audience}.pdf",
                        "--allow-broken", "--no-cache"))
        runs.append(cli("site", *common, "--audience", audience, "--out", out / f"site-{audience}",
                        "--src", out / f"src-{audience}"))
    lke_common = ["--root", lke_root, "--as-of", LKE_AS_OF]
    runs.append(cli("check", *lke_common, "--format", "junit", "--out", out / "lke-check.junit", "--report-only"))
    runs.append(cli("score", *lke_common, "--format", "json", "--out", out / "lke-score.json",
                    "--xlsx", out / "lke-score.xlsx", "--csv", out / "lke-score.csv"))
    runs.append(cli("site", *lke_common, "--out", out / "site-lke", "--src", out / "src-lke"))
    for run in runs:
        no_traceback(run)
        assert run.code == 0, run.text
    return {p.name: p for p in out.iterdir()}


def _has_literal(text: str) -> bool:
    return LITERAL in text


# -- text, JSON, JUnit ---------------------------------------------------------

@pytest.mark.parametrize("name", ["check.text", "score.text", "lke.text"])
def test_text_reports_show_the_text_literally_without_control_characters(built, name):
    text = built[name].read_bytes().decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert _has_literal(text) or name == "lke.text"  # lke.text prints no plan text
    assert "alert" in text


@pytest.mark.parametrize("name", ["check.json", "score.json", "lke.json", "lke-score.json"])
def test_json_reports_round_trip_the_text(built, name):
    data = json.loads(built[name].read_text("utf-8"))
    assert data["unit"].startswith(HOSTILE)


@pytest.mark.parametrize("name", ["check.junit", "lke-check.junit"])
def test_junit_is_well_formed_and_holds_the_text_exactly(built, name):
    root = ET.parse(built[name]).getroot()
    values = [v for el in root.iter() for v in el.attrib.values()] + [el.text or "" for el in root.iter()]
    assert any(HOSTILE in v for v in values)


# -- spreadsheets -----------------------------------------------------------------

def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        return [f for name in book.namelist() if name.startswith("xl/worksheets/")
                for f in re.findall(r"<f>(.*?)</f>", book.read(name).decode("utf-8"))]


@pytest.mark.parametrize("name", ["score.xlsx", "lke.xlsx", "lke-score.xlsx"])
def test_no_input_text_becomes_a_formula_in_a_workbook(built, name):
    from openpyxl import load_workbook

    formulas = _formulas(built[name])
    assert formulas, "our own live formulas stay formulas"
    assert not [f for f in formulas if "alert" in f or "HYPERLINK" in f or "javascript" in f]
    # Ours are made of cell references, functions, numbers and short quoted choices ("Ya").
    plain = [re.sub(r'"[A-Za-z/ ]{0,10}"', "", f.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&")) for f in formulas]
    assert [f for f in plain if not re.fullmatch(r"[A-Z0-9(),.:+\-*/=<>& ]*", f)] == []
    if name != "lke.xlsx":  # the guideline unit's LKE sheet is the shipped model's texts only
        texts = [c.value for ws in load_workbook(built[name]).worksheets for row in ws.iter_rows()
                 for c in row if isinstance(c.value, str)]
        assert any(t.startswith(HOSTILE) or HOSTILE in t for t in texts)


@pytest.mark.parametrize("name", ["score.csv", "lke-score.csv"])
def test_no_csv_cell_reads_as_a_formula(built, name):
    import csv

    rows = list(csv.reader(io.StringIO(built[name].read_text("utf-8"), newline="")))
    cells = [c for r in rows for c in r if c]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert any(c.startswith("'" + HOSTILE) for c in cells)


# -- the site ----------------------------------------------------------------------

SITES = ["site-publik", "site-penilai", "site-lke"]


@pytest.mark.parametrize("site", SITES)
def test_no_page_of_the_site_obeys_the_text(built, site):
    pages = sorted(built[site].rglob("*.html"))
    assert len(pages) > 50
    found = {p.relative_to(built[site]).as_posix(): html_injections(p.read_text("utf-8")) for p in pages}
    assert {page: f for page, f in found.items() if f} == {}


@pytest.mark.parametrize("site", SITES)
def test_titles_show_the_text_literally(built, site):
    title = html_title((built[site] / "index.html").read_text("utf-8"))
    assert f"Zona Integritas {HOSTILE}" in title
    evidence = sorted((built[site] / "bukti").glob("*/index.html"))[0]
    assert LITERAL in html_title(evidence.read_text("utf-8"))


@pytest.mark.parametrize("site", SITES)
def test_search_index_and_sitemap_hold_no_markup_from_the_text(built, site):
    # The site keeps one copy of the index: search_index.js (var __index = {…}), which also serves http.
    text = (built[site] / "search" / "search_index.js").read_text("utf-8")
    index = json.loads(text[text.index("{"):text.rindex("}") + 1])
    fragments = [d[k] for d in index["docs"] for k in ("title", "text")]
    assert any("alert(" in f for f in fragments)
    assert [f for f in fragments if html_injections(f)] == []
    sitemap = built[site] / "sitemap.xml"
    ET.parse(sitemap)
    assert "<script" not in sitemap.read_text("utf-8")


@pytest.mark.parametrize("src", ["src-publik", "src-penilai", "src-lke"])
def test_every_value_of_the_generated_mkdocs_yml_is_escaped(built, src):
    config = yaml.safe_load((built[src] / "mkdocs.yml").read_text("utf-8"))

    def titles(nav):
        for entry in nav:
            if isinstance(entry, dict):
                for title, target in entry.items():
                    yield title
                    if isinstance(target, list):
                        yield from titles(target)

    values = [config["site_name"], config["site_description"], config["copyright"], *titles(config["nav"])]
    assert not [v for v in values if re.search(r"[<>\"']", v)]
    assert "&lt;script&gt;" in config["site_name"]


def test_init_unit_name_is_not_pasted_as_markup(built):
    about = (built["site-lke"] / "tentang.html").read_text("utf-8")
    assert html_injections(about) == []
    assert "alert(&#39;zi&#39;)" in about or "alert('zi')" in about.replace("&#39;", "'")


# -- the bundle ---------------------------------------------------------------------

@pytest.mark.parametrize("audience", ["publik", "penilai"])
def test_bundle_text_and_metadata_show_the_text_literally(built, audience):
    from pypdf import PdfReader

    pdf = built[f"bundle-{audience}.pdf"]
    reader = PdfReader(pdf)
    front = "\n".join(reader.pages[n].extract_text() for n in range(4))
    assert "alert('zi')" in front and "HYPERLINK" in front
    assert HOSTILE in str(reader.metadata.get("/Author"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-l", "4", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "alert('zi')" in text


def test_a_hostile_file_name_is_shown_literally_to_reviewers(built):
    page = (built["site-penilai"] / "bukti" / "I.1.a" / "index.html").read_text("utf-8")
    assert html_injections(page) == []
    assert f"{HOSTILE_NAME}.pdf" in html_text(page)
    names = [f["name"] for i in json.loads(built["check.json"].read_text("utf-8"))["items"] for f in i["files"]]
    assert f"{HOSTILE_NAME}.pdf" in names


# -- error paths: a hostile text where a choice, a date or an answer belongs ----------

ERROR_CASES = [
    # (file, text to write, where the hostile text goes, whether the message quotes it)
    ("reviews.yaml", 'I.1.a: {putusan: "{h}"}\n', "putusan", True),
    ("reviews.yaml", 'I.1.a: {putusan: diterima, tanggal: "{h}"}\n', "tanggal", True),
    ("reviews.yaml", '"{h}": {putusan: diterima}\n', "kode", True),
    ("penilaian.yaml", 'instansi: {akip: "{h}"}\n', "akip", False),
    ("penilaian.yaml", 'instansi: {opini_bpk: {2019: "{h}"}}\n', "opini_bpk", False),
    ("penilaian.yaml", 'unit: {sudah_wbk: "{h}"}\n', "sudah_wbk", False),
    ("penilaian.yaml", 'tlhp: {temuan: "{h}"}\n', "temuan", False),
    ("survei/persepsi_korupsi/a.csv", "kejelasan_biaya;percaloan;imbalan;komisi;kkn\n4;4;4;4;\"{h}\"\n",
     "jawaban", True),
    ("survei/{h}/a.csv", "kejelasan_biaya;percaloan;imbalan;komisi;kkn\n4;4;4;4;4\n", "folder", True),
]


@pytest.mark.parametrize(("target", "content", "where", "quoted"), ERROR_CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in ERROR_CASES])
def test_a_hostile_text_in_a_choice_is_an_error_naming_file_and_line(project, target, content, where, quoted,
                                                                     capsys):
    from build_tools.cli import main

    hostile = HOSTILE_NAME if "{h}" in target else HOSTILE.replace('"', "'")
    path = project / target.replace("{h}", hostile)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content.replace("{h}", hostile), encoding="utf-8")
    assert main(["score", "--root", str(project), "--as-of", "2020-06-01"]) == 2
    err = capsys.readouterr().err
    assert target.split("/")[0].replace("{h}", "") in err and "Traceback" not in err
    assert re.search(r":\d+(:\d+)?: |/a\.csv: |survei/", err)
    assert ("alert" in err) is quoted
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", err)


CONTROL_TEXT = "Judul\x1b[2J\x07\x0b\x0c\x85 dengan kendali \ud800"


LONE_SURROGATES = ["\ud800", "\udfff", "a\udc80b", "\ud83d"]  # YAML "\\u…" escapes no output can encode


@pytest.mark.parametrize("surrogate", LONE_SURROGATES, ids=["ud800", "udfff", "udc80", "half-emoji"])
@pytest.mark.parametrize("command", ["site", "bundle"])
def test_a_lone_surrogate_in_a_plan_text_reaches_every_output_as_a_replacement(project, surrogate, command):
    text = (project / "plan.yaml").read_text("utf-8")
    text = text.replace("nama: Direktorat Pembinaan Pengusahaan Mineral",
                        f"nama: {json.dumps('Direktorat ' + surrogate)}", 1)
    (project / "plan.yaml").write_text(text, encoding="utf-8")
    out = project.parent / "out"
    args = (["site", "--out", out / "site"] if command == "site"
            else ["bundle", "--out", out / "b.pdf", "--allow-broken"])
    run = cli(*args, "--root", project, "--as-of", "2020-06-01")
    no_traceback(run)
    assert run.code == 0, run.text
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    assert "\ufffd" in json.dumps(manifest, ensure_ascii=False)
    if command == "site":
        shown = "Direktorat " + re.sub("[\ud800-\udfff]", "\ufffd", surrogate)
        assert shown in (out / "site" / "index.html").read_text("utf-8")
    else:
        assert cli("verify", out / "b.pdf").code == 0


def test_control_characters_in_a_text_never_break_a_report(project):
    text = (project / "plan.yaml").read_text("utf-8")
    escaped = json.dumps(CONTROL_TEXT)  # a YAML double-quoted scalar with \\e, \\a, \\v … escapes
    text = text.replace("nama: Direktorat Pembinaan Pengusahaan Mineral", f"nama: {escaped}", 1)
    (project / "plan.yaml").write_text(text, encoding="utf-8")
    out = project.parent / "out"
    runs = [cli("check", "--root", project, "--as-of", "2020-06-01", "--format", fmt, "--out", out / f"c.{fmt}",
                "--report-only") for fmt in ("text", "json", "junit")]
    runs.append(cli("score", "--root", project, "--as-of", "2020-06-01", "--format", "text", "--out", out / "s.txt",
                    "--xlsx", out / "s.xlsx", "--csv", out / "s.csv"))
    for run in runs:
        no_traceback(run)
        assert run.code == 0, run.text
    shown = (out / "c.text").read_text("utf-8")
    assert "Judul\\x1b[2J\\x07" in shown and "\x1b" not in shown
    root = ET.parse(out / "c.junit").getroot()
    assert root.find("testsuite") is not None
    assert json.loads((out / "c.json").read_text("utf-8"))["unit"].startswith("Judul\x1b[2J")
    assert "\x1b" not in (out / "s.txt").read_text("utf-8")
