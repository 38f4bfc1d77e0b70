"""Evidence behind LKE answers: the *jawaban tanpa data dukung* flag.

An answer above a question's lowest choice (a ``%`` answer above 0) needs the
evidence it cites. ``unsupported_answers`` is a pure function of the model,
the answers and the completeness of the evidence tree; ``as_problems`` turns
its findings into :class:`~build_tools.evidence.scanner.Problem` rows so that ``check``
can report them like any other evidence problem (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.assess.lke_answers import Answers
from build_tools.assess.lke_score import answer_text, response_value
from build_tools.check.completeness import Completeness, ItemStatus
from build_tools.evidence.scanner import Problem, Severity
from build_tools.models.lke import LkeModel

KIND = "unsupported_answer"


@dataclass(frozen=True)
class UnsupportedAnswer:
    question_id: str
    answer: str
    reason: str
    """``no_evidence_cited``, ``missing`` or ``rejected``."""
    codes: tuple[str, ...]
    """The cited codes without usable evidence (empty when none is cited)."""
    location: str
    """``lke.yaml:LINE`` of the answer."""


def usable(status: ItemStatus) -> bool:
    """An evidence item supports an answer when it has a file without an error."""
    bad = {p.path for p in status.errors}
    return any(f.path not in bad for f in status.files)


def unsupported_answers(model: LkeModel, answers: Answers, completeness: Completeness,
                        rejected: frozenset[str] = frozenset()) -> tuple[UnsupportedAnswer, ...]:
    """Answers above the lowest choice whose cited evidence is missing or rejected.

    ``rejected``: evidence codes an assessor rejected (e.g. from reviews), on
    top of items whose every file has an error.
    """
    statuses = {s.code: s for s in completeness.items}
    targets = {q.id: q for q in model.questions} | {i.id: i for i in model.choice_indicators}
    result = []
    for a in answers.answers:
        target = targets.get(a.question_id)
        if target is None or a.unit.blank:
            continue
        value = response_value(target, a.unit)
        if not value:
            continue
        shown = answer_text(target, a.unit)
        where = f"{answers.path.name}:{a.location.line}"
        if not a.evidence:
            result.append(UnsupportedAnswer(a.question_id, shown, "no_evidence_cited", (), where))
            continue
        missing = tuple(c for c in a.evidence if c in statuses and not usable(statuses[c]))
        refused = tuple(c for c in a.evidence if c in rejected and c not in missing)
        if missing:
            result.append(UnsupportedAnswer(a.question_id, shown, "missing", missing + refused, where))
        elif refused:
            result.append(UnsupportedAnswer(a.question_id, shown, "rejected", refused, where))
    return tuple(result)


REASONS = {
    "no_evidence_cited": "tidak menyebut kode bukti",
    "missing": "bukti yang disebut belum ada atau bermasalah",
    "rejected": "bukti yang disebut ditolak penilai",
}


def as_problems(found: tuple[UnsupportedAnswer, ...]) -> tuple[Problem, ...]:
    """The findings as evidence problems (kind ``unsupported_answer``, severity error)."""
    return tuple(
        Problem(KIND, u.location,
                f"jawaban tanpa data dukung: {u.question_id} dijawab {u.answer}, {REASONS[u.reason]}"
                + (f" ({', '.join(u.codes)})" if u.codes else ""),
                "unggah buktinya ke folder kode tersebut, sebutkan kode bukti di lke.yaml, "
                "atau turunkan jawabannya",
                u.codes[0] if u.codes else None, Severity.ERROR)
        for u in found)
