"""MLA's repeated-author dash on the References page and the per-page lists.

MLA (``subsequent-author-substitute="---"``) names the author of a work by
the same author as the entry before with "———". A list is made as a whole
for that: an entry alone (a note, a hover preview) keeps the names. Built on
a mini-site citing two books by Radchenko and one article by Marku, with
per-page lists on; the Harvard style has no such rule and keeps the names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from support.build import mkdocs_build

DATA = Path(__file__).resolve().parents[1] / "data" / "csl"
SECOND_BOOK = """
@book{radchenko2014,
  author    = {Radchenko, Sergey},
  title     = {Unwanted visionaries: the Soviet failure in Asia at the end of the Cold War},
  address   = {Oxford},
  publisher = {Oxford University Press},
  year      = {2014},
}
"""
PAGE = "# Split\n\nA book [@radchenko2009]. Another [@radchenko2014]. An article [@marku2020].\n"


def build(tmp_path: Path, style: str) -> Path:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    shutil.copy(DATA / "site.bib", root / "refs.bib")
    with (root / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(SECOND_BOOK)
    (root / "docs" / "index.md").write_text("# Home\n\nAn edition.\n", encoding="utf-8")
    (root / "docs" / "split.md").write_text(PAGE, encoding="utf-8")
    (root / "docs" / "references.md").write_text("# References\n\n<!-- scholia:references -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: MLA mini-site\nsite_url: https://example.org/mla/\ntheme:\n  name: material\n"
        "nav:\n  - index.md\n  - split.md\n  - references.md\n"
        "plugins:\n  - scholia:\n      bibliography: [refs.bib]\n"
        f"      style: {style}\n      cache: false\n"
        "      references:\n        per_page:\n          enabled: true\n          pages: all\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    mkdocs_build(root / "mkdocs.yml", site)
    return site


def entries(site: Path, page: str, selector: str) -> list[str]:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    texts = []
    for item in soup.select(selector):
        for link in item.select("a.reference-link"):
            link.decompose()
        texts.append(item.select_one("p.reference-text").get_text().strip())
    return texts


def test_mla_lists_name_a_repeated_author_with_the_dash(tmp_path):
    site = build(tmp_path, "modern-language-association")
    expected = [
        "Marku, Ylber.",
        "Radchenko, Sergey. Two Suns in the Heavens:",
        "———. Unwanted Visionaries: The Soviet Failure in Asia at the End of the Cold War.",
    ]
    for found in (
        entries(site, "references", "ul.references > li.reference-entry"),
        entries(site, "split", "ul.references-page > li.reference-entry"),
    ):
        assert len(found) == 3, found
        for text, start in zip(found, expected, strict=True):
            assert text.startswith(start), (text, start)
    # A note holds the work alone: the names stay.
    soup = BeautifulSoup((site / "split" / "index.html").read_text(encoding="utf-8"), "html.parser")
    notes = [item.get_text() for item in soup.select("div.footnote li")]
    assert any("Radchenko, Sergey. Unwanted Visionaries" in note for note in notes), notes
    assert not any("———" in note for note in notes), notes


def test_harvard_lists_keep_the_names(tmp_path):
    site = build(tmp_path, "harvard")
    found = entries(site, "references", "ul.references > li.reference-entry")
    assert [text.split(" (")[0] for text in found] == ["Marku, Y.", "Radchenko, S.", "Radchenko, S."]
