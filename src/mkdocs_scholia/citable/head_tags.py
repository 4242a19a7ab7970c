"""``<head>`` tags: Highwire (Google Scholar, Zotero), Dublin Core, PRISM, Open Graph, Twitter cards.

Plain data — a list of :class:`Tag` — never markup; the package's template
``partials/scholia-meta.html`` writes them, escaping every attribute.

What each page says about itself (docs-dev/citation-model.md): the edition is
one book, and each page a part of it.

* The home page and the one-page full text describe the **edition**: a book
  (``og:type`` ``book``, which is how Zotero's Embedded Metadata translator,
  reading Open Graph through its RDF reader, types a page that no Highwire tag
  types), with its editors (``citation_editor``), its version as the edition
  statement (``prism.edition``), the text's abstract (``citation_abstract``)
  and the edition's address (``og:url``), so that both save the same item.
  The full text is the edition's single scholarly record for Google Scholar:
  only it names the PDF (``citation_pdf_url``); the home page points to it
  (``citation_fulltext_html_url``).
* Every other page describes itself as a **part** of that book
  (``citation_title`` "Personal Factors", ``citation_inbook_title`` the
  edition, which Zotero saves as a book section), names no PDF, and points
  to the edition's record (``DCTERMS.isPartOf``, the full text). A page the
  editors wrote is credited to them (``citation_author``).

Names go in Highwire's inverted form, "Wang, Jianing"; an organisation as
"Scholia Editions," (the inverted form with no given name), which Zotero
saves as one name instead of splitting it at its last space.

Every page lists the works it cites, one ``citation_reference`` each, in the
``key=value; key=value`` form Google Scholar reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_scholia.citable.cite_this import EDITION
from mkdocs_scholia.citable.cited_works import citation_reference
from mkdocs_scholia.citable.identity import Person
from mkdocs_scholia.citable.page_facts import PageFacts

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Tag:
    """``<meta name=… content=…>``, ``<meta property=… content=…>`` or ``<link rel=… href=…>``."""

    kind: str  # "name", "property" or "link"
    key: str
    value: str


def highwire_name(person: Person) -> str:
    """"Wang, Jianing"; an organisation "Scholia Editions," (kept whole by Zotero)."""
    return f"{person.family}," if person.organization else person.inverted


def tags(facts: PageFacts) -> list[Tag]:
    """Every tag of the page, in a fixed order."""
    item, edition = facts.item, facts.item.edition
    whole = item.kind == EDITION
    out: list[Tag] = []

    def name(key: str, value: str | None) -> None:
        if value:
            out.append(Tag("name", key, value))

    def prop(key: str, value: str | None) -> None:
        if value:
            out.append(Tag("property", key, value))

    description = facts.abstract or facts.description

    # Highwire Press, as Google Scholar and Zotero read it
    name("citation_title", item.title)
    for author in item.creators:
        name("citation_author", highwire_name(author))
        if not author.organization:
            name("citation_author_institution", author.affiliation)
            name("citation_author_email", author.email)
            name("citation_author_orcid", author.orcid_url)
    for editor in edition.editors:
        name("citation_editor", highwire_name(editor))
    name("citation_publication_date", edition.date_slashed)
    name("citation_online_date", edition.date_slashed)
    if not whole:
        name("citation_inbook_title", edition.title)
        name("citation_book_title", edition.title)
    name("citation_publisher", edition.publisher)
    name("citation_language", edition.language)
    name("citation_doi", edition.doi if whole else None)
    name("citation_abstract", facts.abstract)
    name("citation_fulltext_html_url", facts.fulltext_url)
    name("citation_pdf_url", facts.pdf_url)
    name("citation_keywords", "; ".join(facts.keywords))
    for entry in facts.cited:
        name("citation_reference", citation_reference(entry))

    # PRISM: the version as the edition statement (Zotero's "edition" field)
    name("prism.edition", f"Version {edition.version}")

    # Dublin Core (the schema links let Zotero's RDF reader resolve the prefixes)
    out.append(Tag("link", "schema.DC", DC))
    out.append(Tag("link", "schema.DCTERMS", DCTERMS))
    name("DC.title", item.title)
    for author in item.creators:
        name("DC.creator", highwire_name(author))
    for editor in edition.editors:
        name("DC.contributor", highwire_name(editor))
    name("DC.date", edition.date.isoformat())
    name("DCTERMS.issued", edition.date.isoformat())
    name("DC.publisher", edition.publisher)
    name("DC.type", "Text")
    name("DC.format", "text/html")
    name("DC.identifier", facts.url)
    name("DC.language", edition.language)
    name("DC.description", description)
    for keyword in facts.keywords:
        name("DC.subject", keyword)
    name("DC.rights", edition.license_url or edition.rights)
    name("DCTERMS.hasVersion", edition.version)
    if not whole:
        name("DCTERMS.isPartOf", facts.record_url or facts.edition_url)

    # Open Graph and Twitter cards
    prop("og:type", "book" if whole else "article")
    prop("og:title", item.title)
    prop("og:description", facts.description)
    prop("og:url", facts.edition_url if whole else facts.url)
    prop("og:site_name", facts.site_name)
    if "-" in edition.language:  # Open Graph wants language_TERRITORY ("en_GB")
        prop("og:locale", edition.language.replace("-", "_"))
    if whole:
        prop("book:release_date", edition.date.isoformat())
        for keyword in facts.keywords:
            prop("book:tag", keyword)
    else:
        prop("article:published_time", edition.date.isoformat())
        for author in item.creators:
            prop("article:author", author.orcid_url or author.name)
        for keyword in facts.keywords:
            prop("article:tag", keyword)
    name("twitter:card", "summary")
    name("twitter:title", item.title)
    name("twitter:description", facts.description)
    return out
