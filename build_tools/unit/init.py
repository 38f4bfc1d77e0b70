"""``python -m build_tools init DIR``: a new unit repository in one command.

``init_unit(target, model_id, unit, year)`` writes, into an empty or new
folder, everything ``make`` needs on a machine with Python 3.11 and PyPI:

* ``plan.yaml`` – for an LKE model the tool's proposal
  (:mod:`build_tools.unit.lke_plan`); for the guideline's 2019 model a copy of the
  guideline's plan with the year rolled (only where this tool runs from its own
  repository, which holds that plan);
* ``evidence/<code> <title>/.gitkeep`` – one folder per evidence code;
* ``lke.yaml`` (LKE models) – blank answers citing the proposed evidence codes;
* ``Makefile``, ``README.md``, ``.gitignore``, ``.github/workflows/publish.yml``,
  ``docs/tentang.md``;
* ``build_tools/`` and ``pyproject.toml`` – a copy of this tool, because it is
  not on PyPI: ``make`` installs the copy into ``.venv/``.

The repository is built in a workspace (:mod:`build_tools.core.atomic`),
checked (the plan loads and agrees with its model; the answers load) and only
then moved into place, so a failure never leaves a half-written unit.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import build_tools
from build_tools.assess.lke_answers import ANSWERS_FILE, load_answers
from build_tools.core import atomic
from build_tools.core.errors import UsageError
from build_tools.evidence.scanner import EVIDENCE_DIR, folder_name
from build_tools.models import registry as models
from build_tools.models.plan_check import check_plan
from build_tools.plan.loader import load_plan
from build_tools.unit.lke_blank import blank_answers
from build_tools.unit.lke_plan import PIC_PLACEHOLDER, plan_yaml, propose_plan

PACKAGE_DIR = Path(build_tools.__file__).resolve().parent
TOOL_ROOT = PACKAGE_DIR.parent
SCAFFOLD = PACKAGE_DIR / "unit" / "scaffold"
GUIDELINE_MODEL = "permenpanrb-10-2019"
YEARS = range(2000, 2101)
_ROLLED_KEYS = re.compile(r"^(\s*(?:mulai|selesai|target_waktu)\s*:.*)$")


@dataclass(frozen=True)
class InitResult:
    target: Path
    model_id: str
    codes: int
    files: int


def init_unit(target: Path, model_id: str, unit: str, year: int) -> InitResult:
    """Create the unit repository in ``target`` (new or empty)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"folder '{target}' sudah ada dan tidak kosong; pilih folder baru atau kosong")
    if not unit.strip():
        raise UsageError("nama unit (--unit) tidak boleh kosong")
    if year not in YEARS:
        raise UsageError(f"tahun {year} tidak masuk akal; tulis tahun periode rencana, contoh 2026")
    if models.model_path(model_id) is None:
        known = models.available_models()
        close = difflib.get_close_matches(model_id, known, n=1, cutoff=0.6)
        raise UsageError(f"model '{model_id}' tidak dikenal"
                         + (f"; maksud Anda '{close[0]}'?" if close else "")
                         + f" Model yang tersedia: {', '.join(known)}")
    model = models.load(model_id)
    with atomic.staged_dir(target) as work:
        codes = _write_unit(work, model, unit.strip(), year)
        files = sum(1 for p in work.rglob("*") if p.is_file())
    return InitResult(target, model_id, codes, files)


