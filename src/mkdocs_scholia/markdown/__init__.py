"""Pandoc citations for Python-Markdown (no MkDocs needed)."""

from mkdocs_scholia.markdown.extension import (
    CitationError,
    CitationExtension,
    CitationRecord,
    DocumentCitations,
    makeExtension,
)

__all__ = ["CitationError", "CitationExtension", "CitationRecord", "DocumentCitations", "makeExtension"]
