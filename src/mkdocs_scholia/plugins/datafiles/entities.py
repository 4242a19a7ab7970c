"""The registry of entities (``source/entities.yml``): typed config classes and its loader.

Each entry is validated by :class:`EntityConfig`, as Material's blog
validates ``.authors.yml``, and every problem is reported at once as
``file:line: message; suggestion``: an unknown kind, a malformed Wikidata id,
an id that is not a slug, a date that is not one, an unknown key (a typo
would otherwise drop a field silently). The entries then become the plain
dataclasses of :mod:`mkdocs_scholia.entities.model`, which checks what no
single entry can know (duplicate ids, ambiguous name forms).

The file::

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

The data is pull-request input: it is only read with YAML's safe loader,
every text is plain (escaped wherever it is shown), identifiers must match
their grammar and URLs are never read from it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.entities import authority
from mkdocs_scholia.entities.model import (
    KINDS,
    Dates,
    Entity,
    NameForm,
    NotIndexed,
    Occurrence,
    Registry,
    RegistryError,
    When,
)
from mkdocs_scholia.entities.model import problems as model_problems
from mkdocs_scholia.rules import paragraphs, places

ENTITY_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
DESCRIPTION_LIMIT = 400

C = TypeVar("C", bound=base.Config)
Where = Callable[[int | None], str]  # a line → "source/entities.yml:12"


# -- YAML with line numbers ------------------------------------------------------------


class Lined(dict):
    """A YAML mapping that remembers where it and each of its keys stand (1-based lines)."""

    line: int = 0
    key_lines: dict[str, int]


class LinedList(list):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    item_lines: list[int]


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: same data, faster


class _LineLoader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
    """YAML's safe loader (plain data only: no tags that build objects), with line numbers."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = Lined(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
        return mapping

    def construct_sequence(self, node, deep=False):  # type: ignore[override]
        items = LinedList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items


# Dates stay text (``1953-03-05``) until PartialDate reads them: YAML's own
# timestamps would turn an impossible date into a crash, and a year-month into text.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def load_yaml(text: str) -> Any:
    """Plain data from YAML text, mappings and sequences with their lines."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


# -- options ----------------------------------------------------------------------------


def _closest(value: str, choices: list[str] | tuple[str, ...]) -> str:
    found = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {found[0]!r}?" if found else ""


class Text(c.BaseConfigOption[str]):
    """A non-empty plain text; runs of white space (a folded YAML line) become one space."""

    def __init__(self, limit: int | None = None):
        super().__init__()
        self.limit = limit

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise base.ValidationError(f"expected text, got {value!r}; quote it in the YAML")
        text = " ".join(value.split())
        if not text:
            raise base.ValidationError("must not be empty")
        if self.limit is not None and len(text) > self.limit:
            raise base.ValidationError(f"is {len(text)} characters long; keep it under {self.limit} (one sentence)")
        return text


class EntityId(c.BaseConfigOption[str]):
    """A permanent id: lower-case letters and digits, words joined by hyphens (``warsaw-pact``)."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not ENTITY_ID.fullmatch(value) or len(value) > 64:
            raise base.ValidationError(
                f"{value!r} is not an entity id: lower-case letters and digits, words joined by hyphens, "
                "starting with a letter, e.g. 'warsaw-pact'"
            )
        return value


class Kind(c.BaseConfigOption[str]):
    def run_validation(self, value: object) -> str:
        if value not in KINDS:
            hint = _closest(str(value), KINDS)
            raise base.ValidationError(f"unknown kind {value!r}: expected one of {', '.join(KINDS)}{hint}")
        return str(value)


class AuthorityId(c.BaseConfigOption[str]):
    """An identifier of one authority, checked against its grammar."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def run_validation(self, value: object) -> str:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is None or not authority.is_valid(self.name, text):
            raise base.ValidationError(authority.expected(self.name, value))
        return text


class PartialDate(c.BaseConfigOption[When]):
    """``1878``, ``1878-12`` or ``1878-12-18`` (YAML may read the last as a date)."""

    def run_validation(self, value: object) -> When:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return When(value.year, value.month, value.day)
        text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        match = PARTIAL_DATE.fullmatch(text)
        if match is not None:
            year, month, day = int(match["year"]), match["month"], match["day"]
            try:
                datetime.date(year, int(month or 1), int(day or 1))
            except ValueError:
                pass
            else:
                return When(year, int(month) if month else None, int(day) if day else None)
        raise base.ValidationError(
            f"{value!r} is not a date: expected a year (1953), a month (1953-03) or a day (1953-03-05)"
        )


class NameFormText(Text):
    """A form of a name as the text writes it: it must contain a letter or a digit."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not re.search(r"\w", text):
            raise base.ValidationError(f"{text!r} is not a name: it has no letter or digit")
        return text


