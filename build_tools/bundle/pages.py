"""Pages the bundle writes itself, in DejaVu Sans (see :mod:`build_tools.bundle.writer`).

Front matter (cover, table of contents) and the body's own pages (area
dividers, evidence-code separators, placeholders). Every function adds pages
to a :class:`PageWriter` and returns nothing; the caller reads page numbers
before and after. All text is Bahasa Indonesia. The bottom 20 mm of every
page stays empty: the bundle's stamp goes there.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.bundle.layout import BROKEN_KINDS, CodeSection, Part
from build_tools.bundle.lke import AreaGroup, IndicatorGroup, QuestionSection
from build_tools.bundle.writer import PageWriter
from build_tools.core.months import format_date
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EvidenceFile

MARGIN = 20  # mm
BOTTOM = 20  # mm kept free for the stamp
LINE = 5.2
GREY = (90, 90, 90)
RED = (170, 30, 30)
AUDIENCE_LABELS = {
    Audience.PUBLIC: "Publik (berkas terbatas diganti halaman pengganti)",
    Audience.REVIEWER: "Penilai (lengkap, termasuk berkas terbatas)",
}
FAMILY_LABELS = {"pdf": "PDF", "image": "gambar", "office": "dokumen kantor"}


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents."""

    level: int
    """0 area, 1 component, 2 evidence code."""
    label: str
    title: str
    page: int
    """1-based page number in the bundle."""
    status: str = ""
    """What the entry holds (an evidence code's status: lengkap, sebagian, terlambat, …); empty: nothing shown."""


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Body pages
# ---------------------------------------------------------------------------


def separator(w: PageWriter, section: CodeSection, audience: Audience) -> None:
    """The page before a code's evidence: what it is, when it is due, what is inside."""
    item, status = section.item, section.status
    w.add_page()
    w.continuation = f"{item.code} {item.title} (lanjutan)"
    w.text_block(f"Area {item.area_id} · Komponen {section.component_id} {section.component.name}",
                 9.5, "B", GREY, height=5)
    w.ln(2)
    w.text_block(item.code, 24, "B", height=11)
    w.text_block(item.title, 15, "B", height=7.5)
    w.ln(3)
    w.rule()
    actions = "\n".join(f"{a.letter}. {a.text}" for a in section.component.actions)
    w.field("Rencana aksi", actions or "—")
    w.field("Target waktu", f"{item.window_text or item.window.label()} (jatuh tempo "
                            f"{format_date(item.due)})")
    w.field("PIC", item.pic or "—")
    freq = "bulanan (satu berkas per bulan)" if item.recurring else "sekali"
    w.field("Frekuensi", freq)
    w.field("Status", status.status.label)
    if status.months_missing:
        w.field("Bulan kurang", ", ".join(m.label() for m in status.months_missing))
    w.ln(3)
    w.rule()
    w.text_block("Berkas", 11, "B", height=6)
    shown = section.parts
    if not status.files and not any(p.problem for p in shown):
        w.text_block("Belum ada berkas.", 10, color=RED)
    number = 0
    for part in shown:
        if part.file is not None:
            number += 1
            _file_line(w, number, part.file)
        elif part.hidden:
            pages = sum(f.pages or 0 for f in part.hidden)
            w.text_block(f"{len(part.hidden)} berkas terbatas ({pages} halaman): tersedia untuk penilai",
                         10, "B", GREY)
        elif part.problem is not None:
            name = part.problem.path.rsplit("/", 1)[-1] if audience is Audience.REVIEWER else "1 berkas"
            w.text_block(f"{name}: tidak dapat dimuat ({part.problem.message})", 10, color=RED)
    problems = [p for p in status.problems if p.kind not in BROKEN_KINDS]
    if problems and audience is Audience.REVIEWER:
        w.ln(2)
        w.text_block("Catatan pemeriksaan", 10, "B", height=6)
        for p in problems:
            w.text_block(f"• {p.path.rsplit('/', 1)[-1]}: {p.message}", 9, color=GREY, height=4.5)
    elif problems:
        w.ln(2)
        w.text_block(f"Catatan pemeriksaan: {len(problems)} masalah pada berkas kode ini.", 9, color=GREY)
    w.continuation = None


