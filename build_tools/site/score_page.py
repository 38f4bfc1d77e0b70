"""The *Penilaian* page of the site: Markdown with inline SVG, no JavaScript, for any model kind.

``render_score_page(assessment)`` is a pure function of an assessment in the
one shape (:mod:`build_tools.assess.view`): the total and each part against
its weight as bars, the areas, the predicates' checklists, the answers
without supporting evidence (answer-based kinds), what would add most points,
the surveys, the monthly timeline, the TPI's notes and how the score is
computed, each section where the assessment has it. Every text taken from an
input is escaped, for HTML and for Markdown. Each SVG sits on one line inside
a ``<div>``, so Markdown passes it through as a raw HTML block.
"""

from __future__ import annotations

from build_tools.assess.view import Assessment, Condition
from build_tools.core.months import format_date
from build_tools.core.numbers import NO_DATA, num, round_half_up, show
from build_tools.reports.score import STRICT_TEXT
from build_tools.site.charts import Bar, bars_svg, esc, timeline_svg

GAPS_ON_PAGE = 10


def render_score_page(a: Assessment) -> str:
    planned = a.planned_total is not None
    lines = [
        "# Penilaian",
        "",
        f"{esc(a.title)} {esc(a.unit_name)} per tanggal {esc(format_date(a.as_of))}, {esc(a.basis)} menurut model "
        f"{esc(a.model_id)} ({esc(a.legal_basis[0] if a.legal_basis else a.model_name)})."
        + (f" Pertanyaan yang belum dijawab {esc(_blanks(a))}." if a.answered else "")
        + " Ini penilaian mandiri, bukan hasil evaluasi TPI/TPN.",
        "",
        "| Bagian | Nilai | Bobot |",
        "|---|---:|---:|",
        f"| **Nilai total** | **{show(a.total)}** | {show(a.total_weight)} |",
    ]
    if a.strict_total is not None:
        lines.append(f"| **Nilai total {STRICT_TEXT}** | **{show(a.strict_total)}** | {show(a.total_weight)} |")
    if a.reviewer_total is not None:
        lines.append(f"| Nilai menurut jawaban TPI | {show(a.reviewer_total)} | {show(a.total_weight)} |")
    for part in a.parts:
        name = part.short or part.name
        label = f"{esc(name)} (bukti saat ini)" if part.planned is not None else esc(name)
        lines.append(f"| {label} | {show(part.score)} | {show(part.weight)} |")
        if part.planned is not None:
            lines.append(f"| {esc(name)} yang dijanjikan rencana sampai tanggal ini | {show(part.planned)} | "
                         f"{show(part.weight)} |")
    lines += [
        "",
        bars_svg([Bar("total", "Nilai total", a.total, a.total_weight)]
                 + [Bar((p.short or p.name).lower(), p.short or p.name, p.score, p.weight, p.planned) for p in a.parts],
                 "Nilai total, pengungkit dan hasil terhadap bobotnya"),
        "",
        "## Nilai per area",
        "",
        bars_svg([Bar(g.id, f"{g.id} {g.name}", g.score, g.weight, g.planned) for g in a.areas],
                 "Nilai per area terhadap bobot"),
        "",
    ]
    if planned:
        lines += ["Batang hijau: nilai saat ini; garis biru: nilai yang dijanjikan rencana sampai tanggal ini; "
                  "abu-abu: bobot area.", ""]
    lines += _checklists(a)
    if a.answered:
        lines += _flags(a)
    lines += _gaps(a)
    lines += _surveys(a)
    if a.timeline:
        lines += [
            "## Bukti direncanakan dan diserahkan per bulan",
            "",
            timeline_svg(a.timeline, a.parts[0].weight if a.parts else a.total_weight),
            "",
            "Kumulatif poin pengungkit: biru = direncanakan sampai akhir bulan, hijau = sudah ada buktinya. "
            "Bukti sekali-serah dihitung pada bulan terakhir target waktunya; bukti bulanan per bulan.",
            "",
        ]
    lines += _reviews(a)
    lines += _method(a)
    return "\n".join(lines).rstrip("\n") + "\n"


def _blanks(a: Assessment) -> str:
    return a.blanks_rule.replace("pertanyaan kosong ", "")


def _checklists(a: Assessment) -> list[str]:
    lines = []
    for p in a.predicates:
        verdict = "memenuhi syarat" if p.eligible else "belum memenuhi syarat"
        sources = any(c.source for c in p.conditions)
        lines += [f"## Syarat {esc(p.name)}: {verdict}", "",
                  "| Terpenuhi | Syarat | Dibutuhkan | Capaian | Kekurangan |" + (" Sumber |" if sources else ""),
                  "|---|---|---:|---:|---:|" + ("---|" if sources else "")]
        for c in p.conditions:
            row = (f"| {'✓' if c.passed else '✗'} | {esc(_label(c))} | {esc(_required(c))} | {esc(_actual(c))} | "
                   f"{esc(_shortfall(c))} |")
            lines.append(row + (f" {esc(c.source)} |" if sources else ""))
        if p.criteria:
            lines += ["", f"{esc(p.criteria_title.rstrip(':'))}:", ""]
            for c in p.criteria:
                if c.status == "dinilai_tpi":
                    lines.append(f"- {esc(c.text)}")
                else:
                    declared = c.declared if c.declared is not None else NO_DATA
                    lines.append(f"- {esc(c.text)}: {esc(c.required)}; {esc(declared)}")
        lines.append("")
    return lines


