"""The site's view model: what the pages show, for one audience.

``build_view(project, audience, notes)`` is a pure function of the checked
project. It decides which files an audience may see (a public build never
sees a restricted file's name, bytes or hash, only how many there are), gives
every visible file a portable path in the site, and gathers the progress
figures. Templates get this model, never the raw scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping

from build_tools.check.completeness import ItemStatus, Status
from build_tools.check.project import Project
from build_tools.core.months import Month, natural_key
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EvidenceFile, Problem
from build_tools.plan.structure import Area, Component, EvidenceItem, Plan
from build_tools.site.markup import slug

FILES_DIR = "berkas"
EVIDENCE_PAGES_DIR = "bukti"


@dataclass(frozen=True)
class FileView:
    """An evidence file as the site shows and links it."""

    file: EvidenceFile
    site_path: str
    """Docs-relative path of its copy, e.g. ``berkas/I.1.a/SK-Tim.pdf``."""

    @property
    def name(self) -> str:
        """The name relative to the code's folder (subfolders included)."""
        parts = PurePosixPath(self.file.path).parts
        return "/".join(parts[2:]) if len(parts) > 2 else self.file.name


@dataclass(frozen=True)
class ItemView:
    status: ItemStatus
    component: Component
    files: tuple[FileView, ...]
    """The files this audience may see, in natural order."""
    hidden: int
    """Restricted files held back from this audience."""
    problems: tuple[Problem, ...]
    """Problem details (reviewer builds only; a public build shows a count)."""
    problem_count: int
    note: str | None
    """An optional reviewer's note (TPI review) for this code."""

    @property
    def item(self) -> EvidenceItem:
        return self.status.item

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def page(self) -> str:
        return evidence_page(self.code)

    @property
    def state(self) -> Status:
        return self.status.status


@dataclass(frozen=True)
class AreaView:
    area: Area
    items: tuple[ItemView, ...]

    @property
    def page(self) -> str:
        return area_page(self.area.id)

    @property
    def progress(self) -> float:
        return _share(self.items)

    def count(self, status: Status) -> int:
        return sum(1 for v in self.items if v.state is status)


@dataclass(frozen=True)
class SiteView:
    plan: Plan
    project: Project
    audience: Audience
    areas: tuple[AreaView, ...]
    """Every area, in plan order (result areas have no evidence codes)."""
    items: Mapping[str, ItemView]
    this_month: Month
    next_month: Month

    @property
    def as_of(self):  # -> datetime.date
        return self.project.as_of

    @property
    def all_items(self) -> tuple[ItemView, ...]:
        return tuple(v for a in self.areas for v in a.items)

    @property
    def progress(self) -> float:
        return _share(self.all_items)

    def count(self, status: Status) -> int:
        return sum(1 for v in self.all_items if v.state is status)

    @property
    def late(self) -> tuple[ItemView, ...]:
        return tuple(v for v in self.all_items if v.status.late)

    def due_in(self, month: Month) -> tuple[ItemView, ...]:
        codes = {s.code for s in self.project.completeness.due_in(month)}
        return tuple(v for v in self.all_items if v.code in codes)

    @property
    def file_count(self) -> int:
        return sum(len(v.files) for v in self.all_items)

    @property
    def hidden_count(self) -> int:
        return sum(v.hidden for v in self.all_items)

    @property
    def copies(self) -> dict[str, Path]:
        """Docs-relative site path → the evidence file to copy there."""
        root = self.project.root
        return {f.site_path: root / f.file.path for v in self.all_items for f in v.files}

    def timeline(self, view: ItemView) -> list[tuple[str, str, str]]:
        """One ``(state, symbol, description)`` per month of the period."""
        status, item = view.status, view.item
        cells = []
        for month in self.plan.period.months():
            if not item.window.contains(month):
                cells.append(("off", "", ""))
            elif item.recurring:
                if month in status.months_present:
                    cells.append(("ok", "✓", "ada"))
                elif month in status.months_missing:
                    cells.append(("late", "✗", "terlambat"))
                else:
                    cells.append(("todo", "○", "belum jatuh tempo"))
            elif month == item.window.end:
                cells.append(_END_CELL[status.status])
            else:
                state = "ok-span" if status.status is Status.COMPLETE else "window"
                cells.append((state, "", "dalam target waktu"))
        return cells

    @property
    def general_problems(self) -> int:
        return len(self.project.completeness.problems)


_END_CELL = {
    Status.COMPLETE: ("ok", "✓", "lengkap"),
    Status.PARTIAL: ("part", "◐", "sebagian"),
    Status.MISSING: ("late", "✗", "terlambat"),
    Status.PENDING: ("todo", "○", "belum jatuh tempo"),
}


def evidence_page(code: str) -> str:
    return f"{EVIDENCE_PAGES_DIR}/{code}/index.md"


def area_page(area_id: str) -> str:
    return f"rencana-kerja/{area_id}/index.md"


def _share(items: tuple[ItemView, ...]) -> float:
    return sum(v.status.delivered_share for v in items) / len(items) if items else 0.0


def visible(file: EvidenceFile, audience: Audience) -> bool:
    return audience.may_see(file)


def build_view(project: Project, audience: Audience,
               notes: Mapping[str, str] | None = None) -> SiteView:
    plan = project.plan
    notes = notes or {}
    items: dict[str, ItemView] = {}
    areas = []
    for area in plan.areas:
        views = []
        for component in area.components:
            for item in component.evidence:
                views.append(_item_view(project, component, item, audience, notes.get(item.code)))
        areas.append(AreaView(area, tuple(views)))
        items.update((v.code, v) for v in views)
    this_month = Month.of(project.as_of)
    return SiteView(plan=plan, project=project, audience=audience, areas=tuple(areas),
                    items=items, this_month=this_month, next_month=this_month.next())


def _item_view(project: Project, component: Component, item: EvidenceItem,
               audience: Audience, note: str | None) -> ItemView:
    status = project.completeness.item(item.code)
    shown = sorted((f for f in status.files if visible(f, audience)), key=lambda f: natural_key(f.path))
    used: set[str] = set()
    files = []
    for file in shown:
        name = slug(PurePosixPath(file.path).name)
        candidate, n = name, 1
        while candidate.lower() in used:
            n += 1
            stem, dot, ext = name.rpartition(".")
            candidate = f"{stem}-{n}.{ext}" if dot else f"{name}-{n}"
        used.add(candidate.lower())
        files.append(FileView(file, f"{FILES_DIR}/{item.code}/{candidate}"))
    problems = status.problems if audience is Audience.REVIEWER else ()
    return ItemView(status=status, component=component, files=tuple(files),
                    hidden=len(status.files) - len(shown), problems=problems,
                    problem_count=len(status.problems), note=note)
