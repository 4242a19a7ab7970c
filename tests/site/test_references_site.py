"""The References page and its companions on small real sites.

Each site is built by a real ``mkdocs build --strict`` in a temp folder, then
read with BeautifulSoup/lxml and its links followed to the files they reach.
"""

from __future__ import annotations

import copy
import urllib.parse
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file

from mkdocs_scholia.bib.bibliography import load
from support import DATA
from support.build import mkdocs_build, write_site
from support.html import html_pages, resolve, soup

NBSP = "\u00a0"

BASE_CONFIG = {
    "site_name": "Test edition",
    "site_url": "https://example.org/ed/",
    "theme": {"name": "material", "features": ["content.footnote.tooltips"]},
    "markdown_extensions": ["attr_list", "footnotes", "toc"],
    "plugins": [{"scholia": {"bibliography": ["refs.bib"]}}],
    "nav": ["index.md", "one.md", "two.md", "notes.md", "references.md"],
}

PAGES = {
    "index.md": "# Home\n\nAs @fairbank2006 [p. 380] argued; write to editors@example.org.\n",
    "one.md": (
        "---\nsection: 1\n---\n# 1. One {#s1}\n\n"
        "Text [@marku2020; @franklin2012].\n{: #p1.1 }\n\n"
        "More [@marku2020] and again [@marku2020, p. 4].\n{: #p1.2 }\n\n"
        "- A list item outside any identified paragraph [@wang2015].\n"
    ),
    "two.md": (
        "---\nsection: 2\n---\n# 2. Two {#s2}\n\n"
        "Supplied [@supplied2011], hostile [@evil2020], accented @muller2019.\n{: #p2.1 }\n\n"
        "Suffixes [@smith2000a; @smith2000b], a thesis [@thomas2002], the web [@bbc2026].\n{: #p2.2 }\n\n"
        "A report [@doh2010], a paper [@lee2019], a leaflet [@leaflet1958], and a footnote.[^1]\n{: #p2.3 }\n\n"
        "[^1]: An ordinary footnote.\n"
    ),
    "notes.md": "# Notes\n\nA paragraph of another page [@fairbank2006].\n{: #p9.1 }\n",
    "references.md": "# References\n\n<!-- scholia:references -->\n",
}
# Keys cited above, and where ("Cited in" labels, in reading order).
CITED_IN = {
    "fairbank2006": ["Home", f"\u00a79{NBSP}\u00b61"],
    "marku2020": [f"\u00a71{NBSP}\u00b61", f"\u00a71{NBSP}\u00b62", f"\u00a71{NBSP}\u00b62 (2)"],
    "franklin2012": [f"\u00a71{NBSP}\u00b61"],
    "wang2015": ["1. One"],
    "supplied2011": [f"\u00a72{NBSP}\u00b61"],
    "evil2020": [f"\u00a72{NBSP}\u00b61"],
    "muller2019": [f"\u00a72{NBSP}\u00b61"],
    "smith2000a": [f"\u00a72{NBSP}\u00b62"],
    "smith2000b": [f"\u00a72{NBSP}\u00b62"],
    "thomas2002": [f"\u00a72{NBSP}\u00b62"],
    "bbc2026": [f"\u00a72{NBSP}\u00b62"],
    "doh2010": [f"\u00a72{NBSP}\u00b63"],
    "lee2019": [f"\u00a72{NBSP}\u00b63"],
    "leaflet1958": [f"\u00a72{NBSP}\u00b63"],
}


def make_site(
    root: Path, *, options: dict | None = None, pages: dict | None = None, config: dict | None = None
) -> Path:
    """Write a site into ``root``; ``options`` go under the plugin's ``references:``."""
    settings = copy.deepcopy(BASE_CONFIG)
    if options is not None:
        settings["plugins"][0]["scholia"]["references"] = options
    settings.update(config or {})
    return write_site(root, config=settings, pages={**PAGES, **(pages or {})}, bib=DATA / "references.bib")


def build(root: Path, **kwargs) -> Path:
    out = root / "site"
    mkdocs_build(make_site(root, **kwargs), out)
    return out


def build_fails(root: Path, **kwargs) -> str:
    process = mkdocs_build(make_site(root, **kwargs), root / "site", check=False)
    assert process.returncode != 0, "the build should have failed"
    return process.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("references-site"))


def entries(site: Path, page: str = "references/index.html"):
    return soup(site / page).select("ul.references > li.reference-entry")


# -- the list -----------------------------------------------------------------


