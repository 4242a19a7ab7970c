"""The author's guide (guide/) stays true: its messages exist, it covers every setting, its links hold."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from mkdocs_scholia.checks import siteconfig
from mkdocs_scholia.cli.main import main
from mkdocs_scholia.scaffold import NewEdition, edition_files
from support import REPO

GUIDE = REPO / "guide"
SOURCE = REPO / "src" / "mkdocs_scholia"
HEADING_MESSAGE = re.compile(r"^### (`+) ?(.*?) ?\1$", re.MULTILINE)


@functools.cache
def source_messages(root: Path = SOURCE) -> tuple[str, ...]:
    """Every string literal of the package, with each f-string's replacement fields as ``…``
    (read once: every parametrized case asks for them)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                found.append("".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    return tuple(found)


def pattern(text: str) -> str:
    return ".*".join(re.escape(part) for part in text.split("…"))


@functools.cache
def literal_pattern(literal: str) -> re.Pattern[str]:
    """A literal of the code as a pattern, compiled once (``…`` stands for anything)."""
    return re.compile(pattern(literal), re.DOTALL)


def in_source(message: str, literals: Sequence[str]) -> bool:
    """The guide's message is (part of) a literal of the code, or a literal of the code is the whole message.

    Either way ``…`` stands for anything: a value the code fills in, or a
    part the guide leaves out.
    """
    guide = re.compile(pattern(message), re.DOTALL)
    for literal in literals:
        if guide.search(literal):
            return True
        fixed = literal.replace("…", "")
        if len(fixed) >= 8 and literal_pattern(literal).fullmatch(message):
            return True
    return False


def guide_messages() -> list[str]:
    return [match.group(2) for match in HEADING_MESSAGE.finditer((GUIDE / "errors.md").read_text(encoding="utf-8"))]


def test_the_guide_explains_many_messages():
    assert len(guide_messages()) >= 25


@pytest.mark.parametrize("message", guide_messages())
def test_every_message_the_guide_explains_is_in_the_code(message):
    assert in_source(message, source_messages()), (
        f"guide/errors.md quotes a message the code no longer has: {message!r}"
    )


def test_the_message_check_is_not_blind():
    literals = ["unknown citation key '…'…", "BibTeX …: …"]
    assert in_source("unknown citation key '…'; did you mean '…'?", literals)
    assert in_source("BibTeX syntax error: …", literals)
    assert not in_source("unknown reference '…'", literals)


# -- settings -------------------------------------------------------------------------


def setting_names(value: object) -> set[str]:
    """Every key of a YAML mapping, at any depth (keys of list items too)."""
    names: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            names.add(str(key))
            names |= setting_names(inner)
    elif isinstance(value, list):
        for item in value:
            names |= setting_names(item)
    return names


def documented() -> str:
    return (GUIDE / "configuration.md").read_text(encoding="utf-8")


def settings_of(config: dict[str, object]) -> set[str]:
    names = {key for key in config if key not in ("plugins",)}
    for plugin in ("scholia", "scholia-corrections", "redirects"):
        options = siteconfig.plugin_options(config, plugin)
        if options is not None:
            names |= {plugin} | setting_names(options)
    theme = config.get("theme")
    if isinstance(theme, dict):
        names |= set(theme)
    return names


def undocumented(names: set[str]) -> list[str]:
    text = documented()
    return sorted(name for name in names if f"`{name}`" not in text and f"`{name}:" not in text)


def test_every_setting_of_this_edition_is_in_the_guide():
    """This repository's edition uses only what the guide documents."""
    config = siteconfig.load(REPO / "mkdocs.yml")
    skip = {"redirect_maps"}  # documented under `redirects`
    names = settings_of(config) - skip
    # Page names under `sources:` and the scheme lists under `palette:` are values, not settings.
    names = {
        n
        for n in names
        if not n.endswith(".md") and n not in {"media", "scheme", "primary", "accent", "toggle", "icon", "name"}
    }
    assert undocumented(names) == []


def test_every_setting_of_a_new_edition_is_in_the_guide():
    for options in (
        NewEdition(slug="e", title="T", authors=("A B",)),
        NewEdition(slug="e", title="T", authors=("A B",), apparatus=False, pdf=False),
    ):
        config = siteconfig.parse(edition_files(options)["mkdocs.yml"])
        names = {n for n in settings_of(config) if not n.endswith(".md") and n != "name"}
        assert undocumented(names) == []


def test_every_option_of_new_is_in_the_guide(capsys):
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    flags = set(re.findall(r"(--[a-z][a-z-]+)", capsys.readouterr().out)) - {"--help"}
    assert len(flags) >= 12
    start = (GUIDE / "start.md").read_text(encoding="utf-8")
    assert sorted(flag for flag in flags if f"`{flag}" not in start) == []


# -- links ----------------------------------------------------------------------------


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(line.lstrip("#")) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")}


def test_the_guides_links_lead_somewhere():
    for page in sorted(GUIDE.glob("*.md")):
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"`[^`]*`", "", text)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            assert file.is_file(), f"{page.name}: {target}"
            if anchor and file.suffix == ".md":
                assert anchor in anchors(file), f"{page.name}: {target}: no such heading"


def test_the_readme_leads_to_the_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "guide/README.md" in readme
    assert "mkdocs-scholia new" in readme
