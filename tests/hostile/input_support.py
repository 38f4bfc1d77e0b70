"""Shared helpers of the input-side hostile suites (access, escaping, names, bounds, surveys).

* :func:`cli` runs ``python -m build_tools`` as a real process and returns its
  exit code and output; :func:`no_traceback` is the promise every case keeps.
* :func:`unreadable_prefix` makes mode-000 files unreadable even for root (the
  tests and CI run as root): the command runs under ``setpriv`` without the
  capabilities that let root ignore file modes (CAP_DAC_OVERRIDE,
  CAP_DAC_READ_SEARCH).
* :func:`hostile_yaml` puts a hostile text into every free-text field of a
  YAML input. It walks the node tree and replaces every string value except
  those under keys that hold identifiers, dates, numbers or choices
  (``NOT_TEXT``), so a text field added later is covered too.
* :func:`html_injections` finds markup that only unescaped hostile text can
  make (a script element, an event handler, a ``javascript:`` link).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # tests.goldens builds the golden units
    sys.path.insert(0, str(REPO))

# One string with every class of markup a renderer could obey: a formula
# prefix, HTML that runs script (element, attribute and <title> break-outs),
# Markdown link and emphasis, a table pipe, Jinja, an entity, quotes.
HOSTILE = ("=HYPERLINK(\"javascript:alert(1)\")</title><script>alert('zi')</script>"
           "<img src=x onerror=alert(2)>\"'&amp;|*_`[klik](javascript:alert(3)){{ 7*7 }}{% raw %}")
# The same for a file or folder name (no "/").
HOSTILE_NAME = "=1+2<script>alert('zi')<img src=x onerror=alert(2)>\"'&amp;|*_[k](javascript:x){{ 7*7 }}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Keys whose scalar values are identifiers, dates, numbers or choices, per input.
NOT_TEXT = {
    "plan.yaml": {"versi_format", "model", "id", "no", "kode", "bobot", "target_waktu", "mulai", "selesai",
                  "frekuensi", "area", "bagian", "survei", "nilai", "total_min", "bersih_kkn_min",
                  "survei_anti_korupsi_min", "tlhp_min", "pelayanan_min", "opini_bpk",
                  "opini_bpk_tahun_berturut", "akip_min", "sudah_wbk", "komponen"},
    "reviews.yaml": {"putusan", "tanggal"},
}
TEXT_ONLY = {
    "lke.yaml": {"catatan"},
    "model": {"nama", "dasar_hukum", "rumus", "keterangan", "label"},
    "model-lke": {"name", "legal_basis", "source", "notes", "text", "explanation", "label"},
}
"""Inputs where only these keys hold free text."""

DROPPED_CAPS = "dac_override,dac_read_search"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def cli(*args: str | Path, cwd: Path | None = None, prefix: tuple[str, ...] = (), env: dict | None = None,
        timeout: float = 300) -> Run:
    """``python -m build_tools ARGS`` as a real process (output decoded with visible escapes)."""
    command = [*prefix, sys.executable, "-m", "build_tools", *map(str, args)]
    proc = subprocess.run(command, capture_output=True, cwd=cwd or REPO, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})
    return Run(proc.returncode, proc.stdout.decode("utf-8", "backslashreplace"),
               proc.stderr.decode("utf-8", "backslashreplace"))


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.text and "Error:" not in run.err.replace("galat:", ""), run.text


def _unavailable(reason: str) -> None:
    """Fail in CI (.ci/run installs util-linux), skip elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"uji berkas tak terbaca tidak dapat berjalan di CI: {reason}")
    pytest.skip(reason)


def unreadable_prefix() -> tuple[str, ...]:
    """A command prefix under which mode-000 files cannot be read; skips when that cannot be had."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        _unavailable("berjalan sebagai root dan setpriv (util-linux) tidak ada: mode 000 tidak dapat dibuat "
                     "tak terbaca")
    probe = subprocess.run([setpriv, f"--inh-caps=-{DROPPED_CAPS.replace(',', ',-')}",
                            f"--bounding-set=-{DROPPED_CAPS.replace(',', ',-')}", "--", "true"],
                           capture_output=True)
    if probe.returncode != 0:
        _unavailable(f"root tidak dapat melepas CAP_DAC_OVERRIDE di sini ({probe.stderr.decode().strip()}): "
                     "mode 000 tidak dapat dibuat tak terbaca")
    caps = DROPPED_CAPS.replace(",", ",-")
    return (setpriv, f"--inh-caps=-{caps}", f"--bounding-set=-{caps}", "--")


# ---------------------------------------------------------------------------
# Hostile texts in every free-text field
# ---------------------------------------------------------------------------

def hostile_yaml(text: str, name: str, hostile: str = HOSTILE) -> tuple[str, int]:
    """``text`` (a YAML file) with every free-text value replaced; and how many were.

    Works on the node tree (not on loaded data), so keys such as ``no`` stay
    keys and every value keeps its place; each text gets a number so a test
    can tell where one ended up.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    count = 0
    skip = NOT_TEXT.get(name, set())
    only = TEXT_ONLY.get(name)

    def walk(node: yaml.Node, is_text: bool) -> None:
        nonlocal count
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                scalar = isinstance(value, yaml.ScalarNode)
                if only is not None:
                    walk(value, key.value in only or is_text)
                else:
                    walk(value, is_text and not (scalar and key.value in skip))
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                walk(value, is_text)
        elif is_text and node.tag == "tag:yaml.org,2002:str" and str(node.value).strip():
            count += 1
            node.value = f"{hostile} {count}"
            node.style = '"'

    walk(root, only is None)
    return yaml.serialize(root, allow_unicode=True, width=1000), count


