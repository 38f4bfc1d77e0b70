"""The bundled evidence PDF: one navigable, deterministic, safe document.

    layout = plan_layout(plan, completeness, audience)   # what goes where (pure)
    sources = open every evidence file once per SHA-256 (PDF, image, office)
    body    = render dividers, separators and placeholders (fpdf2)
    front   = render cover and contents with the real page numbers
    bundle  = assemble pages (pikepdf), clean active content, stamp,
              bookmarks, page labels, fixed metadata, deterministic ID

The merge engine is pikepdf (qpdf's library): measured by
``benchmarks/bench_bundle.py`` against pypdf (see README). The output carries
a fingerprint of all its inputs; when it matches, the build is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pikepdf
from pikepdf import Name

from build_tools.bundle import front as front_pages
from build_tools.bundle import pages, seal
from build_tools.bundle.chunks import Chunk, Mark
from build_tools.bundle.fingerprint import (
    FINGERPRINT_KEY,
    input_fingerprint,
    set_document_id,
    stored_pages,
)
from build_tools.bundle.fonts import find_fonts
from build_tools.bundle.layout import BundleLayout, Part, PartKind, plan_layout
from build_tools.bundle.lke import LkeLayout, lke_layout
from build_tools.bundle.options import ORDERS, BundleOptions
from build_tools.bundle.pagetree import PageTree, raise_nofile_limit
from build_tools.bundle.report import BundleReport
from build_tools.bundle.safety import clean_page
from build_tools.bundle.sources import SourceError, Sources
from build_tools.bundle.stamp import stamp_font, stamp_page
from build_tools.check.project import Project
from build_tools.core import atomic
from build_tools.core.errors import InputError, Issue, Location, OutputError, UsageError
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EVIDENCE_DIR, EvidenceFile, Problem
from build_tools.integrity.manifest import build_manifest
from build_tools.integrity.pdfmarks import SignatureBox, seal_pdf

Progress = Callable[[int, int], None]


def build_bundle(project: Project, out: Path, options: BundleOptions = BundleOptions(),
                 progress: Progress | None = None) -> BundleReport:
    """Write the bundle of ``project`` to ``out`` (skipped when its inputs are unchanged)."""
    out = Path(out)
    evidence = (Path(project.root) / EVIDENCE_DIR).resolve()
    if out.resolve().is_relative_to(evidence):
        raise UsageError(f"{out}: bundel tidak boleh ditulis di dalam folder evidence/ "
                         "(alat ini tidak pernah mengubah isi evidence/); pilih --out di luar, contoh build/")
    fonts = find_fonts()
    if options.order not in ORDERS:
        raise UsageError(f"urutan bundel '{options.order}' tidak dikenal (pilih: {', '.join(ORDERS)})")
    layout: BundleLayout | LkeLayout
    if options.order == "lke":
        if options.lke is None:
            raise UsageError("--order lke memerlukan jawaban LKE (lke.yaml)")
        layout = lke_layout(project.plan, project.completeness, options.audience, options.lke)
    else:
        layout = plan_layout(project.plan, project.completeness, options.audience)
    # The bundle carries the manifest of its audience (the public one: restricted files only counted).
    options = replace(options, manifest=(options.manifest or build_manifest(project)).for_audience(options.audience))
    fingerprint = input_fingerprint(project, options, fonts.digest())
    previous = stored_pages(out, fingerprint)
    if previous is not None:
        kept = seal.keep(out, options.signing)
        if kept is not None:
            return BundleReport(out, True, previous, fingerprint, signature=kept)
    raise_nofile_limit()
    sources = Sources(project.root, options.soffice, options.cache_dir)
    try:
        with warnings.catch_warnings():
            # Interactive forms are deliberately not carried over (see
            # pdf_safety): widgets keep their static appearance only, which
            # is what pikepdf's page-copy note is about.
            if hasattr(pikepdf, "PageCopyWarning"):
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            return _Builder(project, layout, options, sources, fingerprint, fonts, progress).write(out)
    finally:
        sources.close()


class _Builder:
    def __init__(self, project, layout: BundleLayout | LkeLayout, options: BundleOptions, sources: Sources,
                 fingerprint: str, fonts, progress: Progress | None) -> None:
        self.project, self.layout, self.options = project, layout, options
        self.sources, self.fingerprint, self.fonts = sources, fingerprint, fonts
        self.progress = progress
        epoch = options.source_date_epoch
        self.created = (dt.datetime.fromtimestamp(epoch, dt.timezone.utc) if epoch is not None
                        else dt.datetime.combine(project.as_of, dt.time(0), dt.timezone.utc))
        self.chunks: list[Chunk] = []
        self.broken: list[Problem] = []
        self.attached: list[tuple[str, EvidenceFile]] = []
        self.toc_links: list[front_pages.TocLink] = []
        self.marks: list[Mark] = []
        self.signature_box: SignatureBox | None = None

    # -- sources ---------------------------------------------------------
    def _open_sources(self) -> dict[str, Problem]:
        """Open every shown file once; return the failures by path."""
        failures: dict[str, Problem] = {}
        self.sources.convert_all([p.file for s in self.layout.codes for p in s.parts
                                  if p.kind is PartKind.FILE and p.file is not None])
        for section in self.layout.codes:
            for part in section.parts:
                f = part.file
                if part.kind is not PartKind.FILE or f is None:
                    continue
                try:
                    pdf = self.sources.get(f)
                    # A repaired file whose readers disagree may have lost pages.
                    if pdf is not None and f.repaired and f.pages and len(pdf.pages) != f.pages:
                        raise SourceError(f"jumlah halaman tidak pasti setelah perbaikan "
                                          f"({len(pdf.pages)} atau {f.pages})")
                except SourceError as exc:
                    failures[f.path] = Problem("unreadable_file", f.path, str(exc),
                                               "buka di aplikasi aslinya dan simpan ulang", f.code)
        blocking = list(self.layout.broken) + list(failures.values())
        if blocking and not self.options.allow_broken:
            raise InputError([Issue(Location(Path(p.path)), f"{p.code}: {p.message}",
                                    (p.hint + "; " if p.hint else "") +
                                    "atau jalankan dengan --allow-broken untuk menggantinya dengan halaman pengganti")
                              for p in blocking], "bukti untuk bundel")
        return failures

    # -- body ------------------------------------------------------------
    def _render_body(self, failures: dict[str, Problem]) -> bytes:
        w = pages.PageWriter(self.fonts, self.created)
        try:
            return self._draw_body(w, failures)
        finally:
            w.close_fonts()

    def _gen(self, w: pages.PageWriter, kind: str, title: str, code: str | None, draw, *args,
             label: tuple[str, bool] | None = None) -> None:
        start = w.page_no()
        draw(w, *args)
        self.chunks.append(Chunk(kind, title, code, label, gen=(start, w.page_no() - start)))

    def _draw_body(self, w: pages.PageWriter, failures: dict[str, Problem]) -> bytes:
        if isinstance(self.layout, LkeLayout):
            self._draw_lke(w, failures, self.layout)
        else:
            self._draw_plan(w, failures, self.layout)
        return w.output_bytes()

    def _draw_plan(self, w: pages.PageWriter, failures: dict[str, Problem], layout: BundleLayout) -> None:
        audience = self.options.audience
        for area in layout.areas:
            title = f"Area {area.area.id} — {area.area.name}"
            area_mark = Mark(title, len(self.chunks), (0, f"Area {area.area.id}", area.area.name))
            self.marks.append(area_mark)
            self._gen(w, "area", title, None, front_pages.area_divider, area, label=(f"Area {area.area.id}", False))
            for comp in area.components:
                comp_mark = Mark(f"{comp.component_id} {comp.component.name}", len(self.chunks),
                                  (1, comp.component_id, comp.component.name))
                area_mark.children.append(comp_mark)
                for section in comp.codes:
                    code = section.code
                    code_mark = Mark(f"{code} {section.item.title}", len(self.chunks),
                                      (2, code, section.item.title), key=code)
                    comp_mark.children.append(code_mark)
                    self._gen(w, "code", code_mark.title, code, pages.separator, section, audience,
                              label=(f"{code}-", True))
                    self._draw_parts(w, failures, section, code, code_mark.children)

    def _draw_lke(self, w: pages.PageWriter, failures: dict[str, Problem], layout: LkeLayout) -> None:
        audience = self.options.audience
        for area in layout.areas:
            area_mark = Mark(f"{area.id} {area.name}", len(self.chunks), (0, area.id, area.name))
            self.marks.append(area_mark)
            for indicator in area.indicators:
                ind_mark = Mark(f"{indicator.id} {indicator.name}", len(self.chunks),
                                 (1, indicator.id, indicator.name))
                area_mark.children.append(ind_mark)
                for q in indicator.questions:
                    q_mark = Mark(f"{q.id} {q.title}", len(self.chunks), (2, q.id, q.title), key=q.id)
                    ind_mark.children.append(q_mark)
                    self._gen(w, "code", q_mark.title, q.id, pages.question_separator, area, indicator, q,
                              audience, label=(f"{q.id}-", True))
                    for section in q.codes:
                        code_mark = Mark(f"{section.code} {section.item.title}", len(self.chunks))
                        q_mark.children.append(code_mark)
                        self._draw_parts(w, failures, section, f"{q.id} / {section.code}", code_mark.children)

    def _draw_parts(self, w: pages.PageWriter, failures: dict[str, Problem], section, stamp: str,
                    marks: list[Mark]) -> None:
        """The evidence of one code: its files and placeholders, each bookmarked in ``marks``."""
        audience = self.options.audience
        code = section.code
        for part in section.parts:
            f = part.file
            if part.kind is PartKind.FILE and f is not None and f.path in failures:
                part = Part(PartKind.BROKEN, problem=failures[f.path])
            index = len(self.chunks)
            if part.kind is PartKind.FILE:
                title = f.name
                source = self.sources.get(f)
                if source is None:
                    self._gen(w, "part", title, stamp, pages.office_page, section, f, True)
                    if (code, f) not in self.attached:
                        self.attached.append((code, f))
                else:
                    self.chunks.append(Chunk("part", title, stamp, source=source, own=f.family == "image"))
            elif part.kind is PartKind.MISSING:
                title = "BELUM TERSEDIA"
                self._gen(w, "part", title, stamp, pages.missing_page, section, part)
            elif part.kind is PartKind.RESTRICTED:
                title = "Tersedia untuk penilai"
                self._gen(w, "part", title, stamp, pages.restricted_page, section, part)
            else:
                if part.problem not in self.broken:
                    self.broken.append(part.problem)
                title = (part.problem.path.rsplit("/", 1)[-1] if audience is Audience.REVIEWER
                         else "Berkas tidak dapat dimuat")
                self._gen(w, "part", title, stamp, pages.broken_page, section, part, audience)
            marks.append(Mark(title, index))

    # -- front matter ----------------------------------------------------
    def _render_front(self, counts: list[int]) -> bytes:
        front = 0
        for _ in range(4):
            offsets = self._number(front, counts)
            w = pages.PageWriter(self.fonts, self.created)
            front_pages.cover(w, self.project.plan, self.project.completeness, self.options.audience,
                        self.options.readiness, lke_order=isinstance(self.layout, LkeLayout))
            self.signature_box = seal.cover_block(w, self.options.manifest.root_digest)
            self.toc_links = front_pages.table_of_contents(w, self._toc(offsets))
            if w.page_no() == front:
                return w.output_bytes()
            front = w.page_no()
            w.close_fonts()
        raise OutputError("daftar isi tidak stabil")  # pragma: no cover - cannot happen with fixed widths

    def _number(self, front: int, counts: list[int]) -> list[int]:
        offsets, at = [], front
        for chunk, count in zip(self.chunks, counts, strict=True):
            chunk.start = at
            offsets.append(at)
            at += count
        return offsets

    def _toc(self, offsets: list[int]) -> list[pages.TocEntry]:
        entries = []

        def walk(marks: list[Mark]) -> None:
            for m in marks:
                if m.toc is not None:
                    level, label, title = m.toc
                    entries.append(pages.TocEntry(level, label, title, offsets[m.chunk] + 1))
                    walk(m.children)
        walk(self.marks)
        return entries

    # -- assembly --------------------------------------------------------
    def write(self, out_path: Path) -> BundleReport:
        failures = self._open_sources()
        body = pikepdf.open(io.BytesIO(self._render_body(failures)))
        counts = [c.gen[1] if c.gen else len(c.source.pages) for c in self.chunks]
        front = pikepdf.open(io.BytesIO(self._render_front(counts)))
        front_count = len(front.pages)
        out = pikepdf.new()
        kids = PageTree(out)
        kids.add(front.pages)
        font = stamp_font(out)
        save_state = out.make_indirect(pikepdf.Stream(out, b"q\n"))
        body_pages = list(body.pages)
        total = sum(counts)
        done = 0
        for chunk, count in zip(self.chunks, counts, strict=True):
            if chunk.gen:
                first, n = chunk.gen
                added = kids.add(body_pages[first:first + n])
            else:
                added = kids.add(chunk.source.pages, shared=True)
            if chunk.code is not None:
                for index, obj in enumerate(added, start=chunk.start):
                    page = pikepdf.Page(obj)
                    if chunk.source is not None:
                        clean_page(page)
                    stamp_page(out, page, f"{chunk.code}  |  hlm. {index + 1}", font,
                               extend=not chunk.own, save_state=save_state)
            done += count
            if self.progress:
                self.progress(done, total)
        kids.finish()
        for link in self.toc_links:
            page = kids.kids[link.page]
            annots = page.get(Name.Annots)
            if annots is None:
                page.Annots = annots = pikepdf.Array()
            annots.append(out.make_indirect(pikepdf.Dictionary(
                Type=Name.Annot, Subtype=Name.Link, Rect=pikepdf.Array([round(v, 2) for v in link.rect]),
                Border=pikepdf.Array([0, 0, 0]),
                Dest=pikepdf.Array([kids.kids[link.target], Name.XYZ, None, None, None]))))
        self._labels(out, front_count)
        bookmarks = self._outline(out, front_count)
        self._attach(out)
        self._metadata(out)
        seal_pdf(out, self.options.manifest, self.signature_box)
        signature = ""
        with atomic.staged_file(out_path) as tmp:
            out.save(tmp, static_id=True, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
            set_document_id(tmp, self.fingerprint)
            if self.options.signing is not None:
                signature = seal.sign_written(tmp, self.options.signing)
        page_total = len(out.pages)
        out.close()
        body.close()
        front.close()
        files = [p for s in self.layout.codes for p in s.parts]
        return BundleReport(
            path=out_path, skipped=False, pages=page_total, fingerprint=self.fingerprint,
            broken=tuple(self.broken),
            repaired=tuple(p.file for p in files if p.file is not None and p.file.repaired),
            attached=tuple(f for _, f in self.attached),
            restricted=tuple(f for p in files for f in p.hidden),
            missing=tuple(s.code for s in self.layout.codes
                          if any(p.kind is PartKind.MISSING for p in s.parts)),
            front_pages=front_count, bookmarks=bookmarks, signature=signature)

    def _labels(self, out: pikepdf.Pdf, front_count: int) -> None:
        nums: list = [0, pikepdf.Dictionary(S=Name.r)]
        for chunk in self.chunks:
            if chunk.label is not None:
                prefix, numbered = chunk.label
                label = (pikepdf.Dictionary(S=Name.D, P=pikepdf.String(prefix)) if numbered
                         else pikepdf.Dictionary(P=pikepdf.String(prefix)))
                nums += [chunk.start, label]
        out.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))

    def _outline(self, out: pikepdf.Pdf, front_count: int) -> dict[str, int]:
        starts: dict[str, int] = {}

        def item(m: Mark) -> pikepdf.OutlineItem:
            page = self.chunks[m.chunk].start
            if m.key is not None:
                starts[m.key] = page
            result = pikepdf.OutlineItem(m.title, page)
            result.children.extend(item(child) for child in m.children)
            return result

        with out.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Sampul", 0))
            outline.root.append(pikepdf.OutlineItem("Daftar Isi", 1))
            outline.root.extend(item(m) for m in self.marks)
        return starts

    def _attach(self, out: pikepdf.Pdf) -> None:
        root = self.project.root
        for code, f in self.attached:
            data = (root / f.path).read_bytes()
            key = f"{code} {f.name}"
            out.attachments[key] = pikepdf.AttachedFileSpec(
                out, data, filename=f.name, description=f"Bukti {code}: berkas asli {f.type}")

    def _metadata(self, out: pikepdf.Pdf) -> None:
        plan = self.project.plan
        stamp = self.created.strftime("D:%Y%m%d%H%M%SZ")
        audience = self.options.audience.value
        out.docinfo = out.make_indirect(pikepdf.Dictionary({
            "/Title": pikepdf.String(f"Bundel Bukti Zona Integritas – {plan.unit.name} – {plan.period.label()}"),
            "/Author": pikepdf.String(plan.unit.name),
            "/Subject": pikepdf.String(f"Bukti fisik pembangunan Zona Integritas, bundel {audience}, "
                                       f"keadaan per {self.project.as_of.isoformat()}"),
            "/Creator": pikepdf.String("build_tools bundle"),
            "/Producer": pikepdf.String(f"pikepdf {pikepdf.__version__}"),
            "/CreationDate": pikepdf.String(stamp),
            "/ModDate": pikepdf.String(stamp),
            str(FINGERPRINT_KEY): pikepdf.String(self.fingerprint),
        }))
        out.Root.PageMode = Name.UseOutlines
        out.Root.Lang = pikepdf.String("id-ID")


