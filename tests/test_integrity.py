"""The evidence manifest and ``verify`` without signatures: root digest, public view,
the unit against its manifest, the site folder against its served-file list."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from conftest import tree_digest
from integrity_support import AS_OF, SECRET, evidence_folder, make_unit

from build_tools import cli
from build_tools.integrity.sitefiles import SITE_FILE
from build_tools.unit.samples import write_pdf

VERIFY_KEYS = ["digests", "findings", "kind", "manifest", "notes", "ok", "revisions", "signatures", "site",
               "target", "trust", "unit"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def spec_digest(manifest: dict) -> str:
    """The root digest exactly as the issue defines it (written here independently of the tool)."""
    body = {k: v for k, v in manifest.items() if k != "root_digest"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"),
                                     ensure_ascii=False).encode("utf-8")).hexdigest()


def bundle(capsys, root: Path, out: Path, audience: str = "penilai", *extra: str) -> str:
    code, text, err = run(capsys, "bundle", "--root", root, "--as-of", AS_OF, "--audience", audience,
                          "--out", out, *extra)
    assert code == 0, err
    return text


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A unit with its full manifest, both bundles and a public site, built once."""
    work = tmp_path_factory.mktemp("integrity")
    root = make_unit(work / "unit")
    for audience in ("publik", "penilai"):
        assert cli.main(["bundle", "--root", str(root), "--as-of", AS_OF, "--audience", audience,
                         "--out", str(work / f"bundel-{audience}.pdf")]) == 0
    assert cli.main(["site", "--root", str(root), "--as-of", AS_OF, "--out", str(work / "site"),
                     "--src", str(work / "src"), "--bundle", str(work / "bundel-publik.pdf")]) == 0
    return {"root": root, "work": work, "publik": work / "bundel-publik.pdf",
            "penilai": work / "bundel-penilai.pdf", "site": work / "site"}


