"""Access fails closed: when it is unclear whether a file may be public, it is not public.

Tables of variants, each with its expected problem and access:

* ``MISSPELT``: names a hurried ZI team member gives the sidecar (case,
  ``.yml``, no underscore, hidden, spaces, ``~``, extra extensions, copies,
  typos, look-alike letters, invisible characters, a folder of that name);
  each is a ``bad_sidecar`` error saying "maksud Anda `_akses.yaml`?" (never
  "unsupported type"), ``check`` exits 1, and every file of the folder and
  its subfolders is restricted.
* ``NOT_SIDECARS``: evidence whose name merely mentions access stays evidence.
* ``BAD_SIDECARS``: sidecars that are empty, unreadable, not UTF-8, too large,
  invalid, a link or a folder: the same error and the same lock.
* a locked folder cannot be unlocked by a sidecar below it; a sidecar at the
  top of ``evidence/`` locks everything.
* restricted bytes copied, hard-linked or symbolically linked into a public
  folder stay restricted (warning ``restricted_copy``).
* the public site and the public bundle of a tree holding one of each class
  contain no name, hash or byte of a file whose access could not be
  established (the reviewer bundle does, so the check can fail).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from input_support import cli, no_traceback, unreadable_prefix

from build_tools.cli import main
from build_tools.evidence.access import looks_like_sidecar
from build_tools.evidence.scanner import Access, scan_evidence
from build_tools.plan.loader import load_plan
from build_tools.unit.samples import pdf_bytes, write_pdf

DID_YOU_MEAN = "maksud Anda `_akses.yaml`?"
CODE_FOLDER = "V.3.b Laporan Monev LAPOR dan DUMAS"

MISSPELT = [
    "_Akses.yaml", "_AKSES.YAML", "_akses.YAML", "_akses.yml", "_akses.YML", "_Akses.yml",
    "akses.yaml", "akses.yml", "Akses.yaml", ".akses.yaml", "._akses.yaml", "~$akses.yaml",
    "_akses.yaml ", " _akses.yaml", "_akses.yaml\u00a0", "_akses .yaml", "_akses.yaml~", "_akses.yml~",
    "_akses.yaml.txt", "_akses.yaml.bak", "_akses.yaml.yaml", "_akses.yaml.pdf", "_akses.yaml.",
    "_akses.yam", "_akses.ymal", "akses_yaml", "_akses.txt", "_akses.json", "_akses",
    "akses", "__akses.yaml", "-akses.yaml", "_akses (1).yaml", "_akses(2).yml", "Copy of _akses.yaml",
    "_akses - Salinan.yaml", "_akses - Copy.yaml", "_akses.yaml:Zone.Identifier",
    "_akes.yaml", "_aksess.yaml", "_access.yaml", "_acces.yaml",
    "_\u0430kses.yaml",          # Cyrillic а
    "_ａｋｓｅｓ.yaml",           # full-width letters
    "_ak\u200bses.yaml",         # zero-width space
    "_akses\u202e.yaml",         # right-to-left override
]
MISSPELT_FOLDERS = ["_akses.yaml", "_akses.yml", "_Akses.yaml", "akses.yaml"]
NOT_SIDECARS = ["Daftar akses.pdf", "Hak akses sistem.pdf", "akses.pdf", "Laporan aksesibilitas.pdf",
                "_akses.pdf", "Akses/rekap.pdf", "Akses pegawai/rekap.pdf"]

BAD_SIDECARS = [
    ("empty", b"", "kosong"),
    ("comments only", b"# akses: terbatas\n", "kosong"),
    ("whitespace only", b"\n   \n", "kosong"),
    ("empty mapping", b"{}\n", "kosong"),
    ("akses without value", b"akses:\n", "akses kosong"),
    ("unknown value", b"akses: rahasia\n", "akses 'rahasia' tidak dikenal"),
    ("value as list", b"akses: [terbatas]\n", "akses harus berupa teks"),
    ("unknown key", b"akses: terbatas\nwarna: merah\n", "kunci 'warna' tidak dikenal"),
    ("misspelt key", b"aksess: terbatas\n", "maksud Anda 'akses'?"),
    ("scalar document", b"terbatas\n", "harus berupa pemetaan"),
    ("broken syntax", b"akses: [terbatas\n", "sintaks YAML tidak sah"),
    ("tab indentation", b"akses: terbatas\nberkas:\n\t\"a.pdf\": publik\n", "sintaks YAML tidak sah"),
    ("not UTF-8", b"akses: terb\xe4tas\n", "bukan teks UTF-8"),
    ("UTF-16", "akses: terbatas\n".encode("utf-16"), "bukan teks UTF-8"),
    ("duplicate key", b"akses: publik\nakses: terbatas\n", "ditulis dua kali"),
    ("berkas not a mapping", b"akses: publik\nberkas: Rahasia.pdf\n", "berkas harus berupa pemetaan"),
    ("berkas names a missing file", b'akses: publik\nberkas:\n  "Rahasia .pdf": publik\n',
     "tidak ada di folder ini"),
    ("deep nesting", b"akses: " + b"[" * 200 + b"]" * 200 + b"\n", "bersarang terlalu dalam"),
    ("5000-digit number", b"akses: " + b"9" * 5000 + b"\n", "angka terlalu panjang"),
    ("too large", b"akses: publik\n" + b"# " + b"x" * 70_000 + b"\n", "terlalu besar"),
    ("NUL byte", b"akses: publik\x00\n", "karakter kendali #x0000"),
]


def _scan(root: Path):
    return scan_evidence(root, load_plan(root / "plan.yaml"))


def _folder(project: Path) -> Path:
    folder = project / "evidence" / CODE_FOLDER
    write_pdf(folder / "Rahasia.pdf", "rahasia")
    write_pdf(folder / "sub" / "Detail.pdf", "detail")
    # A subfolder's own sidecar cannot open what a problem above locked.
    (folder / "sub" / "_akses.yaml").write_text("akses: publik\n", encoding="utf-8")
    return folder


def _access(result) -> dict[str, Access]:
    return {f.path.split("/", 2)[2]: f.access for f in result.files if f.code == "V.3.b"}


def _all_restricted(result) -> None:
    access = _access(result)
    assert access and set(access.values()) == {Access.RESTRICTED}, access


@pytest.mark.parametrize("name", MISSPELT)
def test_a_misspelt_sidecar_is_an_error_and_locks_its_folder(project, name, capsys):
    folder = _folder(project)
    (folder / name).write_text("akses: terbatas\n", encoding="utf-8")
    result = _scan(project)
    problems = [p for p in result.problems if p.code == "V.3.b"]
    assert [p.kind for p in problems] == ["bad_sidecar"], problems
    assert DID_YOU_MEAN in problems[0].message and "sementara semua berkas" in problems[0].hint
    assert not [p for p in result.problems if p.kind == "unsupported_type"]
    _all_restricted(result)
    assert main(["check", "--root", str(project), "--as-of", "2020-01-15"]) == 1
    out = capsys.readouterr().out
    assert DID_YOU_MEAN in out and "tidak didukung" not in out


@pytest.mark.parametrize("name", MISSPELT_FOLDERS)
def test_a_folder_named_like_a_sidecar_is_an_error_and_locks(project, name):
    folder = _folder(project)
    write_pdf(folder / name / "isi.pdf", "isi")
    result = _scan(project)
    [problem] = [p for p in result.problems if p.code == "V.3.b"]
    assert problem.kind == "bad_sidecar"
    assert DID_YOU_MEAN in problem.message or "bukan berkas biasa" in problem.message
    _all_restricted(result)


@pytest.mark.parametrize("name", NOT_SIDECARS)
def test_evidence_that_mentions_access_stays_evidence(project, name):
    folder = project / "evidence" / CODE_FOLDER
    write_pdf(folder / name, "bukti")
    result = _scan(project)
    assert result.problems == ()
    assert _access(result) == {name: Access.PUBLIC}
    assert not looks_like_sidecar(Path(name).name)


def test_macos_metadata_beside_a_real_sidecar_is_ignored(project):
    folder = _folder(project)
    (folder / "_akses.yaml").write_text("akses: terbatas\n", encoding="utf-8")
    (folder / ("._" + "_akses.yaml")).write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    result = _scan(project)
    assert [p for p in result.problems if p.code == "V.3.b"] == []
    assert _access(result) == {"Rahasia.pdf": Access.RESTRICTED, "sub/Detail.pdf": Access.PUBLIC}


@pytest.mark.parametrize(("case", "content", "message"), BAD_SIDECARS, ids=[c[0] for c in BAD_SIDECARS])
def test_a_sidecar_that_says_nothing_clear_is_an_error_and_locks(project, case, content, message):
    folder = _folder(project)
    (folder / "_akses.yaml").write_bytes(content)
    result = _scan(project)
    problems = [p for p in result.problems if p.code == "V.3.b"]
    assert problems and {p.kind for p in problems} == {"bad_sidecar"}
    assert any(message in p.message or message in p.hint for p in problems), [str(p) for p in problems]
    assert all(p.path.endswith("_akses.yaml") for p in problems)
    _all_restricted(result)


def test_a_sidecar_that_is_a_link_is_an_error_and_locks(project):
    folder = _folder(project)
    (project / "akses-asli.yaml").write_text("akses: publik\n", encoding="utf-8")
    (folder / "_akses.yaml").symlink_to(project / "akses-asli.yaml")
    result = _scan(project)
    [problem] = [p for p in result.problems if p.code == "V.3.b"]
    assert problem.kind == "bad_sidecar" and "tautan simbolik" in problem.message
    _all_restricted(result)


def test_an_unreadable_sidecar_is_an_error_and_locks(project):
    prefix = unreadable_prefix()
    folder = _folder(project)
    sidecar = folder / "_akses.yaml"
    sidecar.write_text("akses: publik\n", encoding="utf-8")
    sidecar.chmod(0)
    try:
        run = cli("check", "--root", project, "--as-of", "2020-01-15", "--format", "json", prefix=prefix)
    finally:
        sidecar.chmod(0o644)
    no_traceback(run)
    assert run.code == 1
    import json

    report = json.loads(run.out)
    item = next(i for i in report["items"] if i["code"] == "V.3.b")
    assert [(p["kind"], "tidak dapat dibaca" in p["message"]) for p in item["problems"]] == [("bad_sidecar", True)]
    assert {f["access"] for f in item["files"]} == {"terbatas"}


@pytest.mark.parametrize("content", [b"akses: terbatas\n", b"\xef\xbb\xbfakses: terbatas\r\n",
                                     b"# rahasia\nakses: terbatas # WBS\n", b"akses: 'terbatas'\n"])
def test_valid_sidecars_still_restrict_without_a_problem(project, content):
    folder = _folder(project)
    (folder / "_akses.yaml").write_bytes(content)
    result = _scan(project)
    assert [p for p in result.problems if p.code == "V.3.b"] == []
    # The subfolder's own sidecar opens it: no problem, so no lock.
    assert _access(result) == {"Rahasia.pdf": Access.RESTRICTED, "sub/Detail.pdf": Access.PUBLIC}


def test_a_problem_in_a_subfolder_locks_that_subfolder_only(project):
    folder = _folder(project)
    (folder / "sub" / "_akses.yml").write_text("akses: terbatas\n", encoding="utf-8")
    (folder / "sub" / "_akses.yaml").unlink()
    write_pdf(folder / "sub" / "lagi" / "Dalam.pdf", "dalam")
    (folder / "sub" / "lagi" / "_akses.yaml").write_text("akses: publik\n", encoding="utf-8")
    result = _scan(project)
    assert _access(result) == {"Rahasia.pdf": Access.PUBLIC, "sub/Detail.pdf": Access.RESTRICTED,
                               "sub/lagi/Dalam.pdf": Access.RESTRICTED}


@pytest.mark.parametrize("name", ["_akses.yaml", "_akses.yml", "akses.yaml"])
def test_a_sidecar_at_the_top_of_evidence_locks_every_file(full_project, name):
    (full_project / "evidence" / name).write_text("akses: publik\n", encoding="utf-8")
    result = _scan(full_project)
    assert [(p.kind, p.path) for p in result.problems] == [("bad_sidecar", f"evidence/{name}")]
    assert {f.access for f in result.files} == {Access.RESTRICTED}


# -- the same bytes cannot be public in one place and restricted in another ---------------------------

def _restricted_original(project: Path) -> Path:
    folder = project / "evidence" / "V.4.b Laporan Pengelolaan WBS"
    write_pdf(folder / "Laporan WBS.pdf", "laporan WBS")
    (folder / "_akses.yaml").write_text("akses: terbatas\n", encoding="utf-8")
    return folder / "Laporan WBS.pdf"


@pytest.mark.parametrize(("case", "make", "warning"), [
    ("a copy", lambda src, dst: dst.write_bytes(src.read_bytes()), "isinya sama dengan berkas terbatas"),
    ("a hard link", lambda src, dst: os.link(src, dst), "isinya sama dengan berkas terbatas"),
    ("a symbolic link", lambda src, dst: dst.symlink_to(src), "isinya sama dengan berkas terbatas"),
    ("a relative symbolic link", lambda src, dst: dst.symlink_to(os.path.relpath(src, dst.parent)),
     "isinya sama dengan berkas terbatas"),
])
def test_restricted_bytes_in_a_public_folder_stay_restricted(project, case, make, warning):
    original = _restricted_original(project)
    public = project / "evidence" / "I.1.a SK Tim Kerja" / "SK.pdf"
    public.parent.mkdir()
    make(original, public)
    result = _scan(project)
    access = {f.path.rsplit("/", 1)[-1]: f.access for f in result.files}
    assert access == {"SK.pdf": Access.RESTRICTED, "Laporan WBS.pdf": Access.RESTRICTED}
    [problem] = result.problems
    assert (problem.kind, problem.severity.value, problem.code) == ("restricted_copy", "warning", "I.1.a")
    assert warning in problem.message and "dianggap terbatas" in problem.message


def test_a_link_to_a_file_whose_access_is_unknown_is_restricted(project):
    outside = project / "evidence" / "I.1.b SOP" / "sub"
    write_pdf(outside / "asli.pdf", "asli")
    (outside / "_akses.yml").write_text("akses: publik\n", encoding="utf-8")  # locked: restricted
    unscanned = project / "evidence" / "Arsip lama" / "lama.pdf"  # not a code folder: never scanned
    write_pdf(unscanned, "lama")
    folder = project / "evidence" / "I.1.a SK Tim Kerja"
    folder.mkdir()
    (folder / "tautan.pdf").symlink_to(outside / "asli.pdf")
    (folder / "arsip.pdf").symlink_to(unscanned)
    result = _scan(project)
    assert {f.path.rsplit("/", 1)[-1]: f.access for f in result.files} == {
        "tautan.pdf": Access.RESTRICTED, "arsip.pdf": Access.RESTRICTED, "asli.pdf": Access.RESTRICTED}
    warnings = {p.path.rsplit("/", 1)[-1]: p.message for p in result.problems if p.kind == "restricted_copy"}
    assert "aksesnya tidak diketahui" in warnings["arsip.pdf"] and "sama dengan" in warnings["tautan.pdf"]


def test_a_link_to_a_public_file_stays_public(project):
    original = project / "evidence" / "I.1.b SOP" / "SOP.pdf"
    write_pdf(original, "SOP")
    folder = project / "evidence" / "I.1.a SK Tim Kerja"
    folder.mkdir()
    (folder / "SOP.pdf").symlink_to(original)
    result = _scan(project)
    assert result.problems == () and {f.access for f in result.files} == {Access.PUBLIC}


# -- the public outputs never hold a file whose access is unclear ------------------------------------

LOCKED_CASES = {
    # code folder → (file name, content) put beside the secret
    "I.1.a": ("_Akses.yaml", b"akses: terbatas\n"),
    "I.1.b": ("_akses.yml", b"akses: terbatas\n"),
    "I.2.a": ("akses.yaml", b"akses: terbatas\n"),
    "I.2.b": (".akses.yaml", b"akses: terbatas\n"),
    "I.2.c": ("_akses.yaml ", b"akses: terbatas\n"),
    "I.3.a": ("_akses.yaml~", b"akses: terbatas\n"),
    "I.3.c": ("_akses.yaml.txt", b"akses: terbatas\n"),
    "I.4.a": ("_akses.yaml", b""),
    "I.4.b": ("_akses.yaml", b"akses: rahsia\n"),
    "I.4.c": ("_akses.yaml", b"akses: [\n"),
    "II.1.a": ("_akses.yaml", b"\xff\xfe"),
    "II.1.b": ("_akses (1).yaml", b"akses: terbatas\n"),
}


@pytest.fixture(scope="module")
def locked_tree(tmp_path_factory):
    """The full unit with a secret file in each folder of LOCKED_CASES, its public site and bundles."""
    import shutil

    from input_support import REPO

    from build_tools.unit.samples import populate

    work = tmp_path_factory.mktemp("locked")
    root = work / "unit"
    (root / "evidence").mkdir(parents=True)
    shutil.copy(REPO / "plan.yaml", root / "plan.yaml")
    populate(root, load_plan(root / "plan.yaml"))
    secrets = {}
    for folder in sorted((root / "evidence").iterdir()):
        code = folder.name.split(" ", 1)[0]
        if code in LOCKED_CASES:
            name, content = LOCKED_CASES[code]
            (folder / name).write_bytes(content)
            data = pdf_bytes(f"RAHASIA-{code}")
            (folder / "sub").mkdir()
            (folder / "sub" / f"RAHASIA-{code}.pdf").write_bytes(data)
            (folder / "sub" / "_akses.yaml").write_text("akses: publik\n", encoding="utf-8")
            secrets[f"RAHASIA-{code}"] = hashlib.sha256(data).hexdigest()
    out = work / "out"
    common = ["--root", root, "--as-of", "2020-12-31", "--no-cache"]
    runs = [cli("site", *common, "--out", out / "site", "--src", out / "src"),
            cli("bundle", *common, "--out", out / "publik.pdf"),
            cli("bundle", *common, "--audience", "penilai", "--out", out / "penilai.pdf"),
            cli("check", *common, "--format", "json")]
    for run in runs:
        no_traceback(run)
    assert [r.code for r in runs] == [0, 0, 0, 1], [r.text[-500:] for r in runs]
    return root, out, secrets, runs[-1].out


def test_check_reports_every_locked_folder(locked_tree):
    import json

    _, _, secrets, report = locked_tree
    data = json.loads(report)
    kinds = {i["code"]: [p["kind"] for p in i["problems"]] for i in data["items"] if i["code"] in LOCKED_CASES}
    assert all("bad_sidecar" in k for k in kinds.values()), kinds
    access = {f["name"]: f["access"] for i in data["items"] for f in i["files"]}
    assert {access[f"{s}.pdf"] for s in secrets} == {"terbatas"}


def test_public_site_holds_no_name_hash_or_byte_of_a_locked_file(locked_tree):
    _, out, secrets, _ = locked_tree
    site = out / "site"
    hashes = set(secrets.values())
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert "RAHASIA" not in path.name
        assert hashlib.sha256(data).hexdigest() not in hashes, path
        if path.suffix in (".html", ".json", ".xml", ".js", ".txt", ".yml"):
            text = data.decode("utf-8", "replace")
            assert "RAHASIA" not in text, path
            assert not [h for h in hashes if h in text or h[:12] in text], path
    assert "tersedia untuk penilai" in (site / "indeks-bukti" / "index.html").read_text("utf-8")


def _pdf_strings(path: Path) -> str:
    import pikepdf
    from pypdf import PdfReader

    reader = PdfReader(path)
    texts = [page.extract_text() for page in reader.pages]
    with pikepdf.open(path) as pdf:
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                texts.append(str(item.title))
                stack.extend(item.children)
        texts += [str(v) for v in pdf.docinfo.values()] + list(pdf.attachments)
    return "\n".join(texts)


def test_public_bundle_holds_no_name_hash_or_byte_of_a_locked_file(locked_tree):
    _, out, secrets, _ = locked_tree
    public, reviewer = _pdf_strings(out / "publik.pdf"), _pdf_strings(out / "penilai.pdf")
    assert "RAHASIA" not in public
    data = (out / "publik.pdf").read_bytes()
    assert not [h for h in secrets.values() if h.encode() in data or h[:16] in public]
    # The reviewers' bundle has them: the check above can fail.
    assert all(s in reviewer for s in secrets)


def test_the_scan_never_writes_under_evidence(locked_tree):
    root, _, _, _ = locked_tree
    stamps = {p: p.stat().st_mtime_ns for p in (root / "evidence").rglob("*")}
    _scan(root)
    assert {p: p.stat().st_mtime_ns for p in (root / "evidence").rglob("*")} == stamps
    assert not [p for p in (root / "evidence").rglob("*") if p.name.startswith(".scan")]
    assert os.access(root / "evidence", os.R_OK)
