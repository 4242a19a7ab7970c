"""The index as data: CSV, JSON and TEI, written next to the index page.

All three list every entity of the registry in the index's order (by kind,
then sorted), with the same fields: id, kind, label, the forms the text
uses, dates (ISO 8601, as precise as known), the editors' description, the
authority identifiers with their URIs, whether the editors verified them and
where they come from, and every paragraph that mentions the entity, with its
address (absolute when the site has a ``site_url``).

The TEI is a standalone document whose ``standOff`` holds ``listPerson``,
``listPlace``, ``listOrg``, ``listEvent`` and ``listBibl``; an identifier
the editors did not verify carries ``cert="unknown"``. The output depends on
the registry and the text only, so the same sources give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from mkdocs_scholia.entities.mentions import MentionIndex, Place
from mkdocs_scholia.entities.model import Entity, Registry

CSV_COLUMNS = (
    "id", "kind", "label", "sort", "names", "dates", "start", "end", "description",
    "wikidata", "viaf", "geonames", "verified", "source", "mentions", "mention_urls",
)  # fmt: skip

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_LISTS = {
    "person": ("listPerson", "person", "persName"),
    "place": ("listPlace", "place", "placeName"),
    "organisation": ("listOrg", "org", "orgName"),
    "event": ("listEvent", "event", "label"),
    "work": ("listBibl", "bibl", "title"),
}

FILES = {
    "csv": ("entities.csv", "text/csv"),
    "json": ("entities.json", "application/json"),
    "tei": ("entities.xml", "application/tei+xml"),
}


def _ordered(registry: Registry) -> list[Entity]:
    return [entity for _, members in registry.grouped() for entity in members]


def _url(place: Place, base_url: str | None) -> str:
    return urljoin(base_url, place.href) if base_url else place.href


def _identifier(entity: Entity, authority: str) -> str:
    identifier = entity.identifier(authority)
    return identifier.value if identifier is not None else ""


def to_csv(registry: Registry, index: MentionIndex, base_url: str | None = None) -> str:
    """One row per entity (RFC 4180: CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entity in _ordered(registry):
        places = index.places(entity.id)
        writer.writerow(
            [
                entity.id,
                entity.kind,
                entity.label,
                entity.heading,
                " | ".join(entity.forms),
                entity.dates_text,
                entity.dates.start.iso if entity.dates.start else "",
                entity.dates.end.iso if entity.dates.end else "",
                entity.description,
                _identifier(entity, "wikidata"),
                _identifier(entity, "viaf"),
                _identifier(entity, "geonames"),
                "true" if entity.verified else "false",
                entity.source,
                "; ".join(place.label.replace("\u00a0", " ") for place in places),
                " ".join(_url(place, base_url) for place in places),
            ]
        )
    return buffer.getvalue()


def to_json(registry: Registry, index: MentionIndex, base_url: str | None = None, title: str = "") -> str:
    """The index as one JSON document (UTF-8, keys in a fixed order)."""
    entities = []
    for entity in _ordered(registry):
        entities.append(
            {
                "id": entity.id,
                "kind": entity.kind,
                "label": entity.label,
                "sort": entity.heading,
                "names": entity.forms,
                "dates": {
                    "text": entity.dates_text,
                    "start": entity.dates.start.iso if entity.dates.start else None,
                    "end": entity.dates.end.iso if entity.dates.end else None,
                },
                "description": entity.description,
                "identifiers": [
                    {"authority": i.authority, "id": i.value, "uri": i.uri, "url": i.page_url}
                    for i in entity.identifiers
                ],
                "verified": entity.verified,
                "source": entity.source,
                "mentions": [
                    {
                        "page": place.page.src_uri,
                        "paragraph": place.paragraph,
                        "label": place.label.replace("\u00a0", " "),
                        "count": place.count,
                        "url": _url(place, base_url),
                    }
                    for place in index.places(entity.id)
                ],
            }
        )
    document = {"title": title, "registry": registry.path, "entities": entities}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _tei_entry(entity: Entity, index: MentionIndex, base_url: str | None) -> list[str]:
    _, element, name = TEI_LISTS[entity.kind]
    ident = quoteattr(entity.id)
    start, end = entity.dates.start, entity.dates.end
    lines = []
    if entity.kind == "event":
        when = ""
        if start is not None and start == end:
            when = f" when={quoteattr(start.iso)}"
        else:
            when += f" from={quoteattr(start.iso)}" if start else ""
            when += f" to={quoteattr(end.iso)}" if end else ""
        lines.append(f"   <event xml:id={ident}{when}>")
    else:
        lines.append(f"   <{element} xml:id={ident}>")
    lines.append(f"    <{name}>{escape(entity.label)}</{name}>")
    for form in entity.forms:
        if form != entity.label and entity.kind != "event":
            lines.append(f'    <{name} type="variant">{escape(form)}</{name}>')
    if entity.kind == "person":
        if start is not None:
            lines.append(f"    <birth when={quoteattr(start.iso)}/>")
        if end is not None:
            lines.append(f"    <death when={quoteattr(end.iso)}/>")
    elif entity.kind == "event":
        lines.append(f"    <desc>{escape(entity.description)}</desc>")
    elif entity.kind == "work" and start is not None:
        lines.append(f"    <date when={quoteattr(start.iso)}>{escape(start.long)}</date>")
    certainty = "" if entity.verified else ' cert="unknown"'
    for identifier in entity.identifiers:
        lines.append(f"    <idno type={quoteattr(identifier.name)}{certainty}>{escape(identifier.value)}</idno>")
    if entity.kind in ("place", "organisation") and (start or end):
        attributes = (f" from={quoteattr(start.iso)}" if start else "") + (f" to={quoteattr(end.iso)}" if end else "")
        lines.append(f'    <note type="dates"><date{attributes}>{escape(entity.dates_text)}</date></note>')
    if entity.kind != "event":
        lines.append(f'    <note type="description">{escape(entity.description)}</note>')
    if entity.source:
        lines.append(f'    <note type="source">{escape(entity.source)}</note>')
    places = index.places(entity.id)
    if places:
        refs = ", ".join(
            f"<ref target={quoteattr(_url(place, base_url))}>{escape(place.label.replace(chr(0xA0), ' '))}</ref>"
            for place in places
        )
        lines.append(f'    <note type="mentions">{refs}</note>')
    lines.append(f"   </{element}>")
    return lines


def to_tei(registry: Registry, index: MentionIndex, base_url: str | None = None, title: str = "") -> str:
    """A TEI P5 document whose ``standOff`` lists the entities, one list per kind."""
    heading = f"Index of names: {title}" if title else "Index of names"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<TEI xmlns="{TEI_NS}">',
        " <teiHeader>",
        "  <fileDesc>",
        f"   <titleStmt><title>{escape(heading)}</title></titleStmt>",
        (
            f"   <publicationStmt><p>Generated from {escape(registry.path)} when the edition was built.</p>"
            "</publicationStmt>"
        ),
        (
            "   <sourceDesc><p>The persons, places, organisations, events and works the text names, "
            "with identifiers recorded by the editors.</p></sourceDesc>"
        ),
        "  </fileDesc>",
        " </teiHeader>",
        " <standOff>",
    ]
    for kind, members in registry.grouped():
        container = TEI_LISTS[kind][0]
        lines.append(f"  <{container}>")
        for entity in members:
            lines.extend(_tei_entry(entity, index, base_url))
        lines.append(f"  </{container}>")
    lines.extend([" </standOff>", "</TEI>", ""])
    return "\n".join(lines)
