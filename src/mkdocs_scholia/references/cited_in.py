"""Where each work is cited: the data behind "Cited in" and per-page lists.

The citation extension reports, for every page, each citation's id
(``cite-3``), its keys and the id of the nearest enclosing element that has
one (``p2.3`` for a paragraph of the essay). This module turns those records
into places a reader can be sent to, labelled the way the edition numbers
its text: ``§2 ¶3`` is paragraph 3 of section 2, ``§2 ¶3a`` the paragraph
added after it (the grammar is :mod:`mkdocs_scholia.rules.paragraphs`). The
section comes from the page's ``section:`` front matter when present, else
from the paragraph id; a citation outside an identified paragraph is labelled
with the page's title.
Repeated labels (two citations of a work in one paragraph) are told apart as
``§2 ¶3 (2)``.

Nothing here depends on the order in which MkDocs happened to render pages:
places are ordered by the site's navigation, then by position on the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mkdocs_scholia.markdown import DocumentCitations
from mkdocs_scholia.rules import paragraphs


@dataclass(frozen=True)
class PageInfo:
    """What the index needs to know about a page (the plugin makes it from MkDocs' page)."""

    src_uri: str
    url: str  # the page's URL relative to the site root ("personal-factors/", "")
    title: str  # plain text
    section: str | None = None  # the `section:` front matter, as text


@dataclass(frozen=True)
class Place:
    """One citation of one work, as a link target with its label."""

    key: str
    page: PageInfo
    cite_id: str  # "cite-3"
    label: str  # "§2 ¶3", "§2 ¶3 (2)", or the page title
    description: str  # "Section 2, paragraph 3 (Personal Factors)", for a tooltip


def base_label(block_id: str | None, page: PageInfo) -> tuple[str, str]:
    """``("§2 ¶3", "Section 2, paragraph 3 (Personal Factors)")``, or the page title twice."""
    parsed = paragraphs.parse(block_id)
    if parsed is None:
        return page.title, page.title
    section = page.section or str(parsed.section)
    paragraph = parsed.paragraph
    return f"\u00a7{section}\u00a0\u00b6{paragraph}", f"Section {section}, paragraph {paragraph} ({page.title})"


class CitationIndex:
    """Every citation of the site, by work and by page, in reading order."""

    def __init__(self, documents: Mapping[str, DocumentCitations], pages: Iterable[PageInfo]):
        self.pages = list(pages)
        self._by_key: dict[str, list[Place]] = defaultdict(list)
        self._keys_by_page: dict[str, list[str]] = {}
        for page in self.pages:
            document = documents.get(page.src_uri)
            if document is None:
                continue
            self._keys_by_page[page.src_uri] = document.keys
            seen: dict[tuple[str, str], int] = defaultdict(int)
            for record in document.records:
                label, description = base_label(record.block_id, page)
                for key in dict.fromkeys(record.keys):
                    seen[(key, label)] += 1
                    count = seen[(key, label)]
                    shown = label if count == 1 else f"{label} ({count})"
                    said = description if count == 1 else f"{description}, citation {count}"
                    self._by_key[key].append(Place(key, page, record.cite_id, shown, said))

    def places(self, key: str) -> list[Place]:
        return list(self._by_key.get(key, []))

    def cited_keys(self) -> list[str]:
        """Every cited key once, in order of first citation through the site."""
        return list(self._by_key)

    def keys_on(self, src_uri: str) -> list[str]:
        """The keys cited on one page, in order of first citation there."""
        return list(self._keys_by_page.get(src_uri, []))
