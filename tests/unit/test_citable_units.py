"""The citable edition, piece by piece and without a build: references,
exports, head metadata, paragraph links and the one-page joiner, on made-up
editions with awkward characters."""

from __future__ import annotations

import datetime
import json

import jsonschema
import markdown
import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from mkdocs_scholia.citable import cited_works, exports, head_tags, jsonld
from mkdocs_scholia.citable.cite_this import EDITION, PARAGRAPH, PART, Citable
from mkdocs_scholia.citable.identity import Edition, Person, default_key
from mkdocs_scholia.citable.page_facts import PageFacts
from mkdocs_scholia.fulltext import join as joiner
from mkdocs_scholia.fulltext import pdf
from mkdocs_scholia.markdown.anchors import ParagraphAnchorExtension
from support import DATA

CSL_SCHEMA = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
AWKWARD = 'Braces {x} & 50% $5 #1 a_b ~ ^ back\\slash "quoted" <b>Mao’s</b>'


def latex_unescape(text: str) -> str:
    """The inverse of exports.latex_escape (pybtex does not decode all of these)."""
    for char, escaped in sorted(exports.LATEX_SPECIALS.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(escaped, char)
    return text


def edition(**changes) -> Edition:
    values = dict(
        title="A Study: Of Things",
        authors=(Person("Jianing", "Wang", "King's College London", "j@example.org", "0000-0002-1825-0097"),),
        editors=(),
        version="1.2.0",
        date=datetime.date(2026, 11, 25),
        site_url="https://example.org/ed/",
        publisher="Scholia Editions",
        keywords=("China", "Cold War"),
        key="wang2026study",
    )
    values.update(changes)
    return Edition(**values)


def items(ed: Edition) -> list[Citable]:
    return [
        Citable(EDITION, ed.key, ed.title, ed.url(), ed),
        Citable(PART, f"{ed.key}-s2", "Personal Factors", ed.url("personal-factors/"), ed, section="2"),
        Citable(
            PARAGRAPH, f"{ed.key}-p2.3", "Personal Factors", ed.url("personal-factors/#p2.3"), ed,
            section="2", paragraph="p2.3",
        ),
        Citable(PARAGRAPH, f"{ed.key}-p0.5", ed.title, ed.url("#p0.5"), ed, paragraph="p0.5", whole=True),
    ]


# -- Harvard -------------------------------------------------------------------------------


def test_harvard_for_the_edition_a_section_and_a_paragraph():
    whole, part, paragraph, front = (item.harvard_text() for item in items(edition()))
    assert whole == (
        "Wang, J. (2026) A Study: Of Things. Version 1.2.0, 25 November 2026. Scholia Editions. "
        "Available at: https://example.org/ed/."
    )
    assert part == (
        "Wang, J. (2026) ‘Personal Factors’, in A Study: Of Things. Version 1.2.0, 25 November 2026. "
        "Scholia Editions, section 2. Available at: https://example.org/ed/personal-factors/."
    )
    assert paragraph.endswith("Scholia Editions, para. 2.3. Available at: https://example.org/ed/personal-factors/#p2.3.")
    assert front.startswith("Wang, J. (2026) A Study: Of Things. Version 1.2.0") and "para. 0.5" in front


def test_harvard_names_editors_place_and_many_authors():
    people = tuple(Person(g, f) for g, f in [("Zhihua", "Shen"), ("Danhui", "Li"), ("Ann", "Other"), ("Bo", "Fourth")])
    assert items(edition(authors=people[:2]))[0].harvard_text().startswith("Shen, Z. and Li, D. (2026)")
    assert items(edition(authors=people[:3]))[0].harvard_text().startswith("Shen, Z., Li, D. and Other, A. (2026)")
    assert items(edition(authors=people))[0].harvard_text().startswith("Shen, Z. et al. (2026)")
    text = items(edition(editors=(Person("John King", "Fairbank"),), place="Cambridge, Mass."))[0].harvard_text()
    assert "Version 1.2.0, 25 November 2026. Edited by J.K. Fairbank. Cambridge, Mass.: Scholia Editions." in text
    doi = items(edition(doi="10.1234/abc"))
    assert doi[0].harvard_text().endswith("Available at: https://doi.org/10.1234/abc.")
    assert doi[1].harvard_text().endswith("Available at: https://example.org/ed/personal-factors/.")


def test_harvard_html_escapes_everything_and_leaves_a_slot_for_the_access_date():
    item = items(edition(title=AWKWARD))[1]
    html = item.harvard_html()
    soup = BeautifulSoup(f"<p>{html}</p>", "lxml")
    assert soup.find("b") is None  # the title's "<b>" is text
    assert soup.em.get_text() == AWKWARD
    assert soup.find("span", class_="scholia-accessed") is not None
    assert soup.a["href"] == item.url
    assert soup.get_text() == item.harvard_text()


# -- exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["A Study: Of Things", AWKWARD])
def test_bibtex_parses_back_with_pybtex(title):
    for item in items(edition(title=title, editors=(Person("Ludwig", "van Beethoven"),), place="London")):
        data = parse_string(exports.to_bibtex(item), "bibtex")
        (key,) = data.entries
        entry = data.entries[key]
        assert key == item.key
        assert entry.type == ("book" if item.book_like else "incollection")
        assert latex_unescape(entry.fields["title"].strip("{}")) == item.title
        if not item.book_like:
            assert latex_unescape(entry.fields["booktitle"][1:-1]) == title
        assert [str(p) for p in entry.persons["author"]] == ["Wang, Jianing"]
        assert [str(p) for p in entry.persons["editor"]] == ["{van Beethoven}, Ludwig"]
        assert entry.fields["year"] == "2026" and entry.fields["date"] == "2026-11-25"
        assert entry.fields["version"] == "1.2.0"
        assert entry.fields["url"] == item.url
        assert "Version 1.2.0, 25 November 2026" in entry.fields["note"]


def test_bibtex_escapes_latex_specials():
    value = exports.latex_escape("50% & $ # _ { } ~ ^ \\")
    assert value == (
        r"50\% \& \$ \# \_ \textbraceleft{} \textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )
    assert latex_unescape(value) == "50% & $ # _ { } ~ ^ \\"


@pytest.mark.parametrize("title", ["A Study: Of Things", AWKWARD])
def test_ris_parses_back_with_rispy(title):
    for item in items(edition(title=title, editors=(Person("A.", "Smith"),))):
        text = exports.to_ris(item)
        assert text.endswith("ER  - \r\n") and "\r\n" in text
        (record,) = rispy.loads(text)
        assert record["type_of_reference"] == ("BOOK" if item.book_like else "CHAP")
        assert record["authors"] == ["Wang, Jianing"]
        assert record["secondary_authors"] == ["Smith, A."]
        assert record["title"] == item.title
        assert record["urls"] == [item.url]
        assert record["year"] == "2026" and record["date"] == "2026/11/25"
        assert record["edition"] == "Version 1.2.0"
        assert record["keywords"] == ["China", "Cold War"]
        if not item.book_like:
            assert record["secondary_title"] == title


def render_with_citeproc(csl_items: list[dict]) -> list[str]:
    source = CiteProcJSON(csl_items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for data in csl_items:
        bibliography.register(Citation([CitationItem(data["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("title", ["A Study: Of Things", AWKWARD])
def test_csl_json_is_valid_and_renders_with_citeproc(title):
    for item in items(edition(title=title, editors=(Person("A.", "Smith"),), place="London", doi="10.1/x")):
        data = json.loads(exports.to_csl_json(item))
        jsonschema.Draft7Validator(CSL_SCHEMA).validate(data)
        (rendered,) = render_with_citeproc(data)
        assert rendered.startswith("Wang, J. (2026)")
        assert title in rendered
        assert (item.url if item.kind != EDITION else "https://doi.org/10.1/x") in rendered


def test_every_export_is_the_same_bytes_each_time():
    for item in items(edition()):
        for fmt in exports.FORMATS:
            assert exports.render(item, fmt) == exports.render(item, fmt)


# -- head metadata --------------------------------------------------------------------------


BIB = r"""
@article{shen2012, author = {Shen, Zhihua and Li, Danhui}, title = {Structural imbalance; the deeper reasons},
  journal = {Exploration and Free Views}, volume = {10}, number = {2}, pages = {3--11}, year = {2012},
  doi = {10.1234/abc}}
@book{heinzig1998, author = {Heinzig, Dieter}, title = {The Soviet Union and Communist China},
  publisher = {M. E. Sharpe & Co}, year = {1998}}
@incollection{c2001, author = {{Xinhua}}, title = {A Chapter}, booktitle = {A Book}, publisher = {P}, year = {2001},
  pages = {5}}
"""


def test_citation_reference_is_scholars_key_value_form():
    data = parse_string(BIB, "bibtex")
    reference = cited_works.citation_reference(data.entries["shen2012"])
    assert reference == (
        "citation_title=Structural imbalance, the deeper reasons; citation_author=Shen, Zhihua; "
        "citation_author=Li, Danhui; citation_publication_date=2012; "
        "citation_journal_title=Exploration and Free Views; citation_volume=10; citation_issue=2; "
        "citation_firstpage=3; citation_lastpage=11; citation_doi=10.1234/abc"
    )
    assert "citation_publisher=M. E. Sharpe & Co" in cited_works.citation_reference(data.entries["heinzig1998"])
    chapter = cited_works.citation_reference(data.entries["c2001"])
    assert "citation_author=Xinhua;" in chapter and "citation_inbook_title=A Book" in chapter


def test_json_ld_cannot_close_its_script_element():
    text = jsonld.script_safe_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


def test_head_tags_describe_a_part_as_a_book_section():
    ed = edition(title=AWKWARD)
    part = items(ed)[1]
    facts = PageFacts(
        item=part,
        url=part.url,
        title=part.title,
        description="A “section”.",
        cited=(),
        keywords=ed.keywords,
        fulltext_url=part.url,
        pdf_url=None,
        edition_url=ed.url(),
        site_name="Site",
    )
    tags = {(t.kind, t.key): t.value for t in head_tags.tags(facts)}
    assert tags[("name", "citation_title")] == "Personal Factors"
    assert tags[("name", "citation_inbook_title")] == AWKWARD
    assert tags[("name", "citation_author")] == "Wang, Jianing"
    assert tags[("name", "citation_author_orcid")] == "https://orcid.org/0000-0002-1825-0097"
    assert tags[("name", "citation_publication_date")] == "2026/11/25"
    assert ("name", "citation_pdf_url") not in tags
    assert tags[("property", "og:url")] == part.url
    data = jsonld.jsonld(facts)
    assert data["@type"] == "Chapter" and data["isPartOf"]["@type"] == "Book" and data["isPartOf"]["name"] == AWKWARD
    assert data["position"] == 2 and data["citation"] == []


# -- paragraph links ------------------------------------------------------------------------


def test_paragraph_links_use_the_source_ids_and_add_no_text():
    found = []
    text = "First.\n{: #p1.1 }\n\nNo id here.\n\nSecond *one*.\n{: #p1.2a }\n\nOther.\n{: #intro }\n"
    html = markdown.markdown(text, extensions=["attr_list", ParagraphAnchorExtension(on_document=found.append)])
    soup = BeautifulSoup(html, "lxml")
    links = soup.select("a.scholia-para-link")
    assert [a["href"] for a in links] == ["#p1.1", "#p1.2a"]
    assert [a["aria-label"] for a in links] == ["Link to paragraph 1.1", "Link to paragraph 1.2a"]
    assert all(a.get_text() == "" for a in links)
    assert soup.find(id="p1.1").get_text() == "First."
    assert found[0].ids == ["p1.1", "p1.2a"] and found[0].duplicates == []


def test_paragraph_ids_used_twice_are_reported():
    found = []
    anchors = ParagraphAnchorExtension(on_document=found.append)
    markdown.markdown("A.\n{: #p1.1 }\n\nB.\n{: #p1.1 }\n", extensions=["attr_list", anchors])
    assert found[0].duplicates == ["p1.1"]


# -- the one-page joiner ---------------------------------------------------------------------


class Link:
    def __init__(self, title, id, level, children=()):  # noqa: A002 - the names of MkDocs' AnchorLink
        self.title, self.id, self.level, self.children = title, id, level, list(children)


def parts() -> list[joiner.Part]:
    one = (
        '<h1 id="s1">1. One</h1>\n<p id="p1.1">Text<sup id="fnref:c1"><a class="footnote-ref" href="#fn:c1">1</a></sup>'
        ' and <a href="../two/#p2.1">a paragraph</a>, <a href="../two/">a page</a>, '
        '<a href="../img/x.png">a file</a>, <img src="../img/x.png" alt="">, <a href="https://example.org/">out</a>.</p>\n'
        '<h2 id="notes">Notes</h2>\n<div class="footnote"><ol><li id="fn:c1"><p>Ref. '
        '<a class="footnote-backref" href="#fnref:c1">&#8617;</a></p></li></ol></div>'
        '<label for="notes">x</label><!-- a comment --> &amp; &#169; <br>'
    )
    two = (
        '<h1 id="s2">2. Two</h1>\n<p id="p2.1">More<sup id="fnref:c1"><a class="footnote-ref" href="#fn:c1">1</a></sup>'
        ' and <a href="../one/#notes">back</a>.</p>\n'
        '<h2 id="notes">Notes</h2>\n<div class="footnote"><ol><li id="fn:c1"><p>Other.</p></li></ol></div>'
    )
    return [
        joiner.Part("one.md", "one/", "one", "One", one, [Link("1. One", "s1", 1, [Link("Notes", "notes", 2)])]),
        joiner.Part("two.md", "two/", "two", "Two", two, [Link("2. Two", "s2", 1, [Link("Notes", "notes", 2)])]),
    ]


def test_joined_pages_have_unique_ids_and_consistent_links():
    joined = joiner.join(parts(), full_text_url="full-text/")
    soup = BeautifulSoup(joined.html, "lxml")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    expected = {"s1", "s2", "p1.1", "p2.1", "part-one", "part-two", "one-fn:c1", "two-fn:c1", "one-notes", "two-notes"}
    assert expected <= set(ids)
    for link in soup.find_all("a", href=True):
        if link["href"].startswith("#"):
            assert link["href"][1:] in ids, link
    first = soup.find(id="p1.1")
    hrefs = [a["href"] for a in first.find_all("a")]
    assert hrefs == ["#one-fn:c1", "#p2.1", "#part-two", "../img/x.png", "https://example.org/"]
    assert first.img["src"] == "../img/x.png"
    assert soup.find(id="p2.1").find_all("a")[-1]["href"] == "#one-notes"
    assert soup.find("label")["for"] == "one-notes"
    assert [h.name for h in soup.find_all(["h1", "h2", "h3"])] == ["h2", "h3", "h2", "h3"]
    assert joined.toc == [
        joiner.Heading("1. One", "s1", 2, (joiner.Heading("Notes", "one-notes", 3),)),
        joiner.Heading("2. Two", "s2", 2, (joiner.Heading("Notes", "two-notes", 3),)),
    ]


def test_joining_keeps_untouched_markup_byte_for_byte():
    markup = '<p class="x">A &amp; B &#169; <!-- c --><br><img alt="" src="data:,"> <span hidden>h</span></p>'
    assert joiner.rewrite(markup, lambda tag, attrs: (tag, attrs)) == markup


def test_links_leaving_the_full_text_become_absolute_for_the_pdf():
    joined = joiner.join(parts(), full_text_url="full-text/", absolute_base="https://example.org/ed/")
    soup = BeautifulSoup(joined.html, "lxml")
    assert soup.find("a", string="a file")["href"] == "https://example.org/ed/img/x.png"
    assert soup.find("a", string="a paragraph")["href"] == "#p2.1"


def test_a_part_that_gives_the_title_keeps_its_headings():
    first, second = parts()
    first.demote = False
    joined = joiner.join([first, second], full_text_url="full-text/")
    soup = BeautifulSoup(joined.html, "lxml")
    assert [h.name for h in soup.find_all(["h1", "h2", "h3"])] == ["h1", "h2", "h2", "h3"]


def test_pdf_dates_come_from_source_date_epoch_or_the_edition(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert pdf.build_date(datetime.date(2026, 11, 25)).isoformat() == "2026-11-25T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert pdf.build_date(datetime.date(2026, 11, 25)).isoformat() == "2023-11-14T22:13:20+00:00"


# -- configuration ----------------------------------------------------------------------------


def test_default_citation_key():
    assert default_key((Person("Jianing", "Wang"),), "2026", "A Critical Analysis of Things") == "wang2026critical"
    assert default_key((), "2026", "The Ünïcode Title") == "anon2026unicode"
