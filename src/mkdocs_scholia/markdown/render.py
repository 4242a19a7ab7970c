"""The HTML of in-text citations and their notes.

Kept apart from the Markdown plumbing so that what a reader sees is easy to
read in one place. Written as strings, not ElementTree: the extension hands
them to Python-Markdown's HTML stash, so the serializer and the tree
processors that run after it never walk the dozen elements of every note
(on a citation-heavy book that walk was most of the extension's cost). The
markup is the same as Python-Markdown would serialize (attributes in lexical
order, its escaping rules), so pages read the same either way.

Every value is escaped here except the reference itself, which
:mod:`mkdocs_scholia.style.html` escaped when it was formatted.
"""

from __future__ import annotations

import re

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.markdown.syntax import Citation, Cite
from mkdocs_scholia.style.harvard import locator as printed_locator
from mkdocs_scholia.style.harvard import note_locator

# Python-Markdown's serializer rule: "&" starts an entity the author wrote
# (``&amp;``, ``&#8212;``) or is escaped.
_BARE_AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def text(value: str) -> str:
    """``value`` as HTML character data."""
    if "&" in value:
        value = _BARE_AMPERSAND.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """``value`` as a double-quoted HTML attribute value."""
    return text(value).replace('"', "&quot;")


def anchor_for(key: str) -> str:
    """The stable anchor of a work on the references page: ``ref-heinzig1998``."""
    return "ref-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def cite_label(cite: Cite, bibliography: Bibliography, narrative: bool) -> str:
    """What the reader sees for one cite, without prefix and suffix."""
    reference = bibliography.reference(cite.key)
    year = reference.year + (f", {printed_locator(cite.locator)}" if cite.locator else "")
    if narrative:
        return f"{reference.names} ({year})"
    if cite.suppress_author:
        return year
    return f"{reference.names}, {year}"


def in_text(
    citation: Citation,  # its keys as the .bib file writes them (the extension makes sure)
    bibliography: Bibliography,
    note_id: str,
    cite_id: str,
    number: int,
    ref_id: str,
) -> str:
    """``<span class="citation">(<a>Heinzig, 1998</a>)<sup>1</sup></span>``, linked to its note."""
    parts = ["(" if not citation.narrative else ""]
    for index, cite in enumerate(citation.cites):
        if index:
            parts.append("; ")
        if cite.prefix:
            parts.append(text(cite.prefix + " "))
        parts.append(
            f'<a class="citation-ref footnote-ref" data-key="{attribute(cite.key)}" '
            f'href="#{note_id}">{text(cite_label(cite, bibliography, citation.narrative))}</a>'
        )
        if cite.suffix:
            parts.append(text(" " + cite.suffix))
    if not citation.narrative:
        parts.append(")")
    cites = attribute(" ".join(citation.keys))
    return (
        f'<span class="citation" data-cites="{cites}" id="{cite_id}">{"".join(parts)}'
        f"{note_marker(number, note_id, ref_id)}</span>"
    )


def note_marker(number: int, note_id: str, ref_id: str) -> str:
    """The superscript note number, as Python-Markdown's footnotes write it."""
    return f'<sup class="citation-note" id="{ref_id}"><a class="footnote-ref" href="#{note_id}">{number}</a></sup>'


def reference_span(key: str, bibliography: Bibliography, locator: str, references_url: str | None) -> str:
    """One full reference inside a note, with its locator and a link to the list."""
    reference = bibliography.reference(key)
    body = reference.html
    if locator:
        # The locator in a sentence of its own after the reference ("… Belknap.
        # Cited at p. 380."), never run into its last page range or URL.
        body = f'{body} <span class="reference-locator">{text(note_locator(locator))}</span>'
    span = f'<span class="reference" data-key="{attribute(reference.key)}">{body}</span>'
    if references_url is None:
        return span
    # Accessible name "References: Heinzig (1998)": the visible word first
    # (WCAG 2.5.3), then which work; the arrow is decoration.
    return (
        f'{span} <a class="reference-link" href="{attribute(references_url)}#{anchor_for(reference.key)}" '
        'title="This work in the list of references"><span aria-hidden="true">\u2192</span> References'
        f'<span class="scholia-sr-only">: {text(reference.names)} ({text(reference.year)})</span></a>'
    )


def note_body(
    note_id: str,
    citation: Citation,
    bibliography: Bibliography,
    back_refs: list[str],
    references_url: str | None,
) -> str:
    """``<p>reference… ↩</p>``: what the note ``li#fn:c1`` holds, for one distinct citation."""
    parts = [" ".join(reference_span(c.key, bibliography, c.locator, references_url) for c in citation.cites)]
    for number, ref_id in enumerate(back_refs, start=1):
        title = "Back to the citation in the text" if len(back_refs) == 1 else f"Back to citation {number} in the text"
        arrow = "\u21a9" if number == 1 else f"\u21a9{number}"
        parts.append(f'\u00a0<a class="footnote-backref" href="#{ref_id}" title="{title}">{arrow}</a>')
    return f"<p>{''.join(parts)}</p>"
