"""reviews.yaml, survey CSVs and penilaian.yaml: good input, bad input with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.assess.declared import load_assessment_data
from build_tools.assess.reviews import Verdict, load_reviews
from build_tools.assess.surveys import decode, read_surveys, sniff_delimiter
from build_tools.core.errors import InputError
from build_tools.models.registry import load_weighted_model as load_model

MODEL = load_model("permenpanrb-10-2019")
KKN = "kejelasan_biaya,percaloan,imbalan,komisi,kkn"


# -- reviews.yaml -----------------------------------------------------------

def test_reviews_are_read(tmp_path: Path, shipped_plan) -> None:
    path = tmp_path / "reviews.yaml"
    path.write_text("II.1.a:\n  putusan: perlu_perbaikan\n  penilai: Sari\n  tanggal: 2020-04-02\n"
                    "  catatan: tambahkan tanda tangan\n", encoding="utf-8")
    review = load_reviews(path, shipped_plan).get("II.1.a")
    assert (review.verdict, review.reviewer, review.date.isoformat(), review.note) == (
        Verdict.NEEDS_WORK, "Sari", "2020-04-02", "tambahkan tanda tangan")
    assert review.location.line == 2


def test_no_reviews_file_means_no_reviews(tmp_path: Path, shipped_plan) -> None:
    assert load_reviews(tmp_path / "reviews.yaml", shipped_plan).by_code == {}
    (tmp_path / "reviews.yaml").write_text("# belum ada\n", encoding="utf-8")
    assert load_reviews(tmp_path / "reviews.yaml", shipped_plan).by_code == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("I.1.aa:\n  putusan: diterima\n",
     "reviews.yaml:1:1: kode bukti 'I.1.aa' tidak ada di rencana (maksud Anda 'I.1.a'?)"),
    ("I.1.a:\n  putusan: tolak\n",
     "reviews.yaml:2:12: putusan 'tolak' untuk I.1.a tidak dikenal (maksud Anda 'ditolak'?)"),
    ("I.1.a:\n  putusan: diterima\n  tanggal: 15-03-2020\n",
     "reviews.yaml:3:12: tanggal '15-03-2020' untuk I.1.a tidak sah (tulis sebagai YYYY-MM-DD, contoh 2020-03-15)"),
    ("I.1.a:\n  putusan: diterima\n  pennilai: Budi\n",
     "reviews.yaml:3:3: kunci 'pennilai' tidak dikenal di ulasan I.1.a (maksud Anda 'penilai'?)"),
    ("I.1.a:\n  penilai: Budi\n",
     "reviews.yaml:2:3: kunci wajib 'putusan' tidak ada di ulasan I.1.a (tambahkan 'putusan: ...')"),
    ("I.1.a: [\n", None),
])
def test_bad_reviews_name_file_and_line(tmp_path: Path, shipped_plan, text: str, expected: str | None) -> None:
    (tmp_path / "reviews.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_reviews(tmp_path / "reviews.yaml", shipped_plan)
    first = str(info.value.issues[0]).replace(f"{tmp_path}/", "")
    if expected:
        assert first == expected
    else:
        assert "sintaks YAML tidak sah" in first and first.startswith("reviews.yaml:")


# -- surveys -----------------------------------------------------------------

def _read(root: Path, plan):
    return read_surveys(root, plan.surveys, (MODEL.scale_min, MODEL.scale_max), MODEL.sample_minimum.count)


def _write(root: Path, text: str | bytes, name: str = "a.csv", survey: str = "persepsi_korupsi") -> Path:
    path = root / "survei" / survey / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_blank_answers_are_excluded_per_aspect(tmp_path: Path, shipped_plan) -> None:
    _write(tmp_path, f"no,{KKN}\n1,4,4,4,4,4\n2,2,,4,4,4\n3,,,,,\n4,3,4,4,4,4\n")
    results, issues = _read(tmp_path, shipped_plan)
    assert issues == []
    r = results["persepsi_korupsi"]
    assert r.respondents == 3                              # the all-blank row is not a respondent
    aspects = {a.id: (a.answers, a.mean) for a in r.aspects}
    assert aspects["kejelasan_biaya"] == (3, 3.0)          # (4 + 2 + 3) / 3
    assert aspects["percaloan"] == (2, 4.0)                # blank excluded, not counted as 0
    assert r.index == pytest.approx((3.0 + 4 + 4 + 4 + 4) / 5)
    assert r.warnings == ("Survei Persepsi Korupsi: 3 responden, kurang dari sampel minimal 30",)


def test_out_of_range_answers_name_file_row_and_column(tmp_path: Path, shipped_plan) -> None:
    _write(tmp_path, f"{KKN}\n4,4,4,4,4\n4,5,4,4,4\n0,4,4,4,x\n4,4,4,3.5,4\n")
    _, issues = _read(tmp_path, shipped_plan)
    assert [(str(i.location), i.message) for i in issues] == [
        ("survei/persepsi_korupsi/a.csv:3:2", "jawaban '5' di kolom 'percaloan' (baris 3) di luar skala 1–4"),
        ("survei/persepsi_korupsi/a.csv:4:1", "jawaban '0' di kolom 'kejelasan_biaya' (baris 4) di luar skala 1–4"),
        ("survei/persepsi_korupsi/a.csv:4:5", "jawaban 'x' di kolom 'kkn' (baris 4) di luar skala 1–4"),
        ("survei/persepsi_korupsi/a.csv:5:4", "jawaban '3.5' di kolom 'komisi' (baris 5) di luar skala 1–4"),
    ]


def test_empty_file_is_an_error_and_header_only_a_warning(tmp_path: Path, shipped_plan) -> None:
    _write(tmp_path, b"", "kosong.csv")
    _write(tmp_path, f"{KKN}\n", "judul.csv")
    results, issues = _read(tmp_path, shipped_plan)
    assert [(str(i.location), i.message) for i in issues] == [
        ("survei/persepsi_korupsi/kosong.csv", "berkas survei kosong")]
    r = results["persepsi_korupsi"]
    assert (r.respondents, r.index) == (0, None)
    assert "0 responden, kurang dari sampel minimal 30" in r.warnings[0]


def test_spreadsheet_export_in_cp1252_with_semicolons(tmp_path: Path, shipped_plan) -> None:
    header = "Layanan;kejelasan_biaya;percaloan;imbalan;komisi;kkn"
    text = f"{header}\r\nIzin usaha – perpanjangan (café);4;3;4;3;4\r\nRekomendasi ekspor;3;3;3;3;3\r\n"
    _write(tmp_path, text.encode("cp1252"))
    results, issues = _read(tmp_path, shipped_plan)
    assert issues == []
    r = results["persepsi_korupsi"]
    assert (r.files[0].encoding, r.files[0].delimiter, r.respondents) == ("cp1252", ";", 2)
    assert r.index == pytest.approx((3.5 + 3 + 3.5 + 3 + 3.5) / 5)


def test_utf8_bom_latin1_and_tab_separator(tmp_path: Path, shipped_plan) -> None:
    _write(tmp_path, ("\ufeff" + KKN.replace(",", "\t") + "\n4\t4\t4\t4\t4\n").encode("utf-8"), "bom.csv")
    _write(tmp_path, ("catatan," + KKN + "\n\x81ok,2,2,2,2,2\n").encode("latin-1"), "latin.csv")
    results, issues = _read(tmp_path, shipped_plan)
    assert issues == []
    r = results["persepsi_korupsi"]
    assert [(f.path, f.encoding, f.delimiter) for f in r.files] == [
        ("survei/persepsi_korupsi/bom.csv", "utf-8", "\t"), ("survei/persepsi_korupsi/latin.csv", "latin-1", ",")]
    assert r.respondents == 2 and r.index == 3.0


def test_header_problems_and_unknown_folders(tmp_path: Path, shipped_plan) -> None:
    _write(tmp_path, "kejelasan_biaya,percaloan,imbalan,komisi,kkm\n4,4,4,4,4\n")
    _write(tmp_path, b"PK", "hasil.xlsx")
    (tmp_path / "survei" / "persepsi_koruspi").mkdir()
    _, issues = _read(tmp_path, shipped_plan)
    assert [(str(i.location), i.message, i.hint) for i in issues] == [
        ("survei/persepsi_koruspi", "folder survei 'persepsi_koruspi' tidak dikenal", "maksud Anda 'persepsi_korupsi'?"),
        ("survei/persepsi_korupsi/a.csv:1:5", "kolom 'kkm' tidak dikenal", "maksud Anda 'kkn'?"),
        ("survei/persepsi_korupsi/a.csv:1:1", "kolom aspek tidak ada: kkn",
         "baris judul harus memuat id aspek persepsi_korupsi: kejelasan_biaya, percaloan, imbalan, komisi, kkn"),
        ("survei/persepsi_korupsi/hasil.xlsx", "berkas bukan lembar kerja yang sah (bukan arsip zip .xlsx/.ods)",
         "buka dan simpan ulang di Excel atau LibreOffice Calc"),
    ]


def test_decoding_and_separator_helpers() -> None:
    assert decode("é".encode("utf-8")) == ("é", "utf-8")
    assert decode("\ufeffa".encode("utf-8")) == ("a", "utf-8")
    assert decode("é".encode("cp1252")) == ("é", "cp1252")
    assert sniff_delimiter("a;b;c") == ";" and sniff_delimiter("a,b") == "," and sniff_delimiter("a") == ","


# -- penilaian.yaml -----------------------------------------------------------

def _data(tmp_path: Path, text: str):
    path = tmp_path / "penilaian.yaml"
    path.write_text(text, encoding="utf-8")
    return load_assessment_data(path, MODEL.akip_grades, MODEL.opinions)


def test_assessment_data_is_read(tmp_path: Path) -> None:
    data = _data(tmp_path, "tlhp:\n  temuan: 8\n  ditindaklanjuti: 6\ninstansi:\n"
                           "  opini_bpk:\n    2017: WTP\n    2018: WDP\n    2019: WTP\n  akip: bb\n"
                           "unit:\n  sudah_wbk: ya\n")
    assert (data.findings, data.followed_up, data.tlhp_share) == (8, 6, 0.75)
    assert data.opinions == {2017: "WTP", 2018: "WDP", 2019: "WTP"}
    assert data.consecutive_years("WTP") == 1
    assert (data.akip, data.already_wbk) == ("BB", True)
    assert _data(tmp_path, "instansi: {opini_bpk: {2018: WTP, 2019: WTP}}\n").consecutive_years("WTP") == 2
    assert _data(tmp_path, "instansi: {opini_bpk: {2017: WTP, 2019: WTP}}\n").consecutive_years("WTP") == 1
    assert _data(tmp_path, "tlhp: {temuan: 0, ditindaklanjuti: 0}\n").tlhp_share == 1.0
    missing = load_assessment_data(tmp_path / "tidak-ada.yaml", MODEL.akip_grades, MODEL.opinions)
    assert (missing.tlhp_share, missing.akip, missing.consecutive_years("WTP")) == (None, None, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("tlhp: {temuan: 5, ditindaklanjuti: 7}\n",
     "penilaian.yaml:1:36: tlhp.ditindaklanjuti (7) lebih besar dari tlhp.temuan (5) (periksa kedua angka)"),
    ("tlhp: {temuan: lima, ditindaklanjuti: 2}\n", "penilaian.yaml:1:16: tlhp.temuan harus berupa bilangan bulat"),
    ("instansi:\n  opini_bpk:\n    2019: WTB\n",
     "penilaian.yaml:3:11: opini BPK 'WTB' tidak dikenal (gunakan salah satu: WTP, WDP, TW, TMP)"),
    ("instansi:\n  opini_bpk:\n    19: WTP\n",
     "penilaian.yaml:3:5: tahun '19' tidak sah (tulis tahun empat angka, contoh 2019: WTP)"),
    ("instansi:\n  akip: CCC\n",
     "penilaian.yaml:2:9: nilai AKIP 'CCC' tidak dikenal (gunakan salah satu: AA, A, BB, B, CC, C, D)"),
    ("unit:\n  sudah_wbk: mungkin\n", "penilaian.yaml:2:14: unit.sudah_wbk harus 'ya' atau 'tidak'"),
    ("tlhp: {temuan: 5, ditindaklanjuti: 2}\ninstansii: {}\n",
     "penilaian.yaml:2:1: kunci 'instansii' tidak dikenal di penilaian.yaml (maksud Anda 'instansi'?)"),
])
def test_bad_assessment_data_names_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        _data(tmp_path, text)
    assert str(info.value.issues[0]).replace(f"{tmp_path}/", "") == expected
