"""What every score output shares: the headline figures and the worksheet rows (CSV).

Both read the one assessment shape (:mod:`build_tools.assess.view`), so they
are the same for every model kind. The rows are shared by the CSV and the
.xlsx export (:mod:`build_tools.reports.score_xlsx`), so both show the same
figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from build_tools.assess.view import STATUS_LABELS, Assessment, Group
from build_tools.core.escape import csv_text
from build_tools.core.numbers import num, round_half_up, show

PREDICATE_LABELS = {"wbk": "Syarat WBK", "wbbm": "Syarat WBBM"}
STRICT_TEXT = "bila jawaban tanpa data dukung dinilai terendah"
"""Beside every score from answers: what a reviewer will count."""
STRICT_LABEL = f"Nilai total {STRICT_TEXT}"


def _weight_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def cover_figures(a: Assessment) -> dict[str, str]:
    """The headline figures (label → value) of the bundle's cover and the site's home page."""
    figures = {"Nilai total": f"{show(float(a.total))} dari {show(float(a.total_weight))}"}
    if a.strict_total is not None:
        figures[STRICT_LABEL] = f"{show(float(a.strict_total))} dari {show(float(a.total_weight))}"
    for part in a.parts:
        figures[part.short or part.name] = f"{show(float(part.score))} dari {show(float(part.weight))}"
    for p in a.predicates:
        figures[PREDICATE_LABELS.get(p.id, f"Syarat {p.name}")] = "terpenuhi" if p.eligible else "belum terpenuhi"
    return figures


def short_figure(a: Assessment) -> dict[str, str]:
    """The total of a second assessment shown beside the plan's (the TPI's beside it when known)."""
    value = f"{num(a.total)} dari {_weight_text(a.total_weight)}"
    notes = [f"TPI {num(a.reviewer_total)}"] if a.reviewer_total is not None else []
    if a.strict_total is not None:
        notes.append(f"{num(a.strict_total)} {STRICT_TEXT}")
    if notes:
        value += f" ({'; '.join(notes)})"
    return {a.short_name or a.title: value}


# ---------------------------------------------------------------------------
# Worksheet rows (CSV and xlsx)
# ---------------------------------------------------------------------------

WORKSHEET_HEADER = ("jenis", "id", "uraian", "bobot", "nilai", "skor", "status", "putusan_tpi", "jawaban", "bukti")


@dataclass(frozen=True)
class Row:
    kind: str
    """bagian | area | komponen | … (a group's label), bukti | pertanyaan | … (a row's kind) | total."""
    id: str
    text: str
    weight: float | None
    value: float | None
    """Share 0–1 (rows), None for sums."""
    score: float | None
    status: str = ""
    verdict: str = ""
    depth: int = 0
    group: bool = False
    answer: str = ""
    evidence: str = ""


def worksheet_rows(a: Assessment) -> list[Row]:
    rows: list[Row] = []

    def add(group: Group, depth: int) -> None:
        rows.append(Row(group.label or "kelompok", group.id, group.name, group.weight, None, group.score,
                        depth=depth, group=True))
        for g in group.groups:
            add(g, depth + 1)
        for r in group.rows:
            status = STATUS_LABELS.get(r.status, r.status) if r.status not in ("measured",) else ""
            rows.append(Row(r.kind or "baris", r.id, r.title, r.weight, r.value, r.score, status, r.verdict,
                            depth + 1, answer=r.answer.answer if r.answer else "", evidence=" ".join(r.evidence)))

    for part in a.parts:
        add(part, 0)
    rows.append(Row("total", "", "Nilai total", a.total_weight, None, a.total))
    return rows


def to_csv(a: Assessment) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(WORKSHEET_HEADER)
    for row in worksheet_rows(a):
        writer.writerow([csv_text(row.kind), csv_text(row.id), csv_text(row.text), _num(row.weight, 4),
                         _num(row.value, 4), _num(row.score, 4), csv_text(row.status), csv_text(row.verdict),
                         csv_text(row.answer), csv_text(row.evidence)])
    return out.getvalue()


def _num(value: float | None, decimals: int) -> str:
    return "" if value is None else repr(round_half_up(value, decimals))
