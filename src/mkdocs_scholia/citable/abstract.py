"""The text's abstract, read from the paragraph of the edition that holds it.

The abstract is part of the edited text (the home page's ``p0.5``), so it is
not written a second time in the configuration: the option ``edition:
abstract:`` names the paragraph, and its text, as rendered, is what the
edition's pages give as their abstract. A leading label ("Abstract:") is not
part of it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

LABEL = re.compile(r"^\s*abstract\s*[:.\u2014\u2013-]\s*", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ElementText(HTMLParser):
    """The text of the element whose id is ``ident`` (nested elements included)."""

    def __init__(self, ident: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ident = ident
        self.depth = 0  # >0 inside the element
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif not self.found and dict(attrs).get("id") == self.ident:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def paragraph_text(markup: str, ident: str) -> str | None:
    """The text of ``#ident`` in ``markup``, blanks collapsed and a leading "Abstract:" removed."""
    parser = _ElementText(ident)
    parser.feed(markup)
    parser.close()
    if not parser.found:
        return None
    text = " ".join("".join(parser.parts).split())
    return LABEL.sub("", text) or None
