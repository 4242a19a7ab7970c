"""``<head>`` tags: Highwire (Google Scholar, Zotero), Dublin Core, Open Graph, Twitter cards.

Plain data — a list of :class:`Tag` — never markup; the package's template
``partials/scholia-meta.html`` writes them, escaping every attribute.

What each page says about itself:

* the home page and the one-page full text describe the **edition** (the
  whole essay): ``citation_title`` is the edition's title, and the PDF is
  named in ``citation_pdf_url``;
* every other page describes itself as a **part** of the edition
  (``citation_title`` "Personal Factors", ``citation_inbook_title`` the
  edition), which is what Zotero saves as a book section and what the page's
  "Cite this section" exports say too. A part has no PDF of its own, so it
  names none; its full text is the page itself.

Every page lists the works it cites, one ``citation_reference`` each, in the
``key=value; key=value`` form Google Scholar reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_scholia.citable.cite_this import EDITION
from mkdocs_scholia.citable.cited_works import citation_reference
from mkdocs_scholia.citable.page_facts import PageFacts

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Tag:
    """``<meta name=… content=…>``, ``<meta property=… content=…>`` or ``<link rel=… href=…>``."""

    kind: str  # "name", "property" or "link"
    key: str
    value: str


def tags(facts: PageFacts) -> list[Tag]:
    """Every tag of the page, in a fixed order."""
    item, edition = facts.item, facts.item.edition
    out: list[Tag] = []

    def name(key: str, value: str | None) -> None:
        if value:
            out.append(Tag("name", key, value))

    def prop(key: str, value: str | None) -> None:
        if value:
            out.append(Tag("property", key, value))

    # Highwire Press, as Google Scholar and Zotero read it
    name("citation_title", item.title)
    for author in edition.authors:
        name("citation_author", author.inverted)
        name("citation_author_institution", author.affiliation)
        name("citation_author_email", author.email)
        name("citation_author_orcid", author.orcid_url)
    name("citation_publication_date", edition.date_slashed)
    name("citation_online_date", edition.date_slashed)
    if item.kind != EDITION:
        name("citation_inbook_title", edition.title)
        name("citation_book_title", edition.title)
    name("citation_publisher", edition.publisher)
    name("citation_language", edition.language)
    name("citation_doi", edition.doi if item.kind == EDITION else None)
    name("citation_fulltext_html_url", facts.fulltext_url)
    name("citation_pdf_url", facts.pdf_url)
    name("citation_keywords", "; ".join(facts.keywords))
    for entry in facts.cited:
        name("citation_reference", citation_reference(entry))

    # Dublin Core (the schema links let Zotero's RDF reader resolve the prefixes)
    out.append(Tag("link", "schema.DC", DC))
    out.append(Tag("link", "schema.DCTERMS", DCTERMS))
    name("DC.title", item.title)
    for author in edition.authors:
        name("DC.creator", author.inverted)
    for editor in edition.editors:
        name("DC.contributor", editor.inverted)
    name("DC.date", edition.date.isoformat())
    name("DCTERMS.issued", edition.date.isoformat())
    name("DC.publisher", edition.publisher)
    name("DC.type", "Text")
    name("DC.format", "text/html")
    name("DC.identifier", facts.url)
    name("DC.language", edition.language)
    name("DC.description", facts.description)
    for keyword in facts.keywords:
        name("DC.subject", keyword)
    name("DC.rights", edition.license_url or edition.rights)
    name("DCTERMS.hasVersion", edition.version)
    if item.kind != EDITION:
        name("DCTERMS.isPartOf", facts.edition_url)

    # Open Graph and Twitter cards
    prop("og:type", "article")
    prop("og:title", item.title)
    prop("og:description", facts.description)
    prop("og:url", facts.url)
    prop("og:site_name", facts.site_name)
    if "-" in edition.language:  # Open Graph wants language_TERRITORY ("en_GB")
        prop("og:locale", edition.language.replace("-", "_"))
    prop("article:published_time", edition.date.isoformat())
    for author in edition.authors:
        prop("article:author", author.orcid_url or author.name)
    if item.kind != EDITION:
        prop("article:section", item.title)
    for keyword in facts.keywords:
        prop("article:tag", keyword)
    name("twitter:card", "summary")
    name("twitter:title", item.title)
    name("twitter:description", facts.description)
    return out
