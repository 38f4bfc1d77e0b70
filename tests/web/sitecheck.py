"""Reading a built site back: links, leaks, external fetches."""

from __future__ import annotations

import hashlib
import html
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from build_tools.site.markup import slug, wrappable

EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:", "//")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append((tag, name, value))


def links(page: Path) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser.links


def broken_links(site: Path) -> list[str]:
    """Every relative href/src of every HTML page that does not resolve to a file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html" and page.parent == site:
            continue  # served at any path, so mkdocs gives it root-absolute links
        for _tag, _attr, value in links(page):
            if value.startswith(EXTERNAL) or value.startswith("#"):
                continue
            path = unquote(urlsplit(value).path)
            if not path:
                continue
            target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {value}")
    return broken


def external_fetches(site: Path) -> list[str]:
    """Resources (scripts, styles, images, fonts) loaded from outside the site."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, attr, value in links(page):
            fetched = attr == "src" or tag == "link"
            if fetched and value.startswith(EXTERNAL) and not value.startswith("data:"):
                found.append(f"{page.relative_to(site)}: <{tag} {attr}={value}>")
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8", "replace")
        if "fonts.googleapis" in text or "@import url(http" in text:
            found.append(f"{css.relative_to(site)}: fetches a font or stylesheet")
    return found


def site_blob(site: Path) -> bytes:
    """Every byte of every file of the site, and every path, in one searchable blob."""
    parts = []
    for path in sorted(site.rglob("*")):
        parts.append(path.relative_to(site).as_posix().encode())
        if path.is_file():
            parts.append(path.read_bytes())
    return b"\0".join(parts)


def needles(restricted: list[Path], public: list[Path], window: int = 48, stride: int = 24) -> list[bytes]:
    """Byte strings that would prove a restricted file (or its name) leaked.

    Every ``window``-byte slice of each restricted file that appears in no
    public evidence file (PDF boilerplate is shared), plus the name in every
    form a page could print it and the SHA-256.
    """
    public_blob = b"\0".join(p.read_bytes() for p in public)
    result = []
    for path in restricted:
        data = path.read_bytes()
        for start in range(0, max(1, len(data) - window), stride):
            chunk = data[start:start + window]
            if len(chunk) == window and chunk not in public_blob:
                result.append(chunk)
        name = path.name
        # Pages print names with break opportunities (<wbr>) and hashes in groups of 16.
        for form in {name, html.escape(name), quote(name), quote(name, safe=""), slug(name), str(wrappable(name))}:
            result.append(form.encode())
        digest = hashlib.sha256(data).hexdigest()
        result += [digest.encode(), digest[:12].encode(), str(wrappable(digest, 16)).encode()]
    return result


def leaks(site: Path, restricted: list[Path], public: list[Path]) -> list[bytes]:
    blob = site_blob(site)
    return [n for n in needles(restricted, public) if n in blob]
