"""The HTML of citations and notes in a CSL style (:mod:`mkdocs_scholia.csl`).

The CSL processor renders each citation into pieces: the rendering of each
work it cites, and the text between them (brackets, delimiters, a prefix).
Here each work's piece becomes a link to the citation's note, as the Harvard
style's labels are (:mod:`mkdocs_scholia.markdown.render`), and the same
note marker follows. In an author-date or numeric style the note holds the
full references, as with the Harvard style; in a note style the text keeps
only the marker (and, for a narrative citation, the author's name) and the
note holds what the style writes: the full citation the first time on a
page, the short form after, "Ibid." where the style asks.

The pieces come escaped from the processor; every other value is escaped here.
"""

from __future__ import annotations

from typing import Any

from mkdocs_scholia.markdown.render import anchor_for, attribute, note_marker, text
from mkdocs_scholia.markdown.syntax import Citation


def in_text(citation: Citation, pieces: Any, note_id: str, cite_id: str, number: int, ref_id: str) -> str:
    """``<span class="citation">(<a>Radchenko, 2009</a>)<sup>1</sup></span>``: the pieces, then the marker."""
    parts = []
    for piece in pieces:
        if piece.key is None:
            parts.append(piece.html)
        else:
            key = attribute(piece.key)
            parts.append(f'<a class="citation-ref footnote-ref" data-key="{key}" href="#{note_id}">{piece.html}</a>')
    cites = attribute(" ".join(citation.keys))
    return (
        f'<span class="citation" data-cites="{cites}" id="{cite_id}">{"".join(parts)}'
        f"{note_marker(number, note_id, ref_id)}</span>"
    )


def note_body(pieces: Any, names: dict[str, tuple[str, str]], back_refs: list[str], references_url: str | None) -> str:
    """``<p>the style's note → References ↩</p>``: what a note style's note ``li#fn:c1`` holds.

    ``names``: for each work of the note, its ``(names, year)``, which name
    the link to its entry for assistive technology.
    """
    parts = []
    for piece in pieces:
        if piece.key is None:
            parts.append(piece.html)
        else:
            parts.append(f'<span class="reference" data-key="{attribute(piece.key)}">{piece.html}</span>')
    body = "".join(parts)
    if references_url is not None:
        for key, (who, year) in names.items():
            body += (
                f' <a class="reference-link" href="{attribute(references_url)}#{anchor_for(key)}" '
                'title="This work in the list of references"><span aria-hidden="true">\u2192</span> References'
                f'<span class="scholia-sr-only">: {text(who)} ({text(year)})</span></a>'
            )
    for number, ref_id in enumerate(back_refs, start=1):
        title = "Back to the citation in the text" if len(back_refs) == 1 else f"Back to citation {number} in the text"
        arrow = "\u21a9" if number == 1 else f"\u21a9{number}"
        body += f'\u00a0<a class="footnote-backref" href="#{ref_id}" title="{title}">{arrow}</a>'
    return f"<p>{body}</p>"
