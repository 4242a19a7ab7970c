"""BibTeX entries (read by pybtex) to CSL-JSON: every type and field the Harvard style knows."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_string

from mkdocs_scholia.csl import markup
from mkdocs_scholia.csl.convert import TYPES, rich_text, to_csl
from mkdocs_scholia.csl.richtext import parse, plain

REPO = Path(__file__).resolve().parents[2]


def entry(source: str):
    data = parse_string(source, "bibtex")
    ((key, value),) = data.entries.items()
    return key, value


def test_incollection_is_a_chapter_with_its_book_and_editors():
    item = to_csl(*entry(
        "@incollection{f, author={Franklin, A. W.}, title={Management}, booktitle={The maltreatment of children},"
        " editor={Smith, S. M.}, address={Lancaster}, publisher={MTP}, pages={83--95}, year={2012}, edition={2}}"
    ))
    assert item["type"] == "chapter"
    assert item["container-title"] == "The maltreatment of children"
    assert item["editor"] == [{"family": "Smith", "given": "S. M."}]
    assert item["publisher-place"] == "Lancaster" and item["publisher"] == "MTP"
    assert item["page"] == "83\u201395"
    assert item["issued"] == {"date-parts": [[2012]]}
    assert item["edition"] == "2"


def test_thesis_keeps_school_type_url_and_urldate():
    item = to_csl(*entry(
        "@phdthesis{t, author={Thomas, S.}, title={Changes}, school={University of Leeds}, year={2002},"
        " url={https://example.org/t}, urldate={2026-11-25}}"
    ))
    assert item["type"] == "thesis" and item["genre"] == "PhD thesis"
    assert item["publisher"] == "University of Leeds"
    assert item["URL"] == "https://example.org/t"
    assert item["accessed"] == {"date-parts": [[2026, 11, 25]]}
    masters = to_csl(*entry("@mastersthesis{m, title={M}, school={S}, type={MPhil dissertation}}"))
    assert masters["genre"] == "MPhil dissertation"


def test_article_journal_volume_issue_doi():
    item = to_csl(*entry(
        "@article{a, author={Marku, Y.}, title={Crisis}, journal={The International History Review}, volume={42},"
        " number={4}, pages={813-832}, year={2020}, month={jun}, doi={https://doi.org/10.1080/0707}}"
    ))
    assert item["type"] == "article-journal"
    assert (item["volume"], item["issue"]) == ("42", "4")
    assert item["DOI"] == "10.1080/0707"
    assert item["issued"] == {"date-parts": [[2020, 6]]}


def test_report_online_misc_and_corporate_authors():
    report = to_csl(*entry(
        "@techreport{r, institution={{Department of Health}}, title={Equity}, year={2010},"
        " number={7}, type={White paper}}"
    ))
    assert report["type"] == "report" and report["author"] == [{"literal": "Department of Health"}]
    assert report["number"] == "7" and report["genre"] == "White paper"
    online = to_csl(*entry("@online{o, author={{BBC News}}, title={Archive}, url={https://bbc.co.uk/}, year={2026}}"))
    assert online["type"] == "webpage" and online["author"] == [{"literal": "BBC News"}]
    misc = to_csl(*entry("@misc{m, title={Leaflet}, howpublished={Printed privately}, year={n.d.}}"))
    assert misc["type"] == "document" and misc["publisher"] == "Printed privately"
    assert misc["issued"] == {"literal": "n.d."}


def test_every_bibtex_type_the_harvard_style_knows_has_a_csl_type():
    harvard_types = {
        "article", "book", "proceedings", "incollection", "inbook", "inproceedings", "phdthesis",
        "mastersthesis", "thesis", "techreport", "report", "misc", "online", "unpublished", "manual", "booklet",
    }  # fmt: skip
    assert harvard_types <= set(TYPES)
    assert to_csl(*entry("@video{v, title={A video}}"))["type"] == "document"  # unknown: a document


def test_names_particles_suffixes_and_others():
    item = to_csl(*entry("@book{b, author={van der Berg, Jan and Doe, Jr., John and Roe, J. and others}, title={T}}"))
    assert item["author"] == [
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Doe", "given": "John", "suffix": "Jr."},
        {"family": "Roe", "given": "J."},
    ]


def test_braces_protect_case_and_latex_is_decoded():
    assert rich_text("The {Soviet} {Union} and {Sino-Soviet} relations") == (
        'The <span class="nocase">Soviet</span> <span class="nocase">Union</span> and '
        '<span class="nocase">Sino-Soviet</span> relations'
    )
    assert rich_text(r"{\"U}ber \emph{more} 1960--1961") == "Über <i>more</i> 1960\u20131961"
    assert rich_text(r"Taylor \& Francis") == "Taylor &amp; Francis"


def test_markup_in_data_is_text_never_tags():
    item = to_csl(*entry(
        '@book{e, title={<script>alert("x")</script> \\& <i>not italic</i>}, publisher={<b>Bold</b>}}'
    ))
    assert "<script>" not in item["title"] and "&lt;script&gt;" in item["title"]
    parsed = parse(item["title"])
    assert markup.ITALIC[0] not in str(parsed)  # "<i>" typed in a .bib is text
    assert plain(item["title"]) == '<script>alert("x")</script> & <i>not italic</i>'


def test_private_use_characters_cannot_forge_formatting():
    forged = "A" + markup.ITALIC[0] + "B" + "\U000f0001"
    item = to_csl(*entry("@book{f, title={" + forged + "}}"))
    assert item["title"] == "AB"


def test_essay_and_style_entries_are_valid_csl_json():
    schema = json.loads((REPO / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))
    from pybtex.database import parse_file

    for name in ("bibliography/essay.bib", "tests/data/styles.bib"):
        data = parse_file(str(REPO / name))
        items = [to_csl(key, value) for key, value in data.entries.items()]
        jsonschema.validate(items, schema)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-05-02", {"date-parts": [[2019, 5, 2]]}), ("2019/2020", {"date-parts": [[2019], [2020]]})],
)
def test_biblatex_dates(value, expected):
    assert to_csl(*entry("@book{d, title={T}, date={" + value + "}}"))["issued"] == expected
