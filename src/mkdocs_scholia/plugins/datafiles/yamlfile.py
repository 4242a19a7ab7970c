"""YAML that remembers where each value stands, for ``file:line:`` messages.

:func:`read` parses a file with PyYAML's safe loader (no tags that construct
objects, nothing executed) and returns plain dicts and lists that also carry
the line of the mapping or list itself (``.line``) and of each key or item
(``.lines``). A key given twice is an error rather than YAML's silent "the last
one wins", since the first value would vanish without a trace.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from mkdocs_scholia.rules import places


class DataFileError(ValueError):
    """A data file cannot be used; ``problems`` lists every reason, each naming file:line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def in_file_order(problems: list[str]) -> list[str]:
    """Messages ``name:line: …`` sorted by their line (stable; those without a line first)."""

    def line(problem: str) -> int:
        parts = problem.split(":", 2)
        return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0

    return sorted(problems, key=line)


class Mapping(dict[Any, Any]):
    """A YAML mapping, with the line of the mapping (``line``) and of each key (``lines``)."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Hashable, int] = {}

    def line_of(self, key: Hashable) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.lines.get(key, self.line)


class Sequence(list[Any]):
    """A YAML list, with the line of the list (``line``) and of each item (``lines``)."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


def line_of(container: object, key: Hashable | int, default: int = 0) -> int:
    """The line of ``key`` in a container read by :func:`read`; ``default`` for plain data."""
    if isinstance(container, Mapping):
        return container.line_of(key)
    if isinstance(container, Sequence) and isinstance(key, int):
        return container.line_of(key)
    return default


class _Loader(yaml.SafeLoader):
    """The safe loader, building :class:`Mapping` and :class:`Sequence` with lines."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, object, int]] = []  # (line, key, first line)


def _mapping(loader: _Loader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = Mapping()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be plain text, not a list or a mapping", key_node.start_mark
            )
        line = key_node.start_mark.line + 1
        if key in data.lines:
            loader.duplicates.append((line, key, data.lines[key]))
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = line


def _sequence(loader: _Loader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = Sequence()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    """A date or time; an impossible one (2026-02-30) is an error at its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as error:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a real date ({error})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def parse(text: str, name: str) -> Any:
    """The data of a YAML document; ``name`` is how messages name the file."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "not valid YAML"
        raise DataFileError([places.message(name, line, f"not valid YAML: {problem}")]) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as error:
        raise DataFileError([f"{name}: not valid YAML: {error}"]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise DataFileError(
            [
                places.message(
                    name, line, f"the key {key!r} is given twice (also line {first}); YAML would keep only the last"
                )
                for line, key, first in loader.duplicates
            ]
        )
    return data


def read(path: str | Path, root: str | Path | None = None) -> Any:
    """The data of the YAML file ``path``; messages name it relative to ``root``."""
    name = places.display(path, root)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataFileError([f"{name}: cannot be read: {error.strerror or error}"]) from None
    except UnicodeDecodeError as error:
        raise DataFileError([f"{name}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    return parse(text, name)
