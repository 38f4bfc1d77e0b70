"""``make demo``: a complete sample unit, generated at run time.

Writes ``plan.yaml`` and ``docs/`` copied from this repository and sample
evidence for every code (each page and image marked CONTOH, see
:mod:`build_tools.unit.samples`) into a git-ignored folder, with the shipped
access sidecars and a sample ``lke.yaml`` (the site's LKE section), so a
newcomer sees what a full site looks like.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.core import atomic, boundary
from build_tools.core.errors import UsageError
from build_tools.core.output_guard import Kind, Target, guard
from build_tools.evidence.scanner import EVIDENCE_DIR, SIDECAR, folder_code, folder_name
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import PLAN_FILE, load_plan
from build_tools.unit.lke_samples import write_sample_answers
from build_tools.unit.samples import populate, write_image

DEMO_MARKER = ".zi-demo"


def make_demo(source: Path, target: Path) -> int:
    """Create (or recreate) the sample unit in ``target``; return the file count.

    The unit is built in a workspace and replaces ``target`` only when complete.
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
        write_sample_answers(work / ANSWERS_FILE, plan, load_lke_model("permenpanrb-90-2021"))
    return len(written)


def _main(argv: list[str] | None, context: boundary.Context) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.unit.demo",
                                     description="Buat unit contoh lengkap (semua berkas bertanda CONTOH).")
    parser.add_argument("--root", type=Path, default=Path("."), help="sumber plan.yaml dan docs/")
    parser.add_argument("--out", type=Path, default=Path("demo"), help="folder unit contoh (bawaan: demo)")
    args = parser.parse_args(argv)
    context.use_root(args.root)
    guard(args.root, [Target("--out", args.out, Kind.FOLDER, "demo", marker=DEMO_MARKER)])
    count = make_demo(args.root, args.out)
    print(f"unit contoh ditulis ke {args.out}: {count} berkas bukti CONTOH")
    return 0


def main(argv: list[str] | None = None) -> int:
    return boundary.run(lambda context: _main(argv, context))


if __name__ == "__main__":
    sys.exit(main())