def _label(c: Condition) -> str:
    return c.label + (f" ({num(c.share * 100, 0)} % bobot)" if c.share is not None else "")


def _digits(c: Condition) -> int:
    return 0 if c.unit == "responden" else 2


def _required(c: Condition) -> str:
    if c.required_text:
        return c.required_text
    return f"≥ {num(float(c.required), _digits(c))}" if isinstance(c.required, (int, float)) else show(c.required)


def _actual(c: Condition) -> str:
    if c.actual_text:
        return c.actual_text
    return num(float(c.actual), _digits(c)) if isinstance(c.actual, (int, float)) else show(c.actual)


def _shortfall(c: Condition) -> str:
    if c.passed or not c.shortfall:
        return ""
    return num(float(c.shortfall), _digits(c)) if c.required_text == "" else show(c.shortfall)


def _flags(a: Assessment) -> list[str]:
    lines = ["## Jawaban tanpa data dukung", ""]
    if a.flags:
        lines += ["| Pertanyaan | Jawaban | Masalah | Kode bukti |", "|---|---|---|---|"]
        lines += [f"| {esc(f.id)} | {esc(f.answer)} | {esc(f.reason)} | {esc(', '.join(f.codes))} |" for f in a.flags]
    else:
        lines.append("Tidak ada: setiap jawaban di atas pilihan terendah didukung bukti yang ada.")
    return lines + [""]


def _gaps(a: Assessment) -> list[str]:
    lines = ["## Yang paling cepat menambah nilai", ""]
    if not a.gaps:
        lines += ["Tidak ada lagi yang dapat menambah nilai.", ""]
    else:
        shown = a.gaps[:GAPS_ON_PAGE]
        cited = any(g.evidence != (g.id,) for g in shown)
        lines += [f"{len(shown)} dari {len(a.gaps)}, diurutkan menurut tambahan poin:", "",
                  "| Kode | Uraian | Tambahan poin | Keterangan |" + (" Bukti yang dibutuhkan |" if cited else ""),
                  "|---|---|---:|---|" + ("---|" if cited else "")]
        for g in shown:
            reason = g.reason + (" (tanpa data dukung)" if g.unsupported else "")
            line = f"| {esc(g.id)} | {esc(g.title)} | {show(round_half_up(g.points, 2))} | {esc(reason)} |"
            lines.append(line + (f" {esc(', '.join(g.evidence) or 'belum ada kode bukti')} |" if cited else ""))
        lines.append("")
    if a.targets:
        lines += ["Target komponen hasil (komponen lain tetap):", ""]
        lines += [f"- {esc(predicate)}: {esc(text)}" for predicate, text in a.targets]
        lines.append("")
    return lines


def _surveys(a: Assessment) -> list[str]:
    if not a.surveys:
        return _warnings(a)
    low, high = a.surveys[0].scale
    lines = ["## Survei", "", f"| Survei | Responden | Indeks ({low}–{high}) | Nilai |", "|---|---:|---:|---:|"]
    for s in a.surveys:
        index = "belum ada" if s.index is None else show(round_half_up(s.index, 2))
        respondents = "" if s.respondents is None else str(s.respondents)
        note = f" (kurang dari {s.minimum})" if s.has_data and (s.respondents or 0) < s.minimum else ""
        score = f"{show(s.score)} / {show(s.weight)}" if s.score is not None and s.weight is not None else ""
        lines.append(f"| {esc(s.name)} | {respondents}{note} | {index} | {score} |")
    lines.append("")
    for s in a.surveys:
        if s.has_data and s.aspects:
            lines += [f"**{esc(s.name)}** — rata-rata per aspek:", ""]
            lines += [f"- {esc(text)}: {'belum dijawab' if mean is None else show(round_half_up(mean, 2))} "
                      f"({answers} jawaban)" for text, mean, answers in s.aspects]
            lines.append("")
    return lines + _warnings(a)


def _warnings(a: Assessment) -> list[str]:
    """What is missing or thin, in the reader's words (the team's reports name files instead)."""
    found = a.reader_warnings
    return ["Peringatan:", ""] + [f"- {esc(w)}" for w in found] + [""] if found else []


def _reviews(a: Assessment) -> list[str]:
    if not a.reviews:
        return []
    lines = ["## Catatan TPI", "", "| Kode | Putusan | Penilai | Tanggal | Catatan |", "|---|---|---|---|---|"]
    for v in a.reviews:
        date = format_date(v.date) if v.date else ""
        lines.append(f"| {esc(v.code)} | {esc(v.verdict)} | {esc(v.reviewer)} | {esc(date)} | {esc(v.note)} |")
    return lines + [""]


def _method(a: Assessment) -> list[str]:
    if not a.method:
        return []
    return (["## Cara menghitung", "", "| Rumus | Sumber |", "|---|---|"]
            + [f"| {esc(rule)} | {esc(source)} |" for rule, source in a.method] + [""])
