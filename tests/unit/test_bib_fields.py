"""Field values for the layers above: plain text, URLs fit to publish, DOIs; and the loader's URL warnings."""

from __future__ import annotations

import pytest
from pybtex.database import Person, parse_string

from mkdocs_scholia.bib import Bibliography, fields, load
from support import DATA


def entry(source: str):
    (only,) = parse_string(source, "bibtex").entries.values()
    return only


def test_plain_text_decodes_latex_and_collapses_blanks():
    assert fields.plain_text(r"{\"U}ber   die {DDR} --- \emph{eine}  Geschichte") == "Über die DDR — eine Geschichte"
    assert fields.plain_text("") == fields.plain_text(None) == ""
    work = entry("@book{k, title={M{\\\"u}nchen\n  1938}, year={1990}}")
    assert fields.field_text(work, "title") == "München 1938"
    assert fields.field_text(work, "publisher") == ""


def test_name_parts_are_family_given_lineage():
    person = Person(r"von Neumann, Jr., J{\'a}nos Lajos")
    assert fields.name_parts(person) == ("von Neumann", "János Lajos", "Jr.")
    assert fields.name_parts(Person("Plato")) == ("Plato", "", "")


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  http://example.org/  ", "http://example.org/"),
        ("mailto:editors@example.org", "mailto:editors@example.org"),
        ("doi:10.1234/abc", "https://doi.org/10.1234/abc"),
        ("javascript:alert(1)", ""),
        ("  JaVaScRiPt:alert(1)", ""),
        ("data:text/html;base64,AAAA", ""),
        ("vbscript:msgbox(1)", ""),
        ("//example.org/no-scheme", ""),
        ('https://example.org/"onmouseover="alert(1)', ""),
        ("https://example.org/<script>", ""),
        ("", ""),
    ],
)
def test_safe_url_publishes_only_what_rules_urls_allows(url, published):
    assert fields.safe_url(entry(f"@misc{{k, title={{T}}, url={{{url}}}}}")) == published


def test_doi_is_the_bare_name_or_nothing():
    assert fields.doi(entry("@article{k, doi={https://doi.org/10.1000/xyz.1}}")) == "10.1000/xyz.1"
    assert fields.doi(entry("@article{k, doi={doi:10.1000/xyz.1}}")) == "10.1000/xyz.1"
    assert fields.doi(entry("@article{k, doi={not a doi}}")) == ""
    assert fields.doi(entry("@article{k, title={T}}")) == ""


def test_the_loader_warns_about_every_url_that_is_not_allowed():
    loaded = load([DATA / "hostile-urls.bib"])
    url_warnings = [warning for warning in loaded.warnings if "field 'url'" in warning]
    assert [warning.split(": entry ")[1].split("'")[1] for warning in url_warnings] == [
        "jsurl2020",
        "quoted2020",
        "padded2021",
        "dataurl2022",
    ]
    first = url_warnings[0]
    assert first.startswith(f"{DATA / 'hostile-urls.bib'}:5: entry 'jsurl2020': field 'url': 'javascript:alert(1)' ")
    assert "is not an allowed URL" in first and "printed as text, never linked" in first
    long = url_warnings[3]
    assert "'data:text/html;base64," in long and "\u2026'" in long  # shortened
    assert "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjxzY3JpcHQ" not in long


def test_an_allowed_url_gives_no_warning():
    data = parse_string("@misc{k, author={A, B}, title={T}, year={2000}, url={https://example.org/}}", "bibtex")
    assert Bibliography(data, {}).warnings == []
