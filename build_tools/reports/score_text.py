"""The score as text for the terminal (Bahasa Indonesia), for every model kind.

The groups down to the areas with weight and score (and the TPI's score, and
what the plan promises by the as-of date, where the kind has them), the areas
a reader compares, each predicate's conditions and declared criteria, the
answers without supporting evidence, what would add most points, the result
targets, the surveys and the warnings.
"""

from __future__ import annotations

from build_tools.assess.view import Assessment, Condition, Group
from build_tools.core import words
from build_tools.core.escape import shown
from build_tools.core.numbers import NO_DATA, num, show
from build_tools.reports.score import STRICT_TEXT

GAPS_SHOWN = 10
NAME_WIDTH = 52
_CRITERION_MARKS = {"terpenuhi": "✓", "tidak_terpenuhi": "✗", "belum_dinyatakan": "?", "dinilai_tpi": "·"}


def to_text(a: Assessment) -> str:
    out = [f"{a.title} — {a.unit_name}",
           f"Model: {a.model_name} ({a.model_id})"]
    if a.legal_basis:
        out.append(f"Dasar hukum: {a.legal_basis[0]}")
    basis = f"Per tanggal {words.date_text(a.as_of)} · {a.basis.replace('`', '')}"
    out += [basis + (f" · {a.blanks_rule}" if a.blanks_rule else ""), ""]
    total = f"Nilai total: {num(a.total)} dari {num(a.total_weight)}"
    out.append(total + (f" (menurut jawaban TPI: {num(a.reviewer_total)})" if a.reviewer_total is not None else ""))
    if a.strict_total is not None:
        out.append(f"Nilai total {STRICT_TEXT}: {num(a.strict_total)} dari {num(a.total_weight)}")
    for part in a.parts:
        line = f"{part.short or part.name}: {num(part.score)} dari {num(part.weight)}"
        out.append(line + (f" (rencana sampai tanggal ini: {num(part.planned)})" if part.planned is not None else ""))
    out.append("")
    out += _table(a)
    if len(a.areas) and {g.id for g in a.areas} != {g.id for p in a.parts for g in p.groups}:
        out += ["", "Nilai per area:"]
        for g in a.areas:
            figures = f" {num(g.weight):>7} {num(g.score):>7} {num(g.share * 100, 1):>6} %"
            out += ["  " + row for row in words.column_lines(f"{g.id} {g.name}", NAME_WIDTH - 2, figures,
                                                              indent=len(g.id) + 1)]
    for p in a.predicates:
        verdict = "MEMENUHI SYARAT" if p.eligible else "BELUM MEMENUHI SYARAT"
        reviewer = ""
        if p.reviewer_conditions_ok is not None:
            reviewer = f" (menurut nilai TPI: {'memenuhi' if p.reviewer_conditions_ok else 'belum memenuhi'} syarat nilai)"
        out += ["", f"Syarat {p.name}: {verdict}{reviewer}"]
        out += [f"  {_condition(c)}" for c in p.conditions]
        if p.criteria:
            out.append(f"  {p.criteria_title.rstrip(':')}:")
            for c in p.criteria:
                if c.status == "dinilai_tpi":
                    out.append(f"  · {c.text}")
                    continue
                declared = f"dinyatakan {c.declared}" if c.declared is not None else NO_DATA
                out.append(f"  {_CRITERION_MARKS.get(c.status, '?')} {c.text}: {c.required}; {declared}"
                           + (" — tidak terpenuhi" if c.status == "tidak_terpenuhi" else ""))
    if a.answered:
        out.append("")
        if a.unanswered:
            how = a.blanks_rule.replace("pertanyaan kosong ", "")
            out.append(f"Belum dijawab ({len(a.unanswered)}{', ' + how if how else ''}): " + ", ".join(a.unanswered))
        else:
            out.append("Semua pertanyaan sudah dijawab.")
        if a.not_computable:
            out.append("Tidak dapat dihitung (pembagi 0, diperlakukan sebagai belum dijawab): "
                       + ", ".join(a.not_computable))
        out.append("")
        if a.flags:
            out.append(f"Jawaban tanpa data dukung ({len(a.flags)}):")
            for f in a.flags:
                codes = f": {', '.join(f.codes)}" if f.codes else ""
                out.append(f"  {f.location} {f.id} dijawab {f.answer} — {f.reason}{codes}")
        else:
            out.append("Jawaban tanpa data dukung: tidak ada.")
    out.append("")
    if a.gaps:
        out.append(f"Yang paling cepat menambah nilai ({min(GAPS_SHOWN, len(a.gaps))} dari {len(a.gaps)}):")
        for g in a.gaps[:GAPS_SHOWN]:
            mark = " (tanpa data dukung)" if g.unsupported else ""
            evidence = f" · bukti: {', '.join(g.evidence)}" if g.evidence and g.evidence != (g.id,) else ""
            out.append(f"  +{num(g.points):>5}  {g.id:<10} {words.shorten(g.title, 70)} ({g.reason}){evidence}{mark}")
    else:
        out.append("Tidak ada yang masih dapat menambah nilai.")
    if a.targets:
        out += ["", "Target komponen hasil:"]
        out += [f"  [{predicate}] {text}" for predicate, text in a.targets]
    if a.warnings:
        out += ["", "Peringatan:"] + [f"  - {w}" for w in a.warnings]
    unused = words.unused_files_lines(a.unused_files)
    if unused:
        out += [""] + unused
    return shown("\n".join(out) + "\n")


