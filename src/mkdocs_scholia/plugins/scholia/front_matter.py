"""Front matter is data: each value the theme or the plugin prints is checked, then escaped.

Material writes ``title``, ``description`` and ``subtitle`` from a page's
front matter into ``<title>``, attributes and the navigation without
escaping them, and ``status`` into a class name; a list or a mapping there
(``title: ["</title><script>…"]``) bypasses any escaping of text. So every
page's front matter is checked against the types below, with
``docs/x.md:2: front matter 'title' must be text, not a list`` as the error,
and the text values the theme prints raw are then escaped for it.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mkdocs_scholia.rules import places

SECTION = re.compile(r"\d+")
NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
ICON = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)+")
TEMPLATE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*(?:/[A-Za-z0-9_][A-Za-z0-9_-]*)*\.html")
ESCAPED = ("title", "description", "subtitle")


class FrontMatterError(Exception):
    """A front-matter value of the wrong type; the message names the file and line."""


def kind(value: object) -> str:
    """How a YAML value is named in messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else "must be text"


def _text_list(value: object) -> str | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return None
    return "must be a list of text"


def _keywords(value: object) -> str | None:
    return None if isinstance(value, str) else _text_list(value) and "must be text or a list of text"


def _section(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not SECTION.fullmatch(str(value).strip()):
        return "must be a section number (digits, e.g. 2)"
    return None


def _grammar(pattern: re.Pattern[str], what: str) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            return f"must be {what}"
        return None

    return check


def _search(value: object) -> str | None:
    if not isinstance(value, Mapping):
        return "must be a mapping (exclude: true, boost: 2)"
    if not isinstance(value.get("exclude", False), bool):
        return "must have exclude: true or false"
    boost = value.get("boost", 1)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)):
        return "must have a number as boost"
    return None


CHECKS: dict[str, Callable[[object], str | None]] = {
    "title": _text,
    "description": _text,
    "subtitle": _text,
    "section": _section,
    "keywords": _keywords,
    "tags": _text_list,
    "hide": _text_list,
    "search": _search,
    "status": _grammar(NAME, "a name of lower-case letters, digits, '-' and '_' (e.g. new)"),
    "icon": _grammar(ICON, "an icon's path (e.g. material/book)"),
    "template": _grammar(TEMPLATE, "a template's file name (e.g. page.html)"),
}
"""Each key the theme or the plugin reads, and the check of its value (the problem, or None)."""


def line_of(source: Path | None, key: str) -> int | None:
    """The line of ``key:`` in the file's front matter, if it can be found."""
    if source is None or not source.is_file():
        return None
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return None
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return None


def check(meta: Mapping[str, object], shown: str, source: Path | None = None) -> None:
    """Stop on the first value of the wrong type; ``shown`` is how messages name the file."""
    for key, test in CHECKS.items():
        if key not in meta:
            continue
        value = meta[key]
        problem = test(value)
        if problem is not None:
            raise FrontMatterError(
                places.message(shown, line_of(source, key), f"front matter '{key}' {problem}, not {kind(value)}")
                + "; fix the value in the page's front matter (quote text that YAML would read otherwise)"
            )


def escape_for_theme(meta: MutableMapping[str, Any]) -> None:
    """Escape, in place, the text values the theme prints without escaping."""
    for key in ESCAPED:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = Markup(html.escape(value, quote=True))  # noqa: S704 - escaped here


def plain(value: object) -> str:
    """A front-matter text as it was written (undoing :func:`escape_for_theme`)."""
    return value.unescape() if isinstance(value, Markup) else str(value)
