"""Safe HTML for pybtex rich text.

pybtex's own HTML backend escapes text but writes URLs into ``href`` as they
come, so a ``javascript:`` URL or a quote in a .bib file would reach the page.
This backend escapes everything, quotes included, and links only the URLs
that :mod:`mkdocs_scholia.rules.urls` allows (http, https, mailto, doi: the
last through its resolver); anything else is printed as text.
"""

from __future__ import annotations

import html
import re
from types import MappingProxyType

from pybtex.backends.html import Backend as PybtexHTMLBackend

from mkdocs_scholia.rules import urls

# Characters no HTML or XML document may contain (C0 controls but tab and
# newlines, noncharacters, lone surrogates). A NUL or form feed pasted into a
# .bib field made the note's markup unparsable and the build crash.
NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without the characters no HTML document may contain."""
    return NOT_IN_HTML.sub("", text)


# Rich-text tags the Harvard style uses, and the markup each becomes.
TAGS = MappingProxyType(
    {
        "em": ("<em>", "</em>"),
        "i": ("<em>", "</em>"),
        "strong": ("<strong>", "</strong>"),
        "b": ("<strong>", "</strong>"),
        "sup": ("<sup>", "</sup>"),
        "sub": ("<sub>", "</sub>"),
        "supplied": ('<span class="ref-supplied">', "</span>"),
    }
)


class SafeHTMLBackend(PybtexHTMLBackend):
    """Escaping HTML backend: text, attributes and URLs are never trusted."""

    name = "scholia-html"
    symbols = MappingProxyType({"ndash": "\u2013", "newblock": " ", "nbsp": "\u00a0"})

    def format_str(self, text: str) -> str:
        return html.escape(clean(text), quote=True)

    def format_protected(self, text: str) -> str:
        return text

    def format_tag(self, tag: str, text: str) -> str:
        if not text:
            return ""
        start, end = TAGS.get(tag.lower(), ("", ""))
        return f"{start}{text}{end}"

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        if not text:
            return ""
        if not urls.is_safe(url):
            return text
        return f'<a href="{html.escape(clean(urls.href(url)), quote=True)}">{text}</a>'


class PlainTextBackend(SafeHTMLBackend):
    """Unicode text with no markup, for tooltips, metadata and exports."""

    name = "scholia-text"

    def format_str(self, text: str) -> str:
        return clean(text)

    def format_tag(self, tag: str, text: str) -> str:
        return text

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        return text