def _table(a: Assessment) -> list[str]:
    reviewer = a.reviewer_total is not None
    planned = a.planned_total is not None
    head = f"{'':{NAME_WIDTH}} {'Bobot':>7} {'Nilai':>7}"
    head += f" {'TPI':>7}" if reviewer else ""
    head += f" {'Rencana':>8}" if planned else ""
    lines = [head]

    def line(indent: str, label: str, weight: float | None, score: float, tpi: float | None,
             plan: float | None, hang: int = 0) -> list[str]:
        figures = f" {num(weight) if weight is not None else '':>7} {num(score):>7}"
        if reviewer:
            figures += f" {num(tpi) if tpi is not None else '':>7}"
        if planned:
            figures += f" {num(plan) if plan is not None else '':>8}"
        rows = words.column_lines(label, NAME_WIDTH - len(indent), figures, indent=hang)
        return [(indent + row).rstrip() if n else indent + row for n, row in enumerate(rows)]

    def walk(group: Group, depth: int) -> None:
        lines.extend(line("  " * depth, f"{group.id} {group.name}", group.weight, group.score,
                          group.reviewer_score, group.planned, hang=len(group.id) + 1))
        if depth >= 2:
            return
        if group.label != "area":
            for g in group.groups:
                walk(g, depth + 1)
        if not group.groups and len(group.rows) <= 5:
            for r in group.rows:
                detail = f"   ({r.reason})" if r.reason and (r.measure is not None or r.kind == "sub_komponen") else ""
                rows = line("  " * (depth + 1), f"- {r.title}", r.weight, r.score, r.reviewer_score, None, hang=2)
                rows[0] = rows[0].rstrip() + detail
                lines.extend(rows)

    for part in a.parts:
        walk(part, 0)
    lines.extend(line("", "Nilai total", a.total_weight, a.total, a.reviewer_total, None))
    return lines


def _condition(c: Condition) -> str:
    mark = "✓" if c.passed else "✗"
    digits = 0 if c.unit == "responden" else 2
    label = c.label + (f", {num(c.share * 100, 0)} % bobot" if c.share is not None else "")
    if c.actual_text:
        actual = c.actual_text
    else:
        actual = num(float(c.actual), digits) if isinstance(c.actual, (int, float)) else show(c.actual)
    short = ""
    if not c.passed and c.shortfall and not c.actual_text.startswith(NO_DATA):
        short = f" (kurang {num(float(c.shortfall), digits)}{' responden' if c.unit == 'responden' else ''})"
    if c.required_text:  # the label already says the threshold ("minimal 75")
        return f"{mark} {label}: {actual}{short}"
    required = num(float(c.required), digits) if isinstance(c.required, (int, float)) else show(c.required)
    return f"{mark} {label}: {actual}, syarat ≥ {required}{short}"
