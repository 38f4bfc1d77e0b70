"""The spreadsheet, the CSV and the Penilaian page, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook

from build_tools.cli import main
from build_tools.core.numbers import round_half_up
from build_tools.pipeline import assess_project, load_project
from build_tools.site.charts import esc
from build_tools.site.score_page import render_score_page
from build_tools.unit.samples import populate

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def partial_unit(project: Path, shipped_plan) -> Path:
    """Areas I–IV and VI complete, V empty; one rejection; surveys and data declared."""
    populate(project, shipped_plan, codes=[c for c in shipped_plan.codes if not c.startswith("V.")])
    (project / "reviews.yaml").write_text(
        "III.1.a:\n  putusan: ditolak\n  penilai: TPI <Itjen>\n  tanggal: 2020-05-04\n"
        "  catatan: \"Bukan SK final | lihat *draf* <script>alert(1)</script>\"\n", encoding="utf-8")
    survey = project / "survei" / "persepsi_korupsi" / "2020.csv"
    survey.parent.mkdir(parents=True)
    survey.write_text("kejelasan_biaya;percaloan;imbalan;komisi;kkn\n" + "4;4;3;3;4\n" * 31, encoding="utf-8")
    (project / "penilaian.yaml").write_text("tlhp: {temuan: 4, ditindaklanjuti: 3}\n", encoding="utf-8")
    return project


def run_json(root: Path, tmp_path: Path, capsys) -> dict:
    assert main(["score", "--root", str(root), "--as-of", "2020-07-01", "--format", "json",
                 "--xlsx", str(tmp_path / "out" / "p.xlsx"), "--csv", str(tmp_path / "out" / "p.csv")]) == 0
    return json.loads(capsys.readouterr().out)


def test_xlsx_sums_equal_the_json(partial_unit: Path, tmp_path: Path, capsys) -> None:
    data = run_json(partial_unit, tmp_path, capsys)
    # Hand-computed: V is empty (-15); III loses III.1.a (15 / 6 components / 3 items = 0.8333),
    # so III = 14.1667 → 14.17. Survey index (4+4+3+3+4)/5 = 3.6 → 3.6 / 4 × 15 = 13.5;
    # TLHP 3 of 4 → 0.75 × 5 = 3.75.
    assert next(a["score"] for a in data["areas"] if a["id"] == "III") == 14.17
    assert data["pengungkit"] == 44.17
    assert data["hasil"] == 13.5 + 3.75
    assert data["total"] == 61.42
    wb = load_workbook(tmp_path / "out" / "p.xlsx")
    ws = wb["Penilaian"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    areas = {r[1]: r for r in rows if r[0] == "Area"}
    json_areas = {a["id"]: a for a in data["areas"]}
    assert set(areas) == set(json_areas)
    for area_id, row in areas.items():
        assert row[5] == json_areas[area_id]["score"]
        assert row[3] == json_areas[area_id]["weight"]
    parts = {r[1]: r[5] for r in rows if r[0] == "Bagian"}
    assert parts == {"A": data["pengungkit"], "B": data["hasil"]}
    total = next(r for r in rows if r[0] == "Total")
    assert total[5] == data["total"]
    # Every sum equals its rows below, and its check formula names exactly those rows.
    for n, row in enumerate(rows):
        if row[0] in ("Area", "Komponen"):
            child = "Bukti" if row[0] == "Komponen" else ("Komponen", "Sub komponen")
            kids = []
            for k in range(n + 1, len(rows)):
                if rows[k][0] in ("Area", "Bagian", "Total") or rows[k][0] == row[0]:
                    break
                if rows[k][0] in child:
                    kids.append(k)
            if row[0] == "Area":      # areas are rounded to 2 decimals, components keep full precision
                assert round_half_up(sum(rows[k][5] for k in kids)) == row[5]
            else:
                assert sum(rows[k][5] for k in kids) == pytest.approx(row[5])
            refs = re.findall(r"F(\d+)", row[6])
            assert [int(x) - 4 for x in refs] == kids
    conditions = list(wb["Syarat"].iter_rows(min_row=2, values_only=True))
    assert ("WBK (Wilayah Bebas dari Korupsi)", "KESIMPULAN") == conditions[6][:2]
    gaps = list(wb["Selisih"].iter_rows(min_row=2, values_only=True))
    assert [g[:2] for g in gaps[:2]] == [(1, "V.1.a"), (2, "V.1.b")] and gaps[0][3] == 1.5
    rejected = next(g for g in gaps if g[1] == "III.1.a")
    assert (rejected[3], rejected[4]) == (0.8333, "ditolak TPI")


def test_csv_has_the_worksheet_rows(partial_unit: Path, tmp_path: Path, capsys) -> None:
    data = run_json(partial_unit, tmp_path, capsys)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "p.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["jenis", "id", "uraian", "bobot", "nilai", "skor", "status", "putusan_tpi",
                             "jawaban", "bukti"]
    areas = {r["id"]: float(r["skor"]) for r in rows if r["jenis"] == "area"}
    assert areas == {a["id"]: a["score"] for a in data["areas"]}
    rejected = next(r for r in rows if r["id"] == "III.1.a")
    assert (rejected["skor"], rejected["putusan_tpi"]) == ("0.0", "ditolak")
    assert float(next(r for r in rows if r["jenis"] == "total")["skor"]) == data["total"]


def test_penilaian_page_content_and_svg(partial_unit: Path) -> None:
    r = assess_project(load_project(partial_unit, dt.date(2020, 7, 1), use_cache=False))
    page = render_score_page(r)
    assert page.startswith("# Penilaian\n")
    assert "<script" not in page
    assert "Bukan SK final &#124; lihat &#42;draf&#42; &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "TPI &lt;Itjen&gt;" in page
    assert "## Syarat WBK (Wilayah Bebas dari Korupsi): belum memenuhi syarat" in page
    assert "| ✗ | Nilai total (pengungkit dan hasil) minimal 75 | 75 |" in page
    assert "| III.1.a | ditolak | TPI &lt;Itjen&gt; | 4 Mei 2020 | Bukan SK final" in page
    assert "| V.1.a |" in page and "| +" not in page
    assert "| Survei Persepsi Korupsi | 31 | 3,60 | 13,50 / 15,00 |" in page
    assert "## Cara menghitung" in page and "pilihan alat" in page and "| pedoman |" in page
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert "\n\n" not in svg
    summary = ET.fromstring(svgs[0]).findall(f"{SVG}g")
    assert [(g.get("data-id"), float(g.get("data-score")), float(g.get("data-weight"))) for g in summary] == [
        ("total", 61.42, 100.0), ("pengungkit", 44.17, 60.0), ("hasil", 17.25, 40.0)]
    bars = ET.fromstring(svgs[1])
    groups = bars.findall(f"{SVG}g")
    assert [g.get("data-id") for g in groups] == ["I", "II", "III", "IV", "V", "VI", "B.1", "B.2"]
    for g, area in zip(groups, r.areas):
        track, fill = g.findall(f"{SVG}rect")
        assert float(g.get("data-score")) == area.score
        assert float(fill.get("width")) == pytest.approx(float(track.get("width")) * area.score / area.weight,
                                                         abs=0.1)
    # The plan's promise by 1 July 2020 for area III is drawn as a tick at its share of the track.
    tick = groups[2].find(f"{SVG}line")
    track = groups[2].find(f"{SVG}rect")
    assert float(tick.get("x1")) == pytest.approx(float(track.get("x")) + float(track.get("width")) * r.group("III").planned / 15,
                                                  abs=0.1)
    assert groups[4].find(f"{SVG}rect[@class='score']").get("width") == "0.0"
    timeline = ET.fromstring(svgs[2])
    months = timeline.findall(f"{SVG}g")
    assert [m.get("data-month") for m in months] == [f"2020-{n:02d}" for n in range(1, 13)]
    assert float(months[-1].get("data-planned")) == 60.0
    assert float(months[-1].get("data-delivered")) == 44.17


def test_escape_covers_html_and_markdown() -> None:
    assert esc("a|b *c* _d_ [e](f) `g` #h <i> & 'j' \"k\"") == (
        "a&#124;b &#42;c&#42; &#95;d&#95; &#91;e&#93;(f) &#96;g&#96; &#35;h &lt;i&gt; &amp; &#39;j&#39; &quot;k&quot;")


def test_page_renders_through_markdown_with_svg_and_tables_intact(partial_unit: Path) -> None:
    import markdown

    r = assess_project(load_project(partial_unit, dt.date(2020, 7, 1), use_cache=False))
    html = markdown.markdown(render_score_page(r), extensions=["tables"])
    assert html.count("<svg") == 3 and html.count("</svg>") == 3
    assert "<p><svg" not in html           # raw HTML blocks, not wrapped or escaped
    assert html.count("<table>") == 7      # summary, WBK, WBBM, gaps, surveys, TPI notes, formulas
    assert "<script" not in html
    assert "Bukan SK final | lihat *draf* &lt;script&gt;" in html.replace("&#124;", "|").replace("&#42;", "*")
    ET.fromstring(f"<div>{html}</div>".replace("&nbsp;", " "))  # the whole page is well-formed XML


def test_xlsx_bytes_depend_only_on_the_figures(partial_unit: Path) -> None:
    import zipfile

    from build_tools.reports.score_xlsx import deterministic, to_xlsx

    r = assess_project(load_project(partial_unit, dt.date(2020, 7, 1), use_cache=False))
    data = to_xlsx(r)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2020, 7, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2020-07-01T00:00:00Z") == 2
    # A save at another moment normalises to the same bytes.
    later = deterministic(data, dt.datetime(2030, 1, 1))
    assert later != data and deterministic(later, dt.datetime(2020, 7, 1)) == data
    load_workbook(io.BytesIO(data))  # still a valid workbook


def test_text_names_a_result_subcomponents_own_minimum_when_its_area_needs_more(project: Path, capsys) -> None:
    assert main(["score", "--root", str(project), "--as-of", "2020-12-31"]) == 0
    out = capsys.readouterr().out
    # With no TLHP data, the survey alone cannot lift area B.1 to 18 (15 is its maximum):
    # the report says what to reach (a rise), which other sub-component must rise too,
    # and still gives the survey's own minimum, 13.5; never "18,00 dari 15,00".
    assert ("[WBK] Survei Persepsi Anti Korupsi: perlu naik 18,00 poin; sub komponen ini paling tinggi 15,00, "
            "jadi syarat area hanya tercapai bila Persentase Tindak Lanjut Hasil Pemeriksaan (TLHP) juga naik; "
            "syarat sub komponen ini sendiri, minimal 13,50: perlu naik 13,50 poin") in out
    assert ("[WBBM] Survei Persepsi Kualitas Pelayanan: perlu naik 16,00 poin, dari 0,00 menjadi 16,00 "
            "(paling tinggi 20,00); indeks survei berikutnya minimal 3,20") in out
    assert "dari 15,00)" not in out and "dari 5,00)" not in out
