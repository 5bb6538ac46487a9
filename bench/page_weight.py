"""How many bytes a reader downloads for one lesson page: HTML, CSS, JS, fonts.

Counts the files a built page links (stylesheets, scripts) and the fonts and
stylesheets those stylesheets pull in with ``url(...)``/``@import``, each
once, uncompressed, as they lie in the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

DOCS = Path(__file__).resolve().parent.parent / "docs"
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}


@dataclass
class PageWeight:
    page: str
    bytes_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("html", "css", "js", "fonts"), 0))

    def row(self) -> str:
        kib = [f"{self.bytes_by_kind[k] / 1024:.0f} KiB" for k in ("html", "css", "js", "fonts")]
        total = sum(self.bytes_by_kind.values()) / 1024
        return f"| {self.page} | " + " | ".join(kib) + f" | {total:.0f} KiB |"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in ("stylesheet", "preload"):
            self.found.append(attributes.get("href") or "")
        elif tag == "script" and attributes.get("src"):
            self.found.append(attributes["src"])


def _local(base: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # on another server, or inline data
    path = (base / parts.path).resolve()
    return path if path.is_file() else None


def _kind(path: Path) -> str:
    if path.suffix in FONT_SUFFIXES:
        return "fonts"
    return {".css": "css", ".js": "js"}.get(path.suffix, "html")


def weigh(page: Path) -> PageWeight:
    weight = PageWeight(page.relative_to(page.parents[1]).as_posix())
    weight.bytes_by_kind["html"] = page.stat().st_size
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    pending = [p for p in (_local(page.parent, ref) for ref in links.found) if p]
    seen: set[Path] = set()
    while pending:
        asset = pending.pop()
        if asset in seen:
            continue
        seen.add(asset)
        weight.bytes_by_kind[_kind(asset)] += asset.stat().st_size
        if asset.suffix == ".css":
            for match in CSS_URL.finditer(asset.read_text(encoding="utf-8", errors="replace")):
                found = _local(asset.parent, match[1] or match[2])
                if found:
                    pending.append(found)
    return weight


def lesson_pages(site: Path) -> list[PageWeight]:
    """One entry per lesson page (a ``docs/<lang>/*.md`` that was built)."""
    pages = [site / source.parent.name / f"{source.stem}.html"
             for source in sorted(DOCS.glob("*/*.md"))]
    return [weigh(page) for page in pages if page.is_file()]
