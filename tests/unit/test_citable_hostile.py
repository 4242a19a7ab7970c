"""Hostile values never leave their field: BibTeX/RIS/CSL-JSON exports, JSON-LD, head tags and the edition's options."""

from __future__ import annotations

import datetime
import json

import pytest
import rispy
from mkdocs.config import base
from pybtex.database import parse_string

from mkdocs_scholia.citable import cited_works, exports, jsonld
from mkdocs_scholia.citable.cite_this import EDITION, PART, Citable
from mkdocs_scholia.citable.identity import Edition, Person
from mkdocs_scholia.plugins.scholia.config import EditionConfig, ScholiaConfig
from mkdocs_scholia.references import coins

BREAKOUT = "T}, note = {injected}}\n@misc{evil,\n  title = {x"
RIS_BREAKOUT = "T\r\nER  - \r\nTY  - JOUR\r\nTI  - injected"


def edition(**changes) -> Edition:
    values = dict(
        title="An edition",
        authors=(Person("Jianing", "Wang"),),
        editors=(),
        version="1.0",
        date=datetime.date(2026, 11, 25),
        site_url="https://example.org/ed/",
        key="wang2026edition",
    )
    values.update(changes)
    return Edition(**values)


def part(ed: Edition, title: str = BREAKOUT, section: str | None = "2") -> Citable:
    return Citable(PART, f"{ed.key}-s2", title, ed.url("x/"), ed, section=section)


def test_bibtex_keeps_every_value_in_its_field():
    ed = edition(title=BREAKOUT, publisher="P}\n@misc{x,", keywords=("a}, b = {c",), version="1}\n")
    for item in (Citable(EDITION, ed.key, ed.title, ed.url(), ed), part(ed)):
        text = exports.to_bibtex(item)
        data = parse_string(text, "bibtex")
        assert list(data.entries) == [item.key]  # one entry: nothing broke out
        entry = data.entries[item.key]
        assert "injected" not in entry.fields and "evil" not in data.entries
        assert "\n@" not in text.split("\n", 1)[1]  # no line starts another entry


def test_a_key_outside_the_grammar_is_never_written():
    ed = edition(key="wang}, title = {x")
    item = Citable(EDITION, ed.key, ed.title, ed.url(), ed)
    for fmt in exports.FORMATS:
        with pytest.raises(ValueError, match="not a citation key"):
            exports.render(item, fmt)


def test_ris_values_stay_on_one_line():
    ed = edition(title=RIS_BREAKOUT, publisher="P\x00\x1b\nQ")
    text = exports.to_ris(part(ed))
    (record,) = rispy.loads(text)
    assert record["secondary_title"] == "T ER - TY - JOUR TI - injected"
    assert record["publisher"] == "P Q"


def test_csl_json_is_data():
    data = json.loads(exports.to_csl_json(part(edition(title='"},{"id":"x'))))
    assert len(data) == 1 and data[0]["container-title"] == '"},{"id":"x'


def test_urls_in_bibtex_are_percent_encoded():
    ed = edition(site_url="https://example.org/a{b}\n c/")
    text = exports.to_bibtex(Citable(EDITION, ed.key, ed.title, ed.url(), ed))
    assert "{https://example.org/a%7Bb%7D%0A%20c/}," in text


BIB = r"""
@misc{bad1, author = {A, B}, title = {</script><script>alert(1)</script>}, year = {2000},
  url = {javascript:alert(1)}, doi = {10.1234/x" onmouseover="alert(1)}}
@misc{bad2, author = {A, B}, title = {T}, year = {2001}, url = {data:text/html,<script>alert(1)</script>}}
@online{bad3, author = {A, B}, title = {T}, year = {2002}, url = { JaVaScRiPt:alert(1)}}
@misc{good, author = {A, B}, title = {T}, year = {2003}, url = {https://example.org/x}, doi = {https://doi.org/10.1234/abc}}
"""


def test_only_allowed_urls_and_real_dois_are_published():
    entries = parse_string(BIB, "bibtex").entries
    for key in ("bad1", "bad2", "bad3"):
        node = cited_works.jsonld_node(entries[key])
        assert "url" not in node and "sameAs" not in node, key
        reference = cited_works.citation_reference(entries[key])
        assert "citation_doi" not in reference, key
        pairs = coins.context_object(entries[key])
        assert not [v for k, v in pairs if k in ("rft_id", "rft.identifier")], key
    good = cited_works.jsonld_node(entries["good"])
    assert good["sameAs"] == "https://doi.org/10.1234/abc"
    assert "citation_doi=10.1234/abc" in cited_works.citation_reference(entries["good"])
    assert ("rft_id", "https://example.org/x") in coins.context_object(entries["good"])


def test_script_end_inside_json_ld_stays_escaped():
    entries = parse_string(BIB, "bibtex").entries
    data = {"citation": [cited_works.jsonld_node(entries["bad1"])]}
    text = jsonld.script_safe_json(data)
    assert "</script" not in text.lower() and "<" not in text
    assert json.loads(text)["citation"][0]["name"] == "</script><script>alert(1)</script>"


def validate(config_class: type[base.Config], values: dict) -> list[str]:
    config = config_class()
    config.load_dict(values)
    failed, _ = config.validate()
    return [f"{name}: {error}" for name, error in failed]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"license": {"name": "CC BY", "url": "javascript:alert(1)"}}, "license"),
        ({"license": {"name": "CC BY", "url": "javascript://example.org/%0aalert(1)"}}, "license"),
        ({"license": {"name": "CC BY", "url": "data:text/html,x"}}, "license"),
        ({"key": "wang}, title = {x"}, "not a citation key"),
        ({"doi": "10.1234/x\" onmouseover=\"alert(1)"}, "not a DOI"),
        ({"language": "en\"><script>"}, "not a BCP 47 language tag"),
        ({"authors": [{"name": "A B", "email": "a@b.c\" onclick=\"x"}]}, "not an e-mail address"),
        ({"authors": [{"name": "A B", "orcid": "1234"}]}, "not an ORCID iD"),
        ({"version": ""}, "must not be empty"),
    ],
)
def test_the_edition_options_are_checked_against_their_grammar(change, problem):
    values = {"version": "1.0", "date": "2026-11-25", **change}
    problems = validate(EditionConfig, values)
    assert problems and problem in " ".join(problems), problems


def test_a_sound_edition_passes_and_keeps_bare_values():
    values = {
        "version": "1.0",
        "date": "2026-11-25",
        "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        "doi": "https://doi.org/10.1234/abc",
        "key": "wang2026critical",
        "language": "en-GB",
        "authors": [{"name": "Jianing Wang", "email": "j@example.org", "orcid": "https://orcid.org/0000-0002-1825-0097"}],
    }
    config = EditionConfig()
    config.load_dict(values)
    failed, _ = config.validate()
    assert failed == []
    assert config.doi == "10.1234/abc" and config.date == datetime.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"full_text": {"pdf_file": "../outside.pdf"}}, "path inside the site"),
        ({"full_text": {"pdf_file": "edition.html"}}, "ending in '.pdf'"),
        ({"cite": {"directory": "../etc"}}, "path inside the site"),
        ({"references": {"download": {"filename": "../x.bib"}}}, "plain file name ending in '.bib'"),
    ],
)
def test_paths_in_the_site_are_checked(change, problem):
    problems = validate(ScholiaConfig, {"bibliography": ["x.bib"], **change})
    assert problems and problem in " ".join(problems), problems
