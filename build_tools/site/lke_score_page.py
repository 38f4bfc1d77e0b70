"""The *Penilaian* page of the site for an LKE-model plan (Markdown, inline SVG).

``render_lke_score_page(assessment)`` is a pure function: the total, the parts
and the six lever areas (pemenuhan + reform) against their weights, the
WBK/WBBM conditions, the *jawaban tanpa data dukung* and the answers whose
improvement adds most points. Texts from inputs are escaped like the 2019
page (:func:`build_tools.site.score_page.esc`).
"""

from __future__ import annotations

from build_tools.assess.lke_evidence import REASONS
from build_tools.assess.lke_report import LkeAssessment, num
from build_tools.core.months import format_date
from build_tools.site.charts import Bar, bars_svg, esc

GAPS_ON_PAGE = 15


def render_lke_score_page(a: LkeAssessment) -> str:
    model, unit = a.model, a.unit
    lever, result = unit.node(model.lever_part.id), unit.node(model.result_part.id)
    blanks = ("dilewati dalam rata-rata, seperti lembar kerja resmi" if unit.like_worksheet
              else "dihitung 0")
    lines = [
        "# Penilaian",
        "",
        f"Penilaian mandiri LKE Zona Integritas {esc(a.plan.unit.name)} per tanggal "
        f"{esc(format_date(a.as_of))}, dihitung dari jawaban penilaian mandiri unit menurut "
        f"model {esc(model.id)} ({esc(model.legal_basis[0])}). Pertanyaan yang belum dijawab {blanks}. "
        "Ini penilaian mandiri, bukan hasil evaluasi TPI/TPN.",
        "",
        "| Bagian | Nilai | Bobot |",
        "|---|---:|---:|",
        f"| **Nilai total** | **{num(unit.total)}** | {num(model.total_weight)} |",
        f"| Pengungkit | {num(lever.points)} | {num(lever.weight)} |",
        f"| Hasil | {num(result.points)} | {num(result.weight)} |",
        "",
        bars_svg([Bar("total", "Nilai total", unit.total, model.total_weight),
                  Bar("pengungkit", "Pengungkit", lever.points, lever.weight),
                  Bar("hasil", "Hasil", result.points, result.weight)],
                 "Nilai total, pengungkit dan hasil terhadap bobotnya"),
        "",
        "## Nilai per area (pemenuhan + reform)",
        "",
        bars_svg([Bar(n.id, n.name, n.points, n.weight) for n in unit.lever_areas],
                 "Nilai per area terhadap bobot"),
        "",
    ]
    for p in unit.predicates:
        verdict = "memenuhi syarat" if p.eligible else "belum memenuhi syarat"
        lines += [f"## Syarat {esc(p.name)}: {verdict}", "",
                  "| Terpenuhi | Syarat | Dibutuhkan | Capaian | Kekurangan |", "|---|---|---:|---:|---:|"]
        for c in p.conditions:
            digits = 0 if c.unit == "responden" else 2
            lines.append(f"| {'✓' if c.passed else '✗'} | {esc(c.label)} | ≥ {num(c.required, digits)} | "
                         f"{num(c.actual, digits)} | {num(c.shortfall, digits) if not c.passed else ''} |")
        lines += ["", "Persyaratan pengusulan (data yang dinyatakan unit):", ""]
        lines += [f"- {esc(c.text)}: {esc(c.required)}; "
                  f"{esc(c.declared) if c.declared is not None else 'belum dinyatakan'}" for c in p.criteria]
        lines.append("")
    lines += ["## Jawaban tanpa data dukung", ""]
    if a.unsupported:
        lines += ["| Pertanyaan | Jawaban | Masalah | Kode bukti |", "|---|---|---|---|"]
        lines += [f"| {esc(u.question_id)} | {esc(u.answer)} | {esc(REASONS[u.reason])} | "
                  f"{esc(', '.join(u.codes))} |" for u in a.unsupported]
    else:
        lines.append("Tidak ada: setiap jawaban di atas pilihan terendah didukung bukti yang ada.")
    lines += ["", "## Peluang kenaikan nilai terbesar", ""]
    if unit.gaps:
        lines += ["| Pertanyaan | Jawaban | Terbaik | Tambahan nilai | Kode bukti |", "|---|---|---|---:|---|"]
        lines += [f"| {esc(g.id)} {esc(g.text[:80])} | {esc(g.answer or 'kosong')} | {esc(g.best)} | "
                  f"{num(g.gain)} | {esc(', '.join(g.evidence))} |" for g in unit.gaps[:GAPS_ON_PAGE]]
    else:
        lines.append("Semua jawaban sudah pada pilihan terbaik.")
    return "\n".join(lines).rstrip("\n") + "\n"