def hostile_unit(root: Path) -> dict[str, int]:
    """The golden guideline unit (2019 model, lke.yaml, reviews, surveys, data) made hostile.

    Every free-text field of plan.yaml, lke.yaml, reviews.yaml and of a unit
    model file (``model-penilaian/hostil-2019.yaml``, which the plan then
    uses) holds :data:`HOSTILE`; the surveys get a hostile extra column
    header and hostile cells in a column that is not an aspect; one evidence
    file and one code folder get :data:`HOSTILE_NAME`. Returns how many texts
    each input received.
    """
    from build_tools.models.registry import MODELS_DIR
    from build_tools.unit.samples import write_pdf
    from tests.goldens import make_guideline_unit

    make_guideline_unit(root)
    counts = {}
    for name in ("plan.yaml", "reviews.yaml", "lke.yaml"):
        text, counts[name] = hostile_yaml((root / name).read_text("utf-8"), name)
        (root / name).write_text(text, encoding="utf-8")
    model, counts["model-penilaian/hostil-2019.yaml"] = hostile_yaml(
        (MODELS_DIR / "permenpanrb-10-2019.yaml").read_text("utf-8"), "model")
    model = model.replace("id: permenpanrb-10-2019", "id: hostil-2019", 1)
    (root / "model-penilaian").mkdir()
    (root / "model-penilaian" / "hostil-2019.yaml").write_text(model, encoding="utf-8")
    plan = (root / "plan.yaml").read_text("utf-8").replace("model: permenpanrb-10-2019", "model: hostil-2019", 1)
    (root / "plan.yaml").write_text(plan, encoding="utf-8")
    for csv_file in sorted((root / "survei").rglob("*.csv")):
        lines = csv_file.read_text("utf-8").splitlines()
        quoted = '"' + HOSTILE.replace('"', '""') + '"'
        lines = [lines[0].replace("layanan", quoted) + ";" + quoted.replace("HYPERLINK", "KOLOM")]
        lines += [line.replace(";Izin;", f";{quoted};") + ";" + quoted for line in
                  csv_file.read_text("utf-8").splitlines()[1:]]
        csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts[csv_file.relative_to(root).as_posix()] = len(lines)
    evidence = root / "evidence"
    folder = next(p for p in evidence.iterdir() if p.name.startswith("I.1.a"))
    write_pdf(folder / f"{HOSTILE_NAME}.pdf", "berkas bernama hostil")
    old = next(p for p in evidence.iterdir() if p.name.startswith("I.2.b"))
    old.rename(evidence / f"I.2.b {HOSTILE_NAME}")
    return counts


def hostile_lke_unit(root: Path) -> dict[str, int]:
    """A fresh ``init`` unit of the 2021 LKE model, hostile everywhere it takes text.

    ``init --unit`` gets :data:`HOSTILE` as the unit's name; plan.yaml,
    lke.yaml (sample answers with notes) and a unit copy of the LKE model
    (``model-penilaian/hostil-2021.yaml``, used by plan and answers) get it
    in every free-text field; part of the evidence is present.
    """
    from build_tools.models.lke_samples import write_sample_answers
    from build_tools.models.registry import MODELS_DIR, load_lke_model
    from build_tools.plan.loader import load_plan
    from build_tools.unit.samples import populate

    run = cli("init", root, "--model", "permenpanrb-90-2021", "--unit", HOSTILE, "--year", "2026")
    assert run.code == 0, run.text
    plan = load_plan(root / "plan.yaml")
    populate(root, plan, codes=[c for n, c in enumerate(plan.codes) if n % 3])
    write_sample_answers(root / "lke.yaml", plan, load_lke_model("permenpanrb-90-2021"))
    counts = {}
    model, counts["model-penilaian/hostil-2021.yaml"] = hostile_yaml(
        (MODELS_DIR / "permenpanrb-90-2021.yaml").read_text("utf-8"), "model-lke")
    (root / "model-penilaian").mkdir()
    (root / "model-penilaian" / "hostil-2021.yaml").write_text(
        model.replace("id: permenpanrb-90-2021", "id: hostil-2021", 1), encoding="utf-8")
    for name in ("plan.yaml", "lke.yaml"):
        text, counts[name] = hostile_yaml((root / name).read_text("utf-8"), name)
        (root / name).write_text(text.replace("model: permenpanrb-90-2021", "model: hostil-2021", 1),
                                 encoding="utf-8")
    return counts


# ---------------------------------------------------------------------------
# Finding markup that a browser would obey
# ---------------------------------------------------------------------------

class _Injections(HTMLParser):
    """Elements, attributes and links that only unescaped hostile text can make."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False
        self.title = ""
        self._in_title = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        where = f"line {self.getpos()[0]}"
        self._in_script = tag == "script"
        self._in_title = tag == "title"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.found.append(f"{where}: <{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{where}: <{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append(f"{where}: <img src=x>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.found.append(f"line {self.getpos()[0]}: <script>{data[:40]!r}")
        if self._in_title:
            self.title += data
        self.text.append(data)


def html_injections(text: str) -> list[str]:
    """Where hostile text became markup in an HTML page (empty list: none)."""
    parser = _Injections()
    parser.feed(text)
    parser.close()
    return parser.found


def html_title(text: str) -> str:
    """The text of a page's ``<title>`` as a browser shows it."""
    parser = _Injections()
    parser.feed(text)
    parser.close()
    return parser.title


def html_text(text: str) -> str:
    """Every text node of a page, as a browser shows it (joined without spaces)."""
    parser = _Injections()
    parser.feed(text)
    parser.close()
    return "".join(parser.text)
