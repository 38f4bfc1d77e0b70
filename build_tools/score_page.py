"""The *Penilaian* page of the site: Markdown with inline SVG, no JavaScript.

``render_score_page(readiness)`` is a pure function returning the page's
Markdown: total and per-area scores against their weights as bars, the
WBK/WBBM checklists, the gap list, the survey indices with respondent counts,
a monthly chart of planned vs delivered evidence, the TPI's notes and the
formulas. Every text taken from an input is escaped, for HTML and for
Markdown. Each SVG sits on one line inside a ``<div>``, so Markdown passes it
through as a raw HTML block.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from build_tools.months import format_date
from build_tools.readiness import (
    GAP_TOP,
    AreaScore,
    MonthPoint,
    Readiness,
    round_half_up,
)
from build_tools.score_report import (
    PREDICATE_NAMES,
    actual_text,
    required_text,
    show,
    target_text,
)

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
            "|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",
            "#": "&#35;", "\\": "&#92;"}
COLOR_SCORE = "#2e7d32"
COLOR_PLAN = "#1565c0"
COLOR_TRACK = "#e0e0e0"
COLOR_FAIL = "#c62828"


def show_weight(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def esc(text: object) -> str:
    """Escape for HTML and Markdown (tables, emphasis, links)."""
    return "".join(_ESCAPES.get(ch, ch) for ch in str(text))


def svg_esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_score_page(r: Readiness) -> str:
    """The page for the plan's model (an LKE assessment gets the LKE page)."""
    from build_tools.lke_report import LkeAssessment

    if isinstance(r, LkeAssessment):
        from build_tools.lke_score_page import render_lke_score_page

        return render_lke_score_page(r)
    lines = [
        "# Penilaian",
        "",
        f"Perkiraan nilai Zona Integritas {esc(r.plan.unit.name)} per tanggal "
        f"{esc(format_date(r.as_of))}, dihitung dari bukti di `evidence/`, hasil survei dan data "
        f"penilaian menurut model {esc(r.model.id)} ({esc(r.model.legal_basis)}). "
        "Ini penilaian mandiri, bukan hasil evaluasi TPI/TPN.",
        "",
        "| | Nilai | Bobot |",
        "|---|---:|---:|",
        f"| **Nilai total** | **{show(r.total)}** | {show(100.0)} |",
        f"| Pengungkit (bukti saat ini) | {show(r.lever)} | {show(r.plan.lever_weight)} |",
        f"| Pengungkit yang dijanjikan rencana sampai tanggal ini | {show(r.lever_planned)} | "
        f"{show(r.plan.lever_weight)} |",
        f"| Hasil | {show(r.result)} | {show(r.plan.result_weight)} |",
        "",
        bars_svg(summary_bars(r), "Nilai total, pengungkit dan hasil terhadap bobotnya"),
        "",
        "## Nilai per area",
        "",
        bars_svg(area_bars(r.areas), "Nilai per area terhadap bobot"),
        "",
        "Batang hijau: nilai saat ini; garis biru: nilai yang dijanjikan rencana sampai tanggal ini; "
        "abu-abu: bobot area.",
        "",
    ]
    lines += _checklists(r)
    lines += _gaps(r)
    lines += _surveys(r)
    lines += [
        "## Bukti direncanakan dan diserahkan per bulan",
        "",
        timeline_svg(r.timeline, r.plan.lever_weight),
        "",
        "Kumulatif poin pengungkit: biru = direncanakan sampai akhir bulan, hijau = sudah ada buktinya. "
        "Bukti sekali-serah dihitung pada bulan terakhir target waktunya; bukti bulanan per bulan.",
        "",
    ]
    lines += _reviews(r)
    lines += _formulas(r)
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    id: str
    label: str
    score: float
    weight: float
    planned: float | None = None


def summary_bars(r: Readiness) -> list[Bar]:
    return [Bar("total", "Nilai total", r.total, 100.0),
            Bar("pengungkit", "Pengungkit", r.lever, r.plan.lever_weight, r.lever_planned),
            Bar("hasil", "Hasil", r.result, r.plan.result_weight)]


def area_bars(areas: tuple[AreaScore, ...]) -> list[Bar]:
    return [Bar(a.id, f"{a.id} {a.area.name}", a.score, a.weight, a.planned) for a in areas]


