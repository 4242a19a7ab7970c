"""The citation model, piece by piece and without a build (docs-dev/citation-model.md).

The edition is one book with its editors and its version; a page is a part
of it; a page the editors wrote is theirs; the edition's pages carry the
text's abstract; the full text alone names the PDF; an organisation is one
name everywhere. Each head is also read by the model of Zotero's translators.
"""

from __future__ import annotations

import datetime
import html
import json

import pytest
from mkdocs.config.base import ValidationError
from pybtex.database import parse_string

from mkdocs_scholia.citable import abstract, exports, head_tags, jsonld
from mkdocs_scholia.citable.cite_this import EDITION, PART, Citable
from mkdocs_scholia.citable.identity import Edition, Person, person
from mkdocs_scholia.citable.page_facts import PageFacts
from mkdocs_scholia.citable.records import PageRecord
from mkdocs_scholia.citable.site import CitableError, CitableOptions, CitableSite
from mkdocs_scholia.plugins.scholia.config import PersonConfig
from mkdocs_scholia.references.coins import coins_span, without_coins
from support.zotero import Creator, Page, save

EDITORS = (person(organization="Scholia Editions"),)
TITLE = "A Study: Of Things"


def edition(**changes) -> Edition:
    values = dict(
        title=TITLE,
        authors=(Person("Jianing", "Wang", "King's College London"),),
        editors=EDITORS,
        version="1.0.1",
        date=datetime.date(2026, 12, 1),
        site_url="https://example.org/ed/",
        publisher="Scholia Editions",
        key="wang2026study",
    )
    values.update(changes)
    return Edition(**values)


ED = edition()
WHOLE = Citable(EDITION, ED.key, ED.title, ED.url(), ED)
SECTION = Citable(PART, f"{ED.key}-s2", "Personal Factors", ED.url("personal-factors/"), ED, section="2")
NOTES = Citable(PART, f"{ED.key}-notes", "Editorial notes", ED.url("notes/"), ED, by_editors=True)


def facts(item: Citable, *, full_text: bool = False, abstract_text: str | None = None) -> PageFacts:
    whole = item.kind == EDITION
    page_url = ED.url("full-text/") if full_text else item.url
    return PageFacts(
        item=item,
        url=page_url,
        title=item.title,
        description="A blurb about the page.",
        cited=(),
        keywords=(),
        fulltext_url=ED.url("full-text/") if whole else page_url,
        pdf_url=ED.url("edition.pdf") if full_text else None,
        edition_url=ED.url(),
        site_name="Site",
        record_url=ED.url("full-text/"),
        abstract=abstract_text if whole else None,
    )


def head_html(page: PageFacts) -> str:
    """The head as the package's template writes it (every attribute escaped)."""
    out = []
    for tag in head_tags.tags(page):
        value = html.escape(tag.value, quote=True)
        if tag.kind == "link":
            out.append(f'<link rel="{tag.key}" href="{value}">')
        else:
            out.append(f'<meta {tag.kind}="{tag.key}" content="{value}">')
    return f"<html lang='en'><head><title>t</title>{''.join(out)}</head><body></body></html>"


# -- who is credited, and how ------------------------------------------------------------


def test_an_organisation_is_one_name_in_every_form():
    (org,) = EDITORS
    assert (org.organization, org.family, org.given, org.name, org.harvard) == (
        True, "Scholia Editions", "", "Scholia Editions", "Scholia Editions",
    )  # fmt: skip
    assert head_tags.highwire_name(org) == "Scholia Editions,"
    assert head_tags.highwire_name(Person("Jianing", "Wang")) == "Wang, Jianing"
    bib = parse_string(exports.to_bibtex(NOTES), "bibtex")
    (entry,) = bib.entries.values()
    assert [str(p) for p in entry.persons["author"]] == ["{Scholia Editions}"]
    assert entry.fields["bookauthor"] == "Wang, Jianing"  # biblatex: the author of the book the page is in
    (csl,) = json.loads(exports.to_csl_json(NOTES))
    assert csl["author"] == csl["editor"] == [{"literal": "Scholia Editions"}]
    assert csl["container-author"] == [{"family": "Wang", "given": "Jianing"}]
    assert csl["edition"] == "Version 1.0.1"
    assert "AU  - Scholia Editions\r\n" in exports.to_ris(NOTES)


def test_person_config_takes_a_person_or_an_organisation_never_both():
    def check(values: dict) -> list:
        config = PersonConfig()
        config.load_dict(values)
        failed, _ = config.validate()
        return failed

    assert check({"organization": "Scholia Editions"}) == []
    assert check({"name": "Jianing Wang"}) == []
    (failure,) = check({"organization": "Scholia Editions", "name": "Jianing Wang"})
    assert isinstance(failure[1], ValidationError) and "organisation" in str(failure[1])
    (failure,) = check({"affiliation": "KCL"})
    assert "`organization`" in str(failure[1])


