"""Completeness reports: text (Bahasa Indonesia), JSON and JUnit XML.

The JSON keys are stable and documented in README.md ("Laporan JSON").
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from build_tools.assess.lke_evidence import KIND as UNSUPPORTED_ANSWER
from build_tools.check.completeness import Completeness, ItemStatus, Status
from build_tools.check.project import Project
from build_tools.core.escape import clean, shown, xml_text
from build_tools.core.months import Month
from build_tools.core.words import (
    IGNORED_TEXT,
    date_text,
    problem_text,
    unused_files_lines,
)
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EvidenceFile, Problem
from build_tools.plan.structure import Plan

_MARKS = {Status.COMPLETE: "✓", Status.PARTIAL: "◐", Status.MISSING: "✗", Status.PENDING: "·"}


def problem_json(p: Problem) -> dict:
    return {"kind": p.kind, "path": p.path, "code": p.code, "message": p.message,
            "hint": p.hint, "severity": p.severity.value}


def file_json(f: EvidenceFile) -> dict:
    return {"path": f.path, "name": f.name, "type": f.type, "size": f.size, "sha256": f.sha256,
            "pages": f.pages, "month": f.month.iso() if f.month else None,
            "access": f.access.value, "repaired": f.repaired}


def item_json(plan: Plan, s: ItemStatus) -> dict:
    item = s.item
    return {
        "code": item.code,
        "title": item.title,
        "area": item.area_id,
        "component": f"{item.area_id}.{item.component_number}",
        "status": s.status.value,
        "due": item.due.isoformat(),
        "window": {"start": item.window.start.iso(), "end": item.window.end.iso(), "text": item.window_text},
        "pic": item.pic,
        "frequency": item.frequency.value,
        "files": [file_json(f) for f in s.files],
        "months_expected": [m.iso() for m in s.months_expected],
        "months_missing": [m.iso() for m in s.months_missing],
        "problems": [problem_json(p) for p in s.problems],
    }


def to_json(plan: Plan, result: Completeness, ignored: tuple[str, ...] = ()) -> str:
    data = {
        "as_of": result.as_of.isoformat(),
        "unit": plan.unit.name,
        "period": {"start": plan.period.start.iso(), "end": plan.period.end.iso()},
        "items": [item_json(plan, s) for s in result.items],
        "problems": [problem_json(p) for p in result.problems],
        "ignored": list(ignored),
        "summary": result.summary(),
    }
    return json.dumps(clean(data), ensure_ascii=False, indent=2) + "\n"


def _status_text(s: ItemStatus) -> str:
    text = s.status.label
    if s.status is Status.MISSING:
        text += f" (jatuh tempo {date_text(s.item.due)})"
    elif s.status is Status.PENDING:
        text += f" (sampai {date_text(s.item.due)})"
    if s.months_missing:
        text += f"; bulan belum ada: {', '.join(m.label() for m in s.months_missing)}"
    if s.errors:
        text += f"; {len(s.errors)} masalah"
    return text


def to_text(plan: Plan, result: Completeness, ignored: tuple[str, ...] = (), *, gate: bool = True) -> str:
    """The console report; ``gate=False`` (``--report-only``) reports without a pass/fail verdict."""
    lines = [
        f"Kelengkapan bukti Zona Integritas — {plan.unit.name}",
        f"Per tanggal {date_text(result.as_of)} · periode rencana {plan.period.label()}",
        "",
    ]
    for area in plan.lever_areas:
        statuses = [result.item(i.code) for i in area.evidence]
        done = sum(1 for s in statuses if s.status is Status.COMPLETE)
        lines.append(f"{area.id}. {area.name} — {done}/{len(statuses)} lengkap")
        for s in statuses:
            lines.append(f"  {_MARKS[s.status]} {s.code:<8} {s.item.title}")
            lines.append(f"             {_status_text(s)}")
        lines.append("")
    summary = result.summary()
    lines.append(
        f"Ringkasan: {summary['total']} kode bukti — {summary['complete']} lengkap, "
        f"{summary['partial']} sebagian, {summary['missing']} terlambat, "
        f"{summary['pending']} belum jatuh tempo."
    )
    late = result.late()
    if late:
        lines.append(f"Terlambat atau belum lengkap ({len(late)}): {', '.join(s.code for s in late)}")
    this_month = Month.of(result.as_of)
    for label, month in (("bulan ini", this_month), ("bulan depan", this_month.next())):
        due = result.due_in(month)
        if due:
            lines.append(f"Jatuh tempo {label} ({month.label()}): {', '.join(s.code for s in due)}")
    problems = result.all_problems
    if problems:
        lines += ["", f"Masalah ({len(problems)}):"]
        for p in problems:
            prefix = "peringatan: " if p.severity.value == "warning" else ""
            lines.append(f"  - {prefix}{problem_text(p.path, p.message, p.hint)}")
    if ignored:
        lines += ["", f"Diabaikan ({len(ignored)}, {IGNORED_TEXT}):"] + [f"  - {path}" for path in ignored]
    lines += ["", _verdict(result, gate)]
    return shown("\n".join(lines) + "\n")


def _verdict(result: Completeness, gate: bool) -> str:
    if result.ok:
        return "Hasil: LULUS — tidak ada bukti jatuh tempo yang kurang."
    if gate:
        return "Hasil: GAGAL — ada bukti jatuh tempo yang kurang atau bermasalah."
    return ("Hasil: BELUM LENGKAP — ada bukti jatuh tempo yang kurang atau bermasalah "
            "(laporan saja, keluaran lain tetap dibuat; gerbang ketatnya: make check).")


def to_junit(plan: Plan, result: Completeness, ignored: tuple[str, ...] = ()) -> str:
    # LKE answers without evidence (kind "unsupported_answer") are one test case each.
    answers = [p for p in result.problems if p.kind == UNSUPPORTED_ANSWER]
    problems = [p for p in result.problems if p.kind != UNSUPPORTED_ANSWER]
    suite = ET.Element("testsuite", {
        "name": "Kelengkapan bukti Zona Integritas",
        "tests": str(len(result.items) + (1 if problems else 0) + len(answers)),
        "failures": str(sum(1 for s in result.items if s.late or s.errors) + (1 if problems else 0)
                        + len(answers)),
        "skipped": str(result.count(Status.PENDING)),
        "timestamp": result.as_of.isoformat() + "T00:00:00",
    })
    for s in result.items:
        area = plan.area(s.item.area_id)
        case = ET.SubElement(suite, "testcase", {
            "classname": f"{area.id}. {area.name}", "name": f"{s.code} {s.item.title}"})
        if s.late or s.errors:
            failure = ET.SubElement(case, "failure", {"message": _status_text(s), "type": s.status.value})
            failure.text = "\n".join(str(p) for p in s.problems) or _status_text(s)
        elif s.status is Status.PENDING:
            ET.SubElement(case, "skipped", {"message": _status_text(s)})
    if problems:
        case = ET.SubElement(suite, "testcase", {"classname": "evidence", "name": "Struktur folder evidence/"})
        failure = ET.SubElement(case, "failure", {"message": f"{len(problems)} masalah", "type": "problems"})
        failure.text = "\n".join(str(p) for p in problems)
    for p in answers:
        case = ET.SubElement(suite, "testcase", {"classname": "Jawaban LKE", "name": p.message})
        failure = ET.SubElement(case, "failure", {"message": p.message, "type": p.kind})
        failure.text = str(p)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    # Texts from the unit's files may hold characters XML cannot carry, even escaped.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_text(ET.tostring(root, encoding="unicode")) + "\n"


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit}


def files_left_out(project: Project, audience: Audience) -> list[str]:
    """The console lines of a site or preview: files it leaves out, and why.

    Unusable files are named with their path; restricted files left out of a
    public output are counted per code only, since a console log (CI) may be
    public.
    """
    lines = unused_files_lines(project.unused_files)
    withheld: dict[str, int] = {}
    for f in project.scan.files:
        if not audience.may_see(f):
            withheld[f.code] = withheld.get(f.code, 0) + 1
    if withheld:
        per_code = ", ".join(f"{code} ({count})" for code, count in withheld.items())
        lines.append(f"{sum(withheld.values())} berkas terbatas tidak disertakan untuk audiens "
                     f"{audience.value} (nama tidak ditampilkan), per kode: {per_code}")
    return lines


def render(fmt: str, plan: Plan, result: Completeness, ignored: tuple[str, ...] = (), *, gate: bool = True) -> str:
    """The ``check`` report in ``fmt``; only the text report has a verdict line that ``gate`` words."""
    if fmt == "text":
        return to_text(plan, result, ignored, gate=gate)
    return FORMATS[fmt](plan, result, ignored)
