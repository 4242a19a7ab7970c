"""The Harvard pybtex style against the CSL style ``harvard-cite-them-right``.

Both follow *Cite Them Right*; on every entry of the essay's bibliography and
of a corpus with one entry of every BibTeX type (``tests/data/csl/every-type.bib``)
their references must be the same text, except for the differences listed in
:data:`DIFFERENCES`, each with its reason (``docs-dev/styles.md`` explains
them). A difference that stops occurring is harmless (the rule simply finds
nothing); a new one fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_scholia.bib import load
from mkdocs_scholia.csl.formatter import CslStyle

REPO = Path(__file__).resolve().parents[2]
CORPORA = ["bibliography/essay.bib", "tests/data/csl/every-type.bib"]

# (pattern, replacement, reason): applied to both texts before they are compared.
DIFFERENCES = [
    (
        r"'",
        "\u2019",
        "CSL processors print the typographic apostrophe; the Harvard style keeps the one typed",
    ),
    (
        r" \[Preprint\], \((\d+)\)",
        r", no. \1",
        ("the CSL style calls a journal article without a volume a preprint and prints its issue in "
        "brackets; Cite Them Right writes 'no. 4' (the CSL style is wrong)"),
    ),
    (
        r", \((\d+)\), pp\.",
        r", no. \1, pp.",
        "an issue without a volume: '(10)' in the CSL style, 'no. 10' in Cite Them Right (the CSL style is wrong)",
    ),
    (
        r"(\d+(?:st|nd|rd|th) [a-z]+)\. ",
        r"\1 edn. ",
        ("an edition with words after its number ('2nd enlarged'): the CSL style prints it bare, "
        "Cite Them Right and the Harvard style add 'edn.' (the CSL style is wrong)"),
    ),
    (
        r" \([A-Z][^():]*\)\.$",
        ".",
        ("a book's series: the CSL style adds it in brackets after the publisher; Cite Them Right "
        "gives no series for a book, and neither does the Harvard style"),
    ),
    (
        r"\u2018([^\u2019]+)\u2019\.",
        r"\1.",
        ("the CSL style quotes the title of a type it does not list as a publication of its own "
        "(document, manuscript, pamphlet); Cite Them Right italicises such titles (the CSL style is wrong)"),
    ),
]


def normalized(text: str) -> str:
    for pattern, replacement, _ in DIFFERENCES:
        text = re.sub(pattern, replacement, text)
    return text


@pytest.mark.parametrize("corpus", CORPORA)
def test_harvard_agrees_with_cite_them_right_csl(corpus):
    bibliography = load([REPO / corpus])
    style = CslStyle("harvard-cite-them-right", bibliography.data.entries, locale="en-GB")
    disagreements = []
    for key in bibliography.keys:
        harvard, csl = bibliography.reference(key).text, style.reference(key).text
        if normalized(harvard) != normalized(csl):
            disagreements.append(f"{key}:\n  harvard: {harvard}\n  csl:     {csl}")
    assert not disagreements, "\n".join(disagreements)


def test_every_bibtex_type_is_in_the_corpus():
    text = (REPO / "tests/data/csl/every-type.bib").read_text(encoding="utf-8")
    types = set(re.findall(r"^@(\w+)\{", text, re.MULTILINE))
    assert types >= {
        "article", "book", "proceedings", "incollection", "inbook", "inproceedings", "phdthesis",
        "mastersthesis", "thesis", "techreport", "report", "misc", "online", "unpublished", "manual", "booklet",
    }  # fmt: skip


def test_in_text_citations_agree():
    bibliography = load([REPO / "bibliography/essay.bib"])
    style = CslStyle("harvard-cite-them-right", bibliography.data.entries, locale="en-GB")
    for key in bibliography.keys:
        harvard = bibliography.reference(key)
        assert (style.reference(key).names, style.reference(key).year) == (harvard.names, harvard.year), key
