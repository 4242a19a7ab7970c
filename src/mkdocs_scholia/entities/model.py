"""The registry of entities as plain, typed data, and the checks across its entries.

The ``scholia`` plugin reads ``source/entities.yml`` through its typed config
classes (:mod:`mkdocs_scholia.plugins.datafiles.entities`), which check each
field against its grammar and give ``file:line`` errors; they hand over the
dataclasses below. What no single entry can know is checked here, by
:func:`problems`, with the same ``file:line: message; suggestion`` form:

* an id given to two entities (ids are the permanent anchors of the index);
* a name form given to two entities: matching must be unambiguous, so the
  build stops and names the form rather than guess;
* a form listed twice, or listed both as a name and among the names
  deliberately not indexed;
* exceptions that contradict the forms (an ``exclude`` of a text that is not
  one of the entity's forms, an ``include`` of one of its own forms, or of
  another entity's form that entity does not give up in that paragraph).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mkdocs_scholia.entities.authority import Identifier
from mkdocs_scholia.rules import dates as date_rules
from mkdocs_scholia.rules import places

KINDS = ("person", "place", "organisation", "event", "work")
"""The kinds of entity, in the order the index lists them."""

KIND_HEADINGS = {
    "person": "Persons",
    "place": "Places",
    "organisation": "Organisations",
    "event": "Events",
    "work": "Works",
}

SCHEMA_TYPES = {
    "person": "Person",
    "place": "Place",
    "organisation": "Organization",
    "event": "Event",
    "work": "CreativeWork",
}

ANCHOR_PREFIX = "entity-"
EN_DASH = "\u2013"


class RegistryError(ValueError):
    """The registry cannot be used; ``problems`` are ``file:line: message`` lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# -- dates ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class When:
    """A date as precise as the editors know it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """``1950``, ``1950-06`` or ``1950-06-25`` (ISO 8601 / EDTF level 0)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def long(self) -> str:
        """``25 June 1950``, ``June 1950`` or ``1950``, in the same words on every machine."""
        if self.month is None:
            return str(self.year)
        month = date_rules.month_name(self.month)
        return f"{self.day} {month} {self.year}" if self.day is not None else f"{month} {self.year}"


@dataclass(frozen=True)
class Dates:
    """Life dates of a person (``start`` born, ``end`` died), or the dates of
    anything else (an event's beginning and end, a state's or an
    organisation's founding and dissolution, a work's date). One day (a
    treaty signed) has ``start == end``."""

    start: When | None = None
    end: When | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def text(self, kind: str) -> str:
        """How readers see the dates: ``1878–1953``, ``25 June 1950 – 27 July 1953``, ``27 July 1953``."""
        start, end = self.start, self.end
        if start is None and end is None:
            return ""
        if kind == "person":
            if start is not None and end is not None:
                return f"{start.year}{EN_DASH}{end.year}"
            return f"born {start.year}" if start is not None else f"died {end.year}"  # type: ignore[union-attr]
        if start is not None and end is not None:
            if start == end:
                return start.long
            if start.month is None and end.month is None:
                return f"{start.long}{EN_DASH}{end.long}"
            return f"{start.long} {EN_DASH} {end.long}"
        if start is not None:
            return f"founded {start.long}" if kind == "organisation" else f"from {start.long}"
        return f"until {end.long}"  # type: ignore[union-attr]


# -- entities ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A text in one paragraph, for an exception to matching.

    ``include``: an indirect reference (a pronoun, "the Yugoslav state") that
    counts as a mention. ``exclude``: an occurrence of one of the entity's name
    forms that does not refer to it. Every occurrence of ``text`` in the
    paragraph is meant.
    """

    paragraph: str  # "p5.3", checked against the paragraph-id grammar
    text: str
    line: int = 0


@dataclass(frozen=True)
class NameForm:
    """A form of the name as it occurs in the text, matched exactly as written."""

    text: str
    line: int = 0


@dataclass(frozen=True)
class NotIndexed:
    """A name the text uses that the index deliberately leaves out, and why."""

    name: str
    reason: str
    line: int = 0


@dataclass(frozen=True)
class Entity:
    """One person, place, organisation, event or work the text names."""

    id: str  # "stalin": the permanent anchor of the index entry
    kind: str  # one of KINDS
    label: str  # the preferred label: "Joseph Stalin"
    names: tuple[NameForm, ...]  # forms as they occur: "Stalin"
    description: str  # one sentence by the editors, plain text
    sort: str = ""  # how the index sorts it: "Stalin, Joseph" (default: the label)
    dates: Dates = field(default_factory=Dates)
    identifiers: tuple[Identifier, ...] = ()
    verified: bool = False  # the identifiers were checked against a source
    source: str = ""  # where the identifiers come from, or why they are missing
    include: tuple[Occurrence, ...] = ()
    exclude: tuple[Occurrence, ...] = ()
    line: int = 0  # where the entry starts in the registry

    @property
    def anchor(self) -> str:
        """``entity-stalin``: the entry's id on the index page (and of its preview card)."""
        return ANCHOR_PREFIX + self.id

    @property
    def heading(self) -> str:
        """The label as the index prints it: the sort form (``Stalin, Joseph``) when given."""
        return self.sort or self.label

    @property
    def sort_key(self) -> tuple[str, str]:
        return (_folded(self.heading), self.id)

    @property
    def dates_text(self) -> str:
        return self.dates.text(self.kind)

    @property
    def schema_type(self) -> str:
        return SCHEMA_TYPES[self.kind]

    def identifier(self, authority: str) -> Identifier | None:
        return next((i for i in self.identifiers if i.authority == authority), None)

    @property
    def same_as(self) -> list[str]:
        """The authority URIs that may be published as the same thing: verified ones only."""
        return [identifier.uri for identifier in self.identifiers] if self.verified else []

    @property
    def forms(self) -> list[str]:
        return [name.text for name in self.names]


