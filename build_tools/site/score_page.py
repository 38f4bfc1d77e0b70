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

from build_tools.assess.readiness import (
    GAP_TOP,
    AreaScore,
    Readiness,
    round_half_up,
)
from build_tools.core.months import format_date
from build_tools.reports.score import (
    PREDICATE_NAMES,
    actual_text,
    required_text,
    show,
    target_text,
)
from build_tools.site.charts import Bar, bars_svg, esc, show_weight, timeline_svg
from build_tools.site.wording import reader_warnings


def render_score_page(r: Readiness) -> str:
    """The page for the plan's model (an LKE assessment gets the LKE page)."""
    from build_tools.assess.lke_report import LkeAssessment

    if isinstance(r, LkeAssessment):
        from build_tools.site.lke_score_page import render_lke_score_page

        return render_lke_score_page(r)
    lines = [
        "# Penilaian",
        "",
        f"Perkiraan nilai Zona Integritas {esc(r.plan.unit.name)} per tanggal "
        f"{esc(format_date(r.as_of))}, dihitung dari bukti yang terkumpul, hasil survei dan data "
        f"penilaian menurut model {esc(r.model.id)} ({esc(r.model.legal_basis)}). "
        "Ini penilaian mandiri, bukan hasil evaluasi TPI/TPN.",
        "",
        "| Bagian | Nilai | Bobot |",
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


def summary_bars(r: Readiness) -> list[Bar]:
    return [Bar("total", "Nilai total", r.total, 100.0),
            Bar("pengungkit", "Pengungkit", r.lever, r.plan.lever_weight, r.lever_planned),
            Bar("hasil", "Hasil", r.result, r.plan.result_weight)]


def area_bars(areas: tuple[AreaScore, ...]) -> list[Bar]:
    return [Bar(a.id, f"{a.id} {a.area.name}", a.score, a.weight, a.planned) for a in areas]


def _checklists(r: Readiness) -> list[str]:
    lines = []
    for predicate, res in r.predicates.items():
        verdict = "memenuhi syarat" if res.eligible else "belum memenuhi syarat"
        lines += [f"## Syarat {esc(PREDICATE_NAMES.get(predicate, predicate))}: {verdict}", "",
                  "| Terpenuhi | Syarat | Dibutuhkan | Capaian | Kekurangan | Sumber |",
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
    if reader_warnings(r):
        lines += ["Peringatan:", ""] + [f"- {esc(w)}" for w in reader_warnings(r)] + [""]
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
        "(kecuali bobotnya ditetapkan dalam rencana) | pilihan alat |",
        "| Nilai bukti = bobot × bagian yang diserahkan: 1 bila ada berkas, 0 bila tidak; "
        "bukti bulanan: bulan yang ada ÷ seluruh bulan target waktunya | pilihan alat |",
        "| Bukti yang ditolak TPI bernilai 0 | pilihan alat |",
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
