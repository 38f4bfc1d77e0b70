"""Trim a built site of what no reader uses: source maps, other languages' search
files, the second copy of the search index.

mkdocs-material copies every theme file into every build: source maps of its
scripts and styles (1.3 MB), the lunr stemmers of 30 languages and the Thai and
Japanese word splitters (0.9 MB), and the offline plugin writes the search
index twice (``search_index.json`` for http, ``search_index.js`` for file://).
:func:`prune` removes them after the build; ``assets/search-index.js`` (loaded
in ``<head>``) answers the theme's request for the JSON from the script, so one
index serves both. What another engine writes is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LUNR = Path("assets") / "javascripts" / "lunr"
SEARCH = Path("search")
_MAP_COMMENT = re.compile(rb"\n?(//|/\*)# sourceMappingURL=\S+?(\s*\*/)?\s*$")


@dataclass(frozen=True)
class Pruned:
    files: int
    bytes: int


def lunr_files(languages: tuple[str, ...]) -> set[str]:
    """The lunr files (relative to ``assets/javascripts/lunr``) the search worker loads for ``languages``."""
    keep: set[str] = set()
    others = [lang for lang in languages if lang != "en"]
    for lang in others:
        keep.add(f"min/lunr.{lang}.min.js")
        if lang == "ja":
            keep.add("tinyseg.js")
        if lang in ("hi", "th"):
            keep.add("wordcut.js")
    if others:
        keep.add("min/lunr.stemmer.support.min.js")
    if len(languages) > 1:
        keep.add("min/lunr.multi.min.js")
    return keep


def prune(site: Path, languages: tuple[str, ...] = ("en",)) -> Pruned:
    """Remove source maps, unused lunr files and the JSON copy of the search index."""
    site = Path(site)
    doomed = [p for p in site.rglob("*.map") if p.is_file()]
    lunr = site / LUNR
    if lunr.is_dir():
        keep = lunr_files(languages)
        doomed += [p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in keep]
    index = site / SEARCH / "search_index.json"
    if index.is_file() and (site / SEARCH / "search_index.js").is_file():
        doomed.append(index)
    size = 0
    for path in doomed:
        size += path.stat().st_size
        path.unlink()
    folders = [*lunr.rglob("*"), lunr] if lunr.is_dir() else []
    for folder in sorted((p for p in folders if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    for asset in [*site.glob("assets/javascripts/**/*.js"), *site.glob("assets/stylesheets/**/*.css")]:
        data = asset.read_bytes()
        trimmed = _MAP_COMMENT.sub(b"\n", data[-300:])
        if trimmed != data[-300:]:
            asset.write_bytes(data[:-300] + trimmed)
    return Pruned(files=len(doomed), bytes=size)
