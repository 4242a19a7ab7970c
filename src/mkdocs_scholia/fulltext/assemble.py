"""The full text's body and table of contents: the joined pages with the edition's title and facts.

With the home page first, its h1 (the essay's title) and the author's lines
below it open the full text, as Google Scholar wants a paper to begin; the
edition's facts (version, date, licence, stable URL, how to cite) follow the
home page. Without it, a title block opens the full text. The same function
makes the page's HTML and, with absolute links, the PDF's.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.fulltext.join import Heading, Part, duplicate_ids, join
from mkdocs_scholia.rules import urls

PLACEHOLDER = '<div class="scholia-full-text-placeholder"></div>'
TITLE_ID = "scholia-full-text-title"
FACTS_ID = "scholia-full-text-facts"
RESERVED = frozenset({"scholia-cite", TITLE_ID, FACTS_ID})


class FullTextError(Exception):
    """The pages cannot be joined into one (the message says why)."""


@dataclass(frozen=True)
class Assembled:
    body: str  # the full text's HTML
    toc: list[Heading]  # one h1 entry with everything under it


def facts_block(edition: Edition, *, stable_url: str, how_to_cite: str, with_title: bool) -> str:
    """Title (if no page gives it), authors, version, licence, stable URL and the edition's reference.

    ``how_to_cite`` is HTML (the edition's escaped Harvard reference); every
    other value is escaped here, and the licence is linked only when its URL
    is an allowed one.
    """
    esc = html.escape
    lines = [f'<section class="scholia-full-text-head" id="{FACTS_ID}" aria-label="About this version">']
    if with_title:
        lines.append(f'<h1 id="{TITLE_ID}">{esc(edition.title)}</h1>')
        if edition.authors:
            people = []
            for person in edition.authors:
                text = f'<span class="scholia-author">{esc(person.name)}</span>'
                if person.affiliation:
                    text += f' <span class="scholia-affiliation">({esc(person.affiliation)})</span>'
                people.append(text)
            lines.append(f'<p class="scholia-authors">{", ".join(people)}</p>')
    if edition.editors:
        lines.append(f'<p class="scholia-editors">Edited by {esc(", ".join(p.name for p in edition.editors))}</p>')
    facts = [f"Version {esc(edition.version)}", esc(edition.date_long)]
    if edition.publisher:
        facts.append(esc(edition.publisher))
    lines.append(f'<p class="scholia-edition-facts">{" · ".join(facts)}</p>')
    if edition.license_name:
        licence = esc(edition.license_name)
        if edition.license_url and urls.is_safe(edition.license_url):
            licence = f'<a href="{esc(edition.license_url, quote=True)}">{licence}</a>'
        lines.append(f'<p class="scholia-license">Licence: {licence}</p>')
    if edition.rights:
        lines.append(f'<p class="scholia-rights">{esc(edition.rights)}</p>')
    url = esc(stable_url, quote=True)
    lines.append(f'<p class="scholia-stable-url">Stable URL: <a class="scholia-url" href="{url}">{url}</a></p>')
    lines.append(f'<p class="scholia-how-to-cite"><strong>How to cite:</strong> {how_to_cite}</p>')
    lines.append("</section>")
    return "\n".join(lines)


def assemble(
    parts: list[Part],
    edition: Edition,
    *,
    full_text_url: str,
    how_to_cite: str,
    absolute_base: str | None = None,
) -> Assembled:
    """The full text of ``parts``: ids unique, links rewritten, the title and facts in place."""
    joined = join(parts, full_text_url=full_text_url, reserved=set(RESERVED), absolute_base=absolute_base)
    sections = list(joined.sections)
    led = bool(parts) and not parts[0].demote
    stable_url = edition.url(full_text_url)
    if led:
        sections.insert(1, facts_block(edition, stable_url=stable_url, how_to_cite=how_to_cite, with_title=False))
        if joined.toc:
            head, *rest = joined.toc
            top = Heading(head.title, head.id, 1, (*head.children, *rest))
        else:
            top = Heading(html.escape(edition.title), TITLE_ID, 1)
    else:
        sections.insert(0, facts_block(edition, stable_url=stable_url, how_to_cite=how_to_cite, with_title=True))
        top = Heading(html.escape(edition.title), TITLE_ID, 1, tuple(joined.toc))
    body = '<div class="scholia-full-text">\n' + "\n".join(sections) + "\n</div>"
    duplicates = duplicate_ids(body)
    if duplicates:
        raise FullTextError(f"the full text would repeat ids: {', '.join(duplicates)}")
    return Assembled(body, [top])
