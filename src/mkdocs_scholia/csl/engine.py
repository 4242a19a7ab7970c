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

The parts that are functions of the processor's state live in
:mod:`~mkdocs_scholia.csl.disambiguation`, :mod:`~mkdocs_scholia.csl.collapse`
and :mod:`~mkdocs_scholia.csl.punctuation`; the rest stays in this one class
(longer than most modules here) because it all reads and fills the same
state: the parsed style, the items, the per-work decisions and the memos.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import Any

from citeproc.source import CitationItem, Locator, VariableError

from mkdocs_scholia.csl import collapse as collapsing
from mkdocs_scholia.csl import disambiguation, locators, markup, punctuation, richtext
from mkdocs_scholia.csl.elements import RenderState, item_value, new_pass
from mkdocs_scholia.csl.source import bibliography_source
from mkdocs_scholia.csl.styles import StyleFile, find_locale, load_locale, parse_style

@dataclass(frozen=True)
class CiteInput:
    """One work cited, as written: ``see @key, p. 3``."""

    key: str
    prefix: str = ""
    locator: str = ""  # as written: "p. 380", "ch. 2"
    suffix: str = ""
    suppress_author: bool = False
    label: str = ""  # a CSL locator term, when the locator is already split from its label


@dataclass(frozen=True)
class CitationInput:
    """A citation: its cites, whether it is narrative, and the number of its note on the page."""

    cites: tuple[CiteInput, ...]
    narrative: bool = False
    note_number: int = 0


@dataclass(frozen=True)
class Piece:
    """A run of a rendered citation: the rendering of one work (``key``), or text between them."""

    key: str | None
    html: str
    text: str


@dataclass(frozen=True)
class RenderedCitation:
    """What a citation becomes: ``in_text`` stands in the sentence, ``note`` fills its note.

    For in-text styles the note is empty (the caller fills it with the full
    references, as for the Harvard style); for note styles the text holds
    nothing but, for a narrative citation, the author's name.
    """

    in_text: tuple[Piece, ...]
    note: tuple[Piece, ...] = ()

    @staticmethod
    def html_of(pieces: Iterable[Piece]) -> str:
        return "".join(piece.html for piece in pieces)

    @staticmethod
    def text_of(pieces: Iterable[Piece]) -> str:
        return "".join(piece.text for piece in pieces)


@dataclass(frozen=True)
class Entry:
    """One bibliography entry, rendered."""

    key: str
    html: str
    text: str


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
    def key(self):
        return self.__dict__["_key"]

    @property
    def reference(self):
        return self.__dict__["_reference"]

    @property
    def number(self):
        return self._processor.number(self.key)

    @property
    def bibliography(self):  # citeproc-py reaches the formatter through it
        return self._processor

    def get_field(self, field_name):
        value = self.reference.get(field_name)
        return markup.strip(str(value)) if value is not None else None

    def is_bad(self):
        return False

    def set(self, name: str, value: Any) -> None:
        dict.__setitem__(self, name, value)


@dataclass
class PageState:
    """What positions depend on: the cites before this one on the same page."""

    last: list[tuple[str, Locator | None]] = field(default_factory=list)  # the previous citation's cites
    last_note: dict[str, int] = field(default_factory=dict)  # key → note number of its last citation
    first_note: dict[str, int] = field(default_factory=dict)  # key → note number of its first citation


