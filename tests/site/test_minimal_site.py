"""A site outside this repository, with nothing but the package: every feature is there.

The site's mkdocs.yml names the site, its URL and repository, `theme:
material` and the two plugins with an `edition:`; there is no `overrides/`,
no `extra_css`, no `extra_javascript`, no copied template. Its two pages cite
a small .bib. The package's own templates and assets must give: citations
with their notes, the References page with "Cited in", "Cite this" with the
Harvard reference and the BibTeX, RIS and CSL-JSON exports, the `citation_*`
head tags and JSON-LD, and the corrections box.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from pathlib import Path

import pytest
import rispy
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from support import REPO
from support.build import mkdocs_build, write_site
from support.html import page_soup

MKDOCS_YML = """\
site_name: A minimal edition
site_url: https://example.org/minimal/
repo_url: https://github.com/example/minimal
theme: material
plugins:
  - scholia:
      bibliography: [works.bib]
      full_text: {pdf: false}
      edition:
        authors: [{name: Ada Lovelace, affiliation: Analytical Society}]
        version: "1.0.0"
        date: 2026-11-25
        publisher: Minimal Editions
  - scholia-corrections
"""

WORKS = r"""
@book{heinzig1998, author = {Heinzig, Dieter}, title = {The Soviet Union and Communist China 1945--1950},
  publisher = {Routledge}, address = {London}, year = {1998}}
@article{shen2012, author = {Shen, Zhihua and Li, Danhui}, title = {Structural imbalance},
  journal = {Exploration and Free Views}, number = {10}, pages = {3--11}, year = {2012}}
"""

INDEX = """---
title: A minimal edition
description: "A site with only the package, to show that every feature comes with it."
---

# A minimal edition

The split began early [@heinzig1998, p. 5], and the reasons were structural [@shen2012].
"""

REFERENCES = """---
title: References
description: "Every work cited in the minimal edition, in Harvard order."
---

# References

<!-- scholia:references -->
"""

CHANGELOG = """\
unreleased: []
releases:
  - version: 1.0.0
    date: 2026-11-25
    summary: First edition.
    changes: []
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("minimal")
    assert REPO not in root.parents
    pages = {"index.md": INDEX, "references.md": REFERENCES}
    write_site(root, config=MKDOCS_YML, pages=pages, bib=WORKS, bib_name="works.bib")
    (root / "source").mkdir()
    (root / "source" / "changelog.yml").write_text(CHANGELOG, encoding="utf-8")
    forms = root / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    shutil.copy(REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml", forms / "correction.yml")
    out = root / "site"
    mkdocs_build(root / "mkdocs.yml", out)
    return out


def page(site: Path, name: str = "") -> BeautifulSoup:
    return page_soup(site, name)


def test_citations_have_their_notes(site):
    home = page(site)
    citations = home.select("span.citation")
    assert [c["data-cites"] for c in citations] == ["heinzig1998", "shen2012"]
    for citation in citations:
        note = home.find(id=citation.select_one("a.footnote-ref")["href"][1:])
        assert note is not None and note.name == "li"
    assert "The Soviet Union and Communist China" in home.find(id="fn:c1").get_text()


def test_the_references_page_says_where_each_work_is_cited(site):
    references = page(site, "references")
    entries = references.select("ul.references > li.reference-entry")
    assert [li["id"] for li in entries] == ["ref-heinzig1998", "ref-shen2012"]
    for entry in entries:
        (place,) = entry.select(".reference-cited-in a.reference-place")
        target = urllib.parse.urljoin("/references/", place["href"])
        assert target.startswith("/#cite-")
        assert page(site).find(id=target.split("#")[1]) is not None
    assert (site / "references" / "edition.bib").is_file()


def test_cite_this_gives_harvard_bibtex_ris_and_csl_json(site):
    home = page(site)
    panel = home.select_one("aside.scholia-cite")
    assert panel is not None and home.select_one("a.scholia-action[data-scholia-open-cite]") is not None
    (item,) = panel.select(".scholia-cite__item[data-cite-kind=edition]")
    reference = " ".join(item.select_one(".scholia-cite__reference").get_text().split())
    assert reference.startswith("Lovelace, A. (2026) A minimal edition. Version 1.0.0, 25 November 2026.")
    formats = {li["data-format"]: li for li in item.select("li.scholia-cite__format")}
    assert list(formats) == ["bibtex", "ris", "csl"]
    files = {fmt: site / li.select_one("a.scholia-download")["href"] for fmt, li in formats.items()}
    bibtex = parse_string(files["bibtex"].read_text(encoding="utf-8"), "bibtex")
    assert [str(p) for entry in bibtex.entries.values() for p in entry.persons["author"]] == ["Lovelace, Ada"]
    (record,) = rispy.loads(files["ris"].read_text(encoding="utf-8"))
    assert record["title"] == "A minimal edition"
    (csl,) = json.loads(files["csl"].read_text(encoding="utf-8"))
    assert csl["URL"] == "https://example.org/minimal/"
    # the panel's own copy of each export is the file
    for fmt, li in formats.items():
        exported = files[fmt].read_text(encoding="utf-8").replace("\r\n", "\n")
        assert li.select_one(".scholia-cite__source").get_text() == exported


def test_head_tags_and_json_ld(site):
    home = page(site)
    metas = {m["name"]: m["content"] for m in home.find_all("meta", attrs={"name": True})}
    assert metas["citation_title"] == "A minimal edition"
    assert metas["citation_author"] == "Lovelace, Ada"
    assert metas["citation_publication_date"] == "2026/11/25"
    assert len(home.find_all("meta", attrs={"name": "citation_reference"})) == 2
    (script,) = home.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "Book" and data["version"] == "1.0.0"  # the edition is a book (docs-dev/citation-model.md)
    assert [work["name"] for work in data["citation"]] == [
        "The Soviet Union and Communist China 1945\u20131950",
        "Structural imbalance",
    ]


def test_the_corrections_box_ends_every_page(site):
    for name in ("", "references"):
        box = page(site, name).select_one("aside.corrections")
        assert box is not None, name
        assert box.select_one("a.corrections-edit")["href"].startswith("https://github.com/example/minimal/edit/")
        assert box.select_one("a.corrections-report")["href"].startswith("https://github.com/example/minimal/issues/new")


def test_the_package_brings_its_own_css_and_js(site):
    home = page(site)
    styles = [link["href"] for link in home.find_all("link", rel="stylesheet")]
    scripts = [script["src"] for script in home.find_all("script", src=True)]
    for wanted in ("assets/scholia/references.css", "assets/scholia/scholia-cite.css", "assets/scholia/a11y.css"):
        assert any(href.endswith(wanted) for href in styles), wanted
        assert (site / wanted).is_file()
    for wanted in ("assets/scholia/scholia-cite.js", "assets/scholia/previews.js", "assets/scholia/a11y.js"):
        assert any(src.endswith(wanted) for src in scripts), wanted
        assert (site / wanted).is_file()
