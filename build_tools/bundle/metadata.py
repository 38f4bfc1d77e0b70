"""The bundle's document metadata, in the Info dictionary and as XMP (same values, fixed dates).

Both carry the title, the unit (author), the subject (audience and as-of
date) and the input fingerprint; XMP adds the unit, period, as-of date,
audience and fingerprint under the tool's own namespace, so catalogues and
archives that read only XMP see them too. XMP is written by pikepdf (XML
escaping included); nothing in it depends on the time of the build.
"""

from __future__ import annotations

import datetime as dt

import pikepdf
from pikepdf import Name

from build_tools.bundle.fingerprint import FINGERPRINT_KEY

XMP_NAMESPACE = "https://zona-integritas.invalid/ns/bundel/1.0/"
XMP_PREFIX = "zi"


def write_metadata(out: pikepdf.Pdf, *, unit: str, period: str, as_of: dt.date, audience: str,
                   created: dt.datetime, fingerprint: str) -> None:
    title = f"Bundel Bukti Zona Integritas – {unit} – {period}"
    subject = (f"Bukti fisik pembangunan Zona Integritas, bundel {audience}, "
               f"keadaan per {as_of.isoformat()}")
    stamp = created.strftime("D:%Y%m%d%H%M%SZ")
    producer = f"pikepdf {pikepdf.__version__}"
    out.docinfo = out.make_indirect(pikepdf.Dictionary({
        "/Title": pikepdf.String(title),
        "/Author": pikepdf.String(unit),
        "/Subject": pikepdf.String(subject),
        "/Creator": pikepdf.String("build_tools bundle"),
        "/Producer": pikepdf.String(producer),
        "/CreationDate": pikepdf.String(stamp),
        "/ModDate": pikepdf.String(stamp),
        str(FINGERPRINT_KEY): pikepdf.String(fingerprint),
    }))
    pikepdf.models.PdfMetadata.register_xml_namespace(XMP_NAMESPACE, XMP_PREFIX)
    iso = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [unit]
        meta["dc:description"] = subject
        meta["dc:language"] = ["id-ID"]
        meta["pdf:Producer"] = producer
        meta["xmp:CreatorTool"] = "build_tools bundle"
        meta["xmp:CreateDate"] = iso
        meta["xmp:ModifyDate"] = iso
        meta[f"{XMP_PREFIX}:unit"] = unit
        meta[f"{XMP_PREFIX}:period"] = period
        meta[f"{XMP_PREFIX}:asOf"] = as_of.isoformat()
        meta[f"{XMP_PREFIX}:audience"] = audience
        meta[f"{XMP_PREFIX}:inputFingerprint"] = fingerprint
    out.Root.PageMode = Name.UseOutlines
    out.Root.Lang = pikepdf.String("id-ID")
