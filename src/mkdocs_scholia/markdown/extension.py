"""The citation extension for Python-Markdown (usable without MkDocs).

Usage::

    import markdown
    from mkdocs_scholia.markdown import CitationExtension

    html = markdown.markdown(text, extensions=[CitationExtension(bibliography=["refs.bib"])])

How it works, and why this way -- the processors and their priorities:

* A preprocessor (priority 40) starts each conversion afresh and keeps the
  source lines, so that problems can name their line.
* Two inline patterns (:mod:`~mkdocs_scholia.markdown.inline`) find Pandoc
  citations: bracketed (86) and narrative (85), below raw HTML (90),
  autolinks (120) and links (160) and above emphasis. Inline patterns never
  see code blocks, and they run after code spans, escapes, raw HTML and
  autolinks have been set aside, so ``@key`` in code, URLs, e-mail addresses
  and after a backslash stays text. They leave a numbered placeholder; they do
  not know where in the document they are, because Python-Markdown does not
  process inline text in document order.
* One tree processor (:mod:`~mkdocs_scholia.markdown.notes`, priority 5),
  after ``attr_list`` (8) has set paragraph ids and after the footnotes
  extension (15, 19) has written the author's notes, walks the document in
  reading order: it numbers notes by first appearance, gives each citation
  its id, writes the notes (merged with the author's footnotes into one
  numbered sequence), records where each work is cited, and reports every
  problem at once, with line numbers.
* Citations and notes go into the page as finished HTML through
  Python-Markdown's HTML stash (:mod:`~mkdocs_scholia.markdown.render`), so
  the tree processors and the serializer after this one do not walk their
  markup: that halved the extension's share of a citation-heavy build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from mkdocs_scholia.bib import Bibliography, BibliographyError, load
from mkdocs_scholia.markdown.inline import CitationPattern, DocumentState, SourcePreprocessor
from mkdocs_scholia.markdown.notes import NOTES_MARKER, CitationTreeprocessor
from mkdocs_scholia.markdown.records import CitationError, CitationRecord, DocumentCitations
from mkdocs_scholia.markdown.syntax import BRACKETED, NARRATIVE

log = logging.getLogger("scholia.citations")


class CitationExtension(Extension):
    """Pandoc citations, resolved from BibTeX, with footnoted references."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "bibliography": [[], "A Bibliography, or a list of .bib paths loaded once."],
            "references_url": ["", "URL of the references page; notes link each work there."],
            "source_name": ["<markdown>", "Name of the document in error messages."],
            "line_offset": [0, "Lines before the Markdown given (e.g. front matter), for messages."],
            "on_document": ["", "Called with DocumentCitations after each conversion."],
            "on_problem": ["error", "'error' raises CitationError, 'warn' logs, or a callable."],
            "style": ["", ("A CSL style: a mkdocs_scholia.csl.CslStyle, or its name (id or .csl path); "
                          "'' formats with the bibliography's pybtex style.")],
            "locale": ["", "The CSL locale for a style given by name ('' : the style's own, or en-US)."],
        }
        super().__init__(**kwargs)
        self._bibliography: Bibliography | None = None
        self._csl_style: Any = None

    @property
    def bibliography(self) -> Bibliography:
        """The bibliography given, or the one loaded (once) from the paths given."""
        if self._bibliography is None:
            value = self.getConfig("bibliography")
            if isinstance(value, Bibliography):
                self._bibliography = value
            else:
                paths = [value] if isinstance(value, (str, Path)) else list(value)
                self._bibliography = load(paths)
        return self._bibliography

    @property
    def csl_style(self) -> Any:
        """The CSL style citations are rendered in, or None (the bibliography's pybtex style).

        A style given by name is built once from the bibliography's entries;
        the bibliography then formats its references with it too.
        """
        value = self.getConfig("style")
        if not value:
            return None
        if self._csl_style is None:
            if isinstance(value, str):
                from mkdocs_scholia.csl import CslStyle

                value = CslStyle(value, self.bibliography.data.entries, locale=self.getConfig("locale") or None)
            self._csl_style = value
            self.bibliography.use_style(value)
        return self._csl_style

    def setConfig(self, key: str, value: Any) -> None:
        """Python-Markdown's setter; a new ``bibliography`` is loaded when next needed."""
        super().setConfig(key, value)
        if key in ("bibliography", "style", "locale"):
            self._csl_style = None
        if key == "bibliography":
            self._bibliography = None

    def report(self, problems: list[str]) -> None:
        """Hand a document's problems (``file:line: …``) to ``on_problem``."""
        handler = self.getConfig("on_problem")
        if callable(handler):
            handler(problems)
        elif handler == "warn":
            for problem in problems:
                log.warning(problem)
        else:
            raise CitationError(problems)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")
        state = DocumentState()
        _ = self.bibliography  # load now: a broken .bib fails before any page is read
        _ = self.csl_style  # and a style that cannot be used, before any page
        md.preprocessors.register(SourcePreprocessor(md, state), "scholia-source", 40)
        # Below raw HTML (90), autolinks (120) and links (160); above emphasis.
        bracketed = CitationPattern(BRACKETED, lambda: self.bibliography, state, narrative=False, md=md)
        narrative = CitationPattern(NARRATIVE, lambda: self.bibliography, state, narrative=True, md=md)
        md.inlinePatterns.register(bracketed, "scholia-cite", 86)
        md.inlinePatterns.register(narrative, "scholia-narrative", 85)
        # After attr_list (8) has set paragraph ids; after footnotes (15, 19).
        md.treeprocessors.register(CitationTreeprocessor(md, self, state), "scholia-notes", 5)


def makeExtension(**kwargs: Any) -> CitationExtension:
    return CitationExtension(**kwargs)


__all__ = [
    "NOTES_MARKER",
    "BibliographyError",
    "CitationError",
    "CitationExtension",
    "CitationRecord",
    "DocumentCitations",
    "makeExtension",
]
