"""The citable edition on small throwaway sites (the package's own templates,
no overrides): escaping of hostile metadata, the PDF switch and the PDF's
reproducibility, and the errors a build must stop on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from support.build import mkdocs_build, write_site
from support.html import soup

BIB = r"""
@book{heinzig1998, author = {Heinzig, Dieter}, title = {The Soviet Union and Communist China 1945--1950},
  publisher = {Routledge}, year = {1998}}
@article{shen2012, author = {Shen, Zhihua and Li, Danhui}, title = {Structural imbalance},
  journal = {Exploration and Free Views}, number = {10}, pages = {3--11}, year = {2012}}
"""

HOSTILE = 'A "Quoted" <Title> & Co\'s </script>'

HOME = """---
title: Home
description: "The home page of a small edition, with a \\"quote\\", an <em>element</em> & an ampersand."
---

# The essay {#title}

The author.
{: #p0.1 }
"""

ONE = """---
title: "1. First section"
description: "The first section, which cites two works and has a footnote too, to test notes."
section: 1
---

# 1. First section {#s1}

First paragraph [@heinzig1998, p. 5] with a note.[^a]
{: #p1.1 }

Second paragraph [@shen2012].
{: #p1.2 }

[^a]: A plain footnote.
"""

TWO = """---
title: "2. Second section"
description: "The second section, which cites one work again so that notes repeat their ids."
section: 2
---

# 2. Second section {#s2}

Again [@heinzig1998], and [back to the first](one.md#p1.2).
{: #p2.1 }
"""

REFS = """---
title: References
description: "Every work cited in this small edition, listed in Harvard order for the tests."
---

# References

<!-- scholia:references -->
"""

FULL = """---
title: Full text
description: "The whole small edition on one page, for reading, printing and citing it."
---

<!-- scholia:full-text -->
"""


def site(tmp_path: Path, *, edition: str | None = None, full_text: str = "", pages: dict | None = None,
         extra: str = "", nav: bool = True) -> Path:
    root = tmp_path / "src"
    files = {"index.md": HOME, "one.md": ONE, "two.md": TWO, "references.md": REFS, "full-text.md": FULL}
    files.update(pages or {})
    if edition is None:
        edition = f"""
      edition:
        title: {json.dumps(HOSTILE)}
        authors:
          - name: D'Arcy O'Neil
            affiliation: "Q & A <College>"
            orcid: 0000-0002-1825-0097
        version: "2.0"
        date: 2026-11-25
        publisher: "Pub & <Co>"
        keywords: ["war & peace", "<b>"]"""
    nav_block = """
nav:
  - Home: index.md
  - 1. First: one.md
  - 2. Second: two.md
  - References: references.md
  - Full text: full-text.md
""" if nav else ""
    write_site(
        root,
        config=f"""
site_name: Mini edition
site_url: https://example.org/mini/
{nav_block}
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - footnotes
  - toc:
      permalink: "¶"
plugins:
  - scholia:
      bibliography: [refs.bib]{edition}
{full_text}
{extra}
""",
        pages=files,
        bib=BIB,
    )
    return root


def build(root: Path, tmp_path: Path, name: str = "out", **kwargs):
    out = tmp_path / name
    process = mkdocs_build(root / "mkdocs.yml", out, **kwargs)
    return out, process


def test_hostile_metadata_is_escaped_everywhere(tmp_path):
    out, _ = build(site(tmp_path, full_text="      full_text: {pdf: false}"), tmp_path)
    for page in ("index.html", "one/index.html", "full-text/index.html"):
        document = soup(out / page)
        metas = {(m.get("name") or m.get("property")): m["content"] for m in document.find_all("meta", content=True)}
        if page == "index.html":
            assert metas["description"] == (
                'The home page of a small edition, with a "quote", an <em>element</em> & an ampersand.'
            )
        if page in ("index.html", "full-text/index.html"):
            assert metas["citation_title"] == HOSTILE
        else:
            assert metas["citation_inbook_title"] == HOSTILE
        assert metas["citation_author"] == "O'Neil, D'Arcy"
        assert metas["citation_author_institution"] == "Q & A <College>"
        assert metas["citation_publisher"] == "Pub & <Co>"
        assert metas["citation_keywords"] == "war & peace; <b>"
        # nothing leaked into markup: no element from the values, one JSON-LD that parses
        assert document.find("college") is None and document.find("b") is None
        scripts = [s for s in document.find_all("script") if not s.get("src")]
        (ld,) = [s for s in scripts if s.get("type") == "application/ld+json"]
        data = json.loads(ld.string)
        assert data["author"][0]["affiliation"]["name"] == "Q & A <College>"
        assert "</script" not in ld.string
        reference = document.select_one(".scholia-cite__item[data-cite-kind=edition] .scholia-cite__reference")
        assert reference.em.get_text() == HOSTILE
    title = soup(out / "index.html").find("title").get_text()
    assert title.startswith("Home")


def test_the_pdf_can_be_switched_off(tmp_path):
    out, _ = build(site(tmp_path, full_text="      full_text: {pdf: false}"), tmp_path)
    assert not list(out.rglob("*.pdf"))
    home = soup(out / "index.html")
    assert home.find("meta", attrs={"name": "citation_pdf_url"}) is None
    assert not [a for a in home.find_all("a", href=True) if a["href"].endswith(".pdf")]
    assert (out / "full-text" / "index.html").is_file() and (out / "cite" / "edition.bib").is_file()


def test_the_pdf_is_reproducible_and_dated_from_source_date_epoch(tmp_path):
    root = site(tmp_path)
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, _ = build(root, tmp_path, "a", env=env)
    second, _ = build(root, tmp_path, "b", env=env)
    pdf = "edition.pdf"
    assert (first / pdf).read_bytes() == (second / pdf).read_bytes()
    for path in (first / "cite").rglob("*.*"):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
    info = PdfReader(first / pdf).metadata
    assert info["/CreationDate"].startswith("D:20231114221320") and info["/ModDate"].startswith("D:20231114221320")
    third, _ = build(root, tmp_path, "c", env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert (third / pdf).read_bytes() != (first / pdf).read_bytes()
    # The PDF is named by the edition's scholarly record, the full text, not by the home page.
    record = soup(first / "full-text" / "index.html")
    assert record.find("meta", attrs={"name": "citation_pdf_url"})["content"] == "https://example.org/mini/edition.pdf"
    assert soup(first / "index.html").find("meta", attrs={"name": "citation_pdf_url"}) is None


def test_notes_that_repeat_across_pages_get_unique_ids_in_the_full_text(tmp_path):
    out, _ = build(site(tmp_path, full_text="      full_text: {pdf: false}"), tmp_path)
    document = soup(out / "full-text" / "index.html")
    ids = [tag["id"] for tag in document.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert {"one-fn:c1", "two-fn:c1", "one-cite-1", "two-cite-1", "p1.1", "p2.1", "s1", "s2"} <= set(ids)
    back = document.find(id="p2.1").find("a", string="back to the first")
    assert back["href"] == "#p1.2"
    for link in document.select("div.scholia-full-text a[href^='#']"):
        assert link["href"][1:] in ids, link


def test_a_full_text_page_is_generated_when_docs_has_none(tmp_path):
    root = site(tmp_path, pages={"full-text.md": None}, full_text="      full_text: {pdf: false}", nav=False)
    out, _ = build(root, tmp_path)
    document = soup(out / "full-text" / "index.html")
    assert document.find(id="p1.1") is not None and document.find(id="p2.1") is not None


def test_without_an_edition_nothing_citable_runs(tmp_path):
    root = site(tmp_path, edition="", pages={"full-text.md": None}, nav=False)
    out, _ = build(root, tmp_path)
    home = soup(out / "one" / "index.html")
    assert home.select("a.scholia-para-link") == []
    assert home.find("meta", attrs={"name": "citation_title"}) is None
    assert not (out / "cite").exists() and not (out / "full-text").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"two.md": TWO.replace("#p2.1", "#p1.1")}, "paragraph ids must be unique in the edition"),
        ({"two.md": TWO.replace("#p2.1", "#p3.1")}, "paragraph id 'p3.1' is in section 2"),
        ({"one.md": ONE + "\nThird.\n{: #p1.1 }\n"}, "id used more than once on the page"),
        ({"two.md": TWO + "\n<!-- scholia:full-text -->\n"}, "but the full text's page is full-text.md"),
        ({"full-text.md": "# Full text\n"}, "lacks the line <!-- scholia:full-text -->"),
    ],
)
def test_the_build_stops_on_broken_paragraph_ids_and_markers(tmp_path, change, message):
    root = site(tmp_path, pages=change, full_text="      full_text: {pdf: false}")
    _, process = build(root, tmp_path, check=False)
    assert process.returncode != 0
    assert message in process.stdout + process.stderr


def test_extra_edition_must_agree_with_the_plugin(tmp_path):
    root = site(tmp_path, full_text="      full_text: {pdf: false}", extra="extra:\n  edition:\n    version: '9.9'\n")
    _, process = build(root, tmp_path, check=False)
    assert process.returncode != 0
    assert "`extra.edition` disagrees with the plugin's `edition:` on version" in process.stdout + process.stderr


def test_a_bad_orcid_is_a_configuration_error(tmp_path):
    edition = """
      edition:
        authors: [{name: A Person, orcid: "1234"}]
        version: "1"
        date: 2026-11-25"""
    _, process = build(site(tmp_path, edition=edition), tmp_path, check=False)
    assert process.returncode != 0 and "not an ORCID iD" in process.stdout + process.stderr
