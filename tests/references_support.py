"""What the References tests share: reading a built site and following its links.

A link is followed the way a browser would: resolved against the URL of the
page it is on, then mapped back to a file of the built site (``x/`` is
``x/index.html``), and its fragment looked up as an element id in that file.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

BASE = "http://site.invalid/"


@lru_cache(maxsize=256)
def _parse(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def soup(path: Path) -> BeautifulSoup:
    """The parsed HTML of ``path`` (cached while the file is unchanged)."""
    return _parse(str(path), path.stat().st_mtime)


def html_pages(site: Path) -> list[Path]:
    """Every page of the built site (no theme assets, no 404 page, and not the
    one-page full text, which repeats the other pages' citations)."""
    return sorted(
        path
        for path in site.rglob("*.html")
        if "assets" not in path.relative_to(site).parts
        and path.name != "404.html"
        and '<div class="scholia-full-text">' not in path.read_text(encoding="utf-8")
    )


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@dataclass(frozen=True)
class Target:
    file: Path
    fragment: str

    def element(self):
        """The element the fragment names, or None (the whole page when there is no fragment)."""
        if not self.file.is_file():
            return None
        document = soup(self.file)
        if not self.fragment:
            return document
        return document.find(id=urllib.parse.unquote(self.fragment))


def resolve(site: Path, page: Path, href: str) -> Target:
    """Where ``href``, written on ``page``, leads inside the built site."""
    absolute = urllib.parse.urljoin(page_url(site, page), href)
    assert absolute.startswith(BASE), f"{href!r} on {page} leaves the site"
    parts = urllib.parse.urlsplit(absolute)
    path = urllib.parse.unquote(parts.path.lstrip("/"))
    if path == "" or path.endswith("/"):
        path += "index.html"
    return Target(site / posixpath.normpath(path), parts.fragment)
