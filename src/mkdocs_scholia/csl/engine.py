"""A CSL processor: citeproc-py's element rendering, and the citation-level work it lacks.

citeproc-py renders one cite or one bibliography entry from a style's
elements (corrected in :mod:`mkdocs_scholia.csl.elements`). Everything that
looks at more than one cite is done here:

* **positions**, per page (each page of a site is read on its own, as a
  chapter of a book): first, subsequent, ibid, ibid-with-locator and
  near-note, after the CSL specification, with the note numbers the page
  gives its citations;
* **disambiguation**, as the style asks, in the specification's order: add
  names, add given names (by cite, or by one of the global rules), the
  ``disambiguate`` condition, then year suffixes in bibliography order. It
  considers every work of the bibliography, as the Harvard style does, so a
  work's label never depends on which pages cite it;
* **citation numbers**, in order of first citation (:meth:`CslProcessor.cite`
  is called in reading order);
* **sorting and collapsing** the cites of one citation (``collapse="year"``:
  "Radchenko, 2009a, 2009b"; ``citation-number``: "[1–3]"), with cite
  grouping;
* **narrative citations** ("Radchenko (2009)") as the author alone followed by
  the citation without the author, as Pandoc does;
* the **bibliography**, sorted by the style (in citation order when it has no
  sort), with ``second-field-align`` and ``subsequent-author-substitute``.

Every distinct cite (work, locator, position, form) and every entry is
rendered once and kept, so the cost of a build does not grow with the number
of citations.

The work is shared by small modules: :mod:`~mkdocs_scholia.csl.positions`,
:mod:`~mkdocs_scholia.csl.citations` and :mod:`~mkdocs_scholia.csl.ordering`
are parts of the one processor class (they read and fill the same state: the
parsed style, the items, the per-work decisions and the memos);
:mod:`~mkdocs_scholia.csl.disambiguation`, :mod:`~mkdocs_scholia.csl.collapse`
and :mod:`~mkdocs_scholia.csl.punctuation` are functions of it. The values
that go in and come out are in :mod:`~mkdocs_scholia.csl.model`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from citeproc.source import CitationItem, Locator

from mkdocs_scholia.csl import collapse as collapsing
from mkdocs_scholia.csl import disambiguation, locators, markup, punctuation
from mkdocs_scholia.csl.citations import Citations
from mkdocs_scholia.csl.elements import RenderState, item_value, new_pass
from mkdocs_scholia.csl.model import CitationInput, CiteInput, Entry, PageState, Piece, RenderedCitation
from mkdocs_scholia.csl.ordering import Ordering, child
from mkdocs_scholia.csl.positions import Positions, locator_key
from mkdocs_scholia.csl.source import bibliography_source
from mkdocs_scholia.csl.styles import StyleFile, find_locale, load_locale, parse_style

__all__ = ["CitationInput", "CiteInput", "CslProcessor", "Entry", "PageState", "Piece", "RenderedCitation"]


class _Item(CitationItem):
    """A cite as citeproc-py's elements read it, with what the processor decided about it."""

    def __init__(self, processor: CslProcessor, key: str, locator: Locator | None = None) -> None:
        dict.__init__(self)
        dict.__setitem__(self, "key", key)
        if locator is not None:
            dict.__setitem__(self, "locator", locator)
        # Plain attributes: citeproc-py reads these on every element it renders.
        self.__dict__.update(_processor=processor, _key=key, _reference=processor.source[key])

    @property
    def key(self) -> Any:
        return self.__dict__["_key"]

    @property
    def reference(self) -> Any:
        return self.__dict__["_reference"]

    @property
    def number(self) -> Any:
        return self._processor.number(self.key)

    @property
    def bibliography(self) -> Any:  # citeproc-py reaches the formatter through it
        return self._processor

    def get_field(self, field_name: Any) -> Any:
        value = self.reference.get(field_name)
        return markup.strip(str(value)) if value is not None else None

    def is_bad(self) -> Any:
        return False

    def set(self, name: str, value: Any) -> None:
        dict.__setitem__(self, name, value)


