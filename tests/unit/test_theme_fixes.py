"""The package's copies of Material's partials differ from the installed theme's only where documented."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from mkdocs_scholia.plugins.scholia.theme import THEME_FIXES

THEME = Path(material.__file__).resolve().parent / "templates"
# What each copy changes, as the lines it adds (the comment that says why is left aside).
CHANGES = {
    "partials/search.html": [
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        '<div class="md-search__scrollwrap" data-md-scrollfix>',
    ],
    "partials/source.html": [
        '<a href="{{ config.repo_url | e }}" title="{{ lang.t(\'source\') }}" class="md-source">',
        "{{ config.repo_name | e }}",
    ],
}


def body(text: str) -> list[str]:
    """The template without its leading comment, one stripped line each."""
    return [line.strip() for line in re.sub(r"^\{#-.*?-#\}\n", "", text, count=1, flags=re.S).splitlines()]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_copy_changes_only_what_it_says(name):
    ours = body((THEME_FIXES / name).read_text(encoding="utf-8"))
    theirs = body((THEME / name).read_text(encoding="utf-8"))
    added = [line[1:].strip() for line in difflib.ndiff(theirs, ours) if line.startswith("+ ")]
    assert added == CHANGES[name], f"Material's {name} changed: re-copy it and redo the changes"
    assert len(ours) == len(theirs)


def test_every_copy_is_checked():
    copies = {p.relative_to(THEME_FIXES).as_posix() for p in THEME_FIXES.rglob("*.html")}
    assert copies == set(CHANGES)
