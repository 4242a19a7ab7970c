"""The Python-Markdown side of the core: paragraph anchors by the shared grammar, one state per conversion."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from mkdocs_scholia.markdown import CitationExtension, DocumentCitations
from mkdocs_scholia.markdown.anchors import DocumentParagraphs, ParagraphAnchorExtension, label
from support import DATA

BIB = DATA / "styles.bib"

PARAGRAPHS = """\
First.
{: #p2.3 }

Inserted later.
{: #p2.3a }

Not a paragraph id.
{: #p2-3 }

Nor this.
{: #p12 }
"""


def test_paragraph_links_follow_the_grammar_by_default():
    found: list[DocumentParagraphs] = []
    extension = ParagraphAnchorExtension(on_document=found.append)
    soup = BeautifulSoup(markdown.markdown(PARAGRAPHS, extensions=["attr_list", extension]), "lxml")
    links = soup.select("a.scholia-para-link")
    assert [a["href"] for a in links] == ["#p2.3", "#p2.3a"]
    assert links[1]["aria-label"] == "Link to paragraph 2.3a"
    assert found[0].ids == ["p2.3", "p2.3a"]


def test_a_site_may_choose_another_pattern():
    extension = ParagraphAnchorExtension(pattern=r"p\d[\w.\-]*")
    soup = BeautifulSoup(markdown.markdown(PARAGRAPHS, extensions=["attr_list", extension]), "lxml")
    assert [a["href"] for a in soup.select("a.scholia-para-link")] == ["#p2.3", "#p2.3a", "#p2-3", "#p12"]
    assert soup.select_one('a[href="#p12"]')["aria-label"] == "Link to paragraph p12"  # not in the grammar: as is


def test_labels_name_paragraphs_by_the_grammar():
    assert label("p2.3") == "2.3" and label("p0.1") == "0.1" and label("p2.3a") == "2.3a"
    assert label("intro") == "intro"


def test_one_markdown_instance_converts_documents_independently():
    """Problems and citations of one conversion do not leak into the next."""
    documents: list[DocumentCitations] = []
    extension = CitationExtension(
        bibliography=[str(BIB)], on_document=documents.append, on_problem=lambda problems: None
    )
    md = markdown.Markdown(extensions=[extension])
    md.convert("Text.\n\nUnknown [@nosuchkey].\n")
    md.reset()
    second = md.convert("Known [@heinzig1998].\n")
    assert documents[0].problems == ["<markdown>:3: unknown citation key 'nosuchkey'"]
    assert documents[1].problems == [] and documents[1].keys == ["heinzig1998"]
    assert 'id="cite-1"' in second and "fn:c1" in second
