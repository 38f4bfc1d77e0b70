"""The bundled evidence PDF: one navigable, deterministic, safe document.

    layout = plan_layout(plan, completeness, audience)   # what goes where (pure)
    sources = open every evidence file once per SHA-256 (PDF, image, office)
    body    = draw dividers, separators and placeholders (writer, into the output)
    front   = draw cover and contents with the real page numbers
    bundle  = assemble pages (pikepdf); draw forms, keep links, clean active
              content, scale and stamp (placing); bookmarks, page labels,
              embedded font subsets, fixed metadata (Info and XMP), deterministic ID

The merge engine is pikepdf (qpdf's library): measured by
``benchmarks/bench_bundle.py`` against bare qpdf and pikepdf merges (see README). The output carries
a fingerprint of all its inputs; when it matches, the build is skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pikepdf
from pikepdf import Name

from build_tools.bundle import front as front_pages
from build_tools.bundle import pages, seal
from build_tools.bundle.chunks import Chunk, Mark
from build_tools.bundle.fingerprint import (
    input_fingerprint,
    set_document_id,
    stored_pages,
)
from build_tools.bundle.fonts import FontSet, find_fonts
from build_tools.bundle.layout import (
    BundleLayout,
    Part,
    PartKind,
    code_status,
    evidence_status,
    plan_layout,
)
from build_tools.bundle.lke import LkeLayout, lke_layout
from build_tools.bundle.metadata import write_metadata
from build_tools.bundle.options import ORDERS, BundleOptions
from build_tools.bundle.outlines import evidence_outline
from build_tools.bundle.pagetree import PageTree, raise_nofile_limit
from build_tools.bundle.placing import Placer
from build_tools.bundle.report import BundleReport, changes, skipped_files
from build_tools.bundle.sources import SourceError, Sources
from build_tools.bundle.writer import page_resources
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
        return _Builder(project, layout, options, sources, fingerprint, fonts, progress).write(out)
    finally:
        sources.close()


class _Builder:
    def __init__(self, project, layout: BundleLayout | LkeLayout, options: BundleOptions, sources: Sources,
                 fingerprint: str, fonts: FontSet, progress: Progress | None) -> None:
        self.project, self.layout, self.options = project, layout, options
        self.sources, self.fingerprint = sources, fingerprint
        self.faces = fonts.faces()
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
                    self.sources.get(f)
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
    def _render_body(self, failures: dict[str, Problem]) -> pages.PageWriter:
        w = pages.PageWriter(self.faces)
        self._draw_body(w, failures)
        return w

    def _gen(self, w: pages.PageWriter, kind: str, title: str, code: str | None, draw, *args,
             label: tuple[str, bool] | None = None) -> None:
        start = w.page_no()
        draw(w, *args)
        self.chunks.append(Chunk(kind, title, code, label, gen=(start, w.page_no() - start)))

    def _draw_body(self, w: pages.PageWriter, failures: dict[str, Problem]) -> None:
        if isinstance(self.layout, LkeLayout):
            self._draw_lke(w, failures, self.layout)
        else:
            self._draw_plan(w, failures, self.layout)

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
                                      (2, code, section.item.title), key=code, status=code_status(section))
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
                    q_mark = Mark(f"{q.id} {q.title}", len(self.chunks), (2, q.id, q.title), key=q.id,
                                  status="tanpa data dukung" if q.unsupported else evidence_status(q.codes))
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
    def _render_front(self, counts: list[int], notes: dict[str, str]) -> pages.PageWriter:
        front = 0
        for _ in range(4):
            offsets = self._number(front, counts)
            w = pages.PageWriter(self.faces)
            front_pages.cover(w, self.project.plan, self.project.completeness, self.options.audience,
                              self.options.readiness, lke_order=isinstance(self.layout, LkeLayout), notes=notes)
            self.signature_box = seal.cover_block(w, self.options.manifest.root_digest)
            self.toc_links = front_pages.table_of_contents(w, self._toc(offsets))
            if w.page_no() == front:
                return w
            front = w.page_no()
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
                    entries.append(pages.TocEntry(level, label, title, offsets[m.chunk] + 1, m.status))
                    walk(m.children)
        walk(self.marks)
        return entries

    # -- assembly --------------------------------------------------------
    def write(self, out_path: Path) -> BundleReport:
        failures = self._open_sources()
        out = pikepdf.new()
        resources = page_resources(out, self.faces)
        body_pages = self._render_body(failures).write_pages(out, resources)
        counts = [c.gen[1] if c.gen else len(c.source.pages) for c in self.chunks]
        shown = [p.file for s in self.layout.codes for p in s.parts
                 if p.kind is PartKind.FILE and p.file is not None and p.file.path not in failures]
        changed = changes(shown)
        skipped = skipped_files(self.project.completeness.all_problems, self.layout.broken)
        front_pages = self._render_front(counts, self._notes(changed, skipped, failures)).write_pages(out, resources)
        front_count = len(front_pages)
        kids = PageTree(out)
        kids.add_local(front_pages)
        placer = Placer(out, self.faces[""])
        total, done = sum(counts), 0
        for chunk, count in zip(self.chunks, counts, strict=True):
            if chunk.gen:
                first, n = chunk.gen
                placer.own(kids.add_local(body_pages[first:first + n]), chunk.start, chunk.code)
            else:
                added, copies = kids.add(chunk.source.pages)
                chunk.targets = placer.evidence(chunk.source, added, copies, chunk.start, chunk.code,
                                                scaled=not chunk.own)
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
        bookmarks = self._outline(out, kids.kids)
        self._attach(out)
        plan = self.project.plan
        write_metadata(out, unit=plan.unit.name, period=plan.period.label(), as_of=self.project.as_of,
                       audience=self.options.audience.value, created=self.created, fingerprint=self.fingerprint)
        seal_pdf(out, self.options.manifest, self.signature_box)
        for face in self.faces.values():
            face.embed(out)
        signature = ""
        with atomic.staged_file(out_path) as tmp:
            out.save(tmp, static_id=True, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
            set_document_id(tmp, self.fingerprint)
            if self.options.signing is not None:
                signature = seal.sign_written(tmp, self.options.signing)
        page_total = len(kids.kids)
        out.close()
        files = [p for s in self.layout.codes for p in s.parts]
        return BundleReport(
            path=out_path, skipped=False, pages=page_total, fingerprint=self.fingerprint,
            broken=tuple(self.broken),
            repaired=changed["repaired"], cleaned=changed["cleaned"], unlocked=changed["unlocked"],
            skipped_files=skipped,
            attached=tuple(f for _, f in self.attached),
            restricted=tuple(f for p in files for f in p.hidden),
            missing=tuple(s.code for s in self.layout.codes
                          if any(p.kind is PartKind.MISSING for p in s.parts)),
            front_pages=front_count, bookmarks=bookmarks, signature=signature)

    def _notes(self, changed: dict, skipped: tuple, failures: dict) -> dict[str, str]:
        """The cover's notes on what the bundle changed or left out, by count."""
        notes = {
            "Konten aktif dibuang": len(changed["cleaned"]),
            "Kata sandi pemilik dilepas": len(changed["unlocked"]),
            "PDF rusak yang diperbaiki": len(changed["repaired"]),
            "Diganti halaman pengganti": len(self.broken),
            "Berkas yang dilewati": len(skipped),
        }
        return {label: f"{count} berkas" for label, count in notes.items() if count}

    def _labels(self, out: pikepdf.Pdf, front_count: int) -> None:
        nums: list = [0, pikepdf.Dictionary(S=Name.r)]
        for chunk in self.chunks:
            if chunk.label is not None:
                prefix, numbered = chunk.label
                label = (pikepdf.Dictionary(S=Name.D, P=pikepdf.String(prefix)) if numbered
                         else pikepdf.Dictionary(P=pikepdf.String(prefix)))
                nums += [chunk.start, label]
        out.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))

    def _outline(self, out: pikepdf.Pdf, kids: list[pikepdf.Object]) -> dict[str, int]:
        starts: dict[str, int] = {}

        def to(page: int) -> pikepdf.Array:
            return pikepdf.Array([kids[page], Name.XYZ, None, None, None])

        def item(m: Mark) -> pikepdf.OutlineItem:
            page = self.chunks[m.chunk].start
            if m.key is not None:
                starts[m.key] = page
            result = pikepdf.OutlineItem(m.title, to(page))
            result.children.extend(item(child) for child in m.children)
            chunk = self.chunks[m.chunk]
            if chunk.source is not None and chunk.targets is not None:  # the file's own bookmarks
                result.children.extend(evidence_outline(chunk.source, chunk.targets, to(page)))
            result.is_closed = bool(result.children)  # the outline opens showing the areas only
            return result

        with out.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Sampul", to(0)))
            outline.root.append(pikepdf.OutlineItem("Daftar Isi", to(1)))
            outline.root.extend(item(m) for m in self.marks)
        return starts

    def _attach(self, out: pikepdf.Pdf) -> None:
        root = self.project.root
        for code, f in self.attached:
            data = (root / f.path).read_bytes()
            key = f"{code} {f.name}"
            out.attachments[key] = pikepdf.AttachedFileSpec(
                out, data, filename=f.name, description=f"Bukti {code}: berkas asli {f.type}")
