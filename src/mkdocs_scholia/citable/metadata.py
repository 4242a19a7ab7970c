"""``<head>`` metadata: Highwire (Google Scholar, Zotero), Dublin Core, Open
Graph, Twitter cards and JSON-LD, computed once per page.

The functions here return plain data — a list of :class:`Tag` and a JSON-LD
string — and never markup; ``overrides/partials/scholia-meta.html`` writes
them, escaping every attribute. JSON-LD is made safe for a ``<script>``
element here (``<``, ``>`` and ``&`` as ``\\u`` escapes).

What each page says about itself:

* the home page and the one-page full text describe the **edition** (the
  whole essay): ``citation_title`` is the edition's title, and the PDF is
  named in ``citation_pdf_url``;
* every other page describes itself as a **part** of the edition
  (``citation_title`` "Personal Factors", ``citation_inbook_title`` the
  edition), which is what Zotero saves as a book section and what the page's
  "Cite this section" exports say too. A part has no PDF of its own, so it
  names none; it points to the full text with ``citation_fulltext_html_url``
  only when it is itself the full text of what it describes (it is).

Every page lists the works it cites, one ``citation_reference`` each, in the
``key=value; key=value`` form Google Scholar reads, and the same works as the
JSON-LD ``citation`` list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pybtex.database import Entry, Person as BibPerson

from mkdocs_scholia.bib.bibliography import Bibliography
from mkdocs_scholia.citable.cite_this import EDITION, Citable
from mkdocs_scholia.citable.identity import Edition, Person
from mkdocs_scholia.style.harvard import latex_to_text
from mkdocs_scholia.style.names import named

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Tag:
    """``<meta name=… content=…>``, ``<meta property=… content=…>`` or ``<link rel=… href=…>``."""

    kind: str  # "name", "property" or "link"
    key: str
    value: str
    extra: tuple[tuple[str, str], ...] = ()  # more attributes (e.g. hreflang)


@dataclass
class PageFacts:
    """What metadata needs to know about one page."""

    item: Citable  # what the page presents (the edition, or a part of it)
    url: str  # canonical URL of the page
    title: str  # the page's own title
    description: str
    cited: list[str]  # keys of the works cited on the page, in order, each once
    keywords: tuple[str, ...]
    fulltext_url: str | None  # the one-page full text
    pdf_url: str | None  # the PDF, when there is one for what the page describes
    edition_url: str  # the edition's home
    site_name: str


# -- works cited ------------------------------------------------------------------


def _text(entry: Entry, name: str) -> str:
    value = entry.fields.get(name, "")
    return " ".join(latex_to_text(value).split()) if value else ""


def _person_name(person: BibPerson) -> tuple[str, str]:
    """(family, given) as plain text; an institution ("{Xinhua}") has no given name."""
    family = latex_to_text(" ".join(person.prelast_names + person.last_names)).strip()
    given = latex_to_text(" ".join(person.first_names + person.middle_names)).strip()
    lineage = latex_to_text(" ".join(person.lineage_names)).strip()
    if lineage:
        given = f"{given}, {lineage}" if given else lineage
    return family, given


def _persons(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    for role in ("author", "editor"):
        persons = named(entry.persons.get(role, []))  # BibTeX's "and others" is nobody to name
        if persons:
            return role, [_person_name(p) for p in persons]
    return "", []


def _pages(entry: Entry) -> tuple[str, str]:
    pages = _text(entry, "pages")
    if not pages:
        return "", ""
    first, _, last = pages.replace("\u2013", "-").replace("\u2014", "-").partition("-")
    return first.strip(" -"), last.strip(" -")


def _doi(entry: Entry) -> str:
    doi = _text(entry, "doi")
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
    return doi.strip()


def reference_pairs(entry: Entry) -> list[tuple[str, str]]:
    """The Highwire fields of one cited work, in Scholar's order."""
    pairs: list[tuple[str, str]] = []
    title = _text(entry, "title")
    if title:
        pairs.append(("citation_title", title))
    role, persons = _persons(entry)
    for family, given in persons:
        name = f"{family}, {given}" if given else family
        pairs.append(("citation_author" if role == "author" else "citation_editor", name))
    year = _text(entry, "year")
    if year:
        pairs.append(("citation_publication_date", year))
    kind = entry.type.lower()
    if kind == "article":
        if _text(entry, "journal"):
            pairs.append(("citation_journal_title", _text(entry, "journal")))
        if _text(entry, "volume"):
            pairs.append(("citation_volume", _text(entry, "volume")))
        if _text(entry, "number"):
            pairs.append(("citation_issue", _text(entry, "number")))
    elif kind in {"incollection", "inbook"}:
        if _text(entry, "booktitle"):
            pairs.append(("citation_inbook_title", _text(entry, "booktitle")))
    elif kind == "inproceedings":
        if _text(entry, "booktitle"):
            pairs.append(("citation_conference_title", _text(entry, "booktitle")))
    elif kind in {"phdthesis", "mastersthesis", "thesis"}:
        if _text(entry, "school"):
            pairs.append(("citation_dissertation_institution", _text(entry, "school")))
    elif kind in {"techreport", "report"}:
        if _text(entry, "institution"):
            pairs.append(("citation_technical_report_institution", _text(entry, "institution")))
        if _text(entry, "number"):
            pairs.append(("citation_technical_report_number", _text(entry, "number")))
    first, last = _pages(entry)
    if first:
        pairs.append(("citation_firstpage", first))
    if last:
        pairs.append(("citation_lastpage", last))
    if kind not in {"article", "techreport", "report"} and _text(entry, "publisher"):
        pairs.append(("citation_publisher", _text(entry, "publisher")))
    if _text(entry, "isbn"):
        pairs.append(("citation_isbn", _text(entry, "isbn")))
    if _doi(entry):
        pairs.append(("citation_doi", _doi(entry)))
    return pairs


