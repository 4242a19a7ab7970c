"""The index page and the preview cards, as HTML.

The index lists every entity of the registry, grouped by kind (Persons,
Places, Organisations, Events, Works; an ``h2`` each) and sorted by the form
the index prints (``Stalin, Joseph``), accents and case aside. Each entry
(``li#entity-stalin``) gives the label, dates, the editors' description, the
forms the text uses that the label does not show, the authority
identifiers (marked when the editors could not verify them) and a link to
every paragraph that mentions the entity ("Mentioned in §3 ¶1, §5 ¶3"), as
the References page does for works.

A preview card is the short form of an entry (label, dates, description,
a link to the entry) that a page carries, hidden, under the entry's anchor,
for each entity it links: Material's footnote tooltips show the element the
link's ``#fragment`` names, so hovering, focusing or tapping "Tito" shows
his card, and following the link goes to his entry in the index.

Every text value is escaped here; URLs are built from checked identifiers
(:mod:`.authority`) or from the site's own pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mkdocs_scholia.entities.extension import LINK_CLASS
from mkdocs_scholia.entities.mentions import MentionIndex
from mkdocs_scholia.entities.model import KIND_HEADINGS, Entity, Registry

MARKER = "<!-- scholia:entities -->"
PLACEHOLDER = '<div class="scholia-entities-placeholder"></div>'
CARDS_CLASS = "scholia-entity-cards"


def _e(value: str) -> str:
    return html.escape(value, quote=True)


@dataclass(frozen=True)
class Download:
    """One export linked from the index: ``entities.csv``, written next to the page."""

    label: str  # "CSV"
    filename: str  # "entities.csv"
    media_type: str  # "text/csv"


def group_id(kind: str) -> str:
    """The id of a kind's heading: ``persons``."""
    return KIND_HEADINGS[kind].lower()


def headings(registry: Registry) -> list[tuple[str, str]]:
    """``(id, title)`` of each ``h2`` the index has, for the page's table of contents."""
    return [(group_id(kind), KIND_HEADINGS[kind]) for kind, _ in registry.grouped()]


def anchor_ids(registry: Registry) -> set[str]:
    """Every id the index gives (headings and entries), so links to them can be checked."""
    return {ident for ident, _ in headings(registry)} | {entity.anchor for entity in registry}


def _head(entity: Entity, label: str) -> str:
    dates = entity.dates_text
    dated = f' <span class="scholia-entity-dates">({_e(dates)})</span>' if dates else ""
    return f'<p class="scholia-entity-head"><strong class="scholia-entity-label">{_e(label)}</strong>{dated}</p>'


def _forms(entity: Entity) -> str:
    """The forms a reader would not find in the label ("US" for the United States; not "Stalin")."""
    other = [form for form in entity.forms if form not in entity.label]
    if not other:
        return ""
    quoted = ", ".join(f"\u201c{_e(form)}\u201d" for form in other)
    return f'<p class="scholia-entity-forms">In the text: {quoted}</p>'


def _authority(entity: Entity) -> str:
    if not entity.identifiers:
        return ""
    links = ", ".join(
        f'{_e(identifier.name)} <a class="scholia-entity-authority-link" href="{_e(identifier.page_url)}">'
        f"{_e(identifier.value)}</a>"
        for identifier in entity.identifiers
    )
    note = "" if entity.verified else ' <span class="scholia-entity-unverified">(not verified by the editors)</span>'
    return f'<p class="scholia-entity-authority">{links}{note}</p>'


def _mentioned_in(index: MentionIndex, entity: Entity) -> str:
    places = index.places(entity.id)
    if not places:
        return ""
    links = ", ".join(
        f'<a class="scholia-entity-place" href="{_e(place.href)}" title="{_e(place.description)}">{_e(place.label)}</a>'
        for place in places
    )
    label = '<span class="scholia-entity-mentions-label">Mentioned in</span>'
    return f'<p class="scholia-entity-mentions">{label} {links}</p>'


