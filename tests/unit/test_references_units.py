"""COinS, the cleaned BibTeX export and "Cited in" labels, without MkDocs."""

from __future__ import annotations

import html
import urllib.parse

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from mkdocs_scholia.bib.bibliography import load
from mkdocs_scholia.markdown import CitationRecord, DocumentCitations
from mkdocs_scholia.references import bibtex as bibtex_export
from mkdocs_scholia.references import coins
from mkdocs_scholia.references.anchors import anchor_collisions
from mkdocs_scholia.references.cited_in import CitationIndex, PageInfo, base_label
from mkdocs_scholia.references.download import bibtex_download
from support import DATA


@pytest.fixture(scope="module")
def bib():
    return load([DATA / "references.bib"])


def parsed_coins(bib, key: str) -> dict[str, list[str]]:
    """The span's title as a browser would read it, parsed back with urllib."""
    span = BeautifulSoup(coins.coins_span(bib.entry(key)), "lxml").select_one("span.Z3988")
    assert span is not None and span.get_text() == ""
    return urllib.parse.parse_qs(span["title"], keep_blank_values=False, strict_parsing=True)


# -- COinS --------------------------------------------------------------------

BOOK = "info:ofi/fmt:kev:mtx:book"
JOURNAL = "info:ofi/fmt:kev:mtx:journal"


@pytest.mark.parametrize(
    ("key", "fmt", "genre", "title_key", "title", "authors", "year"),
    [
        (
            "fairbank2006", BOOK, "book", "rft.btitle", "China: a new history",
            ["Fairbank, John King", "Goldman, Merle"], "2006",
        ),
        (
            "marku2020",
            JOURNAL,
            "article",
            "rft.atitle",
            (
                "Communist relations in crisis: the end of Soviet-Albanian relations, "
                "and the Sino-Soviet split, 1960\u20131961"
            ),
            ["Marku, Ylber"],
            "2020",
        ),
        ("franklin2012", BOOK, "bookitem", "rft.atitle", "Management of the problem", ["Franklin, A. W."], "2012"),
        ("wang2015", BOOK, "bookitem", "rft.atitle", "The Sino-Soviet alliance reconsidered", ["Wang, Dong"], "2011"),
        ("lee2019", BOOK, "proceeding", "rft.atitle", "Alliances and asymmetry", ["Lee, Min"], "2019"),
        ("doh2010", BOOK, "report", "rft.btitle", "Equity and excellence: liberating the NHS", [], "2010"),
        ("leaflet1958", BOOK, "document", "rft.btitle", "Leaflet on the long-wave radio station", [], "1958"),
        (
            "muller2019", BOOK, "book", "rft.btitle", "\u00dcber \u00c5ngstr\u00f6m \u2014 and more",
            ["M\u00fcller, J\u00f6rg", "Stra\u00dfer, Ana\u00efs"], "2019",
        ),
    ],
)
def test_coins_parse_back_to_type_title_authors_and_year(bib, key, fmt, genre, title_key, title, authors, year):
    fields = parsed_coins(bib, key)
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft_val_fmt"] == [fmt]
    assert fields["rft.genre"] == [genre]
    assert fields[title_key] == [title]
    assert fields.get("rft.au", []) == authors
    assert fields["rft.date"] == [year]


def test_coins_of_a_chapter_name_the_book_and_pages(bib):
    fields = parsed_coins(bib, "franklin2012")
    assert fields["rft.btitle"] == ["The maltreatment of children"]
    assert fields["rft.pub"] == ["MTP"] and fields["rft.place"] == ["Lancaster"]
    assert (fields["rft.spage"], fields["rft.epage"], fields["rft.pages"]) == (["83"], ["95"], ["83-95"])
    assert "rft.au" in fields and fields["rft.au"] == ["Franklin, A. W."]  # the editor is not an author


def test_coins_of_an_article_carry_journal_volume_issue_and_doi(bib):
    fields = parsed_coins(bib, "marku2020")
    assert fields["rft.jtitle"] == ["The International History Review"]
    assert (fields["rft.volume"], fields["rft.issue"]) == (["42"], ["4"])
    assert fields["rft_id"] == ["info:doi/10.1080/07075332.2019.1620825"]


def test_coins_of_other_types(bib):
    thesis = parsed_coins(bib, "thomas2002")
    assert thesis["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dissertation"]
    assert thesis["rft.title"] == ["Changes in the pattern of student support"]
    assert thesis["rft.inst"] == ["University of Leeds"] and thesis["rft.degree"] == ["PhD"]
    online = parsed_coins(bib, "bbc2026")
    assert online["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:dc"]
    assert online["rft.creator"] == ["BBC News"]
    assert online["rft.identifier"] == ["https://www.bbc.co.uk/news/archive"]
    report = parsed_coins(bib, "doh2010")
    assert report["rft.aucorp"] == ["Department of Health"]


