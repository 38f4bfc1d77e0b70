"""The shipped plan is the guideline's data; bad plans fail with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHIPPED_PLAN

from build_tools.core.errors import PlanError
from build_tools.core.months import Month
from build_tools.plan.loader import load_plan
from build_tools.plan.structure import Frequency

EXPECTED_CODES = (
    "I.1.a I.1.b I.2.a I.2.b I.2.c I.3.a I.3.b I.3.c I.4.a I.4.b I.4.c "
    "II.1.a II.1.b II.1.c II.2.a II.2.b II.2.c II.3.a II.3.b "
    "III.1.a III.1.b III.1.c III.2.a III.2.b III.2.c III.3.a III.3.b III.3.c "
    "III.4.a III.4.b III.4.c III.4.d III.5.a III.5.b III.6.a "
    "IV.1.a IV.1.b IV.1.c IV.2.a IV.2.b IV.2.c IV.2.d IV.2.e "
    "V.1.a V.1.b V.2.a V.2.b V.2.c V.3.a V.3.b V.4.a V.4.b V.5.a V.5.b "
    "VI.1.a VI.1.b VI.1.c VI.2.a VI.3.a"
).split()


def test_shipped_plan_has_exactly_the_guidelines_59_codes_in_order(shipped_plan):
    assert len(EXPECTED_CODES) == 59
    assert list(shipped_plan.codes) == EXPECTED_CODES


def test_shipped_plan_weights_match_the_guideline(shipped_plan):
    assert shipped_plan.lever_weight == 60 and shipped_plan.result_weight == 40
    weights = {a.id: a.weight for a in shipped_plan.areas}
    assert weights == {"I": 5, "II": 5, "III": 15, "IV": 10, "V": 15, "VI": 10, "B.1": 20, "B.2": 20}
    assert [c.weight for c in shipped_plan.area("B.1").components] == [15, 5]
    # Default weights: equal shares, summing back to the area and to 60.
    assert sum(item.weight for item in shipped_plan.evidence) == pytest.approx(60)
    assert sum(i.weight for i in shipped_plan.area("V").evidence) == pytest.approx(15)


def test_shipped_plan_windows_pics_and_recurring_items(shipped_plan):
    item = shipped_plan.item("I.3.b")
    assert item.frequency is Frequency.MONTHLY
    assert (item.window.start, item.window.end) == (Month(2020, 3), Month(2020, 12))
    assert len(item.expected_months()) == 10
    assert item.pic == "DBM"
    assert [i.code for i in shipped_plan.evidence if i.recurring] == ["I.3.b"]
    assert shipped_plan.item("V.2.a").window_text == "Maret – April 2020"
    assert shipped_plan.item("VI.1.c").window.end == Month(2020, 11)
    assert shipped_plan.item("I.1.a").due.isoformat() == "2020-02-29"
    assert shipped_plan.item("VI.3.a").title == "Hasil Survey dan Laporan Hasil Survey"
    assert shipped_plan.item("III.4.c").title == "Realisasi Kinerja SKP Tahun 2017"


def test_shipped_plan_header_surveys_and_requirements(shipped_plan):
    assert shipped_plan.unit.name == "Direktorat Pembinaan Pengusahaan Mineral"
    assert shipped_plan.unit.eselon_i == "Direktorat Jenderal Mineral dan Batubara"
    assert shipped_plan.model == "permenpanrb-10-2019"
    assert (shipped_plan.period.start, shipped_plan.period.end) == (Month(2020, 1), Month(2020, 12))
    assert len(shipped_plan.legal_basis) == 9
    surveys = {s.id: [a.id for a in s.aspects] for s in shipped_plan.surveys}
    assert surveys == {
        "persepsi_korupsi": ["kejelasan_biaya", "percaloan", "imbalan", "komisi", "kkn"],
        "kualitas_pelayanan": ["prosedur", "petugas", "kecepatan", "kenyamanan", "sarana"],
    }
    wbk, wbbm = shipped_plan.requirements["wbk"].values, shipped_plan.requirements["wbbm"].values
    assert (wbk["total_min"], wbk["bersih_kkn_min"], wbk["survei_anti_korupsi_min"], wbk["tlhp_min"]) == (75, 18, 13.5, 3.5)
    assert (wbbm["total_min"], wbbm["pelayanan_min"], wbbm["opini_bpk_tahun_berturut"]) == (85, 16, 2)
    assert wbbm["sudah_wbk"] is True


def test_shipped_plan_action_items(shipped_plan):
    component = shipped_plan.component_of(shipped_plan.item("IV.2.a"))
    assert [a.letter for a in component.actions] == list("abcdef")
    assert component.actions[2].text == "Penetapan Indikator Kinerja Utama (IKU)"


# --- invalid plans -----------------------------------------------------------

def _mutate(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"fixture text not found: {old!r}"
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    """Line of ``needle``; ``needle#2`` is its second occurrence."""
    needle, _, nth = needle.partition("#")
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert lines, needle
    return lines[int(nth or 1) - 1]


def _errors(path: Path) -> list[str]:
    with pytest.raises(PlanError) as info:
        load_plan(path)
    return [str(issue) for issue in info.value.issues]


