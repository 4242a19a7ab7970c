"""A CSL style as the rest of the package uses it: formatted references, their order, citations.

:class:`CslStyle` is built once per bibliography from the pybtex entries
(converted by :mod:`mkdocs_scholia.csl.convert`) and answers what the
Harvard style answers through the bibliography: each work's reference
(HTML and text) and its short label ("Radchenko" and "2009b", for link texts
and assistive technology), and the order of a list of works. Citations are
rendered through :meth:`CslStyle.cite`, page by page (positions such as
"Ibid." restart on every page) and in reading order (numeric styles number
works by first citation).

The editors' ``supplied`` note follows the style's reference, as the
Harvard style prints it: "[Supplied by the editors: …]".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pybtex.richtext import Tag

from mkdocs_scholia.csl.convert import to_csl
from mkdocs_scholia.csl.engine import CitationInput, CiteInput, CslProcessor, PageState, RenderedCitation
from mkdocs_scholia.csl.styles import find_style
from mkdocs_scholia.style.html import PlainTextBackend, SafeHTMLBackend
from mkdocs_scholia.style.latex import rich_latex

__all__ = ["CiteInput", "CslStyle", "Formatted", "PageState", "RenderedCitation"]


@dataclass(frozen=True)
class Formatted:
    """One work as a CSL style writes it."""

    names: str  # "Radchenko", "Shen et al.": what the style's citations name
    year: str  # "2009b", "n.d.": the year with its disambiguating suffix
    html: str  # the bibliography entry (escaped; links only to http(s))
    text: str


class CslStyle:
    """A CSL style (a bundled id or a .csl file) applied to one bibliography."""

    def __init__(
        self,
        name: str,
        entries: Mapping[str, Any],
        *,
        root: str | Path | None = None,
        locale: str | None = None,
    ) -> None:
        self.name = name
        self.processor = CslProcessor(
            find_style(name, root), [to_csl(key, entry) for key, entry in entries.items()], locale
        )
        self._supplied = {
            key.lower(): str(entry.fields.get("supplied", "")).strip() for key, entry in entries.items()
        }
        self._formatted: dict[str, Formatted] = {}

    @property
    def cache_namespace(self) -> str | None:
        """What the references depend on besides the entries and the code: the style, its content, the locale.

        Under this name the bibliography keeps the references in its disk cache
        (with the .bib files' digests and :func:`mkdocs_scholia.bib.cache.csl_code_digest`).
        None for numeric styles, whose entries carry the numbers of one build's citation order.
        """
        if self.processor.is_numeric:
            return None
        style = self.processor.style_file
        content = style.xml if style.xml is not None else style.path.read_bytes()
        return f"csl.references:{self.name}:{hashlib.sha256(content).hexdigest()}:{self.locale}"

    @property
    def locale(self) -> str:
        return self.processor.locale

    @property
    def kind(self) -> str:
        """``note``, ``numeric`` or ``author-date`` (any other in-text style)."""
        if self.processor.is_note:
            return "note"
        return "numeric" if self.processor.is_numeric else "author-date"

    @property
    def is_note(self) -> bool:
        return self.processor.is_note

    def reset(self) -> None:
        """A new build: citation numbers are given afresh, in the new reading order."""
        self.processor.reset()
        if self.processor.is_numeric:
            self._formatted.clear()

    def remember(self, key: str, formatted: Formatted) -> None:
        """Take ``key``'s reference as formatted by an earlier build (from the disk cache)."""
        self._formatted.setdefault(key.lower(), formatted)

    def reference(self, key: str) -> Formatted:
        """The work's entry and label, formatted once."""
        lowered = key.lower()
        found = self._formatted.get(lowered)
        if found is None:
            entry = self.processor.entry(lowered)
            html, text = self._with_supplied(lowered, entry.html, entry.text)
            names, year = self.processor.label(lowered)
            found = self._formatted[lowered] = Formatted(names, year, html, text)
        return found

    def _with_supplied(self, key: str, html: str, text: str) -> tuple[str, str]:
        supplied = self._supplied.get(key)
        if supplied:
            mark = Tag("supplied", "[Supplied by the editors: ", rich_latex(supplied), "]")
            html = f"{html} {mark.render(SafeHTMLBackend())}"
            text = f"{text} {mark.render(PlainTextBackend())}"
        return html, text

    def listed(self, keys: Iterable[str]) -> dict[str, str]:
        """Entries of a list of ``keys`` that read otherwise than :meth:`reference`, key → HTML.

        A list differs from its entries taken one by one where the style asks
        for ``subsequent-author-substitute``: an entry by the same authors as
        the entry before it names them with the style's substitute ("———."
        in MLA). Other entries are left out; without that option, nothing.
        """
        if not self.processor.substitutes_authors:
            return {}
        found = {}
        for entry in self.processor.bibliography(keys):
            lowered = entry.key.lower()
            if entry.html != self.processor.entry(lowered).html:
                found[entry.key] = self._with_supplied(lowered, entry.html, entry.text)[0]
        return found

    def sorted_keys(self, keys: Iterable[str]) -> list[str]:
        """Works in the style's bibliography order (citation order in numeric styles)."""
        return self.processor.sorted_keys(keys)

    def bibliography(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """``(key, html)`` of a whole list, with the style's ``subsequent-author-substitute``."""
        return [(entry.key, entry.html) for entry in self.processor.bibliography(keys)]

    def new_page(self) -> PageState:
        return self.processor.new_page()

    def cite(
        self,
        cites: Sequence[CiteInput],
        page: PageState,
        *,
        narrative: bool = False,
        note_number: int = 0,
    ) -> RenderedCitation:
        """One citation (its cites as written), in reading order on ``page``."""
        return self.processor.cite(CitationInput(tuple(cites), narrative, note_number), page)

