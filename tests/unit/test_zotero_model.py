"""The model of Zotero's translators (tests/support/zotero.py), on small pages.

Each case is a rule of the translators' code that decides what a reader's
Zotero saves: which translator wins, and the item type, fields and creators
it makes. The site tests (tests/site/test_cited_right.py) then apply the
model to every page of the built edition.
"""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from mkdocs_scholia.references.coins import context_object, encode
from support.zotero import (
    COINS,
    DOI,
    EMBEDDED,
    UNAPI,
    Creator,
    Page,
    clean_author,
    detected,
    embedded_type,
    parse_context_object,
    save,
)

URL = "https://example.org/edition/part/"


def page(head: str, body: str = "", url: str = URL) -> Page:
    return Page.parse(
        f"<!doctype html><html lang='en'><head><title>Page</title>{head}</head><body>{body}</body></html>", url
    )


def meta(**tags: str | list[str]) -> str:
    out = []
    for name, values in tags.items():
        for value in [values] if isinstance(values, str) else values:
            out.append(f'<meta name="{name.replace("__", ".")}" content="{value}">')
    return "".join(out)


BOOK_WORKS = """
@book{a, author = {Deng, Kent}, title = {China's Political Economy}, publisher = {Routledge}, year = {2011}}
@article{b, author = {Shen, Zhihua and Li, Danhui}, title = {Structural imbalance},
  journal = {Exploration and Free Views}, number = {10}, pages = {3--11}, year = {2012}}
@incollection{c, author = {Roe, Richard}, title = {A chapter}, booktitle = {A Book}, editor = {Westad, Odd Arne},
  publisher = {Press}, year = {2005}, pages = {170--175}}
"""


def coins_titles() -> list[str]:
    data = parse_string(BOOK_WORKS, "bibtex")
    return [encode(context_object(entry)) for entry in data.entries.values()]


def coins_spans(titles: list[str]) -> str:
    return "".join(f'<span class="Z3988" title="{t}"></span>' for t in titles)


HIGHWIRE_BOOK = meta(
    citation_title="The Edition",
    citation_author="Wang, Jianing",
    citation_editor="Doe, Jane",
    citation_publication_date="2026/12/01",
    citation_publisher="Scholia Editions",
)


# -- which translator wins -------------------------------------------------------------------


def test_two_coins_spans_outrank_the_pages_own_metadata_and_offer_a_pick_list():
    found = page(HIGHWIRE_BOOK + '<meta property="og:type" content="book">', coins_spans(coins_titles()))
    assert detected(found) == {COINS: "multiple", EMBEDDED: "book"}
    saved = save(found)
    assert saved.translator == COINS and saved.pick_list
    assert [item.get("title") for item in saved.items] == [
        "China's Political Economy",
        "Structural imbalance",
        "A chapter",
    ]


def test_a_single_coins_span_is_saved_instead_of_the_page():
    saved = save(page(HIGHWIRE_BOOK, coins_spans(coins_titles()[:1])))
    assert saved.translator == COINS and not saved.pick_list
    assert saved.item.item_type == "book" and saved.item.get("title") == "China's Political Economy"


def test_unapi_outranks_coins_and_doi_ranks_last():
    found = page('<link rel="unapi-server" href="/unapi">' + HIGHWIRE_BOOK, coins_spans(coins_titles()))
    assert min(detected(found), key={UNAPI: 300, COINS: 310, EMBEDDED: 320, DOI: 400}.__getitem__) == UNAPI
    text_with_doi = page(HIGHWIRE_BOOK, "<p>https://doi.org/10.1080/07075332.2019.1620825</p>")
    assert DOI in detected(text_with_doi) and save(text_with_doi).translator == EMBEDDED


def test_a_page_without_meta_tags_or_coins_is_detected_by_nothing():
    assert detected(page("")) == {}
    assert save(page("")).translator is None


# -- item types from citation_* tags ------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (meta(citation_title="T", citation_journal_title="J"), "journalArticle"),
        (meta(citation_title="T", citation_inbook_title="B"), "bookSection"),
        # "book" is Open Graph's book prefix, so citation_book_title is read as a statement
        # book:title, never as Highwire's book-section tag: alone it types nothing.
        (meta(citation_title="T", citation_book_title="B"), "journalArticle"),
        (meta(citation_title="T", citation_dissertation_institution="U"), "thesis"),
        (meta(citation_title="T", citation_technical_report_institution="I"), "report"),
        (meta(citation_title="T", citation_conference_title="C"), "conferencePaper"),
        (meta(citation_title="T"), "journalArticle"),  # the fallback guess: an article with no journal
        (meta(citation_title="T", citation_isbn="9780000000000"), "book"),
        (
            meta(citation_title="T", citation_inbook_title="B", citation_journal_title="J"),
            "journalArticle",
        ),  # last wins
    ],
)
def test_highwire_tags_decide_the_type(tags, expected):
    assert embedded_type(page(tags)) == expected


def test_with_dublin_core_present_the_type_comes_from_rdf_unless_highwire_fixes_it():
    dc = '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' + meta(DC__title="T", DC__type="Text")
    assert embedded_type(page(meta(citation_title="T") + dc)) == "journalArticle"  # Highwire's guess first
    assert embedded_type(page(dc)) == "webpage"  # no guess: a web page (not DC.type Text's weak guess)
    og_book = '<meta property="og:type" content="book">'
    assert embedded_type(page(meta(citation_title="T") + og_book)) == "book"  # og:type book outranks the guess
    og_article = '<meta property="og:type" content="article">'
    assert embedded_type(page(meta(citation_title="T") + og_article)) == "journalArticle"
    assert embedded_type(page(meta(citation_title="T", citation_inbook_title="B") + og_book)) == "bookSection"


