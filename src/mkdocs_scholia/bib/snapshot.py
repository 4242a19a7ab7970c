"""A loaded bibliography as plain JSON values, and back, checked value by value.

What the disk cache stores (:mod:`mkdocs_scholia.bib.cache`): the parsed
entries (after cross-references were resolved), where each was defined, the
warnings, the a/b year suffixes, every reference formatted so far and the
pieces features made (:mod:`~mkdocs_scholia.bib.derived`). Only strings,
numbers, booleans, lists and objects: reading it back runs no code named by
the file, unlike the pickle this replaced. :func:`restore` checks the type of
every value and returns None at the first surprise, so a damaged or hostile
file is ignored as a whole; its size is bounded before it is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.database import BibliographyData, Entry, Person

from mkdocs_scholia.bib.derived import Pieces
from mkdocs_scholia.bib.model import Location, Reference

NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


@dataclass
class Snapshot:
    """Everything a :class:`~mkdocs_scholia.bib.bibliography.Bibliography` needs to come back without parsing."""

    style_name: str
    data: BibliographyData
    locations: dict[str, Location]
    warnings: list[str]
    year_suffixes: dict[str, str]
    references: dict[str, Reference]
    derived: dict[str, Pieces]


def dump(saved: Snapshot) -> dict[str, Any]:
    """``saved`` as JSON values."""
    return {
        "style": saved.style_name,
        "entries": [_entry(key, entry) for key, entry in saved.data.entries.items()],
        "locations": [[key, location.path, location.line] for key, location in saved.locations.items()],
        "warnings": list(saved.warnings),
        "year_suffixes": dict(saved.year_suffixes),
        "references": [
            [r.key, r.names, r.year, r.html, r.text, r.entry_type, r.supplied] for r in saved.references.values()
        ],
        "derived": {
            namespace: {"fingerprint": pieces.fingerprint, "values": dict(pieces.values)}
            for namespace, pieces in saved.derived.items()
        },
    }


def restore(state: object, style_name: str) -> Snapshot | None:
    """The snapshot :func:`dump` made, or None if ``state`` is not one (in any detail) or is for another style."""
    try:
        return _restore(state, style_name)
    except _Invalid:
        return None


class _Invalid(Exception):  # noqa: N818 (a signal caught in this module, not an error anyone reports)
    """A value of the wrong type or shape: the whole file is ignored."""


def _entry(key: str, entry: Entry) -> list[Any]:
    persons = [
        [role, [[list(getattr(person, part)) for part in NAME_PARTS] for person in people]]
        for role, people in entry.persons.items()
    ]
    return [key, entry.original_type, list(map(list, entry.fields.items())), persons]


def _restore(state: object, style_name: str) -> Snapshot:
    # Checked with plain loops and type() tests rather than a helper call per
    # value: a bibliography of 2000 entries holds some 50 000 strings, and
    # this runs on every build that finds a cache.
    state = _dict(state)
    if state.get("style") != style_name:
        raise _Invalid
    data = BibliographyData()
    entries = data.entries
    for item in _list(state.get("entries")):
        key, kind, fields, persons = _items(item, 4)
        if type(key) is not str or type(kind) is not str or key in entries:
            raise _Invalid
        if type(fields) is not list or not all(_is_pair(pair) for pair in fields):
            raise _Invalid
        entry = Entry(kind, fields)
        for role_and_people in _list(persons):
            role, people = _items(role_and_people, 2)
            if type(role) is not str:
                raise _Invalid
            entry.persons[role] = [_person(person) for person in _list(people)]
        entry.key = key
        entries[key] = entry
    locations = {}
    for item in _list(state.get("locations")):
        key, path, line = _items(item, 3)
        if type(key) is not str or type(path) is not str or type(line) is not int:  # not bool either
            raise _Invalid
        locations[key] = Location(path, line)
    references = {}
    for item in _list(state.get("references")):
        _items(item, 7)
        if not all(type(value) is str for value in item[:6]) or type(item[6]) is not bool or item[0] not in entries:
            raise _Invalid
        references[item[0]] = Reference(*item)
    derived = {}
    for namespace, pieces in _dict(state.get("derived")).items():
        values = _dict(_dict(pieces).get("values"))
        if not all(type(value) is str for value in values.values()):
            raise _Invalid
        derived[namespace] = Pieces(_str(pieces.get("fingerprint")), values)
    warnings = _list(state.get("warnings"))
    suffixes = _dict(state.get("year_suffixes"))
    if not all(type(value) is str for value in [*warnings, *suffixes.values()]):
        raise _Invalid
    return Snapshot(style_name, data, locations, warnings, suffixes, references, derived)


def _is_pair(value: object) -> bool:
    return type(value) is list and len(value) == 2 and type(value[0]) is str and type(value[1]) is str


def _person(value: object) -> Person:
    parts = _items(value, len(NAME_PARTS))
    if not all(type(names) is list and all(type(name) is str for name in names) for names in parts):
        raise _Invalid
    person = Person.__new__(Person)  # not __init__: it would parse an empty name five times
    person.first_names, person.middle_names, person.prelast_names, person.last_names, person.lineage_names = parts
    return person


def _items(value: object, count: int) -> list[Any]:
    if type(value) is not list or len(value) != count:
        raise _Invalid
    return value


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise _Invalid
    return value


def _dict(value: object) -> dict[str, Any]:
    if type(value) is not dict:
        raise _Invalid
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise _Invalid
    return value
