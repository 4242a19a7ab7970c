"""Filling one template file: values by name and filter, blocks kept or left out.

A template is a plain text file with two kinds of marks, chosen so that
nothing else in the files (GitHub's ``${{ github.ref }}``, YAML, Markdown,
Python) can be read as one:

* ``{{name|filter}}`` (no spaces) becomes the value ``name``, escaped by
  ``filter`` for where it stands: ``yaml`` (a double-quoted YAML string, also
  a valid TOML string, or a YAML flow list), ``md`` (Markdown text: nothing
  in it is markup) or ``raw`` (a value that was checked against a grammar
  when the options were made: a slug, a version, a date, a URL);
* a line that is exactly ``[[if name]]`` or ``[[if not name]]`` starts a
  block that is kept only when the value is true (or false); ``[[end]]``
  ends it. Blocks may nest.

Every mark must name a known value and filter, and every block must be
closed: a template that gets this wrong fails loudly, naming the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

TOKEN = re.compile(r"\{\{([a-z_]+)\|([a-z]+)\}\}")
BLOCK = re.compile(r"^\[\[(?:if (not )?([a-z_]+)|(end))\]\]$")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


class TemplateError(ValueError):
    """A template names a value or filter that does not exist, or leaves a block open."""


NOT_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
"""Characters JSON leaves as they are but YAML refuses (or reads as line breaks): written as escapes."""


def yaml_value(value: object) -> str:
    """A YAML (and TOML) double-quoted string, or a YAML flow list or mapping of them."""
    text = json.dumps(value, ensure_ascii=False)
    return NOT_IN_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def markdown_text(value: object) -> str:
    """Text that Python-Markdown prints as it is: specials escaped, ``&`` and ``<`` as entities."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def raw(value: object) -> str:
    return str(value)


FILTERS = {"yaml": yaml_value, "md": markdown_text, "raw": raw}


def render(template: str, values: Mapping[str, object], name: str = "template") -> str:
    """``template`` with its blocks resolved and its marks replaced by ``values``."""
    kept: list[str] = []
    stack: list[tuple[int, bool]] = []  # (line of the [[if]], whether its block is kept)
    for number, line in enumerate(template.splitlines(keepends=True), start=1):
        block = BLOCK.match(line.rstrip("\r\n"))
        if block:
            negated, key, end = block.groups()
            if end:
                if not stack:
                    raise TemplateError(f"{name}:{number}: [[end]] without [[if …]]")
                stack.pop()
                continue
            if key not in values:
                raise TemplateError(f"{name}:{number}: unknown value {key!r} in [[if …]]")
            stack.append((number, bool(values[key]) != bool(negated)))
            continue
        if all(keep for _, keep in stack):
            kept.append(_fill(line, values, name, number))
    if stack:
        raise TemplateError(f"{name}:{stack[-1][0]}: [[if …]] is never closed with [[end]]")
    return "".join(kept)


def _fill(line: str, values: Mapping[str, object], name: str, number: int) -> str:
    def replace(match: re.Match[str]) -> str:
        key, filter_name = match.groups()
        if key not in values:
            raise TemplateError(f"{name}:{number}: unknown value {key!r}")
        if filter_name not in FILTERS:
            raise TemplateError(f"{name}:{number}: unknown filter {filter_name!r} (one of {', '.join(FILTERS)})")
        return FILTERS[filter_name](values[key])

    return TOKEN.sub(replace, line)
