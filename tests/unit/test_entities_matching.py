"""Finding mentions: the matcher on strings, and the Python-Markdown extension on real pages (no MkDocs)."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.entities.extension import DocumentMentions, EntityExtension
from mkdocs_scholia.entities.matching import EXCLUDE, FORM, INCLUDE, Matcher
from mkdocs_scholia.markdown import CitationExtension
from mkdocs_scholia.plugins.datafiles.entities import parse

REGISTRY = parse(
    textwrap.dedent(
        """\
        entities:
          - id: stalin
            kind: person
            label: Joseph Stalin
            names: [Stalin]
            description: Leader of the Soviet Union.
            wikidata: Q855
            source: given
            verified: true
          - id: taiwan
            kind: place
            label: Taiwan
            names: [Taiwan]
            description: An island.
          - id: taiwan-strait
            kind: place
            label: Taiwan Strait
            names: [Taiwan Strait]
            description: A strait.
            exclude:
              - {paragraph: p1.2, text: Taiwan Strait}
          - id: soviet-union
            kind: place
            label: Soviet Union
            names: [Soviet Union, Soviet Socialist Union]
            description: A state.
          - id: yugoslavia
            kind: place
            label: Yugoslavia
            names: [Yugoslavia]
            description: A state.
            include:
              - {paragraph: p1.1, text: the Yugoslav state}
          - id: prc
            kind: place
            label: People's Republic of China
            names: [People's Republic of China]
            description: A state.
          - id: us
            kind: place
            label: United States
            names: [US]
            description: A state.
        """
    ),
    "source/entities.yml",
)


def found(text: str, paragraph: str | None = "p9.9"):
    return [(hit.text, hit.entity, hit.rule) for hit in Matcher(REGISTRY).find(text, paragraph)]


def test_forms_match_exactly_as_written_and_as_whole_words():
    assert found("Stalin's death; stalin; STALIN; Stalinism; Stalin-era; (Stalin).") == [
        ("Stalin", "stalin", FORM),
        ("Stalin", "stalin", FORM),
        ("Stalin", "stalin", FORM),
    ]
    assert found("the US and USSR, US-led, the USA") == [("US", "us", FORM), ("US", "us", FORM)]


def test_the_longest_form_wins_where_forms_overlap():
    assert found("the Taiwan Strait and Taiwan") == [
        ("Taiwan Strait", "taiwan-strait", FORM),
        ("Taiwan", "taiwan", FORM),
    ]


def test_a_misspelt_form_from_the_copy_text_matches_as_it_stands():
    assert found("the fragmentation of the Soviet Socialist Union as it was known") == [
        ("Soviet Socialist Union", "soviet-union", FORM)
    ]


def test_a_space_in_a_form_matches_a_line_break():
    assert found("the Soviet\nUnion") == [("Soviet\nUnion", "soviet-union", FORM)]


def test_an_apostrophe_in_a_form_matches_a_typographic_one():
    assert found("the People’s Republic of China and the People's Republic of China") == [
        ("People’s Republic of China", "prc", FORM),
        ("People's Republic of China", "prc", FORM),
    ]


def test_exceptions_hold_in_their_paragraph_only():
    assert found("the Taiwan Strait", "p1.2") == [("Taiwan Strait", "taiwan-strait", EXCLUDE)]
    assert found("the Taiwan Strait", "p1.3") == [("Taiwan Strait", "taiwan-strait", FORM)]
    assert found("under the Yugoslav state", "p1.1") == [("the Yugoslav state", "yugoslavia", INCLUDE)]
    assert found("under the Yugoslav state", "p1.3") == []


def render(text: str, extra: tuple[str, ...] | list[str] = (), **options) -> tuple[BeautifulSoup, DocumentMentions]:
    documents: list[DocumentMentions] = []
    extension = EntityExtension(registry=REGISTRY, index_url="names.md", on_document=documents.append, **options)
    html = markdown.markdown(textwrap.dedent(text), extensions=["attr_list", "footnotes", *extra, extension])
    assert len(documents) == 1
    return BeautifulSoup(html, "html.parser"), documents[0]


PAGE = """\
# Stalin and the Taiwan Strait

Stalin met nobody. Stalin again, *Taiwan* in emphasis, `Stalin` in code,
[Stalin](elsewhere.md) in a link, and the Yugoslav state.[^n]
{: #p1.1 }

The Taiwan Strait here is excluded; the Soviet Union is not.
{: #p1.2 }

Stalin outside any paragraph of the essay.

> Stalin in a quotation of the essay.
{: #p1.3 }

[^n]: Stalin in a footnote.
"""


def test_the_first_mention_per_paragraph_is_a_link_and_every_mention_is_reported():
    soup, document = render(PAGE)
    links = soup.select("a.scholia-entity")
    assert [(a.get_text(), a["data-entity"], a["href"]) for a in links] == [
        ("Stalin", "stalin", "names.md#entity-stalin"),
        ("Taiwan", "taiwan", "names.md#entity-taiwan"),
        ("the Yugoslav state", "yugoslavia", "names.md#entity-yugoslavia"),
        ("Soviet Union", "soviet-union", "names.md#entity-soviet-union"),
        ("Stalin", "stalin", "names.md#entity-stalin"),
    ]
    assert all(a["class"] == ["scholia-entity", "footnote-ref"] for a in links)
    assert links[1].parent.name == "em"  # the mention stays inside its emphasis
    assert [(m.entity, m.paragraph, m.linked) for m in document.mentions] == [
        ("stalin", "p1.1", True),
        ("stalin", "p1.1", False),
        ("taiwan", "p1.1", True),
        ("yugoslavia", "p1.1", True),
        ("soviet-union", "p1.2", True),
        ("stalin", "p1.3", True),
    ]
    assert document.paragraphs == ["p1.1", "p1.2", "p1.3"]
    assert document.exceptions == {("include", "p1.1", "the Yugoslav state"), ("exclude", "p1.2", "Taiwan Strait")}
    assert document.entities == ["stalin", "taiwan", "yugoslavia", "soviet-union"]


def test_headings_code_links_notes_and_text_outside_paragraphs_are_never_touched():
    soup, _ = render(PAGE)
    assert soup.h1.select("a") == []
    assert soup.find("code").get_text() == "Stalin"
    assert soup.select_one("a[href='elsewhere.md']").get_text() == "Stalin"
    assert soup.select("div.footnote a.scholia-entity") == []
    outside = next(p for p in soup.find_all("p") if p.get_text().startswith("Stalin outside"))
    assert outside.select("a") == []


def test_the_text_reads_exactly_as_before():
    plain = BeautifulSoup(
        markdown.markdown(textwrap.dedent(PAGE), extensions=["attr_list", "footnotes"]), "html.parser"
    )
    linked, _ = render(PAGE)
    assert linked.get_text() == plain.get_text()


def test_mentions_are_found_through_typographic_quotes():
    """``smarty`` leaves its quotes in the tree as placeholders; the mention is found and the text unchanged."""
    text = "After the founding of the People's Republic of China, 'Stalin' spoke.\n{: #p1.1 }\n"
    plain = BeautifulSoup(markdown.markdown(text, extensions=["attr_list", "smarty"]), "html.parser")
    soup, document = render(text, extra=["smarty"])
    assert [(a.get_text(), a["data-entity"]) for a in soup.select("a.scholia-entity")] == [
        ("People’s Republic of China", "prc"),
        ("Stalin", "stalin"),
    ]
    assert soup.get_text() == plain.get_text()
    assert [m.entity for m in document.mentions] == ["prc", "stalin"]


def test_without_previews_or_links():
    soup, _ = render(PAGE, previews=False)
    assert all(a["class"] == ["scholia-entity"] for a in soup.select("a.scholia-entity"))
    soup, document = render(PAGE, links=False)
    assert soup.select("a.scholia-entity") == [] and len(document.mentions) == 6


def test_after_the_citation_engine_citations_stay_whole(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@book{stalin1950, author = {Stalin, Joseph}, title = {Stalin on Taiwan}, year = {1950}, publisher = {P}}\n"
    )
    documents: list[DocumentMentions] = []
    html = markdown.markdown(
        "Stalin wrote [@stalin1950, p. 3] about Taiwan, as @stalin1950 says.\n{: #p1.1 }\n",
        extensions=[
            "attr_list",
            CitationExtension(bibliography=[str(bib)]),
            EntityExtension(registry=REGISTRY, index_url="names.md", on_document=documents.append),
        ],
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [a.get_text() for a in soup.select("a.scholia-entity")] == ["Stalin", "Taiwan"]
    assert all(c.select("a.scholia-entity") == [] for c in soup.select("span.citation"))
    assert soup.select_one("div.footnote").select("a.scholia-entity") == []
    assert [m.entity for m in documents[0].mentions] == ["stalin", "taiwan"]


def test_the_extension_needs_a_registry():
    with pytest.raises(TypeError, match="needs `registry`"):
        markdown.markdown("x\n{: #p1.1 }", extensions=["attr_list", EntityExtension()])
