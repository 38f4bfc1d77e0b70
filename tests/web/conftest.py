"""Built sites shared by the site tests (built once per session: mkdocs is the slow part)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from build_tools.evidence.audience import Audience
from build_tools.models.lke_samples import write_sample_answers
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import load_plan
from build_tools.site.build import build_site
from build_tools.unit.samples import image_bytes, pdf_bytes, write_pdf

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2020, 6, 15)
HOSTILE_NAMES = ["<script>alert(1)</script>.pdf", "tabel | pecah *tebal* _miring_.pdf"]
# Restricted evidence: names and contents that must never reach a public build.
RESTRICTED = {
    "III.4.a": ["SKP Budi Santoso NIP 198001012005011001.pdf", "Foto KTP Budi.png"],
    "V.3.b": ["Pengaduan Ibu Sari Wulandari.pdf"],
}
PUBLIC_IN_RESTRICTED_FOLDER = ("V.3.b", "Rekap publik pengaduan.pdf")
MISSING_CODES = ["II.1.a", "V.5.b"]  # deleted so the home page has late items
NOTE = ("IV.1.a", "Sudah diverifikasi TPI <b>20 Mei</b> | lengkap")
PENILAIAN = "# Penilaian\n\nNilai sementara: **42**.\n"
# LKE answers (lke.yaml) on top of the sample answers: a restricted code, a mixed
# folder, codes without files (flagged) and a hostile note with a TPI answer.
LKE_NOTE = "Tim <script>alert('lke')</script> | *tebal* dibentuk"
LKE_ANSWERS = {
    "A.I.1.i.a": {"jawaban": "Ya", "bukti": ["I.1.a", "III.4.a"], "catatan": LKE_NOTE, "tpi": "Tidak"},
    "A.II.1.i.a": {"jumlah": {1: 12, 2: 9}, "bukti": ["II.1.a"], "tpi": {1: 12, 2: 6}},
    "A.I.5.i.a": {"jawaban": "A", "bukti": ["V.3.b", "V.5.b"]},
    "A.I.2.i.a": {"jawaban": "A", "bukti": []},
    "A.I.3.i.a": {},
}


@dataclass(frozen=True)
class Built:
    root: Path
    out: Path
    src: Path
    audience: Audience
    restricted: tuple[Path, ...]
    bundle: Path


def _folder(root: Path, code: str) -> Path:
    return next(p for p in (root / "evidence").iterdir() if p.name.split()[0] == code)


@pytest.fixture(scope="session")
def site_unit(tmp_path_factory: pytest.TempPathFactory, _full_tree_template: Path) -> tuple[Path, tuple[Path, ...]]:
    """A unit with all 59 codes, hostile names, restricted files and docs pages."""
    root = tmp_path_factory.mktemp("siteunit") / "unit"
    shutil.copytree(_full_tree_template, root)
    i1a = _folder(root, "I.1.a")
    for name in HOSTILE_NAMES:
        write_pdf(i1a / name, f"I.1.a nama aneh {len(name)}")
    restricted = []
    for n, (code, names) in enumerate(sorted(RESTRICTED.items())):
        folder = _folder(root, code)
        sidecar = "akses: terbatas\n"
        if code == PUBLIC_IN_RESTRICTED_FOLDER[0]:
            sidecar += f"berkas:\n  \"{PUBLIC_IN_RESTRICTED_FOLDER[1]}\": publik\n"
        (folder / "_akses.yaml").write_text(sidecar)
        for m, name in enumerate(names):
            path = folder / name
            if name.endswith(".png"):
                path.write_bytes(image_bytes(f"RAHASIA {name}", seed=7 + n * 10 + m, size=(320, 200)))
            else:
                path.write_bytes(pdf_bytes(f"RAHASIA {name} data pribadi {n}-{m}", pages=2))
            restricted.append(path)
        # The restricted folder's own sample files are restricted too.
        restricted += [p for p in folder.iterdir() if p.suffix == ".pdf" and p not in restricted]
    code, name = PUBLIC_IN_RESTRICTED_FOLDER
    write_pdf(_folder(root, code) / name, "Rekap publik")
    for code in MISSING_CODES:
        for f in _folder(root, code).iterdir():
            f.unlink()
    write_sample_answers(root / "lke.yaml", load_plan(root / "plan.yaml"), load_lke_model("permenpanrb-90-2021"),
                         LKE_ANSWERS)
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(REPO / "docs" / "tentang.md", docs / "tentang.md")
    (docs / "pedoman").mkdir()
    (docs / "pedoman" / "bab-1-pendahuluan.md").write_text(
        "# Bab I Pendahuluan\n\n## Dasar hukum\n\n{{ daftar_dasar_hukum() }}\n")
    (docs / "pedoman" / "kata-pengantar.md").write_text(
        "# Kata Pengantar\n\nPedoman {{ unit.name }}.\n\n{{ linimasa_tabel() }}\n")
    return root, tuple(sorted(restricted))


def _build(tmp_path_factory, site_unit, audience: Audience) -> Built:
    root, restricted = site_unit
    work = tmp_path_factory.mktemp(f"site-{audience.value}")
    bundle = work / "Bundel bukti publik.pdf"
    bundle.write_bytes(pdf_bytes("Bundel bukti CONTOH", pages=3))
    out, src = work / "out", work / "src"
    build_site(root, AS_OF, out=out, sources_dir=src, audience=audience, bundle=bundle,
               extra_pages={"penilaian/index.md": PENILAIAN}, notes=dict([NOTE]))
    return Built(root, out, src, audience, restricted, bundle)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory, site_unit) -> Built:
    return _build(tmp_path_factory, site_unit, Audience.PUBLIC)


@pytest.fixture(scope="session")
def reviewer_site(tmp_path_factory, site_unit) -> Built:
    return _build(tmp_path_factory, site_unit, Audience.REVIEWER)


# One Chromium for every browser test of the session (Playwright's sync API allows one at a time).
CHROMIUM = Path(os.environ.get("ZI_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def unavailable(reason: str) -> None:
    """Fail in CI (CI=true: the browser tests must run there), skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"uji peramban tidak dapat berjalan di CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} tidak terpasang (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright tidak terpasang (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server like GitHub Pages: a missing path gets the site's 404.html (status 404)."""

    not_found: Path | None = None

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found is not None and self.not_found.is_file():
            body = self.not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serving(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1; yields the base URL (ending in /)."""
    handler = functools.partial(type("Handler", (_Quiet,), {"not_found": not_found}), directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(public_site):
    with serving(public_site.out) as url:
        yield url


# -- The demo unit (make demo): the real Penilaian page with charts and the LKE pages --

@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Built:
    from build_tools.unit.demo import AS_OF_FILE, make_demo

    work = tmp_path_factory.mktemp("demo")
    root = work / "demo"
    make_demo(REPO, root)
    as_of = dt.date.fromisoformat((root / AS_OF_FILE).read_text().strip())
    bundle = work / "bundel-publik.pdf"
    bundle.write_bytes(pdf_bytes("Bundel bukti CONTOH", pages=2))
    out, src = work / "site", work / "src"
    build_site(root, as_of, out=out, sources_dir=src, bundle=bundle)
    return Built(root, out, src, Audience.PUBLIC, (), bundle)


@pytest.fixture(scope="session")
def demo_server(demo_site):
    with serving(demo_site.out) as url:
        yield url
