"""Facts about the edition that the edition tests share (not fixtures: plain functions)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
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


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV; they do not matter here."""


_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)


def nav_files() -> list[str]:
    """The docs files of mkdocs.yml's nav, in order."""
    files: list[str] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for target in item.values():
                    walk(target) if isinstance(target, list) else files.append(target)
            else:
                files.append(item)

    walk(mkdocs_config().get("nav"))
    return files


def front_matter(name: str) -> dict:
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


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url else site / "index.html"
