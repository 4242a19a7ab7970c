"""The edition's References page, checked on the real strict build.

Every work cited anywhere is listed once; every "Cited in" link reaches the
citation it names; every note reaches the entry of its work; anchors and the
.bib download do not change from one build to the next; COinS and the
download parse back to the bibliography's data.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter

import pytest
from pybtex.database import parse_file

from mkdocs_scholia.bib.bibliography import load
from mkdocs_scholia.bib.fields import plain_text
from support import REPO
from support.build import mkdocs_build
from support.html import html_pages, resolve, soup

REFERENCES = "references/index.html"
SECTION_HEADING = re.compile(r"^s(\d+)$")
FORMATS = {
    "article": ("info:ofi/fmt:kev:mtx:journal", "article", "rft.atitle"),
    "book": ("info:ofi/fmt:kev:mtx:book", "book", "rft.btitle"),
    "incollection": ("info:ofi/fmt:kev:mtx:book", "bookitem", "rft.atitle"),
    "inbook": ("info:ofi/fmt:kev:mtx:book", "bookitem", "rft.atitle"),
}


@pytest.fixture(scope="module")
def bib():
    return load([REPO / "bibliography" / "essay.bib"])


@pytest.fixture(scope="module")
def references_page(built_site):
    return built_site / REFERENCES


@pytest.fixture(scope="module")
def entries(references_page):
    return soup(references_page).select("ul.references > li.reference-entry")


def cited_in_text(site):
    """Every key cited by an in-text citation anywhere in the site, with its page."""
    found = {}
    for page in html_pages(site):
        if page.relative_to(site).as_posix() == REFERENCES:
            continue
        for link in soup(page).select("span.citation a.citation-ref[data-key]"):
            found.setdefault(link["data-key"], page)
    return found


def test_every_cited_work_is_listed_once_in_harvard_order(built_site, entries, bib):
    keys = [li["data-key"] for li in entries]
    duplicates = [key for key, n in Counter(keys).items() if n > 1]
    assert not duplicates, f"listed more than once: {duplicates}"
    cited = cited_in_text(built_site)
    assert set(keys) == set(cited), (
        f"cited but not listed: {sorted(set(cited) - set(keys))}; "
        f"listed but not cited: {sorted(set(keys) - set(cited))}"
    )
    assert keys == bib.sorted_keys(keys)
    ids = [li["id"] for li in entries]
    assert ids == ["ref-" + key for key in keys]  # the essay's keys are plain letters and digits


def test_works_supplied_by_the_editors_are_marked(entries, bib):
    for li in entries:
        supplied = bool(bib.entry(li["data-key"]).fields.get("supplied", "").strip())
        assert ("reference-supplied" in li["class"]) is supplied, li["data-key"]
        assert (li.select_one(".reference-text span.ref-supplied") is not None) is supplied, li["data-key"]
    assert any("reference-supplied" in li["class"] for li in entries)


def test_every_cited_in_link_reaches_the_citation(built_site, references_page, entries):
    count = 0
    for li in entries:
        links = li.select(".reference-cited-in a.reference-place")
        assert links, f"{li['data-key']} has no 'Cited in'"
        for link in links:
            target = resolve(built_site, references_page, link["href"])
            element = target.element()
            assert element is not None, f"{li['data-key']}: {link['href']} leads nowhere"
            assert element.name == "span" and "citation" in element.get("class", []), link["href"]
            assert li["data-key"] in element["data-cites"].split(), link["href"]
            count += 1
    assert count >= len(entries)


def test_cited_in_labels_name_section_and_paragraph(built_site, references_page, entries):
    for li in entries:
        for link in li.select("a.reference-place"):
            target = resolve(built_site, references_page, link["href"])
            element = target.element()
            paragraph = element.find_parent(id=True)
            page = soup(target.file)
            section = page.find("h1", id=SECTION_HEADING)
            if paragraph is not None and paragraph["id"].startswith("p") and section is not None:
                number = SECTION_HEADING.match(section["id"]).group(1)
                assert link.get_text().startswith(f"\u00a7{number}\u00a0\u00b6{paragraph['id'].split('.', 1)[1]}"), (
                    link.get_text(),
                    paragraph["id"],
                )


def test_every_citation_is_listed_under_its_works(built_site, references_page, entries):
    listed = set()
    for li in entries:
        for link in li.select("a.reference-place"):
            target = resolve(built_site, references_page, link["href"])
            listed.add((li["data-key"], target.file, target.fragment))
    missing = []
    for page in html_pages(built_site):
        for span in soup(page).select("span.citation[id][data-cites]"):
            for key in span["data-cites"].split():
                if (key, page, span["id"]) not in listed:
                    missing.append(f"{page.relative_to(built_site)}#{span['id']} ({key})")
    assert not missing, missing


def test_every_note_links_to_the_entry_of_its_work(built_site):
    checked = 0
    for page in html_pages(built_site):
        for note in soup(page).select('div.footnote li[id^="fn:c"]'):
            for reference in note.select("span.reference[data-key]"):
                link = reference.find_next_sibling("a", class_="reference-link")
                assert link is not None, f"{page}: note {note['id']} has no link to the References page"
                element = resolve(built_site, page, link["href"]).element()
                assert element is not None, f"{page}: {link['href']} leads nowhere"
                assert element.get("data-key") == reference["data-key"]
                assert link.get_text(" ", strip=True).startswith("\u2192 References")
                checked += 1
    assert checked > 0


def test_in_text_citations_point_at_their_notes(built_site):
    for page in html_pages(built_site):
        document = soup(page)
        for link in document.select("a.citation-ref"):
            assert set(link["class"]) >= {"citation-ref", "footnote-ref"}
            note = document.find(id=link["href"].lstrip("#"))
            assert note is not None and note.name == "li"
            assert link["data-key"] in [s["data-key"] for s in note.select("span.reference")]


def test_coins_parse_back_to_type_title_authors_and_year(entries, bib):
    for li in entries:
        (span,) = li.select("span.Z3988")
        fields = urllib.parse.parse_qs(span["title"], strict_parsing=True)
        entry = bib.entry(li["data-key"])
        fmt, genre, title_key = FORMATS[entry.type.lower()]
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft_val_fmt"] == [fmt] and fields["rft.genre"] == [genre], li["data-key"]
        assert fields[title_key] == [plain_text(entry.fields["title"])]
        authors = [
            plain_text(", ".join(filter(None, [
                " ".join(p.prelast_names + p.last_names), " ".join(p.first_names + p.middle_names)
            ])))
            for p in entry.persons.get("author", [])
        ]
        assert fields.get("rft.au", []) == authors, li["data-key"]
        assert fields["rft.date"] == [entry.fields["year"]]


def test_download_parses_back_to_the_listed_works(built_site, references_page, entries, bib):
    link = soup(references_page).select_one("p.references-download a[download]")
    target = resolve(built_site, references_page, link["href"])
    assert target.file == built_site / "references" / "edition.bib"
    data = parse_file(str(target.file), "bibtex")
    assert list(data.entries) == [li["data-key"] for li in entries]
    for key, entry in data.entries.items():
        original = bib.entry(key)
        assert entry.type == original.type.lower()
        kept = {k.lower(): v for k, v in original.fields.items() if k.lower() != "supplied"}
        assert {k.lower(): v for k, v in entry.fields.items()} == kept
        assert [str(p) for p in entry.persons["author"]] == [str(p) for p in original.persons["author"]]
    for li in entries:  # each entry's snippet is the download's entry
        snippet = li.select_one("details.reference-bibtex pre code").get_text()
        assert snippet in target.file.read_text(encoding="utf-8")


def test_section_pages_end_with_the_works_they_cite(built_site, bib):
    sections = 0
    for page in html_pages(built_site):
        document = soup(page)
        lists = document.select("section.scholia-page-references")
        cited = {link["data-key"] for link in document.select("span.citation a.citation-ref[data-key]")}
        is_section = document.find("h1", id=SECTION_HEADING) is not None
        if not (is_section and cited):
            assert lists == [], page
            continue
        sections += 1
        (listing,) = lists
        keys = [li["data-key"] for li in listing.select("li.reference-entry")]
        assert keys == bib.sorted_keys(cited), page
        for link in listing.select("a.reference-link"):
            element = resolve(built_site, page, link["href"]).element()
            assert element is not None and element.name == "li", link["href"]
    assert sections >= 5


def test_anchors_and_download_are_the_same_in_a_second_build(built_site, tmp_path, entries):
    again = tmp_path / "again"
    mkdocs_build(REPO / "mkdocs.yml", again)
    second = soup(again / REFERENCES).select("ul.references > li.reference-entry")
    assert [li["id"] for li in second] == [li["id"] for li in entries]
    assert [[a["href"] for a in li.select("a.reference-place")] for li in second] == [
        [a["href"] for a in li.select("a.reference-place")] for li in entries
    ]
    download = "references/edition.bib"
    assert (again / download).read_bytes() == (built_site / download).read_bytes()