class ParagraphId(c.BaseConfigOption[str]):
    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not paragraphs.is_paragraph_id(value):
            raise base.ValidationError(paragraphs.expected(str(value)))
        return value


class OccurrenceConfig(base.Config):
    """One `include` or `exclude` entry: a text in one paragraph."""

    paragraph = ParagraphId()
    text = NameFormText()


class NotIndexedConfig(base.Config):
    """A name the index deliberately leaves out."""

    name = NameFormText()
    reason = Text(limit=DESCRIPTION_LIMIT)


class EntityConfig(base.Config):
    """One entity of the registry."""

    id = EntityId()
    kind = Kind()
    label = Text()
    sort = c.Optional(Text())
    names = c.ListOfItems(NameFormText(), default=[])
    description = Text(limit=DESCRIPTION_LIMIT)
    born = c.Optional(PartialDate())
    died = c.Optional(PartialDate())
    date = c.Optional(PartialDate())
    start = c.Optional(PartialDate())
    end = c.Optional(PartialDate())
    wikidata = c.Optional(AuthorityId("wikidata"))
    viaf = c.Optional(AuthorityId("viaf"))
    geonames = c.Optional(AuthorityId("geonames"))
    source = c.Optional(Text())
    verified = c.Type(bool, default=False)
    include = c.ListOfItems(c.Type(dict), default=[])  # each item: OccurrenceConfig, checked with its line
    exclude = c.ListOfItems(c.Type(dict), default=[])

    def validate(self):
        failed, warnings = super().validate()
        if failed:
            return failed, warnings

        def fail(key: str, message: str) -> None:
            failed.append((key, base.ValidationError(message)))

        if self.kind == "person":
            for key in ("date", "start", "end"):
                if self[key] is not None:
                    fail(key, f"a person has `born` and `died`, not `{key}`")
        else:
            for key in ("born", "died"):
                if self[key] is not None:
                    fail(key, f"`{key}` is for persons; a {self.kind} has `date` (one day) or `start` and `end`")
            if self.date is not None and (self.start is not None or self.end is not None):
                fail("date", "give either `date` (one day, a treaty signed) or `start` and `end`, not both")
        first, last = (self.born, self.died) if self.kind == "person" else (self.start, self.end)
        if first is not None and last is not None:
            common = min(len(first.iso), len(last.iso))  # compare as precisely as both are known
            if last.iso[:common] < first.iso[:common]:
                fail("end" if self.kind != "person" else "died", f"ends ({last.iso}) before it starts ({first.iso})")
        identifiers = [key for key in ("wikidata", "viaf", "geonames") if self[key] is not None]
        if identifiers and not self.source:
            fail(
                identifiers[0],
                "say where the identifier comes from in `source:` (and set `verified:` only if it was checked)",
            )
        if self.verified and not identifiers:
            fail("verified", "`verified: true` needs an identifier (wikidata, viaf or geonames) to verify")
        if not self.names and not self.include:
            fail("names", "give the forms of the name as the text writes them (or `include:` the places it is meant)")
        return failed, warnings


class RegistryFileConfig(base.Config):
    """The file's top level."""

    entities = c.Type(list, default=[])  # each item: EntityConfig, checked with its line
    not_indexed = c.Type(list, default=[])  # each item: NotIndexedConfig


# -- loading ----------------------------------------------------------------------------


def _validate(config_class: type[C], data: Lined, where: Where, problems: list[str]) -> C | None:
    """``data`` validated by ``config_class``; problems (unknown keys too) added as ``file:line`` lines."""
    config = config_class()
    config.load_dict(dict(data))
    failed, warnings = config.validate()
    known = [key for key, _ in config_class._schema]
    for key in data:
        if key not in known:
            problems.append(
                f"{where(data.key_lines.get(str(key), data.line))}: unknown key {key!r}{_closest(str(key), known)}"
            )
    for key, error in failed:
        problems.append(f"{where(data.key_lines.get(key, data.line))}: `{key}`: {error}")
    for key, warning in warnings:
        if not str(warning).startswith("Unrecognised configuration name"):
            problems.append(f"{where(data.key_lines.get(key, data.line))}: `{key}`: {warning}")
    if failed or any(key not in known for key in data):
        return None
    return config