def citation_reference(entry: Entry) -> str:
    """``citation_title=…; citation_author=…; citation_publication_date=…``.

    Semicolons separate the fields, so a semicolon inside a value becomes a comma.
    """
    return "; ".join(f"{name}={value.replace(';', ',')}" for name, value in reference_pairs(entry))


SCHEMA_TYPES = {
    "article": "ScholarlyArticle",
    "book": "Book",
    "incollection": "Chapter",
    "inbook": "Chapter",
    "inproceedings": "ScholarlyArticle",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "thesis": "Thesis",
    "techreport": "Report",
    "report": "Report",
    "online": "WebPage",
}


def cited_work_jsonld(key: str, entry: Entry, url: str | None = None) -> dict:
    """A cited work as a schema.org node."""
    node: dict = {"@type": SCHEMA_TYPES.get(entry.type.lower(), "CreativeWork")}
    if url:
        node["@id"] = url
    title = _text(entry, "title")
    if title:
        node["name"] = title
    role, persons = _persons(entry)
    people = []
    for family, given in persons:
        person: dict = {"@type": "Person", "name": f"{given} {family}".strip(), "familyName": family}
        if given:
            person["givenName"] = given
        people.append(person)
    if people:
        node["author" if role == "author" else "editor"] = people
    if _text(entry, "year"):
        node["datePublished"] = _text(entry, "year")
    container = _text(entry, "journal") or _text(entry, "booktitle")
    if container:
        node["isPartOf"] = {
            "@type": "Periodical" if entry.type.lower() == "article" else "Book",
            "name": container,
        }
    if _text(entry, "publisher"):
        node["publisher"] = {"@type": "Organization", "name": _text(entry, "publisher")}
    first, last = _pages(entry)
    if first:
        node["pagination"] = f"{first}\u2013{last}" if last else first
    if _doi(entry):
        node["sameAs"] = f"https://doi.org/{_doi(entry)}"
    elif _text(entry, "url"):
        node["url"] = _text(entry, "url")
    return node


# -- the page ------------------------------------------------------------------------


def _person_jsonld(person: Person) -> dict:
    node: dict = {"@type": "Person", "name": person.name, "familyName": person.family}
    if person.given:
        node["givenName"] = person.given
    if person.affiliation:
        node["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    if person.email:
        node["email"] = person.email
    if person.orcid_url:
        node["identifier"] = person.orcid_url
        node["sameAs"] = person.orcid_url
    return node


def _edition_node(edition: Edition, url: str) -> dict:
    node: dict = {
        "@type": "ScholarlyArticle",
        "@id": url,
        "name": edition.title,
        "url": url,
        "version": edition.version,
        "datePublished": edition.date.isoformat(),
    }
    if edition.authors:
        node["author"] = [_person_jsonld(p) for p in edition.authors]
    if edition.publisher:
        node["publisher"] = {"@type": "Organization", "name": edition.publisher}
    return node


def jsonld(facts: PageFacts, bibliography: Bibliography | None) -> dict:
    item, edition = facts.item, facts.item.edition
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": facts.edition_url if item.kind == EDITION else facts.url,
        "url": facts.url,
        "mainEntityOfPage": facts.url,
        "name": item.title,
        "headline": item.title if len(item.title) <= 110 else item.title[:109] + "\u2026",
        "description": facts.description,
        "author": [_person_jsonld(p) for p in edition.authors],
        "datePublished": edition.date.isoformat(),
        "version": edition.version,
        "inLanguage": edition.language,
    }
    if edition.editors:
        data["editor"] = [_person_jsonld(p) for p in edition.editors]
    if facts.keywords:
        data["keywords"] = ", ".join(facts.keywords)
    if edition.publisher:
        data["publisher"] = {"@type": "Organization", "name": edition.publisher}
    if edition.license_url:
        data["license"] = edition.license_url
    if edition.rights:
        data["copyrightNotice"] = edition.rights
    if edition.doi and item.kind == EDITION:
        data["identifier"] = f"https://doi.org/{edition.doi}"
    if item.kind == EDITION:
        data["isPartOf"] = {"@type": "WebSite", "@id": facts.edition_url + "#website", "name": facts.site_name, "url": facts.edition_url}
    else:
        data["isPartOf"] = _edition_node(edition, facts.edition_url)
        if item.section and item.section.isdigit():
            data["position"] = int(item.section)
    if facts.pdf_url:
        data["encoding"] = [{"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": facts.pdf_url}]
    citations = []
    if bibliography is not None:
        for key in facts.cited:
            citations.append(cited_work_jsonld(key, bibliography.entry(key)))
    data["citation"] = citations
    return data


def script_safe_json(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def tags(facts: PageFacts, bibliography: Bibliography | None) -> list[Tag]:
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
    if bibliography is not None:
        for key in facts.cited:
            name("citation_reference", citation_reference(bibliography.entry(key)))

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
