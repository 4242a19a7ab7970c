"""Pandoc citations for Python-Markdown, resolved from BibTeX (no MkDocs needed).

=============  ==========================================================
``extension``  :class:`CitationExtension`: the processors and their priorities
``syntax``     Pandoc's citation syntax, parsed without Markdown machinery
``inline``     the inline patterns that find citations in the text
``notes``      the tree processor that numbers and writes the notes
``render``     the HTML of citations and notes
``records``    what the extension reports per document
``anchors``    pilcrow links on paragraphs whose ids come from the source
=============  ==========================================================
"""

from mkdocs_scholia.markdown.extension import (
    CitationError,
    CitationExtension,
    CitationRecord,
    DocumentCitations,
    makeExtension,
)

__all__ = ["CitationError", "CitationExtension", "CitationRecord", "DocumentCitations", "makeExtension"]
