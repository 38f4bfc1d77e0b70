"""Completeness as of a date: one status per evidence code.

``check_completeness(plan, scan, as_of)`` is a pure function of the plan, the
scan and the date.

Statuses:

* ``complete`` – the evidence is there (every month of the window, for a
  monthly item) and has no problem;
* ``partial`` – a monthly item with some due months missing, or an item whose
  files have a problem;
* ``missing`` – the window has ended and nothing is there;
* ``pending`` – not yet due and nothing overdue.

An item is due at the end of the last month of its window; a month of a
monthly item is due at the end of that month. On the due day itself the item
is still ``pending``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from build_tools.core.months import Month
from build_tools.evidence.scanner import EvidenceFile, EvidenceScan, Problem, Severity
from build_tools.plan.structure import EvidenceItem, Plan


class Status(enum.Enum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.COMPLETE: "lengkap",
    Status.PARTIAL: "sebagian",
    Status.MISSING: "terlambat",
    Status.PENDING: "belum jatuh tempo",
}


@dataclass(frozen=True)
class ItemStatus:
    """The completeness of one evidence item on the as-of date."""

    item: EvidenceItem
    status: Status
    files: tuple[EvidenceFile, ...]
    problems: tuple[Problem, ...]
    months_expected: tuple[Month, ...] = ()
    months_present: tuple[Month, ...] = ()
    months_due: tuple[Month, ...] = ()
    months_missing: tuple[Month, ...] = ()
    """Due months of a monthly item without a file."""

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def late(self) -> bool:
        return self.status in (Status.MISSING, Status.PARTIAL)

    @property
    def delivered_share(self) -> float:
        """Share of the item delivered: 1 or 0, or the share of months present."""
        if self.item.recurring:
            return len(self.months_present) / len(self.months_expected)
        return 1.0 if self.files else 0.0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


@dataclass(frozen=True)
class Completeness:
    as_of: dt.date
    items: tuple[ItemStatus, ...]
    problems: tuple[Problem, ...]
    """Problems not tied to one evidence code (unknown folders, stray files …)."""

    def count(self, status: Status) -> int:
        return sum(1 for s in self.items if s.status is status)

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        return self.problems + tuple(p for s in self.items for p in s.problems)

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.all_problems if p.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Nothing due is missing or partial, and no evidence file has an error."""
        return not any(s.late for s in self.items) and self.error_count == 0

    def late(self) -> tuple[ItemStatus, ...]:
        return tuple(s for s in self.items if s.late)

    def due_in(self, month: Month) -> tuple[ItemStatus, ...]:
        """Items not yet complete whose window ends in ``month``."""
        return tuple(s for s in self.items
                     if s.item.window.end == month and s.status is not Status.COMPLETE)

    def item(self, code: str) -> ItemStatus:
        return next(s for s in self.items if s.code == code)

    def summary(self) -> dict[str, int | bool]:
        return {
            "total": len(self.items),
            **{status.value: self.count(status) for status in Status},
            "problems": self.error_count,
            "warnings": len(self.all_problems) - self.error_count,
            "ok": self.ok,
        }


def check_completeness(plan: Plan, scan: EvidenceScan, as_of: dt.date) -> Completeness:
    """Give every evidence code of the plan its status on ``as_of``."""
    codes = set(plan.codes)
    items = tuple(_item_status(item, scan, as_of) for item in plan.evidence)
    loose = tuple(p for p in scan.problems if p.code not in codes)
    return Completeness(as_of=as_of, items=items, problems=loose)


def _item_status(item: EvidenceItem, scan: EvidenceScan, as_of: dt.date) -> ItemStatus:
    files = scan.files_for(item.code)
    problems = list(scan.problems_for(item.code))
    window_over = as_of > item.due
    if item.recurring:
        expected = tuple(item.window.months())
        for f in files:
            if f.month is None:
                problems.append(Problem(
                    "missing_month", f.path, "berkas bulanan tanpa awalan bulan",
                    "awali nama berkas dengan bulannya, contoh '2020-03 Lembar Monev.pdf'", item.code))
            elif not item.window.contains(f.month):
                problems.append(Problem(
                    "month_outside_window", f.path,
                    f"bulan {f.month.label()} di luar target waktu {item.window.label()}",
                    "periksa awalan bulan pada nama berkas", item.code))
        present = tuple(sorted({f.month for f in files if f.month and item.window.contains(f.month)}))
        due = tuple(m for m in expected if as_of > m.last_day())
        missing = tuple(m for m in due if m not in present)
        if len(present) == len(expected):
            status = Status.COMPLETE
        elif not files and window_over:
            status = Status.MISSING
        elif missing:
            status = Status.PARTIAL
        else:
            status = Status.PENDING
        extra = {"months_expected": expected, "months_present": present,
                 "months_due": due, "months_missing": missing}
    else:
        status = Status.COMPLETE if files else (Status.MISSING if window_over else Status.PENDING)
        extra = {}
    if status in (Status.COMPLETE, Status.PENDING) and any(p.severity is Severity.ERROR for p in problems):
        status = Status.PARTIAL
    return ItemStatus(item=item, status=status, files=files, problems=tuple(problems), **extra)
