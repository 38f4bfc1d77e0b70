"""``python -m build_tools init DIR``: a new unit repository in one command.

``init_unit(target, model_id, unit, year)`` writes, into an empty or new
folder, everything ``make`` needs on a machine with Python 3.11 and PyPI:

* ``plan.yaml`` – for an LKE model the tool's proposal
  (:mod:`build_tools.models.lke_plan`); for the guideline's 2019 model a copy of the
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
from build_tools.assess.kinds import kind_of
from build_tools.assess.lke_answers import ANSWERS_FILE, load_answers
from build_tools.core import atomic
from build_tools.core.errors import UsageError
from build_tools.core.escape import name_problem, shown_name
from build_tools.evidence.scanner import EVIDENCE_DIR, folder_name
from build_tools.models import registry as models
from build_tools.plan.loader import load_plan
from build_tools.unit.readme import readme

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
    if name_problem(unit.strip()):
        raise UsageError(f"nama unit (--unit) '{shown_name(unit)}' tidak sah: {name_problem(unit.strip())}; "
                         "tulis nama unit pada satu baris")
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
    kind = kind_of(model)
    starter = kind.starter(model, unit, year) if kind.starter else None
    if starter is not None:
        (root / "plan.yaml").write_text(starter.plan, encoding="utf-8")
    else:
        (root / "plan.yaml").write_text(guideline_plan(model.id, unit, year), encoding="utf-8")
    if starter is not None and starter.answers is not None:
        (root / ANSWERS_FILE).write_text(starter.answers, encoding="utf-8")
    plan = load_plan(root / "plan.yaml")
    kind.check_plan(plan, model)
    if starter is not None and starter.answers is not None:
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
            ["models/*.yaml", "site/templates/*", "site/theme/*", "site/assets/**/*", "unit/scaffold/*"])


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

[tool.setuptools]
package-dir = {{"" = "."}}  # editable install as a plain path entry, without a warning banner

[tool.setuptools.packages.find]
include = ["build_tools*"]

[tool.setuptools.package-data]
build_tools = [
{_lines(data)},
]
"""


def about_page(model, unit: str, year: int) -> str:
    """The *Tentang situs ini* page, for the site's readers (the how-to is in README.md).

    The unit's name comes from plan.yaml when the page is rendered (escaped there),
    never pasted in: a name with markup must not become markup.
    """
    return (f"# Tentang situs ini\n\n"
            f"Situs ini memuat rencana kerja pembangunan Zona Integritas {{{{ unit.name }}}} tahun {year} "
            f"beserta bukti fisiknya, untuk pimpinan, pegawai, masyarakat dan penilai (Tim Penilai "
            f"Internal dan Tim Penilai Nasional). Isinya disusun ulang setiap kali rencana atau buktinya "
            f"berubah; tanggal keadaan tertulis di kaki setiap halaman.\n\n"
            f"Model penilaian: {model.name}.\n\n"
            f"## Cara membaca situs ini\n\n"
            f"- **Rencana Kerja**: komponen, rencana aksi dan kode bukti setiap area, dengan target "
            f"waktu, penanggung jawab (PIC) dan statusnya.\n"
            f"- **Indeks Bukti**: semua kode bukti dan berkasnya; setiap kode bukti punya halaman "
            f"dengan alamat tetap.\n"
            f"- **Linimasa**: setiap kode bukti per bulan selama periode rencana.\n"
            f"- **Penilaian**: perkiraan nilai dari bukti yang ada, bukan hasil evaluasi TPI atau TPN.\n\n"
            f"## Keaslian berkas\n\n"
            f"Setiap berkas tercantum dengan SHA-256-nya (sidik isi berkas). Berkas yang Anda unduh "
            f"sama persis dengan yang dimuat unit bila sidiknya sama dengan yang tertulis di halaman "
            f"kode buktinya atau di halaman Unduh.\n\n"
            f"Berkas yang memuat data pribadi atau laporan pengaduan bersifat *terbatas* dan hanya "
            f"tersedia untuk penilai.\n")

