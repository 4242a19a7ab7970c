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


class _Invalid(Exception):
    """A value of the wrong type or shape: the whole file is ignored."""


def _entry(key: str, entry: Entry) -> list[Any]:
    persons = [
        [role, [[list(getattr(person, part)) for part in NAME_PARTS] for person in people]]
        for role, people in entry.persons.items()
    ]
    return [key, entry.original_type, list(map(list, entry.fields.items())), persons]


def _restore(state: object, style_name: str) -> Snapshot:
    state = _dict(state)
    if state.get("style") != style_name:
        raise _Invalid
    data = BibliographyData()
    for item in _list(state.get("entries")):
        key, kind, fields, persons = _items(item, 4)
        entry = Entry(_str(kind), [_pair(field) for field in _list(fields)])
        for role_and_people in _list(persons):
            role, people = _items(role_and_people, 2)
            entry.persons[_str(role)] = [_person(person) for person in _list(people)]
        entry.key = _str(key)
        if entry.key in data.entries:
            raise _Invalid
        data.entries[entry.key] = entry
    locations = {}
    for item in _list(state.get("locations")):
        key, path, line = _items(item, 3)
        if not isinstance(line, int) or isinstance(line, bool):
            raise _Invalid
        locations[_str(key)] = Location(_str(path), line)
    references = {}
    for item in _list(state.get("references")):
        key, names, year, html, text, entry_type, supplied = _items(item, 7)
        if not isinstance(supplied, bool) or _str(key) not in data.entries:
            raise _Invalid
        references[key] = Reference(key, _str(names), _str(year), _str(html), _str(text), _str(entry_type), supplied)
    derived = {}
    for namespace, pieces in _dict(state.get("derived")).items():
        pieces = _dict(pieces)
        values = {_str(key): _str(value) for key, value in _dict(pieces.get("values")).items()}
        derived[_str(namespace)] = Pieces(_str(pieces.get("fingerprint")), values)
    return Snapshot(
        style_name=style_name,
        data=data,
        locations=locations,
        warnings=[_str(warning) for warning in _list(state.get("warnings"))],
        year_suffixes={_str(k): _str(v) for k, v in _dict(state.get("year_suffixes")).items()},
        references=references,
        derived=derived,
    )


def _person(value: object) -> Person:
    parts = _items(value, len(NAME_PARTS))
    person = Person.__new__(Person)  # not __init__: it would parse an empty name five times
    for name, names in zip(NAME_PARTS, parts):
        setattr(person, name, [_str(part) for part in _list(names)])
    return person


def _pair(value: object) -> tuple[str, str]:
    name, text = _items(value, 2)
    return _str(name), _str(text)


def _items(value: object, count: int) -> list[Any]:
    if not isinstance(value, list) or len(value) != count:
        raise _Invalid
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise _Invalid
    return value


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid
    return value
