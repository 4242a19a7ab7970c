"""Bad and hostile inputs: each gives a clear error naming file and line, or a correct, safe page."""

from __future__ import annotations

from pybtex.database import parse_string

from scholia.bibliography import Bibliography


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
    assert bibliography.reference("c").text == "Doe, J. (2000) ‘Ch’, in Ward, E. (ed.) The Book. Pub, pp. 1–2."