class CslProcessor:
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
        if self.bibliography_element is None or _child(self.bibliography_element, "sort") is None:
            cited = [key for key in self._numbers if key in wanted]
            rest = [key for key in self.items if key in wanted and key not in self._numbers]
            return [wanted[key] for key in cited + rest]
        return [wanted[key] for key in self._bibliography_order(wanted)]

    def bibliography(self, keys: Iterable[str]) -> list[Entry]:
        """Entries of ``keys``, sorted by the style, with ``subsequent-author-substitute`` applied."""
        ordered = self.sorted_keys(keys)
        substitute = self.bibliography_element.get("subsequent-author-substitute") if self.bibliography_element is not None else None
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

    def _set_positions(self, items: list[_Item], note: int, page: PageState) -> None:
        distance = int(self.citation.get("near-note-distance", "5"))
        previous = list(page.last)
        for index, item in enumerate(items):
            key = item.key
            locator = item.get("locator") if "locator" in item else None
            if key not in page.first_note:
                position = "first"
            else:
                if index > 0:
                    before = (items[index - 1].key, items[index - 1].get("locator") if "locator" in items[index - 1] else None)
                    same = before[0] == key
                else:
                    before = previous[0] if len(previous) == 1 else (None, None)
                    same = len(previous) == 1 and before[0] == key
                if not same:
                    position = "subsequent"
                else:
                    earlier = before[1]
                    if locator is None and earlier is None:
                        position = "ibid"
                    elif locator is None:
                        position = "subsequent"  # the earlier cite had a locator: "ibid" would claim it
                    elif earlier is None or _locator_key(earlier) != _locator_key(locator):
                        position = "ibid-with-locator"
                    else:
                        position = "ibid"
            item.set("position", position)
            near = key in page.last_note and note - page.last_note[key] <= distance
            item.set("near_note", near)
            if key in page.first_note:
                item.set("first_note", page.first_note[key])
        for item in items:
            page.first_note.setdefault(item.key, note)
            page.last_note[item.key] = note
        page.last = [(item.key, item.get("locator") if "locator" in item else None) for item in items]

    # -- rendering one cite ----------------------------------------------------

    def _render(self, item: _Item, mode: str | None = None, layout=None) -> tuple[str, str | None]:
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
            _locator_key(locator) if locator is not None else None,
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

    def _sorted_cites(self, items: list[tuple[_Item, CiteInput]]) -> list[tuple[_Item, CiteInput]]:
        sort = _child(self.citation, "sort")
        if sort is None or len(items) < 2:
            return items
        ordered = self._sort([item for item, _ in items], sort, self.citation.layout)
        lookup = {id(item): pair for pair in items for item in [pair[0]]}
        return [lookup[id(item)] for item in ordered]

    def _cluster(self, items: list[tuple[_Item, CiteInput]], force_suppress: bool = False) -> tuple[Piece, ...]:
        items = self._sorted_cites(items)
        layout = self.citation.layout
        delimiter = layout.get("delimiter", "")
        collapse = self.citation.get("collapse")
        rendered = []
        for item, _ in items:
            mode = "suppress" if (force_suppress or item_value(item, "suppress_author")) else None
            text, names = self._cite_text(item, mode)
            if text:
                rendered.append([item, text, names])
        if collapse == "citation-number":
            parts = collapsing.collapse_numbers(self, rendered, delimiter)
        elif collapse in ("year", "year-suffix", "year-suffix-ranged") and not force_suppress:
            parts = collapsing.collapse_years(self, rendered, delimiter, collapse)
        else:
            parts = []
            for index, (item, text, _) in enumerate(rendered):
                if index:
                    parts.append((None, delimiter))
                collapsing.emit(parts, item, text)
        return self._pieces(parts, layout)

    def _pieces(self, parts: list[tuple[str | None, str]], layout) -> tuple[Piece, ...]:
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        pieces = []
        if prefix:
            pieces.append(self._piece(None, prefix))
        for key, text in parts:
            pieces.append(self._piece(key, layout.format(text) if key is not None else text))
        if suffix:
            pieces.append(self._piece(None, suffix))
        return self._finished(pieces)

    def _piece(self, key: str | None, text: str) -> Piece:
        """A piece still in marked text (see :meth:`_finished`)."""
        return Piece(self.canonical.get(key, key) if key is not None else None, text, text)

    def _finished(self, pieces: list[Piece]) -> tuple[Piece, ...]:
        """Punctuation tidied across the pieces of one citation, then each as HTML and as text."""
        texts = punctuation.across([piece.text for piece in pieces], self._punctuation_in_quote())
        links = self.state.links
        return tuple(Piece(piece.key, markup.to_html(text, links), markup.to_text(text)) for piece, text in zip(pieces, texts))

    def _narrative(self, items: list[tuple[_Item, CiteInput]], citation: CitationInput) -> RenderedCitation:
        """"Radchenko (2009)": the author, then the citation without them (Pandoc's author-in-text)."""
        item = items[0][0]
        _, names = self._cite_text(item, "author-only")
        if not names:
            names = self._short_names(item)
        author = self._finished([self._piece(item.key, names)])[0] if names else None
        if self.is_note:
            note = self._capitalized(self._cluster(items))
            return RenderedCitation(in_text=(author,) if author else (), note=note)
        rest = self._cluster(items, force_suppress=bool(names))
        if author is None:
            return RenderedCitation(in_text=rest)
        layout_prefix = self.citation.layout.get("prefix", "")
        if not layout_prefix.strip() and not self.is_numeric:  # "Radchenko (2009)" needs brackets
            rest = (Piece(None, "(", "("), *rest, Piece(None, ")", ")"))
        return RenderedCitation(in_text=(author, Piece(None, " ", " "), *rest))

    def _short_names(self, item: _Item) -> str:
        """The authors' family names, for a narrative citation in a style whose citations print none."""
        for variable in ("author", "editor"):
            names = item.reference.get(variable)
            if names:
                families = [str(name.get("family") or name.get("literal") or "") for name in names]
                and_term = str(self.citation.get_single_term("and") or "and")
                if len(families) == 1:
                    return families[0]
                if len(families) == 2:
                    return f"{families[0]} {and_term} {families[1]}"
                return f"{families[0]} {self.citation.get_single_term('et-al') or 'et al.'}"
        return ""

    def _capitalized(self, pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
        """A note begins with a capital: "Ibid.", not "ibid." (as citeproc-js does)."""
        for index, piece in enumerate(pieces):
            if not piece.text.strip():
                continue
            stripped = piece.text.lstrip()
            if stripped[:1].islower():
                ibid = str(self.citation.get_single_term("ibid") or "ibid")
                if stripped.lower().startswith(ibid.lower()):
                    html = piece.html.replace(stripped[0], stripped[0].upper(), 1)
                    text = piece.text.replace(stripped[0], stripped[0].upper(), 1)
                    pieces = (*pieces[:index], Piece(piece.key, html, text), *pieces[index + 1 :])
            break
        return pieces

    # -- bibliography -----------------------------------------------------------

    def _entry(self, key: str) -> tuple[str, str | None]:
        found = self._entries.get(key)
        if found is not None:
            return found
        element = self.bibliography_element
        if element is None:
            found = ("", None)
        else:
            item = _Item(self, key)
            item.set("in_bibliography", True)
            self._apply_disambiguation(item)
            if self.is_numeric and key not in self._numbers:
                self.number(key)
            layout = element.layout
            state = self.state
            new_pass(state)
            layout.repressed = {}
            if element.get("second-field-align") and len(layout):
                children = list(layout.iterchildren())
                first = _render_child(children[0], item)
                rest = [text for text in (_render_child(child, item) for child in children[1:]) if text]
                body = layout.wrap(layout.format("".join(rest))) if rest else ""
                text = (markup.wrap(markup.LEFT_MARGIN, first) if first else "") + markup.wrap(markup.RIGHT_INLINE, str(body))
            else:
                body = layout.render_children(item)
                text = str(layout.format(layout.wrap(body))) if body else ""
            found = (text, state.first_names)
        self._entries[key] = found
        return found

    def _as_entry(self, key: str, text: str) -> Entry:
        tidy = punctuation.tidy(text, self._punctuation_in_quote())
        return Entry(self.canonical.get(key.lower(), key), markup.to_html(tidy, self.state.links), markup.to_text(tidy))

    def _bibliography_order(self, keys: Iterable[str] | None = None) -> list[str]:
        """``keys`` (lower-case; all by default) in the bibliography's sort order.

        Only the works asked about are sorted (their sort keys are kept), and
        the order of any of them is the one they have in the whole
        bibliography: the sort is total, ties keep the bibliography's order.
        """
        chosen = set(keys) if keys is not None else None
        wanted = [key for key in self.items if chosen is None or key in chosen]
        element = self.bibliography_element
        sort = _child(element, "sort")
        if sort is None:
            return wanted
        missing = [key for key in wanted if key not in self._sort_keys]
        if missing:
            items = []
            for key in missing:
                item = _Item(self, key)
                item.set("in_bibliography", True)
                self._apply_disambiguation(item)
                items.append(item)
            for item, values in zip(items, self._sort_values(items, sort, element.layout)):
                self._sort_keys[item.key] = values
        position = {key: index for index, key in enumerate(self.items)}
        descending = [key.get("sort", "ascending") == "descending" for key in sort.findall("cs:key", sort.nsmap)]

        def compare(left: str, right: str) -> int:
            for a, b, down in zip(self._sort_keys[left], self._sort_keys[right], descending):
                if a is None and b is None:
                    continue
                if a is None:
                    return 1
                if b is None:
                    return -1
                result = (a > b) - (a < b)
                if result:
                    return -result if down else result
            return position[left] - position[right]

        return sorted(wanted, key=cmp_to_key(compare))

    def _sort_values(self, items: list[_Item], sort, layout) -> list[tuple]:
        """Each item's sort keys (one value per ``cs:key``; None when empty)."""
        columns = []
        self.state.names_mode, self.state.sorting = None, True
        try:
            for key_element in sort.findall("cs:key", sort.nsmap):
                columns.append([_sortable(value) for value in key_element.sort_keys(items, layout)])
        finally:
            self.state.sorting = False
        return list(zip(*columns)) if columns else [() for _ in items]

    def _sort(self, items: list[_Item], sort, layout) -> list[_Item]:
        """Items in a ``cs:sort``'s order: text keys compared case-insensitively, empty keys last."""
        values = self._sort_values(items, sort, layout)
        descending_flags = [key.get("sort", "ascending") == "descending" for key in sort.findall("cs:key", sort.nsmap)]
        columns = [([row[column] for row in values], descending_flags[column]) for column in range(len(descending_flags))]
        index = {id(item): position for position, item in enumerate(items)}

        def compare(left: _Item, right: _Item) -> int:
            for values, descending in columns:
                a, b = values[index[id(left)]], values[index[id(right)]]
                if a is None and b is None:
                    continue
                if a is None:
                    return 1
                if b is None:
                    return -1
                result = (a > b) - (a < b)
                if result:
                    return -result if descending else result
            return 0

        return sorted(items, key=cmp_to_key(compare))

    # -- disambiguation ----------------------------------------------------------

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


def _child(element, name: str):
    """The first child ``cs:name`` (``element.sort`` is a method on citeproc-py's bibliography)."""
    return element.find(f"cs:{name}", element.nsmap) if element is not None else None


def _render_child(child, item) -> str:
    try:
        text = child.render(item)
    except VariableError:
        return ""
    return str(text) if text else ""


def _locator_key(locator: Locator) -> tuple[str, str]:
    return (locator.label, str(locator.identifier))


def _sortable(value: Any) -> Any:
    if value is None:
        return None
    text = markup.strip(str(value)).strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return (0, int(text), "")
    return (1, 0, richtext.plain(text).casefold())
