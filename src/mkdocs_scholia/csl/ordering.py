"""Bibliography entries and their order (a mixin of :class:`~mkdocs_scholia.csl.engine.CslProcessor`).

Entries are rendered once each, with ``second-field-align`` (the citation
number in a left margin); the order is the style's ``cs:sort``, text keys
compared case-insensitively and empty keys last, ties in the bibliography's
order. Only the works asked about are sorted, and their keys are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cmp_to_key
from typing import Any

from citeproc.source import VariableError

from mkdocs_scholia.csl import markup, punctuation, richtext
from mkdocs_scholia.csl.elements import new_pass
from mkdocs_scholia.csl.elements.state import Untyped
from mkdocs_scholia.csl.model import Entry


class Ordering(Untyped):
    def _entry(self, key: str) -> tuple[str, str | None]:
        found = self._entries.get(key)
        if found is not None:
            return found
        element = self.bibliography_element
        if element is None:
            found = ("", None)
        else:
            item = self.item(key)
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
                margin = markup.wrap(markup.LEFT_MARGIN, first) if first else ""
                text = margin + markup.wrap(markup.RIGHT_INLINE, str(body))
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
        sort = child(element, "sort")
        if sort is None:
            return wanted
        missing = [key for key in wanted if key not in self._sort_keys]
        if missing:
            items = []
            for key in missing:
                item = self.item(key)
                item.set("in_bibliography", True)
                self._apply_disambiguation(item)
                items.append(item)
            for item, values in zip(items, self._sort_values(items, sort, element.layout), strict=False):
                self._sort_keys[item.key] = values
        position = {key: index for index, key in enumerate(self.items)}
        descending = _descending(sort)

        def compare(left: str, right: str) -> int:
            found = _compare_keys(self._sort_keys[left], self._sort_keys[right], descending)
            return found or position[left] - position[right]

        return sorted(wanted, key=cmp_to_key(compare))

    def _sort_values(self, items: list[Any], sort: Any, layout: Any) -> list[tuple]:
        """Each item's sort keys (one value per ``cs:key``; None when empty)."""
        columns = []
        self.state.names_mode, self.state.sorting = None, True
        try:
            for key_element in sort.findall("cs:key", sort.nsmap):
                columns.append([_sortable(value) for value in key_element.sort_keys(items, layout)])
        finally:
            self.state.sorting = False
        return list(zip(*columns, strict=False)) if columns else [() for _ in items]

    def _sort(self, items: list[Any], sort: Any, layout: Any) -> list[Any]:
        """Items in a ``cs:sort``'s order: text keys compared case-insensitively, empty keys last."""
        values = self._sort_values(items, sort, layout)
        descending = _descending(sort)
        index = {id(item): position for position, item in enumerate(items)}

        def compare(left: Any, right: Any) -> int:
            return _compare_keys(values[index[id(left)]], values[index[id(right)]], descending)

        return sorted(items, key=cmp_to_key(compare))  # stable: ties keep the items' order

    # -- disambiguation ----------------------------------------------------------


def _descending(sort: Any) -> list[bool]:
    """For each ``cs:key`` of a ``cs:sort``, whether it sorts descending."""
    return [key.get("sort", "ascending") == "descending" for key in sort.findall("cs:key", sort.nsmap)]


def _compare_keys(left: tuple, right: tuple, descending: list[bool]) -> int:
    """Two items' sort keys compared key by key: an empty key (None) after any value, whichever the direction."""
    for a, b, down in zip(left, right, descending, strict=False):
        if a is None and b is None:
            continue
        if a is None:
            return 1
        if b is None:
            return -1
        result = (a > b) - (a < b)
        if result:
            return -result if down else result
    return 0


def child(element: Any, name: str) -> Any:
    """The first child ``cs:name`` (``element.sort`` is a method on citeproc-py's bibliography)."""
    return element.find(f"cs:{name}", element.nsmap) if element is not None else None


def _render_child(child: Any, item: Any) -> str:
    try:
        text = child.render(item)
    except VariableError:
        return ""
    return str(text) if text else ""


def _sortable(value: Any) -> Any:
    if value is None:
        return None
    text = markup.strip(str(value)).strip()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return (0, int(text), "")
    return (1, 0, richtext.plain(text).casefold())
