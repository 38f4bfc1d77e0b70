"""What goes into the evidence bundle, in plan order: a pure function.

``plan_layout(project, audience)`` decides, for every area, component and
evidence code, which parts the bundle shows: the evidence files themselves,
a "BELUM TERSEDIA" placeholder for what is missing, a "tersedia untuk
penilai" placeholder for restricted files in a public bundle, and a
placeholder for files that cannot be loaded (encrypted or unreadable PDFs).
It reads nothing from disk; :mod:`build_tools.bundle.build` renders and assembles.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from build_tools.check.completeness import Completeness, ItemStatus, Status
from build_tools.core.months import Month, natural_key
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EvidenceFile, Problem, month_prefix
from build_tools.plan.structure import Area, Component, Plan

BROKEN_KINDS = ("encrypted_pdf", "unreadable_pdf", "unreadable_image", "unreadable_file")
"""Scanner problems that mean a file exists but cannot go into the bundle."""


class PartKind(enum.Enum):
    FILE = "file"
    MISSING = "missing"
    RESTRICTED = "restricted"
    BROKEN = "broken"


@dataclass(frozen=True)
class Part:
    """One piece of an evidence code's body."""

    kind: PartKind
    file: EvidenceFile | None = None
    """The evidence file (FILE)."""
    problem: Problem | None = None
    """Why a file cannot be loaded (BROKEN)."""
    hidden: tuple[EvidenceFile, ...] = ()
    """The restricted files a RESTRICTED placeholder stands for (never shown by name)."""
    months: tuple[Month, ...] = ()
    """Months still missing (MISSING, monthly items)."""


@dataclass(frozen=True)
class CodeSection:
    status: ItemStatus
    component: Component
    component_id: str
    parts: tuple[Part, ...]

    @property
    def code(self) -> str:
        return self.status.code

    @property
    def item(self):
        return self.status.item


@dataclass(frozen=True)
class ComponentSection:
    component: Component
    component_id: str
    codes: tuple[CodeSection, ...]


@dataclass(frozen=True)
class AreaSection:
    area: Area
    components: tuple[ComponentSection, ...]

    @property
    def codes(self) -> tuple[CodeSection, ...]:
        return tuple(c for comp in self.components for c in comp.codes)


@dataclass(frozen=True)
class BundleLayout:
    plan: Plan
    completeness: Completeness
    audience: Audience
    areas: tuple[AreaSection, ...]

    @property
    def codes(self) -> tuple[CodeSection, ...]:
        return tuple(c for a in self.areas for c in a.codes)

    @property
    def broken(self) -> tuple[Problem, ...]:
        return tuple(p.problem for c in self.codes for p in c.parts if p.kind is PartKind.BROKEN)


def plan_layout(plan: Plan, completeness: Completeness, audience: Audience) -> BundleLayout:
    """The bundle's structure for ``audience``; areas without evidence codes are left out."""
    areas = []
    for area in plan.areas:
        components = []
        for component in area.components:
            codes = tuple(code_section(completeness.item(item.code), area, component, audience)
                          for item in component.evidence)
            if codes:
                components.append(ComponentSection(component, area.component_id(component), codes))
        if components:
            areas.append(AreaSection(area, tuple(components)))
    return BundleLayout(plan, completeness, audience, tuple(areas))


def code_section(status: ItemStatus, area: Area, component: Component, audience: Audience) -> CodeSection:
    entries: list[tuple[tuple, Part]] = []
    for f in status.files:
        entries.append((natural_key(f.path), Part(PartKind.FILE, file=f)))
    for p in status.problems:
        if p.kind in BROKEN_KINDS:
            entries.append((natural_key(p.path), Part(PartKind.BROKEN, problem=p)))
    entries.sort(key=lambda e: e[0])
    parts: list[Part] = []
    for _, part in entries:
        f = part.file
        if f is not None and not audience.may_see(f):
            if parts and parts[-1].kind is PartKind.RESTRICTED:
                parts[-1] = Part(PartKind.RESTRICTED, hidden=parts[-1].hidden + (f,))
            else:
                parts.append(Part(PartKind.RESTRICTED, hidden=(f,)))
        else:
            parts.append(part)
    item = status.item
    if item.recurring:
        parts = _with_missing_months(parts, status)
    elif not parts:
        parts.append(Part(PartKind.MISSING))
    return CodeSection(status, component, area.component_id(component), tuple(parts))


def _with_missing_months(parts: list[Part], status: ItemStatus) -> list[Part]:
    """The parts with a "BELUM TERSEDIA" placeholder for each run of missing months, in month order."""
    runs: list[list[Month]] = []
    previous = None
    for month in status.months_expected:
        if month in status.months_present:
            previous = None
            continue
        if previous is None:
            runs.append([])
        runs[-1].append(month)
        previous = month
    out: list[Part] = []
    for part in parts:
        month = _part_month(part)
        while runs and month is not None and runs[0][-1] < month:
            out.append(Part(PartKind.MISSING, months=tuple(runs.pop(0))))
        if month is None:
            out += [Part(PartKind.MISSING, months=tuple(run)) for run in runs]
            runs = []
        out.append(part)
    out += [Part(PartKind.MISSING, months=tuple(run)) for run in runs]
    return out


def _part_month(part: Part) -> Month | None:
    if part.file is not None:
        return part.file.month
    if part.hidden:
        months = [f.month for f in part.hidden if f.month is not None]
        return min(months) if months else None
    if part.problem is not None:
        return month_prefix(part.problem.path.rsplit("/", 1)[-1])[0]
    return None


RESTRICTED_LABEL = "terbatas"
_WORST_FIRST = (Status.MISSING, Status.PARTIAL, Status.PENDING, Status.COMPLETE)


def code_status(section: CodeSection) -> str:
    """What the contents say of a code: its status, and ``terbatas`` when files are held back."""
    label = section.status.status.label
    if any(p.kind is PartKind.RESTRICTED for p in section.parts):
        shown = any(p.kind is PartKind.FILE for p in section.parts)
        return f"{label}, {RESTRICTED_LABEL}" if shown or section.status.status is not Status.COMPLETE \
            else RESTRICTED_LABEL
    return label


def evidence_status(sections: tuple[CodeSection, ...]) -> str:
    """The status of several codes together (an LKE answer's evidence): the worst of them."""
    if not sections:
        return ""
    worst = min((s.status.status for s in sections), key=_WORST_FIRST.index)
    label = worst.label
    if any(p.kind is PartKind.RESTRICTED for s in sections for p in s.parts):
        label += f", {RESTRICTED_LABEL}"
    return label
