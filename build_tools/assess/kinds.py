"""Model kind → how a plan of that kind is checked and scored into the one assessment shape.

The only place (with :mod:`build_tools.models.registry`) that knows which kinds
exist. A new kind registers its file reader with
:func:`build_tools.models.registry.register_kind` and its scorer here with
:func:`register`; every renderer then works for it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from build_tools.assess import lke_view, weighted_view
from build_tools.assess.inputs import answers_score, weighted_score
from build_tools.assess.view import Assessment
from build_tools.check.project import Project
from build_tools.models.common import EVIDENCE_WEIGHTED, LKE
from build_tools.models.lke_blank import blank_answers
from build_tools.models.lke_plan import plan_yaml, propose_plan
from build_tools.models.plan_check import check_plan
from build_tools.plan.structure import Plan


@dataclass(frozen=True)
class Starter:
    """What a new unit of a kind starts with (``init``)."""

    plan: str
    """``plan.yaml``."""
    answers: str | None = None
    """The blank answers file, for kinds scored from answers."""


@dataclass(frozen=True)
class Kind:
    check_plan: Callable[[Plan, object], None]
    """Raise :class:`~build_tools.core.errors.InputError` where the plan disagrees with the model."""
    assess: Callable[[Project, object], Assessment]
    """The project's score under the model, in the one shape."""
    answers_file: str | None = None
    """The file of the unit's answers, for kinds scored from answers (``lke.yaml``)."""
    starter: Callable[[object, str, int], Starter] | None = None
    """A proposed plan (and blank answers) for a new unit: (model, unit name, year) → files."""


def _lke_starter(model, unit: str, year: int) -> Starter:
    proposal = propose_plan(model, year)
    return Starter(plan_yaml(proposal, unit), blank_answers(model, proposal.evidence_of()))


_KINDS: dict[str, Kind] = {
    EVIDENCE_WEIGHTED: Kind(check_plan, lambda p, m: weighted_view.assessment_view(weighted_score(p, m))),
    LKE: Kind(check_plan, lambda p, m: lke_view.assessment_view(answers_score(p, m)), answers_file="lke.yaml",
              starter=_lke_starter),
}


def register(kind: str, spec: Kind) -> None:
    """Add (or replace) the scorer of a model kind."""
    _KINDS[kind] = spec


def unregister(kind: str) -> None:
    _KINDS.pop(kind, None)


def kind_of(model) -> Kind:
    try:
        return _KINDS[model.kind]
    except KeyError:
        raise LookupError(f"model kind {model.kind!r} has a reader but no scorer; register one") from None
