"""The bundle's front matter: cover, table of contents with page links, area dividers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from build_tools.bundle.layout import AreaSection
from build_tools.bundle.pages import (
    AUDIENCE_LABELS,
    BOTTOM,
    FAMILY,
    GREY,
    LINE,
    PageWriter,
    TocEntry,
    format_number,
)
from build_tools.check.completeness import Completeness, Status
from build_tools.core.months import format_date
from build_tools.evidence.audience import Audience
from build_tools.plan.structure import Plan


def cover(w: PageWriter, plan: Plan, completeness: Completeness, audience: Audience,
          readiness: Mapping[str, str] | None, *, lke_order: bool = False) -> None:
    """Cover: unit, period, as-of date, completeness and (optional) readiness figures."""
    w.add_page()
    w.ln(25)
    w.text_block("BUNDEL BUKTI FISIK", 12, "B", GREY)
    w.text_block("Zona Integritas menuju WBK/WBBM", 22, "B", height=10)
    w.ln(4)
    w.text_block(plan.unit.name, 14, "B", height=7)
    w.text_block(" — ".join(x for x in (plan.unit.eselon_i, plan.unit.instansi) if x), 11)
    w.ln(8)
    w.field("Periode", plan.period.label())
    w.field("Keadaan per", format_date(completeness.as_of))
    w.field("Untuk", AUDIENCE_LABELS[audience])
    if lke_order:
        w.field("Urutan", "menurut pertanyaan Lembar Kerja Evaluasi (LKE) Zona Integritas")
    if plan.title:
        w.field("Rencana", plan.title)
    w.ln(6)
    w.text_block("Kelengkapan bukti", 12, "B", height=7)
    summary = completeness.summary()
    delivered = sum(s.delivered_share for s in completeness.items)
    share = 100 * delivered / len(completeness.items) if completeness.items else 0.0
    w.field("Kode bukti", f"{summary['total']}")
    for status in Status:
        w.field(status.label.capitalize(), f"{summary[status.value]}")
    w.field("Bukti terkumpul", f"{share:.1f} %".replace(".", ","))
    w.field("Berkas bermasalah", f"{summary['problems']} galat, {summary['warnings']} peringatan")
    if readiness:
        w.ln(6)
        w.text_block("Kesiapan penilaian", 12, "B", height=7)
        for label, value in readiness.items():
            w.field(label, value, width=60)
    w.ln(10)
    if lke_order:
        w.text_block("Susunan: daftar isi; per pertanyaan LKE, dalam urutan lembar kerja, satu halaman "
                     "keterangan (pertanyaan, pilihan, jawaban unit dan TPI, catatan, kode bukti yang "
                     "disebut), lalu bukti dari kode-kode tersebut. Bukti yang disebut beberapa pertanyaan "
                     "ditampilkan di setiap pertanyaan tetapi disimpan sekali. Setiap halaman bukti diberi cap "
                     "pertanyaan, kode bukti dan nomor halaman bundel di marginnya. Jawaban yang tidak "
                     "didukung bukti ditandai “JAWABAN TANPA DATA DUKUNG”.", 9, color=GREY, height=4.5)
        return
    w.text_block("Susunan: daftar isi; per area satu halaman pembatas; per kode bukti satu halaman "
                 "keterangan (komponen, rencana aksi, target waktu, PIC, status, daftar berkas dengan "
                 "SHA-256), lalu buktinya. Setiap halaman bukti diberi cap kode bukti dan nomor halaman "
                 "bundel di marginnya. Bukti yang belum ada ditandai “BELUM TERSEDIA”.", 9, color=GREY,
                 height=4.5)


@dataclass(frozen=True)
class TocLink:
    """Where a contents line was drawn, for a clickable link to its page."""

    page: int
    """0-based page of the front-matter document."""
    rect: tuple[float, float, float, float]
    """x0, y0, x1, y1 in PDF points (origin bottom left)."""
    target: int
    """0-based page of the bundle."""


def table_of_contents(w: PageWriter, entries: list[TocEntry]) -> list[TocLink]:
    """Draw the contents; returns the area of every line, to make it a link."""
    links = []
    pt = 72 / 25.4
    w.add_page()
    w.text_block("Daftar Isi", 16, "B", height=9)
    w.ln(2)
    number_width = 16
    for e in entries:
        indent = (0, 6, 12)[e.level]
        style, size = ("B", 10.5) if e.level == 0 else ("", 9.5 if e.level == 2 else 10)
        if e.level == 0:
            w.ln(2)
        w.set_font(FAMILY, style, size)
        w.set_text_color(0, 0, 0)
        label_width = (w.get_string_width(e.label) + 2) if e.label else 0
        text_width = w.epw - indent - label_width - number_width
        lines = w.multi_cell(text_width, LINE - 0.4, e.title, align="L", dry_run=True, output="LINES")
        if w.get_y() + len(lines) * (LINE - 0.4) > w.h - BOTTOM:
            w.add_page()
        y = w.get_y()
        w.set_x(w.l_margin + indent)
        if e.label:
            w.cell(label_width, LINE - 0.4, e.label)
        w.multi_cell(text_width, LINE - 0.4, e.title, align="L", new_x="RIGHT", new_y="TOP")
        end_y = y + len(lines) * (LINE - 0.4)
        w.set_xy(w.w - w.r_margin - number_width, end_y - (LINE - 0.4))
        w.cell(number_width, LINE - 0.4, str(e.page), align="R")
        w.set_xy(w.l_margin, end_y)
        x0, x1 = (w.l_margin + indent) * pt, (w.w - w.r_margin) * pt
        links.append(TocLink(w.page_no() - 1, (x0, (w.h - end_y) * pt, x1, (w.h - y) * pt), e.page - 1))
    return links


def area_divider(w: PageWriter, section: AreaSection) -> None:
    area = section.area
    w.add_page()
    w.ln(60)
    kind = "Komponen pengungkit" if area.kind == "pengungkit" else "Komponen hasil"
    w.text_block(f"{kind} · bobot {format_number(area.weight)}", 11, "B", GREY)
    w.text_block(f"Area {area.id}", 28, "B", height=13)
    w.text_block(area.name, 18, "B", height=9)
    w.ln(6)
    for comp in section.components:
        w.text_block(f"{comp.component_id}  {comp.component.name}", 10, indent=2)
    if area.targets:
        w.ln(6)
        w.text_block("Target", 11, "B", height=6)
        for target in area.targets:
            w.text_block(f"• {target}", 9.5, indent=2, height=4.8)
