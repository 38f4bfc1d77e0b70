"""Bounded resources on hostile inputs, and a scan cache that cannot hide a change.

* Every YAML input (plan.yaml, lke.yaml, reviews.yaml, penilaian.yaml, a unit
  model file, an ``_akses.yaml``) × every bound: nesting depth (lists and
  mappings), a 5,000-digit integer, an alias bomb, a file over the size limit
  (a sparse 1 GB file, refused from its size without being read), numbers
  that are not finite. Each ends with a message naming file:line (exit 2; a
  sidecar is an evidence problem, exit 1 and its folder locked).
* Survey exports over the size limit (sparse) and cells over the limit.
* The scan cache: a file rewritten in place with its size and mtime restored,
  replaced by another file, made unreadable, or a damaged cache file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from input_support import cli, no_traceback, unreadable_prefix

from build_tools.cli import main
from build_tools.unit.samples import pdf_bytes

AS_OF = "2020-12-31"
DEEP_LIST = "[" * 500 + "]" * 500
DEEP_MAP = "".join("  " * n + f"k{n}:\n" for n in range(100)) + "  " * 100 + "x: 1\n"
ALIAS_BOMB = "".join(
    f"{c}: &{c} [" + ", ".join([f"*{chr(ord(c) - 1)}"] * 10 if c > "a" else ["1"] * 10) + "]\n"
    for c in "abcdefghi")
BOUNDS = [
    # (case, YAML text, message)
    ("deep list", f"versi_format: 1\nx: {DEEP_LIST}\n", "YAML bersarang terlalu dalam"),
    ("deep mapping", "versi_format: 1\nx:\n" + "".join("  " + line + "\n" for line in DEEP_MAP.splitlines()),
     "YAML bersarang terlalu dalam"),
    ("5000-digit integer", "versi_format: " + "9" * 5000 + "\n", "YAML angka terlalu panjang (5000 digit"),
    ("5000-digit float", "versi_format: 1." + "5" * 5000 + "\n", "YAML angka terlalu panjang"),
    ("alias bomb", "versi_format: 1\n" + ALIAS_BOMB, "YAML terlalu banyak nilai"),
]
# file → (command, how the file is put in place: None = at the unit root)
INPUTS = {
    "plan.yaml": "check",
    "lke.yaml": "lke",
    "reviews.yaml": "score",
    "penilaian.yaml": "score",
    "model-penilaian/hostil.yaml": "score",
}


def _place(project: Path, name: str, text: str | None, size: int | None = None) -> Path:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.startswith("model-penilaian/"):
        plan = (project / "plan.yaml").read_text("utf-8")
        (project / "plan.yaml").write_text(plan.replace("model: permenpanrb-10-2019", "model: hostil", 1),
                                           encoding="utf-8")
    path.write_text(text or "versi_format: 1\n", encoding="utf-8")
    if size:
        with path.open("r+b") as handle:
            handle.truncate(size)  # sparse: no disk, no time, unless someone reads it
    return path


@pytest.mark.parametrize("name", sorted(INPUTS))
@pytest.mark.parametrize(("case", "text", "message"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_every_yaml_input_is_bounded_with_file_and_line(project, name, case, text, message, capsys):
    path = _place(project, name, text)
    code = main([INPUTS[name], "--root", str(project), "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: YAML", err), err


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_a_huge_yaml_input_is_refused_from_its_size(project, name, capsys):
    path = _place(project, name, None, size=1 << 30)
    code = main([INPUTS[name], "--root", str(project), "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2 and f"{path}: berkas terlalu besar (lebih dari 4 MB)" in err, err


@pytest.mark.parametrize(("case", "text", "message"), [
    *BOUNDS,
    ("huge", None, "terlalu besar"),
], ids=[*(b[0] for b in BOUNDS), "huge"])
def test_a_hostile_sidecar_is_bounded_and_locks_its_folder(project, case, text, message, capsys):
    folder = project / "evidence" / "V.4.b Laporan Pengelolaan WBS"
    folder.mkdir()
    (folder / "WBS.pdf").write_bytes(pdf_bytes("WBS"))
    sidecar = folder / "_akses.yaml"
    sidecar.write_text(text.replace("versi_format", "akses") if text else "akses: publik\n", encoding="utf-8")
    if text is None:
        with sidecar.open("r+b") as handle:
            handle.truncate(1 << 30)
    assert main(["check", "--root", str(project), "--as-of", AS_OF, "--format", "json"]) == 1
    item = next(i for i in json.loads(capsys.readouterr().out)["items"] if i["code"] == "V.4.b")
    assert [p["kind"] for p in item["problems"]] == ["bad_sidecar"] and message in item["problems"][0]["message"]
    assert [f["access"] for f in item["files"]] == ["terbatas"]


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("plan.yaml", "bobot: 60", "bobot: .nan", "harus berupa angka"),
    ("plan.yaml", "bobot: 60", "bobot: .inf", "harus berupa angka"),
    ("plan.yaml", "bobot: 60", "bobot: 1e999", "harus berupa angka"),
    ("plan.yaml", "versi_format: 1", "versi_format: ¹", "harus berupa bilangan bulat"),
    ("penilaian.yaml", None, "tlhp: {temuan: ²³, ditindaklanjuti: 1}\n", "bilangan bulat"),
    ("penilaian.yaml", None, "tlhp: {temuan: .nan, ditindaklanjuti: 1}\n", "bilangan bulat"),
    ("lke.yaml", None, "versi_format: 1\nmodel: permenpanrb-90-2021\nhasil: {ipak: {indeks: .nan, responden: 3}}\n",
     "angka"),
    ("lke.yaml", None, f'versi_format: 1\nmodel: permenpanrb-90-2021\nhasil: {{ipak: {{indeks: 3, responden: '
                       f'"{"9" * 5000}"}}}}\n', "harus bilangan bulat"),
    ("lke.yaml", None, 'versi_format: 1\nmodel: permenpanrb-90-2021\nhasil: {ipak: {indeks: 3, responden: "³⁰"}}\n',
     "harus bilangan bulat"),
    ("lke.yaml", None, f'versi_format: 1\nmodel: permenpanrb-90-2021\njawaban:\n  A.II.4.i.a: {{jumlah: '
                       f'{{1: "{"9" * 5000}", 2: 1}}}}\n', "harus bilangan bulat"),
    ("penilaian.yaml", None, 'instansi: {opini_bpk: {"²⁰¹⁹": WTP}}\n', "tidak sah"),
    ("penilaian.yaml", None, f'tlhp: {{temuan: "{"9" * 5000}", ditindaklanjuti: 1}}\n', "bilangan bulat"),
])
def test_numbers_that_are_not_finite_or_not_ascii_are_errors(project, name, old, new, message, capsys):
    path = project / name
    path.write_text(path.read_text("utf-8").replace(old, new, 1) if old else new, encoding="utf-8")
    command = {"plan.yaml": "check", "penilaian.yaml": "score", "lke.yaml": "lke"}[name]
    code = main([command, "--root", str(project), "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2 and message in err and f"{path}:" in err, err


# -- surveys ------------------------------------------------------------------------------

HEADER = "kejelasan_biaya;percaloan;imbalan;komisi;kkn\n"


@pytest.mark.parametrize(("case", "content", "size", "message"), [
    ("sparse 1 GB export", HEADER, 1 << 30, "berkas survei terlalu besar (lebih dari 16 MB)"),
    ("a 20,000-character cell", HEADER + "4;4;4;4;4;" + "x" * 20_000 + "\n", None, "sel terlalu panjang"),
    ("a 200,000-character quoted cell", HEADER + '4;4;4;4;"' + "y" * 200_000 + '"\n', None, "CSV tidak sah"),
])
def test_survey_exports_are_bounded(project, case, content, size, message, capsys):
    path = project / "survei" / "persepsi_korupsi" / "a.csv"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    if size:
        with path.open("r+b") as handle:
            handle.truncate(size)
    code = main(["score", "--root", str(project), "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "survei/persepsi_korupsi/a.csv" in err, err


# -- the scan cache --------------------------------------------------------------------------

def _sha_in_report(project: Path, prefix=()) -> tuple[int, dict]:
    run = cli("check", "--root", project, "--as-of", AS_OF, "--format", "json", prefix=prefix)
    no_traceback(run)
    data = json.loads(run.out)
    return run.code, {f["path"]: f["sha256"] for i in data["items"] for f in i["files"]} | {
        p["path"]: p["kind"] for p in data["problems"] + [p for i in data["items"] for p in i["problems"]]}


@pytest.fixture
def cached(project):
    path = project / "evidence" / "I.1.a SK Tim Kerja" / "SK.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(pdf_bytes("SK versi 1"))
    _, first = _sha_in_report(project)
    assert first["evidence/I.1.a SK Tim Kerja/SK.pdf"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (project / ".cache" / "build_tools" / "scan.json").is_file()
    return project, path


def _same_size_other_bytes(path: Path) -> bytes:
    """Other bytes, same size, still a valid PDF: one byte of the binary comment line changes."""
    data = bytearray(path.read_bytes())
    at = data.index(b"\n%") + 2
    data[at] ^= 1
    return bytes(data)


def test_cache_sees_a_file_rewritten_in_place_with_its_mtime_restored(cached):
    project, path = cached
    stat = path.stat()
    new = _same_size_other_bytes(path)
    path.write_bytes(new)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    _, report = _sha_in_report(project)
    assert report["evidence/I.1.a SK Tim Kerja/SK.pdf"] == hashlib.sha256(new).hexdigest()


def test_cache_sees_a_file_replaced_by_another_with_the_same_size_and_mtime(cached):
    project, path = cached
    stat = path.stat()
    other = path.with_name("baru.tmp")
    new = _same_size_other_bytes(path)
    other.write_bytes(new)
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(other, path)
    _, report = _sha_in_report(project)
    assert report["evidence/I.1.a SK Tim Kerja/SK.pdf"] == hashlib.sha256(new).hexdigest()


def test_cache_never_hides_a_file_that_became_unreadable(cached):
    project, path = cached
    prefix = unreadable_prefix()
    path.chmod(0)
    try:
        code, report = _sha_in_report(project, prefix)
    finally:
        path.chmod(0o644)
    assert code == 1 and report["evidence/I.1.a SK Tim Kerja/SK.pdf"] == "unreadable_file"


@pytest.mark.parametrize("damage", [
    "{not json", "[]", '{"version": 2, "entries": []}', '{"version": 2, "entries": {"x": 1}}',
    "facts without a hash", "facts with a broken problem", "[" * 100_000,
])
def test_a_damaged_cache_file_is_never_trusted(cached, damage):
    project, path = cached
    cache = project / ".cache" / "build_tools" / "scan.json"
    if damage.startswith("facts"):
        data = json.loads(cache.read_text("utf-8"))
        entry = data["entries"]["evidence/I.1.a SK Tim Kerja/SK.pdf"]
        entry["facts"] = {"pages": 1} if damage == "facts without a hash" else {"problem": ["x"], "sha256": 1}
        cache.write_text(json.dumps(data), encoding="utf-8")
    else:
        cache.write_text(damage, encoding="utf-8")
    code, report = _sha_in_report(project)
    assert report["evidence/I.1.a SK Tim Kerja/SK.pdf"] == hashlib.sha256(path.read_bytes()).hexdigest()