def test_coins_values_are_encoded_and_the_attribute_is_escaped(bib):
    span = coins.coins_span(bib.entry("evil2020"))
    assert "<script>" not in span and '"quotes"' not in span
    title = html.unescape(span.split('title="', 1)[1].rsplit('"', 1)[0])
    assert " " not in title and "+" not in title  # spaces and pluses are percent-encoded
    fields = urllib.parse.parse_qs(title)
    assert fields["rft.btitle"] == ['<script>alert("title")</script> & "quotes" + more']
    assert "rft_id" not in fields  # a javascript: URL is not an identifier


# -- BibTeX export ----------------------------------------------------------


def test_entry_bibtex_is_ordered_cleaned_and_parses_back(bib):
    text = bibtex_export.entry_bibtex("fairbank2006", bib.entry("fairbank2006"), ["timestamp", "supplied"])
    assert text.splitlines()[0] == "@book{fairbank2006,"
    names = [line.split("=")[0].strip() for line in text.splitlines()[1:-1]]
    assert names == ["author", "title", "edition", "address", "publisher", "year", "isbn"]
    assert "timestamp" not in text
    back = parse_string(text, "bibtex").entries["fairbank2006"]
    source = bib.entry("fairbank2006")
    assert [str(p) for p in back.persons["author"]] == [str(p) for p in source.persons["author"]]
    assert {k.lower(): v for k, v in back.fields.items()} == {
        k.lower(): v for k, v in source.fields.items() if k.lower() != "timestamp"
    }


def test_bibliography_bibtex_is_deterministic_and_keeps_latex(bib):
    keys = bib.sorted_keys(["muller2019", "evil2020", "supplied2011"])
    one = bibtex_download(bib, keys, ["supplied"], "Test @ edition", ["refs.bib"])
    two = bibtex_download(bib, list(reversed(keys)), ["supplied"], "Test @ edition", ["refs.bib"])
    assert one == two and one.endswith("}\n") and "\r" not in one
    assert "M{\\\"u}ller" in one
    assert "supplied  " not in one and "not in the received" not in one
    data = parse_string(one, "bibtex")
    assert list(data.entries) == keys  # Harvard order, no stray entry from the header's "@"


# -- "Cited in" labels --------------------------------------------------------

SECTION = PageInfo("personal-factors.md", "personal-factors/", "2. Personal Factors", section="2")


@pytest.mark.parametrize(
    ("block_id", "page", "label"),
    [
        ("p2.3", SECTION, "\u00a72\u00a0\u00b63"),
        ("p2.3a", SECTION, "\u00a72\u00a0\u00b63a"),
        ("p9.3", SECTION, "\u00a72\u00a0\u00b63"),  # the page's section: wins over the id's
        ("p4.1", PageInfo("x.md", "x/", "X"), "\u00a74\u00a0\u00b61"),
        (None, SECTION, "2. Personal Factors"),
        ("s2", SECTION, "2. Personal Factors"),
        ("fn:1", SECTION, "2. Personal Factors"),
    ],
)
def test_place_labels(block_id, page, label):
    assert base_label(block_id, page)[0] == label


def test_index_orders_places_by_navigation_and_numbers_repeats():
    other = PageInfo("conclusion.md", "conclusion/", "6. Conclusion", section="6")
    documents = {
        "conclusion.md": DocumentCitations("c", [CitationRecord("cite-1", ("a",), None, "fn:c1", 1)]),
        "personal-factors.md": DocumentCitations(
            "p",
            [
                CitationRecord("cite-1", ("a", "b"), "p2.1", "fn:c1", 1),
                CitationRecord("cite-2", ("a",), "p2.1", "fn:c2", 2),
                CitationRecord("cite-3", ("b",), "p2.2", "fn:c3", 3),
            ],
        ),
    }
    index = CitationIndex(documents, [SECTION, other])
    assert [(p.label, p.cite_id) for p in index.places("a")] == [
        ("\u00a72\u00a0\u00b61", "cite-1"),
        ("\u00a72\u00a0\u00b61 (2)", "cite-2"),
        ("6. Conclusion", "cite-1"),
    ]
    assert [p.page.src_uri for p in index.places("b")] == ["personal-factors.md"] * 2
    assert index.cited_keys() == ["a", "b"]
    assert index.keys_on("personal-factors.md") == ["a", "b"]


def test_anchor_collisions_are_reported(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "@book{shen_2006, author={S, A}, title={T}, publisher={P}, year={2006}}\n"
        "@book{shen-2006, author={S, A}, title={U}, publisher={P}, year={2006}}\n"
    )
    problems = anchor_collisions(load([path]))
    assert len(problems) == 1 and "'shen_2006', 'shen-2006'" in problems[0] and "#ref-shen-2006" in problems[0]
