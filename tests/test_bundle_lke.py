"""``bundle --order lke``: sections per LKE question, built for real and read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pikepdf
import pytest
from lke_support import model, write_answers
from pikepdf import Name
from pypdf import PdfReader
from test_bundle import all_text, folder, outline_titles, uncompressed

from build_tools import cli
from build_tools.bundle.build import BundleOptions, build_bundle
from build_tools.bundle.lke import require_assessment
from build_tools.core.errors import UsageError
from build_tools.evidence.audience import Audience
from build_tools.pipeline import assess_project, load_project
from build_tools.unit.samples import write_pdf

AS_OF = dt.date(2021, 1, 31)
SECRET = "Sanksi Budi Santoso ZZKRAHASIA"
ANSWERS = {
    "A.I.1.i.a": {"jawaban": "Ya", "bukti": ["I.1.a"]},
    "A.I.1.i.b": {"jawaban": "B", "bukti": ["I.1.a", "I.1.b"], "catatan": "Dipilih lewat rapat", "tpi": "C"},
    "A.I.1.ii.a": {"jawaban": "Ya", "bukti": []},
    "A.I.1.ii.b": {"jawaban": "A", "bukti": ["I.2.a"]},
    "A.I.2.i.a": {"jawaban": "A", "bukti": ["I.2.a"]},
    "A.II.1.i.a": {"jumlah": {1: 10, 2: 8}, "bukti": ["III.5.b"]},
    "A.I.3.i.a": {"jawaban": "Ya", "bukti": ["II.1.a"]},
    "B.I.b": {"jawaban": "B", "bukti": ["IV.1.a"]},
}


def _noise_png(side: int) -> bytes:
    """A PNG that does not compress (fixed random pixels): its size shows in the bundle's size."""
    import io
    import random

    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), random.Random(5).randbytes(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def _unit(root: Path, answers: dict = ANSWERS) -> Path:
    """The full sample tree plus: a large image in I.2.a (cited twice), a restricted III.5.b, no II.1.a files."""
    target = folder(root, "I.2.a")
    (target / "foto besar.png").write_bytes(_noise_png(600))
    secret = folder(root, "III.5.b")
    write_pdf(secret / f"{SECRET}.pdf", "isi rahasia ZZKRAHASIA", 2)
    (secret / "_akses.yaml").write_text("akses: terbatas\n", encoding="utf-8")
    for f in folder(root, "II.1.a").iterdir():
        f.unlink()
    write_answers(root / "lke.yaml", answers)
    return root


def _bundle(root: Path, out: Path, audience: Audience = Audience.REVIEWER):
    project = load_project(root, AS_OF)
    lke = require_assessment(project, assess_project(project))
    report = build_bundle(project, out, BundleOptions(audience=audience, order="lke", lke=lke))
    return report, project, lke


def _question_ids() -> list[str]:
    m = model()
    return [q.id for q in m.questions] + [i.id for i in m.choice_indicators]


def test_sections_per_question_in_worksheet_order(full_project: Path, tmp_path: Path) -> None:
    root = _unit(full_project)
    report, project, lke = _bundle(root, tmp_path / "lke.pdf")
    reader = PdfReader(tmp_path / "lke.pdf")
    titles = outline_titles(reader)
    questions = {t.split()[0]: page for depth, t, page in titles if depth == 2}
    assert list(questions) == _question_ids()
    assert report.bookmarks == questions
    # Grouped by worksheet area (depth 0) and indicator (depth 1).
    areas = [t.split()[0] for depth, t, _ in titles if depth == 0]
    assert areas[:2] == ["Sampul", "Daftar"] and areas[2:] == [
        *(f"A.{half}.{n}" for half in ("I", "II") for n in range(1, 7)), "B.I"]
    assert [t.split()[0] for depth, t, _ in titles if depth == 1][:3] == ["A.I.1.i", "A.I.1.ii", "A.I.1.iii"]

    # Page count: front matter + one separator per question + the evidence of each cited code, per citation.
    pages_of = {s.code: sum(f.pages for f in s.files) for s in project.completeness.items}
    cited = [c for r in lke.rows for c in r.evidence]
    missing = [c for c in cited if not pages_of[c]]  # II.1.a has no file: one BELUM TERSEDIA page
    expected = report.front_pages + len(questions) + sum(pages_of[c] for c in cited) + len(missing)
    assert len(reader.pages) == report.pages == expected
    assert report.missing == ("II.1.a",)

    # Each separator lists the answer and the cited codes; the evidence follows under the question.
    sep = reader.pages[questions["A.I.1.i.b"]].extract_text()
    assert "A.I.1.i.b" in sep and "Jawaban unit B (nilai 0,5)" in sep and "Jawaban TPI C (nilai 0)" in sep
    assert "I.1.a SK Tim Kerja" in " ".join(sep.split()) and "I.1.b" in sep and "Dipilih lewat rapat" in sep
    children = [(depth, t) for depth, t, page in titles if questions["A.I.1.i.b"] < page < questions["A.I.1.ii.a"]]
    assert [t.split()[0] for depth, t in children if depth == 3] == ["I.1.a", "I.1.b"]
    first_evidence = questions["A.I.1.i.b"] + 1
    assert f"A.I.1.i.b / I.1.a  |  hlm. {first_evidence + 1}" in reader.pages[first_evidence].extract_text()
    assert reader.page_labels[questions["A.I.1.i.b"]] == "A.I.1.i.b-1"
    # A question citing nothing: a short placeholder on its separator, no evidence pages.
    nothing = reader.pages[questions["A.I.1.ii.a"]].extract_text()
    assert "Tidak ada kode bukti yang disebut" in nothing
    assert questions["A.I.1.ii.b"] == questions["A.I.1.ii.a"] + 1
    # An answer whose cited evidence is missing is flagged; its code gets the BELUM TERSEDIA page.
    flagged = " ".join(reader.pages[questions["A.I.3.i.a"]].extract_text().split())
    assert "JAWABAN TANPA DATA DUKUNG" in flagged and "II.1.a" in flagged
    assert "BELUM TERSEDIA" in reader.pages[questions["A.I.3.i.a"] + 1].extract_text()
    assert "JAWABAN TANPA DATA DUKUNG" not in sep
    # Unanswered questions still have their section.
    assert "belum dijawab" in reader.pages[questions["A.I.1.iii.a"]].extract_text()
    assert "Urutan menurut pertanyaan Lembar Kerja Evaluasi" in " ".join(reader.pages[0].extract_text().split())


def test_contents_page_numbers_point_at_the_questions(full_project: Path, tmp_path: Path) -> None:
    root = _unit(full_project)
    report, _, _ = _bundle(root, tmp_path / "lke.pdf")
    reader = PdfReader(tmp_path / "lke.pdf")
    questions = {t.split()[0]: page for depth, t, page in outline_titles(reader) if depth == 2}
    toc = "\n".join(reader.pages[i].extract_text() for i in range(1, report.front_pages))
    found = {}
    for line_start in re.finditer(r"^(A\.[IV]+\.\d\.[ivx]+(?:\.[ivx]+)?\.[a-z]|B\.I\.b) ", toc, re.M):
        rest = toc[line_start.end():]
        found[line_start.group(1)] = int(re.search(r"(\d+)$", rest, re.M).group(1))
    assert list(found) == _question_ids()
    for qid, number in found.items():
        assert number - 1 == questions[qid], qid
        assert qid in reader.pages[number - 1].extract_text()
    # Every contents line links to its page.
    targets = set()
    for i in range(1, report.front_pages):
        for annot in reader.pages[i].get("/Annots", []):
            targets.add(reader.get_page_number(annot.get_object()["/Dest"][0].get_object()))
    assert set(questions.values()) <= targets


def test_two_builds_are_byte_identical(full_project: Path, tmp_path: Path) -> None:
    root = _unit(full_project)
    _bundle(root, tmp_path / "one.pdf")
    _bundle(root, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_evidence_cited_by_two_questions_is_stored_once(full_project: Path, tmp_path: Path) -> None:
    root = _unit(full_project)
    _bundle(root, tmp_path / "twice.pdf")
    once = dict(ANSWERS)
    once["A.I.2.i.a"] = {"jawaban": "A", "bukti": []}  # I.2.a now cited by one question only
    write_answers(root / "lke.yaml", once)
    _bundle(root, tmp_path / "once.pdf")
    with pikepdf.open(tmp_path / "twice.pdf") as pdf:
        images = {obj.objgen for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get(Name.Subtype) == Name.Image}
        assert len(images) == 1
        image_size = len(next(o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                              and o.get(Name.Subtype) == Name.Image).read_raw_bytes())
        marks = outline_titles(PdfReader(tmp_path / "twice.pdf"))
        photo_pages = [page for depth, t, page in marks if t == "foto besar.png"]
        assert len(photo_pages) == 2
        contents = [pdf.pages[p].obj.Contents for p in photo_pages]
        assert contents[0][1].objgen == contents[1][1].objgen  # the same content stream, two stamps
    extra = (tmp_path / "twice.pdf").stat().st_size - (tmp_path / "once.pdf").stat().st_size
    assert image_size > 100_000 and 0 < extra < image_size / 10


def test_restricted_evidence_follows_the_audience(full_project: Path, tmp_path: Path) -> None:
    root = _unit(full_project)
    _bundle(root, tmp_path / "publik.pdf", Audience.PUBLIC)
    reader = PdfReader(tmp_path / "publik.pdf")
    text = all_text(reader)
    assert "TERSEDIA UNTUK PENILAI" in text
    for needle in (SECRET, "ZZKRAHASIA"):
        assert needle not in text and needle.encode() not in uncompressed(tmp_path / "publik.pdf")
        assert all(needle not in t for _, t, _ in outline_titles(reader))
    questions = {t.split()[0]: page for depth, t, page in outline_titles(reader) if depth == 2}
    assert "berkas terbatas: tersedia untuk penilai" in reader.pages[questions["A.II.1.i.a"]].extract_text()
    _bundle(root, tmp_path / "penilai.pdf", Audience.REVIEWER)
    assert "ZZKRAHASIA" in all_text(PdfReader(tmp_path / "penilai.pdf"))


def test_cli_order_lke(full_project: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "b.pdf"
    args = ["bundle", "--root", str(full_project), "--as-of", "2021-01-31", "--out", str(out), "--order", "lke"]
    # Without lke.yaml: a clear error naming the file, nothing written.
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"{full_project / 'lke.yaml'}" in err and "--order plan" in err and not out.exists()
    with pytest.raises(UsageError):
        project = load_project(full_project, AS_OF)
        require_assessment(project, assess_project(project))
    # A bad lke.yaml: the lke command's error, with file and line.
    (full_project / "lke.yaml").write_text("versi_format: 1\nmodel: permenpanrb-90-2021\njawaban:\n"
                                           "  A.I.1.i.a: {jawaban: Ya, bukti: [I.1.z]}\n", encoding="utf-8")
    assert cli.main(args) == 2
    assert "lke.yaml:4" in capsys.readouterr().err and not out.exists()
    _unit(full_project)
    assert cli.main(args) == 0
    assert "bundel ditulis" in capsys.readouterr().out
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Nilai LKE (penilaian mandiri)" in cover
    # Unchanged inputs skip the build; a changed lke.yaml rebuilds it.
    assert cli.main(args) == 0 and "tidak berubah" in capsys.readouterr().out
    write_answers(full_project / "lke.yaml", {**ANSWERS, "A.I.1.ii.a": {"jawaban": "Ya", "bukti": ["I.2.b"]}})
    assert cli.main(args) == 0 and "bundel ditulis" in capsys.readouterr().out
    # The plan order is still the default.
    assert cli.main(args[:-2]) == 0
    assert "bundel ditulis" in capsys.readouterr().out
