"""lke.yaml: validation with file:line, the blank template, and the evidence behind answers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lke_support import all_at, model, survey, write_answers

from build_tools.assess.lke_answers import load_answers
from build_tools.assess.lke_evidence import as_problems, unsupported_answers
from build_tools.assess.lke_score import score_lke
from build_tools.core.errors import InputError
from build_tools.models.lke_blank import blank_answers
from build_tools.pipeline import load_project

HEADER = "versi_format: 1\nmodel: permenpanrb-90-2021\n"


@pytest.mark.parametrize(("body", "line", "message"), [
    ("jawaban:\n  A.I.1.i.x: Ya\n", 4, "id pertanyaan 'A.I.1.i.x' tidak ada di model permenpanrb-90-2021 "
                                      "(maksud Anda 'A.I.1.i."),
    ("jawaban:\n  A.I.1.i.b: D\n", 4, "jawaban 'D' bukan pilihan A.I.1.i.b (pilih salah satu: A, B, C)"),
    ("jawaban:\n  A.I.1.i.a: Mungkin\n", 4, "jawaban 'Mungkin' bukan pilihan A.I.1.i.a (pilih salah satu: Ya, Tidak)"),
    ("jawaban:\n  B.I.b: F\n", 4, "jawaban 'F' bukan pilihan B.I.b"),
    ("jawaban:\n  A.I.1.i.a:\n    jawaban: Ya\n    bukti: [I.1.z]\n", 6,
     "kode bukti 'I.1.z' (A.I.1.i.a) tidak ada di rencana (maksud Anda 'I.1."),
    ("jawaban:\n  A.II.4.i.a:\n    jumlah: {1: 10, 2: -1}\n", 5, "jumlah A.II.4.i.a.2 negatif (-1)"),
    ("jawaban:\n  A.II.4.i.a:\n    jumlah: {1: 10, 2: 2.5}\n", 5, "jumlah A.II.4.i.a.2 harus bilangan bulat"),
    ("jawaban:\n  A.II.4.i.a:\n    jumlah: {1: 10, 2: 11}\n", 5,
     "A.II.4.i.a: Jumlah Sasaran Kinerja yang tercapai 100% atau lebih (11) melebihi Jumlah Sasaran Kinerja (10)"),
    ("jawaban:\n  A.II.5.ii.a:\n    jumlah: {1: 10, 2: 4, 3: 7}\n", 5,
     "Jumlah pengaduan masyarakat yang sedang diproses + Jumlah pengaduan masyarakat yang selesai "
     "ditindaklanjuti (11) melebihi"),
    ("jawaban:\n  A.II.5.iii.i.a:\n    jumlah: {1: 9, 2: 1, 3: 4, 4: 0, 5: 5}\n", 5,
     "A.II.5.iii.i.a.1 = 9, padahal jumlah baris 2, 3, 4 = 5"),
    ("jawaban:\n  A.II.4.i.a:\n    jumlah: {2: 3}\n", 5, "jumlah A.II.4.i.a: baris 1 belum diisi"),
    ("jawaban:\n  A.II.4.i.a:\n    jumlah: {7: 3}\n", 5, "baris Jumlah '7' tidak ada di A.II.4.i.a"),
    ("jawaban:\n  A.II.4.i.a: A\n", 4, "A.II.4.i.a adalah pertanyaan %"),
    ("jawaban:\n  A.I.1.i.a:\n    jawab: Ya\n", 5, "kunci 'jawab' tidak dikenal di jawaban A.I.1.i.a (maksud Anda 'jawaban'?)"),
    ("hasil:\n  ipak: {indeks: 4.2, responden: 30}\n", 4, "indeks ipak 4.2 di luar rentang 0–4"),
    ("hasil:\n  ipak: {indeks: 3.2, responden: -3}\n", 4, "responden ipak harus bilangan bulat tidak negatif"),
    ("hasil:\n  ipakk: {indeks: 3.2}\n", 4, "kunci 'ipakk' tidak dikenal di hasil (maksud Anda 'ipak'?)"),
    ("persyaratan:\n  opini_bpk: WTPP\n", 4, "opini_bpk: 'WTPP' bukan nilai yang dikenal"),
    ("persyaratan:\n  jenis_instansi: kementerian\n", 4, "jenis_instansi 'kementerian' tidak dikenal"),
])
def test_invalid_answers_name_file_and_line(tmp_path: Path, shipped_plan, body: str, line: int,
                                            message: str) -> None:
    path = tmp_path / "lke.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_answers(path, shipped_plan)
    text = "\n".join(info.value.lines())
    assert message in text
    assert re.search(rf"{re.escape(str(path))}:{line}:\d+: ", text), text


def test_every_problem_is_reported_at_once(tmp_path: Path, shipped_plan) -> None:
    path = tmp_path / "lke.yaml"
    path.write_text(HEADER + "jawaban:\n  A.I.1.i.x: Ya\n  A.I.1.i.b: F\n  A.II.4.i.a: {jumlah: {1: 1, 2: 2}}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_answers(path, shipped_plan)
    assert len(info.value.issues) == 3
    assert [i.location.line for i in info.value.issues] == [4, 5, 6]


def test_model_mismatch_and_missing_file(tmp_path: Path, shipped_plan) -> None:
    path = tmp_path / "lke.yaml"
    path.write_text("versi_format: 1\nmodel: permenpanrb-90-2012\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_answers(path, shipped_plan)
    assert "model penilaian 'permenpanrb-90-2012' tidak ditemukan" in "\n".join(info.value.lines())
    with pytest.raises(InputError) as info:
        load_answers(tmp_path / "tidak-ada.yaml", shipped_plan)
    assert "berkas jawaban LKE tidak ditemukan" in "\n".join(info.value.lines())


def test_answers_accept_shorthand_full_row_ids_and_case(tmp_path: Path, shipped_plan) -> None:
    path = tmp_path / "lke.yaml"
    path.write_text(HEADER + "jawaban:\n  A.I.1.i.a: ya\n  A.I.1.i.b: b\n"
                    "  A.II.4.i.a:\n    jumlah: {A.II.4.i.a.1: 8, A.II.4.i.a.2: 6}\n    catatan: dari LAKIP\n",
                    encoding="utf-8")
    answers = load_answers(path, shipped_plan)
    assert answers.response("A.I.1.i.a").choice == "Ya" and answers.response("A.I.1.i.b").choice == "B"
    assert answers.answer("A.II.4.i.a").note == "dari LAKIP"
    assert answers.response("A.II.4.i.a").counts == (("A.II.4.i.a.1", 8), ("A.II.4.i.a.2", 6))


def test_blank_template_loads_and_scores_zero(tmp_path: Path, shipped_plan) -> None:
    path = tmp_path / "lke.yaml"
    path.write_text(blank_answers(model()), encoding="utf-8")
    answers = load_answers(path, shipped_plan)
    s = score_lke(model(), answers)
    assert s.total == 0 and len(s.unanswered) == 111
    for q in model().questions:
        assert f"  {q.id}:\n" in path.read_text(encoding="utf-8")


# -- jawaban tanpa data dukung ------------------------------------------------

AS_OF = dt.date(2020, 12, 31)


def _answers_for(root: Path, plan) -> Path:
    return write_answers(root / "lke.yaml", {
        "A.I.1.i.a": {"jawaban": "Ya", "bukti": ["I.1.a"]},           # above lowest, cites I.1.a
        "A.I.1.i.b": {"jawaban": "C", "bukti": ["I.1.b"]},            # the lowest choice: never flagged
        "A.I.1.ii.a": {"jawaban": "Ya"},                               # cites nothing
        "A.II.4.i.a": {"jumlah": {1: 10, 2: 0}, "bukti": ["IV.1.a"]},  # 0 %: never flagged
        "A.II.6.i.b": {"jumlah": {1: 10, 2: 4}, "bukti": ["VI.1.a", "I.1.a"]},
    }, survey())


def test_unsupported_answers_when_evidence_is_missing(project: Path) -> None:
    loaded = load_project(project, AS_OF, use_cache=False)
    answers = load_answers(_answers_for(project, loaded.plan), loaded.plan)
    found = unsupported_answers(model(), answers, loaded.completeness)
    assert [(u.question_id, u.reason, u.codes) for u in found] == [
        ("A.I.1.i.a", "missing", ("I.1.a",)),
        ("A.I.1.ii.a", "no_evidence_cited", ()),
        ("A.II.6.i.b", "missing", ("VI.1.a", "I.1.a")),
    ]
    assert found[0].location == "lke.yaml:4"
    problems = as_problems(found)
    assert problems[0].kind == "unsupported_answer" and problems[0].code == "I.1.a"
    assert "jawaban tanpa data dukung: A.I.1.i.a dijawab Ya" in problems[0].message
    assert "4/10" in problems[2].message


def test_evidence_present_supports_answers_unless_rejected(full_project: Path) -> None:
    loaded = load_project(full_project, AS_OF, use_cache=False)
    answers = load_answers(_answers_for(full_project, loaded.plan), loaded.plan)
    found = unsupported_answers(model(), answers, loaded.completeness)
    assert [(u.question_id, u.reason) for u in found] == [("A.I.1.ii.a", "no_evidence_cited")]
    found = unsupported_answers(model(), answers, loaded.completeness, rejected=frozenset({"VI.1.a"}))
    assert [(u.question_id, u.reason, u.codes) for u in found][1] == ("A.II.6.i.b", "rejected", ("VI.1.a",))


def test_evidence_with_only_broken_files_does_not_support(full_project: Path) -> None:
    folder = next((full_project / "evidence").glob("I.1.a*"))
    for f in folder.iterdir():
        f.write_bytes(b"bukan PDF")
    loaded = load_project(full_project, AS_OF, use_cache=False)
    answers = load_answers(_answers_for(full_project, loaded.plan), loaded.plan)
    found = unsupported_answers(model(), answers, loaded.completeness)
    assert ("A.I.1.i.a", "missing") in [(u.question_id, u.reason) for u in found]


def test_best_answers_with_all_evidence_are_supported(full_project: Path) -> None:
    loaded = load_project(full_project, AS_OF, use_cache=False)
    entries = all_at("best")
    for qid, entry in entries.items():
        entry["bukti"] = ["I.1.a"]
    answers = load_answers(write_answers(full_project / "lke.yaml", entries, survey()), loaded.plan)
    assert unsupported_answers(model(), answers, loaded.completeness) == ()
