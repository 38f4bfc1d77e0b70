"""Remove active content from evidence pages copied into the bundle.

The bundle is assembled from pages only, so document-level active content of
an evidence PDF (``/OpenAction``, ``/Names/JavaScript``, ``/AcroForm``,
embedded-file trees, XFA) never reaches it. What travels with a page is
cleaned here: page additional actions (``/AA``), link actions other
than plain links (``/GoTo``, ``/URI``), annotation ``/AA``, and annotations
that carry files, media or form fields (file attachments, sound, movie,
screen, rich media, 3D, widgets).
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

SAFE_ACTIONS = {"/GoTo", "/URI"}
DROPPED_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D", "/Widget"}
"""Widgets included: forms are flattened into page content when the source
is opened (:func:`build_tools.bundle.sources.open_pdf`); a widget still left
has no usable appearance or belongs to no form, and the bundle carries no
interactive form."""


def clean_page(page: pikepdf.Page) -> int:
    """Strip active content from one page; returns how many items were removed."""
    obj = page.obj
    removed = 0
    if Name.AA in obj:
        del obj[Name.AA]
        removed += 1
    annots = obj.get(Name.Annots)
    if annots is None:
        return removed
    if not isinstance(annots, pikepdf.Array):
        del obj[Name.Annots]
        return removed + 1
    kept = pikepdf.Array()
    for annot in annots:
        if not isinstance(annot, pikepdf.Dictionary):
            removed += 1
            continue
        if str(annot.get(Name.Subtype, "")) in DROPPED_ANNOTATIONS:
            removed += 1
            continue
        removed += _clean_annotation(annot)
        kept.append(annot)
    obj[Name.Annots] = kept
    return removed


def _clean_annotation(annot: pikepdf.Dictionary) -> int:
    removed = 0
    for key in (Name.AA, Name.Parent):
        if key in annot:
            del annot[key]
            removed += 1
    action = annot.get(Name.A)
    if action is not None and not _safe_action(action):
        del annot[Name.A]
        removed += 1
    return removed


def _safe_action(action) -> bool:
    """A plain link: GoTo or URI, with no chained /Next actions."""
    if not isinstance(action, pikepdf.Dictionary):
        return False
    return str(action.get(Name.S, "")) in SAFE_ACTIONS and Name.Next not in action and Name.JS not in action


def active_content(pdf: pikepdf.Pdf) -> list[str]:
    """Every trace of active content left in a document, described (empty when clean).

    Walks all objects: used by the tests and as the bundle's final check.
    """
    found = []
    root = pdf.Root
    own = _own_attachments(pdf)
    for key in (Name.OpenAction, Name.AA, Name.AcroForm):
        if key in root and not (key == Name.AcroForm and _signatures_only(root.AcroForm)):
            found.append(f"Root{key}")
    names = root.get(Name.Names)
    if isinstance(names, pikepdf.Dictionary):
        for key in (Name.JavaScript,):
            if key in names:
                found.append(f"Names{key}")
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        action_type = str(obj.get(Name.S, ""))
        if Name.JS in obj or action_type in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData",
                                              "/Rendition", "/GoToE", "/GoToR", "/RichMediaExecute"):
            found.append(f"aksi {action_type or '/JS'} pada objek {obj.objgen}")
        if Name.AA in obj:
            found.append(f"/AA pada objek {obj.objgen}")
        if (str(obj.get(Name.Type, "")) == "/Filespec" or Name.EF in obj) and obj.objgen not in own:
            found.append(f"berkas tersemat pada objek {obj.objgen}")
    return found


def _signatures_only(form) -> bool:
    """The bundle's own signature form (``--sign``): signature fields only, no scripts."""
    if not isinstance(form, pikepdf.Dictionary) or Name.XFA in form:
        return False
    fields = form.get(Name.Fields)
    return isinstance(fields, pikepdf.Array) and all(
        isinstance(f, pikepdf.Dictionary) and str(f.get(Name.FT, "")) == "/Sig" and Name.Kids not in f
        for f in fields)


def _own_attachments(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """Object ids of the file specs the bundle attached itself (document name tree)."""
    names = pdf.Root.get(Name.Names)
    tree = names.get(Name.EmbeddedFiles) if isinstance(names, pikepdf.Dictionary) else None
    if tree is None:
        return set()
    return {spec.objgen for _, spec in pikepdf.NameTree(tree).items()}
