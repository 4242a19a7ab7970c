"""The citation extension in plain Python-Markdown: no MkDocs involved."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.bib import load
from mkdocs_scholia.markdown import CitationError, CitationExtension
from mkdocs_scholia.markdown.syntax import find_citations
from support import DATA

BIB = DATA / "styles.bib"


def convert(text: str, *extensions, **options) -> BeautifulSoup:
    extension = CitationExtension(bibliography=[str(BIB)], **options)
    html = markdown.markdown(text, extensions=[extension, *extensions])
    return BeautifulSoup(html, "lxml")


def reader_text(element) -> str:
    """What a reader sees of a citation: its text without the note number."""
    copy = BeautifulSoup(str(element), "lxml")
    for sup in copy.select("sup"):
        sup.decompose()
    return copy.get_text()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[@heinzig1998]", "(Heinzig, 1998)"),
        ("[@fairbank2006, p. 380]", "(Fairbank and Goldman, 2006, p. 380)"),
        ("[@fairbank2006, pp. 3-11]", "(Fairbank and Goldman, 2006, pp. 3\u201311)"),
        ("[see @shen2006, ch. 2; @heinzig1998]", "(see Shen and Li, 2006, ch. 2; Heinzig, 1998)"),
        ("[@shen2006; @marku2020]", "(Shen and Li, 2006; Marku, 2020)"),
        ("[-@shen2012]", "(2012)"),
        ("[-@shen2012, p. 4]", "(2012, p. 4)"),
        ("@heinzig1998", "Heinzig (1998)"),
        ("@fairbank2006 [p. 380]", "Fairbank and Goldman (2006, p. 380)"),
        ("[@smith2000b]", "(Smith et al., 2000a)"),
        ("[@three2001]", "(Smith, Jones and Brown, 2001)"),
        ("[@heinzig1998 and passim]", "(Heinzig, 1998 and passim)"),
        ("[@HEINZIG1998]", "(Heinzig, 1998)"),
    ],
)
def test_every_syntax_form(source, expected):
    soup = convert(f"Text {source} more.")
    citations = soup.select("span.citation")
    assert len(citations) == 1
    assert reader_text(citations[0]) == expected


def test_narrative_citation_ends_before_sentence_punctuation():
    soup = convert("As @heinzig1998. Then @shen2006, and @marku2020;")
    assert [reader_text(s) for s in soup.select("span.citation")] == [
        "Heinzig (1998)",
        "Shen and Li (2006)",
        "Marku (2020)",
    ]
    assert soup.p.get_text().startswith("As Heinzig (1998)1. Then")


def test_keys_with_punctuation():
    bib = BIB.parent / "keys.bib"
    extension = CitationExtension(bibliography=[str(BIB)])
    assert extension.bibliography  # loads
    found = find_citations("see @a:b.c-d_e/f, and [@x.y]")
    assert [c.keys for _, _, c in found] == [("a:b.c-d_e/f",), ("x.y",)]
    assert not bib.exists()


@pytest.mark.parametrize(
    "source",
    [
        "`[@heinzig1998]` and `@heinzig1998`",
        "```\n[@heinzig1998]\n```",
        "    @heinzig1998 in an indented code block",
        "mail jianing@heinzig1998.org",
        "<https://example.org/@heinzig1998>",
        "[a link](https://example.org/@heinzig1998)",
        "https://example.org/@heinzig1998",
        r"escaped \@heinzig1998 and \@{heinzig1998}",
        '<span title="@heinzig1998">raw HTML</span>',
        "[write to me@heinzig1998.org]",
    ],
)
def test_no_citation_in_code_urls_mail_or_escapes(source):
    soup = convert(source, "fenced_code")
    assert not soup.select("span.citation")
    assert not soup.select("div.footnote")


def test_escaped_at_prints_an_at():
    soup = convert(r"escaped \@heinzig1998")
    assert soup.p.get_text() == "escaped @heinzig1998"


def test_each_citation_links_to_its_note_and_back():
    soup = convert("First [@heinzig1998]. Second [@shen2006].")
    notes = soup.select("div.footnote li")
    assert [li["id"] for li in notes] == ["fn:c1", "fn:c2"]
    for number, citation in enumerate(soup.select("span.citation"), start=1):
        link = citation.select_one("a.citation-ref")
        marker = citation.select_one("sup a.footnote-ref")
        assert link["href"] == marker["href"] == f"#fn:c{number}"
        assert marker.get_text() == str(number)
        note = soup.find(id=f"fn:c{number}")
        back = note.select_one("a.footnote-backref")
        assert soup.find(id=back["href"][1:]) is citation.sup
    assert notes[0].select_one("span.reference").get_text().startswith("Heinzig, D. (1998) The Soviet Union")


def test_locator_goes_into_the_note():
    soup = convert("[@fairbank2006, p. 380]")
    assert soup.select_one("#fn\\:c1 span.reference").get_text().endswith("Belknap Press. Cited at p. 380.")


def test_identical_citations_share_one_note():
    soup = convert("A [@heinzig1998]. B [@heinzig1998]. C [@heinzig1998, p. 5]. D @heinzig1998.")
    notes = soup.select("div.footnote li")
    assert len(notes) == 2  # with and without the locator
    assert [s.sup.get_text() for s in soup.select("span.citation")] == ["1", "1", "2", "1"]
    assert len(notes[0].select("a.footnote-backref")) == 3
    ids = [s.sup["id"] for s in soup.select("span.citation")]
    assert len(set(ids)) == 4


def test_notes_are_numbered_in_reading_order_even_in_nested_blocks():
    text = "> quoted [@heinzig1998]\n\n- item [@shen2006]\n\nplain [@marku2020]"
    soup = convert(text)
    order = [s.select_one("a.citation-ref")["data-key"] for s in soup.select("span.citation")]
    numbers = [s.sup.get_text() for s in soup.select("span.citation")]
    assert order == ["heinzig1998", "shen2006", "marku2020"]
    assert numbers == ["1", "2", "3"]


def test_one_note_sequence_with_ordinary_footnotes():
    text = "A[^x] then [@heinzig1998] then B[^y].\n\n[^x]: First.\n[^y]: Third."
    soup = convert(text, "footnotes")
    assert len(soup.select("div.footnote")) == 1
    markers = [a.get_text() for a in soup.select("sup a.footnote-ref")]
    assert markers == ["1", "2", "3"]
    items = [li["id"] for li in soup.select("div.footnote li")]
    assert items == ["fn:x", "fn:c1", "fn:y"]


def test_citation_inside_emphasis_and_links_text_is_kept():
    soup = convert("*see [@heinzig1998]* and **@shen2006**")
    assert soup.select_one("em span.citation")
    assert soup.select_one("strong span.citation")


def test_generated_text_is_not_reinterpreted():
    soup = convert("[@muller2019]")
    assert reader_text(soup.select_one("span.citation")) == "(M\u00fcller and Stra\u00dfer, 2019)"


def test_unknown_key_fails_with_line_and_suggestion():
    text = "Line one.\n\nSee [@heinzig1999] and\n@shen2007 here.\n\nAgain [@heinzig1999]."
    with pytest.raises(CitationError) as caught:
        convert(text, source_name="docs/essay.md")
    assert caught.value.problems == [
        "docs/essay.md:3: unknown citation key 'heinzig1999'; did you mean 'heinzig1998'?",
        "docs/essay.md:4: unknown citation key 'shen2007'; did you mean 'shen2006' or 'shen2012'?",
        "docs/essay.md:6: unknown citation key 'heinzig1999'; did you mean 'heinzig1998'?",
    ]


def test_unknown_key_without_any_close_key():
    with pytest.raises(CitationError, match=r"<markdown>:1: unknown citation key 'zzzzzz'$"):
        convert("[@zzzzzz]")


def test_line_offset_accounts_for_front_matter():
    with pytest.raises(CitationError, match=r"^page.md:7: "):
        convert("[@nope]", source_name="page.md", line_offset=6)


def test_warn_mode_keeps_the_text_visible(caplog):
    soup = convert("See [@nope].", on_problem="warn")
    assert soup.select_one("span.citation-unresolved").get_text() == "[@nope]"
    assert "unknown citation key 'nope'" in caplog.text


def test_reporter_callable_and_document_records():
    documents, reported = [], []
    text = "Intro [@heinzig1998].\n{: #p1.1 }\n\nMore [@shen2006; @heinzig1998].\n{: #p1.2 }"
    convert(text, "attr_list", on_document=documents.append, on_problem=reported.extend)
    (document,) = documents
    assert [(r.cite_id, r.keys, r.block_id, r.note_id) for r in document.records] == [
        ("cite-1", ("heinzig1998",), "p1.1", "fn:c1"),
        ("cite-2", ("shen2006", "heinzig1998"), "p1.2", "fn:c2"),
    ]
    assert document.keys == ["heinzig1998", "shen2006"]
    assert reported == []


def test_notes_link_to_the_references_page():
    soup = convert("[@heinzig1998]", references_url="../references/")
    link = soup.select_one("#fn\\:c1 a.reference-link")
    assert link["href"] == "../references/#ref-heinzig1998"


def test_bib_text_is_escaped_in_text_and_notes():
    soup = convert("[@evil2020]")
    html = str(soup)
    assert "<script>" not in html and "<b>" not in html
    hostile = CitationExtension(bibliography=[str(BIB.parent / "hostile-urls.bib")])
    soup = BeautifulSoup(markdown.markdown("[@jsurl2020] [@padded2021] [@dataurl2022]", extensions=[hostile]), "lxml")
    assert "<script>" not in str(soup) and "javascript:alert(1)" in soup.get_text()
    hrefs = " ".join(a.get("href", "") for a in soup.select("a")).lower()
    assert "javascript:" not in hrefs and "data:" not in hrefs


def test_works_as_a_named_extension_with_configs():
    html = markdown.markdown(
        "[@heinzig1998]",
        extensions=["scholia.citations"],
        extension_configs={"scholia.citations": {"bibliography": [str(BIB)]}},
    )
    assert "(<a" in html and "Heinzig, 1998" in html


def test_bibliography_is_parsed_once_for_many_documents():
    bibliography = load([BIB])
    extension = CitationExtension(bibliography=bibliography)
    for _ in range(3):
        markdown.markdown("[@heinzig1998]", extensions=[extension])
    assert extension.bibliography is bibliography
    assert load([BIB]) is bibliography  # cached by content


def test_notes_go_where_the_footnotes_marker_stands():
    soup = convert("Text [@heinzig1998].\n\n///Footnotes Go Here///\n\n## Afterword\n\nEnd.")
    body = [element.name for element in soup.body.children if element.name]
    assert body == ["p", "div", "h2", "p"]
    assert "Footnotes Go Here" not in str(soup)


def test_notes_marker_without_citations_leaves_no_trace():
    soup = convert("Text.\n\n///Footnotes Go Here///\n\nEnd.")
    assert "Footnotes Go Here" not in str(soup)
    assert not soup.select("div.footnote")


def test_notes_marker_shared_with_python_markdown_footnotes():
    soup = convert("A[^x] and [@heinzig1998].\n\n///Footnotes Go Here///\n\nEnd.\n\n[^x]: Note.", "footnotes")
    body = [element.name for element in soup.body.children if element.name]
    assert body == ["p", "div", "p"]
    assert [a.get_text() for a in soup.select("sup a.footnote-ref")] == ["1", "2"]
