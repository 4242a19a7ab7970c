"""The reference of the ``scholia`` plugin's options, generated from its typed config.

Each option is documented once, by the docstring under it in ``config.py``;
this module reads those docstrings (Python keeps no docstrings of class
attributes, so it reads the source) and the options' defaults, and writes
Markdown::

    python -m mkdocs_scholia.plugins.scholia.options_reference > docs-dev/plugin-options.md

A test checks that the file in the repository is what this prints.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import sys
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.plugins.scholia import config

SOURCE = Path(config.__file__)


def docstrings() -> dict[str, dict[str, str]]:
    """Class name → option name → its docstring ("" for the class's own under the key "")."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = {"": ast.get_docstring(node) or ""}
        body = node.body
        for statement, following in itertools.pairwise(body):
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.targets[0].id] = inspect.cleandoc(following.value.value)
        found[node.name] = docs
    return found


def _inner(option: c.BaseConfigOption) -> c.BaseConfigOption:
    return option.option if isinstance(option, c.Optional) else option


def _sub(option: c.BaseConfigOption) -> type[base.Config] | None:
    option = _inner(option)
    if isinstance(option, c.SubConfig):
        return option.config_class
    return None


def _what(option: c.BaseConfigOption) -> str:
    """The kind of value, in a few words."""
    optional = isinstance(option, c.Optional)
    inner = _inner(option)
    if isinstance(inner, c.Choice):
        text = "one of " + ", ".join(f"`{choice}`" for choice in inner.choices)
    elif isinstance(inner, c.ListOfItems):
        text = "a list"
    elif isinstance(inner, c.Type) and inner._type is bool:
        text = "true or false"
    elif isinstance(inner, config.IsoDate):
        text = "a date (YYYY-MM-DD)"
    else:
        text = "text"
    return f"{text} (optional)" if optional else text


def _default(option: c.BaseConfigOption) -> object:
    sub = _sub(option)
    if sub is not None:
        return None if isinstance(option, config.OptionalSubConfig) else defaults(sub)
    return _inner(option).default


def defaults(config_class: type[base.Config]) -> dict[str, object]:
    """Every option of ``config_class`` with its default (None: required or unset)."""
    return {name: _default(option) for name, option in config_class._schema}


def _items(option: c.BaseConfigOption) -> type[base.Config] | None:
    """The config class of each item of a list of sub-configurations (``authors:``)."""
    option = _inner(option)
    if isinstance(option, c.ListOfItems) and isinstance(option.option_type, c.SubConfig):
        return option.option_type.config_class
    return None


def _sections(
    config_class: type[base.Config], prefix: str, docs: dict[str, dict[str, str]], seen: dict[type, str]
) -> list[str]:
    out: list[str] = []
    own = docs.get(config_class.__name__, {})
    nested: list[tuple[str, type[base.Config], str]] = []
    for name, option in config_class._schema:
        path = f"{prefix}{name}"
        text = own.get(name, "")
        sub = _sub(option)
        if sub is not None:
            nested.append((path, sub, text))
            continue
        default = _default(option)
        dumped = yaml.safe_dump(default, default_flow_style=True).strip().removesuffix("...").strip()
        shown = "" if default is None else f"; default `{dumped}`"
        out += [f"### `{path}`", "", f"*{_what(option)}{shown}*", ""]
        if text:
            out += [text, ""]
        items = _items(option)
        if items is not None:
            if items in seen:
                out += [f"Each item has the options of `{seen[items]}`.", ""]
            else:
                seen[items] = f"{path}[]"
                nested.append((f"{path}[]", items, ""))
    for path, sub, text in nested:
        intro = text or docs.get(sub.__name__, {}).get("", "")
        out += [f"## `{path}`", ""]
        if intro:
            out += [intro, ""]
        out += _sections(sub, f"{path}.", docs, seen)
    return out


def render() -> str:
    """The whole reference, as Markdown."""
    docs = docstrings()
    lines = [
        "# The `scholia` plugin's options",
        "",
        "<!-- Generated from src/mkdocs_scholia/plugins/scholia/config.py by",
        "     python -m mkdocs_scholia.plugins.scholia.options_reference > docs-dev/plugin-options.md",
        "     Do not edit: change the docstrings there (a test checks this file is up to date). -->",
        "",
        "For maintainers of an edition and of this toolkit. Every option, with its",
        "default and what it does; what the features make is described in",
        "`docs-dev/references.md` and `docs-dev/citable.md`.",
        "",
        "```yaml",
        "plugins:",
        "  - scholia:",
    ]
    dumped = yaml.safe_dump(defaults(config.ScholiaConfig), sort_keys=False, allow_unicode=True)
    lines += ["      " + line for line in dumped.splitlines()]
    lines += ["```", ""]
    lines += _sections(config.ScholiaConfig, "", docs, {})
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
