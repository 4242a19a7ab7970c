"""Finding citations in inline text: each becomes a numbered placeholder.

Python-Markdown does not process inline text in document order, so these
patterns only check the keys (every problem is remembered with the text that
locates it) and leave a placeholder; the tree processor
(:mod:`~mkdocs_scholia.markdown.notes`) numbers and writes them in reading order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from mkdocs_scholia.bib import Bibliography, BibliographyError
from mkdocs_scholia.markdown.syntax import Citation, parse_bracketed, parse_narrative

PLACEHOLDER_ATTR = "data-scholia-pending"


@dataclass
class Pending:
    """A citation found, waiting for its number."""

    citation: Citation  # its keys as the .bib file writes them
    source: str  # the citation as written, for messages and unresolved output


@dataclass
class DocumentState:
    """What the extension's processors share about the document being converted."""

    source_lines: list[str] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (text that finds the line, message)

    def start(self, lines: list[str]) -> None:
        """Forget the previous document: a Markdown instance may convert several."""
        self.source_lines = list(lines)
        self.pending.clear()
        self.problems.clear()


class SourcePreprocessor(Preprocessor):
    """Starts each conversion afresh and keeps the source lines, so that problems can name their line."""

    def __init__(self, md: Markdown, state: DocumentState):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.start(lines)
        return lines


class CitationPattern(InlineProcessor):
    """Turns a citation into a pending placeholder, resolved by the tree processor.

    ``bibliography`` is called when a citation is found (the extension loads
    it once, lazily).
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        bibliography: Callable[[], Bibliography],
        state: DocumentState,
        narrative: bool,
        md: Markdown | None = None,
    ):
        super().__init__(pattern.pattern, md)
        self.compiled_re = pattern
        self.bibliography = bibliography
        self.state = state
        self.narrative = narrative

    def handleMatch(  # type: ignore[override]  # the stubs give InlineProcessor Pattern's signature
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        citation = parse_narrative(m) if self.narrative else parse_bracketed(m.group("body"))
        if citation is None:
            return None, None, None
        citation = self._restore_placeholders(citation)
        bibliography = self.bibliography()
        unknown = [cite.key for cite in citation.cites if cite.key not in bibliography]
        if unknown:
            for key in unknown:
                suggestions = bibliography.closest(key)
                hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
                self.state.problems.append((f"@{key}", f"unknown citation key '{key}'{hint}"))
            return unresolved(self.unescape(m.group(0))), m.start(0), m.end(0)
        for cite in citation.cites:
            try:
                bibliography.reference(cite.key)  # formats once; a broken entry is a problem here
            except BibliographyError as error:
                self.state.problems.append((f"@{cite.key}", f"cannot cite '{cite.key}': {error}"))
                return unresolved(self.unescape(m.group(0))), m.start(0), m.end(0)
        # From here on every key is as the .bib file writes it (keys are case-insensitive).
        citation = replace(citation, cites=tuple(replace(c, key=bibliography.canonical(c.key)) for c in citation.cites))
        placeholder = etree.Element("span")
        placeholder.set(PLACEHOLDER_ATTR, str(len(self.state.pending)))
        self.state.pending.append(Pending(citation, m.group(0)))
        return placeholder, m.start(0), m.end(0)

    def _restore_placeholders(self, citation: Citation) -> Citation:
        """Prefixes, locators and suffixes with Python-Markdown's inline placeholders resolved.

        Patterns that ran before this one (raw HTML, code spans, escapes) left
        placeholders in the text; copied as they are into the citation and its
        note they would leak control characters into the page.
        """
        if not any("\x02" in c.prefix + c.locator + c.suffix for c in citation.cites):
            return citation
        cites = tuple(
            replace(c, prefix=self.unescape(c.prefix), locator=self.unescape(c.locator), suffix=self.unescape(c.suffix))
            for c in citation.cites
        )
        return replace(citation, cites=cites)


def unresolved(source: str) -> etree.Element:
    """The citation as written, marked, so nothing vanishes when errors only warn."""
    span = etree.Element("span")
    span.set("class", "citation citation-unresolved")
    span.text = AtomicString(source)
    return span
