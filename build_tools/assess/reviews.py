"""The internal assessment team's (TPI) verdicts: ``reviews.yaml`` at the unit root.

Format (keys in Bahasa Indonesia, documented in README, "Berkas reviews.yaml")::

    I.1.a:
      putusan: diterima          # diterima | ditolak | perlu_perbaikan
      penilai: Budi Santoso
      tanggal: 2020-03-15
      catatan: SK sudah ditandatangani.

The file is optional. A rejected item (``ditolak``) scores 0 whatever files
exist; ``perlu_perbaikan`` keeps the item's score and shows the note.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from build_tools.core.errors import InputError, Location
from build_tools.core.months import natural_key
from build_tools.core.suggest import did_you_mean
from build_tools.core.yamlread import Reader, read_input
from build_tools.plan.structure import Plan

REVIEWS_FILE = "reviews.yaml"


class Verdict(enum.Enum):
    ACCEPTED = "diterima"
    REJECTED = "ditolak"
    NEEDS_WORK = "perlu_perbaikan"

    @property
    def label(self) -> str:
        return {"diterima": "diterima", "ditolak": "ditolak",
                "perlu_perbaikan": "perlu perbaikan"}[self.value]


@dataclass(frozen=True)
class Review:
    code: str
    verdict: Verdict
    reviewer: str
    date: dt.date | None
    note: str
    location: Location


@dataclass(frozen=True)
class Reviews:
    """Every verdict of reviews.yaml by evidence code (empty when there is no file)."""

    path: Path | None
    by_code: dict[str, Review]

    def get(self, code: str) -> Review | None:
        return self.by_code.get(code)

    def in_order(self) -> list[Review]:
        return [self.by_code[c] for c in sorted(self.by_code, key=natural_key)]


def load_reviews(path: Path, plan: Plan) -> Reviews:
    """Read ``reviews.yaml`` (absent → no reviews); InputError naming file:line otherwise."""
    path = Path(path)
    if not path.exists():
        return Reviews(None, {})
    reader = Reader(path)
    text = read_input(path, lambda issues: InputError(issues, REVIEWS_FILE))
    root = reader.compose(text)
    reviews: dict[str, Review] = {}
    if root is not None and not (root.tag.endswith(":null") and not root.value):
        codes = list(plan.codes)
        for code, node in reader.mapping(root, REVIEWS_FILE).items():
            key_node = next(k for k, v in root.value if v is node)
            if code not in codes:
                reader.error(key_node, f"kode bukti '{code}' tidak ada di rencana",
                             did_you_mean(code, codes, "lihat kode di plan.yaml"))
                continue
            review = _review(reader, code, node)
            if review is not None:
                reviews[code] = review
    if reader.issues:
        raise InputError(reader.issues, REVIEWS_FILE)
    return Reviews(path, reviews)


def _review(reader: Reader, code: str, node) -> Review | None:
    m = reader.mapping(node, f"ulasan {code}", required=("putusan",),
                       optional=("penilai", "tanggal", "catatan"))
    if not m:
        return None
    raw = reader.text(m.get("putusan"), f"putusan {code}")
    verdict = None
    try:
        verdict = Verdict(raw)
    except ValueError:
        known = [v.value for v in Verdict]
        reader.error(m.get("putusan"), f"putusan '{raw}' untuk {code} tidak dikenal",
                     did_you_mean(raw.lower().replace(" ", "_"), known, f"gunakan salah satu: {', '.join(known)}"))
    date = None
    if "tanggal" in m:
        raw_date = reader.text(m["tanggal"], f"tanggal {code}")
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            reader.error(m["tanggal"], f"tanggal '{raw_date}' untuk {code} tidak sah",
                         "tulis sebagai YYYY-MM-DD, contoh 2020-03-15")
    if verdict is None:
        return None
    return Review(code=code, verdict=verdict,
                  reviewer=reader.text(m.get("penilai"), f"penilai {code}", required=False),
                  date=date, note=reader.text(m.get("catatan"), f"catatan {code}", required=False),
                  location=reader.at(node))
