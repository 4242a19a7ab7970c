"""A CSL style applied to a bibliography: safe HTML, positions per page, numbers, locales, memoization."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from mkdocs_scholia.csl.engine import CiteInput
from mkdocs_scholia.csl.formatter import CslStyle

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def entries():
    return parse_file(str(DATA / "styles.bib")).entries


def cite(style, page, *keys, note=0, narrative=False, locator=""):
    cites = [CiteInput(key, locator=locator) for key in keys]
    rendered = style.cite(cites, page, note_number=note, narrative=narrative)
    return rendered.text_of(rendered.in_text), rendered.text_of(rendered.note)


HOSTILE = r"""
@book{evil2020, author = {Evil, Eve}, title = {<script>alert("title")</script> \& "quotes"},
  publisher = {<b>Bold</b>}, year = {2020}, url = {javascript:alert(1)}}
@online{quoted2020, author = {Quote, Q.}, title = {Quoted URL}, year = {2020},
  url = {https://example.org/a"onmouseover="alert(1)}}
"""


def test_hostile_fields_are_escaped_and_only_http_links(entries):
    from pybtex.database import parse_string

    hostile = dict(entries)
    hostile.update(parse_string(HOSTILE, "bibtex").entries)
    style = CslStyle("apa", hostile)
    evil = style.reference("evil2020")
    soup = BeautifulSoup(evil.html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert "<script>" in soup.get_text() and "javascript:alert(1)" in soup.get_text()
    assert not soup.find_all("a")  # javascript: is printed, never linked
    quoted = BeautifulSoup(style.reference("quoted2020").html, "html.parser")
    assert not [a for a in quoted.find_all("a") if "onmouseover" in (a.get("href") or "")]
    assert all(not a.has_attr("onmouseover") for a in quoted.find_all(True))
    article = BeautifulSoup(style.reference("marku2020").html, "html.parser")
    assert [a["href"] for a in article.find_all("a")] == ["https://doi.org/10.1080/07075332.2019.1620825"]


def test_references_and_labels(entries):
    style = CslStyle("harvard-cite-them-right", entries, locale="en-GB")
    book = style.reference("fairbank2006")
    assert book.text == (
        "Fairbank, J.K. and Goldman, M. (2006) China: a new history. 2nd edn. Cambridge, MA: Belknap Press."
    )
    assert (book.names, book.year) == ("Fairbank and Goldman", "2006")
    assert "<i>China: a new history</i>" in book.html
    supplied = style.reference("supplied2011")
    assert supplied.text.endswith("[Supplied by the editors: not in the received reference list]")
    assert '<span class="ref-supplied">' in supplied.html
    assert style.sorted_keys(["marku2020", "bbc2026", "fairbank2006"]) == ["bbc2026", "fairbank2006", "marku2020"]


def test_note_style_positions_restart_on_every_page(entries):
    style = CslStyle("chicago-shortened-notes-bibliography-subsequent-ibid", entries)
    assert style.kind == "note"
    page = style.new_page()
    short = "Heinzig, The Soviet Union and Communist China 1945–1950: The Arduous Road to the Alliance."
    assert cite(style, page, "heinzig1998", note=1) == ("", short)
    assert cite(style, page, "heinzig1998", note=2, locator="p. 5") == ("", "Ibid., 5.")
    assert cite(style, page, "marku2020", note=3)[1].startswith("Marku, “Communist Relations in Crisis")
    assert cite(style, page, "heinzig1998", note=4)[1] == short
    assert cite(style, page, "heinzig1998", note=5)[1] == "Ibid."
    again = style.new_page()  # a new page: no "Ibid." pointing to the last page
    assert cite(style, again, "heinzig1998", note=1)[1] == short
    full = CslStyle("chicago-notes-bibliography", entries)
    page = full.new_page()
    first = cite(full, page, "heinzig1998", note=1)[1]
    assert first == (
        "Dieter Heinzig, The Soviet Union and Communist China 1945–1950: The Arduous Road to the Alliance "
        "(M. E. Sharpe, 1998)."
    )
    assert cite(full, page, "marku2020", note=2)[1].startswith("Ylber Marku, “Communist Relations in Crisis")
    assert cite(full, page, "heinzig1998", note=3, narrative=True) == ("Heinzig", short)


def test_numeric_style_numbers_by_first_citation(entries):
    style = CslStyle("ieee", entries)
    assert style.kind == "numeric"
    page = style.new_page()
    assert cite(style, page, "marku2020")[0] == "[1]"
    assert cite(style, page, "heinzig1998", "marku2020")[0] == "[1], [2]"  # IEEE sorts by number
    assert cite(style, style.new_page(), "thomas2002", locator="p. 4")[0] == "[3, p. 4]"
    assert style.sorted_keys(["thomas2002", "heinzig1998", "marku2020"]) == ["marku2020", "heinzig1998", "thomas2002"]
    assert style.reference("heinzig1998").text.startswith("[2] D. Heinzig, ")
    style.reset()  # a new build numbers afresh
    assert cite(style, style.new_page(), "thomas2002")[0] == "[1]"


def test_german_locale_terms(entries):
    style = CslStyle("harvard-cite-them-right", entries, locale="de")
    assert style.locale == "de-DE"
    page = style.new_page()
    # Disambiguation considers every work of the bibliography: smith2000b ("Alpha") is 2000a.
    assert cite(style, page, "smith2000a", locator="S. 5")[0] == "(Smith u.\u00a0a., 2000b, S. 5)"
    assert cite(style, page, "fairbank2006", locator="pp. 5-7")[0] == "(Fairbank und Goldman, 2006, S. 5–7)"
    assert style.reference("bbc2026").text == (
        "BBC News (2026) Archive opens its Cold War files. Verfügbar unter: https://www.bbc.co.uk/news/archive "
        "(Zugegriffen: 25. November 2026)."
    )


def test_each_distinct_citation_is_rendered_once(entries, monkeypatch):
    style = CslStyle("chicago-author-date", entries)
    calls = []
    original = style.processor._render
    def counted(*args, **kwargs):
        calls.append(args[0].key)
        return original(*args, **kwargs)

    monkeypatch.setattr(style.processor, "_render", counted)
    page = style.new_page()
    for _ in range(50):
        cite(style, page, "heinzig1998", locator="p. 5")
        cite(style, style.new_page(), "heinzig1998", locator="p. 5")
    assert len(calls) <= 2  # first and subsequent positions, each once
