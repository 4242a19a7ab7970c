"""Marks added to built pages of a versioned site: noindex, banner, switcher, "changed since"."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from mkdocs_scholia.versions import marks
from mkdocs_scholia.versions.releases import ParagraphChange, Release

PAGE = (
    "<!doctype html><html><head><title>T</title></head><body><header>"
    '<label class="md-header__button md-icon" for="__search"></label></header>'
    '<article class="md-content__inner md-typeset"><h1>T</h1>'
    '<p id="p3.1">Old words.</p><p id="p3.2">Other.</p></article></body></html>'
)
OLD = Release("1.0.0", dt.date(2026, 11, 25), "a" * 40)
NEW = Release(
    "1.0.1", dt.date(2026, 12, 1), "b" * 40, (ParagraphChange("conflicts-of-national-interest/", "p3.1", "e048"),)
)
BOTH = (NEW, OLD)
HAS = {None: True, "1.0.0": True, "1.0.1": True}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.meta: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        if tag == "meta":
            self.meta.append(dict(attrs))


def _parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def _place(version, page="conflicts-of-national-interest/"):
    depth = page.count("/") + (2 if version else 0)
    return marks.Place(page=page, version=version, root="../" * depth)


def test_an_old_version_has_noindex_banner_switcher_and_a_mark_to_the_current_reading():
    html = marks.mark_page(PAGE, name="p.html", place=_place("1.0.0"), releases=BOTH, has_page=HAS)
    parsed = _parse(html)
    assert {"name": "robots", "content": "noindex"} in parsed.meta
    assert "You are reading edition 1.0.0 of 25 November 2026. The current edition is" in html
    hrefs = [link["href"] for link in parsed.links]
    assert "../../../conflicts-of-national-interest/" in hrefs  # the same page, current edition
    assert "../../../updates/#v1.0.1" in hrefs
    assert "../../../conflicts-of-national-interest/#p3.1" in hrefs  # the changed paragraph now
    assert "../../../editorial-notes/#e048" in hrefs
    current = [link for link in parsed.links if "aria-current" in link]
    assert current == [{"href": "../../../v/1.0.0/conflicts-of-national-interest/", "aria-current": "page"}]
    assert html.index('<nav class="scholia-versions"') < html.index('for="__search"')
    assert html.index("scholia-changed") < html.index('<p id="p3.2">')


def test_the_current_edition_is_indexable_with_switcher_and_both_readings():
    html = marks.mark_page(PAGE, name="p.html", place=_place(None), releases=BOTH, has_page=HAS)
    parsed = _parse(html)
    assert not any(m.get("name") == "robots" for m in parsed.meta)
    assert "You are reading edition" not in html
    hrefs = [link["href"] for link in parsed.links]
    assert "../v/1.0.0/conflicts-of-national-interest/#p3.1" in hrefs
    assert "../v/1.0.1/conflicts-of-national-interest/#p3.1" in hrefs
    assert "../editorial-notes/#e048" in hrefs
    assert [link for link in parsed.links if "aria-current" in link] == [
        {"href": "../conflicts-of-national-interest/", "aria-current": "page"}
    ]


def test_the_latest_release_at_its_own_address_is_noindex_without_banner_or_marks():
    html = marks.mark_page(PAGE, name="p.html", place=_place("1.0.1"), releases=BOTH, has_page=HAS)
    assert '<meta name="robots" content="noindex">' in html
    assert "You are reading edition" not in html and "scholia-changed" not in html


def test_one_release_no_switcher_no_marks():
    html = marks.mark_page(PAGE, name="p.html", place=_place(None), releases=(OLD,), has_page=HAS)
    assert html == PAGE
    versioned = marks.mark_page(PAGE, name="p.html", place=_place("1.0.0"), releases=(OLD,), has_page=HAS)
    assert versioned == PAGE.replace("<head>", "<head>" + marks.NOINDEX)


def test_a_page_missing_in_a_version_links_to_that_versions_home():
    html = marks.mark_page(
        PAGE, name="p.html", place=_place(None), releases=BOTH, has_page={None: True, "1.0.0": False, "1.0.1": True}
    )
    assert "../v/1.0.0/" in [link["href"] for link in _parse(html).links]


def test_a_page_without_the_theme_places_is_an_error_naming_it():
    with pytest.raises(marks.MarkError, match=r"^odd\.html: expected one search button"):
        marks.mark_page(
            "<html><head></head><body></body></html>", name="odd.html", place=_place(None), releases=BOTH, has_page=HAS
        )


def test_values_are_escaped():
    strange = Release("1.0.0", dt.date(2026, 11, 25), "a" * 40)
    place = marks.Place(page='x"><script>/', version="1.0.0", root="../")
    html = marks.mark_page(PAGE, name="p.html", place=place, releases=(NEW, strange), has_page=HAS)
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_the_updates_page_links_each_change_to_both_readings():
    updates = PAGE.replace(
        '<p id="p3.1">Old words.</p>',
        '<h2 id="v1.0.1">Version 1.0.1</h2><ul><li><a href="../conflicts-of-national-interest/#p3.1">§ 3.1</a>'
        ' A word.</li></ul><h2 id="v1.0.0">Version 1.0.0</h2>',
    )
    html = marks.mark_page(updates, name="u.html", place=_place(None, "updates/"), releases=BOTH, has_page=HAS)
    hrefs = [link["href"] for link in _parse(html).links]
    assert hrefs[-3:] == [
        "../conflicts-of-national-interest/#p3.1",
        "../v/1.0.0/conflicts-of-national-interest/#p3.1",
        "../v/1.0.1/conflicts-of-national-interest/#p3.1",
    ]


def test_a_changed_reference_entry_is_marked_at_the_end_of_its_text():
    """A change of kind `reference` names the entry (`references.md#ref-yu1977`): its entry is marked."""
    entry = (
        '<li id="ref-yu1977" class="reference-entry"><p class="reference-text">Yu (1977).</p>'
        '<p class="reference-cited-in">Cited in</p></li>'
    )
    page = PAGE.replace('<p id="p3.1">Old words.</p>', f"<ol>{entry}</ol>")
    changed = Release("1.0.1", NEW.date, NEW.commit, (ParagraphChange("references/", "ref-yu1977", "e009"),))
    place = _place(None, "references/")
    html = marks.mark_page(page, name="r.html", place=place, releases=(changed, OLD), has_page=HAS)
    assert 'Yu (1977).<span class="scholia-changed" data-version="1.0.1">Changed in 1.0.1: ' in html
    hrefs = [link["href"] for link in _parse(html).links]
    assert hrefs[-3:] == [
        "../v/1.0.0/references/#ref-yu1977",
        "../v/1.0.1/references/#ref-yu1977",
        "../editorial-notes/#e009",
    ]
