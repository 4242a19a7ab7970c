"""The one exception the bibliography layer raises: a problem located at ``file:line``."""

from __future__ import annotations

from pathlib import Path

from mkdocs_scholia.rules import places


class BibliographyError(Exception):
    """A problem in a .bib file (or in the cache folder), located at ``path:line`` when known."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return f"<bibliography>: {self.message}"
        return places.message(self.path, self.line, self.message)
