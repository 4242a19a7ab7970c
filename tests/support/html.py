"""Reading a built site: its pages parsed, and its links followed the way a browser would.

A link is resolved against the URL of the page it is on, then mapped back to a
file of the built site (``x/`` is ``x/index.html``), and its fragment looked up
as an element id in that file.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from lxml import html as lxml_html

BASE = "http://site.invalid/"


@lru_cache(maxsize=256)
def _parse(path: str, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def soup(path: Path) -> BeautifulSoup:
    """The parsed HTML of ``path``, parsed once while the file is unchanged.

    The tree is shared by every caller: read it, never change it (parse the
    file yourself, with ``BeautifulSoup(text, "lxml")``, to change it).
    """
    status = path.stat()
    return _parse(str(path), status.st_mtime_ns, status.st_size)


def page_file(site: Path, page: str) -> Path:
    """The file of a page given by its URL relative to the site: ``""`` or ``"introduction/"``."""
    return site / page / "index.html" if page else site / "index.html"


def page_soup(site: Path, page: str) -> BeautifulSoup:
    """The parsed page at ``page`` (``""``, ``"introduction/"``) of a built site: see :func:`soup`."""
    return soup(page_file(site, page))


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
    """The URL of a file of the built site, under :data:`BASE`."""
    rel = page.relative_to(site).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@dataclass(frozen=True)
class Target:
    """Where a link leads: a file of the built site and a fragment (maybe empty)."""

    file: Path
    fragment: str

    def element(self) -> BeautifulSoup | Tag | None:
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


# Elements that text from a .bib file or a data file could only have made by being written unescaped.
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "img", "svg", "math", "form", "input",
                  "marquee", "link", "meta", "base", "frame", "frameset", "b", "textarea"}


def unsafe_markup(page: str) -> list[str]:
    """Anything in the HTML ``page`` that input could only have put there unescaped:
    a dangerous element, an ``on*`` attribute, a ``javascript:``/``data:``/``vbscript:`` URL."""
    problems = []
    tree = lxml_html.fromstring(f"<div>{page}</div>")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in DANGEROUS_TAGS:
            problems.append(f"<{element.tag}> element")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{name} attribute on <{element.tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    problems.append(f"{name}={value!r}")
    return problems
