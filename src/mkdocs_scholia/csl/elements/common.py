"""Two behaviours several elements share: counting the variables they look up, and page-range formats.
"""

from __future__ import annotations

from typing import Any

from mkdocs_scholia.csl.elements.state import Untyped, state_of


class _CountsVariables(Untyped):
    """Counts the variables an element looks up and whether it printed them (see ``Group``)."""

    def _counted(self) -> bool:
        return True

    def render(self, *args: Any, **kwargs: Any) -> Any:
        state = state_of(self)
        counted = self._counted()
        if counted:
            state.called += 1
        text = super().render(*args, **kwargs)
        if counted and text:
            state.rendered += 1
        return text


class _PageRanges(Untyped):
    """``page-range-format`` after the CSL specification (expanded, minimal, minimal-two, chicago)."""

    def _format_last_page(self, first: Any, last: Any) -> Any:
        style = self.get_root().get("page-range-format")
        first, last = str(first).strip(), str(last).strip()
        if not style or not (first.isdigit() and last.isdigit()):
            return last
        if len(last) < len(first):  # "321-28": the last page written short
            last = first[: len(first) - len(last)] + last
        if int(last) <= int(first) or len(last) != len(first):
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if style in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                return last
            if style != "chicago-16" and len(first) == 4 and common < 2:
                return last  # chicago-15: four digits, three of them changed: all four
            style = "minimal" if number % 100 < 10 else "minimal-two"
        if style == "minimal":
            return last[common:]
        if style == "minimal-two":
            return last[min(common, len(last) - 2) :]
        return last
