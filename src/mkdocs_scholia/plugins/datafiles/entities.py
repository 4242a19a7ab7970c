"""``entities.yml``: the registry of the index of names, its schema and its loader.

Each entry is an :class:`EntityConfig` record, read with line numbers by
:mod:`~mkdocs_scholia.plugins.datafiles.yamlfile` and checked field by field
by :mod:`~mkdocs_scholia.plugins.datafiles.records`, as the apparatus is;
every problem is reported at once::

    source/entities.yml:12: entity 'tito', field 'kind': 'persn' is not one of person, place, …; did you mean 'person'?
    source/entities.yml:30: entity 'stalin', field 'wikidata': 'Q0855' is not a Wikidata item id: …, e.g. 'Q855'

The valid entries become the dataclasses of :mod:`mkdocs_scholia.entities.model`,
which checks what no single entry can know (an id used twice, a name form
given to two entities, exceptions that contradict the forms), in the same
``file:line:`` form. The file::

    entities:
      - id: stalin                 # permanent: the anchor of the index entry
        kind: person               # person, place, organisation, event or work
        label: Joseph Stalin       # the preferred label
        sort: Stalin, Joseph       # optional: how the index sorts and prints it
        names: [Stalin]            # the forms the text uses, exactly as written
        born: 1878-12-18           # persons: born / died; others: date, or start / end
        died: 1953-03-05           #   (a year, a year-month or a day)
        description: Leader of the Soviet Union from the mid-1920s until his death.
        wikidata: Q855             # optional; viaf: and geonames: too
        source: "…"                # where the identifiers were checked
        verified: true             # only when they were
        include:                   # indirect references that count as mentions
          - {paragraph: p5.3, text: the Soviet leader}
        exclude:                   # occurrences of a form that are not this entity
          - {paragraph: p2.1, text: Stalin}
    not_indexed:                   # names the text uses that the index leaves out
      - {name: Sino-Soviet, reason: an adjective; the states are indexed}

The data is pull-request input: YAML's safe loader only, every text plain
(escaped wherever it is shown), identifiers matched against their grammar,
and no URL is ever read from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs_scholia.entities import authority
from mkdocs_scholia.entities.model import (
    KINDS,
    Dates,
    Entity,
    NameForm,
    NotIndexed,
    Occurrence,
    Registry,
    When,
)
from mkdocs_scholia.entities.model import problems as model_problems
from mkdocs_scholia.plugins.datafiles import records, yamlfile
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError
from mkdocs_scholia.rules import paragraphs, places

ENTITY_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
DESCRIPTION_LIMIT = 400
TOP_LEVEL = ("entities", "not_indexed")
PARAGRAPH_ID = "a paragraph id: p<section>.<number> with an optional lower-case letter suffix, e.g. 'p2.3'"


def _plain(text: str) -> str:
    """Runs of white space (a folded YAML line) as one space."""
    return " ".join(text.split())


class PartialDate(records.Field[When]):
    """``1878``, ``1878-12`` or ``1878-12-18`` (YAML reads the last as a date)."""

    def run_validation(self, value: object) -> When:
        if isinstance(value, dt.datetime):
            raise records.ValidationError("expected a date (a year, YYYY-MM or YYYY-MM-DD), not a date with a time")
        if isinstance(value, dt.date):
            return When(value.year, value.month, value.day)
        text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
        match = PARTIAL_DATE.fullmatch(text)
        if match is not None:
            year, month, day = int(match["year"]), match["month"], match["day"]
            try:
                dt.date(year, int(month or 1), int(day or 1))
            except ValueError:
                pass
            else:
                return When(year, int(month) if month else None, int(day) if day else None)
        raise records.ValidationError(
            f"{value!r} is not a date: expected a year (1953), a month (1953-03) or a day (1953-03-05)"
        )


class Forms(records.Field[list[str]]):
    """Forms of a name as the text writes them: texts with a letter or a digit each."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            raise records.ValidationError(f"expected a list of the forms the text uses, not {records.kind_of(value)}")
        forms = []
        for item in value:
            form = records.Text().run_validation(item)
            if not re.search(r"\w", form):
                raise records.ValidationError(f"{form!r} is not a name: it has no letter or digit")
            forms.append(_plain(form))
        return forms


