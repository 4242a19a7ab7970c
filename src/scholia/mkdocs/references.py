"""The references page: every work cited in the edition, in Harvard order."""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page

from scholia.bibliography import Bibliography
from scholia.markdown import DocumentCitations
from scholia.markdown.render import anchor_for

PLACEHOLDER = '<div class="scholia-references-placeholder"></div>'
PLACEHOLDER_HTML = PLACEHOLDER


def cited_keys(documents: dict[str, DocumentCitations]) -> list[str]:
    seen: dict[str, None] = {}
    for document in documents.values():
        for key in document.keys:
            seen.setdefault(key, None)
    return list(seen)


def render_list(
    bibliography: Bibliography,
    documents: dict[str, DocumentCitations],
    pages: dict[str, Page],
    page: Page,
) -> str:
    """The HTML list of references, one entry per cited work."""
    keys = bibliography.sorted_keys(cited_keys(documents))
    items = []
    for key in keys:
        reference = bibliography.reference(key)
        items.append(
            f'<li id="{html.escape(anchor_for(key))}" class="reference-entry" data-key="{html.escape(key)}">'
            f"{reference.html}</li>"
        )
    return '<ul class="references">\n' + "\n".join(items) + "\n</ul>"