@pytest.mark.parametrize(("old", "new", "needle", "expected"), [
    ("              judul: SK Tim Kerja\n", "              judl: SK Tim Kerja\n", "judl:",
     "kunci 'judl' tidak dikenal di bukti komponen I.1 (maksud Anda 'judul'?)"),
    ("            - kode: I.1.b\n", "            - kode: I.1.a\n", "- kode: I.1.a#2",
     "kode bukti 'I.1.a' sudah dipakai di baris"),
    ("            - kode: II.1.b\n", "            - kode: II.2.b\n", "- kode: II.2.b",
     "kode bukti 'II.2.b' bukan milik komponen II.1"),
    ("          target_waktu: Juli - Agustus 2020\n", "          target_waktu: Agustus - Juli 2020\n",
     "Agustus - Juli", "bulan akhir (Juli 2020) sebelum bulan awal (Agustus 2020)"),
    ("          target_waktu: April 2020\n", "          target_waktu: Apirl 2020\n", "Apirl",
     "'Apirl' bukan nama bulan"),
    ("          target_waktu: September 2020\n", "          target_waktu: September 2021\n",
     "September 2021", "di luar periode rencana"),
    ("      bobot: 15\n      target:\n        - Meningkatkan kepatuhan",
     "      bobot: 16\n      target:\n        - Meningkatkan kepatuhan", "bobot: 60",
     "bobot area pengungkit berjumlah 61, bukan 60"),
    ("          frekuensi: bulanan\n", "          frekuensi: mingguan\n", "mingguan",
     "frekuensi 'mingguan' tidak dikenal"),
])
def test_invalid_plan_reports_location_and_reason(tmp_path, old, new, needle, expected):
    path = _mutate(tmp_path, old, new)
    errors = _errors(path)
    matching = [e for e in errors if expected in e]
    assert matching, errors
    line = _line_of(path, needle)
    assert matching[0].startswith(f"{path}:{line}:"), matching[0]


def test_every_problem_is_reported_at_once(tmp_path):
    path = _mutate(tmp_path, "              judul: SK Tim Kerja\n", "              judull: SK Tim Kerja\n")
    path.write_text(path.read_text().replace("target_waktu: Mei 2020", "target_waktu: Moi 2020")
                    .replace("  bobot: 40\n", "  bobot: 45\n"), encoding="utf-8")
    errors = _errors(path)
    assert any("judull" in e for e in errors)
    assert any("kunci wajib 'judul' tidak ada" in e for e in errors)
    assert any("'Moi' bukan nama bulan" in e for e in errors)
    assert any("bukan 100" in e for e in errors)


def test_yaml_syntax_error_names_line(tmp_path):
    path = _mutate(tmp_path, "  nama: Direktorat Pembinaan Pengusahaan Mineral\n",
                   "  nama: [Direktorat Pembinaan\n")
    errors = _errors(path)
    assert len(errors) == 1 and "sintaks YAML tidak sah" in errors[0]
    assert errors[0].startswith(f"{path}:")


def test_missing_required_key_and_duplicate_key(tmp_path):
    path = _mutate(tmp_path, "  mulai: 2020-01\n", "  mulai: 2020-01\n  mulai: 2020-02\n")
    path.write_text(path.read_text().replace("versi_format: 1\n", ""), encoding="utf-8")
    errors = _errors(path)
    assert any("kunci wajib 'versi_format' tidak ada di plan.yaml" in e for e in errors)
    assert any("kunci 'mulai' ditulis dua kali" in e for e in errors)


def test_explicit_weights_must_be_complete_and_sum(tmp_path):
    path = _mutate(tmp_path, "        - no: 1\n          nama: Pengendalian Gratifikasi\n",
                   "        - no: 1\n          nama: Pengendalian Gratifikasi\n          bobot: 5\n")
    assert any("sebagian komponen area V berbobot dan sebagian tidak" in e for e in _errors(path))
    good = _mutate(tmp_path, "              judul: SK Tim Kerja\n",
                   "              judul: SK Tim Kerja\n              bobot: 1\n")
    good.write_text(good.read_text().replace(
        "              judul: SOP Pemilihan Tim Kerja\n",
        "              judul: SOP Pemilihan Tim Kerja\n              bobot: 0.25\n"), encoding="utf-8")
    plan = load_plan(good)
    assert (plan.item("I.1.a").weight, plan.item("I.1.b").weight) == (1, 0.25)
    bad = good.read_text().replace("bobot: 0.25", "bobot: 0.5")
    good.write_text(bad, encoding="utf-8")
    assert any("bobot bukti komponen I.1 berjumlah 1,5, bukan 1,25" in e for e in _errors(good))


def test_missing_and_empty_plan_files(tmp_path):
    assert "berkas rencana tidak ditemukan" in _errors(tmp_path / "plan.yaml")[0]
    empty = tmp_path / "plan.yaml"
    empty.write_text("# kosong\n", encoding="utf-8")
    assert "berkas rencana kosong" in _errors(empty)[0]
    empty.write_bytes(b"\xff\xfe plan")
    assert "bukan teks UTF-8" in _errors(empty)[0]


def test_duplicate_component_number_is_reported_at_the_second(tmp_path):
    path = _mutate(tmp_path, "        - no: 2\n          nama: Pola Mutasi Internal\n",
                   "        - no: 1\n          nama: Pola Mutasi Internal\n")
    errors = _errors(path)
    duplicate = [e for e in errors if "nomor komponen III.1 ditulis lebih dari sekali" in e]
    assert len(duplicate) == 1
    assert duplicate[0].startswith(f"{path}:{_line_of(path, 'nama: Pola Mutasi Internal') - 1}:")
