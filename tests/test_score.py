"""The readiness score on real evidence trees, with hand-computed expectations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from build_tools.assess.inputs import weighted_score
from build_tools.cli import main
from build_tools.core.numbers import round_half_up
from build_tools.evidence.scanner import EVIDENCE_DIR, folder_name
from build_tools.models.registry import load_plan_model
from build_tools.pipeline import load_project
from build_tools.unit.samples import populate

END = dt.date(2021, 1, 1)


def score(root: Path, as_of: dt.date = END):
    """The 2019 model's own result (the numbers every output shows)."""
    project = load_project(root, as_of, use_cache=False)
    return weighted_score(project, load_plan_model(project.plan, root))


def write_survey(root: Path, survey: str, rows: list[list[object]], header: list[str],
                 name: str = "hasil.csv", sep: str = ",", encoding: str = "utf-8") -> Path:
    path = root / "survei" / survey / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


KKN = ["kejelasan_biaya", "percaloan", "imbalan", "komisi", "kkn"]
LAYANAN = ["prosedur", "petugas", "kecepatan", "kenyamanan", "sarana"]


def uniform_survey(root: Path, survey: str, aspects: list[str], fours: int, threes: int) -> None:
    write_survey(root, survey, [[4] * len(aspects)] * fours + [[3] * len(aspects)] * threes, aspects)


def test_all_evidence_gives_exactly_60(full_project: Path) -> None:
    r = score(full_project)
    assert r.lever == 60.0
    assert [a.score for a in r.lever_areas] == [5.0, 5.0, 15.0, 10.0, 15.0, 10.0]
    assert r.gaps == ()


def test_without_area_v_gives_45_and_ranks_its_items(project: Path, shipped_plan) -> None:
    populate(project, shipped_plan, codes=[c for c in shipped_plan.codes if not c.startswith("V.")])
    r = score(project)
    assert r.lever == 45.0
    assert r.area("V").score == 0.0
    # V.1, V.3, V.4, V.5 have two items (15 / 5 / 2 = 1.5 points each), V.2 three (1.0 each).
    assert [(g.item.code, round_half_up(g.gain)) for g in r.gaps] == [
        ("V.1.a", 1.5), ("V.1.b", 1.5), ("V.3.a", 1.5), ("V.3.b", 1.5), ("V.4.a", 1.5),
        ("V.4.b", 1.5), ("V.5.a", 1.5), ("V.5.b", 1.5), ("V.2.a", 1.0), ("V.2.b", 1.0), ("V.2.c", 1.0)]
    assert all(g.reason == "belum ada berkas" for g in r.gaps)


def test_recurring_item_is_pro_rated_by_months_present(full_project: Path, shipped_plan) -> None:
    item = shipped_plan.item("I.3.b")  # monthly, Maret - Desember 2020: 10 months, weight 5 / 4 / 3
    folder = full_project / EVIDENCE_DIR / folder_name(item.code, item.title)
    for month in ("2020-07", "2020-08", "2020-09", "2020-10", "2020-11", "2020-12"):
        next(folder.glob(f"{month} *")).unlink()
    r = score(full_project, dt.date(2020, 7, 1))
    s = r.item("I.3.b")
    assert s.value == pytest.approx(0.4)
    assert s.score == pytest.approx(5 / 4 / 3 * 0.4)
    assert r.area("I").score == 4.75          # 5 - 0.41667 × 0.6
    assert r.lever == 59.75
    # By 1 July 2020 the plan has March–June of it due: 4 of 10 months.
    assert s.planned == pytest.approx(0.4)
    assert r.gaps[0].item.code == "I.3.b"
    assert r.gaps[0].reason == "6 dari 10 bulan belum ada"


def test_score_today_counts_items_not_yet_due_and_plan_promise_counts_due_ones(full_project: Path) -> None:
    r = score(full_project, dt.date(2020, 3, 1))
    assert r.lever == 60.0
    # Due by 1 March 2020 (window Februari 2020): components I.1 (5 / 4 = 1.25),
    # III.1 (15 / 6 = 2.5) and IV.1 (10 / 2 = 5).
    assert r.lever_planned == 8.75
    assert (r.area("I").planned, r.area("III").planned, r.area("IV").planned) == (1.25, 2.5, 5.0)
    assert score(full_project, END).lever_planned == 60.0


