"""Link check of a built site: every internal link, resource and ``#anchor`` resolves.

Usage: ``python -m mkdocs_scholia.checks.links SITE_DIR [--config mkdocs.yml]``
(``mkdocs-scholia check`` runs it after its strict build).

Every page of the built site is read once. Each URL it uses (``href`` of
links and areas, ``<link>``, ``src`` and ``srcset`` of scripts, images,
frames and media, ``<object data>``, the target of a ``<meta http-equiv=
refresh>`` redirect page) and each ``url(…)`` of the site's stylesheets that
points into the site must name a file of the build; a folder stands for its
``index.html``, as a web server serves it. Every ``#anchor`` of a link
(``<a>``, ``<area>``) to a page of the site must be an ``id`` (or a legacy
``<a name>``) of that page. Absolute paths are read under the path of
``site_url`` (``/sino-soviet-split/``), as GitHub Pages serves the site, and
so are absolute URLs that start with ``site_url`` itself (canonical links).
A permanent link into a released version (``<site_url>v/1.0.1/…``) is checked
only where that version is (the deployable site of ``mkdocs-scholia
versions``, which checks every one of them): a plain build has none.

External links are not followed: the check needs no network, and a third
party's site being down is not an error in the edition. The check is
deterministic and looks at every link: no server, no threads, no cache that
answers a second link to a page without looking at its anchor.

This replaces LinkChecker for internal links. LinkChecker fetched the same
files through a local web server; the site is static, so asking the file
system is the same question, answered without a server and in a fraction of
the time, and LinkChecker is a large tool to install in every edition.
"""

from __future__ import annotations

import argparse
import html.parser
import re
import sys
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_scholia.checks import siteconfig

URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
}
"""The attributes that hold one URL, by element."""
SRCSET_ELEMENTS = ("img", "source")
ANCHOR_ELEMENTS = ("a", "area")
"""Only these take a reader to an ``#anchor``; other elements' fragments are not ids."""
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
REFRESH_URL = re.compile(r"""^\s*\d+\s*[;,]\s*url\s*=\s*['"]?([^'"]+)""", re.IGNORECASE)
VERSIONED = re.compile(r"v/(\d+\.\d+\.\d+)/")
"""The folder of a released version, ``v/1.0.1/``, that ``mkdocs-scholia versions`` adds beside a build."""


@dataclass(frozen=True)
class Link:
    """One URL a file of the site uses, and where."""

    source: Path
    line: int
    url: str
    takes_anchor: bool


@dataclass
class Page:
    """What one HTML page offers (its ids) and uses (its links)."""

    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """The result: how many links and anchors were checked, and what is broken."""

    links: int
    anchors: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return f"linkcheck: {self.links} links checked, {self.anchors} anchors checked, {len(self.problems)} broken"


class _PageParser(html.parser.HTMLParser):
    def __init__(self, source: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.page = Page()
        self._in_style = False

    def _use(self, url: str, takes_anchor: bool = False) -> None:
        self.page.links.append(Link(self.source, self.getpos()[0], url.strip(), takes_anchor))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if values.get(attribute):
                self._use(values[attribute], takes_anchor=tag in ANCHOR_ELEMENTS)
        if tag in SRCSET_ELEMENTS and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self._use(candidate.split()[0])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = REFRESH_URL.match(values.get("content", ""))
            if match:
                self._use(match.group(1), takes_anchor=True)
        if values.get("style"):
            for match in CSS_URL.finditer(values["style"]):
                self._use(match.group(2))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for match in CSS_URL.finditer(data):
                self._use(match.group(2))


def read_pages(site: Path) -> dict[Path, Page]:
    """Every HTML page of the site, by resolved path."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _PageParser(path.resolve())
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        pages[path.resolve()] = parser.page
    return pages


def stylesheet_links(site: Path) -> list[Link]:
    """Every ``url(…)`` of the site's stylesheets."""
    links = []
    for path in sorted(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            links.append(Link(path.resolve(), text.count("\n", 0, match.start()) + 1, match.group(2).strip(), False))
    return links


def _internal_path(url: str, base: str, site_url: str) -> str | None:
    """The path part of ``url`` if it points into the site, else ``None`` (external, ``data:``, ``mailto:``…)."""
    if site_url and url.startswith(site_url):
        return base + url[len(site_url) :]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    return url


def check_site(site: Path, base: str = "/", site_url: str = "") -> Report:
    """Check every internal link, resource and anchor of the site built in ``site``.

    ``base`` is the path the site is served under (:func:`siteconfig.base_path`);
    ``site_url``, when given, makes absolute URLs into the site internal too.
    """
    root = site.resolve()
    pages = read_pages(root)
    links: list[Link] = [link for page in pages.values() for link in page.links]
    links += stylesheet_links(root)
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    checked = anchors = 0
    problems: list[str] = []

    def where(link: Link) -> str:
        return f"/{link.source.relative_to(root).as_posix()} line {link.line}: {link.url}"

    for link in links:
        internal = _internal_path(link.url, base, site_url)
        if internal is None:
            continue
        parts = urllib.parse.urlsplit(internal)
        path = urllib.parse.unquote(parts.path)
        if not path and not parts.fragment:
            continue  # href="" or "?query": the page itself
        if path.startswith("/") and path.startswith(base):
            version = VERSIONED.match(path[len(base) :])
            if version and not (root / "v" / version.group(1)).is_dir():
                # A permanent link of "Cite this" into a release that `mkdocs-scholia
                # versions` publishes beside this build, and checks there.
                continue
        checked += 1
        if path.startswith("/"):
            if not path.startswith(base):
                problems.append(f"{where(link)}: outside the site (not under {base})")
                continue
            target = root / path[len(base) :]
        else:
            target = link.source.parent / path if path else link.source
        target = target.resolve()
        if target.is_dir() or path.endswith("/"):
            target = target / "index.html"
        if target != root and root not in target.parents:
            problems.append(f"{where(link)}: outside the site")
            continue
        if not target.is_file():
            problems.append(f"{where(link)}: no such file in the site ({target.relative_to(root).as_posix()})")
            continue
        if not (link.takes_anchor and parts.fragment and target in pages):
            continue
        anchors += 1
        anchor = urllib.parse.unquote(parts.fragment)
        if anchor not in pages[target].ids:
            problems.append(f"{where(link)}: Anchor `{anchor}' (not found)")
    return Report(links=checked, anchors=anchors, problems=tuple(problems))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="linkcheck", description="Check every internal link, resource and #anchor of a built site."
    )
    parser.add_argument("site", type=Path, help="the built site (a folder with index.html)")
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml, for site_url (default: ./mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is not a built site: it has no index.html")
    site_url = ""
    if args.config.is_file():
        site_url = str(siteconfig.load(args.config).get("site_url") or "")
    report = check_site(args.site, siteconfig.base_path(site_url), site_url)
    print_report(report)
    return 0 if report.ok else 1


def print_report(report: Report) -> None:
    """Each problem on standard error, then the summary on standard output."""
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(report.summary())


if __name__ == "__main__":
    sys.exit(main())