def test_every_cited_work_once_in_harvard_order_and_nothing_else(site):
    bib = load([DATA / "references.bib"])
    keys = [li["data-key"] for li in entries(site)]
    assert keys == bib.sorted_keys(CITED_IN)
    assert "uncited1999" not in keys
    assert [li["id"] for li in entries(site)] == [f"ref-{key}" for key in keys]
    # year suffixes follow the titles: Alpha is 2000a, Beta 2000b
    texts = {li["data-key"]: li.select_one(".reference-text").get_text() for li in entries(site)}
    assert "(2000a) Alpha" in texts["smith2000b"] and "(2000b) Beta" in texts["smith2000a"]


def test_supplied_works_are_marked(site):
    for li in entries(site):
        supplied = li["data-key"] == "supplied2011"
        assert ("reference-supplied" in li["class"]) is supplied
        assert (li.select_one("span.ref-supplied") is not None) is supplied


def test_hostile_bibliography_text_stays_text(site):
    page = (site / "references" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>Bold" not in page
    assert 'href="javascript:' not in page


# -- "Cited in" ---------------------------------------------------------------


def test_cited_in_labels_in_reading_order(site):
    labels = {
        li["data-key"]: [a.get_text() for a in li.select(".reference-cited-in a.reference-place")]
        for li in entries(site)
    }
    assert labels == CITED_IN


def test_every_cited_in_link_reaches_its_citation(site):
    page = site / "references" / "index.html"
    links = 0
    for li in entries(site):
        for link in li.select("a.reference-place"):
            target = resolve(site, page, link["href"])
            element = target.element()
            assert element is not None, f"{link['href']} ({li['data-key']}) leads nowhere"
            assert element.name == "span" and "citation" in element["class"]
            assert li["data-key"] in element["data-cites"].split()
            links += 1
    assert links == sum(len(v) for v in CITED_IN.values())


def test_every_citation_is_listed_under_each_of_its_works(site):
    page = site / "references" / "index.html"
    listed = set()
    for li in entries(site):
        for link in li.select("a.reference-place"):
            target = resolve(site, page, link["href"])
            listed.add((li["data-key"], target.file, target.fragment))
    for html in html_pages(site):
        for span in soup(html).select("span.citation[id]"):
            for key in span["data-cites"].split():
                assert (key, html, span["id"]) in listed, f"{html.name}#{span['id']} ({key}) is not under its entry"


# -- notes and previews ---------------------------------------------------------


def test_every_note_links_to_an_existing_entry_for_its_work(site):
    checked = 0
    for html in html_pages(site):
        for note in soup(html).select('div.footnote li[id^="fn:c"]'):
            for reference in note.select("span.reference"):
                link = reference.find_next_sibling("a")
                assert link is not None and "reference-link" in link["class"]
                element = resolve(site, html, link["href"]).element()
                assert element is not None and element.name == "li", link["href"]
                assert element["data-key"] == reference["data-key"]
                name = link.get_text(" ", strip=True)
                year = load([DATA / "references.bib"]).reference(reference["data-key"]).year
                assert name.startswith("\u2192 References") and f"({year})" in name
                checked += 1
    assert checked >= len(CITED_IN)


def test_previews_assets_and_tooltip_feature(site):
    for html in html_pages(site):
        document = soup(html)
        styles = [link["href"] for link in document.select('link[rel="stylesheet"]')]
        scripts = [script["src"] for script in document.select("script[src]")]
        assert any(href.endswith("assets/scholia/references.css") for href in styles), html
        assert any(src.endswith("assets/scholia/previews.js") for src in scripts), html
    css = (site / "assets" / "scholia" / "references.css").read_text()
    assert ".citation-ref.footnote-ref" in css and "font-size: inherit" in css and "font-weight: inherit" in css
    assert (site / "assets" / "scholia" / "previews.js").is_file()


def test_the_tooltip_feature_is_switched_on_when_missing(tmp_path):
    out = build(tmp_path, config={"theme": {"name": "material"}})
    config = soup(out / "index.html").select_one("script#__config").string
    assert "content.footnote.tooltips" in config


def test_previews_off(tmp_path):
    out = build(tmp_path, options={"previews": False}, config={"theme": {"name": "material"}})
    document = soup(out / "index.html")
    assert not any("previews.js" in s["src"] for s in document.select("script[src]"))
    assert "content.footnote.tooltips" not in document.select_one("script#__config").string
    assert not (out / "assets" / "scholia" / "previews.js").exists()


# -- BibTeX and COinS ---------------------------------------------------------------


def test_download_is_linked_and_parses_back_to_the_cited_works(site):
    page = site / "references" / "index.html"
    link = soup(page).select_one("p.references-download a[download]")
    target = resolve(site, page, link["href"])
    assert target.file == site / "references" / "edition.bib"
    data = parse_file(str(target.file), "bibtex")
    assert list(data.entries) == [li["data-key"] for li in entries(site)]
    source = load([DATA / "references.bib"])
    for key, entry in data.entries.items():
        original = source.entry(key)
        assert entry.type == original.type.lower()
        assert {k.lower(): v for k, v in entry.fields.items()} == {
            k.lower(): v for k, v in original.fields.items() if k.lower() not in ("supplied", "timestamp")
        }
        for role, persons in original.persons.items():
            assert [str(p) for p in entry.persons[role]] == [str(p) for p in persons]


def test_each_entry_has_its_bibtex_with_a_copy_button(site):
    download = (site / "references" / "edition.bib").read_text()
    for li in entries(site):
        code = li.select_one("details.reference-bibtex pre > code")
        assert code.get_text() in download
        assert code.get_text().startswith("@") and f"{{{li['data-key']}," in code.get_text()
        button = li.select_one("button.reference-copy[data-clipboard-target]")
        target = soup(site / "references" / "index.html").select_one(button["data-clipboard-target"])
        assert target is code
        assert button["aria-label"].startswith(button.get_text(strip=True))


def test_each_entry_has_one_coins_that_parses_back(site):
    source = load([DATA / "references.bib"])
    for li in entries(site):
        spans = li.select("span.Z3988")
        assert len(spans) == 1
        fields = urllib.parse.parse_qs(spans[0]["title"], strict_parsing=True)
        entry = source.entry(li["data-key"])
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        assert fields["rft.date"] == [entry.fields["year"]]
        expected = {"article": "journal", "phdthesis": "dissertation", "online": "dc"}.get(entry.type, "book")
        assert fields["rft_val_fmt"] == [f"info:ofi/fmt:kev:mtx:{expected}"]


# -- options ------------------------------------------------------------------------


def test_per_page_lists_are_off_by_default(site):
    assert not any(soup(p).select("section.scholia-page-references") for p in html_pages(site))


@pytest.mark.parametrize("which", ["sections", "all"])
def test_per_page_lists(tmp_path, which):
    out = build(tmp_path, options={"per_page": {"enabled": True, "pages": which, "heading": "Works cited"}})
    bib = load([DATA / "references.bib"])
    expected = {
        "one/index.html": ["marku2020", "franklin2012", "wang2015"],
        "two/index.html": [k for k, v in CITED_IN.items() if v[0].startswith("\u00a72")],
    }
    if which == "all":
        expected |= {"index.html": ["fairbank2006"], "notes/index.html": ["fairbank2006"]}
    for html in html_pages(out):
        rel = html.relative_to(out).as_posix()
        sections = soup(html).select("section.scholia-page-references")
        if rel not in expected:
            assert sections == [], rel
            continue
        (section,) = sections
        assert section.select_one("h2#page-references").get_text() == "Works cited"
        keys = [li["data-key"] for li in section.select("li.reference-entry")]
        assert keys == bib.sorted_keys(expected[rel])
        for link in section.select("a.reference-link"):
            element = resolve(out, html, link["href"]).element()
            assert element is not None and element["id"].startswith("ref-")
        toc = [a.get_text(strip=True) for a in soup(html).select(".md-sidebar--secondary .md-nav__link")]
        assert "Works cited" in toc


def test_features_can_be_switched_off(tmp_path):
    out = build(tmp_path, options={"cited_in": False, "coins": False, "bibtex": False, "download": {"enabled": False}})
    page = soup(out / "references" / "index.html")
    assert len(page.select("li.reference-entry")) == len(CITED_IN)
    for selector in ("a.reference-place", "span.Z3988", "details.reference-bibtex", "p.references-download"):
        assert page.select(selector) == [], selector
    assert not list(out.rglob("*.bib"))


def test_download_of_all_works_under_another_name(tmp_path):
    out = build(tmp_path, options={"download": {"include": "all", "filename": "works.bib", "exclude_fields": ["isbn"]}})
    data = parse_file(str(out / "references" / "works.bib"), "bibtex")
    assert "uncited1999" in data.entries and len(data.entries) == len(load([DATA / "references.bib"]))
    assert "isbn" not in {k.lower() for k in data.entries["fairbank2006"].fields}
    assert "supplied" in {k.lower() for k in data.entries["supplied2011"].fields}  # not excluded any more
    assert soup(out / "references" / "index.html").select_one("p.references-download a")["href"] == "works.bib"


def test_file_urls_and_a_nested_references_page(tmp_path):
    pages = {"references.md": None, "back/references.md": PAGES["references.md"]}
    nav = ["index.md", "one.md", "two.md", "notes.md", "back/references.md"]
    root = tmp_path
    settings = {"use_directory_urls": False, "nav": nav}
    config = make_site(root, pages=pages, config=settings)
    text = yaml.safe_load(config.read_text())
    text["plugins"][0]["scholia"]["references_page"] = "back/references.md"
    config.write_text(yaml.safe_dump(text, sort_keys=False))
    out = root / "site"
    mkdocs_build(config, out)
    page = out / "back" / "references.html"
    assert (out / "back" / "edition.bib").is_file()
    for link in soup(page).select("a.reference-place, p.references-download a"):
        target = resolve(out, page, link["href"])
        assert target.element() is not None, link["href"]
    for html in html_pages(out):
        for link in soup(html).select("a.reference-link"):
            assert resolve(out, html, link["href"]).element() is not None, (html, link["href"])


def test_two_builds_give_the_same_anchors_and_bytes(tmp_path, site):
    again = build(tmp_path)
    first = soup(site / "references" / "index.html").select_one("ul.references")
    second = soup(again / "references" / "index.html").select_one("ul.references")
    assert [li["id"] for li in first.select("li")] == [li["id"] for li in second.select("li")]
    assert str(first) == str(second)
    assert (site / "references" / "edition.bib").read_bytes() == (again / "references" / "edition.bib").read_bytes()


def test_a_site_that_cites_nothing(tmp_path):
    quiet = {name: f"# {name}\n\nNo citation.\n" for name in ("index.md", "one.md", "two.md", "notes.md")}
    out = build(tmp_path, pages=quiet)
    page = soup(out / "references" / "index.html")
    assert page.select_one("p.references-empty") is not None
    assert page.select("li.reference-entry") == [] and not list(out.rglob("*.bib"))


# -- clear errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"download": {"filename": "../escape.bib"}}, "expected a plain file name ending in '.bib'"),
        ({"download": {"include": "some"}}, "Expected one of: ('cited', 'all')"),
        ({"per_page": {"heading": "  "}}, "must not be empty"),
        ({"download": {"exclude_fields": ["not a field"]}}, "not BibTeX field names: 'not a field'"),
        ({"cited_in": "yes"}, "cited_in"),
        ({"bogus": True}, "Unrecognised configuration name: bogus"),
    ],
)
def test_bad_options_fail_with_a_clear_message(tmp_path, options, message):
    assert message in build_fails(tmp_path, options=options)


