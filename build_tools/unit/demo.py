"""``make demo``: a complete sample unit, generated at run time.

Writes ``plan.yaml`` and ``docs/`` copied from this repository and sample
evidence for every code (each page and image marked CONTOH, see
:mod:`build_tools.unit.samples`) into a git-ignored folder, with the shipped
access sidecars and a sample ``lke.yaml`` (the site's LKE section), so a
newcomer sees what a full site looks like.

The demo is shown as of a date inside its plan's period (:func:`demo_as_of`,
written to ``AS_OF_FILE`` for ``make demo``): a 2020 plan looked at in 2027
would call every code late and name due months years away. Its LKE answers
agree with its evidence (:mod:`build_tools.models.lke_samples`).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.check.completeness import Status
from build_tools.check.project import load_project
from build_tools.core import atomic, boundary
from build_tools.core.cliparse import Parser, parse_date
from build_tools.core.errors import UsageError
from build_tools.core.output_guard import Kind, Target, guard
from build_tools.evidence.scanner import EVIDENCE_DIR, SIDECAR, folder_code, folder_name
from build_tools.models.lke_samples import write_sample_answers
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import PLAN_FILE, load_plan
from build_tools.unit.samples import populate, write_image

DEMO_MARKER = ".zi-demo"
AS_OF_FILE = ".tanggal-acuan"
"""The demo's as-of date (YYYY-MM-DD), read by ``make demo``."""


def demo_as_of(plan) -> dt.date:
    """The 15th of the middle month of the plan's period (15 June 2020 for a 2020 plan)."""
    months = list(plan.period.months())
    return months[(len(months) - 1) // 2].first_day().replace(day=15)


def make_demo(source: Path, target: Path, as_of: dt.date | None = None) -> int:
    """Create (or recreate) the sample unit in ``target``; return the file count.

    ``as_of``: the date the demo is shown as of (default :func:`demo_as_of`). The
    unit is built in a workspace and replaces ``target`` only when complete.
    """
    source, target = Path(source), Path(target)
    if target.exists() and not (target / DEMO_MARKER).is_file():
        raise UsageError(f"folder '{target}' sudah ada dan bukan folder demo; pilih folder lain")
    with atomic.staged_dir(target) as work:
        (work / DEMO_MARKER).write_text("Folder contoh dari 'make demo'; boleh dihapus.\n", encoding="utf-8")
        shutil.copy(source / PLAN_FILE, work / PLAN_FILE)
        if (source / "docs").is_dir():
            shutil.copytree(source / "docs", work / "docs")
        plan = load_plan(work / PLAN_FILE)
        written = populate(work, plan)
        sidecars = {folder_code(p.parent.name): p for p in (source / EVIDENCE_DIR).glob(f"*/{SIDECAR}")}
        for item in plan.evidence:
            folder = work / EVIDENCE_DIR / folder_name(item.code, item.title)
            if item.title.lower().startswith("screenshot"):
                written.append(write_image(folder / f"{item.code} tangkapan layar.png",
                                           f"{item.code} {item.title}"))
            if item.code in sidecars:
                shutil.copy(sidecars[item.code], folder / SIDECAR)
        as_of = as_of or demo_as_of(plan)
        (work / AS_OF_FILE).write_text(f"{as_of.isoformat()}\n", encoding="utf-8")
        states = load_project(work, as_of, use_cache=False).completeness
        evidence = {s.code: s.status is Status.COMPLETE for s in states.items}
        write_sample_answers(work / ANSWERS_FILE, plan, load_lke_model("permenpanrb-90-2021"), evidence=evidence)
    return len(written)


def _main(argv: list[str] | None, context: boundary.Context) -> int:
    parser = Parser(prog="python -m build_tools.unit.demo",
                    description="Buat unit contoh lengkap (semua berkas bertanda CONTOH).")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="FOLDER_ALAT",
                        help="folder yang memuat plan.yaml dan docs/ sumber contoh (bawaan: folder ini)")
    parser.add_argument("--out", type=Path, default=Path("demo"), metavar="FOLDER_CONTOH",
                        help="folder unit contoh yang dibuat (bawaan: demo)")
    parser.add_argument("--as-of", type=parse_date, default=None, metavar="YYYY-MM-DD",
                        help="tanggal acuan demo (bawaan: pertengahan periode rencana)")
    args = parser.parse_args(argv)
    context.use_root(args.root)
    guard(args.root, [Target("--out", args.out, Kind.FOLDER, "demo", marker=DEMO_MARKER)])
    count = make_demo(args.root, args.out, args.as_of)
    as_of = (args.out / AS_OF_FILE).read_text("utf-8").strip()
    print(f"unit contoh ditulis ke {args.out}: {count} berkas bukti CONTOH, keadaan per {as_of}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return boundary.run(lambda context: _main(argv, context))


if __name__ == "__main__":
    sys.exit(main())