def question_separator(w: PageWriter, area: AreaGroup, indicator: IndicatorGroup, q: QuestionSection,
                       audience: Audience) -> None:
    """The page before a question's evidence: the question, the answers and the cited codes."""
    w.add_page()
    w.continuation = f"{q.id} (lanjutan)"
    w.text_block(f"{area.id} {area.name} · {indicator.id} {indicator.name}", 9.5, "B", GREY, height=5)
    w.ln(2)
    w.text_block(q.id, 24, "B", height=11)
    w.text_block(q.text, 12.5, "B", height=6.5)
    w.ln(3)
    w.rule()
    w.field("Pilihan jawaban", q.choices)
    for line in q.explanation:
        w.text_block(line, 8.5, color=GREY, indent=45, height=4.2)
    w.field("Jawaban unit", f"{q.answer} (nilai {_value(q.value)})" if q.answer else "belum dijawab")
    if q.tpi_answer is not None:
        w.field("Jawaban TPI", f"{q.tpi_answer} (nilai {_value(q.tpi_value)})" if q.tpi_answer else "kosong")
    if q.note:
        w.field("Catatan", q.note)
    w.ln(3)
    w.rule()
    w.text_block("Data dukung", 11, "B", height=6)
    if not q.codes:
        w.text_block("Tidak ada kode bukti yang disebut untuk jawaban ini: tidak ada halaman bukti.", 10,
                     "B", RED)
    for section in q.codes:
        status = section.status
        shown = [p.file for p in section.parts if p.file is not None]
        hidden = sum(len(p.hidden) for p in section.parts)
        pages = sum(f.pages or 0 for f in shown)
        detail = f"{len(shown)} berkas ({pages} hlm.)" if shown else "belum ada berkas"
        if hidden:
            detail += f"; {hidden} berkas terbatas: tersedia untuk penilai"
        w.text_block(f"{section.code}  {section.item.title}", 10, "B", height=5)
        w.text_block(f"{status.status.label} · {detail}", 9, color=RED if not status.files else GREY,
                     indent=5, height=4.5)
    if q.unsupported:
        w.ln(3)
        codes = f" ({', '.join(q.unsupported_codes)})" if q.unsupported_codes else ""
        w.text_block(f"JAWABAN TANPA DATA DUKUNG: {q.reason}{codes}.", 11, "B", RED, height=6)
    w.continuation = None


def _value(value: float | None) -> str:
    return "–" if value is None else format_number(value)


def _file_line(w: PageWriter, number: int, f: EvidenceFile) -> None:
    pages = f"{f.pages} hlm." if f.pages else "jumlah halaman setelah konversi"
    month = f" · bulan {f.month.label()}" if f.month else ""
    extra = " · diperbaiki saat dibaca" if f.repaired else ""
    w.text_block(f"{number}. {f.name}", 10, "B", height=5)
    w.text_block(f"{f.type} ({FAMILY_LABELS.get(f.family, f.family)}) · {pages} · {_size(f.size)}"
                 f"{month}{extra}", 8.5, color=GREY, indent=5, height=4.2)
    w.text_block(f"SHA-256 {f.sha256}", 7.5, color=GREY, indent=5, height=4.2)


def missing_page(w: PageWriter, section: CodeSection, part: Part) -> None:
    item = section.item
    w.add_page()
    w.ln(55)
    w.text_block("BELUM TERSEDIA", 30, "B", RED, height=14)
    w.text_block(f"{item.code} {item.title}", 13, "B", height=7)
    w.ln(4)
    if part.months:
        w.text_block("Bulan yang belum ada berkasnya:", 11)
        for m in part.months:
            w.text_block(f"• {m.label()} — jatuh tempo {format_date(m.last_day())}", 11, indent=3)
    else:
        w.text_block(f"Jatuh tempo: {format_date(item.due)} (target waktu {item.window_text or item.window.label()})", 11)
    w.text_block(f"PIC: {item.pic or '—'}", 11)


def restricted_page(w: PageWriter, section: CodeSection, part: Part) -> None:
    item = section.item
    pages = sum(f.pages or 0 for f in part.hidden)
    w.add_page()
    w.ln(55)
    w.text_block("TERSEDIA UNTUK PENILAI", 24, "B", GREY, height=12)
    w.text_block(f"{item.code} {item.title}", 13, "B", height=7)
    w.ln(4)
    w.text_block(f"Bukti ini memuat data pribadi atau rahasia ({len(part.hidden)} berkas, {pages} halaman) "
                 "dan tersedia untuk penilai dalam bundel penilai.", 11)


def broken_page(w: PageWriter, section: CodeSection, part: Part, audience: Audience) -> None:
    item = section.item
    problem = part.problem
    w.add_page()
    w.ln(55)
    w.text_block("BERKAS TIDAK DAPAT DIMUAT", 22, "B", RED, height=11)
    w.text_block(f"{item.code} {item.title}", 13, "B", height=7)
    w.ln(4)
    if audience is Audience.REVIEWER:
        w.text_block(f"Berkas: {problem.path.rsplit('/', 1)[-1]}", 11)
    w.text_block(f"Alasan: {problem.message}", 11)
    if problem.hint:
        w.text_block(f"Yang perlu dilakukan: {problem.hint}", 11)


def office_page(w: PageWriter, section: CodeSection, f: EvidenceFile, attached: bool) -> None:
    w.add_page()
    w.ln(55)
    w.text_block("DOKUMEN KANTOR TERLAMPIR", 20, "B", GREY, height=10)
    w.text_block(f"{section.item.code} {section.item.title}", 13, "B", height=7)
    w.ln(4)
    w.text_block(f"Berkas: {f.name} ({f.type}, {_size(f.size)})", 11)
    w.text_block(f"SHA-256 {f.sha256}", 8.5, color=GREY)
    w.ln(3)
    note = ("LibreOffice tidak terpasang pada mesin penyusun, sehingga dokumen ini tidak diubah menjadi "
            "halaman PDF. ")
    if attached:
        note += ("Berkas aslinya dilampirkan di dalam PDF ini: buka panel lampiran (ikon penjepit kertas) "
                 "pada penampil PDF.")
    w.text_block(note, 11)


def format_number(value: float) -> str:
    return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


