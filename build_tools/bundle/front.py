"""The bundle's front matter: cover, table of contents with page links, area dividers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from build_tools.bundle.layout import AreaSection
from build_tools.bundle.pages import (
    AUDIENCE_LABELS,
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
          readiness: Mapping[str, str] | None, *, lke_order: bool = False,
          notes: Mapping[str, str] | None = None) -> None:
    """Cover: unit, period, as-of date, completeness, (optional) readiness figures and what the bundle changed."""
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
    if notes:
        w.ln(4)
        w.text_block("Catatan penyusunan (rincian di keluaran perintah bundle)", 10, "B", GREY, height=6)
        for label, value in notes.items():
            w.field(label, value, width=75)
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


STATUS_COLORS = {"lengkap": (30, 110, 50), "sebagian": (170, 30, 30), "terlambat": (170, 30, 30)}


def table_of_contents(w: PageWriter, entries: list[TocEntry]) -> list[TocLink]:
    """Draw the contents (status and page of every entry); returns the area of every line, to make it a link."""
    links = []
    pt = 72 / 25.4
    height = LINE - 0.4
    number_width, status_width = 16, 34
    w.add_page()
    w.text_block("Daftar Isi", 16, "B", height=9)
    w.continuation = "Daftar Isi (lanjutan)"
    w.ln(2)
    for e in entries:
        indent = (0, 6, 12)[e.level]
        style, size = ("B", 10.5) if e.level == 0 else ("", 9.5 if e.level == 2 else 10)
        if e.level == 0:
            w.ln(2)
        w.set_font(style, size)
        label_width = (w.get_string_width(e.label) + 2) if e.label else 0
        text_width = w.epw - indent - label_width - number_width - (status_width if e.status else 0)
        lines = w.wrap(e.title, text_width)
        w.need(len(lines) * height)
        w.set_font(style, size)
        w.set_text_color(0, 0, 0)
        y, x = w.get_y(), w.l_margin + indent
        if e.label:
            w.text_line(x, y, height, e.label)
        for n, line in enumerate(lines):
            w.text_line(x + label_width, y + n * height, height, line)
        end_y = y + len(lines) * height
        right = w.w - w.r_margin
        if e.status:
            w.set_font("", 8)
            w.set_text_color(*STATUS_COLORS.get(e.status.split(",")[0], GREY))
            w.text_line(right - number_width - status_width, end_y - height, height, e.status,
                        width=status_width, align="R")
            w.set_font(style, size)
            w.set_text_color(0, 0, 0)
        w.text_line(right - number_width, end_y - height, height, str(e.page), width=number_width, align="R")
        w.set_xy(w.l_margin, end_y)
        links.append(TocLink(w.page_no() - 1, (x * pt, (w.h - end_y) * pt, right * pt, (w.h - y) * pt),
                             e.page - 1))
    w.continuation = None
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
