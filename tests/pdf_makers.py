"""PDFs made at run time for the bundle fidelity tests: forms, links, page sizes, damage.

Every page draws vector shapes only (no text of its own unless said), so the
fonts found in a bundle built from them are the bundle's own.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from build_tools.unit.samples import pdf_bytes

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
A0 = (2383.94, 3370.39)


def _save(pdf: pikepdf.Pdf, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)
    return path


def sized_pages(path: Path) -> Path:
    """A4, A5, A0, and A4 landscape shown by /Rotate 90: each page filled blue to its edges."""
    pdf = pikepdf.new()
    for size, rotate in ((A4, 0), (A5, 0), (A0, 0), (A4, 90)):
        page = pdf.add_blank_page(page_size=size)
        page.obj.Contents = pdf.make_stream(f"0 0 1 rg 0 0 {size[0]} {size[1]} re f".encode())
        if rotate:
            page.obj.Rotate = rotate
    return _save(pdf, path)


def linked_pages(path: Path) -> Path:
    """Three A4 pages; page 1 links to the others in every way a viewer follows, and to the outside.

    Page 1 annotations, in order: explicit GoTo to page 3 (``/XYZ 0 800``),
    named destination ``bab2`` (name tree) to page 2, old-style ``/Dests``
    name ``/bab3`` through a GoTo action, https, mailto, ``javascript:``,
    ``file:``, a Launch action and a GoToR action.
    """
    pdf = pikepdf.new()
    pages = [pdf.add_blank_page(page_size=A4) for _ in range(3)]
    for n, page in enumerate(pages):
        page.obj.Contents = pdf.make_stream(f"0 {0.3 * n} 0 rg 100 100 300 300 re f".encode())
    tree = pikepdf.NameTree.new(pdf)
    tree["bab2"] = Dictionary(D=Array([pages[1].obj, Name.Fit]))
    pdf.Root.Names = Dictionary(Dests=tree.obj)
    pdf.Root.Dests = Dictionary(bab3=Array([pages[2].obj, Name.FitH, 700]))

    def link(y: int, **entries) -> Dictionary:
        return Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([50, y, 250, y + 20]), **entries)

    pages[0].obj.Annots = pdf.make_indirect(Array([
        link(700, Dest=Array([pages[2].obj, Name.XYZ, 0, 800, 0])),
        link(660, Dest=String("bab2")),
        link(620, A=Dictionary(S=Name.GoTo, D=Name("/bab3"))),
        link(580, A=Dictionary(S=Name.URI, URI=String("https://example.org/laporan"))),
        link(540, A=Dictionary(S=Name.URI, URI=String("mailto:zi@example.org"))),
        link(500, A=Dictionary(S=Name.URI, URI=String("javascript:alert(1)"))),
        link(460, A=Dictionary(S=Name.URI, URI=String("file:///etc/passwd"))),
        link(420, A=Dictionary(S=Name.Launch, F=String("cmd.exe"))),
        link(380, A=Dictionary(S=Name.GoToR, F=String("lain.pdf"), D=Array([0, Name.Fit]))),
    ]))
    return _save(pdf, path)


def _widget(pdf: pikepdf.Pdf, page: pikepdf.Page, rect, **entries) -> pikepdf.Object:
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=Array(rect),
                                         P=page.obj, F=4, **entries))
    return annot


def _form_stream(pdf: pikepdf.Pdf, width: float, height: float, content: bytes, **resources) -> pikepdf.Object:
    return pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, width, height]),
                           Resources=Dictionary(**resources))


def filled_form(path: Path, *, need_appearances: bool, stale: bool) -> Path:
    """One A4 page with a filled form: text, multi-line text, checkbox, radio group, combo and list box.

    ``stale``: the widgets keep appearances drawn before filling (empty text,
    checkbox and radio shown off) - what a form filled outside Acrobat looks
    like; without it, the filled fields have no appearance at all (the
    buttons keep their on/off appearances, which draw a filled square or dot).
    """
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=A4)
    page.obj.Contents = pdf.make_stream(b"0.9 g 40 40 515 760 re f")
    helv = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    fields, annots = [], []

    def text_field(name: str, value: str, rect, flags: int = 0, da: bytes = b"/Helv 11 Tf 0 0 0.6 rg"):
        w = _widget(pdf, page, rect, FT=Name.Tx, T=String(name), V=String(value), DA=String(da), Ff=flags)
        if stale:
            w.AP = Dictionary(N=_form_stream(pdf, rect[2] - rect[0], rect[3] - rect[1], b"/Tx BMC EMC"))
        fields.append(w)
        annots.append(w)

    text_field("nama", "Budi Santoso", [60, 700, 360, 724])
    text_field("catatan", "Baris pertama catatan\nBaris kedua catatan", [60, 600, 360, 680], flags=1 << 12,
               da=b"/Helv 10 Tf 0 g")
    box = [60, 560, 80, 580]
    on = _form_stream(pdf, 20, 20, b"0 g 2 2 16 16 re f")
    off = _form_stream(pdf, 20, 20, b"")
    check = _widget(pdf, page, box, FT=Name.Btn, T=String("setuju"), V=Name.Yes,
                    AS=Name.Off if stale else Name.Yes, AP=Dictionary(N=Dictionary(Yes=on, Off=off)))
    unchecked = _widget(pdf, page, [100, 560, 120, 580], FT=Name.Btn, T=String("tolak"), V=Name.Off,
                        AS=Name.Off, AP=Dictionary(N=Dictionary(Yes=on, Off=off)))
    fields += [check, unchecked]
    annots += [check, unchecked]
    radio = pdf.make_indirect(Dictionary(FT=Name.Btn, T=String("pilihan"), Ff=1 << 15, V=Name("/Dua")))
    kids = []
    for n, state in enumerate(("Satu", "Dua")):
        dot = _form_stream(pdf, 20, 20, b"0 g 4 4 12 12 re f")
        kid = _widget(pdf, page, [60 + 40 * n, 520, 80 + 40 * n, 540], Parent=radio,
                      AS=Name.Off if stale or state != "Dua" else Name("/Dua"),
                      AP=Dictionary(N=Dictionary({f"/{state}": dot, "/Off": _form_stream(pdf, 20, 20, b"")})))
        kids.append(kid)
        annots.append(kid)
    radio.Kids = Array(kids)
    fields.append(radio)
    for name, flags, rect, value in (("kota", 1 << 17, [60, 470, 260, 494], "JKT"),
                                     ("unit", 0, [300, 420, 500, 494], "Dit. Mineral")):
        w = _widget(pdf, page, rect, FT=Name.Ch, T=String(name), Ff=flags, V=String(value),
                    DA=String(b"/Helv 10 Tf 0 g"),
                    Opt=Array([Array([String("BDG"), String("Bandung")]), Array([String("JKT"), String("Jakarta Pusat")])])
                    if name == "kota" else Array([String("Dit. Batubara"), String("Dit. Mineral"), String("Setditjen")]))
        if stale:
            w.AP = Dictionary(N=_form_stream(pdf, rect[2] - rect[0], rect[3] - rect[1], b"/Tx BMC EMC"))
        fields.append(w)
        annots.append(w)
    page.obj.Annots = Array(annots)
    form = Dictionary(Fields=Array(fields), DA=String(b"/Helv 0 Tf 0 g"),
                      DR=Dictionary(Font=Dictionary(Helv=helv)))
    if need_appearances:
        form.NeedAppearances = True
    pdf.Root.AcroForm = form
    return _save(pdf, path)


OUTLINE_TITLES = ["Bab 1 Pendahuluan", "Bab 1.1 Latar belakang", "Bab 2 Hasil", "Bab 3 Tindak lanjut",
                  "Lampiran (halaman hilang)", "Judul dengan kendali"]


def outlined_pages(path: Path, *, looped: bool = False) -> Path:
    """Three A4 pages with bookmarks as Word exports them, reached in every way an outline can point.

    ``Bab 1`` (explicit, page 1) holds ``Bab 1.1`` (``/XYZ`` on page 1); ``Bab 2``
    is a named destination (page 2); ``Bab 3`` a GoTo action (page 3);
    ``Lampiran`` points at a page that is not in the file; the last title
    carries control characters. ``looped``: the last item's /Next points back
    at the first (a hostile outline).
    """
    pdf = pikepdf.new()
    pages = [pdf.add_blank_page(page_size=A4) for _ in range(3)]
    for n, page in enumerate(pages):
        page.obj.Contents = pdf.make_stream(f"0 0 {0.3 * n} rg 100 100 300 300 re f".encode())
    tree = pikepdf.NameTree.new(pdf)
    tree["bab2"] = Dictionary(D=Array([pages[1].obj, Name.Fit]))
    pdf.Root.Names = Dictionary(Dests=tree.obj)
    stray = pdf.make_indirect(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 10, 10])))

    def item(title: str, **entries) -> pikepdf.Object:
        return pdf.make_indirect(Dictionary(Title=String(title), **entries))

    sub = item("Bab 1.1 Latar belakang", Dest=Array([pages[0].obj, Name.XYZ, 0, 500, 0]))
    top = [item("Bab 1 Pendahuluan", Dest=Array([pages[0].obj, Name.Fit]), First=sub, Last=sub, Count=1),
           item("Bab 2 Hasil", Dest=String("bab2")),
           item("Bab 3 Tindak lanjut", A=Dictionary(S=Name.GoTo, D=Array([pages[2].obj, Name.FitH, 700]))),
           item("Lampiran (halaman hilang)", Dest=Array([stray, Name.Fit])),
           item("Judul\x07 dengan\x1b kendali", Dest=Array([pages[2].obj, Name.Fit]))]
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=top[0], Last=top[-1], Count=len(top)))
    for a, b in zip(top, top[1:]):
        a.Next, b.Prev = b, a
    for t in top:
        t.Parent = outlines
    sub.Parent = top[0]
    if looped:
        top[-1].Next = top[0]
    pdf.Root.Outlines = outlines
    return _save(pdf, path)


ROTATED_RECTS = {0: [60, 600, 460, 630], 90: [60, 200, 90, 600], 180: [60, 600, 460, 630], 270: [60, 200, 90, 600]}
"""Widget rectangles on the page: a long box along the text's direction (tall when turned a quarter)."""