def test_harvard_orders_version_then_editors_and_names_a_chapters_editors_after_in():
    assert WHOLE.harvard_text() == (
        "Wang, J. (2026) A Study: Of Things. Version 1.0.1, 1 December 2026. Edited by Scholia Editions. "
        "Scholia Editions. Available at: https://example.org/ed/."
    )
    assert SECTION.harvard_text() == (
        "Wang, J. (2026) ‘Personal Factors’, in Scholia Editions (ed.) A Study: Of Things. "
        "Version 1.0.1, 1 December 2026. Scholia Editions, section 2. Available at: https://example.org/ed/personal-factors/."
    )
    assert NOTES.harvard_text() == (
        "Scholia Editions (2026) ‘Editorial notes’, in Wang, J., A Study: Of Things. Version 1.0.1, 1 December 2026. "
        "Edited by Scholia Editions. Scholia Editions. Available at: https://example.org/ed/notes/."
    )


# -- what Zotero saves from each kind of page -------------------------------------------------


def test_the_editions_pages_are_one_book_with_editors_version_and_abstract():
    home = save(Page.parse(head_html(facts(WHOLE, abstract_text="The abstract.")), ED.url())).item
    full = save(
        Page.parse(head_html(facts(WHOLE, full_text=True, abstract_text="The abstract.")), ED.url("full-text/"))
    ).item
    for item in (home, full):
        assert item.item_type == "book" and item.get("title") == TITLE and item.container == ""
        assert item.creators == [Creator("author", "Wang", "Jianing"), Creator("editor", "Scholia Editions")]
        assert (item.get("edition"), item.get("publisher"), item.get("date")) == (
            "Version 1.0.1",
            "Scholia Editions",
            "2026/12/01",
        )
        assert (item.get("url"), item.get("abstractNote")) == (ED.url(), "The abstract.")
        assert not item.discarded
    assert home.attachments == ["Snapshot"] and full.attachments == [f"PDF {ED.url('edition.pdf')}"]


def test_a_part_is_a_book_section_of_that_book_and_the_editors_pages_are_theirs():
    section = save(Page.parse(head_html(facts(SECTION)), SECTION.url)).item
    assert (section.item_type, section.container, section.get("edition")) == ("bookSection", TITLE, "Version 1.0.1")
    assert [str(c) for c in section.creators] == ["author: Wang, Jianing", "editor: Scholia Editions"]
    assert not section.discarded
    notes = save(Page.parse(head_html(facts(NOTES)), NOTES.url)).item
    assert [str(c) for c in notes.creators] == ["author: Scholia Editions", "editor: Scholia Editions"]


def test_json_ld_is_a_book_or_a_chapter_of_it():
    book = jsonld.jsonld(facts(WHOLE, full_text=True, abstract_text="The abstract."))
    assert (book["@type"], book["@id"], book["url"], book["bookEdition"], book["abstract"]) == (
        "Book", ED.url(), ED.url(), "Version 1.0.1", "The abstract.",
    )  # fmt: skip
    assert book["editor"] == [{"@type": "Organization", "name": "Scholia Editions"}]
    assert book["encoding"][0]["contentUrl"] == ED.url("edition.pdf")
    chapter = jsonld.jsonld(facts(NOTES))
    assert chapter["@type"] == "Chapter" and chapter["isPartOf"]["@type"] == "Book"
    assert chapter["author"] == [{"@type": "Organization", "name": "Scholia Editions"}]


# -- the abstract, the editorial pages, COinS ---------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            '<p id="p0.5"><strong>Abstract:</strong> Between <em>the</em> 1950s.<a class="x" href="#p0.5"></a></p>',
            "Between the 1950s.",
        ),
        ('<p id="p0.5">No label &amp; <span>nested <b>tags</b></span><br>end</p>', "No label & nested tagsend"),
        ('<div><p id="p0.4">Other</p><p id="p0.5">ABSTRACT — Text</p></div>', "Text"),
        ('<p id="p0.6">Elsewhere</p>', None),
    ],
)
def test_the_abstract_is_the_text_of_its_paragraph_without_its_label(markup, expected):
    assert abstract.paragraph_text(markup, "p0.5") == expected


def site_with(pages: dict[str, list[str]], **options) -> CitableSite:
    site = CitableSite(ED, CitableOptions(**options), None)
    for src, ids in pages.items():
        site.add_page(PageRecord(src, src.replace(".md", "/"), src == "index.md", src, "", None, (), paragraphs=ids))
    return site


def test_the_editions_options_must_name_pages_and_paragraphs_the_site_has():
    bodies = {"index.md": '<p id="p0.5"><strong>Abstract:</strong> The text.</p>'}
    site = site_with({"index.md": ["p0.5"], "notes.md": []}, editorial_pages=("notes.md",), abstract_paragraph="p0.5")
    site.finish_pages(bodies.get)
    assert site.abstract == "The text." and site.items.parts["notes.md"].by_editors
    with pytest.raises(CitableError, match=r"missing\.md"):
        site_with({"index.md": []}, editorial_pages=("missing.md",)).finish_pages(bodies.get)
    with pytest.raises(CitableError, match=r"p0\.9"):
        site_with({"index.md": ["p0.5"]}, abstract_paragraph="p0.9").finish_pages(bodies.get)


def test_coins_spans_can_be_taken_out_of_a_page_that_is_not_a_list_of_works():
    (entry,) = parse_string(
        "@book{a, author={Deng, Kent}, title={T}, publisher={P}, year={2011}}", "bibtex"
    ).entries.values()
    markup = f"<li>Deng, K. (2011) T. P.{coins_span(entry)}</li>"
    assert 'class="Z3988"' in markup and without_coins(markup) == "<li>Deng, K. (2011) T. P.</li>"