def _items(data: Any, key: str, where: Where, problems: list[str]) -> list[tuple[Lined, int]]:
    """The mappings of a list, each with its line; anything else is a problem."""
    items = data.get(key) if isinstance(data, dict) else None
    if items is None:
        return []
    line = data.key_lines.get(key, data.line) if isinstance(data, Lined) else 0
    if not isinstance(items, list):
        problems.append(f"{where(line)}: `{key}` must be a list of entries (each starting with '- ')")
        return []
    out = []
    lines = getattr(items, "item_lines", [line] * len(items))
    for item, item_line in zip(items, lines):
        if not isinstance(item, Lined):
            problems.append(f"{where(item_line)}: an entry of `{key}` must be a mapping (key: value), got {item!r}")
            continue
        out.append((item, item_line))
    return out


def _occurrences(data: Lined, key: str, where: Where, problems: list[str]) -> tuple[Occurrence, ...]:
    found = []
    for item, line in _items(data, key, where, problems):
        config = _validate(OccurrenceConfig, item, where, problems)
        if config is not None:
            found.append(Occurrence(config.paragraph, config.text, line))
    return tuple(found)


def _names(data: Lined, config: EntityConfig) -> tuple[NameForm, ...]:
    raw = data.get("names")
    lines = getattr(raw, "item_lines", [])
    default = data.key_lines.get("names", data.line)
    return tuple(
        NameForm(text, lines[number] if number < len(lines) else default) for number, text in enumerate(config.names)
    )


def _entity(data: Lined, where: Where, problems: list[str]) -> Entity | None:
    config = _validate(EntityConfig, data, where, problems)
    include = _occurrences(data, "include", where, problems)
    exclude = _occurrences(data, "exclude", where, problems)
    if config is None:
        return None
    if config.kind == "person":
        dates = Dates(config.born, config.died)
    elif config.date is not None:
        dates = Dates(config.date, config.date)
    else:
        dates = Dates(config.start, config.end)
    identifiers = tuple(
        authority.Identifier(name, config[name])
        for name in ("wikidata", "viaf", "geonames")
        if config[name] is not None
    )
    return Entity(
        id=config.id,
        kind=config.kind,
        label=config.label,
        names=_names(data, config),
        description=config.description,
        sort=config.sort or "",
        dates=dates,
        identifiers=identifiers,
        verified=config.verified,
        source=config.source or "",
        include=include,
        exclude=exclude,
        line=data.line,
    )


def parse(text: str, path: str) -> Registry:
    """The registry in ``text`` (the file ``path``, as messages name it), checked.

    Raises :class:`~mkdocs_scholia.entities.model.RegistryError` listing every problem.
    """

    def where(line: int | None) -> str:
        return places.where(path, line)

    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(error, "problem", None) or str(error)
        raise RegistryError(
            [f"{where(line)}: not valid YAML: {detail}; check the indentation and quote texts with ':'"]
        ) from None
    problems: list[str] = []
    if data is None:
        data = Lined()
        data.key_lines = {}
    if not isinstance(data, Lined):
        raise RegistryError([f"{where(1)}: expected a mapping with `entities:` (and `not_indexed:`) at the top"])
    _validate(RegistryFileConfig, data, where, problems)
    entities = [
        entity for item, _ in _items(data, "entities", where, problems) if (entity := _entity(item, where, problems))
    ]
    left_out = []
    for item, line in _items(data, "not_indexed", where, problems):
        config = _validate(NotIndexedConfig, item, where, problems)
        if config is not None:
            left_out.append(NotIndexed(config.name, config.reason, line))
    registry = Registry(path, tuple(entities), tuple(left_out))
    problems.extend(model_problems(registry))  # across the entries that are valid on their own
    if problems:
        raise RegistryError(sorted(problems, key=_line_of))
    return registry


def _line_of(problem: str) -> int:
    match = re.match(r"^.*?:(\d+): ", problem)
    return int(match.group(1)) if match else 0


def load(path: str | Path, root: str | Path | None = None) -> Registry:
    """The registry file at ``path`` (relative to ``root``, the folder of mkdocs.yml), checked."""
    full = Path(root or ".") / path
    shown = places.display(full, root)
    try:
        text = full.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise RegistryError([f"{shown}: cannot read the registry: {error.strerror or error}"]) from None
    return parse(text, shown)