class CslProcessor(Positions, Citations, Ordering):
    """One style, one locale, one bibliography (CSL-JSON items)."""

    def __init__(self, style: StyleFile, items: Iterable[Mapping[str, Any]], locale: str | None = None) -> None:
        self.style_file = style
        tree = parse_style(style)
        self.root = root = tree.getroot()
        self.state = RenderState(locale_loader=load_locale)
        root.render_state = self.state
        root.formatter = markup.Formatter
        self.locale = find_locale(locale or style.default_locale or root.get("default-locale") or "en-US")
        root.set_locale_list(self.locale, validate=False)
        # citeproc-py decides whether title case applies (English only) from the style's
        # default locale; the locale chosen here is the one that decides.
        root.set("default-locale", self.locale)
        # Every element kept alive: what citeproc-py and our caches store on an
        # element lives on its Python object, which lxml drops when unused.
        self._elements = list(root.iter()) + [element for locale in root.locales for element in locale.iter()]
        self.items = {str(item["id"]).lower(): dict(item) for item in items}
        self.canonical = {str(item["id"]).lower(): str(item["id"]) for item in self.items.values()}
        self.source = bibliography_source(self.items.values())
        self.formatter = markup.Formatter
        self.citation = root.citation
        self.bibliography_element = root.bibliography
        self.is_note = root.get("class") == "note"
        self.is_numeric = bool(self.citation.xpath_search('.//cs:text[@variable="citation-number"]'))
        self.state.implicit_year_suffix = not root.xpath_search('.//cs:text[@variable="year-suffix"]')
        self.locator_words = locators.vocabulary(self._locator_terms())
        self._numbers: dict[str, int] = {}
        self._cites: dict[tuple, tuple[str, str | None]] = {}
        self._entries: dict[str, tuple[str, str | None]] = {}
        self._sort_keys: dict[str, tuple] = {}  # key → its bibliography sort keys
        self._settings: dict[str, dict[str, Any]] = {}
        self._settings = disambiguation.disambiguate(self)

    # -- public --------------------------------------------------------------

    def reset(self) -> None:
        """Forget citation numbers (a new build cites afresh); rendered text stays valid."""
        self._numbers.clear()
        self._cites = {key: value for key, value in self._cites.items() if key[-1] is None}
        self._entries.clear()

    def number(self, key: str) -> int:
        key = key.lower()
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
        return self._numbers[key]

    def new_page(self) -> PageState:
        return PageState()

    def cite(self, citation: CitationInput, page: PageState) -> RenderedCitation:
        """Render one citation; call in reading order, with the page's state."""
        items = [self._item_for(cite) for cite in citation.cites]
        for item, _ in items:
            if self.is_numeric:
                self.number(item.key)
        self._set_positions([item for item, _ in items], citation.note_number, page)
        if citation.narrative and items:
            return self._narrative(items, citation)
        pieces = self._cluster(items)
        if self.is_note:
            return RenderedCitation(in_text=(), note=self._capitalized(pieces))
        return RenderedCitation(in_text=pieces)

    def entry(self, key: str) -> Entry:
        """The bibliography entry of one work (no subsequent-author substitution)."""
        text, _ = self._entry(key.lower())
        return self._as_entry(key, text)

    def label(self, key: str) -> tuple[str, str]:
        """``("Radchenko", "2009b")``: who and when, as plain text, for link texts."""
        item = _Item(self, key.lower())
        item.set("position", "subsequent" if self.is_note else "first")  # notes: the short form
        self._apply_disambiguation(item)
        _, names = self._cite_text(item, "author-only")
        who = markup.to_text(punctuation.tidy(names, False)).strip() if names else self._short_names(item)
        year = collapsing.year_of(item)
        if year:
            year += str(item.reference.get("year_suffix") or "")
        else:
            year = str(self.citation.get_single_term("no date", "short") or "n.d.")
        return who, year

    def sorted_keys(self, keys: Iterable[str]) -> list[str]:
        """``keys`` in the style's bibliography order (citation order when it does not sort)."""
        wanted = {key.lower(): key for key in keys}
        if self.bibliography_element is None or child(self.bibliography_element, "sort") is None:
            cited = [key for key in self._numbers if key in wanted]
            rest = [key for key in self.items if key in wanted and key not in self._numbers]
            return [wanted[key] for key in cited + rest]
        return [wanted[key] for key in self._bibliography_order(wanted)]

    @property
    def substitutes_authors(self) -> bool:
        """Whether the style names a repeated author with a substitute in its bibliography ("———")."""
        element = self.bibliography_element
        return element is not None and element.get("subsequent-author-substitute") is not None

    def bibliography(self, keys: Iterable[str]) -> list[Entry]:
        """Entries of ``keys``, sorted by the style, with ``subsequent-author-substitute`` applied."""
        ordered = self.sorted_keys(keys)
        element = self.bibliography_element
        substitute = element.get("subsequent-author-substitute") if element is not None else None
        entries = []
        previous_names = None
        for key in ordered:
            text, names = self._entry(key.lower())
            if substitute is not None and names and names == previous_names:
                text = text.replace(names, substitute, 1)
            previous_names = names
            if text:  # a work the style prints nothing for has no entry (as in citeproc-js)
                entries.append(self._as_entry(key, text))
        return entries

    # -- items ---------------------------------------------------------------

    def _locator_terms(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for term in locators.TERMS:
            for form in (None, "short", "symbol"):
                found = self.citation.get_term(term, form)
                if found is None:
                    continue
                for text in (found.single, found.multiple):
                    if str(text).strip():
                        words.setdefault(str(text).strip().lower(), term)
        return words

    def _item_for(self, cite: CiteInput) -> tuple[_Item, CiteInput]:
        key = cite.key.lower()
        if key not in self.items:
            raise KeyError(cite.key)
        locator: locators.Locator | None
        if cite.label and cite.locator:
            locator = locators.Locator(cite.label, cite.locator)
        else:
            locator = locators.parse(cite.locator, self.locator_words) if cite.locator else None
        item = _Item(self, key, Locator(locator.label, locator.value) if locator else None)
        extra = locator.suffix if locator else (cite.locator.strip() if cite.locator else "")
        suffix = " ".join(part for part in (extra if not extra.startswith(",") else "", cite.suffix) if part)
        if extra.startswith(","):
            suffix = extra + (" " + cite.suffix if cite.suffix else "")
        elif extra and cite.locator and locator is None:
            suffix = ", " + extra + (" " + cite.suffix if cite.suffix else "")
        item.set("user_prefix", cite.prefix)
        item.set("user_suffix", suffix)
        item.set("suppress_author", cite.suppress_author)
        self._apply_disambiguation(item)
        return item, cite

    def _render(self, item: _Item, mode: str | None = None, layout: Any = None) -> tuple[str, str | None]:
        """``(marked text, first names rendered)`` of one cite with the citation layout."""
        layout = layout if layout is not None else self.citation.layout
        state = self.state
        new_pass(state, mode)
        layout.repressed = {}
        try:
            text = layout.render_children(item)
        finally:
            state.names_mode = None
        return (str(text) if text else ""), state.first_names

    def _cite_text(self, item: _Item, mode: str | None = None) -> tuple[str, str | None]:
        locator = item.get("locator") if "locator" in item else None
        memo = (
            item.key,
            locator_key(locator) if locator is not None else None,
            item_value(item, "position"),
            item_value(item, "near_note"),
            item_value(item, "first_note"),
            mode,
            self._numbers.get(item.key) if self.is_numeric else None,
        )
        found = self._cites.get(memo)
        if found is None:
            found = self._cites[memo] = self._render(item, mode)
        return found

    # -- citations --------------------------------------------------------------

    # -- bibliography -----------------------------------------------------------

    def item(self, key: str) -> _Item:
        """A cite of the work ``key`` (lower case), as the elements render it."""
        return _Item(self, key)

    def _apply_disambiguation(self, item: _Item) -> None:
        settings = self._settings.get(item.key)
        if settings:
            for name, value in settings.items():
                item.set(name, value)

    def _punctuation_in_quote(self) -> bool:
        option = self.citation.get_locale_option("punctuation-in-quote")
        return str(option).lower() == "true"
