"""The ``score`` and ``lke`` commands' outputs, for any model kind.

Text: :mod:`build_tools.reports.score_text`; JSON: the assessment's own
record (its keys per kind, documented in README); CSV and the generic
worksheet: :mod:`build_tools.reports.score`, :mod:`build_tools.reports.score_xlsx`.
A model with a worksheet of its own (the LKE, with live formulas) exports that
as the workbook.
"""

from __future__ import annotations

import json

from build_tools.assess.view import Assessment
from build_tools.core.escape import clean
from build_tools.reports import score, score_text

FORMATS = ("json", "text")


def report(a: Assessment, fmt: str, *, answers: bool = False) -> str:
    """``score`` (or, with ``answers``, ``lke``) report in ``fmt``."""
    if fmt == "json":
        record = a.answers_record if answers and a.answers_record is not None else a.record
        return json.dumps(clean(record), ensure_ascii=False, indent=2) + "\n"
    return score_text.to_text(a)


def workbook(a: Assessment) -> bytes:
    if a.workbook is not None:
        return a.workbook()
    from build_tools.reports import score_xlsx

    return score_xlsx.to_xlsx(a)


def table(a: Assessment) -> str:
    return score.to_csv(a)
