"""Personal names as Cite Them Right writes them: "Fairbank, J.K.".

pybtex's own name styles put spaces between initials ("J. K.") and offer no
way to drop them, so the Harvard style brings its own small name style.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle
from pybtex.style.template import join


def initials(person: Person) -> Text:
    """First and middle names as run-together initials: "John King" → "J.K."."""
    parts = person.rich_first_names + person.rich_middle_names
    return Text(*[part.abbreviate() for part in parts])


class HarvardNameStyle(BaseNameStyle):
    """``Last, F.M.``; von-parts stay with the surname, Jr. follows it."""

    def format(self, person: Person, abbr: bool = False) -> Text:
        """The name as rich text, formatted once per distinct name.

        pybtex decodes every name part through latexcodec, which made names
        the costliest part of formatting a reference; authors recur, so the
        result is memoized by the name's parts (rich text is never mutated).
        """
        key = (
            tuple(person.first_names),
            tuple(person.middle_names),
            tuple(person.prelast_names),
            tuple(person.last_names),
            tuple(person.lineage_names),
        )
        formatted = _FORMATTED.get(key)
        if formatted is None:
            if len(_FORMATTED) >= _FORMATTED_MAX:
                _FORMATTED.clear()
            formatted = _FORMATTED[key] = self.template(person).format()
        return formatted

    @staticmethod
    def template(person: Person) -> Any:
        surname = join(sep=" ")[
            join(sep=" ")[person.rich_prelast_names],
            join(sep=" ")[person.rich_last_names],
        ]
        given = initials(person)
        lineage = join(sep=" ")[person.rich_lineage_names]
        return join(sep=", ")[surname, given, lineage]


def given_first(person: Person) -> Text:
    """``O.A. Westad``: initials before the surname, as Cite Them Right names
    the editors of the book a chapter is in ("in O.A. Westad (ed.)")."""
    surname_ = join(sep=" ")[join(sep=" ")[person.rich_prelast_names], join(sep=" ")[person.rich_last_names]]
    lineage = join(sep=" ")[person.rich_lineage_names]
    return join(sep=" ")[initials(person), surname_, lineage].format()


_FORMATTED: dict[tuple, Text] = {}
_FORMATTED_MAX = 65536


def is_others(person: Person) -> bool:
    """BibTeX's ``and others``: the list of names goes on, unnamed ("et al.")."""
    return not (person.first_names or person.middle_names or person.prelast_names or person.lineage_names) and [
        name.lower() for name in person.last_names
    ] == ["others"]


def named(persons: Iterable[Person]) -> list[Person]:
    """``persons`` without BibTeX's ``others``."""
    return [person for person in persons if not is_others(person)]


def surname(person: Person) -> str:
    """The part of a name used in in-text citations ("von Neumann")."""
    return " ".join(person.prelast_names + person.last_names)
