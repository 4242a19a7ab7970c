"""Where the registry's name forms occur in a string.

Matching is exact and case-aware: ``Mao`` matches "Mao" and never "MAO" or
"Maoism" (a form matches only as whole words: no letter or digit right
before or after it, so "Stalin's" is a mention of Stalin and "Stalinism" is
not). Where forms overlap, the longest one wins ("Taiwan Strait" before
"Taiwan"); the registry guarantees that a form names one entity
(:func:`mkdocs_scholia.entities.model.problems`), so a match is never a guess.
A space in a form matches any run of white space, as a line break inside a
Markdown paragraph is one, and an apostrophe matches a typographic one too
("People’s Republic of China", as typographic quotes set it).

A paragraph may have exceptions: an ``exclude`` stops one form from
matching in it, an ``include`` adds a text (a pronoun, an indirect phrase)
that counts as a mention there. :meth:`Matcher.find` reports excluded
occurrences too, so the build can tell an exception that matched nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs_scholia.entities.model import Registry

FORM = "form"
INCLUDE = "include"
EXCLUDE = "exclude"
APOSTROPHES = "['\u2019]"


@dataclass(frozen=True)
class Found:
    """One occurrence: ``text[start:end]`` names ``entity``."""

    start: int
    end: int
    entity: str
    text: str
    rule: str  # FORM, INCLUDE (counts) or EXCLUDE (found, but not a mention)


def pattern_for(texts: list[str]) -> re.Pattern[str] | None:
    """One pattern for ``texts``, longest first, each matched as whole words."""
    if not texts:
        return None
    ordered = sorted(set(texts), key=lambda t: (-len(t), t))
    alternatives = "|".join(
        r"\s+".join(re.escape(word).replace("'", APOSTROPHES) for word in text.split()) for text in ordered
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


class Matcher:
    """Finds mentions of a registry's entities in text, paragraph by paragraph."""

    def __init__(self, registry: Registry):
        self._forms = {_normal(form): entity for form, entity in registry.forms().items()}
        self._pattern = pattern_for(list(self._forms))
        self._excluded: dict[str, set[str]] = {}
        self._included: dict[str, dict[str, str]] = {}
        for entity in registry.entities:
            for occurrence in entity.exclude:
                self._excluded.setdefault(occurrence.paragraph, set()).add(_normal(occurrence.text))
            for occurrence in entity.include:
                self._included.setdefault(occurrence.paragraph, {})[_normal(occurrence.text)] = entity.id
        self._per_paragraph: dict[str, re.Pattern[str] | None] = {}

    def __bool__(self) -> bool:
        return self._pattern is not None or bool(self._included)

    def _pattern_in(self, paragraph: str | None) -> re.Pattern[str] | None:
        if paragraph is None or paragraph not in self._included:
            return self._pattern
        if paragraph not in self._per_paragraph:
            self._per_paragraph[paragraph] = pattern_for([*self._forms, *self._included[paragraph]])
        return self._per_paragraph[paragraph]

    def find(self, text: str, paragraph: str | None) -> list[Found]:
        """Every occurrence in ``text`` (which stands in ``paragraph``), in order."""
        pattern = self._pattern_in(paragraph)
        if pattern is None or not text:
            return []
        included = self._included.get(paragraph or "", {})
        excluded = self._excluded.get(paragraph or "", set())
        found = []
        for match in pattern.finditer(text):
            written = match.group(0)
            normal = _normal(written)
            if normal in included:
                found.append(Found(match.start(), match.end(), included[normal], written, INCLUDE))
            elif normal in excluded:
                found.append(Found(match.start(), match.end(), self._forms[normal], written, EXCLUDE))
            else:
                found.append(Found(match.start(), match.end(), self._forms[normal], written, FORM))
        return found
