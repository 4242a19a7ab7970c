"""What the head metadata says about each work a page cites, from its BibTeX entry.

Two forms: Highwire's ``citation_reference`` (``citation_title=…;
citation_author=…``, as Google Scholar reads it) and a schema.org node for
the JSON-LD ``citation`` list. Both are plain data, escaped where they are
written. A URL or DOI from the .bib is published only when it passes
:mod:`mkdocs_scholia.rules.urls` and :mod:`mkdocs_scholia.rules.dois`: a
``javascript:`` URL in a .bib is never data of the page.
"""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.database import Person as BibPerson

from mkdocs_scholia.bib.fields import field_text, plain_text
from mkdocs_scholia.rules import dois, pages, urls
from mkdocs_scholia.style.names import named

text = field_text
"""A field as plain text, blanks collapsed ("" when absent)."""


def _person_name(person: BibPerson) -> tuple[str, str]:
    """(family, given) as plain text; an institution ("{Xinhua}") has no given name."""
    family = plain_text(" ".join(person.prelast_names + person.last_names)).strip()
    given = plain_text(" ".join(person.first_names + person.middle_names)).strip()
    lineage = plain_text(" ".join(person.lineage_names)).strip()
    if lineage:
        given = f"{given}, {lineage}" if given else lineage
    return family, given


def persons(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    """``("author", [(family, given), …])``, else the editors, else ``("", [])``."""
    for role in ("author", "editor"):
        found = named(entry.persons.get(role, []))  # BibTeX's "and others" is nobody to name
        if found:
            return role, [_person_name(p) for p in found]
    return "", []


def page_bounds(entry: Entry) -> tuple[str, str]:
    """First and last page ("" when absent)."""
    return pages.bounds(text(entry, "pages"))


def doi(entry: Entry) -> str:
    """The entry's DOI name, or "" when it has none or it is not a DOI."""
    value = text(entry, "doi")
    return dois.bare(value) if dois.is_doi(value) and urls.is_safe(dois.url(value)) else ""


def web_url(entry: Entry) -> str:
    """The entry's ``url`` when it is a safe http(s) address, else ""."""
    value = entry.fields.get("url", "").strip()
    return value if urls.is_safe(value) and urls.scheme(value) in ("http", "https") else ""


def reference_pairs(entry: Entry) -> list[tuple[str, str]]:
    """The Highwire fields of one cited work, in Scholar's order."""
    pairs: list[tuple[str, str]] = []
    title = text(entry, "title")
    if title:
        pairs.append(("citation_title", title))
    role, people = persons(entry)
    for family, given in people:
        name = f"{family}, {given}" if given else family
        pairs.append(("citation_author" if role == "author" else "citation_editor", name))
    year = text(entry, "year")
    if year:
        pairs.append(("citation_publication_date", year))
    kind = entry.type.lower()
    if kind == "article":
        if text(entry, "journal"):
            pairs.append(("citation_journal_title", text(entry, "journal")))
        if text(entry, "volume"):
            pairs.append(("citation_volume", text(entry, "volume")))
        if text(entry, "number"):
            pairs.append(("citation_issue", text(entry, "number")))
    elif kind in {"incollection", "inbook"}:
        if text(entry, "booktitle"):
            pairs.append(("citation_inbook_title", text(entry, "booktitle")))
    elif kind == "inproceedings":
        if text(entry, "booktitle"):
            pairs.append(("citation_conference_title", text(entry, "booktitle")))
    elif kind in {"phdthesis", "mastersthesis", "thesis"}:
        if text(entry, "school"):
            pairs.append(("citation_dissertation_institution", text(entry, "school")))
    elif kind in {"techreport", "report"}:
        if text(entry, "institution"):
            pairs.append(("citation_technical_report_institution", text(entry, "institution")))
        if text(entry, "number"):
            pairs.append(("citation_technical_report_number", text(entry, "number")))
    first, last = page_bounds(entry)
    if first:
        pairs.append(("citation_firstpage", first))
    if last:
        pairs.append(("citation_lastpage", last))
    if kind not in {"article", "techreport", "report"} and text(entry, "publisher"):
        pairs.append(("citation_publisher", text(entry, "publisher")))
    if text(entry, "isbn"):
        pairs.append(("citation_isbn", text(entry, "isbn")))
    if doi(entry):
        pairs.append(("citation_doi", doi(entry)))
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


def jsonld_node(entry: Entry) -> dict:
    """A cited work as a schema.org node."""
    node: dict = {"@type": SCHEMA_TYPES.get(entry.type.lower(), "CreativeWork")}
    title = text(entry, "title")
    if title:
        node["name"] = title
    role, people = persons(entry)
    nodes = []
    for family, given in people:
        person: dict = {"@type": "Person", "name": f"{given} {family}".strip(), "familyName": family}
        if given:
            person["givenName"] = given
        nodes.append(person)
    if nodes:
        node["author" if role == "author" else "editor"] = nodes
    if text(entry, "year"):
        node["datePublished"] = text(entry, "year")
    container = text(entry, "journal") or text(entry, "booktitle")
    if container:
        node["isPartOf"] = {
            "@type": "Periodical" if entry.type.lower() == "article" else "Book",
            "name": container,
        }
    if text(entry, "publisher"):
        node["publisher"] = {"@type": "Organization", "name": text(entry, "publisher")}
    first, last = page_bounds(entry)
    if first:
        node["pagination"] = f"{first}{pages.EN_DASH}{last}" if last else first
    if doi(entry):
        node["sameAs"] = dois.url(doi(entry))
    elif web_url(entry):
        node["url"] = web_url(entry)
    return node
