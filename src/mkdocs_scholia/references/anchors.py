"""The anchors of the References page: one per cited work, from its key alone."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.markdown.render import anchor_for


def anchor_collisions(bibliography: Bibliography) -> list[str]:
    """Keys that would share an anchor, as messages (empty when all are distinct)."""
    by_anchor: dict[str, list[str]] = {}
    for key in bibliography.keys:
        by_anchor.setdefault(anchor_for(key), []).append(key)
    return [
        f"keys {', '.join(repr(k) for k in keys)} would all have the anchor '#{anchor}' on the References page; "
        "rename one of them in the .bib file"
        for anchor, keys in sorted(by_anchor.items())
        if len(keys) > 1
    ]


def anchor_ids(bibliography: Bibliography, keys: Iterable[str]) -> set[str]:
    """The ids the References list gives the entries of ``keys`` (and their BibTeX)."""
    ids = set()
    for key in keys:
        anchor = anchor_for(bibliography.canonical(key))
        ids |= {anchor, "bibtex-" + anchor[len("ref-") :]}
    return ids
