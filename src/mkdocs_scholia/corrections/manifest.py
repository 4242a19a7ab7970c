"""Every published URL and anchor, and a check that none disappears.

Readers cite this edition by URL, down to the paragraph (``/personal-factors/#p2.3``).
``tests/url-manifest.txt`` lists every URL and citable anchor the site has
ever published, one per line, root-relative to the site (``/``,
``/personal-factors/``, ``/personal-factors/#p2.3``). The list only grows:
regenerating it (``scripts/url-manifest``) adds what a build publishes and
keeps what it no longer does.

:func:`check` compares the manifest with a built site: every listed URL must
still be published, or be covered by a redirect. Pages are redirected with
the ``redirects`` plugin (mkdocs-redirects, ``redirect_maps`` in mkdocs.yml;
its redirect pages carry the ``#anchor`` along, so a renamed page keeps all
its anchors if the new page has the same ids). An anchor that disappears from
a page that stays is redirected with the ``anchor_redirects`` option of the
``scholia-corrections`` plugin (the page's script follows it).

Citable anchors are the ids of headings and the ids that follow the
edition's conventions: pages ``s<N>``, paragraphs ``p<section>.<n>`` (and
``p2.3a`` for a paragraph added later: the grammar of
:mod:`mkdocs_scholia.rules.paragraphs`), reference entries ``ref-…``,
editorial notes ``e<nnn>``, versions ``v<M.m.p>``. Footnote ids and the
theme's own ids are not citable and not listed.

The command that updates and checks the manifest against a build
(``scripts/url-manifest``) reads mkdocs.yml, so it lives with the plugin:
:mod:`mkdocs_scholia.plugins.corrections.manifest_command`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_scholia.rules import paragraphs

CITABLE_ID = re.compile(rf"^(?:s\d+|{paragraphs.PATTERN}|ref-.+|e\d+|v\d+\.\d+\.\d+|unreleased)$")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
NOT_PUBLISHED_DIRS = {"assets", "search"}
NOT_PUBLISHED_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
HEADER = """\
# Every URL and citable anchor this edition has published, one per line,
# relative to the site's root (site_url in mkdocs.yml). The list only grows.
# A test fails when one of them is no longer published and no redirect
# covers it (redirect_maps for pages, anchor_redirects for anchors: see
# CONTRIBUTING.md, "Renaming or removing a page, heading or paragraph").
# Regenerate after adding pages or anchors: scripts/url-manifest
"""


@dataclass
class Site:
    """What a built site publishes: pages with their anchors, and other files."""

    pages: dict[str, set[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    redirects: set[str] = field(default_factory=set)

    def urls(self) -> set[str]:
        urls = set(self.files)
        for page, anchors in self.pages.items():
            urls.add(page)
            urls.update(f"{page}#{anchor}" for anchor in anchors)
        return urls

    def has(self, url: str) -> bool:
        page, _, anchor = url.partition("#")
        if anchor:
            return anchor in self.pages.get(page, ())
        return page in self.pages or page in self.files


def natural(url: str) -> list[object]:
    """Sort key: p2.10 after p2.9."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", url)]


def parse(html: str) -> Any:
    from bs4 import BeautifulSoup  # installed with the test tools (uv's default groups)

    return BeautifulSoup(html, "lxml")


def citable_ids(document: Any) -> set[str]:
    """Ids of headings, and ids following the edition's conventions."""
    return {
        element["id"]
        for element in document.find_all(id=True)
        if element.name in HEADINGS or CITABLE_ID.match(element["id"])
    }


def is_redirect_page(document: Any) -> bool:
    """A page written by the redirects plugin: a refresh to the new URL, and nothing else."""
    refresh = document.find("meta", attrs={"http-equiv": "refresh"})
    return refresh is not None and document.find("div", class_="md-container") is None


def page_url(relative: str) -> str:
    """``personal-factors/index.html`` -> ``/personal-factors/``."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def collect(site_dir: Path) -> Site:
    """Read a built site: its pages (not redirect pages) and their citable anchors, and its other files."""
    site = Site()
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        top = relative.split("/", 1)[0]
        if top in NOT_PUBLISHED_DIRS or relative in NOT_PUBLISHED_FILES or top.startswith("."):
            continue
        if path.suffix == ".html":
            document = parse(path.read_text(encoding="utf-8", errors="replace"))
            if is_redirect_page(document):
                site.redirects.add(page_url(relative))
                continue
            site.pages[page_url(relative)] = citable_ids(document)
        else:
            site.files.add("/" + relative)
    return site


def docs_url(path: str, use_directory_urls: bool = True) -> str:
    """The URL of a page given as in mkdocs.yml (``old-name.md``, ``dir/index.md``), anchor kept."""
    path, hash_, anchor = path.partition("#")
    if re.match(r"^https?://", path):
        return path + hash_ + anchor
    stem = path[: -len(".md")] if path.endswith(".md") else path
    name = posixpath.basename(stem)
    parent = posixpath.dirname(stem)
    if name in ("index", "README"):
        url = "/" + (parent + "/" if parent else "")
    elif use_directory_urls:
        url = f"/{stem}/"
    else:
        url = f"/{stem}.html"
    return url + hash_ + anchor


def read(path: Path) -> list[str]:
    """The URLs listed in a manifest file."""
    urls = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls


def write(path: Path, urls: Iterable[str]) -> None:
    lines = sorted(set(urls), key=natural)
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def check(
    manifest: Iterable[str],
    site: Site,
    redirect_maps: Mapping[str, str] | None = None,
    anchor_redirects: Mapping[str, str] | None = None,
    use_directory_urls: bool = True,
) -> list[str]:
    """Problems: manifest URLs no longer published and not covered by a redirect.

    ``redirect_maps`` is the redirects plugin's (old page -> new page, as
    paths under docs/); ``anchor_redirects`` maps ``page.md#old`` to
    ``page.md#new`` (or another page's anchor).
    """
    pages = {
        docs_url(old, use_directory_urls): docs_url(str(new), use_directory_urls)
        for old, new in (redirect_maps or {}).items()
    }
    anchors = {
        docs_url(old, use_directory_urls): docs_url(str(new), use_directory_urls)
        for old, new in (anchor_redirects or {}).items()
    }
    problems = []

    def reaches(target: str) -> bool:
        return bool(re.match(r"^https?://", target)) or site.has(target)

    for url in manifest:
        if site.has(url):
            continue
        page, _, anchor = url.partition("#")
        if url in anchors:
            if reaches(anchors[url]):
                continue
            problems.append(f"{url}: anchor redirect to {anchors[url]}, which is not published")
            continue
        if page in pages:
            target = pages[page]
            target_page, _, target_anchor = target.partition("#")
            if re.match(r"^https?://", target) or not anchor:
                if reaches(target):
                    continue
                problems.append(f"{url}: redirected to {target}, which is not published")
                continue
            # The redirect page carries the anchor along to the new page.
            carried = target if target_anchor else f"{target_page}#{anchor}"
            renamed = anchors.get(f"{target_page}#{anchor}")
            if reaches(carried) or (renamed is not None and reaches(renamed)):
                continue
            problems.append(
                f"{url}: {page} redirects to {target_page}, which has no #{anchor}; declare an anchor redirect"
            )
            continue
        what = "anchor" if anchor else "page"
        problems.append(f"{url}: this {what} is no longer published and no redirect covers it")
    return problems


def unlisted(manifest: Iterable[str], site: Site) -> list[str]:
    """URLs the site publishes that the manifest does not list yet."""
    return sorted(site.urls() - set(manifest), key=natural)