def test_manifest_lists_every_input_with_the_specified_root_digest(built) -> None:
    root = built["root"]
    manifest = json.loads((root / "build" / "manifest.json").read_text("utf-8"))
    assert manifest["root_digest"] == spec_digest(manifest)
    assert manifest["as_of"] == AS_OF and manifest["audience"] == "penilai" and manifest["restricted_count"] == 0
    assert manifest["model"]["id"] == "permenpanrb-10-2019" and manifest["tool"]["version"]
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "evidence").rglob("*") if p.is_file())
    listed = {e["path"]: e for e in manifest["evidence"]}
    assert sorted(listed) == on_disk  # the sidecar too
    for path, entry in listed.items():
        data = (root / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        assert entry["code"] == path.split("/")[1].split()[0]
    secret = next(e for p, e in listed.items() if p.endswith(SECRET))
    assert secret["access"] == "terbatas" and secret["pages"] == 2
    assert listed[next(p for p in listed if p.endswith("_akses.yaml"))]["access"] == "terbatas"
    inputs = {e["path"]: e for e in manifest["inputs"]}
    assert sorted(inputs) == ["plan.yaml", "reviews.yaml", "survei/persepsi_korupsi/2020.csv"]
    assert inputs["plan.yaml"]["sha256"] == hashlib.sha256((root / "plan.yaml").read_bytes()).hexdigest()
    assert {e["kind"] for e in inputs.values()} == {"plan", "reviews", "survey"}
    text = json.dumps(manifest)
    assert "catatan tim" not in text and "build/" not in text and ".cache" not in text


def test_public_views_name_no_restricted_file(built) -> None:
    root, work = built["root"], built["work"]
    full = json.loads((root / "build" / "manifest.json").read_text("utf-8"))
    with pikepdf.open(built["publik"]) as pdf:
        public = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
        assert str(pdf.docinfo["/ZIManifestRootDigest"]) == public["root_digest"]
    with pikepdf.open(built["penilai"]) as pdf:
        reviewer = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
    assert reviewer == full
    served = json.loads((built["site"] / "manifest.json").read_text("utf-8"))
    assert served == public and public["audience"] == "publik"
    assert public["root_digest"] == spec_digest(public) != full["root_digest"]
    withheld = [e for e in full["evidence"] if e["access"] != "publik"]
    assert public["restricted_count"] == len(withheld) == 2  # the restricted file and the sidecar
    raw = (built["site"] / "manifest.json").read_bytes()
    for e in withheld:
        assert e["path"].encode() not in raw and e["sha256"].encode() not in raw
    assert SECRET.split()[0].encode() not in raw
    page = (built["site"] / "unduh" / "index.html").read_text("utf-8")
    assert public["root_digest"] in page and "manifest.json" in page
    assert public["root_digest"] in (work / "src" / "docs" / "unduh" / "index.md").read_text("utf-8")


@pytest.mark.parametrize("audience", ["publik", "penilai"])
def test_unsigned_bundle_verifies_its_manifest(built, capsys, audience: str) -> None:
    code, out, err = run(capsys, "verify", built[audience])
    assert code == 0, out + err
    assert "TIDAK ditandatangani" in out and "HASIL: COCOK" in out
    assert "sama dengan: dihitung ulang, sampul, metadata PDF" in out
    code, out, _ = run(capsys, "verify", built[audience], "--format", "json")
    report = json.loads(out)
    assert sorted(report) == VERIFY_KEYS and report["ok"] is True and report["signatures"] == []
    digests = report["digests"]
    assert digests["manifest"] == digests["recomputed"] == digests["cover"] == digests["metadata"]


def _rewrite_manifest(path: Path, change, *, reseal: bool, metadata: bool = False) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        data = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
        change(data)
        if reseal:
            data["root_digest"] = spec_digest(data)
        pdf.attachments["manifest.json"] = pikepdf.AttachedFileSpec(pdf, json.dumps(data).encode(),
                                                                    filename="manifest.json")
        if metadata:
            pdf.docinfo["/ZIManifestRootDigest"] = data["root_digest"]
        pdf.save(path)


def _drop_entry(data: dict) -> None:
    data["evidence"].pop()


@pytest.mark.parametrize(("variant", "kinds"), [
    ("entry edited, digest kept", {"manifest_digest_mismatch"}),
    ("entry edited, digest recomputed", {"cover_digest_mismatch", "metadata_digest_mismatch"}),
    ("digest recomputed and metadata too", {"cover_digest_mismatch"}),
    ("manifest removed", {"manifest_missing"}),
])
def test_a_changed_manifest_in_a_bundle_is_named(built, tmp_path, capsys, variant: str, kinds: set) -> None:
    pdf_path = tmp_path / "b.pdf"
    shutil.copy(built["penilai"], pdf_path)
    if variant == "manifest removed":
        with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
            del pdf.attachments["manifest.json"]
            pdf.save(pdf_path)
    else:
        _rewrite_manifest(pdf_path, _drop_entry, reseal=variant != "entry edited, digest kept",
                          metadata=variant == "digest recomputed and metadata too")
    code, out, _ = run(capsys, "verify", pdf_path, "--format", "json")
    report = json.loads(out)
    assert code == 1 and {f["kind"] for f in report["findings"]} == kinds


def _edit(root: Path) -> tuple[str, str, str]:
    folder = evidence_folder(root, "I.1.a")
    target = sorted(p for p in folder.iterdir() if p.suffix == ".pdf" and p.name != SECRET)[0]
    target.write_bytes(target.read_bytes() + b"\n% diubah\n")
    return "unit_file_changed", target.relative_to(root).as_posix(), "I.1.a"


def _add(root: Path) -> tuple[str, str, str]:
    path = write_pdf(evidence_folder(root, "I.2.a") / "Tambahan.pdf", "tambahan")
    return "unit_file_added", path.relative_to(root).as_posix(), "I.2.a"


def _remove(root: Path) -> tuple[str, str, str]:
    target = sorted(evidence_folder(root, "I.1.b").iterdir())[0]
    target.unlink()
    return "unit_file_removed", target.relative_to(root).as_posix(), "I.1.b"


def _plan(root: Path) -> tuple[str, str, None]:
    (root / "plan.yaml").write_text((root / "plan.yaml").read_text("utf-8") + "\n# diubah\n", encoding="utf-8")
    return "unit_file_changed", "plan.yaml", None


def _survey(root: Path) -> tuple[str, str, None]:
    path = root / "survei" / "kualitas_pelayanan" / "2020.csv"
    path.parent.mkdir(parents=True)
    path.write_text("no;prosedur\n1;4\n", encoding="utf-8")
    return "unit_file_added", "survei/kualitas_pelayanan/2020.csv", None


def _restricted(root: Path) -> tuple[str, str, str]:
    path = evidence_folder(root, "I.1.a") / SECRET
    path.write_bytes(path.read_bytes() + b"\n% diubah\n")
    return "unit_file_changed", path.relative_to(root).as_posix(), "I.1.a"


@pytest.mark.parametrize("change", [_edit, _add, _remove, _plan, _survey, _restricted],
                         ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("target", ["penilai", "manifest"])
def test_the_unit_now_against_its_manifest(built, tmp_path, capsys, change, target: str) -> None:
    root = tmp_path / "unit"
    shutil.copytree(built["root"], root)
    against = built["penilai"] if target == "penilai" else root / "build" / "manifest.json"
    code, out, _ = run(capsys, "verify", against, "--root", root)
    assert code == 0 and "0 berubah, 0 ditambahkan, 0 dihapus" in out
    before = tree_digest(root / "evidence")
    kind, path, code_name = change(root)
    after = tree_digest(root / "evidence")
    code, out, _ = run(capsys, "verify", against, "--root", root, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [(f["kind"], f["path"], f["code"]) for f in report["findings"]] == [(kind, path, code_name)]
    assert tree_digest(root / "evidence") == after  # verify itself touched nothing
    code, text, _ = run(capsys, "verify", against, "--root", root)
    assert code == 1 and path in text and "TIDAK COCOK" in text
    del before


def test_public_manifest_counts_what_it_cannot_name(built, tmp_path, capsys) -> None:
    root = tmp_path / "unit"
    shutil.copytree(built["root"], root)
    code, out, _ = run(capsys, "verify", built["publik"], "--root", root)
    assert code == 0 and "hanya dihitung oleh manifes publik" in out
    _restricted(root)  # a restricted file changed: invisible to the public manifest, said plainly
    code, out, _ = run(capsys, "verify", built["publik"], "--root", root)
    assert code == 0 and "tidak dapat diperiksa" in out
    folder = evidence_folder(root, "I.1.a")
    write_pdf(folder / "Rahasia kedua.pdf", "rahasia")
    (folder / "_akses.yaml").write_text(f'berkas:\n  "{SECRET}": terbatas\n  "Rahasia kedua.pdf": terbatas\n',
                                        encoding="utf-8")
    code, out, _ = run(capsys, "verify", built["publik"], "--root", root, "--format", "json")
    kinds = [f["kind"] for f in json.loads(out)["findings"]]
    assert code == 1 and kinds == ["restricted_count_changed"]  # the sidecar is withheld too: only counted


def _delete(site: Path) -> tuple[str, str]:
    (site / "indeks-bukti" / "index.html").unlink()
    return "site_file_missing", "indeks-bukti/index.html"


def _alter(site: Path) -> tuple[str, str]:
    page = site / "index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", "<script>x()</script></body>"), encoding="utf-8")
    return "site_file_changed", "index.html"


def _extra(site: Path) -> tuple[str, str]:
    (site / ".htaccess").write_text("Redirect / https://contoh.invalid/\n", encoding="utf-8")
    return "site_file_extra", ".htaccess"


def _swap_evidence(site: Path) -> tuple[str, str]:
    listing = json.loads((site / SITE_FILE).read_text("utf-8"))
    entry = next(e for e in listing["files"] if "evidence" in e)
    copy = site / entry["path"]
    copy.write_bytes(copy.read_bytes() + b"%")
    return "site_file_changed", entry["path"]


@pytest.mark.parametrize("change", [_delete, _alter, _extra, _swap_evidence], ids=lambda f: f.__name__.strip("_"))
def test_a_site_folder_against_its_served_files(built, tmp_path, capsys, change) -> None:
    site = tmp_path / "site"
    shutil.copytree(built["site"], site)
    code, out, _ = run(capsys, "verify", site)
    assert code == 0 and "0 berubah, 0 hilang, 0 tambahan" in out, out
    kind, path = change(site)
    code, out, _ = run(capsys, "verify", site, "--format", "json")
    report = json.loads(out)
    assert code == 1 and [(f["kind"], f["path"]) for f in report["findings"]] == [(kind, path)]


def test_a_site_whose_manifest_was_replaced(built, tmp_path, capsys) -> None:
    site = tmp_path / "site"
    shutil.copytree(built["site"], site)
    data = json.loads((site / "manifest.json").read_text("utf-8"))
    data["evidence"] = data["evidence"][1:]
    data["root_digest"] = spec_digest(data)
    (site / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "verify", site, "--format", "json")
    kinds = {f["kind"] for f in json.loads(out)["findings"]}
    # The list still records the old manifest, and a served copy is no longer in the new one.
    assert code == 1 and kinds == {"site_file_changed", "site_manifest_mismatch", "site_evidence_mismatch"}


def test_the_site_list_covers_every_served_file(built) -> None:
    site = built["site"]
    listing = json.loads((site / SITE_FILE).read_text("utf-8"))
    served = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert [e["path"] for e in listing["files"]] == [p for p in served if p != SITE_FILE]
    assert listing["root_digest"] == spec_digest(listing)
    assert listing["manifest"]["root_digest"] == json.loads((site / "manifest.json").read_text())["root_digest"]
    copies = [e for e in listing["files"] if "evidence" in e]
    assert copies and all(e["evidence"].startswith("evidence/") for e in copies)
    assert not any(SECRET.split()[0] in e["path"] for e in listing["files"])


def _text_file(tmp_path: Path) -> list[str]:
    (tmp_path / "x.txt").write_text("bukan apa-apa")
    return [str(tmp_path / "x.txt")]


def _plain_pdf(tmp_path: Path) -> list[str]:
    return [str(write_pdf(tmp_path / "lain.pdf", "bukan bundel"))]


def _bad_json(tmp_path: Path) -> list[str]:
    (tmp_path / "m.json").write_text("{ rusak")
    return [str(tmp_path / "m.json")]


def _unit_folder(tmp_path: Path) -> list[str]:
    make_unit(tmp_path / "unit")
    return [str(tmp_path / "unit")]


def _bad_trust(tmp_path: Path) -> list[str]:
    (tmp_path / "ca.pem").write_text("bukan sertifikat")
    return [str(tmp_path / "m.json"), "--trust", str(tmp_path / "ca.pem")]


def _missing_root(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "m.json"), "--root", str(tmp_path / "tidak-ada")]