def test_rejected_item_counts_zero_and_needs_work_keeps_its_score(full_project: Path) -> None:
    (full_project / "reviews.yaml").write_text(
        "I.1.a:\n  putusan: ditolak\n  penilai: Tim TPI\n  tanggal: 2020-03-10\n"
        "  catatan: SK belum ditandatangani\n"
        "I.1.b:\n  putusan: perlu_perbaikan\n  catatan: lengkapi lampiran\n"
        "I.2.a:\n  putusan: diterima\n", encoding="utf-8")
    r = score(full_project)
    assert r.item("I.1.a").value == 0.0
    assert r.item("I.1.b").value == 1.0
    assert r.area("I").score == 4.38        # 5 - 0.625 = 4.375, rounded half up
    assert r.lever == 59.38
    assert r.gaps[0].item.code == "I.1.a" and r.gaps[0].reason == "ditolak TPI"
    assert r.reviews.get("I.1.a").note == "SK belum ditandatangani"
    assert [v.code for v in r.reviews.in_order()] == ["I.1.a", "I.1.b", "I.2.a"]


def test_hand_computed_case_eligible_for_wbk_not_wbbm(full_project: Path) -> None:
    uniform_survey(full_project, "persepsi_korupsi", KKN, fours=18, threes=12)     # index 3.6 → 13.5
    uniform_survey(full_project, "kualitas_pelayanan", LAYANAN, fours=6, threes=24)  # index 3.2 → 16
    (full_project / "penilaian.yaml").write_text(
        "tlhp: {temuan: 10, ditindaklanjuti: 9}\n"            # 0.9 × 5 = 4.5
        "instansi:\n  opini_bpk: {2018: WDP, 2019: WTP}\n  akip: CC\n"
        "unit: {sudah_wbk: tidak}\n", encoding="utf-8")
    r = score(full_project)
    assert r.sub("survei_anti_korupsi").score == 13.5
    assert r.sub("tlhp").score == 4.5
    assert r.area("B.1").score == 18.0
    assert r.area("B.2").score == 16.0
    assert (r.lever, r.result, r.total) == (60.0, 34.0, 94.0)
    wbk = r.predicates["wbk"]
    assert wbk.eligible, [(c.condition.id, c.actual) for c in wbk.conditions]
    wbbm = {c.condition.id: c for c in r.predicates["wbbm"].conditions}
    assert not r.predicates["wbbm"].eligible
    assert [k for k, c in wbbm.items() if not c.passed] == ["sudah_wbk", "opini_bpk"]
    assert (wbbm["opini_bpk"].actual, wbbm["opini_bpk"].shortfall) == (1, 1)
    assert r.warnings == ()


def test_result_targets_name_the_index_the_next_survey_must_reach(full_project: Path) -> None:
    uniform_survey(full_project, "persepsi_korupsi", KKN, fours=0, threes=30)       # 3.0 → 11.25
    (full_project / "penilaian.yaml").write_text("tlhp: {temuan: 20, ditindaklanjuti: 10}\n",
                                                 encoding="utf-8")                  # 2.5
    r = score(full_project)
    targets = {(t.predicate, t.sub.id): t for t in r.targets}
    anti = targets[("wbk", "survei_anti_korupsi")]
    # B.1 ≥ 18 with TLHP at 2.5 needs 15.5 > 15: out of reach from the survey alone.
    assert (anti.required_score, anti.reachable) == (15.5, False)
    tlhp = targets[("wbk", "tlhp")]
    # TLHP ≥ 3.5 and B.1 ≥ 18 - 11.25 = 6.75: the latter is out of reach (max 5).
    assert (tlhp.required_score, tlhp.reachable) == (6.75, False)
    pelayanan = targets[("wbbm", "survei_pelayanan")]
    assert (pelayanan.required_score, pelayanan.required_index, pelayanan.reachable) == (16.0, 3.2, True)
    (full_project / "penilaian.yaml").write_text("tlhp: {temuan: 20, ditindaklanjuti: 20}\n",
                                                 encoding="utf-8")
    r = score(full_project)
    anti = next(t for t in r.targets if t.predicate == "wbk" and t.sub.id == "survei_anti_korupsi")
    assert (anti.required_score, anti.required_index) == (13.5, 3.6)
    tlhp = next(t for t in r.targets if t.predicate == "wbk" and t.sub.id == "tlhp")
    assert (tlhp.required_score, tlhp.required_followed_up, tlhp.reachable) == (6.75, None, False)
    (full_project / "penilaian.yaml").write_text("tlhp: {temuan: 20, ditindaklanjuti: 0}\n",
                                                 encoding="utf-8")
    uniform_survey(full_project, "persepsi_korupsi", KKN, fours=30, threes=0)       # 4.0 → 15
    r = score(full_project)
    tlhp = next(t for t in r.targets if t.predicate == "wbk" and t.sub.id == "tlhp")
    # TLHP ≥ 3.5 (B.1 needs only 3 more): 3.5 / 5 × 20 findings = 14 followed up.
    assert (tlhp.required_score, tlhp.required_followed_up, tlhp.findings) == (3.5, 14, 20)


