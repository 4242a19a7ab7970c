"""What the templates get: the page's head metadata, its "Cite this" panel and its links.

The plugin gives each page's template ``scholia`` (the package's partials
``scholia-meta.html``, ``scholia-actions.html`` and ``scholia-cite.html``
read it). Every value is plain text that the templates escape, except the
Harvard references and the JSON-LD, which are made safe here and marked so.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from pybtex.database import Entry

from mkdocs_scholia.citable import head_tags, jsonld
from mkdocs_scholia.citable.cite_this import Citable
from mkdocs_scholia.citable.exports import FORMATS, render
from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.citable.page_facts import PageFacts
from mkdocs_scholia.citable.records import PageRecord


@dataclass(frozen=True)
class Links:
    """The buttons at the top of a page."""

    full_text: str | None  # the full text's URL, relative to the site root
    is_full_text: bool
    pdf: str | None  # the PDF's path under the site root, when there is one
    pdf_download: str  # the file name a reader's browser saves it as


def dom_id(text: str) -> str:
    """An element id for ``text`` (a key, or a key and a format)."""
    return "scholia-cite-" + re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")


def pdf_download_name(edition: Edition) -> str:
    """``Wang-2026-A-Critical-Analysis-of-the-v1.0.0.pdf``."""
    first = edition.authors[0].family if edition.authors else "edition"
    words = re.findall(r"[A-Za-z0-9]+", edition.title)[:6]
    return f"{first}-{edition.year}-{'-'.join(words)}-v{edition.version}.pdf".replace(" ", "-")


def item_view(item: Citable) -> dict:
    """One item of the "Cite this" panel: its reference and its three exports."""
    downloads = []
    for fmt, (_, media, label) in FORMATS.items():
        downloads.append(
            {
                "format": fmt,
                "label": label,
                "path": item.files[fmt],
                "media": media,
                "content": render(item, fmt),
                "dom": dom_id(f"{item.key}-{fmt}"),
                "filename": posixpath.basename(item.files[fmt]),
            }
        )
    return {
        "kind": item.kind,
        "key": item.key,
        "heading": item.heading,
        "url": item.url,
        "permanent_url": item.permanent_url,
        "paragraph": item.paragraph,
        "harvard": Markup(item.harvard_html()),  # noqa: S704 - the style escapes every field
        "dom": dom_id(item.key),
        "downloads": downloads,
    }


def page_context(
    record: PageRecord,
    *,
    abstract: str | None = None,
    edition: Edition,
    part: Citable,
    edition_item: Citable,
    paragraphs: list[Citable],
    cited: list[Entry],
    links: Links,
    mentions: Sequence[dict] = (),
) -> dict:
    """``scholia`` for the page's template.

    The home page and the full text present the edition; every other page
    presents itself as a part of it, with the edition as the second choice.
    The full text is the edition's scholarly record: it alone names the PDF,
    and the home page and every part point to it (docs-dev/citation-model.md).
    """
    edition_level = record.is_homepage or links.is_full_text
    item = edition_item if edition_level else part
    page_url = edition.url(record.url)
    full_text_url = edition.url(links.full_text) if links.full_text is not None else None
    facts = PageFacts(
        item=item,
        url=page_url,
        title=record.title,
        description=record.description,
        cited=tuple(cited),
        keywords=record.keywords,
        fulltext_url=(full_text_url or page_url) if edition_level else page_url,
        pdf_url=edition.url(links.pdf) if links.pdf and links.is_full_text else None,
        edition_url=edition.url(),
        site_name=edition.site_name,
        mentions=tuple(mentions),
        record_url=full_text_url,
        abstract=abstract if edition_level else None,
    )
    entries = [item_view(edition_item)] if edition_level else [item_view(part), item_view(edition_item)]
    return {
        "meta": head_tags.tags(facts),
        "jsonld": Markup(jsonld.script_safe_json(jsonld.jsonld(facts))),  # noqa: S704 - <, >, & escaped
        "cite": {
            "page_url": page_url,
            "entries": entries,
            "paragraphs": [item_view(p) for p in paragraphs],
            # Changes since this version are not yet released: no permanent link to give.
            "unreleased_since": edition.version if edition.unreleased else None,
        },
        "links": {
            "full_text": links.full_text,
            "is_full_text": links.is_full_text,
            "pdf": links.pdf,
            "pdf_download": links.pdf_download,
        },
    }
