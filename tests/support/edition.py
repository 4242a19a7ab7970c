"""Facts about this edition that tests share, read from its sources (no build needed).

``mkdocs.yml`` is read here and nowhere else in the tests, with
:class:`AnyTagLoader` (its ``!ENV`` and ``!!python/...`` tags read as nothing).
Page lists computed here name parametrized tests at collection time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from support import REPO

DOCS = REPO / "docs"
COPY_TEXT = REPO / "source" / "essay-as-received.md"
APPARATUS = REPO / "source" / "apparatus.yml"
SHARED_COPY_TEXT = REPO.parent / "shared" / "source" / "essay-as-received.md"

# The edition's pages in reading order, with the URLs they must keep for ever.
PAGES = [
    ("index.md", ""),
    ("introduction.md", "introduction/"),
    ("personal-factors.md", "personal-factors/"),
    ("conflicts-of-national-interest.md", "conflicts-of-national-interest/"),
    ("ideological-conflict.md", "ideological-conflict/"),
    ("structural-perspective.md", "structural-perspective/"),
    ("conclusion.md", "conclusion/"),
    ("references.md", "references/"),
    ("editorial-notes.md", "editorial-notes/"),
]
SECTIONS = {
    1: "introduction",
    2: "personal-factors",
    3: "conflicts-of-national-interest",
    4: "ideological-conflict",
    5: "structural-perspective",
    6: "conclusion",
}


class AnyTagLoader(yaml.SafeLoader):
    """A safe loader that reads every tag it does not know (``!ENV``, ``!!python/...``) as None."""


AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_config(path: Path = REPO / "mkdocs.yml") -> dict[str, Any]:
    """``mkdocs.yml`` as plain data (tags read as None)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=AnyTagLoader) or {}


def plugin_options(name: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The options of the plugin ``name`` in ``mkdocs.yml`` (``{}`` when it has none)."""
    for plugin in (config or mkdocs_config())["plugins"]:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
        if plugin == name:
            return {}
    raise AssertionError(f"mkdocs.yml does not use the {name} plugin")


def nav_entries(nav: list[Any] | None) -> list[tuple[str, str]]:
    """(title, file) of every Markdown page of a nav, in order (title ``""`` when the nav gives none)."""
    entries: list[tuple[str, str]] = []
    for item in nav or []:
        title, value = "", item
        if isinstance(item, dict):
            title, value = next(iter(item.items()), ("", None))
        if isinstance(value, str) and value.endswith(".md"):
            entries.append((str(title), value))
        elif isinstance(value, list):
            entries.extend(nav_entries(value))
    return entries


def nav_files() -> list[str]:
    """The docs files of mkdocs.yml's nav, in order."""
    return [file for _, file in nav_entries(mkdocs_config().get("nav"))]


def front_matter(name: str) -> dict[str, Any]:
    """The YAML front matter of ``docs/<name>``."""
    text = (DOCS / name).read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"docs/{name} has no YAML front matter"
    return yaml.safe_load(match.group(1)) or {}


def section_slugs() -> dict[int, str]:
    """Section number → page slug, from the pages' ``section:`` front matter."""
    found = {}
    for name, _ in PAGES:
        number = front_matter(name).get("section")
        if number is not None:
            found[int(number)] = name[: -len(".md")]
    return found


def essay_pages() -> list[str]:
    """The pages holding essay text, in reading order (``front`` is the home page)."""
    return ["front", *(section_slugs()[n] for n in sorted(section_slugs()))]


def page_for_file(name: str) -> str:
    """``introduction.md`` -> ``introduction/``; ``index.md`` -> ``""`` (directory URLs)."""
    stem = name[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def nav_pages() -> list[str]:
    """The pages in reading order: the nav of mkdocs.yml, else every docs/*.md."""
    config = mkdocs_config()
    files = [file for _, file in nav_entries(config.get("nav"))]
    if not files:
        docs = REPO / config.get("docs_dir", "docs")
        files = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    return list(dict.fromkeys(page_for_file(f) for f in files))


def numbered_pages() -> list[str]:
    """The essay's chapters: the nav entries titled with a number ("2. Personal Factors")."""
    return [page_for_file(f) for title, f in nav_entries(mkdocs_config().get("nav")) if title[:1].isdigit()]


def configured_pages() -> list[str]:
    """The pages the configuration promises, home first, then alphabetically.

    A test checks that the built sitemap lists exactly these pages, so none goes unchecked.
    """
    return sorted(nav_pages(), key=lambda page: (page != "", page))
