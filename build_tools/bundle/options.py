"""What a bundle build is asked for: audience, order, placeholders for broken
files, LibreOffice, the cover figures and the fixed creation date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.assess.view import Assessment
from build_tools.evidence.audience import Audience
from build_tools.integrity.manifest import Manifest
from build_tools.integrity.sign import SigningKey


@dataclass(frozen=True)
class BundleOptions:
    audience: Audience = Audience.PUBLIC
    allow_broken: bool = False
    """Turn unreadable or encrypted files into placeholder pages instead of stopping."""
    soffice: str | None = None
    """LibreOffice command; None: office files are attached, not converted."""
    readiness: Mapping[str, str] | None = None
    """Optional readiness figures for the cover, label → value (e.g. the score)."""
    source_date_epoch: int | None = None
    """Fixed creation date (``SOURCE_DATE_EPOCH``); default: the as-of date."""
    cache_dir: Path | None = None
    order: str = "plan"
    """``plan`` (areas, components, codes) or ``lke`` (LKE questions in worksheet order)."""
    lke: Assessment | None = None
    """The assessment of the unit's answers (lke.yaml) whose questions order the bundle; required by ``order="lke"``."""
    manifest: Manifest | None = None
    """The unit's full evidence manifest (default: made from the project); the bundle
    embeds the view for its audience."""
    signing: SigningKey | None = None
    """Sign the bundle (PAdES) with this key (``--sign``)."""


ORDERS = ("plan", "lke")
