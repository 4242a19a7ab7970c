"""What a site built from ``mkdocs-scholia new`` must show, shared by the scaffold's site and wheel tests.

The example edition's first section cites four works in every citation form;
its site must have the citations with their notes, the References page with
"Cited in", "Cite this" with the Harvard reference and the BibTeX, RIS and
CSL-JSON files, the head metadata (``citation_*`` and JSON-LD), the
corrections box on every page, and the apparatus page when it was asked for.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

from bs4 import BeautifulSoup

from support.html import page_soup

TITLE = "On “Things” & <Stuff>: an Essay"
AUTHOR = "Ada Lovelace"
GITHUB = "example-editors/my-essay"
CITED = ["kuhn1962", "hardin1968", "anderson1983", "kuhn1962", "geertz1973", "hardin1968", "anderson1983"]


def new_arguments(folder: Path, *extra: str) -> list[str]:
    """The arguments of ``mkdocs-scholia new`` for the example edition."""
    return [
        "new",
        str(folder),
        "--title",
        TITLE,
        "--author",
        AUTHOR,
        "--github",
        GITHUB,
        "--date",
        "2026-12-01",
        *extra,
    ]


def page(site: Path, name: str = "") -> BeautifulSoup:
    return page_soup(site, name)


def assert_edition_features(site: Path, *, apparatus: bool, pdf: bool) -> None:
    home, section, references = page(site), page(site, "introduction"), page(site, "references")

    # the title, escaped wherever it is printed
    assert home.title is not None and home.title.get_text().startswith(TITLE)
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert "<Stuff>" not in raw, "the title is printed unescaped somewhere"

    # citations, each with its note
    citations = section.select("span.citation")
    keys = [key for citation in citations for key in citation["data-cites"].split()]
    assert keys == CITED, keys
    texts = [" ".join(citation.get_text().split()) for citation in citations]
    assert texts[:2] == ["(Kuhn, 1962)1", "(Hardin, 1968, p. 1244)2"], texts
    assert texts[3].startswith("Geertz (1973)") and texts[5].startswith("(1983)"), texts
    for citation in citations:
        note = section.find(id=citation.select_one("a.footnote-ref")["href"][1:])
        assert note is not None and note.name == "li"
    assert "The structure of scientific revolutions" in section.find(id="fn:c1").get_text()

    # the References page, with "Cited in"
    entries = references.select("ul.references > li.reference-entry")
    assert [li["id"] for li in entries] == ["ref-anderson1983", "ref-geertz1973", "ref-hardin1968", "ref-kuhn1962"]
    for entry in entries:
        places = entry.select(".reference-cited-in a.reference-place")
        assert places, entry["id"]
        for place in places:
            target = urllib.parse.urljoin("/references/", place["href"])
            path, _, anchor = target.partition("#")
            assert page(site, path.strip("/")).find(id=anchor) is not None, target

    # "Cite this": the Harvard reference and the BibTeX, RIS and CSL-JSON files
    panel = section.select_one("aside.scholia-cite")
    assert panel is not None, "no Cite this panel"
    (item,) = panel.select(".scholia-cite__item[data-cite-kind=edition]")
    reference = " ".join(item.select_one(".scholia-cite__reference").get_text().split())
    assert reference.startswith("Lovelace, A. (2026)") and "Version 0.1.0" in reference, reference
    formats = {li["data-format"]: li for li in item.select("li.scholia-cite__format")}
    assert list(formats) == ["bibtex", "ris", "csl"]
    for li in formats.values():
        assert (site / "introduction" / li.select_one("a.scholia-download")["href"]).resolve().is_file()

    # head metadata
    metas = {m["name"]: m["content"] for m in section.find_all("meta", attrs={"name": True})}
    assert metas["citation_author"] == "Lovelace, Ada"
    assert metas["citation_publication_date"] == "2026/12/01"
    assert len(section.find_all("meta", attrs={"name": "citation_reference"})) == 4
    (script,) = section.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["version"] == "0.1.0" and len(data["citation"]) == 4

    # the corrections box on every page
    for name in ("", "introduction", "references", "updates"):
        box = page(site, name).select_one("aside.corrections")
        assert box is not None, f"no corrections box on /{name}"
        assert box.select_one("a.corrections-edit")["href"].startswith(f"https://github.com/{GITHUB}/edit/main/")
        assert box.select_one("a.corrections-report")["href"].startswith(f"https://github.com/{GITHUB}/issues/new")

    # the apparatus page, when asked for; the PDF, when asked for
    notes = site / "editorial-notes" / "index.html"
    assert notes.is_file() == apparatus
    if apparatus:
        assert page(site, "editorial-notes").h1.get_text().startswith("Editorial notes")
    pdf_file = site / "my-essay.pdf"
    assert pdf_file.is_file() == pdf
    if pdf:
        assert pdf_file.read_bytes().startswith(b"%PDF-")
