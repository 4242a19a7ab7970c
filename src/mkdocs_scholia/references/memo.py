"""Pieces of the References page made once per entry and kept with the bibliography.

An entry's BibTeX snippet and COinS span depend on the entry and on the code
of this feature only, so the bibliography keeps them (across ``mkdocs serve``
rebuilds and in its disk cache) under this feature's namespace, with a
fingerprint of that code (:meth:`mkdocs_scholia.bib.Bibliography.derived`):
a changed module drops the pieces it made, never serves a stale one.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.bib import fingerprint as source_fingerprint

MADE_BY = (
    "mkdocs_scholia.references.bibtex",
    "mkdocs_scholia.references.coins",
    "mkdocs_scholia.references.listing",
    "mkdocs_scholia.references.memo",
    "mkdocs_scholia.markdown.render",  # anchor_for: the ids inside each BibTeX block
)
"""The modules whose output is kept."""


def fingerprint() -> str:
    """SHA-256 of the sources of the modules in :data:`MADE_BY` (read once per process)."""
    return source_fingerprint(*MADE_BY)


def once(bibliography: Bibliography, kind: str, key: str, make: Callable[[], str]) -> str:
    """``make()`` for the entry ``key``, made once; ``kind`` names whatever else it depends on."""
    return bibliography.derived(f"references.{kind}", key, make, fingerprint=fingerprint())