def bars_svg(bars: list[Bar], label: str) -> str:
    """Horizontal bars: track = weight, fill = score, blue tick = planned."""
    row_h, label_w, bar_w = 28, 330, 300
    scale = bar_w / max((b.weight for b in bars), default=1)
    height = row_h * len(bars) + 10
    width = label_w + bar_w + 110
    parts = [f'<div class="zi-chart"><svg xmlns="http://www.w3.org/2000/svg" class="zi-bars" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{svg_esc(label)}">']
    for n, b in enumerate(bars):
        y = 5 + n * row_h
        name = b.label if len(b.label) <= 48 else b.label[:46] + "…"
        parts.append(f'<g class="bar" data-id="{svg_esc(b.id)}" data-score="{b.score}" data-weight="{b.weight}">'
                     f'<title>{svg_esc(b.label)}: {show(b.score)} dari {show(b.weight)}</title>'
                     f'<text x="0" y="{y + 17}" font-size="12">{svg_esc(name)}</text>'
                     f'<rect class="track" x="{label_w}" y="{y + 4}" width="{b.weight * scale:.1f}" height="16" '
                     f'fill="{COLOR_TRACK}"/>'
                     f'<rect class="score" x="{label_w}" y="{y + 4}" width="{b.score * scale:.1f}" height="16" '
                     f'fill="{COLOR_SCORE}"/>')
        if b.planned is not None:
            x = label_w + b.planned * scale
            parts.append(f'<line class="planned" x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 24}" '
                         f'stroke="{COLOR_PLAN}" stroke-width="2"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 17}" font-size="12">'
                     f'{show(b.score)} / {show(b.weight)}</text></g>')
    parts.append("</svg></div>")
    return "".join(parts)


def timeline_svg(points: tuple[MonthPoint, ...], maximum: float) -> str:
    """Cumulative planned vs delivered lever points, one column per month."""
    col_w, plot_h, left, top = 48, 180, 40, 10
    width = left + col_w * max(len(points), 1) + 10
    height = top + plot_h + 40
    maximum = maximum or 1

    def y(value: float) -> float:
        return top + plot_h - value / maximum * plot_h

    parts = [f'<div class="zi-chart"><svg xmlns="http://www.w3.org/2000/svg" class="zi-timeline" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" '
             'aria-label="Poin pengungkit direncanakan dan diserahkan per bulan">',
             f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#999"/>',
             f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#999"/>',
             f'<text x="2" y="{top + 10}" font-size="10">{round_half_up(maximum, 0):g}</text>',
             f'<text x="2" y="{top + plot_h}" font-size="10">0</text>']
    for n, p in enumerate(points):
        x = left + n * col_w + 6
        parts.append(
            f'<g class="month" data-month="{p.month.iso()}" data-planned="{p.planned}" data-delivered="{p.delivered}">'
            f'<title>{svg_esc(p.month.label())}: direncanakan {show(p.planned)}, diserahkan {show(p.delivered)}</title>'
            f'<rect class="planned" x="{x}" y="{y(p.planned):.1f}" width="16" '
            f'height="{top + plot_h - y(p.planned):.1f}" fill="{COLOR_PLAN}"/>'
            f'<rect class="delivered" x="{x + 18}" y="{y(p.delivered):.1f}" width="16" '
            f'height="{top + plot_h - y(p.delivered):.1f}" fill="{COLOR_SCORE}"/>'
            f'<text x="{x}" y="{top + plot_h + 14}" font-size="10">{svg_esc(p.month.label()[:3])}</text>'
            f'<text x="{x}" y="{top + plot_h + 26}" font-size="9">{p.month.year}</text></g>')
    parts.append("</svg></div>")
    return "".join(parts)


def _checklists(r: Readiness) -> list[str]:
    lines = []
    for predicate, res in r.predicates.items():
        verdict = "memenuhi syarat" if res.eligible else "belum memenuhi syarat"
        lines += [f"## Syarat {esc(PREDICATE_NAMES.get(predicate, predicate))}: {verdict}", "",
                  "| | Syarat | Dibutuhkan | Capaian | Kekurangan | Sumber |",
                  "|---|---|---:|---:|---:|---|"]
        for c in res.conditions:
            mark = "✓" if c.passed else "✗"
            shortfall = show(c.shortfall) if c.shortfall else ""
            source = "pedoman" if c.condition.source == "pedoman" else "pilihan alat"
            lines.append(f"| {mark} | {esc(c.condition.label)} | {esc(required_text(c))} | "
                         f"{esc(actual_text(c))} | {esc(shortfall)} | {source} |")
        requirements = r.plan.requirements.get(predicate)
        if requirements and requirements.unit:
            lines += ["", "Syarat unit kerja menurut pedoman (yang bukan angka dinilai TPI, tidak oleh alat ini):", ""]
            lines += [f"- {esc(text)}" for text in requirements.unit]
        lines.append("")
    return lines


def _gaps(r: Readiness) -> list[str]:
    lines = ["## Yang paling cepat menutup selisih", ""]
    if not r.gaps:
        lines += ["Semua bukti pengungkit sudah lengkap dan tidak ada yang ditolak.", ""]
    else:
        lines += [f"{min(GAP_TOP, len(r.gaps))} dari {len(r.gaps)} bukti yang belum lengkap atau ditolak, "
                  "diurutkan menurut tambahan poin:", "",
                  "| Kode | Bukti | Tambahan poin | Keterangan |", "|---|---|---:|---|"]
        for i in r.gaps[:GAP_TOP]:
            lines.append(f"| {esc(i.item.code)} | {esc(i.item.title)} | {show(round_half_up(i.gain, 2))} | "
                         f"{esc(i.reason)} |")
        lines.append("")
    if r.targets:
        lines += ["Target komponen hasil (komponen lain tetap):", ""]
        lines += [f"- {esc(t.predicate.upper())}: {esc(target_text(t))}" for t in r.targets]
        lines.append("")
    return lines