@pytest.mark.parametrize(("make", "says"), [
    (lambda p: [str(p / "tidak-ada.pdf")], "tidak ada"), (_text_file, "bukan bundel PDF"),
    (_plain_pdf, "bukan bundel buatan"), (_bad_json, "bukan manifes"), (_unit_folder, "pakai --root"),
    (_bad_trust, "--trust"), (_missing_root, "--root"),
], ids=["missing", "text", "plain-pdf", "bad-json", "unit-folder", "bad-trust", "bad-root"])
def test_bad_input_exits_2_without_traceback(built, tmp_path, capsys, make, says: str) -> None:
    shutil.copy(built["root"] / "build" / "manifest.json", tmp_path / "m.json")
    code, out, err = run(capsys, "verify", *make(tmp_path))
    assert code == 2 and err.startswith("galat: ") and says in err and out == ""
    assert "Traceback" not in err


def test_control_characters_in_names_never_reach_the_terminal(tmp_path, capsys) -> None:
    root = make_unit(tmp_path / "unit")
    hostile = write_pdf(evidence_folder(root, "I.1.b") / "x\x1b[2J\x07.pdf", "nama jahat")
    bundle(capsys, root, tmp_path / "b.pdf")
    hostile.write_bytes(hostile.read_bytes() + b"%")
    code, out, _ = run(capsys, "verify", tmp_path / "b.pdf", "--root", root)
    assert code == 1 and "x\\x1b[2J\\x07.pdf" in out and "\x1b" not in out and "\x07" not in out


