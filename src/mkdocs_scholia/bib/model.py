"""What the bibliography layer hands to the layers above: plain, immutable values."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_scholia.rules import places


@dataclass(frozen=True)
class Location:
    """Where an entry starts: its .bib file (as messages show it) and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return places.where(self.path, self.line)


@dataclass(frozen=True)
class Reference:
    """One work, formatted once: what citations and reference lists print."""

    key: str  # as the .bib file writes it
    names: str  # "Fairbank and Goldman"
    year: str  # "2006", "2012a", "n.d."
    html: str  # the full reference, every value escaped, links only to allowed URLs
    text: str  # the same as plain text
    entry_type: str  # lower case: "book", "article"
    supplied: bool  # the editors identified the work (its ``supplied`` field)
