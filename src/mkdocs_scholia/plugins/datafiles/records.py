"""Records of a data file, validated field by field with mkdocs' config classes.

A record type is a :class:`Record` (a :class:`mkdocs.config.base.Config`)
whose attributes are the field types below. Unlike ``mkdocs.yml``'s own
validation, which stops at the first bad option, :meth:`Record.problems`
checks every field and reports each problem with a suggestion: a field name
or a choice that is almost right gets "did you mean …?".

:func:`validate` runs a record type over one mapping of a file read by
:mod:`~mkdocs_scholia.plugins.datafiles.yamlfile` and turns the problems into
``file:line: <record>, field '<name>': <message>`` lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.plugins.datafiles import yamlfile
from mkdocs_scholia.rules import dates, places

T = TypeVar("T")
ValidationError = base.ValidationError

# Characters that never belong in a hand-written value: C0 controls other
# than tab and newline, DEL, and the C1 controls. (Python-Markdown uses two
# of them as placeholders, so they could also smuggle one page part into another.)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def kind_of(value: object) -> str:
    """How a YAML value is named to an editor: 'a number', 'a list', …"""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date | dt.datetime):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def suggestion(value: object, choices: Iterable[str]) -> str:
    """``; did you mean 'marker'?`` when ``value`` is close to one of ``choices``, else ''."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value.strip().lower(), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Field(Generic[T], c.BaseConfigOption[T]):
    """A field of a record; an ``optional`` field may be left out (or null): then ``fallback``.

    (The option's own ``default`` stays None, so that a field left out is
    told apart from one given: mkdocs fills a record with the defaults first.)
    """

    def __init__(self, *, optional: bool = False, fallback: T | None = None) -> None:
        super().__init__()
        self.optional = optional
        self.fallback = fallback

    def validate(self, value: object, /) -> T:
        if value is None:
            if self.optional:
                return self.fallback  # type: ignore[return-value]
            raise ValidationError("is missing")
        return self.run_validation(value)


class Text(Field[str]):
    """Text. With ``pattern``, the whole text must match it (an identifier's grammar)."""

    def __init__(
        self,
        *,
        pattern: str | re.Pattern[str] | None = None,
        expected: str = "",
        empty: bool = False,
        optional: bool = False,
        fallback: str | None = None,
    ) -> None:
        super().__init__(optional=optional, fallback=fallback)
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        self.expected = expected
        self.empty = empty

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            hint = " (quote it in YAML)" if isinstance(value, bool | int | float | dt.date) else ""
            raise ValidationError(f"expected text, not {kind_of(value)}{hint}")
        control = CONTROL.search(value)
        if control:
            raise ValidationError(f"contains the control character U+{ord(control.group()):04X}; remove it")
        if not self.empty and not value.strip():
            raise ValidationError("must not be empty")
        if self.pattern is not None and value and not self.pattern.fullmatch(value):
            raise ValidationError(f"{value!r} is not {self.expected}" if self.expected else f"{value!r} is not allowed")
        return value


class OneOf(Field[str]):
    """One of a fixed list of words."""

    def __init__(self, choices: Sequence[str], *, optional: bool = False) -> None:
        super().__init__(optional=optional)
        self.choices = tuple(choices)

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and value in self.choices:
            return value
        shown = repr(value) if isinstance(value, str) else kind_of(value)
        raise ValidationError(f"{shown} is not one of {', '.join(self.choices)}{suggestion(value, self.choices)}")


class Whole(Field[int]):
    """A whole number, at least ``minimum``."""

    def __init__(self, *, minimum: int = 1, what: str = "a whole number", optional: bool = False) -> None:
        super().__init__(optional=optional)
        self.minimum = minimum
        self.what = what

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected {self.what}, not {kind_of(value)} ({value!r})")
        if value < self.minimum:
            raise ValidationError(f"expected {self.what} from {self.minimum}, not {value}")
        return value


class Day(Field[dt.date]):
    """A calendar date, written YYYY-MM-DD (YAML reads it as a date)."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            raise ValidationError("expected a date (YYYY-MM-DD), not a date with a time")
        if isinstance(value, dt.date):
            return value
        parsed = dates.parse_iso(value) if isinstance(value, str) else None
        if parsed is not None:
            return parsed
        raise ValidationError(f"expected a date as YYYY-MM-DD, not {value!r}")


class Items(Field[list[Any]]):
    """A list whose items are checked by their own record type (see :func:`validate_list`)."""

    def run_validation(self, value: object) -> list[Any]:
        if not isinstance(value, list):
            raise ValidationError(f"expected a list, not {kind_of(value)}")
        return value


class Record(base.Config):
    """One record of a data file: a mapping of named fields."""

    def problems(self) -> list[tuple[str | None, str]]:
        """Every problem of the record, as (field or None, message); none means valid.

        Each field is validated (the values are replaced by their validated
        form); unknown fields are problems too, with the closest known name.
        :meth:`check` runs when every field is valid, for rules between fields.
        """
        found: list[tuple[str | None, str]] = []
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
            except ValidationError as error:
                found.append((key, str(error)))
        known = [key for key, _ in self._schema]
        for key in sorted(set(self.keys()) - self._schema_keys, key=str):
            found.append((str(key), f"is not a field here (fields: {', '.join(known)}){suggestion(key, known)}"))
        if not found:
            found.extend(self.check())
        return found

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """mkdocs' interface: (failed, warnings), with every failure rather than the first."""
        return [(key or "", ValidationError(message)) for key, message in self.problems()], []

    def check(self) -> list[tuple[str | None, str]]:
        """Rules between fields, once each field is valid (none by default)."""
        return []


R = TypeVar("R", bound=Record)


def _joined(message: str) -> str:
    """``field 'x' is missing`` reads as a sentence; other messages follow a colon."""
    return f" {message}" if message.startswith("is ") else f": {message}"


def validate(
    record_type: type[R],
    data: object,
    *,
    name: str,
    line: int,
    label: str,
) -> tuple[R | None, list[str]]:
    """Validate one mapping of a data file: the record, or None and the problems.

    ``name`` is the file as messages name it, ``line`` where the record
    starts, ``label`` how the record is named (``entry 'e004'``).
    """
    if not isinstance(data, dict):
        return None, [places.message(name, line, f"{label}: expected a mapping of fields, not {kind_of(data)}")]
    record = record_type()
    record.load_dict(dict(data))
    problems = [
        places.message(name, yamlfile.line_of(data, key, line), f"{label}, field '{key}'{_joined(message)}")
        if key
        else places.message(name, line, f"{label}: {message}")
        for key, message in record.problems()
    ]
    return (None if problems else record), problems


def validate_list(
    record_type: type[R],
    items: object,
    *,
    name: str,
    line: int,
    what: str,
    label: Callable[[int, object], str],
) -> tuple[list[tuple[R, int]], list[str]]:
    """Validate each item of a list: the valid records with their index in the list, and every problem."""
    if not isinstance(items, list):
        return [], [places.message(name, line, f"{what}: expected a list, not {kind_of(items)}")]
    records: list[tuple[R, int]] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        item_line = yamlfile.line_of(items, index, line)
        record, found = validate(record_type, item, name=name, line=item_line, label=label(index, item))
        problems.extend(found)
        if record is not None:
            records.append((record, index))
    return records, problems