def _folded(text: str) -> str:
    """``Émile`` sorts with ``Emile``: accents off, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Registry:
    """Every entity of the edition, and the names deliberately left out."""

    path: str  # the registry's file as messages name it: "source/entities.yml"
    entities: tuple[Entity, ...] = ()
    not_indexed: tuple[NotIndexed, ...] = ()

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    def forms(self) -> dict[str, str]:
        """Every name form → the id of the one entity it names."""
        return {name.text: entity.id for entity in self.entities for name in entity.names}

    def grouped(self) -> list[tuple[str, list[Entity]]]:
        """``(kind, entities sorted)`` for each kind that has entities, in the order of :data:`KINDS`."""
        groups = []
        for kind in KINDS:
            members = sorted((e for e in self.entities if e.kind == kind), key=lambda e: e.sort_key)
            if members:
                groups.append((kind, members))
        return groups

    def at(self, line: int) -> str:
        return places.where(self.path, line or None)


def problems(registry: Registry) -> list[str]:
    """Everything that is wrong across the registry's entries, as ``file:line: message`` lines."""
    found: list[str] = []
    found.extend(_duplicate_ids(registry))
    found.extend(_form_problems(registry))
    found.extend(_exception_problems(registry))
    return found


def checked(registry: Registry) -> Registry:
    """``registry`` if nothing is wrong with it; otherwise :class:`RegistryError`."""
    found = problems(registry)
    if found:
        raise RegistryError(found)
    return registry


def _duplicate_ids(registry: Registry) -> Iterable[str]:
    first: dict[str, Entity] = {}
    for entity in registry.entities:
        earlier = first.setdefault(entity.id, entity)
        if earlier is not entity:
            yield (
                f"{registry.at(entity.line)}: entity {entity.id!r}, field 'id': {entity.id!r} is used twice "
                f"(also line {earlier.line}); ids are the permanent anchors of the index: give this entity its own"
            )


def _form_problems(registry: Registry) -> Iterable[str]:
    owner: dict[str, tuple[Entity, NameForm]] = {}
    for entity in registry.entities:
        seen: set[str] = set()
        for name in entity.names:
            where = f"{registry.at(name.line)}: entity {entity.id!r}, field 'names'"
            if name.text in seen:
                yield f"{where}: the form {name.text!r} is listed twice; list it once"
                continue
            seen.add(name.text)
            previous = owner.get(name.text)
            if previous is not None and previous[0].id != entity.id:
                other, other_name = previous
                yield (
                    f"{where}: ambiguous name form {name.text!r}: {other.id!r} (line {other_name.line}) has it too; "
                    "a form must name one entity: keep it for one of them and list the other's mentions "
                    "under its 'include'"
                )
                continue
            owner[name.text] = (entity, name)
    for left_out in registry.not_indexed:
        if left_out.name in owner:
            entity, name = owner[left_out.name]
            yield (
                f"{registry.at(left_out.line)}: not_indexed {left_out.name!r} is also a name form of "
                f"{entity.id!r} (line {name.line}); remove it from one of the two lists"
            )


def _exception_problems(registry: Registry) -> Iterable[str]:
    forms = registry.forms()
    excluded = {(o.paragraph, o.text, e.id) for e in registry.entities for o in e.exclude}
    for entity in registry.entities:
        own = set(entity.forms)
        seen: set[tuple[str, str, str]] = set()
        for occurrence in entity.exclude:
            where = f"{registry.at(occurrence.line)}: entity {entity.id!r}, field 'exclude'"
            key = ("exclude", occurrence.paragraph, occurrence.text)
            if key in seen:
                yield f"{where}: {occurrence.text!r} in {occurrence.paragraph} is listed twice; list it once"
            seen.add(key)
            if occurrence.text not in own:
                yield (
                    f"{where}: {occurrence.text!r} is not one of its name forms "
                    f"({', '.join(repr(f) for f in entity.forms) or 'none'}); an exclusion stops one of the "
                    "entity's own forms from matching in one paragraph"
                )
        for occurrence in entity.include:
            where = f"{registry.at(occurrence.line)}: entity {entity.id!r}, field 'include'"
            key = ("include", occurrence.paragraph, occurrence.text)
            if key in seen:
                yield f"{where}: {occurrence.text!r} in {occurrence.paragraph} is listed twice; list it once"
            seen.add(key)
            if occurrence.text in own:
                yield f"{where}: {occurrence.text!r} is already one of its name forms and matches everywhere; remove it"
                continue
            other = forms.get(occurrence.text)
            if other is not None and (occurrence.paragraph, occurrence.text, other) not in excluded:
                yield (
                    f"{where}: ambiguous: {occurrence.text!r} in {occurrence.paragraph} is a name form of "
                    f"{other!r}; add it to the 'exclude' of {other!r} for {occurrence.paragraph} as well"
                )
