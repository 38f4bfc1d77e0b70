"""Remove active content from evidence pages copied into the bundle.

The bundle is assembled from pages only, so document-level active content of
an evidence PDF (``/OpenAction``, ``/Names/JavaScript``, ``/AcroForm``,
embedded-file trees, XFA) never reaches it. What travels with a page is
cleaned here: page additional actions (``/AA``), annotation ``/AA``, and
annotations that carry files, media or form fields (file attachments, sound,
movie, screen, rich media, 3D, widgets: forms were drawn into the page
first, see :mod:`build_tools.bundle.forms`). A link stays only as a jump
within its own file (rewritten to the bundle page, see
:mod:`build_tools.bundle.links`) or as an ``http``, ``https`` or ``mailto``
link; every other action or scheme is removed with its link.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

from build_tools.bundle.links import LinkTargets, safe_uri

DROPPED_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D", "/Widget"}


def clean_page(pdf: pikepdf.Pdf, page: pikepdf.Page, links: LinkTargets) -> int:
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
        if not isinstance(annot, pikepdf.Dictionary) or str(annot.get(Name.Subtype, "")) in DROPPED_ANNOTATIONS:
            removed += 1
            continue
        if annot.get(Name.Subtype) == Name.Link:
            link = _link(pdf, annot, links)
            if link is None:
                removed += 1
                continue
            kept.append(link)
            continue
        removed += _clean_annotation(annot)
        kept.append(annot)
    if len(kept):
        obj[Name.Annots] = kept
    else:
        del obj[Name.Annots]
    return removed


def _link(pdf: pikepdf.Pdf, annot: pikepdf.Dictionary, links: LinkTargets) -> pikepdf.Object | None:
    """This use's own copy of a link that still works, or None (the link is dropped)."""
    action = annot.get(Name.A)
    target = links.destination(annot)
    if target is None and not safe_uri(action):
        return None
    copy = pikepdf.Dictionary(annot)
    for key in (Name.AA, Name.Parent, Name.P, Name.Dest, Name.A, Name.PA):
        if key in copy:
            del copy[key]
    if target is not None:
        copy.Dest = target
    else:
        copy.A = pikepdf.Dictionary(S=Name.URI, URI=action.URI)
    return pdf.make_indirect(copy)


def _clean_annotation(annot: pikepdf.Dictionary) -> int:
    removed = 0
    for key in (Name.AA, Name.Parent, Name.A):
        if key in annot:
            del annot[key]
            removed += 1
    return removed


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
