"""Names that are not UTF-8 or hold control characters, and entries that cannot be read.

ZIPs extracted on Windows give names whose bytes are not UTF-8; a careless
rename leaves a line break or an escape sequence in one. Every report and
output still works: such a name is a ``bad_name`` problem with its bytes
shown as ``\\xNN`` (``bad\\xff.pdf``), never a traceback, never a broken
JSON, XML or HTML file. Unreadable files and folders (mode 000; as root the
commands run without the capabilities that ignore modes) are
``unreadable_file`` problems.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from input_support import cli, no_traceback, unreadable_prefix

from build_tools.unit.samples import pdf_bytes

AS_OF = "2020-12-31"
F = os.fsdecode  # bytes → the str Python uses for that name (surrogate escapes)

# (case, path under the unit, how the path is shown in every report)
EVIDENCE_NAMES = [
    ("byte 0xff in a file name", b"evidence/I.1.a SK Tim Kerja/bad\xff.pdf",
     "evidence/I.1.a SK Tim Kerja/bad\\xff.pdf"),
    ("Latin-1 e-acute from a Windows ZIP", b"evidence/I.1.b SOP Pemilihan Tim Kerja/Laporan caf\xe9.pdf",
     "evidence/I.1.b SOP Pemilihan Tim Kerja/Laporan caf\\xe9.pdf"),
    ("CP437 from an old ZIP", b"evidence/I.2.a Dokumen Rencana Kerja Pembangunan ZI/R\x82sum\x82.pdf",
     "evidence/I.2.a Dokumen Rencana Kerja Pembangunan ZI/R\\x82sum\\x82.pdf"),
    ("truncated UTF-8 sequence", b"evidence/I.2.c Undangan Rapat, daftar hadir, notulen rapat, paparan/a\xe2\x80.pdf",
     "evidence/I.2.c Undangan Rapat, daftar hadir, notulen rapat, paparan/a\\xe2\\x80.pdf"),
    ("code folder", b"evidence/I.3.a Bukti \xe9/isi.pdf", "evidence/I.3.a Bukti \\xe9"),
    ("subfolder", b"evidence/I.3.c Tindak Lanjut atas Hasil Monev ZI/sub\xfe/isi.pdf",
     "evidence/I.3.c Tindak Lanjut atas Hasil Monev ZI/sub\\xfe"),
    ("file at the top of evidence/", b"evidence/lepas\xff.pdf", "evidence/lepas\\xff.pdf"),
    ("line break", b"evidence/I.4.a Daftar hadir Pimpinan dalam Rapat Pembangunan ZI/baris\nbaru.pdf",
     "evidence/I.4.a Daftar hadir Pimpinan dalam Rapat Pembangunan ZI/baris\\x0abaru.pdf"),
    ("terminal escape sequence", b"evidence/I.4.b SK Tim Agen Perubahan/warna\x1b[31m.pdf",
     "evidence/I.4.b SK Tim Agen Perubahan/warna\\x1b[31m.pdf"),
    ("tab", b"evidence/I.4.c SOP Pemilihan anggota tim Anggota Perubahan/tab\tdi.pdf",
     "evidence/I.4.c SOP Pemilihan anggota tim Anggota Perubahan/tab\\x09di.pdf"),
    ("carriage return", b"evidence/II.1.b Dokumen Pelaksanaan SOP/cr\r.pdf",
     "evidence/II.1.b Dokumen Pelaksanaan SOP/cr\\x0d.pdf"),
    ("bell and DEL", b"evidence/II.1.c Laporan Hasil Evaluasi SOP dan Revisi SOP/a\x07b\x7f.pdf",
     "evidence/II.1.c Laporan Hasil Evaluasi SOP dan Revisi SOP/a\\x07b\\x7f.pdf"),
    ("zero-width space", "evidence/II.2.a Screenshot ekinerja-SIPEG/layar\u200b.pdf".encode(),
     "evidence/II.2.a Screenshot ekinerja-SIPEG/layar\\u200b.pdf"),
    ("right-to-left override disguising the extension", "evidence/II.2.b Screenshot SIPEG-TNDE/foto\u202egnp.pdf"
     .encode(), "evidence/II.2.b Screenshot SIPEG-TNDE/foto\\u202egnp.pdf"),
]
SURVEY_FILE = b"survei/persepsi_korupsi/hasil\xff.csv"
SURVEY_SHOWN = "survei/persepsi_korupsi/hasil\\xff.csv"


@pytest.fixture(scope="module")
def named_tree(tmp_path_factory):
    """The full unit with every name of EVIDENCE_NAMES, a survey file with a bad name, every output built."""
    import shutil

    from input_support import REPO

    from build_tools.plan.loader import load_plan
    from build_tools.unit.samples import populate

    root = tmp_path_factory.mktemp("names") / "unit"
    (root / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
    populate(root, load_plan(root / "plan.yaml"))
    for _, raw, _ in EVIDENCE_NAMES:
        path = Path(F(bytes(root) + b"/" + raw))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf_bytes("nama aneh"))
    survey = Path(F(bytes(root) + b"/" + SURVEY_FILE))
    survey.parent.mkdir(parents=True)
    survey.write_text("kejelasan_biaya;percaloan;imbalan;komisi;kkn\n" + "4;4;3;4;4\n" * 30, encoding="utf-8")
    out = root.parent / "out"
    common = ["--root", root, "--as-of", AS_OF]
    runs = {
        "check.text": cli("check", *common, "--out", out / "check.text"),
        "check.json": cli("check", *common, "--format", "json", "--out", out / "check.json"),
        "check.junit": cli("check", *common, "--format", "junit", "--out", out / "check.junit"),
        "check.stdout": cli("check", *common),
        "score": cli("score", *common, "--format", "json", "--out", out / "score.json",
                     "--xlsx", out / "score.xlsx", "--csv", out / "score.csv"),
        "score.stdout": cli("score", *common),
        "site": cli("site", *common, "--audience", "penilai", "--out", out / "site", "--src", out / "src"),
        "bundle": cli("bundle", *common, "--audience", "penilai", "--out", out / "bundle.pdf"),
    }
    for run in runs.values():
        no_traceback(run)
    assert {k: r.code for k, r in runs.items()} == {
        "check.text": 1, "check.json": 1, "check.junit": 1, "check.stdout": 1,
        "score": 0, "score.stdout": 0, "site": 0, "bundle": 0}, {k: r.text[-400:] for k, r in runs.items()}
    return root, out, runs


@pytest.mark.parametrize(("case", "raw", "shown"), EVIDENCE_NAMES, ids=[c[0] for c in EVIDENCE_NAMES])
def test_a_bad_name_is_reported_with_its_bytes_shown_in_every_report(named_tree, case, raw, shown):
    _, out, runs = named_tree
    problems = {p["path"]: p for p in json.loads((out / "check.json").read_text("utf-8"))["problems"]}
    problems.update({p["path"]: p for i in json.loads((out / "check.json").read_text("utf-8"))["items"]
                     for p in i["problems"]})
    assert problems[shown]["kind"] == "bad_name"
    assert shown in (out / "check.text").read_text("utf-8")
    assert shown in runs["check.stdout"].out
    junit = ET.parse(out / "check.junit").getroot()
    assert any(shown in (el.text or "") for el in junit.iter("failure"))


def test_reports_stay_valid_utf8_json_and_xml(named_tree):
    _, out, runs = named_tree
    for name in ("check.text", "check.json", "check.junit", "score.json", "score.csv"):
        (out / name).read_bytes().decode("utf-8")
    json.loads((out / "score.json").read_text("utf-8"))
    runs["check.stdout"].out.encode("utf-8")
    assert "\x1b" not in runs["check.stdout"].out and "\r" not in runs["check.stdout"].out


def test_a_survey_file_with_a_bad_name_is_read_and_shown(named_tree):
    _, out, runs = named_tree
    data = json.loads((out / "score.json").read_text("utf-8"))
    survey = next(s for s in data["surveys"] if s["id"] == "persepsi_korupsi")
    assert [f["path"] for f in survey["files"]] == [SURVEY_SHOWN] and survey["respondents"] == 30


def test_site_and_bundle_leave_out_what_they_cannot_name(named_tree):
    root, out, _ = named_tree
    names = [p.name for p in (out / "site").rglob("*")]
    assert not [n for n in names if any(ord(c) < 32 or 0xDC80 <= ord(c) <= 0xDCFF for c in n)]
    for page in (out / "site").rglob("*.html"):
        page.read_bytes().decode("utf-8")
    assert (out / "bundle.pdf").stat().st_size > 0


@pytest.mark.parametrize(("where", "raw", "command", "expected"), [
    ("survey folder", b"survei/\xffpersepsi/a.csv", "score", "survei/\\xffpersepsi"),
    ("docs page", b"docs/hal\xff.md", "site", "hal\\xff.md"),
    ("docs image", b"docs/gambar\x1b.png", "site", "gambar\\x1b.png"),
])
def test_a_bad_name_among_other_inputs_is_an_input_error(project, where, raw, command, expected):
    path = Path(F(bytes(project) + b"/" + raw))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"kejelasan_biaya;percaloan;imbalan;komisi;kkn\n4;4;4;4;4\n" if raw.endswith(b".csv")
                     else b"# Halaman\n")
    extra = ["--out", project.parent / "site", "--src", project.parent / "src"] if command == "site" else []
    run = cli(command, "--root", project, "--as-of", AS_OF, *extra)
    no_traceback(run)
    assert run.code == 2 and expected in run.err, run.text


def test_names_with_digits_of_other_scripts_are_ordinary_names(project):
    from build_tools.evidence.scanner import scan_evidence
    from build_tools.plan.loader import load_plan

    folder = project / "evidence" / "I.1.a SK Tim Kerja"
    folder.mkdir()
    for name in ("Laporan ².pdf", "Laporan ١٢.pdf", "Laporan 2.pdf", f"Laporan {'9' * 200}.pdf"):
        (folder / name).write_bytes(pdf_bytes(name))
    result = scan_evidence(project, load_plan(project / "plan.yaml"))
    assert result.problems == () and len(result.files) == 4


# -- unreadable files and folders -------------------------------------------------------

UNREADABLE = [
    # (case, path to chmod (relative to the unit), mode, kind reported, the path the problem names)
    ("file mode 000", "evidence/I.1.a SK Tim Kerja/SK.pdf", 0, "unreadable_file",
     "evidence/I.1.a SK Tim Kerja/SK.pdf"),
    ("subfolder mode 000", "evidence/I.1.a SK Tim Kerja/lampiran", 0, "unreadable_file",
     "evidence/I.1.a SK Tim Kerja/lampiran"),
    ("code folder mode 000", "evidence/I.1.a SK Tim Kerja", 0, "unreadable_file", "evidence/I.1.a SK Tim Kerja"),
    ("folder listable, not enterable", "evidence/I.1.a SK Tim Kerja/lampiran", 0o644, "unreadable_file",
     "evidence/I.1.a SK Tim Kerja/lampiran/Lampiran.pdf"),
    ("evidence/ mode 000", "evidence", 0, "unreadable_file", "evidence"),
]


def _unit_with_files(project: Path) -> Path:
    folder = project / "evidence" / "I.1.a SK Tim Kerja"
    (folder / "lampiran").mkdir(parents=True)
    (folder / "SK.pdf").write_bytes(pdf_bytes("SK"))
    (folder / "lampiran" / "Lampiran.pdf").write_bytes(pdf_bytes("lampiran"))
    return folder


@pytest.mark.parametrize(("case", "target", "mode", "kind", "named"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_an_unreadable_entry_is_an_unreadable_file_problem(project, case, target, mode, kind, named):
    prefix = unreadable_prefix()
    _unit_with_files(project)
    path = project / target
    path.chmod(mode)
    try:
        run = cli("check", "--root", project, "--as-of", AS_OF, "--format", "json", "--no-cache", prefix=prefix)
        bundle = cli("bundle", "--root", project, "--as-of", AS_OF, "--out", project.parent / "b.pdf",
                     "--allow-broken", prefix=prefix)
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for r in (run, bundle):
        no_traceback(r)
    assert run.code == 1 and bundle.code == 0, (run.text, bundle.text)
    data = json.loads(run.out)
    problems = data["problems"] + [p for i in data["items"] for p in i["problems"]]
    assert (kind, named) in {(p["kind"], p["path"]) for p in problems}, problems


@pytest.mark.parametrize(("target", "command"), [
    ("plan.yaml", "check"), ("reviews.yaml", "score"), ("penilaian.yaml", "score"), ("lke.yaml", "lke"),
    ("survei/persepsi_korupsi/a.csv", "score"), ("survei/persepsi_korupsi", "score"),
])
def test_an_unreadable_input_file_is_an_error_naming_it(project, target, command):
    prefix = unreadable_prefix()
    path = project / target
    if target.endswith(".csv") or "/" in target:
        (project / "survei" / "persepsi_korupsi").mkdir(parents=True)
        (project / "survei" / "persepsi_korupsi" / "a.csv").write_text(
            "kejelasan_biaya;percaloan;imbalan;komisi;kkn\n4;4;4;4;4\n", encoding="utf-8")
    elif target == "lke.yaml":
        path.write_text("versi_format: 1\nmodel: permenpanrb-90-2021\njawaban: {}\n", encoding="utf-8")
    elif not path.exists():
        path.write_text("{}\n", encoding="utf-8")
    path.chmod(0)
    try:
        run = cli(command, "--root", project, "--as-of", AS_OF, prefix=prefix)
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)
    no_traceback(run)
    assert run.code == 2, run.text
    assert "tidak dapat dibaca" in run.err and target.rsplit("/", 1)[-1] in run.err