def rotated_field(path: Path, rotation: int) -> Path:
    """One A4 page with a filled text field, without appearance, whose widget is turned ``rotation`` degrees."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=A4)
    rect = ROTATED_RECTS[rotation]
    widget = _widget(pdf, page, rect, FT=Name.Tx, T=String("diputar"), V=String("NILAI DIPUTAR"),
                     DA=String(b"/Helv 14 Tf 0 g"), MK=Dictionary(R=rotation))
    page.obj.Annots = Array([widget])
    helv = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]), NeedAppearances=True,
                                   DR=Dictionary(Font=Dictionary(Helv=helv)))
    return _save(pdf, path)


FORM_TEXT = ("Budi Santoso", "Baris pertama catatan", "Baris kedua catatan", "Jakarta Pusat", "Dit. Mineral",
             "Setditjen")
FORM_BOXES = {"setuju": ([60, 560, 80, 580], True), "tolak": ([100, 560, 120, 580], False),
              "pilihan.Satu": ([60, 520, 80, 540], False), "pilihan.Dua": ([100, 520, 120, 540], True)}


def trailer_cut(path: Path, label: str = "dipotong", pages: int = 3) -> Path:
    """A PDF whose end (trailer, startxref, %%EOF) is cut off: qpdf rebuilds it."""
    data = pdf_bytes(label, pages)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[:data.rindex(b"trailer")])
    return path


def owner_locked(path: Path, label: str = "terkunci pemilik") -> Path:
    """A PDF that opens without a password but forbids printing and copying (owner password only)."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes(label)))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path, encryption=pikepdf.Encryption(user="", owner="pemilik",
                                                 allow=pikepdf.Permissions(print_highres=False, extract=False)))
    return path


def vector_pdf(path: Path, pages: int = 1) -> Path:
    """Pages with shapes only (no fonts)."""
    pdf = pikepdf.new()
    for n in range(pages):
        page = pdf.add_blank_page(page_size=A4)
        page.obj.Contents = pdf.make_stream(f"0.2 0.{n % 10} 0.4 rg 50 50 400 600 re f".encode())
    return _save(pdf, path)
