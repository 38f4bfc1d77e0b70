"""Evidence pages as they are placed in the bundle: forms drawn, links kept, content cleaned, stamped.

For every page of one use of an evidence document, in this order:

1. its form widgets are drawn into the page (:mod:`.forms`);
2. its active content is removed and its links are pointed at the bundle's
   copies of their targets (:mod:`.safety`, :mod:`.links`);
3. its content is scaled into the room left by the stamp strip, its
   annotations moved with it, and the stamp written (:mod:`.stamp`).

The bundle's own pages (and image pages, which have an empty border) are
only stamped, in place.
"""

from __future__ import annotations

import pikepdf

from build_tools.bundle.forms import FormPainter, FormSettings
from build_tools.bundle.links import LinkTargets
from build_tools.bundle.safety import clean_page
from build_tools.bundle.stamp import Geometry, Stamper, geometry
from build_tools.bundle.typeface import Face


class Placer:
    def __init__(self, pdf: pikepdf.Pdf, face: Face) -> None:
        self.pdf = pdf
        self.stamper = Stamper(pdf, face)
        self.forms = FormPainter(pdf, face)
        self.geometries: dict[tuple[int, int], Geometry] = {}
        self._settings: dict[int, FormSettings] = {}

    def own(self, pages: list[pikepdf.Object], first: int, stamp: str | None) -> None:
        """The bundle's own pages: stamped in place (``stamp`` None: not stamped)."""
        if stamp is None:
            return
        for number, obj in enumerate(pages, start=first + 1):
            page = pikepdf.Page(obj)
            self.stamper.stamp(page, _text(stamp, number), geometry(page, scaled=False))

    def evidence(self, source: pikepdf.Pdf, pages: list[pikepdf.Object], copies: list[tuple[int, int]],
                 first: int, stamp: str, *, scaled: bool) -> LinkTargets:
        """One use of ``source``: its pages ``pages`` (``copies``: the copied pages they were made from)."""
        settings = self._settings.get(id(source))
        if settings is None:
            settings = self._settings[id(source)] = FormSettings.of(source)
        wrapped = [pikepdf.Page(obj) for obj in pages]
        for obj, page in zip(pages, wrapped):
            self.geometries[obj.objgen] = geometry(page, scaled=scaled)
        links = LinkTargets(source, pages, copies, self.geometries)
        for number, (obj, page) in enumerate(zip(pages, wrapped), start=first + 1):
            self.forms.flatten(page, settings)
            clean_page(self.pdf, page, links)
            self.stamper.stamp(page, _text(stamp, number), self.geometries[obj.objgen])
        return links


def _text(stamp: str, number: int) -> str:
    return f"{stamp}  |  hlm. {number}"
