"""Golden units and their outputs: what a refactoring must leave byte-identical.

Two units are built from scratch at run time (nothing binary is committed):

* ``guideline`` – the demo unit (2019 model, ``lke.yaml`` beside it) with
  reviews, surveys and declared data, some evidence removed, as of a date
  inside its period;
* ``lke`` – a fresh ``init`` unit under the 2021 LKE model, part of its
  evidence present, sample answers and reviews.

For each, the text/JSON/JUnit/CSV reports, a dump of every workbook cell, the
SHA-256 of each generated site source (Markdown and ``mkdocs.yml``) and of each
bundle are compared with ``tests/golden/<unit>/``. The bundle's fingerprint
normally includes a digest of the tool's source and library versions; here
they are fixed, so the bytes depend only on the inputs and on what the code
draws.

Regenerate on purpose only, when an output is meant to change::

    .venv/bin/python -m tests.goldens
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Iterator

import pikepdf
import yaml

GOLDEN = Path(__file__).resolve().parent / "golden"
REPO = Path(__file__).resolve().parent.parent
UNITS = {"guideline": "2020-09-15", "lke": "2026-08-15"}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_guideline_unit(root: Path) -> Path:
    from build_tools.unit.demo import make_demo

    make_demo(REPO, root)
    evidence = root / "evidence"
    # Some codes missing, one monthly item with a gap, so every status shows.
    for folder in sorted(evidence.iterdir()):
        code = folder.name.split(" ", 1)[0]
        if code in {"II.1.a", "III.2.b", "IV.3.a", "V.6.a", "VI.1.b"}:
            shutil.rmtree(folder)
        elif code == "I.3.b":
            for month in ("2020-05", "2020-06"):
                for f in folder.glob(f"{month} *"):
                    f.unlink()
    _write(root / "reviews.yaml", yaml.safe_dump({
        "I.1.a": {"putusan": "diterima", "penilai": "Budi", "tanggal": "2020-03-15", "catatan": "Sesuai."},
        "I.2.a": {"putusan": "ditolak", "penilai": "Budi", "tanggal": "2020-04-01",
                  "catatan": "SK belum ditandatangani."},
        "III.1.a": {"putusan": "perlu_perbaikan", "penilai": "Sari", "catatan": "Lampiran kurang."},
    }, sort_keys=False))
    for survey, aspects in (("persepsi_korupsi", ["kejelasan_biaya", "percaloan", "imbalan", "komisi", "kkn"]),
                            ("kualitas_pelayanan", ["prosedur", "petugas", "kecepatan", "kenyamanan", "sarana"])):
        rows = [";".join(["no", "layanan", *aspects])]
        for n in range(1, 36):
            rows.append(";".join([str(n), "Izin"] + [str(1 + (n * (i + 3)) % 4) if (n + i) % 11 else ""
                                                      for i in range(len(aspects))]))
        _write(root / "survei" / survey / "2020.csv", "\n".join(rows) + "\n")
    _write(root / "penilaian.yaml", yaml.safe_dump({
        "tlhp": {"temuan": 12, "ditindaklanjuti": 9},
        "instansi": {"opini_bpk": {2018: "WTP", 2019: "WTP"}, "akip": "BB"},
        "unit": {"sudah_wbk": "tidak"},
    }, sort_keys=False))
    return root


def make_lke_unit(root: Path) -> Path:
    from build_tools.models.lke_samples import write_sample_answers
    from build_tools.models.registry import load_lke_model
    from build_tools.plan.loader import load_plan
    from build_tools.unit.init import init_unit
    from build_tools.unit.samples import populate

    init_unit(root, "permenpanrb-90-2021", "Balai Contoh", 2026)
    plan = load_plan(root / "plan.yaml")
    codes = [c for n, c in enumerate(plan.codes) if n % 3]
    populate(root, plan, codes=codes)
    write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))
    _write(root / "reviews.yaml", yaml.safe_dump({
        codes[0]: {"putusan": "ditolak", "penilai": "Budi", "tanggal": "2026-07-01", "catatan": "Tidak sah."},
        codes[1]: {"putusan": "diterima", "penilai": "Sari"},
    }, sort_keys=False))
    return root


MAKERS = {"guideline": make_guideline_unit, "lke": make_lke_unit}


@contextlib.contextmanager
def fixed_tool_version() -> Iterator[None]:
    """Pin what the bundle fingerprint and the manifest take from the tool and the machine."""
    import build_tools
    from build_tools.bundle import fingerprint, sources

    saved = fingerprint.tool_digest, fingerprint.library_versions, sources.find_soffice, build_tools.__version__
    fingerprint.tool_digest = lambda: "golden"
    fingerprint.library_versions = lambda: ["golden"]
    sources.find_soffice = lambda: None
    build_tools.__version__ = "golden"
    try:
        yield
    finally:
        (fingerprint.tool_digest, fingerprint.library_versions, sources.find_soffice,
         build_tools.__version__) = saved


def _run(args: list[str]) -> None:
    from build_tools.cli import main

    code = main(args)
    if code not in (0, 1):
        raise AssertionError(f"{args}: exit {code}")


def _workbook_dump(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"## {sheet.title}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(f"{cell.coordinate}\t{cell.value!r}")
    return "\n".join(lines) + "\n"


def outputs(unit: str, work: Path) -> dict[str, str]:
    """Every golden output of ``unit``: relative name → text."""
    root = MAKERS[unit](work / unit)
    as_of = UNITS[unit]
    out = work / f"{unit}-out"
    out.mkdir()
    common = ["--root", str(root), "--as-of", as_of, "--no-cache"]
    result: dict[str, str] = {}
    for fmt in ("text", "json", "junit"):
        _run(["check", *common, "--format", fmt, "--out", str(out / f"check.{fmt}"), "--report-only"])
        result[f"check.{fmt}"] = (out / f"check.{fmt}").read_text("utf-8")
    for fmt in ("text", "json"):
        extra = ["--xlsx", str(out / "score.xlsx"), "--csv", str(out / "score.csv")] if fmt == "json" else []
        _run(["score", *common, "--format", fmt, "--out", str(out / f"score.{fmt}"), *extra])
        result[f"score.{fmt}"] = (out / f"score.{fmt}").read_text("utf-8")
        _run(["lke", *common, "--format", fmt, "--out", str(out / f"lke.{fmt}"), "--xlsx", str(out / "lke.xlsx")])
        result[f"lke.{fmt}"] = (out / f"lke.{fmt}").read_text("utf-8")
    result["score.csv"] = (out / "score.csv").read_text("utf-8")
    result["score.xlsx.txt"] = _workbook_dump(out / "score.xlsx")
    result["lke.xlsx.txt"] = _workbook_dump(out / "lke.xlsx")
    with fixed_tool_version():
        for audience in ("publik", "penilai"):
            pdf = out / f"bundel-{audience}.pdf"
            _run(["bundle", *common, "--audience", audience, "--out", str(pdf), "--allow-broken"])
            result[f"bundle-{audience}.sha256"] = hashlib.sha256(pdf.read_bytes()).hexdigest() + "\n"
        pdf = out / "bundel-lke.pdf"
        _run(["bundle", *common, "--audience", "penilai", "--order", "lke", "--out", str(pdf), "--allow-broken"])
        result["bundle-lke.sha256"] = hashlib.sha256(pdf.read_bytes()).hexdigest() + "\n"
        # The evidence manifest (build/manifest.json) and the public view a public bundle embeds.
        result["manifest.json"] = (root / "build" / "manifest.json").read_text("utf-8")
        with pikepdf.open(out / "bundel-publik.pdf") as public:
            result["manifest-publik.json"] = public.attachments["manifest.json"].get_file().read_bytes().decode()
    for audience in ("publik", "penilai"):
        src = out / f"site-src-{audience}"
        bundle = ["--bundle", str(out / f"bundel-{audience}.pdf")]
        with fixed_tool_version():  # the Unduh page shows the manifest's root digest
            _run(["site", *common, "--audience", audience, "--out", str(out / f"site-{audience}"),
                  "--src", str(src), *bundle])
        lines = []
        for path in sorted(src.rglob("*")):
            if path.suffix in (".md", ".yml") and path.is_file():
                text = _normalise(path.read_text("utf-8"), root, out)
                lines.append(f"{hashlib.sha256(text.encode()).hexdigest()}  {path.relative_to(src).as_posix()}")
        result[f"site-{audience}.sha256"] = "\n".join(lines) + "\n"
    return result


def _normalise(text: str, root: Path, out: Path) -> str:
    """Paths of the temporary folders are not part of the output."""
    return text.replace(str(out), "<OUT>").replace(str(root), "<ROOT>")


def load_golden(unit: str) -> dict[str, str]:
    folder = GOLDEN / unit
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def update(work: Path) -> None:
    for unit in UNITS:
        folder = GOLDEN / unit
        if folder.exists():
            shutil.rmtree(folder)
        for name, text in outputs(unit, work).items():
            _write(folder / name, text)
        print(f"{folder}: {len(list(folder.rglob('*.*')))} berkas")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        update(Path(tmp))
    print(json.dumps(sorted(UNITS)), file=sys.stderr)
