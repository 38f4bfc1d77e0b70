"""Builders of special evidence for the bundle tests (all generated at run time)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
from pikepdf import Name

from build_tools.unit.samples import pdf_bytes


def pdf_with_active_content(path: Path) -> Path:
    """A real PDF carrying every kind of active content the bundle must drop."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes("AKTIF", 2)))
    js = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Action, S=Name.JavaScript,
                                              JS=pikepdf.String("app.alert('halo');")))
    pdf.Root.OpenAction = js
    pdf.Root.AA = pikepdf.Dictionary(WC=js)
    tree = pikepdf.NameTree.new(pdf)
    tree["pembuka"] = js
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=tree.obj)
    page = pdf.pages[0].obj
    page.AA = pikepdf.Dictionary(O=js)
    launch = pikepdf.Dictionary(Type=Name.Action, S=Name.Launch,
                                F=pikepdf.String("calc.exe"))
    exe = pikepdf.Stream(pdf, b"MZ\x90\x00 program")
    exe.Type = Name.EmbeddedFile
    spec = pikepdf.Dictionary(Type=Name.Filespec, F=pikepdf.String("virus.exe"), EF=pikepdf.Dictionary(F=exe))
    page.Annots = pdf.make_indirect(pikepdf.Array([
        pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[50, 50, 200, 80], A=js),
        pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[50, 100, 200, 130], A=launch),
        pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[50, 150, 200, 180],
                           A=pikepdf.Dictionary(S=Name.URI, URI=pikepdf.String("https://example.org/"))),
        pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[50, 200, 70, 220], FS=spec),
        pdf.make_indirect(pikepdf.Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, Rect=[50, 250, 200, 280], FT=Name.Tx,
            T=pikepdf.String("isian"), AA=pikepdf.Dictionary(K=js))),
    ]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([page.Annots[4]]))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)
    return path


def encrypted_pdf(path: Path) -> Path:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes("TERKUNCI")))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path, encryption=pikepdf.Encryption(user="rahasia", owner="pemilik"))
    return path


def corrupt_pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage " * 200)
    return path


def special_pages_pdf(path: Path) -> Path:
    """Page 1 rotated 90°, page 2 with a CropBox offset inside its MediaBox.

    Each page's content fills its visible box with a drawn rectangle.
    """
    pdf = pikepdf.new()
    rotated = pdf.add_blank_page(page_size=(595, 842))
    rotated.obj.Rotate = 90
    rotated.obj.Contents = pdf.make_stream(b"0 0 1 rg 0 0 595 842 re f")
    cropped = pdf.add_blank_page(page_size=(595, 842))
    cropped.obj.CropBox = pikepdf.Array([50, 60, 400, 500])
    cropped.obj.Contents = pdf.make_stream(b"1 0 0 rg 0 0 595 842 re f")
    upside = pdf.add_blank_page(page_size=(300, 400))
    upside.obj.Rotate = 270
    upside.obj.CropBox = pikepdf.Array([20, 30, 280, 390])
    upside.obj.Contents = pdf.make_stream(b"0 1 0 rg 0 0 300 400 re f")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path)
    return path


def docx_bytes(text: str) -> bytes:
    """A minimal but valid Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return out.getvalue()