# -- what is saved ----------------------------------------------------------------------------


def test_a_book_keeps_publisher_edition_and_editors_and_discards_a_container():
    head = HIGHWIRE_BOOK + '<meta property="og:type" content="book"><meta name="prism.edition" content="Version 1.0.1">'
    head += meta(citation_language="en", citation_pdf_url="https://example.org/edition/e.pdf")
    item = save(page(head)).item
    assert item.item_type == "book"
    assert item.creators == [Creator("author", "Wang", "Jianing"), Creator("editor", "Doe", "Jane")]
    assert item.fields["title"] == "The Edition"
    assert item.fields["publisher"] == "Scholia Editions"
    assert item.fields["edition"] == "Version 1.0.1"
    assert item.fields["date"] == "2026/12/01"
    assert item.fields["language"] == "en"
    assert item.attachments == ["PDF https://example.org/edition/e.pdf"]
    book_with_container = save(page(head + meta(citation_journal_abbrev="Abbr"))).item
    assert book_with_container.discarded == {"journalAbbreviation": "Abbr"}


def test_a_book_section_has_its_book_as_container():
    head = meta(citation_title="Personal Factors", citation_author="Wang, Jianing", citation_editor="Doe, Jane",
                citation_inbook_title="The Edition", citation_publisher="Scholia Editions",
                citation_publication_date="2026/12/01")  # fmt: skip
    item = save(page(head)).item
    assert item.item_type == "bookSection"
    assert item.fields["bookTitle"] == item.container == "The Edition"
    assert item.fields["publisher"] == "Scholia Editions"
    assert [str(c) for c in item.creators] == ["author: Wang, Jianing", "editor: Doe, Jane"]


def test_an_article_without_journal_saves_no_container():
    item = save(page(HIGHWIRE_BOOK)).item
    assert item.item_type == "journalArticle" and item.container == ""


def test_the_abstract_is_citation_abstract_else_og_description_else_dc_description_else_the_page_description():
    dc = '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">'
    og = '<meta property="og:description" content="Open Graph blurb">'
    base = meta(citation_title="T", DC__description="DC text", description="Page blurb")
    assert (
        save(page(base + dc + og + meta(citation_abstract="The abstract"))).item.get("abstractNote") == "The abstract"
    )
    assert save(page(base + dc + og)).item.get("abstractNote") == "Open Graph blurb"
    assert save(page(base + dc)).item.get("abstractNote") == "DC text"
    assert save(page(meta(citation_title="T", description="Page blurb"))).item.get("abstractNote") == "Page blurb"


def test_the_url_is_og_url_else_the_fulltext_url_else_the_canonical_link():
    canonical = f'<link rel="canonical" href="{URL}">'
    og = '<meta property="og:url" content="https://example.org/og/">'
    fulltext = meta(citation_title="T", citation_fulltext_html_url="https://example.org/full/")
    assert save(page(fulltext + og + canonical)).item.get("url") == "https://example.org/og/"
    assert save(page(fulltext + canonical)).item.get("url") == "https://example.org/full/"
    assert save(page(meta(citation_title="T") + canonical)).item.get("url") == URL


def test_dublin_core_creators_are_authors_and_contributors_never_editors():
    dc = '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">'
    only_dc = page(dc + meta(DC__title="T", DC__creator="Wang, Jianing", DC__contributor="Doe, Jane"))
    assert [str(c) for c in save(only_dc).item.creators] == ["author: Wang, Jianing"]
    only_contributor = page(dc + meta(DC__title="T", DC__contributor="Doe, Jane"))
    assert [str(c) for c in save(only_contributor).item.creators] == ["author: Doe, Jane"]


@pytest.mark.parametrize(
    ("name", "comma", "expected"),
    [
        ("Wang, Jianing", True, ("Wang", "Jianing")),
        ("Jianing Wang", False, ("Wang", "Jianing")),
        ("Fairbank, John King", True, ("Fairbank", "John King")),
        ("Yahuda, M.B.", True, ("Yahuda", "M. B.")),
        ("Shen, ZH", True, ("Shen", "Z. H.")),
        # Highwire cannot mark a name as one field: an organisation is split like a person's name.
        ("Scholia Editions", False, ("Editions", "Scholia")),
    ],
)
def test_clean_author(name, comma, expected):
    creator = clean_author(name, "author", comma)
    assert (creator.last, creator.first) == expected


def test_coins_of_each_bibtex_type_read_back_as_the_zotero_type():
    book, article, chapter = (parse_context_object(t) for t in coins_titles())
    assert (book.item_type, book.get("publisher"), book.get("date")) == ("book", "Routledge", "2011")
    assert book.creators == [Creator("author", "Deng", "Kent")]
    assert (article.item_type, article.container, article.get("issue"), article.get("pages")) == (
        "journalArticle", "Exploration and Free Views", "10", "3-11",
    )  # fmt: skip
    assert [str(c) for c in article.creators] == ["author: Shen, Zhihua", "author: Li, Danhui"]
    assert (chapter.item_type, chapter.container, chapter.get("pages")) == ("bookSection", "A Book", "170-175")
    assert parse_context_object("ctx_ver=Z39.88-2004&rft.title=No%20format") is None
