"""The LKE worksheet as an input: export → edit → ``lke-import`` → the same lke.yaml content."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import SHIPPED_PLAN, tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lke_support import MODEL_ID, model

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_sheet import (
    ANSWER,
    DATA_SHEET,
    EVIDENCE,
    ID,
    NOTE,
    SHEET,
    TPI,
    VALUE,
)
from build_tools.assess.lke_workbook import build_workbook
from build_tools.assess.lke_worksheet_read import read_worksheet
from build_tools.assess.lke_yaml import content
from build_tools.assess.spreadsheet import MAX_CELLS, read_sheets
from build_tools.cli import main
from build_tools.core.errors import InputError
from build_tools.models.lke import DECREASE, Question
from build_tools.models.lke_plan import plan_yaml, propose_plan
from build_tools.plan.loader import load_plan

LKE_PLAN = plan_yaml(propose_plan(model(), 2026), "Balai Contoh")
HOSTILE_NOTE = 'Rapat =1+1 "kutip" _x0041_ #bukan-komentar: <b>ya</b>\nbaris dua · é ✓ 😀'


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict:
    """Both model kinds: the guideline plan (2019) with an lke.yaml, and an init-style LKE plan."""
    folder = tmp_path_factory.mktemp("plans")
    lke_plan = folder / "lke-plan.yaml"
    lke_plan.write_text(LKE_PLAN, encoding="utf-8")
    return {"2019": load_plan(SHIPPED_PLAN), "lke": load_plan(lke_plan)}


def _counts(draw, q: Question) -> dict[str, int] | None:
    f = q.formula
    assert f is not None
    values = {i.id: draw(st.integers(0, 30)) for i in q.inputs}
    for inp in q.inputs:
        if inp.sum_of:
            values[inp.id] = sum(values[p] for p in inp.sum_of)
    for limit in q.limits:
        remaining = values[limit.at_most]
        for part in limit.parts:
            values[part] = min(values[part], remaining)
            remaining -= values[part]
    needed = {x for x in (f.numerator, f.denominator, f.previous, f.current) if x}
    if f.kind == DECREASE and values[f.previous] == 0 and values[f.current] > 0:
        values[f.current] = 0
    kept = {}
    for inp in q.inputs:
        derived = inp.sum_of and inp.id not in needed
        if inp.id in needed or inp.sum_of or draw(st.booleans()):
            if not (derived and draw(st.booleans())):
                kept[inp.number] = values[inp.id]
    if any(i.sum_of for i in q.inputs) and draw(st.booleans()):
        total = next(i for i in q.inputs if i.sum_of)
        if all(p.rsplit(".", 1)[1] in kept for p in total.sum_of) and total.id not in needed:
            kept.pop(total.number, None)
    return kept


NOTES = st.one_of(st.just(""), st.just(HOSTILE_NOTE),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))


@st.composite
def answer_sets(draw, plan) -> dict:
    m = model()
    codes = list(plan.codes)
    items = [*m.questions, *m.choice_indicators]
    chosen = draw(st.lists(st.sampled_from(range(len(items))), unique=True, max_size=40))
    answers = {}
    for n in sorted(chosen):
        q = items[n]
        percent = isinstance(q, Question) and q.is_percent
        entry: dict = {}

        def response():
            if percent:
                return _counts(draw, q)
            letter = draw(st.sampled_from(q.scale.letters))
            return draw(st.sampled_from([letter, letter.lower(), letter.upper()]))

        if draw(st.booleans()):
            entry["jumlah" if percent else "jawaban"] = response()
        if draw(st.booleans()):
            entry["bukti"] = draw(st.lists(st.sampled_from(codes), unique=True, max_size=3))
        note = draw(NOTES)
        if note:
            entry["catatan"] = note
        if draw(st.integers(0, 3)) == 0:
            entry["tpi"] = response()
        answers[q.id] = entry
    index = st.one_of(st.none(), st.integers(0, 400).map(lambda n: n / 100))
    hasil = {s.id: {k: v for k, v in (("indeks", draw(index)), ("responden", draw(st.one_of(st.none(), st.integers(0, 500)))),
                                      ("populasi", draw(st.one_of(st.none(), st.integers(0, 29))))) if v is not None}
             for s in m.surveys if draw(st.booleans())}
    persyaratan: dict = {}
    if draw(st.booleans()):
        persyaratan["jenis_instansi"] = draw(st.sampled_from(["kl", "pemda"]))
    for c in m.criteria:
        if draw(st.booleans()):
            if c.kind == "grade":
                persyaratan[c.id] = draw(st.sampled_from(c.scale))
            elif c.kind == "number":
                persyaratan[c.id] = draw(st.one_of(st.integers(0, 100), st.integers(0, 1000).map(lambda n: n / 10)))
            else:
                persyaratan[c.id] = draw(st.sampled_from(["ya", "tidak"]))
    return {"versi_format": 1, "model": MODEL_ID, "jawaban": answers, "hasil": hasil, "persyaratan": persyaratan}


def _round_trip(tmp: Path, plan, data: dict):
    source = tmp / "lke.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    original = load_answers(source, plan)
    book = tmp / "lke.xlsx"
    book.write_bytes(build_workbook(original.model, original))
    return original, read_worksheet(book, plan)


@pytest.mark.parametrize("kind", ["2019", "lke"])
def test_round_trip_gives_back_the_same_content(plans, tmp_path_factory, kind):
    plan = plans[kind]

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])
    @given(answer_sets(plan))
    def check(data):
        original, back = _round_trip(tmp_path_factory.mktemp("rt"), plan, data)
        assert content(back) == content(original)

    check()


def _unit(tmp_path: Path, plan_text: str, answers: dict) -> Path:
    root = tmp_path / "unit"
    (root / "evidence").mkdir(parents=True)
    (root / "plan.yaml").write_text(plan_text, encoding="utf-8")
    (root / "lke.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


SAMPLE = {"versi_format": 1, "model": MODEL_ID, "jawaban": {
    "A.I.1.i.a": {"jawaban": "Ya", "bukti": ["I.1.a"], "catatan": HOSTILE_NOTE, "tpi": "Tidak"},
    "A.I.1.i.b": {"jawaban": "B", "bukti": ["I.1.b", "I.2.a"]},
    "A.I.1.ii.a": {"bukti": ["I.2.a"]},
    "A.II.4.i.a": {"jumlah": {1: 12, 2: 10}, "bukti": ["IV.1.a"], "tpi": {1: 12, 2: 9}},
    "A.II.5.iii.i.a": {"jumlah": {2: 1, 3: 4, 4: 0, 5: 5}},
    "B.I.b": "B"},
    "hasil": {"ipak": {"indeks": 3.62, "responden": 120}, "ipkp": {"indeks": 3.41, "responden": 18, "populasi": 20}},
    "persyaratan": {"jenis_instansi": "kl", "opini_bpk": "WTP", "maturitas_spip": 3, "unit_pelayanan_inti": "ya"}}


@pytest.fixture
def lke_unit(tmp_path, plans) -> Path:
    return _unit(tmp_path, LKE_PLAN, SAMPLE)


def _export(root: Path, out: Path) -> Path:
    assert main(["score", "--root", str(root), "--as-of", "2026-08-01", "--xlsx", str(out), "--out",
                 str(root.parent / "score.txt")]) == 0
    return out


def _soffice(source: Path, target_format: str, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice (soffice) wajib ada di CI")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    profile = out_dir / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    target_format, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=180)
    produced = out_dir / (source.stem + "." + target_format.split(":")[0])
    assert produced.is_file()
    return produced


def test_export_marks_inputs_lists_choices_and_protects_formulas(lke_unit, tmp_path):
    book = openpyxl.load_workbook(_export(lke_unit, tmp_path / "lke.xlsx"))
    ws = book[SHEET]
    assert [c.value for c in ws[1]][ANSWER - 1:] == ["Jawaban", "Nilai", "%", "Kode bukti", "Catatan", "Jawaban TPI"]
    assert ws.protection.sheet and book[DATA_SHEET].protection.sheet
    rows = {r[ID - 1].value: r for r in ws.iter_rows(min_row=2) if r[ID - 1].value}
    q = rows["A.I.1.i.a"]
    assert q[ANSWER - 1].value == "Ya" and q[TPI - 1].value == "Tidak" and q[EVIDENCE - 1].value == "I.1.a"
    assert q[NOTE - 1].value.startswith("Rapat =1+1") and q[NOTE - 1].data_type == "s"
    for column in (ANSWER, EVIDENCE, NOTE, TPI):
        assert q[column - 1].protection.locked is False and q[column - 1].fill.fgColor.rgb.endswith("FFF2CC")
    assert q[VALUE - 1].value.startswith("=IF(") and q[VALUE - 1].protection.locked is not False
    assert rows["A.II.4.i.a"][ANSWER - 1].protection.locked is not False  # the % answer is a formula
    assert rows["A.II.4.i.a.2"][TPI - 1].value == 9 and rows["hasil.ipkp.populasi"][ANSWER - 1].value == 20
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "list"}
    answer_cell = q[ANSWER - 1].coordinate
    assert answer_cell in lists['"Ya,Tidak"'].split() and '"A,B,C"' in lists


def test_libreoffice_saved_files_import_the_same(lke_unit, tmp_path):
    exported = _export(lke_unit, tmp_path / "lke.xlsx")
    original = content(load_answers(lke_unit / "lke.yaml", load_plan(lke_unit / "plan.yaml")))
    ods = _soffice(exported, "ods", tmp_path / "lo")
    xlsx = _soffice(ods, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo-xlsx")
    plan = load_plan(lke_unit / "plan.yaml")
    for path in (exported, ods, xlsx):
        assert content(read_worksheet(path, plan)) == original, path.name


def test_lke_import_writes_lke_yaml_and_keeps_the_previous(lke_unit, tmp_path, capsys):
    exported = _export(lke_unit, tmp_path / "lke.xlsx")
    book = openpyxl.load_workbook(exported)
    rows = {r[ID - 1].value: r for r in book[SHEET].iter_rows(min_row=2) if r[ID - 1].value}
    rows["A.I.1.ii.a"][ANSWER - 1].value = "tidak"   # added (blank before)
    rows["A.I.1.i.b"][ANSWER - 1].value = "C"        # changed
    rows["B.I.b"][ANSWER - 1].value = None           # cleared
    rows["A.I.2.i.a"][EVIDENCE - 1].value = "I.1.a; I.2.a"
    book.save(exported)
    before = (lke_unit / "lke.yaml").read_bytes()
    capsys.readouterr()
    assert main(["lke-import", str(exported), "--root", str(lke_unit)]) == 0
    out = capsys.readouterr().out
    assert "1 ditambah, 1 diubah, 1 dikosongkan" in out and "lke.yaml.bak" in out
    assert (lke_unit / "lke.yaml.bak").read_bytes() == before
    answers = load_answers(lke_unit / "lke.yaml", load_plan(lke_unit / "plan.yaml"))
    assert answers.response("A.I.1.ii.a").choice == "Tidak" and answers.response("A.I.1.i.b").choice == "C"
    assert answers.response("B.I.b").blank and answers.answer("A.I.2.i.a").evidence == ("I.1.a", "I.2.a")
    assert answers.answer("A.I.1.i.a").note == HOSTILE_NOTE
    # Without an lke.yaml the file is created, and nothing is kept.
    (lke_unit / "lke.yaml").unlink()
    (lke_unit / "lke.yaml.bak").unlink()
    assert main(["lke-import", str(exported), "--root", str(lke_unit)]) == 0
    assert (lke_unit / "lke.yaml").is_file() and not (lke_unit / "lke.yaml.bak").exists()


def test_five_mistakes_are_reported_with_their_cells_and_nothing_is_written(lke_unit, tmp_path, capsys):
    exported = _export(lke_unit, tmp_path / "lke.xlsx")
    book = openpyxl.load_workbook(exported)
    ws = book[SHEET]
    rows = {r[ID - 1].value: r for r in ws.iter_rows(min_row=2) if r[ID - 1].value}
    mistakes = {}
    cell = rows["A.I.1.i.b"][ANSWER - 1]
    cell.value = "D"                                  # 1. outside A/B/C
    mistakes["A.I.1.i.b"] = f"LKE!{cell.coordinate}"
    cell = rows["A.I.1.ii.b"][ANSWER - 1]
    cell.value = 1                                    # 2. a number where a letter belongs
    mistakes["A.I.1.ii.b"] = f"LKE!{cell.coordinate}"
    cell = rows["A.I.1.iii.a"][EVIDENCE - 1]
    cell.value = "I.1.a, I.1.x"                      # 3. unknown evidence code
    mistakes["A.I.1.iii.a"] = f"LKE!{cell.coordinate}"
    cell = rows["A.II.4.i.a.2"][ANSWER - 1]
    cell.value = 15                                   # 4. done (15) > total (12)
    mistakes["A.II.4.i.a"] = f"LKE!{cell.coordinate}"
    cell = rows["A.I.2.i.a"][ID - 1]
    cell.value = "A.I.2.i.z"                          # 5. a row whose id no longer matches the model
    mistakes["A.I.2.i.z"] = f"LKE!{cell.coordinate}"
    book.save(exported)
    ods = _soffice(exported, "ods", tmp_path / "lo")  # saved by LibreOffice as a person would
    before = tree_digest(lke_unit)
    for path in (exported, ods):
        capsys.readouterr()
        assert main(["lke-import", str(path), "--root", str(lke_unit)]) == 2
        err = capsys.readouterr().err
        for qid, ref in mistakes.items():
            line = next((x for x in err.splitlines() if ref in x), "")
            assert qid in line, f"{path.name}: {ref} ({qid}) not reported:\n{err}"
        assert "maksud Anda 'I.1." in err and "dijawab dengan huruf" in err, err
        assert "baris A.I.2.i.a tidak ada" in err
        assert "Traceback" not in err
    assert tree_digest(lke_unit) == before


def test_rows_found_by_id_and_columns_by_header(lke_unit, tmp_path):
    exported = _export(lke_unit, tmp_path / "lke.xlsx")
    book = openpyxl.load_workbook(exported)
    ws = book[SHEET]
    ws.insert_cols(2)                  # a column of one's own
    ws.insert_rows(5, 3)               # and some rows
    book.save(exported)
    plan = load_plan(lke_unit / "plan.yaml")
    assert content(read_worksheet(exported, plan)) == content(load_answers(lke_unit / "lke.yaml", plan))


def test_missing_sheet_and_wrong_model_are_reported(lke_unit, tmp_path):
    exported = _export(lke_unit, tmp_path / "lke.xlsx")
    plan = load_plan(lke_unit / "plan.yaml")
    book = openpyxl.load_workbook(exported)
    book[DATA_SHEET]["C2"] = "permenpanrb-5-2024"
    book.save(tmp_path / "model.xlsx")
    with pytest.raises(InputError) as err:
        read_worksheet(tmp_path / "model.xlsx", plan, model())
    assert "Data!C2: model 'permenpanrb-5-2024' berbeda" in "\n".join(err.value.lines())
    del book[DATA_SHEET]
    book.save(tmp_path / "nodata.xlsx")
    with pytest.raises(InputError) as err:
        read_worksheet(tmp_path / "nodata.xlsx", plan)
    assert "lembar 'Data' tidak ada" in "\n".join(err.value.lines())
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError) as err:
        read_worksheet(tmp_path / "bad.xlsx", plan)
    assert "bukan lembar kerja yang sah" in "\n".join(err.value.lines())


@pytest.mark.parametrize("kind", ["ods-repeated", "xlsx-far-cell"])
def test_a_sheet_spanning_too_many_cells_is_refused_before_loading(tmp_path, kind):
    path = tmp_path / ("big.ods" if kind.startswith("ods") else "big.xlsx")
    if kind == "ods-repeated":
        rows = (f'<table:table-row table:number-rows-repeated="{MAX_CELLS}"><table:table-cell '
                'table:number-columns-repeated="2" office:value-type="float" office:value="1"/></table:table-row>')
        body = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>'
                f'<table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body>'
                '</office:document-content>')
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", body)
    else:
        book = openpyxl.Workbook()
        book.active["A1"] = 1
        book.active["XFD1048576"] = 1
        book.save(path)
    with pytest.raises(InputError) as err:
        read_sheets(path)
    assert "lebih dari 1.000.000 sel" in "\n".join(err.value.lines())
