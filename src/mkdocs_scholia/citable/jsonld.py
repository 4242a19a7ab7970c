"""The page as schema.org JSON-LD, made safe for a ``<script>`` element.

The model of docs-dev/citation-model.md: the home page and the full text are
the edition, a ``Book`` (its authors, editors, version as ``bookEdition``,
publisher, the text's abstract; the full text, its scholarly record, also the
PDF); every other page is a ``Chapter`` of that book (``isPartOf`` the book's
node, ``position`` its section), credited to the editors when they wrote it.
Every work the page cites is one node of ``citation`` (:mod:`.cited_works`).
"""

from __future__ import annotations

import json

from mkdocs_scholia.citable.cite_this import EDITION
from mkdocs_scholia.citable.cited_works import jsonld_node
from mkdocs_scholia.citable.identity import Edition, Person
from mkdocs_scholia.citable.page_facts import PageFacts
from mkdocs_scholia.rules import dois


def _person(person: Person) -> dict:
    if person.organization:
        return {"@type": "Organization", "name": person.family}
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


def _book(edition: Edition, url: str) -> dict:
    """The edition as the book a part belongs to."""
    node: dict = {
        "@type": "Book",
        "@id": url,
        "name": edition.title,
        "url": url,
        "bookEdition": f"Version {edition.version}",
        "version": edition.version,
        "datePublished": edition.date.isoformat(),
    }
    if edition.authors:
        node["author"] = [_person(p) for p in edition.authors]
    if edition.editors:
        node["editor"] = [_person(p) for p in edition.editors]
    if edition.publisher:
        node["publisher"] = {"@type": "Organization", "name": edition.publisher}
    return node


def jsonld(facts: PageFacts) -> dict:
    """The page's JSON-LD as data."""
    item, edition = facts.item, facts.item.edition
    whole = item.kind == EDITION
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Book" if whole else "Chapter",
        "@id": facts.edition_url if whole else facts.url,
        "url": facts.edition_url if whole else facts.url,
        "mainEntityOfPage": facts.url,
        "name": item.title,
        "headline": item.title if len(item.title) <= 110 else item.title[:109] + "\u2026",
        "description": facts.description,
        "author": [_person(p) for p in item.creators],
        "datePublished": edition.date.isoformat(),
        "version": edition.version,
        "inLanguage": edition.language,
    }
    if whole:
        data["bookEdition"] = f"Version {edition.version}"
    if facts.abstract:
        data["abstract"] = facts.abstract
    if edition.editors:
        data["editor"] = [_person(p) for p in edition.editors]
    if facts.keywords:
        data["keywords"] = ", ".join(facts.keywords)
    if edition.publisher:
        data["publisher"] = {"@type": "Organization", "name": edition.publisher}
    if edition.license_url:
        data["license"] = edition.license_url
    if edition.rights:
        data["copyrightNotice"] = edition.rights
    if edition.doi and whole:
        data["identifier"] = dois.url(edition.doi)
    if whole:
        website = facts.edition_url + "#website"
        data["isPartOf"] = {"@type": "WebSite", "@id": website, "name": facts.site_name, "url": facts.edition_url}
    else:
        data["isPartOf"] = _book(edition, facts.edition_url)
        if item.section and item.section.isdigit():
            data["position"] = int(item.section)
    if facts.pdf_url:
        data["encoding"] = [{"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": facts.pdf_url}]
    data["citation"] = [jsonld_node(entry) for entry in facts.cited]
    if facts.mentions:
        data["mentions"] = list(facts.mentions)
    return data


def script_safe_json(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment (``<``, ``>``, ``&`` as ``\\u`` escapes)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
