"""The plan's data classes: unit, period, lever and result areas, components,
action items, evidence items with windows and frequency, surveys and requirements."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.core.errors import Location
from build_tools.core.months import Month, Window

WEIGHT_TOLERANCE = 1e-6


CODE_PATTERN = re.compile(r"^(?P<area>[IVX]+)\.(?P<component>\d+)\.(?P<letter>[a-z])$")


PIC_PLACEHOLDER = "PIC belum ditetapkan"
"""The PIC of a proposed plan until the unit names one."""
LEVER = "pengungkit"


RESULT = "hasil"


class Frequency(enum.Enum):
    """How often an evidence item must be delivered within its window."""

    ONCE = "sekali"
    MONTHLY = "bulanan"


@dataclass(frozen=True)
class ActionItem:
    """One *rencana aksi* of a component, e.g. ``a`` "Menyusun Tim Kerja ..."."""

    letter: str
    text: str


@dataclass(frozen=True)
class EvidenceItem:
    """One required piece of evidence (*bukti fisik*), e.g. ``I.1.a``."""

    code: str
    """Evidence code, ``<area>.<component>.<letter>``."""
    title: str
    area_id: str
    component_number: int
    window: Window
    """Target window; the item is due at the end of its last month."""
    window_text: str
    """The window as written in plan.yaml (the guideline's wording)."""
    pic: str
    frequency: Frequency
    weight: float
    """Points this item carries in the lever score (see ``score``)."""
    explicit_weight: bool
    location: Location

    @property
    def due(self):  # -> datetime.date
        return self.window.due

    @property
    def recurring(self) -> bool:
        return self.frequency is Frequency.MONTHLY

    def expected_months(self) -> list[Month]:
        return list(self.window.months()) if self.recurring else []


@dataclass(frozen=True)
class Component:
    """A component of an area (a row of the guideline's tables)."""

    number: int
    name: str
    actions: tuple[ActionItem, ...]
    evidence: tuple[EvidenceItem, ...]
    weight: float
    explicit_weight: bool
    window_text: str = ""
    pic: str = ""

    @property
    def id_suffix(self) -> str:
        return str(self.number)


@dataclass(frozen=True)
class Area:
    """A lever area (I … VI) or a result area (B.1, B.2)."""

    id: str
    name: str
    kind: str
    """``pengungkit`` or ``hasil``."""
    weight: float
    targets: tuple[str, ...]
    components: tuple[Component, ...]

    def component_id(self, component: Component) -> str:
        return f"{self.id}.{component.number}"

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        return tuple(item for c in self.components for item in c.evidence)


@dataclass(frozen=True)
class SurveyAspect:
    id: str
    text: str


@dataclass(frozen=True)
class Survey:
    """A perception survey and its minimum aspects (Bab II.2)."""

    id: str
    name: str
    area_id: str
    aspects: tuple[SurveyAspect, ...]


@dataclass(frozen=True)
class Requirements:
    """Conditions to propose the unit for a predicate (Bab II.3)."""

    predicate: str
    """``wbk`` or ``wbbm``."""
    instansi: tuple[str, ...]
    unit: tuple[str, ...]
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    name: str
    eselon_i: str
    instansi: str
    instansi_short: str = ""


@dataclass(frozen=True)
class Plan:
    """The whole action plan of one unit for one period."""

    path: Path
    format_version: int
    model: str
    unit: Unit
    title: str
    basis: str
    period: Window
    legal_basis: tuple[str, ...]
    lever_weight: float
    result_weight: float
    areas: tuple[Area, ...]
    surveys: tuple[Survey, ...]
    requirements: dict[str, Requirements]

    @property
    def lever_areas(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if a.kind == LEVER)

    @property
    def result_areas(self) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if a.kind == RESULT)

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        """Every evidence item, in plan order."""
        return tuple(item for area in self.areas for item in area.evidence)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.evidence)

    def item(self, code: str) -> EvidenceItem:
        for item in self.evidence:
            if item.code == code:
                return item
        raise KeyError(code)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def component_of(self, item: EvidenceItem) -> Component:
        area = self.area(item.area_id)
        return next(c for c in area.components if c.number == item.component_number)
