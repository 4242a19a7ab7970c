"""Positions, per page: first, subsequent, ibid, ibid-with-locator, near-note.

After the CSL specification: a cite is "ibid" when it follows a cite of the
same work, in the same citation or as the first cite after a citation of that
work alone; "ibid-with-locator" when its locator differs; "subsequent" (not
"ibid") when the earlier cite had a locator and this one has none, so that
"Ibid." never claims the earlier page. "near-note" counts notes on the page.
Each page starts afresh (:class:`~mkdocs_scholia.csl.model.PageState`).
"""

from __future__ import annotations

from typing import Any

from citeproc.source import Locator

from mkdocs_scholia.csl.elements.state import Untyped
from mkdocs_scholia.csl.model import PageState


class Positions(Untyped):
    """The processor's part that sets each cite's position (a mixin of the processor)."""

    def _set_positions(self, items: list[Any], note: int, page: PageState) -> None:
        distance = int(self.citation.get("near-note-distance", "5"))
        previous = list(page.last)
        for index, item in enumerate(items):
            key = item.key
            locator = item.get("locator") if "locator" in item else None
            if key not in page.first_note:
                position = "first"
            else:
                if index > 0:
                    previous_item = items[index - 1]
                    before = (previous_item.key, previous_item.get("locator") if "locator" in previous_item else None)
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
                    elif earlier is None or locator_key(earlier) != locator_key(locator):
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


def locator_key(locator: Locator) -> tuple[str, str]:
    return (locator.label, str(locator.identifier))
