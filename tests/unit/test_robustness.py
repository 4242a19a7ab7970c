"""Bad and hostile inputs: each gives a clear error naming file and line, or a correct, safe page.

The corpus is tests/bad_inputs/ (.bib files) and its table, cases.toml, which
says for each input which of the two it must give. Most cases run through
plain Python-Markdown (fast); tests/site/test_robustness_builds.py builds
whole MkDocs sites to check that the same errors and the same safety hold there.
"""

from __future__ import annotations

import re
import tomllib

import markdown
import pytest
from pybtex.database import parse_string

from mkdocs_scholia.bib import Bibliography, BibliographyError, load
from mkdocs_scholia.markdown import CitationError, CitationExtension
from support import TESTS
from support.html import unsafe_markup

CORPUS = TESTS / "bad_inputs"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
def convert(case: dict) -> str:
    paths = [CORPUS / name for name in case["bib"]]
    extension = CitationExtension(bibliography=[str(p) for p in paths], source_name="page.md")
    return markdown.markdown(case["page"], extensions=["footnotes", "attr_list", extension])


def test_the_corpus_has_at_least_thirty_cases_and_every_file_is_used():
    assert len(CASES) >= 30
    used = {name for case in CASES for name in case["bib"]}
    assert used == {path.name for path in CORPUS.glob("*.bib")}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(case):
    if case["expect"] == "error":
        with pytest.raises((BibliographyError, CitationError)) as raised:
            convert(case)
        message = str(raised.value)
        for expected in case["message"]:
            assert expected in message, f"{expected!r} not in {message!r}"
        assert re.search(r"\.(bib|md):\d+", message), f"no file:line in {message!r}"
        return
    assert case["expect"] == "page"
    page = convert(case)
    assert unsafe_markup(page) == []
    # Quotes in text may be written as character references (the notes
    # carry pybtex's escaped output as it is): the same text either way.
    shown = page.replace("&#x27;", "'").replace("&quot;", '"')
    for expected in case.get("contains", []):
        assert expected in page or expected in shown, f"{expected!r} not in page"
    for forbidden in case.get("absent", []):
        assert forbidden not in page, f"{forbidden!r} in page"
    if "warnings" in case:
        bibliography = load([str(CORPUS / name) for name in case["bib"]])
        assert len(bibliography.warnings) == len(case["warnings"])
        for warning, expected in zip(bibliography.warnings, case["warnings"], strict=True):
            assert warning.endswith(expected) or expected in warning


def test_thesis_and_report_without_type_field_are_formatted():
    """Regression: ``first_of[field("type"), ...]`` raised FieldIsMissing when ``type`` was absent."""
    data = parse_string(
        "@phdthesis{a, author={Smith, John}, title={T}, school={Oxford}, year={1990}}\n"
        "@techreport{b, author={Smith, Jane}, title={R}, institution={RAND}, number={R-12}, year={1991}}\n"
        "@mastersthesis{c, author={Doe, Jo}, title={M}, school={York}, year={1992}, type={MPhil thesis}}\n",
        "bibtex",
    )
    bibliography = Bibliography(data, {})
    assert bibliography.reference("a").text == "Smith, J. (1990) T. PhD thesis. Oxford."
    assert bibliography.reference("b").text == "Smith, J. (1991) R. Report R-12. RAND."
    assert bibliography.reference("c").text == "Doe, J. (1992) M. MPhil thesis. York."


def test_unknown_entry_type_is_formatted_as_misc():
    """Regression: pybtex asked the style for ``format_video`` and failed with an AttributeError."""
    data = parse_string("@video{v, author={Smith, Jane}, title={R}, year={1991}, howpublished={Broadcast}}", "bibtex")
    assert Bibliography(data, {}).reference("v").text == "Smith, J. (1991) R. Broadcast."


def test_crossref_fields_and_editors_come_from_the_parent():
    """Regression: the chapter lost its book, editor and year (pybtex resolves crossref only with the database)."""
    data = parse_string(
        "@incollection{c, author={Doe, Jo}, title={Ch}, crossref={d}, pages={1--2}}\n"
        "@book{d, editor={Ward, Ed}, title={The Book}, publisher={Pub}, year={2000}}\n",
        "bibtex",
    )
    bibliography = Bibliography(data, {})
    assert bibliography.warnings == []
    assert bibliography.reference("c").text == "Doe, J. (2000) ‘Ch’, in E. Ward (ed.) The Book. Pub, pp. 1–2."


def test_latex_spacing_commands_are_spaces_not_punctuation():
    """Regression: ``pp.\\,3`` printed as "pp.,3" (``\\,`` was read as an escaped comma)."""
    data = parse_string(
        r"@book{s, author={Smith, John}, title={Vol.\,2 of\ three, a\;b and c\!d}, publisher={P}, year={2000}}",
        "bibtex",
    )
    assert Bibliography(data, {}).reference("s").text == "Smith, J. (2000) Vol.\u20092 of three, a b and cd. P."


def test_a_name_part_that_is_not_latex_is_an_error_naming_the_entry(tmp_path):
    """Found by fuzzing: 'Doe, \\,' is valid as a whole but its surname alone ('\\') is not."""
    bib = tmp_path / "refs.bib"
    text = "@book{k,\n  author = {\\, Doe},\n  title = {T},\n  publisher = {P},\n  year = {2000}\n}\n"
    bib.write_text(text, encoding="utf-8")
    with pytest.raises(BibliographyError) as raised:
        load([str(bib)])
    assert "refs.bib:1: entry 'k', field 'author': not valid LaTeX" in str(raised.value)
