"""Links between pages, relative to the page they are on, as MkDocs itself writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from mkdocs_scholia.rules.relative_urls import relative_url


@pytest.mark.parametrize(
    ("target", "start", "expected"),
    [
        ("references/", "personal-factors/", "../references/"),
        ("references/", "", "references/"),
        ("", "personal-factors/", ".."),
        ("./", "personal-factors/", "../"),
        ("references/", "references/", "./"),
        ("a/b/page.html", "a/c/other.html", "../b/page.html"),
        ("references.html", "index.html", "references.html"),
        ("x/", "a/../b/", "../x/"),
    ],
)
def test_relative_urls(target, start, expected):
    assert relative_url(target, start) == expected


SEGMENT = st.sampled_from(["a", "b", "page", "x.html", "index.html", "..", "."])
PATH = st.lists(SEGMENT, max_size=4).map("/".join)


@given(PATH, PATH, st.booleans(), st.booleans())
def test_the_same_as_mkdocs(target, start, target_dir, start_dir):
    target += "/" if target_dir else ""
    start += "/" if start_dir else ""
    assert relative_url(target, start) == get_relative_url(target, start)