class Flag(records.Field[bool]):
    """``true`` or ``false``."""

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise records.ValidationError(f"expected true or false, not {records.kind_of(value)}")
        return value


def _identifier(name: str) -> records.Text:
    return records.Text(
        pattern=authority.GRAMMARS[name],
        expected=authority.described(name),
        optional=True,
        fallback="",
    )


class OccurrenceConfig(records.Record):
    """One `include` or `exclude` entry: a text in one paragraph."""

    paragraph = records.Text(pattern=paragraphs.PARAGRAPH_ID, expected=PARAGRAPH_ID)
    """The paragraph's permanent id."""
    text = records.Text()
    """The text as it stands there; every occurrence in the paragraph is meant."""


class NotIndexedConfig(records.Record):
    """A name the text uses that the index deliberately leaves out."""

    name = records.Text()
    """The name as the text writes it."""
    reason = records.Text()
    """Why it is left out, in a sentence."""

    def check(self) -> list[tuple[str | None, str]]:
        if len(_plain(self.reason)) > DESCRIPTION_LIMIT:
            return [("reason", f"keep it under {DESCRIPTION_LIMIT} characters (one sentence)")]
        return []


class EntityConfig(records.Record):
    """One entity of the registry."""

    id = records.Text(
        pattern=ENTITY_ID,
        expected="an entity id: lower-case letters and digits, words joined by hyphens, e.g. 'warsaw-pact'",
    )
    """Permanent: the anchor of the index entry (``#entity-warsaw-pact``)."""
    kind = records.OneOf(KINDS)
    """person, place, organisation, event or work."""
    label = records.Text()
    """The preferred label."""
    sort = records.Text(optional=True, fallback="")
    """How the index prints and sorts it (``Stalin, Joseph``); the label by default."""
    names = Forms(optional=True, fallback=[])
    """The forms the text uses, exactly as written."""
    description = records.Text()
    """One sentence by the editors, plain text."""
    born = PartialDate(optional=True)
    died = PartialDate(optional=True)
    date = PartialDate(optional=True)
    start = PartialDate(optional=True)
    end = PartialDate(optional=True)
    wikidata = _identifier("wikidata")
    viaf = _identifier("viaf")
    geonames = _identifier("geonames")
    source = records.Text(optional=True, fallback="")
    """Where the identifiers come from, or why there is none."""
    verified = Flag(optional=True, fallback=False)
    """The identifiers were checked against the authority's own data."""
    include = records.Items(optional=True, fallback=[])
    """Indirect references that count as mentions: OccurrenceConfig entries."""
    exclude = records.Items(optional=True, fallback=[])
    """Occurrences of a form that are not this entity: OccurrenceConfig entries."""

    def check(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        if self.kind == "person":
            found += [
                (key, f"a person has 'born' and 'died', not {key!r}") for key in ("date", "start", "end") if self[key]
            ]
        else:
            found += [
                (key, f"{key!r} is for persons; a {self.kind} has 'date' (one day) or 'start' and 'end'")
                for key in ("born", "died")
                if self[key]
            ]
            if self.date is not None and (self.start is not None or self.end is not None):
                found.append(("date", "give either 'date' (one day, a treaty signed) or 'start' and 'end', not both"))
        first, last = (self.born, self.died) if self.kind == "person" else (self.start, self.end)
        if first is not None and last is not None:
            common = min(len(first.iso), len(last.iso))  # compare as precisely as both are known
            if last.iso[:common] < first.iso[:common]:
                key = "died" if self.kind == "person" else "end"
                found.append((key, f"ends ({last.iso}) before it starts ({first.iso})"))
        length = len(_plain(self.description))
        if length > DESCRIPTION_LIMIT:
            found.append(
                ("description", f"is {length} characters long; keep it under {DESCRIPTION_LIMIT} (one sentence)")
            )
        identifiers = [key for key in ("wikidata", "viaf", "geonames") if self[key]]
        if identifiers and not self.source:
            found.append(
                (identifiers[0], "say where the identifier comes from in 'source' (and set 'verified' only if checked)")
            )
        if self.verified and not identifiers:
            found.append(("verified", "'verified: true' needs an identifier (wikidata, viaf or geonames) to verify"))
        if not self.names and not self.include:
            found.append(
                ("names", "give the forms of the name as the text writes them (or 'include' where it is meant)")
            )
        return found


def _label(index: int, entry: object) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"entity {ident!r}" if isinstance(ident, str) and ENTITY_ID.fullmatch(ident) else f"entity {index + 1}"


def _occurrences(
    data: object, key: str, entity: str, name: str, line: int, problems: list[str]
) -> tuple[Occurrence, ...]:
    items = data.get(key) if isinstance(data, dict) else None
    if not items:
        return ()
    valid, found = records.validate_list(
        OccurrenceConfig,
        items,
        name=name,
        line=yamlfile.line_of(data, key, line),
        what=f"entity {entity!r}, field {key!r}",
        label=lambda index, _: f"entity {entity!r}, {key} {index + 1}",
    )
    problems += found
    return tuple(
        Occurrence(record.paragraph, _plain(record.text), yamlfile.line_of(items, index)) for record, index in valid
    )


def _entity(record: EntityConfig, data: Any, line: int, name: str, problems: list[str]) -> Entity:
    if record.kind == "person":
        dates = Dates(record.born, record.died)
    elif record.date is not None:
        dates = Dates(record.date, record.date)
    else:
        dates = Dates(record.start, record.end)
    raw_names = data.get("names")
    names = tuple(
        NameForm(form, yamlfile.line_of(raw_names, number, yamlfile.line_of(data, "names", line)))
        for number, form in enumerate(record.names)
    )
    return Entity(
        id=record.id,
        kind=record.kind,
        label=_plain(record.label),
        names=names,
        description=_plain(record.description),
        sort=_plain(record.sort),
        dates=dates,
        identifiers=tuple(
            authority.Identifier(key, record[key]) for key in ("wikidata", "viaf", "geonames") if record[key]
        ),
        verified=record.verified,
        source=_plain(record.source),
        include=_occurrences(data, "include", record.id, name, line, problems),
        exclude=_occurrences(data, "exclude", record.id, name, line, problems),
        line=line,
    )


def registry(data: object, name: str = "entities") -> Registry:
    """The registry of already-parsed data (from :func:`yamlfile.read`), checked.

    Raises :class:`DataFileError` listing every problem, each as ``name:line: …``.
    """
    if data is None:
        return Registry(name)
    if not isinstance(data, dict):
        line = yamlfile.line_of(data, 0, 1) if isinstance(data, list) else 1
        raise DataFileError(
            [places.message(name, line, "expected a mapping with 'entities:' (and 'not_indexed:') at the top")]
        )
    problems = [
        places.message(
            name,
            yamlfile.line_of(data, key, 1),
            f"{key!r} is not a part of the registry (parts: {', '.join(TOP_LEVEL)})"
            f"{records.suggestion(key, TOP_LEVEL)}",
        )
        for key in data
        if key not in TOP_LEVEL
    ]
    raw: Sequence[Any] = data.get("entities") or []
    valid, found = records.validate_list(
        EntityConfig, raw, name=name, line=yamlfile.line_of(data, "entities", 1), what="'entities'", label=_label
    )
    problems += found
    entities = []
    for record, index in valid:
        line = yamlfile.line_of(raw, index)
        entities.append(_entity(record, raw[index], line, name, problems))
    left_out = data.get("not_indexed") or []
    kept, found = records.validate_list(
        NotIndexedConfig,
        left_out,
        name=name,
        line=yamlfile.line_of(data, "not_indexed", 1),
        what="'not_indexed'",
        label=lambda index, _: f"not_indexed {index + 1}",
    )
    problems += found
    result = Registry(
        name,
        tuple(entities),
        tuple(NotIndexed(_plain(r.name), _plain(r.reason), yamlfile.line_of(left_out, i)) for r, i in kept),
    )
    problems += model_problems(result)  # across the entries that are valid on their own
    if problems:
        raise DataFileError(yamlfile.in_file_order(problems))
    return result


def parse(text: str, name: str) -> Registry:
    """The registry in the YAML ``text`` of the file messages call ``name``."""
    return registry(yamlfile.parse(text, name), name)


def load(path: str | Path, root: str | Path | None = None) -> Registry:
    """Read and check a registry; messages name it relative to ``root`` (the folder of mkdocs.yml)."""
    full = Path(root or ".") / path
    return registry(yamlfile.read(full, root), places.display(full, root))