def test_timeline_is_cumulative_and_ends_at_the_full_weight(full_project: Path) -> None:
    r = score(full_project)
    assert [p.month.iso() for p in r.timeline][0] == "2020-01"
    assert len(r.timeline) == 12
    assert r.timeline[-1].planned == 60.0 and r.timeline[-1].delivered == 60.0
    planned = [p.planned for p in r.timeline]
    assert planned == sorted(planned)


def test_cli_json_has_the_documented_keys(full_project: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["score", "--root", str(full_project), "--as-of", "2021-01-01", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"total", "pengungkit", "pengungkit_rencana", "hasil", "areas", "predikat", "gaps"} <= set(data)
    assert data["pengungkit"] == 60.0
    assert [a["id"] for a in data["areas"]] == ["I", "II", "III", "IV", "V", "VI", "B.1", "B.2"]
    assert {"id", "name", "weight", "score"} <= set(data["areas"][0])
    assert set(data["predikat"]) == {"wbk", "wbbm"}
    assert {"eligible", "conditions"} <= set(data["predikat"]["wbk"])
    condition = data["predikat"]["wbk"]["conditions"][0]
    assert {"id", "label", "required", "actual", "pass", "shortfall", "source"} <= set(condition)
    assert set(data["gaps"]) == {"items", "results"}


def test_cli_text_report_is_indonesian(full_project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["score", "--root", str(full_project), "--as-of", "2021-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Pengungkit: 60,00 dari 60,00" in out
    assert "BELUM MEMENUHI SYARAT" in out


def test_cli_bad_input_exits_2_names_the_line_and_writes_nothing(full_project: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture) -> None:
    (full_project / "reviews.yaml").write_text("I.1.a:\n  putusan: ditolak\nI.1.z:\n  putusan: diterima\n",
                                               encoding="utf-8")
    out = tmp_path / "out"
    code = main(["score", "--root", str(full_project), "--format", "json", "--out", str(out / "p.json"),
                 "--xlsx", str(out / "p.xlsx"), "--csv", str(out / "p.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert "reviews.yaml:3:1: kode bukti 'I.1.z' tidak ada di rencana" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_score_never_touches_evidence(full_project: Path) -> None:
    from tests.conftest import tree_digest

    before = tree_digest(full_project / EVIDENCE_DIR)
    main(["score", "--root", str(full_project), "--as-of", "2021-01-01", "--format", "json",
          "--out", str(full_project / "build" / "p.json")])
    assert tree_digest(full_project / EVIDENCE_DIR) == before


def test_readme_documents_the_score_command_and_every_json_key(full_project: Path) -> None:
    from build_tools.assess.weighted_record import to_data

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("#### Laporan penilaian JSON"):]
    assert "python -m build_tools score [--format text|json]" in readme
    for key in to_data(score(full_project)):
        assert f'"{key}"' in section, key


def test_targets_only_for_sub_components_a_predicate_depends_on(full_project: Path) -> None:
    r = score(full_project)
    assert {(t.predicate, t.sub.id) for t in r.targets} == {
        ("wbk", "survei_anti_korupsi"), ("wbk", "tlhp"),
        ("wbbm", "survei_anti_korupsi"), ("wbbm", "tlhp"), ("wbbm", "survei_pelayanan")}
