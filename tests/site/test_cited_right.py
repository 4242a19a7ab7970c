"""What a reader's Zotero saves, and what Google Scholar indexes, from every page of the built edition.

The model of Zotero's translators is tests/support/zotero.py (unit-tested in
tests/unit/test_zotero_model.py); the citation model it checks is
docs-dev/citation-model.md: the edition is one book, each page a part of it,
the full text its single scholarly record, COinS only on the References.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from support.edition import mkdocs_config
from support.zotero import COINS, EMBEDDED, Creator, Page, save

CONFIG = mkdocs_config()
SITE_URL = CONFIG["site_url"]
OPTIONS = next(p["scholia"] for p in CONFIG["plugins"] if isinstance(p, dict) and "scholia" in p)
EDITION = OPTIONS["edition"]
TITLE = EDITION["title"]
PUBLISHER = EDITION["publisher"]
VERSION = f"Version {EDITION['version']}"
DATE = EDITION["date"].strftime("%Y/%m/%d")
FULL_TEXT = SITE_URL + "full-text/"
PDF = SITE_URL + OPTIONS["full_text"]["pdf_file"]


def _creator(role: str, person: dict) -> Creator:
    """A configured person or organisation as Zotero should save it (family, given)."""
    if "organization" in person:
        return Creator(role, person["organization"])
    given, _, family = person["name"].rpartition(" ") if "name" in person else (person["given"], "", person["family"])
    return Creator(role, person.get("family", family), person.get("given", given))


AUTHOR = [_creator("author", a) for a in EDITION["authors"]]
EDITORS = [_creator("editor", e) for e in EDITION["editors"]]
EDITORS_AS_AUTHORS = [Creator("author", c.last, c.first) for c in EDITORS]

SECTIONS = {
    "introduction/": "Introduction",
    "personal-factors/": "Personal Factors",
    "conflicts-of-national-interest/": "Conflicts of National Interest",
    "ideological-conflict/": "Ideological Conflict",
    "structural-perspective/": "Structural Perspective",
    "conclusion/": "Conclusion",
}
EDITORIAL = {"editorial-notes/": "Editorial notes", "updates/": "Updates and corrections"}
EDITION_PAGES = ("", "full-text/")
EVERY_PAGE = (*EDITION_PAGES, *SECTIONS, *EDITORIAL, "references/")


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def saved(site, path: str):
    return save(Page.parse(html(site, path), SITE_URL + path))


def head(site, path: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in BeautifulSoup(html(site, path), "lxml").select("head meta[name]"):
        found.setdefault(tag["name"], []).append(tag.get("content", ""))
    return found


@pytest.fixture(scope="module")
def abstract(built_site) -> str:
    """The essay's abstract as the home page shows it (paragraph p0.5, without its label)."""
    paragraph = BeautifulSoup(html(built_site, ""), "lxml").find(id="p0.5")
    for link in paragraph.select(".scholia-para-link, .headerlink"):
        link.decompose()
    text = " ".join(paragraph.get_text(" ").split())
    return re.sub(r"^Abstract:\s*", "", text)


# -- Zotero ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EDITION_PAGES)
def test_the_edition_pages_save_the_edition_as_one_book(built_site, abstract, path):
    result = saved(built_site, path)
    assert result.translator == EMBEDDED and not result.pick_list
    item = result.item
    assert item.item_type == "book"
    assert item.get("title") == TITLE
    assert item.creators == AUTHOR + EDITORS
    assert item.container == ""
    assert (item.get("date"), item.get("publisher"), item.get("edition")) == (DATE, PUBLISHER, VERSION)
    assert item.get("url") == SITE_URL  # both pages save the same item: the edition at its address
    assert item.get("abstractNote") == abstract
    assert not item.discarded, item.discarded
    if path == "full-text/":
        assert item.attachments == [f"PDF {PDF}"]


@pytest.mark.parametrize("path", SECTIONS)
def test_each_section_saves_a_part_of_that_book(built_site, path):
    item = saved(built_site, path).item
    assert item.item_type == "bookSection"
    assert item.get("title") == SECTIONS[path]
    assert item.creators == AUTHOR + EDITORS
    assert item.container == item.get("bookTitle") == TITLE
    assert (item.get("date"), item.get("publisher"), item.get("edition")) == (DATE, PUBLISHER, VERSION)
    assert item.get("url") == SITE_URL + path
    assert not item.discarded, item.discarded


@pytest.mark.parametrize("path", EDITORIAL)
def test_the_editorial_pages_credit_the_editors(built_site, path):
    item = saved(built_site, path).item
    assert item.item_type == "bookSection"
    assert item.get("title") == EDITORIAL[path]
    assert item.creators == EDITORS_AS_AUTHORS + EDITORS
    assert all(c.last != "Wang" for c in item.creators)
    assert item.container == TITLE
    assert (item.get("date"), item.get("publisher"), item.get("edition")) == (DATE, PUBLISHER, VERSION)
    assert item.get("url") == SITE_URL + path


def test_the_references_offer_every_work_cited_and_only_they_do(built_site):
    result = saved(built_site, "references/")
    assert result.translator == COINS and result.pick_list
    titles = [item.get("title") for item in result.items]
    entries = BeautifulSoup(html(built_site, "references/"), "lxml").select("ul.references > li.reference-entry")
    assert len(titles) == len(entries) == 15
    assert "China and the Third World" in titles
    for path in EVERY_PAGE:
        if path != "references/":
            assert not saved(built_site, path).pick_list, f"/{path} offers a pick-list"
            assert 'class="Z3988"' not in html(built_site, path), f"/{path} carries COinS"


# -- Google Scholar ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_record_has_scholars_required_tags(built_site, path):
    tags = head(built_site, path)
    if "citation_title" not in tags:
        return
    assert len(tags["citation_title"]) == 1
    assert tags.get("citation_author"), f"/{path}: no citation_author"
    assert re.fullmatch(r"\d{4}(/\d{2}/\d{2})?", tags["citation_publication_date"][0])


def test_the_full_text_is_the_single_scholarly_record_with_the_pdf_on_the_same_site(built_site, abstract):
    tags = head(built_site, "full-text/")
    assert tags["citation_title"] == [TITLE]
    assert tags["citation_fulltext_html_url"] == [FULL_TEXT]
    (pdf,) = tags["citation_pdf_url"]
    site = urlsplit(SITE_URL)
    assert urlsplit(pdf).netloc == site.netloc and urlsplit(pdf).path.startswith(site.path)
    assert tags["citation_abstract"] == [abstract]
    with_pdf = [path for path in EVERY_PAGE if "citation_pdf_url" in head(built_site, path)]
    assert with_pdf == ["full-text/"]


def test_the_home_page_describes_the_same_work_and_points_to_its_record(built_site, abstract):
    tags = head(built_site, "")
    assert tags["citation_title"] == [TITLE]
    assert tags["citation_fulltext_html_url"] == [FULL_TEXT]
    assert tags["citation_abstract"] == [abstract]


@pytest.mark.parametrize("path", [*SECTIONS, *EDITORIAL])
def test_parts_describe_themselves_and_point_to_the_record(built_site, path):
    tags = head(built_site, path)
    assert tags["citation_title"] != [TITLE]
    assert tags["citation_inbook_title"] == [TITLE]
    assert tags["DCTERMS.isPartOf"] == [FULL_TEXT]
