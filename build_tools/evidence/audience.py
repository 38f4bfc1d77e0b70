"""Who an output is for, and which evidence files they may see.

One rule for the site and the bundle: the public sees files marked
``publik`` (the default); reviewers (TPI, TPN) see every file.
"""

from __future__ import annotations

import enum

from build_tools.evidence.scanner import Access, EvidenceFile


class Audience(enum.Enum):
    PUBLIC = "publik"
    """The open web: restricted files are counted, never shown or named."""
    REVIEWER = "penilai"
    """Reviewers (TPI; KemenPAN-RB, KPK, Ombudsman) on an internal host: every file."""

    @property
    def label(self) -> str:
        return "publik" if self is Audience.PUBLIC else "penilai (internal)"

    def may_see(self, file: EvidenceFile) -> bool:
        return self is Audience.REVIEWER or file.access is Access.PUBLIC
