"""BibTeX field values (LaTeX) as pybtex rich text, in Unicode.

pybtex decodes accents (through latexcodec) and braces, but leaves formatting
commands as text: ``\\emph{more}`` would print as ``\\emph more``. This small
parser turns the commands a bibliography really uses into rich text
(``\\emph``/``\\textit``/``{\\em …}`` → italics, ``\\textbf`` → bold), keeps the
argument of any other command (``\\mbox{x}`` → ``x``) and the name of a bare
unknown one (``\\LaTeX`` → ``LaTeX``), so nothing typed in a .bib vanishes.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Tag, Text

COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
GROUP_TAGS = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong", "textsuperscript": "sup"}
SWITCHES = {"em": "em", "it": "em", "itshape": "em", "sl": "em", "bf": "strong", "bfseries": "strong"}
SILENT = {"relax", "protect", "noopsort", "ignorespaces", "null"}
# Spacing commands: "pp.\\,3" is "pp. 3" (a thin space), not "pp.,3".
SPACING = {",": "\u2009", ";": " ", ":": " ", ">": " ", "!": "", " ": " ", "/": ""}


class LaTeXSyntaxError(ValueError):
    pass


# latexcodec is exact but slow (about half a millisecond a field, most of a
# cold build's formatting time), and most field values are plain text that it
# would return unchanged. Only a value with something it could change goes
# through it: math, a command, a brace, a tie, a comment, TeX quotes and
# dashes (``''`` ``--`` ``,,`` and backquotes), or whitespace it would collapse.
_NEEDS_DECODING = re.compile(r"[$\\{}~%`\t\n\r\f\v]|''|--|,,|  |^ ")


def needs_decoding(value: str) -> bool:
    """Whether latexcodec could change ``value``; if not, it reads as plain text and cannot fail."""
    return _NEEDS_DECODING.search(value) is not None


def decode_latex(value: str) -> str:
    """``value`` with LaTeX accents, dashes and quotes as Unicode (latexcodec's "ulatex")."""
    if _NEEDS_DECODING.search(value) is None:
        return value
    return codecs.decode(value, "ulatex")  # type: ignore[call-overload]  # latexcodec's codec decodes str


def rich_latex(value: str) -> Text:
    """``value`` (a BibTeX field) as rich text with Unicode characters."""
    decoded = decode_latex(value)
    if decoded and decoded is value:  # plain text: nothing for the parser to do
        return Text(decoded)
    parts, _ = _parse(decoded, 0, depth=0)
    return Text(*parts)


# One backend instance: ``Text.render_as("text")`` looks the backend up through
# entry points on every call, which dominated build time.
_PLAIN = PlainTextBackend()


@lru_cache(maxsize=65536)
def plain_latex(value: str) -> str:
    """``value`` as plain Unicode text (memoized: names and years recur)."""
    return rich_latex(value).render(_PLAIN)


def _parse(source: str, position: int, depth: int) -> tuple[list, int]:
    parts: list = []
    buffer: list[str] = []
    switch: str | None = None

    def flush() -> None:
        if buffer:
            parts.append("".join(buffer))
            buffer.clear()

    while position < len(source):
        char = source[position]
        if char == "\\":
            match = COMMAND.match(source, position)
            if match is None:  # an escaped character: \& \% \_ \{ \}, or a spacing command
                if position + 1 < len(source):
                    following = source[position + 1]
                    buffer.append(SPACING.get(following, following))
                position += 2
                continue
            name = match.group(1)
            position = match.end()
            if name in SWITCHES:
                flush()
                switch = SWITCHES[name]
                parts.append(_SWITCH)
                continue
            if position < len(source) and source[position] == "{":
                inner, position = _parse(source, position + 1, depth + 1)
                flush()
                tag = GROUP_TAGS.get(name)
                if not inner and name not in SILENT and not tag:
                    inner = [name]  # \\LaTeX{} prints "LaTeX"
                parts.append(Tag(tag, *inner) if tag else Text(*inner))
                continue
            if name not in SILENT:
                buffer.append(name)
            continue
        if char == "{":
            inner, position = _parse(source, position + 1, depth + 1)
            flush()
            parts.append(Text(*inner))
            continue
        if char == "}":
            if depth == 0:
                raise LaTeXSyntaxError("unbalanced braces: '}' without '{'")
            flush()
            return _apply_switch(parts, switch), position + 1
        buffer.append(char)
        position += 1
    if depth:
        raise LaTeXSyntaxError("unbalanced braces: '{' without '}'")
    flush()
    return _apply_switch(parts, switch), position


_SWITCH = object()


def _apply_switch(parts: list, switch: str | None) -> list:
    """``{\\em a b}``: everything after the switch, to the group's end, is styled."""
    if switch is None or _SWITCH not in parts:
        return [part for part in parts if part is not _SWITCH]
    index = parts.index(_SWITCH)
    before = [part for part in parts[:index] if part is not _SWITCH]
    after = [part for part in parts[index + 1 :] if part is not _SWITCH]
    return [*before, Tag(switch, *after)] if after else before
