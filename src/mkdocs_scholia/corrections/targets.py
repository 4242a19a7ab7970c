"""Places in the edition named in data: ``personal-factors.md#p2.3``.

The changelog's ``where`` and the ``anchor_redirects`` of the corrections
plugin name a page by its file under docs/ and, optionally, an anchor on
it. Both come from files a pull request can change, and end up in links and
in a script that navigates, so they are held to a grammar: a relative
``.md`` path of plain segments (no scheme, no ``//host``, no ``..``) and an
anchor made of the characters the edition's ids use (paragraphs ``p2.3a``,
sections ``s2``, headings ``1-introduction``, notes ``e012``, versions
``v1.0.0``, references ``ref-shen2012``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.md")
"""A docs page: ``personal-factors.md``, ``part/one.md``."""

ANCHOR = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}")
"""An anchor (an element id) the edition could publish."""

EXPECTED = "a page under docs/ with an optional anchor, e.g. 'personal-factors.md' or 'personal-factors.md#p2.3'"


@dataclass(frozen=True)
class Target:
    """A page under docs/ and an anchor on it ('' for the page itself)."""

    page: str
    anchor: str = ""

    def __str__(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


def parse(value: object, *, anchor_required: bool = False) -> Target | None:
    """The target ``value`` names, or None when it does not follow the grammar."""
    if not isinstance(value, str):
        return None
    page, hash_, anchor = value.strip().partition("#")
    if not PAGE.fullmatch(page) or ".." in page.split("/"):
        return None
    if hash_ and not ANCHOR.fullmatch(anchor):
        return None
    if anchor_required and not anchor:
        return None
    return Target(page, anchor)


def problem(value: object, *, anchor_required: bool = False) -> str:
    """Why ``value`` is not a target ('' when it is one)."""
    if parse(value, anchor_required=anchor_required) is not None:
        return ""
    if not isinstance(value, str):
        return f"expected text such as 'personal-factors.md#p2.3', not {type(value).__name__}"
    page, hash_, anchor = value.strip().partition("#")
    if not PAGE.fullmatch(page) or ".." in page.split("/"):
        return f"{value!r} is not {EXPECTED} (only pages of this site: no URL, no '..')"
    if hash_ and not ANCHOR.fullmatch(anchor):
        return f"the anchor {anchor!r} is not an id of the edition (letters, digits, '_', '.', ':' and '-')"
    return f"{value!r} names no anchor: write it as 'page.md#anchor'"