def render_entry(entity: Entity, index: MentionIndex) -> str:
    """One ``li.scholia-entity-entry`` of the index."""
    return "".join(
        [
            (
                f'<li class="scholia-entity-entry scholia-entity-{_e(entity.kind)}" id="{_e(entity.anchor)}" '
                f'data-entity="{_e(entity.id)}">'
            ),
            _head(entity, entity.heading),
            f'<p class="scholia-entity-description">{_e(entity.description)}</p>',
            _forms(entity),
            _authority(entity),
            _mentioned_in(index, entity),
            "</li>",
        ]
    )


def render_index(registry: Registry, index: MentionIndex, downloads: Sequence[Download] = ()) -> str:
    """The whole index: the downloads, then one heading and list per kind."""
    out = ['<div class="scholia-entities">']
    if downloads and len(registry):
        links = " \u00b7 ".join(
            f'<a href="{_e(d.filename)}" download type="{_e(d.media_type)}">{_e(d.label)}</a>' for d in downloads
        )
        out.append(f'<p class="scholia-entities-downloads">Download the index: {links}</p>')
    if not len(registry):
        out.append('<p class="scholia-entities-empty">The registry lists no entity yet.</p>')
    for kind, members in registry.grouped():
        out.append(f'<h2 id="{group_id(kind)}">{_e(KIND_HEADINGS[kind])}</h2>')
        out.append('<ul class="scholia-entity-list">')
        out.extend(render_entry(entity, index) for entity in members)
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


# -- preview cards ----------------------------------------------------------------


def render_card(entity: Entity, card_id: str, entry_href: str, index_title: str) -> str:
    """The preview of one entity: label, dates, description, and the way to its entry."""
    return (
        f'<div class="scholia-entity-card" id="{_e(card_id)}" data-entity="{_e(entity.id)}">'
        + _head(entity, entity.label)
        + f'<p class="scholia-entity-description">{_e(entity.description)}</p>'
        + f'<p class="scholia-entity-more"><a class="scholia-entity-index-link" href="{_e(entry_href)}">'
        f'<span aria-hidden="true">\u2192</span> {_e(index_title)}'
        f'<span class="scholia-sr-only">: {_e(entity.label)}</span></a></p>'
        "</div>"
    )


# The page is the serializer's output (Python-Markdown's, MkDocs', the full
# text's rewriter): attributes are double-quoted, so tags can be read with
# patterns, which is much faster on a long page than an HTML parser.
_LINK = re.compile(r'<a\s[^>]*\bclass="(?:[^"]*\s)?scholia-entity(?:\s[^"]*)?"[^>]*>')
_ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


def _links(page_html: str) -> list[tuple[str, str, str]]:
    """``(entity id, href, fragment)`` of each ``a.scholia-entity`` of the page, in order."""
    found = []
    for tag in _LINK.finditer(page_html):
        values = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag.group(0))}
        entity, href = values.get("data-entity", ""), values.get("href", "")
        if entity:
            found.append((entity, href, href.partition("#")[2]))
    return found


def add_cards(page_html: str, registry: Registry, index_title: str) -> str:
    """``page_html`` with a hidden card for each entity it links whose preview is not on the page yet.

    The card takes the id the link's fragment names (``entity-tito``), so
    Material's tooltip finds it; where that id is already on the page (the
    index itself, or the one-page full text that contains the index), the
    entry is the preview and no card is added.
    """
    if LINK_CLASS not in page_html:
        return page_html
    links = _links(page_html)
    present = {html.unescape(ident) for ident in _ID.findall(page_html)}
    entities = registry.by_id()
    cards: dict[str, str] = {}
    for entity_id, href, fragment in links:
        entity = entities.get(entity_id)
        if entity is None or not fragment or fragment in present or fragment in cards:
            continue
        cards[fragment] = render_card(entity, fragment, href, index_title)
    if not cards:
        return page_html
    return f'{page_html}\n<div class="{CARDS_CLASS}" hidden>\n' + "\n".join(cards.values()) + "\n</div>"