def _write_unit(root: Path, model, unit: str, year: int) -> int:
    lke = model.kind == models.LKE
    if lke:
        proposal = propose_plan(model, year)
        (root / "plan.yaml").write_text(plan_yaml(proposal, unit), encoding="utf-8")
        (root / ANSWERS_FILE).write_text(blank_answers(model, proposal.evidence_of()), encoding="utf-8")
    else:
        (root / "plan.yaml").write_text(guideline_plan(model.id, unit, year), encoding="utf-8")
    plan = load_plan(root / "plan.yaml")
    check_plan(plan, model)
    if lke:
        load_answers(root / ANSWERS_FILE, plan, model)
    for item in plan.evidence:
        folder = root / EVIDENCE_DIR / folder_name(item.code, item.title)
        folder.mkdir(parents=True)
        (folder / ".gitkeep").write_text("", encoding="utf-8")
    shutil.copy(SCAFFOLD / "Makefile", root / "Makefile")
    shutil.copy(SCAFFOLD / "gitignore", root / ".gitignore")
    (root / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(SCAFFOLD / "publish.yml", root / ".github" / "workflows" / "publish.yml")
    (root / "docs").mkdir()
    (root / "docs" / "tentang.md").write_text(about_page(model, unit, year), encoding="utf-8")
    (root / "README.md").write_text(readme(model, unit, year, len(plan.codes)), encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    shutil.copytree(PACKAGE_DIR, root / "build_tools",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    return len(plan.codes)


def guideline_plan(model_id: str, unit: str, year: int) -> str:
    """The guideline's own plan.yaml with the unit's name and the year rolled.

    Only periods and target windows are rolled (titles that name a year are
    left as the guideline wrote them; the README says so).
    """
    source = TOOL_ROOT / "plan.yaml"
    if not source.is_file() or load_plan(source).model != model_id:
        raise UsageError(f"rencana pedoman untuk model {model_id} hanya tersedia bila alat dijalankan dari "
                         "repositorinya sendiri; gunakan --model permenpanrb-90-2021 atau salin plan.yaml "
                         "pedoman secara manual")
    text = source.read_text(encoding="utf-8")
    start = load_plan(source).period.start.year
    lines = []
    for line in text.splitlines():
        if _ROLLED_KEYS.match(line):
            line = re.sub(r"\b(\d{4})\b", lambda m: str(int(m.group(1)) - start + year), line)
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return re.sub(r"(?m)^(unit:\n  nama: ).*$", lambda m: m.group(1) + _yaml_text(unit), text, count=1)


def _yaml_text(text: str) -> str:
    """A double-quoted string, valid in YAML and TOML alike (JSON escapes)."""
    return json.dumps(text, ensure_ascii=False)


def _lines(items: list[str]) -> str:
    return ",\n".join(f"    {_yaml_text(i)}" for i in items)


def _dependencies() -> tuple[list[str], list[str]]:
    """(dependencies, package data) of this tool: from its pyproject.toml, else its installed metadata."""
    source = TOOL_ROOT / "pyproject.toml"
    if source.is_file():
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        return (list(data["project"]["dependencies"]),
                list(data["tool"]["setuptools"]["package-data"]["build_tools"]))
    requires = metadata.requires("zi-build-tools") or []
    return ([r for r in requires if "extra ==" not in r],
            ["models/*.yaml", "site/templates/*", "site/assets/**/*", "unit/scaffold/*"])


def pyproject() -> str:
    deps, data = _dependencies()
    return f"""# Alat build_tools yang disalin oleh `python -m build_tools init` (versi {build_tools.__version__}).
# Alat ini tidak ada di PyPI; `make` memasang salinan di folder build_tools/ ke .venv/.
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "zi-build-tools"
version = "{build_tools.__version__}"
description = "Alat Zona Integritas (salinan untuk unit kerja ini)"
requires-python = ">=3.11"
dependencies = [
{_lines(deps)},
]

[tool.setuptools.packages.find]
include = ["build_tools*"]

[tool.setuptools.package-data]
build_tools = [
{_lines(data)},
]
"""


def about_page(model, unit: str, year: int) -> str:
    return (f"# Tentang situs ini\n\n"
            f"Situs ini memuat rencana kerja pembangunan Zona Integritas {unit} tahun {year} "
            f"beserta bukti fisiknya. Halaman dibuat dari `plan.yaml` dan folder `evidence/` "
            f"oleh `python -m build_tools site`.\n\n"
            f"Model penilaian: {model.name} (`{model.id}`).\n")


def readme(model, unit: str, year: int, codes: int) -> str:
    lke = model.kind == models.LKE
    legal = "; ".join(model.legal_basis) if isinstance(model.legal_basis, tuple) else model.legal_basis
    parts = [f"""# Zona Integritas — {unit} ({year})

Repositori rencana kerja dan bukti fisik pembangunan Zona Integritas (WBK/WBBM)
{unit}, dibuat dengan `python -m build_tools init --model {model.id}`.

Model penilaian: **{model.name}** (`{model.id}`), dasar hukum: {legal}.

## Perintah

Pada mesin dengan Python 3.11 atau lebih baru, `make` dan akses ke PyPI:

```sh
make          # memasang alat ke .venv/, lalu laporan kelengkapan, penilaian (build/) dan situs (site/)
make check    # gerbang ketat: keluar bukan nol bila ada bukti jatuh tempo yang kurang{' atau jawaban LKE tanpa data dukung' if lke else ''}
make serve    # pratinjau situs di http://127.0.0.1:8000
```

Pilihan: `make check AS_OF=2026-06-30` (tanggal acuan), `make site AUDIENCE=penilai`
(berkas terbatas ikut ditampilkan). Untuk menerbitkan situs ke GitHub Pages:
`git init`, unggah ke GitHub, lalu aktifkan *Settings → Pages → Source: GitHub
Actions*; alur kerjanya ada di `.github/workflows/publish.yml`.

## Isi repositori

| Berkas / folder | Isi |
|---|---|
| `plan.yaml` | rencana kerja: area, komponen, rencana aksi, {codes} kode bukti, target waktu, PIC |
| `evidence/` | satu folder per kode bukti; taruh berkas bukti (PDF, gambar, dokumen kantor) di folder kodenya |"""]
    if lke:
        parts.append("| `lke.yaml` | jawaban LKE unit; setiap pertanyaan sudah menyebut kode bukti yang diusulkan (`bukti:`) |")
    parts.append("""| `docs/` | halaman tambahan situs yang ditulis tangan (Markdown) |
| `build_tools/`, `pyproject.toml` | salinan alat ini (lihat di bawah) |
| `build/`, `site/` | keluaran `make` (tidak disimpan di git) |
""")
    if lke:
        parts.append(f"""## Rencana kerja ini adalah usulan alat

PermenPAN-RB 90/2021 menetapkan **apa yang dinilai** (lembar kerja evaluasi:
pertanyaan, pilihan jawaban, bobot, syarat WBK/WBBM), bukan rencana aksi atau
kode bukti sebuah unit. **Rencana aksi dan kode bukti di `plan.yaml` adalah usulan
alat ini**, diturunkan dari indikator lembar kerja:

- area I–VI = enam area pengungkit (pemenuhan + reform), dengan bobot model;
- setiap indikator (pemenuhan lalu reform) = satu komponen, berbobot seperti
  indikatornya;
- setiap pertanyaan LKE = satu rencana aksi dan satu kode bukti
  `<area>.<komponen>.<huruf>` (contoh `I.1.a` untuk A.I.1.i.a); `lke.yaml`
  menyebut kode itu pada pertanyaannya; capaian kinerja (B.I.b) menyebut bukti
  indikator A.II.4.i;
- target waktu: pemenuhan Januari–Juni {year}, reform Juli–November {year}
  (Desember untuk reviu TPI); PIC ditulis "{PIC_PLACEHOLDER}";
- area hasil B.I (22,5) dan B.II (17,5) seperti lembar kerja.

Sesuaikan rencana aksi, target waktu dan PIC dengan keadaan unit; kode bukti
boleh diganti atau digabung asalkan `lke.yaml` ikut disesuaikan.

## Mengisi `lke.yaml`

Isi `jawaban:` setiap pertanyaan (Ya/Tidak, A–E) atau `jumlah:` untuk pertanyaan
`%`, indeks dan jumlah responden survei di `hasil:`, dan data persyaratan
pengusulan di `persyaratan:`. Pertanyaan kosong dihitung 0. Contoh:

```yaml
jawaban:
  A.I.1.i.a: {{jawaban: Ya, bukti: [I.1.a]}}
  A.I.1.i.b: {{jawaban: B, bukti: [I.1.b], catatan: dipilih lewat rapat pimpinan, tpi: C}}
  A.II.4.i.a: {{jumlah: {{1: 12, 2: 10}}, bukti: [IV.3.a]}}   # pertanyaan %: baris Jumlah-nya
  B.I.b: {{jawaban: B, bukti: [IV.3.a]}}
hasil:
  ipak: {{indeks: 3.62, responden: 120}}
  ipkp: {{indeks: 3.41, responden: 118}}
```

`make` menulis
`build/penilaian.json` dan `build/penilaian.xlsx` (lembar kerja LKE dengan rumus
hidup). Jawaban di atas pilihan terendah yang bukti pendukungnya belum ada atau
ditolak TPI (`ditolak` di `reviews.yaml`) adalah *jawaban tanpa data dukung*:
`make check` gagal karenanya.
""")
    else:
        parts.append(f"""## Rencana kerja

`plan.yaml` adalah salinan rencana pedoman (model 2019) dengan periode dan
target waktu digeser ke {year}. Judul bukti yang menyebut tahun (misalnya
III.3.a, III.4.a–c) dan data `unit:` lainnya (eselon I, instansi) belum
diubah: sesuaikan sendiri.
""")
    parts.append(f"""## Alat `build_tools`

Alat ini tidak ada di PyPI, jadi `init` **menyalin paket `build_tools` (versi
{build_tools.__version__}) dan `pyproject.toml`** ke repositori ini; `make` memasangnya ke
`.venv/` beserta dependensinya dari PyPI. Untuk memperbarui alat, ganti folder
`build_tools/` dengan versi baru dari repositori alat. Model penilaian ada di
`build_tools/models/`; model milik unit sendiri (misalnya perubahan peraturan
yang belum dikirim bersama alat) dapat ditaruh di `model-penilaian/<id>.yaml`
lalu dipilih dengan `model: <id>` di `plan.yaml`.
""")
    return "\n".join(parts)