def test_previews_need_material(tmp_path):
    stderr = build_fails(tmp_path, config={"theme": {"name": "mkdocs"}})
    assert "`references.previews` needs the Material theme" in stderr


def test_references_page_without_its_marker(tmp_path):
    stderr = build_fails(tmp_path, pages={"references.md": "# References\n"})
    assert "references.md has no line <!-- scholia:references -->" in stderr


def test_marker_on_the_wrong_page(tmp_path):
    stderr = build_fails(tmp_path, pages={"notes.md": "# Notes\n\n<!-- scholia:references -->\n"})
    assert "notes.md has the marker <!-- scholia:references -->, but `references_page` is references.md" in stderr


def test_missing_references_page(tmp_path):
    pages = {"references.md": None}
    settings = {"nav": ["index.md", "one.md", "two.md", "notes.md"]}
    stderr = build_fails(tmp_path, pages=pages, config=settings)
    assert "`references_page: references.md` is not a page in docs/" in stderr


def test_keys_that_would_share_an_anchor(tmp_path):
    make_site(tmp_path)
    with (tmp_path / "refs.bib").open("a") as bib:  # smith2000a keeps its own anchor: ref-smith2000a
        bib.write("@book{Smith_2000a, author={Smith, A.}, title={Gamma}, publisher={P}, year={2001}}\n")
        bib.write("@book{smith-2000a, author={Smith, A.}, title={Delta}, publisher={P}, year={2002}}\n")
    process = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", check=False)
    assert process.returncode != 0
    assert "keys 'Smith_2000a', 'smith-2000a' would all have the anchor '#ref-smith-2000a'" in process.stderr


def test_mkdocs_itself_finds_every_anchor_the_notes_link_to(tmp_path):
    # Notes link to references.md#ref-…, which MkDocs rewrites and checks; the
    # plugin declares the generated anchors, so even `anchors: warn` passes.
    out = build(tmp_path, config={"validation": {"anchors": "warn", "unrecognized_links": "warn"}})
    assert (out / "references" / "index.html").is_file()