def _surveys(r: Readiness) -> list[str]:
    minimum = r.model.sample_minimum.count
    lines = ["## Survei", "", "| Survei | Responden | Indeks (1–4) | Nilai |", "|---|---:|---:|---:|"]
    for s in r.surveys.values():
        sub = next((x for a in r.result_areas for x in a.subs if x.survey is s), None)
        index = "belum ada" if s.index is None else show(round_half_up(s.index, 2))
        note = f" (kurang dari {minimum})" if s.files and s.respondents < minimum else ""
        score = f"{show(sub.score)} / {show(sub.sub.weight)}" if sub else ""
        lines.append(f"| {esc(s.survey.name)} | {s.respondents}{note} | {index} | {score} |")
    lines.append("")
    for s in r.surveys.values():
        if s.files:
            lines += [f"**{esc(s.survey.name)}** — rata-rata per aspek:", ""]
            lines += [f"- {esc(a.text)}: {'belum dijawab' if a.mean is None else show(round_half_up(a.mean, 2))} "
                      f"({a.answers} jawaban)" for a in s.aspects]
            lines.append("")
    if r.warnings:
        lines += ["Peringatan:", ""] + [f"- {esc(w)}" for w in r.warnings] + [""]
    return lines


def _reviews(r: Readiness) -> list[str]:
    reviews = r.reviews.in_order()
    if not reviews:
        return []
    lines = ["## Catatan TPI", "", "| Kode | Putusan | Penilai | Tanggal | Catatan |", "|---|---|---|---|---|"]
    for v in reviews:
        date = format_date(v.date) if v.date else ""
        lines.append(f"| {esc(v.code)} | {esc(v.verdict.label)} | {esc(v.reviewer)} | {esc(date)} | "
                     f"{esc(v.note)} |")
    return lines + [""]


def _formulas(r: Readiness) -> list[str]:
    m = r.model
    sample = m.sample_minimum
    surveys = ", ".join(f"{s.name} {show_weight(s.weight)}" for s in m.sub_components if s.kind == "survei")
    tlhp = ", ".join(show_weight(s.weight) for s in m.sub_components if s.kind == "tlhp")
    parts = ", ".join(f"{p.id} {show_weight(p.weight)}" for p in m.parts)
    areas = ", ".join(f"{a.id} {show_weight(a.weight)}" for a in m.areas)
    return [
        "## Cara menghitung",
        "",
        "| Rumus | Sumber |",
        "|---|---|",
        f"| Bobot {esc(parts)}; bobot area {esc(areas)} | pedoman (model {esc(m.id)}) |",
        "| Bobot komponen dibagi rata di dalam area, bobot bukti dibagi rata di dalam komponen "
        "(kecuali `bobot` ditulis di plan.yaml) | pilihan alat |",
        "| Nilai bukti = bobot × bagian yang diserahkan: 1 bila ada berkas, 0 bila tidak; "
        "bukti bulanan: bulan yang ada ÷ seluruh bulan target waktunya | pilihan alat |",
        "| Bukti yang ditolak TPI (`ditolak` di reviews.yaml) bernilai 0 | pilihan alat |",
        "| Nilai yang dijanjikan rencana: bukti yang sudah jatuh tempo (bukti bulanan: bulan yang sudah "
        "lewat ÷ seluruh bulan) | pilihan alat |",
        f"| Indeks survei = rata-rata dari rata-rata tiap aspek (skala {m.scale_min}–{m.scale_max}, "
        "jawaban kosong tidak dihitung) | pilihan alat |",
        f"| Nilai survei = indeks ÷ {m.scale_max} × bobot ({esc(surveys)}) | pedoman |",
        f"| Nilai TLHP = temuan ditindaklanjuti ÷ jumlah temuan × {esc(tlhp)} (tanpa temuan = {esc(tlhp)}) | "
        "pedoman (tanpa temuan: pilihan alat) |",
        f"| Sampel minimal {sample.count} responden (di bawahnya peringatan) | "
        f"{'pedoman' if sample.source == 'pedoman' else 'pilihan alat'}: {esc(sample.note)} |",
        f"| Nilai area dibulatkan {m.decimals} desimal (setengah ke atas); nilai bagian dan total = jumlah nilai "
        "area; syarat dibandingkan pada angka yang sudah dibulatkan | pilihan alat |",
        "| Syarat WBK/WBBM dan ambangnya: tabel syarat di atas (sumber tiap syarat di kolom Sumber) | "
        f"model {esc(m.id)} |",
        "",
    ]
