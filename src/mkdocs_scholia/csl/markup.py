"""The processor's output markup, and how it becomes safe HTML or plain text.

citeproc-py builds its output by concatenating strings; its HTML formatter
escapes some values and not others (a title reaches the page as written).
Here nothing is escaped while a citation is built: formatting is marked with
characters from Unicode's private use area, which text-case changes
(``uppercase``, title case) leave alone and which the converter removes from
every field (:mod:`mkdocs_scholia.csl.convert`), so data can never forge one.
The finished string is escaped once, as a whole, and only then are the marks
turned into tags (:func:`to_html`) or dropped (:func:`to_text`).

Links are marks too: the URL is kept in a table and the mark holds its index,
so no text transformation can touch it, and only URLs that pass
:func:`mkdocs_scholia.rules.urls.is_safe` (http and https here) are linked.
"""

from __future__ import annotations

import html
import re
from types import MappingProxyType

from mkdocs_scholia.rules import urls

# (open, close) marks and the HTML each becomes.
ITALIC = ("\ue000", "\ue001")
BOLD = ("\ue002", "\ue003")
SUPERSCRIPT = ("\ue004", "\ue005")
SUBSCRIPT = ("\ue006", "\ue007")
SMALL_CAPS = ("\ue008", "\ue009")
UNDERLINE = ("\ue00a", "\ue00b")
LEFT_MARGIN = ("\ue010", "\ue011")
RIGHT_INLINE = ("\ue012", "\ue013")
BLOCK = ("\ue014", "\ue015")
INDENT = ("\ue016", "\ue017")
NOCASE = ("\ue018", "\ue019")  # only while parsing rich text; never in output
LINK_OPEN, LINK_CLOSE = "\ue01a", "\ue01b"  # LINK_OPEN + chr(LINK_BASE + index) … LINK_CLOSE
LINK_BASE = 0xF0000

TAGS = MappingProxyType(
    {
        ITALIC[0]: "<i>",
        ITALIC[1]: "</i>",
        BOLD[0]: "<b>",
        BOLD[1]: "</b>",
        SUPERSCRIPT[0]: "<sup>",
        SUPERSCRIPT[1]: "</sup>",
        SUBSCRIPT[0]: "<sub>",
        SUBSCRIPT[1]: "</sub>",
        SMALL_CAPS[0]: '<span class="csl-small-caps">',
        SMALL_CAPS[1]: "</span>",
        UNDERLINE[0]: '<span class="csl-underline">',
        UNDERLINE[1]: "</span>",
        LEFT_MARGIN[0]: '<span class="csl-left-margin">',
        LEFT_MARGIN[1]: "</span> ",
        RIGHT_INLINE[0]: '<span class="csl-right-inline">',
        RIGHT_INLINE[1]: "</span>",
        BLOCK[0]: '<span class="csl-block">',
        BLOCK[1]: "</span>",
        INDENT[0]: '<span class="csl-indent">',
        INDENT[1]: "</span>",
        LINK_CLOSE: "</a>",
    }
)
# What a mark becomes in plain text: the left margin ("[1]") is followed by a space.
TEXT = MappingProxyType({LEFT_MARGIN[1]: " "})
MARK = re.compile("[\ue000-\ue01b]|\ue01a[\U000f0000-\U000ffffd]")
LINK = re.compile("\ue01a([\U000f0000-\U000ffffd])")
ANY_MARK = re.compile("[\ue000-\ue01b\U000f0000-\U000ffffd]")


def wrap(marks: tuple[str, str], text: str) -> str:
    return f"{marks[0]}{text}{marks[1]}" if text else text


def strip(text: str) -> str:
    """``text`` without any mark (for sort keys and comparisons)."""
    return ANY_MARK.sub("", str(text))


class Links:
    """The URLs linked in one processor's output, by index (see the module's docstring)."""

    def __init__(self) -> None:
        self._urls: list[str] = []
        self._index: dict[str, int] = {}

    def link(self, url: str, text: str) -> str:
        """``text`` marked as a link to ``url``, or ``text`` alone when ``url`` is not safe to link."""
        url = url.strip()
        if not text or not _linkable(url):
            return text
        index = self._index.get(url)
        if index is None:
            index = self._index[url] = len(self._urls)
            self._urls.append(url)
        return f"{LINK_OPEN}{chr(LINK_BASE + index)}{text}{LINK_CLOSE}"

    def url(self, index: int) -> str:
        return self._urls[index]


def _linkable(url: str) -> bool:
    return urls.is_safe(url) and urls.scheme(url) in ("http", "https") and not any(c in url for c in '"<>`')


def to_html(text: str, links: Links) -> str:
    """The marked string as HTML: every character escaped, then marks made tags."""
    escaped = html.escape(str(text), quote=True)

    def opening(match: re.Match[str]) -> str:
        url = links.url(ord(match.group(1)) - LINK_BASE)
        return f'<a href="{html.escape(url, quote=True)}">'

    escaped = LINK.sub(opening, escaped)
    return re.sub("[\ue000-\ue01b]", lambda m: TAGS.get(m.group(0), ""), escaped)


def to_text(text: str) -> str:
    """The marked string as plain text."""
    text = LINK.sub("", str(text))
    return re.sub("[\ue000-\ue01b]", lambda m: TEXT.get(m.group(0), ""), text)


class Formatter:
    """What citeproc-py calls its formatter: wraps text in marks, escapes nothing.

    citeproc-py looks the classes up by name (``formatter.Italic(text)``);
    each returns a plain ``str`` with the marks around the text.
    """

    @staticmethod
    def preformat(text: object) -> str:
        return str(text)

    @staticmethod
    def Italic(text: object) -> str:  # noqa: N802 (citeproc-py's names)
        return wrap(ITALIC, str(text))

    Oblique = Italic

    @staticmethod
    def Bold(text: object) -> str:  # noqa: N802
        return wrap(BOLD, str(text))

    @staticmethod
    def Light(text: object) -> str:  # noqa: N802
        return str(text)

    @staticmethod
    def Underline(text: object) -> str:  # noqa: N802
        return wrap(UNDERLINE, str(text))

    @staticmethod
    def Superscript(text: object) -> str:  # noqa: N802
        return wrap(SUPERSCRIPT, str(text))

    @staticmethod
    def Subscript(text: object) -> str:  # noqa: N802
        return wrap(SUBSCRIPT, str(text))

    @staticmethod
    def SmallCaps(text: object) -> str:  # noqa: N802
        return wrap(SMALL_CAPS, str(text))
