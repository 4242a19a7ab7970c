"""What the head metadata of one page is made from."""

from __future__ import annotations

from dataclasses import dataclass

from pybtex.database import Entry

from mkdocs_scholia.citable.cite_this import Citable


@dataclass(frozen=True)
class PageFacts:
    """One page, as its ``<head>`` metadata describes it."""

    item: Citable  # what the page presents (the edition, or a part of it)
    url: str  # canonical URL of the page
    title: str  # the page's own title
    description: str
    cited: tuple[Entry, ...]  # the works cited on the page, in order, each once
    keywords: tuple[str, ...]
    fulltext_url: str | None  # where the full text of what the page describes is (the page itself for a part)
    pdf_url: str | None  # the PDF, on the page that is the edition's scholarly record (the full text)
    edition_url: str  # the edition's home: its address in every reference
    site_name: str
    mentions: tuple[dict, ...] = ()  # schema.org nodes of what the page names (the index of names)
    record_url: str | None = None  # the edition's single scholarly record: the full-text page
    abstract: str | None = None  # the text's abstract, on the edition's pages
