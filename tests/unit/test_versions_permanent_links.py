"""The current edition's permanent link: which build has one, how "Cite this" and
every export give it beside the current address, and the deploy's check that each
permanent link resolves. No build: made-up editions, changelogs and sites."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import rispy
from pybtex.database import parse_string

from mkdocs_scholia.citable import exports
from mkdocs_scholia.citable.context import Links, page_context
from mkdocs_scholia.citable.identity import Edition, Person
from mkdocs_scholia.citable.items import make_items
from mkdocs_scholia.citable.records import PageRecord
from mkdocs_scholia.corrections.changelog import Change, Changelog
from mkdocs_scholia.corrections.changelog import Release as LoggedRelease
from mkdocs_scholia.versions import addresses, releases
from mkdocs_scholia.versions.releases import Release

SITE = "https://example.org/ed/"
PERMANENT = "https://example.org/ed/v/1.0.1/"
RECORDS = [
    PageRecord("index.md", "", True, "Home", "", None, (), ["p0.1"]),
    PageRecord("personal-factors.md", "personal-factors/", False, "Personal Factors", "", "2", (), ["p2.3"]),
]


def edition(**changes: object) -> Edition:
    values: dict = dict(
        title="A Study",
        authors=(Person("Jianing", "Wang"),),
        editors=(),
        version="1.0.1",
        date=dt.date(2026, 12, 1),
        site_url=SITE,
        key="wang2026study",
    )
    values.update(changes)
    return Edition(**values)


def changelog(*, unreleased: bool = False) -> Changelog:
    pending = (Change("correction", "A word."),) if unreleased else ()
    return Changelog(
        (
            LoggedRelease("1.0.1", dt.date(2026, 12, 1), "Corrections."),
            LoggedRelease("1.0.0", dt.date(2026, 11, 25), "First."),
        ),
        pending,
    )


# -- which build has a permanent link ------------------------------------------------


def test_a_released_build_at_the_unversioned_addresses_is_kept_under_its_version():
    assert releases.permanence(SITE, changelog()) == releases.Permanence(root=PERMANENT)
    assert releases.permanence(SITE.rstrip("/"), changelog()).root == PERMANENT


def test_unreleased_changes_mean_no_permanent_link_yet():
    assert releases.permanence(SITE, changelog(unreleased=True)) == releases.Permanence(unreleased=True)


def test_a_build_at_its_version_s_own_address_already_cites_it():
    """``mkdocs-scholia versions`` builds a release at ``…/v/1.0.1/``: no second, doubled address."""
    assert releases.permanence(PERMANENT, changelog()) == releases.Permanence()
    assert releases.address(SITE, "1.0.1") == PERMANENT


# -- "Cite this" and the exports ----------------------------------------------------------


def test_every_item_gives_its_permanent_link_beside_its_address():
    built = make_items(edition(permanent_root=PERMANENT), RECORDS, "cite")
    part = built.parts["personal-factors.md"]
    paragraph = built.paragraphs["p2.3"]
    assert built.edition.permanent_url == PERMANENT
    assert part.url == SITE + "personal-factors/" and part.permanent_url == PERMANENT + "personal-factors/"
    assert paragraph.permanent_url == PERMANENT + "personal-factors/#p2.3"
    assert built.paragraphs["p0.1"].permanent_url == PERMANENT + "#p0.1"
    for item in (built.edition, part, paragraph):
        text = item.harvard_text()
        assert f"Available at: {item.url}. Permanent link to version 1.0.1: {item.permanent_url}." in text
        html = item.harvard_html()
        assert '<span class="scholia-accessed"></span>. <span class="scholia-permanent">' in html
        assert f'<a href="{item.permanent_url}">{item.permanent_url}</a>.</span>' in html


def test_every_export_gives_both_addresses():
    paragraph = make_items(edition(permanent_root=PERMANENT), RECORDS, "cite").paragraphs["p2.3"]
    permanent = PERMANENT + "personal-factors/#p2.3"
    entry = parse_string(exports.to_bibtex(paragraph), "bibtex").entries["wang2026study-p2.3"]
    assert entry.fields["url"] == SITE + "personal-factors/#p2.3"
    assert entry.fields["note"].replace("\\#", "#").endswith(f"paragraph 2.3; permanent link: {permanent}")
    ris = rispy.loads(exports.to_ris(paragraph))[0]
    assert ris["urls"] == [SITE + "personal-factors/#p2.3", permanent]
    assert ris["notes"] == [f"Version 1.0.1, 1 December 2026, paragraph 2.3; permanent link: {permanent}"]
    csl = json.loads(exports.to_csl_json(paragraph))[0]
    assert csl["URL"] == SITE + "personal-factors/#p2.3"
    assert csl["note"] == f"Paragraph 2.3; permanent link: {permanent}"
    part = make_items(edition(permanent_root=PERMANENT), RECORDS, "cite").parts["personal-factors.md"]
    assert json.loads(exports.to_csl_json(part))[0]["note"] == f"Permanent link: {PERMANENT}personal-factors/"


def test_without_a_permanent_link_nothing_changes():
    paragraph = make_items(edition(), RECORDS, "cite").paragraphs["p2.3"]
    assert paragraph.permanent_url is None
    assert "ermanent" not in paragraph.harvard_html() + paragraph.harvard_text()
    for fmt in exports.FORMATS:
        assert "ermanent" not in exports.render(paragraph, fmt) and "/v/" not in exports.render(paragraph, fmt)
    assert json.loads(exports.to_csl_json(paragraph))[0]["note"] == "Paragraph 2.3"


def _cite(ed: Edition) -> dict:
    built = make_items(ed, RECORDS, "cite")
    record = RECORDS[1]
    return page_context(
        record,
        edition=ed,
        part=built.parts[record.src_uri],
        edition_item=built.edition,
        paragraphs=[built.paragraphs["p2.3"]],
        cited=[],
        links=Links(None, False, None, "x.pdf"),
    )["cite"]


def test_the_panel_says_when_the_text_has_unreleased_changes():
    assert _cite(edition(unreleased=True))["unreleased_since"] == "1.0.1"
    released = _cite(edition(permanent_root=PERMANENT))
    assert released["unreleased_since"] is None
    assert released["paragraphs"][0]["permanent_url"] == PERMANENT + "personal-factors/#p2.3"


# -- the deploy: every permanent link resolves -----------------------------------------------


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><head></head><body>{body}</body></html>", encoding="utf-8")


@pytest.fixture
def deploy(tmp_path: Path) -> Path:
    _page(tmp_path / "v/1.0.1/personal-factors/index.html", '<p id="p2.3">Text</p>')
    _page(tmp_path / "v/1.0.1/index.html", '<p id="p0.1">Text</p>')
    return tmp_path


RELEASES = [Release("1.0.1", dt.date(2026, 12, 1), "a" * 40)]


def test_permanent_links_that_resolve_pass(deploy):
    links = [PERMANENT + "personal-factors/#p2.3", PERMANENT + "personal-factors/", PERMANENT, PERMANENT + "#p0.1"]
    _page(deploy / "personal-factors/index.html", "".join(f'<a href="{link}">x</a>' for link in links))
    _page(deploy / "elsewhere/index.html", f'<a href="{SITE}personal-factors/">the current page</a>')
    assert addresses.unresolved(deploy, SITE, RELEASES) == []


def test_a_permanent_link_to_a_page_or_paragraph_the_release_lacks_is_reported(deploy):
    _page(
        deploy / "personal-factors/index.html",
        f'<a href="{PERMANENT}personal-factors/#p2.4">x</a><a href="{PERMANENT}index-of-names/">y</a>'
        f'<a href="{SITE}v/9.9.9/">z</a>',
    )
    assert addresses.unresolved(deploy, SITE, RELEASES) == [
        f"personal-factors/index.html: {PERMANENT}index-of-names/: not published",
        f"personal-factors/index.html: {PERMANENT}personal-factors/#p2.4: not published",
        f"personal-factors/index.html: {SITE}v/9.9.9/: not published",
    ]
