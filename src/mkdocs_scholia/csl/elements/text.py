"""``cs:text``, ``cs:label``, ``cs:number``, ``cs:date`` and ``cs:date-part``.
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from mkdocs_scholia.csl.elements.common import _CountsVariables, _PageRanges
from mkdocs_scholia.csl.elements.state import item_value, printed, state_of
from mkdocs_scholia.rules import dois


class Label(model.Label):
    def markup(self, text: Any) -> Any:
        if not text:
            return None
        return self.wrap(self.format(self.case(self.strip_periods(text), "en")))


class Number(_CountsVariables, _PageRanges, model.Number):
    pass


class Text(_CountsVariables, _PageRanges, model.Text):
    def _counted(self) -> bool:
        return "variable" in self.attrib and self.get("variable") != "year-suffix"

    def _variable(self, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        state = state_of(self)
        repressed = context.get_layout().repressed
        if self.tag in repressed and variable in repressed[self.tag]:
            return None
        if variable in state.substituted and not state.collecting:
            return None
        if variable == "year-suffix":
            suffix = None if state.sorting else item.reference.get("year_suffix")
            if suffix:
                state.year_suffix_shown = True
            return suffix or None
        if variable == "citation-number":
            return str(item.number)
        if variable == "first-reference-note-number":
            number = item_value(item, "first_note")
            if number is None:
                raise VariableError
            return str(number)
        if variable == "locator":
            if not item.has_locator:
                raise VariableError
            value = str(item.locator.identifier)
            if item.locator.label == "page":
                return String(str(self._process(value, "page")))
            return String(value.replace("-", "\u2013"))
        if variable in ("URL", "DOI"):
            value = String(str(item.reference[variable]))
        else:
            value = super()._variable(item, context)
        if value:
            printed(state, variable)
        return value

    def markup(self, text: Any, language: Any) -> Any:
        variable = self.get("variable")
        if not text or variable not in ("URL", "DOI"):
            return super().markup(text, language)
        # A link: the affixes are part of what is linked when they spell the
        # resolver ("https://doi.org/" before a DOI).
        state = state_of(self)
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        value = str(text)
        if variable == "DOI":
            target = dois.url(value)
            if prefix.lower().rstrip() in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/"):
                return state.links.link(target, prefix + value) + suffix
            return prefix + state.links.link(target, value) + suffix
        return prefix + state.links.link(value, self.format(value)) + suffix


class Date(_CountsVariables, model.Date):
    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        """As citeproc-py, but a locale's date format keeps its own delimiter ("2026 Nov 25")."""
        parts = self.parts(date, show_parts, context) if context is not self else self.parts(date, show_parts)
        if not parts:
            return None
        if self.is_locale_date():
            joiner = context if context is not None and context.get("delimiter") is not None else self
            return joiner.join(parts)
        return self.join(parts)

    def process(
        self, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        text = super().process(item, variable=variable, show_parts=show_parts, context=context, **kwargs)
        name = variable or self.get("variable")
        state = state_of(self)
        if text and name == "issued" and not self.is_locale_date() and state.implicit_year_suffix and not state.sorting:
            suffix = item.reference.get("year_suffix")
            if suffix and not state.year_suffix_shown:
                year = _year_of(item)
                if year and year in str(text):
                    state.year_suffix_shown = True
                    head, _, tail = str(text).partition(year)
                    return head + year + suffix + tail
        return text


def _year_of(item: Any) -> str | None:
    date = item.reference.get("issued")
    if date is None:
        return None
    begin = date.get("begin", date) if isinstance(date, dict) else date
    year = begin.get("year") if hasattr(begin, "get") else None
    return str(abs(int(year))) if year else None


class Date_Part(model.Date_Part):  # noqa: N801
    def render(self, date: Any, context: Any = None) -> Any:
        """As citeproc-py, but the style's attributes no longer stay in the locale's date format.

        citeproc-py copies the attributes of the style's ``date-part`` into the
        locale's (the same element for every date of the style), so the next
        date rendered with that format got them too.
        """
        original = dict(self.attrib)
        try:
            return self.markup(self.process(date, context))
        finally:
            self.attrib.clear()
            self.attrib.update(original)
