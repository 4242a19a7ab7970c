"""Pandoc's citation syntax, parsed without any Markdown machinery.

Forms (as in Pandoc's manual):

* ``[@key]``, ``[@key, p. 380]``, ``[see @a, ch. 2; @b]`` — parenthetical;
* ``[-@key]`` — parenthetical without the author's name;
* ``@key`` and ``@key [p. 380]`` — narrative ("Deng (2011)").

A key starts with a letter, digit or underscore and may contain ``: . - _ /``
(and Pandoc's ``# $ % & + ? < > ~``) when a letter or digit follows, so the
full stop in "as @deng2011." ends the sentence, not the key. ``@{any key}``
takes a key with other characters. An ``@`` preceded by a letter, digit or
one of ``/ : . @`` is not a citation: e-mail addresses and URLs stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY = r"(?:\{(?P<{name}braced>[^{{}}\s]+)\}|(?P<{name}>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
NOT_AFTER = r"(?<![\w/:.@\\])"


def _key(name: str) -> str:
    return KEY.replace("{name}", name).replace("{{", "{").replace("}}", "}")


# Bracketed citations: no nested brackets, not followed by "(" or "[" (a link).
BRACKETED = re.compile(r"\[(?P<body>[^\[\]]*?@[^\[\]]*?)\](?![\[(])")
# One item of a bracketed citation: prefix, optional "-", the key, suffix.
ITEM = re.compile(
    r"^(?P<prefix>(?:.*?\s)?)(?P<suppress>-?)@" + _key("key") + r"(?P<suffix>.*)$",
    re.DOTALL,
)
# Narrative citations, with an optional locator in brackets after a space.
NARRATIVE = re.compile(
    NOT_AFTER + r"@" + _key("key") + r"(?:[ \t]\[(?P<locator>[^\[\]@]*)\](?![\[(]))?"
)


@dataclass(frozen=True)
class Cite:
    """One work cited: ``see @key, p. 3`` → prefix "see", locator "p. 3"."""

    key: str
    prefix: str = ""
    locator: str = ""
    suffix: str = ""  # text after the key that is not a ", locator"
    suppress_author: bool = False


@dataclass(frozen=True)
class Citation:
    """A citation as written: one or more cites, in parentheses or in prose."""

    cites: tuple[Cite, ...]
    narrative: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(cite.key for cite in self.cites)


def _split_suffix(suffix: str) -> tuple[str, str]:
    """``", p. 380"`` is a locator; anything else is a free suffix."""
    stripped = suffix.strip()
    if stripped.startswith(","):
        return stripped[1:].strip(), ""
    return "", stripped


def parse_bracketed(body: str) -> Citation | None:
    """The inside of ``[...]`` as a citation, or ``None`` if it is not one.

    Every ``;``-separated item must hold exactly one key, so ``[write to
    me@example.org]`` and ``[a; b]`` are left alone.
    """
    cites = []
    for item in body.split(";"):
        match = ITEM.match(item.strip())
        if match is None:
            return None
        key = match.group("keybraced") or match.group("key")
        if "@" in match.group("suffix") and re.search(NOT_AFTER + "-?@[\\w{]", match.group("suffix")):
            return None  # two keys in one item: not Pandoc syntax
        locator, suffix = _split_suffix(match.group("suffix"))
        cites.append(
            Cite(
                key=key,
                prefix=match.group("prefix").strip(),
                locator=locator,
                suffix=suffix,
                suppress_author=bool(match.group("suppress")),
            )
        )
    return Citation(tuple(cites)) if cites else None


def parse_narrative(match: re.Match[str]) -> Citation:
    key = match.group("keybraced") or match.group("key")
    locator = (match.group("locator") or "").strip()
    return Citation((Cite(key=key, locator=locator),), narrative=True)


def find_citations(text: str) -> list[tuple[int, int, Citation]]:
    """Every citation in plain ``text`` as ``(start, end, citation)``.

    Used by tests and tools; the Markdown extension applies the same two
    patterns through Python-Markdown so that code spans are never touched.
    """
    found: list[tuple[int, int, Citation]] = []
    position = 0
    while position < len(text):
        bracketed = BRACKETED.search(text, position)
        narrative = NARRATIVE.search(text, position)
        candidates = [m for m in (bracketed, narrative) if m is not None]
        if not candidates:
            break
        match = min(candidates, key=lambda m: m.start())
        if match is bracketed:
            citation = parse_bracketed(match.group("body"))
            if citation is None:
                position = match.start() + 1
                continue
        else:
            citation = parse_narrative(match)
        found.append((match.start(), match.end(), citation))
        position = match.end()
    return found
