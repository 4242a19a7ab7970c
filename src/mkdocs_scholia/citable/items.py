"""Everything citable in the edition: the edition, each part (page) and each paragraph.

Each item has a key (``wang2026critical-s2``, ``wang2026critical-p2.3``), a
stable URL, its version's permanent link when the edition has one, and the
paths of its BibTeX, RIS and CSL-JSON files under the site's ``cite/`` folder
(``cite/personal-factors/p2.3.bib``). The home page is not a part: it is the
edition, and its paragraphs are cited as the edition's.
A page the editors wrote (``editorial_pages``), and each of its paragraphs, is
credited to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mkdocs_scholia.citable.cite_this import EDITION, PARAGRAPH, PART, Citable
from mkdocs_scholia.citable.exports import FORMATS
from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.citable.records import PageRecord


def slug_for(url: str) -> str:
    """``personal-factors/`` → ``personal-factors``; the home page → ``home``."""
    stem = url.strip("/").replace("/", "-")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    return stem or "home"


def files_for(directory: str, slug: str) -> dict[str, str]:
    """Where an item's exports go: format → path under the site root."""
    folder = directory.strip("/")
    return {fmt: f"{folder}/{slug}.{ext}" for fmt, (ext, _, _) in FORMATS.items()}


@dataclass
class CitableItems:
    """The items of one build, by what they are."""

    edition: Citable
    parts: dict[str, Citable] = field(default_factory=dict)  # src_uri → the page as a part
    paragraphs: dict[str, Citable] = field(default_factory=dict)  # paragraph id → item
    every: dict[str, Citable] = field(default_factory=dict)  # key → item, each exported


def make_items(
    edition: Edition, records: Iterable[PageRecord], directory: str, editorial_pages: Iterable[str] = ()
) -> CitableItems:
    """The edition, then each page and its paragraphs, in the order of ``records``."""
    by_editors = set(editorial_pages)
    files = files_for(directory, "edition")
    whole = Citable(
        EDITION,
        edition.key,
        edition.title,
        edition.url(),
        edition,
        slug="edition",
        files=files,
        permanent_url=edition.permanent_url(),
    )
    items = CitableItems(edition=whole, every={whole.key: whole})
    for record in records:
        slug = slug_for(record.url)
        suffix = f"s{record.section}" if record.section else slug
        part = Citable(
            PART,
            f"{edition.key}-{suffix}",
            record.title,
            edition.url(record.url),
            edition,
            section=record.section,
            slug=slug,
            files=files_for(directory, slug),
            by_editors=record.src_uri in by_editors,
            permanent_url=edition.permanent_url(record.url),
        )
        items.parts[record.src_uri] = part
        if not record.is_homepage:
            items.every[part.key] = part
        for ident in record.paragraphs:
            paragraph = Citable(
                PARAGRAPH,
                f"{edition.key}-{ident}",
                record.title if not record.is_homepage else edition.title,
                f"{part.url}#{ident}",
                edition,
                section=record.section,
                paragraph=ident,
                slug=f"{slug}/{ident}",
                files=files_for(directory, f"{slug}/{ident}"),
                whole=record.is_homepage,
                by_editors=part.by_editors,
                permanent_url=f"{part.permanent_url}#{ident}" if part.permanent_url else None,
            )
            items.every[paragraph.key] = paragraph
            items.paragraphs[ident] = paragraph
    return items