def test_readme_documents_every_report_key_and_finding_kind() -> None:
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("### `verify`"):]
    source = "".join((REPO / "build_tools" / "integrity" / name).read_text("utf-8")
                     for name in ("verify.py", "verify_report.py"))
    kinds = set(re.findall(r'add\(\s*"([a-z_]+)"', source))
    for suffix in re.findall(r'add\(\s*f"\{where\}(_[a-z_]+)"', source):  # cover_… and metadata_…
        kinds |= {f"cover{suffix}", f"metadata{suffix}"}
    assert len(kinds) > 20
    assert [k for k in sorted(kinds) if f"`{k}`" not in section] == []
    assert [k for k in VERIFY_KEYS if f'"{k}"' not in section] == []


def test_a_site_list_naming_files_outside_the_site_is_refused(built, tmp_path, capsys) -> None:
    site = tmp_path / "site"
    shutil.copytree(built["site"], site)
    (tmp_path / "rahasia.txt").write_text("di luar situs")
    listing = json.loads((site / SITE_FILE).read_text("utf-8"))
    listing["files"].append({"path": "../rahasia.txt", "size": 13, "sha256": "0" * 64})
    (site / SITE_FILE).write_text(json.dumps(listing), encoding="utf-8")
    code, out, err = run(capsys, "verify", site)
    assert code == 2 and "di luar folder situs" in err and out == ""


@pytest.mark.parametrize(("content_ends", "page", "full"), [(150, 0, True), (258, 0, False), (275, 1, True)])
def test_the_cover_block_fits_below_a_long_cover(content_ends: float, page: int, full: bool) -> None:
    from build_tools.bundle.fonts import find_fonts
    from build_tools.bundle.pages import PageWriter
    from build_tools.bundle.seal import BOX, FOOT, MIN_BOX, cover_block

    w = PageWriter(find_fonts().faces())
    w.add_page()
    w.set_xy(w.l_margin, content_ends)
    box = cover_block(w, "ab" * 32)
    x1, y1, x2, y2 = box.rect
    height_mm = (y2 - y1) * 25.4 / 72
    assert box.page == page and w.page_no() == page + 1
    assert y1 >= FOOT * 72 / 25.4 - 0.01 and MIN_BOX - 0.01 <= height_mm <= BOX[1] + 0.01
    assert (abs(height_mm - BOX[1]) < 0.01) is full
    if page == 0:
        assert (297 - y2 * 25.4 / 72) > content_ends  # below the cover's own text
