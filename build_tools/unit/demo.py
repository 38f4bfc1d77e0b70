"""``make demo``: a complete sample unit, generated at run time.

Writes ``plan.yaml`` and ``docs/`` copied from this repository and sample
evidence for every code (each page and image marked CONTOH, see
:mod:`build_tools.unit.samples`) into a git-ignored folder, with the shipped
access sidecars and a sample ``lke.yaml`` (the site's LKE section), so a
newcomer sees what a full site looks like.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.core.cliparse import Parser, run
from build_tools.core.errors import UsageError
from build_tools.evidence.scanner import EVIDENCE_DIR, SIDECAR, folder_code, folder_name
from build_tools.models.lke_samples import write_sample_answers
from build_tools.models.registry import load_lke_model
from build_tools.plan.loader import PLAN_FILE, load_plan
from build_tools.unit.samples import populate, write_image

DEMO_MARKER = ".zi-demo"


def make_demo(source: Path, target: Path) -> int:
    """Create (or recreate) the sample unit in ``target``; return the file count."""
    source, target = Path(source), Path(target)
    if target.exists():
        if not (target / DEMO_MARKER).is_file():
            raise UsageError(f"folder '{target}' sudah ada dan bukan folder demo; pilih folder lain")
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / DEMO_MARKER).write_text("Folder contoh dari 'make demo'; boleh dihapus.\n")
    shutil.copy(source / PLAN_FILE, target / PLAN_FILE)
    if (source / "docs").is_dir():
        shutil.copytree(source / "docs", target / "docs")
    plan = load_plan(target / PLAN_FILE)
    written = populate(target, plan)
    sidecars = {folder_code(p.parent.name): p for p in (source / EVIDENCE_DIR).glob(f"*/{SIDECAR}")}
    for item in plan.evidence:
        folder = target / EVIDENCE_DIR / folder_name(item.code, item.title)
        if item.title.lower().startswith("screenshot"):
            written.append(write_image(folder / f"{item.code} tangkapan layar.png",
                                       f"{item.code} {item.title}"))
        if item.code in sidecars:
            shutil.copy(sidecars[item.code], folder / SIDECAR)
    write_sample_answers(target / ANSWERS_FILE, plan, load_lke_model("permenpanrb-90-2021"))
    return len(written)


def _main(argv: list[str] | None) -> int:
    parser = Parser(prog="python -m build_tools.unit.demo",
                    description="Buat unit contoh lengkap (semua berkas bertanda CONTOH).")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="FOLDER_ALAT",
                        help="folder yang memuat plan.yaml dan docs/ sumber contoh (bawaan: folder ini)")
    parser.add_argument("--out", type=Path, default=Path("demo"), metavar="FOLDER_CONTOH",
                        help="folder unit contoh yang dibuat (bawaan: demo)")
    args = parser.parse_args(argv)
    count = make_demo(args.root, args.out)
    print(f"unit contoh ditulis ke {args.out}: {count} berkas bukti CONTOH")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    sys.exit(main())
