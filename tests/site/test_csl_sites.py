"""Mini-sites in every kind of style: the citations, notes and references each CSL style defines.

One small site (two pages of citations, in reading order ``zeta`` then
``alpha``, and a References page) is built with the Harvard pybtex style and
with CSL styles: Chicago author-date, APA, MLA, IEEE (numeric), Chicago notes
and shortened notes with "Ibid." (note styles), and Cite Them Right in
German, chosen by the site's language. The expected text is what citeproc-js,
the reference CSL processor, renders for the same works and citations
(``tests/data/csl/site-expected.json``): a book, an article, a chapter, a
thesis and a web page, each cited in the text and listed on the References
page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.build import mkdocs_build

DATA = Path(__file__).resolve().parents[1] / "data" / "csl"
EXPECTED = json.loads((DATA / "site-expected.json").read_text(encoding="utf-8"))

ZETA = (
    "# Zeta\n\nFirst [@marku2020, p. 815]. A book [@radchenko2009]. Again [@radchenko2009]. "
    "Again with a page [@radchenko2009, p. 5]. Back to the article [@marku2020].\n"
)
ALPHA = (
    "# Alpha\n\nA chapter [@westad1998, p. 3]. A thesis [@luthi2003]. A web page [@wilson2020]. "
    "The book again [@radchenko2009]. Many authors [@shen2012, p. 12]. As @radchenko2009 [p. 7] says.\n"
)
KEYS = ["marku2020", "radchenko2009", "westad1998", "luthi2003", "wilson2020", "shen2012"]


def build(tmp_path: Path, style: str, *, language: str = "en", locale: str | None = None) -> Path:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    shutil.copy(DATA / "site.bib", root / "refs.bib")
    (root / "docs" / "index.md").write_text("# Home\n\nAn edition.\n", encoding="utf-8")
    (root / "docs" / "zeta.md").write_text(ZETA, encoding="utf-8")
    (root / "docs" / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (root / "docs" / "references.md").write_text("# References\n\n<!-- scholia:references -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: CSL mini-site\nsite_url: https://example.org/mini/\n"
        f"theme:\n  name: material\n  language: {language}\n"
        "nav:\n  - index.md\n  - zeta.md\n  - alpha.md\n  - references.md\n"
        "plugins:\n  - scholia:\n      bibliography: [refs.bib]\n"
        f"      style: {style}\n      cache: false\n" + (f"      locale: {locale}\n" if locale else ""),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    mkdocs_build(root / "mkdocs.yml", site)
    return site


def article(site: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("article")


def in_text(site: Path, page: str) -> list[str]:
    """The citations in the text of a page, without their note numbers."""
    texts = []
    for span in article(site, page).select("span.citation"):
        for sup in span.select("sup.citation-note"):
            sup.decompose()
        texts.append(span.get_text())
    return texts


def notes(site: Path, page: str) -> list[str]:
    """The citation notes of a page, in order, without the links to References and back."""
    texts = []
    for item in article(site, page).select("div.footnote li[id^='fn:c']"):
        for link in item.select("a.reference-link, a.footnote-backref"):
            link.decompose()
        texts.append(item.get_text().strip().rstrip("\u00a0").strip())
    return texts


def references(site: Path) -> dict[str, str]:
    return {
        entry["data-key"]: entry.select_one(".reference-text").get_text()
        for entry in article(site, "references").select("li.reference-entry")
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for style in EXPECTED:
        if style.startswith("_"):
            continue
        language = "de" if style == "harvard-cite-them-right" else "en"  # German from the site's language
        built[style] = build(tmp_path_factory.mktemp(style), style, language=language)
    return built


IN_TEXT = ["chicago-author-date", "apa", "modern-language-association", "ieee", "harvard-cite-them-right"]
NOTES = ["chicago-notes-bibliography", "chicago-shortened-notes-bibliography-subsequent-ibid"]


@pytest.mark.parametrize("style", IN_TEXT)
def test_in_text_styles(sites, style):
    expected = EXPECTED[style]["citations"]
    assert in_text(sites[style], "zeta") == expected[:5]
    assert in_text(sites[style], "alpha")[:5] == expected[5:10]
    listed = references(sites[style])
    assert listed == {key: EXPECTED[style]["bibliography"][key] for key in KEYS}
    # The note of an in-text citation holds the full reference, as with the Harvard style.
    assert notes(sites[style], "alpha")[1] == EXPECTED[style]["bibliography"]["luthi2003"]


@pytest.mark.parametrize("style", NOTES)
def test_note_styles(sites, style):
    expected = EXPECTED[style]["citations"]
    site = sites[style]
    assert in_text(site, "zeta") == [""] * 5  # a footnote marker only
    assert notes(site, "zeta") == expected[:5]
    assert notes(site, "alpha")[:5] == expected[5:10]
    assert references(site) == {key: EXPECTED[style]["bibliography"][key] for key in KEYS}
    zeta = (site / "zeta" / "index.html").read_text(encoding="utf-8")
    assert 'First.<span class="citation"' in zeta  # the marker follows the full stop


def test_first_then_short_then_ibid(sites):
    full = notes(sites["chicago-notes-bibliography"], "zeta")
    assert full[1].startswith("Sergey Radchenko, Two Suns in the Heavens")  # full, the first time
    assert full[2] == "Radchenko, Two Suns in the Heavens: The Sino-Soviet Struggle for Supremacy, 1962–1967."
    ibid = notes(sites["chicago-shortened-notes-bibliography-subsequent-ibid"], "zeta")
    assert ibid[2:4] == ["Ibid.", "Ibid., 5."]
    # A new page starts afresh: no "Ibid." pointing to the last note of another page.
    alpha = notes(sites["chicago-notes-bibliography"], "alpha")
    assert alpha[3].startswith("Sergey Radchenko, Two Suns in the Heavens")


def test_notes_and_footnotes_in_one_sequence(sites):
    page = article(sites["chicago-notes-bibliography"], "alpha")
    numbers = [sup.get_text() for sup in page.select("sup.citation-note")]
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    narrative = page.select("span.citation")[-1]
    assert narrative.get_text() == "Radchenko6"  # the author in the text, the citation in the note
    assert notes(sites["chicago-notes-bibliography"], "alpha")[5] == (
        "Radchenko, Two Suns in the Heavens: The Sino-Soviet Struggle for Supremacy, 1962–1967, 7."
    )


def test_numeric_style_numbers_in_order_of_first_citation(sites):
    site = sites["ieee"]
    assert in_text(site, "zeta")[:2] == ["[1, p. 815]", "[2]"]
    assert in_text(site, "alpha")[-1] == "Radchenko [2, p. 7]"
    listed = list(references(site))
    assert listed == KEYS  # the References page in citation order, the nav's reading order
    texts = list(references(site).values())
    assert [text.split("]")[0] + "]" for text in texts] == ["[1]", "[2]", "[3]", "[4]", "[5]", "[6]"]


def test_german_site_gets_german_terms(sites):
    site = sites["harvard-cite-them-right"]
    assert in_text(site, "alpha")[4] == "(Shen u.\u00a0a., 2012, S. 12)"
    assert "Verfügbar unter" in references(site)["marku2020"]


def test_harvard_pybtex_style_unchanged(tmp_path):
    site = build(tmp_path, "harvard")
    assert in_text(site, "zeta")[:2] == ["(Marku, 2020, p. 815)", "(Radchenko, 2009)"]
    assert references(site)["radchenko2009"] == (
        "Radchenko, S. (2009) Two suns in the heavens: the Sino-Soviet struggle for supremacy, 1962–1967. "
        "Stanford: Stanford University Press."
    )


@pytest.mark.parametrize(
    ("style", "locale", "messages"),
    [
        (
            "chicago-author-dat",
            None,
            ["`style`: unknown style 'chicago-author-dat'", "did you mean 'chicago-author-date'"],
        ),
        ("harvrd", None, ["`style`: unknown style 'harvrd'", "(pybtex styles: did you mean 'harvard'?)"]),
        ("styles/house.csl", None, ["`style`: style 'styles/house.csl': no such .csl file"]),
        ("apa", "de-XX", ["`locale`: unknown locale 'de-XX'", "did you mean 'de-AT', 'de-CH' or 'de-DE'?"]),
    ],
)
def test_unusable_style_or_locale_stops_the_build(tmp_path, style, locale, messages):
    with pytest.raises(AssertionError) as caught:
        build(tmp_path, style, locale=locale)
    for message in messages:
        assert message in str(caught.value)


def test_broken_csl_file_stops_the_build_naming_it(tmp_path):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "house.csl").write_text("<style><citation>", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"house\.csl:1: not well-formed XML"):
        build(tmp_path, "house.csl")
