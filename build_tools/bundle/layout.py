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

from build_tools.check.completeness import Completeness, ItemStatus
from build_tools.core.months import Month, natural_key
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EvidenceFile, Problem
from build_tools.plan.structure import Area, Component, Plan

BROKEN_KINDS = ("encrypted_pdf", "unreadable_pdf")
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
        absent = tuple(m for m in status.months_expected if m not in status.months_present)
        if absent:
            parts.append(Part(PartKind.MISSING, months=absent))
    elif not parts:
        parts.append(Part(PartKind.MISSING))
    return CodeSection(status, component, area.component_id(component), tuple(parts))
