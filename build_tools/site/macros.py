"""Data from the plan for the hand-written pages in ``docs/``.

Every ``docs/**/*.md`` is rendered through Jinja2 before mkdocs sees it. The
functions here are what those pages may call (``{{ tabel_bobot() }}`` …);
each returns Markdown with every piece of plan text escaped, so the narrative
shows the plan's data instead of a second, hand-typed copy.
"""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from build_tools.plan.structure import Area, Plan
from build_tools.site.markup import md, number, relative
from build_tools.site.view import evidence_page


class MacroError(Exception):
    """A page called a function with an argument the plan does not know."""


def macros(plan: Plan, page: str) -> dict[str, Callable[..., Markup]]:
    """The functions available to the page at ``page`` (docs-relative path)."""

    def area(area_id: str) -> Area:
        try:
            return plan.area(area_id)
        except KeyError:
            known = ", ".join(a.id for a in plan.areas)
            raise MacroError(f"area '{area_id}' tidak ada di plan.yaml (yang ada: {known})") from None

    def tabel_bobot() -> Markup:
        rows = ["| No | Komponen | Bobot |", "|:--|:--|--:|"]
        for letter, title, weight, areas in (
                ("A", "Komponen Pengungkit", plan.lever_weight, plan.lever_areas),
                ("B", "Komponen Hasil", plan.result_weight, plan.result_areas)):
            rows.append(f"| **{letter}** | **{title}** | **{number(weight)}** |")
            for n, a in enumerate(areas, 1):
                rows.append(f"| {n} | {md(a.name)} | {number(a.weight)} |")
        rows.append(f"| **TOTAL** | | **{number(plan.lever_weight + plan.result_weight)}** |")
        return Markup("\n".join(rows) + "\n")

    def daftar_dasar_hukum() -> Markup:
        return _list("ol", plan.legal_basis)

    def aspek_survei(survey_id: str) -> Markup:
        survey = next((s for s in plan.surveys if s.id == survey_id), None)
        if survey is None:
            known = ", ".join(s.id for s in plan.surveys)
            raise MacroError(f"survei '{survey_id}' tidak ada di plan.yaml (yang ada: {known})")
        return _list("ul", [a.text for a in survey.aspects])

    def syarat(predicate: str) -> Markup:
        req = plan.requirements.get(predicate)
        if req is None:
            known = ", ".join(sorted(plan.requirements))
            raise MacroError(f"persyaratan '{predicate}' tidak ada di plan.yaml (yang ada: {known})")
        return Markup("**Syarat instansi:**\n\n") + _list("ul", req.instansi) + Markup(
            "\n**Syarat unit kerja:**\n\n") + _list("ul", req.unit)

    def rencana_aksi(area_id: str) -> Markup:
        a = area(area_id)
        rows = ["| No | Komponen | Rencana Aksi |", "|--:|:--|:--|"]
        for c in a.components:
            rows.append(f"| {c.number} | {md(c.name)} | {_actions(c)} |")
        return Markup("\n".join(rows) + "\n")

    def target_area(area_id: str) -> Markup:
        a = area(area_id)
        return _list('ol type="a"', a.targets)

    def linimasa_tabel() -> Markup:
        blocks = []
        for a in plan.lever_areas:
            rows = [f"**{md(a.id)}. {md(a.name)}**\n",
                    "| No | Komponen | Rencana Aksi | Bukti Fisik | Target Waktu | PIC |",
                    "|--:|:--|:--|:--|:--|:--|"]
            for c in a.components:
                evidence = "<br>".join(
                    f"[{md(i.code)}]({relative(page, evidence_page(i.code))}) {md(i.title)}"
                    for i in c.evidence) or "–"
                windows = list(dict.fromkeys([i.window_text for i in c.evidence] or [c.window_text]))
                pics = list(dict.fromkeys([i.pic for i in c.evidence] or [c.pic]))
                rows.append(f"| {c.number} | {md(c.name)} | {_actions(c)} | {evidence} | "
                            f"{'<br>'.join(md(w) for w in windows if w) or '–'} | "
                            f"{'<br>'.join(md(p) for p in pics if p) or '–'} |")
            blocks.append("\n".join(rows) + "\n")
        return Markup("\n".join(blocks))

    functions = [tabel_bobot, daftar_dasar_hukum, aspek_survei, syarat, rencana_aksi, target_area,
                 linimasa_tabel]
    return {f.__name__: _block(f) for f in functions}


def _block(function: Callable[..., Markup]) -> Callable[..., Markup]:
    """Surround a block with blank lines, so it never merges with the text around it."""

    def call(*args, **kwargs) -> Markup:
        return Markup("\n") + function(*args, **kwargs) + Markup("\n")

    call.__name__ = function.__name__
    return call


def _list(tag: str, texts) -> Markup:
    """An HTML list: unlike Markdown lists, it never merges with a list next to it."""
    items = "".join(f"<li>{md(t)}</li>\n" for t in texts)
    return Markup(f"<{tag}>\n{items}</{tag.split()[0]}>\n")


def _actions(component) -> Markup:
    return Markup("<br>".join(f"{a.letter}. {md(a.text)}" for a in component.actions) or "–")
