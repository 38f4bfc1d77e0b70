"""Verdicts in the browser: a reviewer fills the forms of the reviewer site from disk, reloads,
downloads reviews.yaml and jawaban-tpi.yaml, and the tool applies them. The public site has none of it."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import yaml

from build_tools.assess.lke_answers import load_answers
from build_tools.cli import main
from build_tools.evidence.audience import Audience
from build_tools.models.lke_samples import write_sample_answers
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import load_plan
from build_tools.site.build import build_site
from build_tools.unit.init import init_unit
from build_tools.unit.samples import populate

pytestmark = pytest.mark.browser
AS_OF = dt.date(2026, 8, 1)
NOTE = 'Belum "sah": tanda tangan <script>alert(1)</script> # bukan komentar\nbaris dua: 100% ✓ 😀'
QUESTION = "A.I.1.i.b"


@pytest.fixture(scope="module")
def reviewer_unit(tmp_path_factory):
    root = tmp_path_factory.mktemp("verdicts") / "unit"
    init_unit(root, "permenpanrb-90-2021", "Balai Contoh", 2026)
    plan = load_plan(root / "plan.yaml")
    write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"),
                         {QUESTION: {"jawaban": "A", "bukti": [plan.codes[0]], "tpi": "B"}})
    codes = list(plan.codes)
    populate(root, plan, codes=codes[:1])  # evidence present: only the verdict can reject it
    (root / "reviews.yaml").write_text(yaml.safe_dump({
        codes[5]: {"putusan": "diterima", "penilai": "Sari", "tanggal": "2026-07-01", "catatan": "Sudah lengkap."},
    }, sort_keys=False), encoding="utf-8")
    out = root.parent / "site-penilai"
    build_site(root, AS_OF, out=out, sources_dir=root.parent / "src", audience=Audience.REVIEWER)
    return root, out, codes


@pytest.fixture
def chromium(browser):
    return browser


def _fill(page, form, verdict: str, reviewer: str, date: str, note: str) -> None:
    form.locator("select[name=putusan]").select_option(verdict)
    form.locator("input[name=penilai]").fill(reviewer)
    form.locator("input[name=tanggal]").fill(date)
    form.locator("textarea[name=catatan]").fill(note)


def test_verdicts_entered_offline_survive_reload_download_and_apply(chromium, reviewer_unit, tmp_path):
    root, site, codes = reviewer_unit
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
               else (errors.append(route.request.url), route.abort()))

    def open_code(code: str):
        page.goto((site / "bukti" / code / "index.html").as_uri())
        form = page.locator(f"form.zi-putusan[data-zi-id='{code}']")
        form.wait_for()
        return form

    # The verdict already in reviews.yaml is the form's starting value.
    form = open_code(codes[5])
    assert form.locator("select[name=putusan]").input_value() == "diterima"
    assert form.locator("input[name=penilai]").input_value() == "Sari"
    entered = {codes[0]: ("ditolak", "Budi Santoso", "2026-07-20", NOTE),
               codes[1]: ("perlu_perbaikan", "Sari", "2026-07-21", "Lampiran kurang."),
               codes[2]: ("diterima", "Budi", "2026-07-22", "")}
    for code, values in entered.items():
        _fill(page, open_code(code), *values)
    page.goto((site / "lke" / "area-1" / "index.html").as_uri())
    question = page.locator(f"form.zi-putusan[data-zi-id='{QUESTION}']")
    assert question.locator("select[name=tpi]").input_value() == "B"  # the TPI answer in lke.yaml
    question.locator("select[name=tpi]").select_option("C")
    _fill(page, question, "perlu_perbaikan", "Sari", "2026-07-23", "Bukti rapat belum ada.")
    # A reload (a new page load from disk) shows what was entered.
    page.reload()
    form = open_code(codes[0])
    page.reload()
    form = page.locator(f"form.zi-putusan[data-zi-id='{codes[0]}']")
    assert form.locator("select[name=putusan]").input_value() == "ditolak"
    assert form.locator("textarea[name=catatan]").input_value() == NOTE
    assert "tersimpan" in form.locator(".zi-putusan-status").inner_text()
    # The list page shows every verdict and downloads the files.
    page.goto((site / "putusan" / "index.html").as_uri())
    table = page.locator("#zi-putusan-daftar tbody")
    table.locator("tr").first.wait_for()
    text = table.inner_text()
    assert all(code in text for code in [*entered, codes[5], QUESTION])
    assert "<script>" in text and page.locator("#zi-putusan-daftar script").count() == 0
    files = {}
    for button, name in (("reviews", "reviews.yaml"), ("tpi", "jawaban-tpi.yaml")):
        with page.expect_download() as info:
            page.locator(f"button[data-zi-unduh='{button}']").click()
        assert info.value.suggested_filename == name
        files[name] = tmp_path / name
        info.value.save_as(files[name])
    context.close()
    assert errors == []

    # The unit takes the files unchanged: reviews.yaml replaces its own, lke-import applies the TPI answers.
    shutil.copy(files["reviews.yaml"], root / "reviews.yaml")
    assert main(["lke-import", str(files["jawaban-tpi.yaml"]), "--root", str(root)]) == 0
    out = tmp_path / "score.json"
    assert main(["score", "--root", str(root), "--as-of", AS_OF.isoformat(), "--format", "json",
                 "--out", str(out)]) == 0
    report = json.loads(out.read_text("utf-8"))
    reviews = {r["code"]: r for r in report["reviews"]}
    for code, (verdict, reviewer, date, note) in entered.items():
        assert (reviews[code]["verdict"], reviews[code]["reviewer"], reviews[code]["date"], reviews[code]["note"]) \
            == (verdict, reviewer, date, note)
    assert reviews[codes[5]]["verdict"] == "diterima"
    assert load_answers(root / "lke.yaml", load_plan(root / "plan.yaml")).response(QUESTION, "tpi").choice == "C"
    tpi_answers = {q["id"]: q["answer"] for q in report["tpi"]["questions"]}
    assert tpi_answers[QUESTION] == "C"
    rejected = [u for u in report["gaps"]["unsupported"] if u["id"] == QUESTION]
    assert rejected and rejected[0]["reason"] == "rejected"  # the rejected code no longer supports the answer
    assert "putusan: perlu_perbaikan" in files["jawaban-tpi.yaml"].read_text("utf-8")  # the TPI's record


def test_public_build_has_no_form_and_no_script(public_site):
    pages = sorted(public_site.out.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        text = path.read_text("utf-8")
        assert "zi-putusan" not in text and "<textarea" not in text and "putusan.js" not in text, path
    assert not list(public_site.out.rglob("putusan.js")) and not (public_site.out / "putusan").exists()


def test_reviewer_build_has_the_forms(reviewer_site):
    page = (reviewer_site.out / "bukti" / "I.1.a" / "index.html").read_text("utf-8")
    assert 'class="zi-putusan"' in page and "assets/putusan.js" in page
    card = (reviewer_site.out / "lke" / "area-1" / "index.html").read_text("utf-8")
    assert card.count('data-zi-jenis="soal"') == card.count('class="zi-lke-q')
    assert (reviewer_site.out / "putusan" / "index.html").is_file()
