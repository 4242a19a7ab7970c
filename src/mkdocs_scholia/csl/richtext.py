"""CSL-JSON rich text (``<i>``, ``<b>``, ``<span class="nocase">``…) as citeproc-py strings.

CSL-JSON fields may carry a few HTML-like tags: italics, bold, superscript,
subscript, small capitals and ``nocase`` (text that title or sentence case
must not change). This parser knows exactly those; anything else, a
``<script>`` included, is text. Entities ``&amp; &lt; &gt; &quot; &#39;``
(and numeric ones) are decoded; the output is escaped once, at the end
(:mod:`mkdocs_scholia.csl.markup`). Formatting becomes private-use marks;
``nocase`` runs become citeproc-py's :class:`~citeproc.string.NoCase`.
"""

from __future__ import annotations

import html
import re

from citeproc.string import MixedString, NoCase, String

from mkdocs_scholia.csl import markup

TAG = re.compile(
    r'<(?P<close>/?)(?P<name>i|b|sup|sub|span)(?P<attributes>(?:\s+[a-z-]+="[^"<>]*")*)\s*>',
    re.IGNORECASE,
)
MARKS = {
    "i": markup.ITALIC,
    "b": markup.BOLD,
    "sup": markup.SUPERSCRIPT,
    "sub": markup.SUBSCRIPT,
}
SMALL_CAPS_STYLE = re.compile(r'style="font-variant:\s*small-caps;?"', re.IGNORECASE)


def _unescape(text: str) -> str:
    """Entities decoded, marks removed, and the typewriter apostrophe made typographic (as citeproc-js)."""
    return markup.ANY_MARK.sub("", html.unescape(text)).replace("'", "\u2019")


def parse(value: object) -> MixedString:
    """A CSL-JSON rich-text value as a citeproc-py string with marks."""
    text = str(value)
    output = MixedString()
    stack: list[tuple[str, str]] = []  # (tag name, closing mark or NOCASE)
    nocase_depth = 0
    position = 0
    buffer: list[str] = []

    def flush() -> None:
        nonlocal output
        if buffer:
            chunk = "".join(buffer)
            output += NoCase(chunk) if nocase_depth else String(chunk)
            buffer.clear()

    for match in TAG.finditer(text):
        buffer.append(_unescape(text[position : match.start()]))
        position = match.end()
        name = match.group("name").lower()
        if match.group("close"):
            if not stack or stack[-1][0] != name:
                buffer.append(match.group(0))  # a stray closing tag is text
                continue
            _, closing = stack.pop()
            if closing == markup.NOCASE[1]:
                flush()
                nocase_depth -= 1
            else:
                buffer.append(closing)
            continue
        if name == "span":
            attributes = match.group("attributes")
            if 'class="nocase"' in attributes:
                flush()
                nocase_depth += 1
                stack.append((name, markup.NOCASE[1]))
            elif SMALL_CAPS_STYLE.search(attributes):
                buffer.append(markup.SMALL_CAPS[0])
                stack.append((name, markup.SMALL_CAPS[1]))
            else:
                buffer.append(match.group(0))
            continue
        opening, closing = MARKS[name]
        buffer.append(opening)
        stack.append((name, closing))
    buffer.append(_unescape(text[position:]))
    while stack:  # an unclosed tag is closed at the end
        _, closing = stack.pop()
        if closing == markup.NOCASE[1]:
            flush()
            nocase_depth -= 1
        else:
            buffer.append(closing)
    flush()
    return output


def plain(value: object) -> str:
    """A rich-text value as plain text (for sorting and comparisons)."""
    return markup.strip(str(parse(value)))
