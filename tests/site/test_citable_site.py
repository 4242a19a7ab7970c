"""The citable edition on the real strict build: every page is citable to the paragraph.

Checked on every page the site publishes: the scholarly ``<head>`` (Highwire
tags for Google Scholar and Zotero, one ``citation_reference`` per work the
page cites, Dublin Core, Open Graph, Twitter, canonical link, the page's own
description, JSON-LD), the "Cite this" panel and its BibTeX, RIS and CSL-JSON
files (read back by pybtex, rispy, the CSL schema and citeproc-py), the
paragraph links (one per source id, ids unique), the one-page full text (ids
unique, links resolve) and its PDF.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from pypdf import PdfReader

from mkdocs_scholia.bib.bibliography import load
from mkdocs_scholia.bib.fields import plain_text
from mkdocs_scholia.rules.dates import long_date
from support import DATA, REPO
from support.browser import site_pages
from support.edition import DOCS, front_matter, mkdocs_config, plugin_options

PARAGRAPH_ID = re.compile(r"^p\d[\w.\-]*$")
CSL_SCHEMA = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))


# -- what the configuration promises --------------------------------------------------------


CONFIG = mkdocs_config()
OPTIONS = plugin_options("scholia", CONFIG)
EDITION = OPTIONS["edition"]
SITE_URL = CONFIG["site_url"]
FULL_TEXT = "full-text/"
PDF = OPTIONS["full_text"]["pdf_file"]
VERSION = str(EDITION["version"])
DATE = EDITION["date"]  # a datetime.date (YAML)
LONG_DATE = long_date(DATE)
AUTHORS = [a["name"] for a in EDITION["authors"]]
INVERTED = [f"{n.rsplit(' ', 1)[1]}, {n.rsplit(' ', 1)[0]}" for n in AUTHORS]
# Pages the editors wrote are credited to them (docs-dev/citation-model.md); an
# organisation is written "Name," in Highwire and Dublin Core.
EDITORIAL = {src[: -len(".md")] + "/" for src in EDITION.get("editorial_pages", [])}
EDITOR_NAMES = [e.get("organization") or e["name"] for e in EDITION.get("editors", [])]
EDITORS_INVERTED = [
    f"{e['organization']}," if "organization" in e else f"{e['name'].rsplit(' ', 1)[1]}, {e['name'].rsplit(' ', 1)[0]}"
    for e in EDITION.get("editors", [])
]


def credited(page: str) -> list[str]:
    """The Highwire names of who wrote a page."""
    return EDITORS_INVERTED if page in EDITORIAL else INVERTED


def lead(page: str, kind: str) -> str:
    """How a page's reference starts: its authors and the year."""
    if kind != "edition" and page in EDITORIAL:
        return f"{EDITOR_NAMES[0]} ({DATE.year})"
    return "Wang, J. (2026)"


def source_name(page: str) -> str:
    return "index.md" if page == "" else page.rstrip("/") + ".md"


def source_paragraph_ids() -> dict[str, str]:
    """Every paragraph id written in the sources ({: #p2.3 }), with its page."""
    found = {}
    for path in sorted(DOCS.glob("*.md")):
        for ident in re.findall(r"\{:\s*#(p\d[\w.\-]*)\s*\}", path.read_text(encoding="utf-8")):
            assert ident not in found, f"{ident} in docs/{found.get(ident)} and docs/{path.name}"
            found[ident] = path.name
    return found


# -- the build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    out = {}
    for page in site_pages(built_site):
        path = built_site / page / "index.html" if page else built_site / "index.html"
        out[page] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return out


@pytest.fixture(scope="module")
def bib():
    return load(OPTIONS["bibliography"], root=REPO)


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"name": name})]


def props(soup: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"property": name})]


def one(values: list[str], what: str) -> str:
    assert len(values) == 1, f"{what}: {values}"
    return values[0]


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def is_edition_level(page: str) -> bool:
    return page in ("", FULL_TEXT)


def scholarly_json_ld(soup: BeautifulSoup) -> dict:
    """The page's node: the edition as a Book, a page as a Chapter of it."""
    found = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if data.get("@type") in ("Book", "Chapter"):
            found.append(data)
    return one(found, "Book or Chapter JSON-LD")


def abstract_of(pages) -> str:
    """The essay's abstract: the paragraph the edition names, as the home page shows it."""
    paragraph = pages[""].find(id=EDITION["abstract"])
    return re.sub(r"^Abstract:\s*", "", " ".join(paragraph.get_text(" ").split()))


def cited_keys(page: str, soup: BeautifulSoup, all_pages) -> list[str]:
    """The works a page cites, read from its text (the full text: from every page; the
    References page: its list)."""
    if page == "references/":
        return [li["data-key"] for li in soup.select("ul.references > li.reference-entry")]
    keys: dict[str, None] = {}
    for span in article(soup).select("span.citation[data-cites]"):
        keys.update(dict.fromkeys(span["data-cites"].split()))
    return list(keys)


# -- every page ----------------------------------------------------------------------------------


def test_the_full_text_and_every_nav_page_are_built(pages):
    assert FULL_TEXT in pages
    assert {"", "introduction/", "references/", "editorial-notes/"} <= set(pages)


def test_every_page_has_the_scholarly_head(pages):
    problems = []
    abstract = abstract_of(pages)
    for page, soup in pages.items():
        try:
            check_head(page, soup, abstract)
        except AssertionError as error:
            problems.append(f"/{page}: {error}")
    assert not problems, "\n".join(problems)


def check_head(page: str, soup: BeautifulSoup, abstract: str) -> None:
    url = SITE_URL + page
    meta = front_matter(source_name(page))
    # canonical and description, one each
    canonical = one([link["href"] for link in soup.find_all("link", rel="canonical")], "canonical")
    assert canonical == url
    description = one(metas(soup, "description"), "description")
    assert description == meta["description"] and len(description.split()) >= 8
    # Highwire (Google Scholar, Zotero)
    title = one(metas(soup, "citation_title"), "citation_title")
    if is_edition_level(page):
        assert title == EDITION["title"]
        assert metas(soup, "citation_inbook_title") == []
    else:
        expected = re.sub(rf"^{meta.get('section')}\.\s+", "", meta["title"]) if meta.get("section") else meta["title"]
        assert title == expected
        assert one(metas(soup, "citation_inbook_title"), "citation_inbook_title") == EDITION["title"]
    assert metas(soup, "citation_author") == credited(page)
    institutions = [] if page in EDITORIAL else [a["affiliation"] for a in EDITION["authors"]]
    assert metas(soup, "citation_author_institution") == institutions
    assert metas(soup, "citation_editor") == EDITORS_INVERTED
    assert metas(soup, "citation_abstract") == ([abstract] if is_edition_level(page) else [])
    assert one(metas(soup, "citation_publication_date"), "date") == DATE.strftime("%Y/%m/%d")
    publisher = metas(soup, "citation_publisher") + metas(soup, "citation_journal_title")
    assert one(publisher, "citation_publisher or citation_journal_title") == EDITION["publisher"]
    fulltext = one(metas(soup, "citation_fulltext_html_url"), "citation_fulltext_html_url")
    assert fulltext == (SITE_URL + FULL_TEXT if is_edition_level(page) else url)
    keywords = one(metas(soup, "citation_keywords"), "citation_keywords").split("; ")
    assert keywords[: len(EDITION["keywords"])] == EDITION["keywords"]
    assert one(metas(soup, "citation_language"), "language") == "en"
    # Dublin Core
    assert soup.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    assert one(metas(soup, "DC.title"), "DC.title") == title
    assert metas(soup, "DC.creator") == credited(page)
    assert metas(soup, "DC.contributor") == EDITORS_INVERTED
    assert one(metas(soup, "DC.date"), "DC.date") == DATE.isoformat()
    assert one(metas(soup, "DC.identifier"), "DC.identifier") == url
    assert one(metas(soup, "DC.publisher"), "DC.publisher") == EDITION["publisher"]
    expected_description = abstract if is_edition_level(page) else description
    assert one(metas(soup, "DC.description"), "DC.description") == expected_description
    assert metas(soup, "DC.subject")[: len(EDITION["keywords"])] == EDITION["keywords"]
    assert one(metas(soup, "DCTERMS.hasVersion"), "version") == VERSION
    # Open Graph and Twitter
    assert one(props(soup, "og:title"), "og:title") == title
    # The edition's pages are a book at the edition's address (Zotero saves one item from both).
    assert one(props(soup, "og:type"), "og:type") == ("book" if is_edition_level(page) else "article")
    assert one(props(soup, "og:url"), "og:url") == (SITE_URL if is_edition_level(page) else url)
    assert one(props(soup, "og:description"), "og:description") == description
    assert one(props(soup, "og:site_name"), "og:site_name") == CONFIG["site_name"]
    published = "book:release_date" if is_edition_level(page) else "article:published_time"
    assert one(props(soup, published), "published") == DATE.isoformat()
    assert one(metas(soup, "twitter:card"), "twitter:card") == "summary"
    assert one(metas(soup, "twitter:title"), "twitter:title") == title
    assert one(metas(soup, "twitter:description"), "twitter:description") == description
    # print
    assert soup.find("link", rel="stylesheet", media="print")["href"].endswith("assets/scholia/scholia-print.css")


def test_pdf_url_where_the_page_is_the_editions_scholarly_record(pages, built_site):
    for page, soup in pages.items():
        found = metas(soup, "citation_pdf_url")
        if page == FULL_TEXT:
            assert found == [SITE_URL + PDF], page
        else:  # the home page points to the full text; a section has no PDF of its own
            assert found == [], f"/{page} is not the edition's scholarly record"
    assert (built_site / PDF).is_file()


def test_one_citation_reference_per_cited_work(pages, bib):
    checked = 0
    for page, soup in pages.items():
        if page == FULL_TEXT:
            keys = list(dict.fromkeys(k for p, s in pages.items() if p != FULL_TEXT for k in cited_keys(p, s, pages)))
            assert set(cited_keys(page, soup, pages)) == set(keys)
        else:
            keys = cited_keys(page, soup, pages)
        references = metas(soup, "citation_reference")
        assert len(references) == len(keys), f"/{page}: {len(references)} citation_reference for {len(keys)} works"
        parsed = [[field.split("=", 1) for field in reference.split("; ")] for reference in references]
        for fields in parsed:
            assert all(len(f) == 2 and f[0].startswith("citation_") and f[1] for f in fields), fields
            names = [f[0] for f in fields]
            assert names[0] == "citation_title" and ("citation_author" in names or "citation_editor" in names)
        by_title = {dict(fields)["citation_title"]: dict(fields) for fields in parsed}
        for key in keys:
            entry = bib.entry(key)
            title = plain_text(entry.fields["title"])
            assert title in by_title, f"/{page}: no citation_reference for {key}"
            if entry.fields.get("year"):
                assert by_title[title]["citation_publication_date"] == plain_text(entry.fields["year"])
        if page != FULL_TEXT:  # in the order the page cites them
            assert [dict(fields)["citation_title"] for fields in parsed] == [
                plain_text(bib.entry(k).fields["title"]) for k in keys
            ]
        checked += len(references)
    assert checked > 20


def test_json_ld_is_a_valid_scholarly_article(pages):
    for page, soup in pages.items():
        raw = [s.string for s in soup.find_all("script", type="application/ld+json")]
        assert all("</" not in text for text in raw)
        data = scholarly_json_ld(soup)
        for key in ("@context", "@id", "name", "headline", "url", "author", "datePublished", "version",
                    "isPartOf", "citation", "publisher", "inLanguage", "description"):
            assert key in data, f"/{page}: JSON-LD lacks {key}"
        assert data["@context"] == "https://schema.org"
        assert data["url"] == SITE_URL + ("" if is_edition_level(page) else page)
        assert data["@type"] == ("Book" if is_edition_level(page) else "Chapter")
        assert [a["name"] for a in data["author"]] == (EDITOR_NAMES if page in EDITORIAL else AUTHORS)
        if page not in EDITORIAL:
            assert data["author"][0]["affiliation"]["name"] == EDITION["authors"][0]["affiliation"]
        assert [e["name"] for e in data["editor"]] == EDITOR_NAMES
        assert data["datePublished"] == DATE.isoformat() and data["version"] == VERSION
        assert data["name"] == one(metas(soup, "citation_title"), "title")
        part_of = data["isPartOf"]
        assert part_of["@type"] and part_of["name"]
        if not is_edition_level(page):
            assert part_of["name"] == EDITION["title"] and part_of["@id"] == SITE_URL and part_of["@type"] == "Book"
        assert len(data["citation"]) == len(metas(soup, "citation_reference"))
        assert all(c["name"] and c["@type"] for c in data["citation"])


# -- "Cite this" and the exports --------------------------------------------------------------


def reference_text(element) -> str:
    return " ".join(element.get_text().split())


def test_cite_this_on_every_page(pages, built_site):
    for page, soup in pages.items():
        panel = soup.select_one("aside.scholia-cite")
        assert panel is not None, f"/{page}: no Cite this"
        assert panel["data-page-url"] == SITE_URL + page
        shown = panel.select(".scholia-cite__item:not([hidden])")
        kinds = [item["data-cite-kind"] for item in shown]
        assert kinds == (["edition"] if is_edition_level(page) else ["part", "edition"]), page
        for item in panel.select(".scholia-cite__item"):
            text = reference_text(item.select_one(".scholia-cite__reference"))
            assert text.startswith(lead(page, item["data-cite-kind"])), text
            assert f"Version {VERSION}, {LONG_DATE}" in text
            url = item.select_one(".scholia-cite__reference a")["href"]
            assert url.startswith(SITE_URL) and f"Available at: {url}." in text
            formats = item.select("li.scholia-cite__format")
            assert [f["data-format"] for f in formats] == ["bibtex", "ris", "csl"]
            for entry in formats:
                link = entry.select_one("a.scholia-download")
                target = urllib.parse.urljoin(f"/{page}", link["href"]).lstrip("/")
                file = built_site / target
                assert file.is_file(), f"/{page}: {link['href']}"
                source = entry.select_one(".scholia-cite__source[hidden]")
                assert source.get_text() == file.read_text(encoding="utf-8").replace("\r\n", "\n")
                button = entry.select_one("button.scholia-copy")
                assert button["data-scholia-copy"] == source["data-scholia-source"]
        # a section names itself
        if not is_edition_level(page):
            part = shown[0]
            assert reference_text(part.select_one(".scholia-cite__reference")).split(" in ")[0].endswith("’,")


def test_paragraph_citations_are_ready_and_hidden(pages):
    for page, soup in pages.items():
        ids = [p["id"] for p in article(soup).find_all("p", id=PARAGRAPH_ID)]
        items = soup.select("aside.scholia-cite [data-cite-paragraph]")
        assert [i["data-cite-paragraph"] for i in items] == ids, page
        for item in items:
            assert item.has_attr("hidden")
            text = reference_text(item.select_one(".scholia-cite__reference"))
            label = item["data-cite-paragraph"][1:]
            assert f"para. {label}." in text and f"#{item['data-cite-paragraph']}." in text


def exports_of(site: Path) -> list[Path]:
    return sorted(p for p in (site / "cite").rglob("*") if p.is_file())


def test_exports_are_written_for_the_edition_each_page_and_each_paragraph(built_site, pages):
    files = {p.relative_to(built_site / "cite").as_posix() for p in exports_of(built_site)}
    stems = {name.rsplit(".", 1)[0] for name in files}
    for stem in stems:
        assert {f"{stem}.bib", f"{stem}.ris", f"{stem}.json"} <= files
    expected = {"edition"}
    for page in pages:
        if page not in ("", FULL_TEXT):
            expected.add(page.rstrip("/"))
    for ident, name in source_paragraph_ids().items():
        slug = "home" if name == "index.md" else name[: -len(".md")]
        expected.add(f"{slug}/{ident}")
    assert stems == expected


def expected_url(stem: str) -> str:
    if stem == "edition":
        return SITE_URL
    page, _, paragraph = stem.partition("/")
    base = SITE_URL if page == "home" else f"{SITE_URL}{page}/"
    return f"{base}#{paragraph}" if paragraph else base


def permanent_url(stem: str) -> str:
    """The same item in this release's own folder: the essay's edition names its changelog (`releases:`)."""
    return SITE_URL + f"v/{VERSION}/" + expected_url(stem)[len(SITE_URL) :]


def test_bibtex_exports_parse_back_with_pybtex(built_site):
    for path in (built_site / "cite").rglob("*.bib"):
        stem = path.relative_to(built_site / "cite").as_posix()[: -len(".bib")]
        data = parse_string(path.read_text(encoding="utf-8"), "bibtex")
        (key,) = data.entries
        entry = data.entries[key]
        editorial = stem.split("/")[0] + "/" in EDITORIAL
        expected_authors = ["{" + n + "}" for n in EDITOR_NAMES] if editorial else INVERTED
        assert [str(p) for p in entry.persons["author"]] == expected_authors
        assert [str(p) for p in entry.persons["editor"]] == ["{" + n + "}" for n in EDITOR_NAMES]
        assert entry.fields["url"] == expected_url(stem)
        assert entry.fields["note"].replace("\\#", "#").endswith(f"; permanent link: {permanent_url(stem)}")
        assert entry.fields["version"] == VERSION and entry.fields["year"] == str(DATE.year)
        assert entry.fields["date"] == DATE.isoformat()
        if stem == "edition" or stem.startswith("home/"):
            assert entry.type == "book" and entry.fields["title"] == "{" + EDITION["title"] + "}"
        else:
            assert entry.type == "incollection" and entry.fields["booktitle"] == "{" + EDITION["title"] + "}"


def test_ris_exports_parse_back_with_rispy(built_site):
    for path in (built_site / "cite").rglob("*.ris"):
        stem = path.relative_to(built_site / "cite").as_posix()[: -len(".ris")]
        (record,) = rispy.loads(path.read_text(encoding="utf-8"))
        editorial = stem.split("/")[0] + "/" in EDITORIAL
        assert record["authors"] == (EDITOR_NAMES if editorial else INVERTED)
        assert record["urls"] == [expected_url(stem), permanent_url(stem)]
        assert record["year"] == str(DATE.year) and record["date"] == DATE.strftime("%Y/%m/%d")
        assert record["edition"] == f"Version {VERSION}"
        assert record["type_of_reference"] in {"BOOK", "CHAP"}
        if record["type_of_reference"] == "CHAP":
            assert record["secondary_title"] == EDITION["title"]


def test_csl_json_exports_are_valid_and_render_with_citeproc(built_site):
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    for path in (built_site / "cite").rglob("*.json"):
        stem = path.relative_to(built_site / "cite").as_posix()[: -len(".json")]
        data = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(data)
        (item,) = data
        assert item["URL"] == expected_url(stem) and item["version"] == VERSION
        assert item["note"].endswith(f"ermanent link: {permanent_url(stem)}")
        bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        (rendered,) = [str(entry) for entry in bibliography.bibliography()]
        kind = "edition" if stem == "edition" or stem.startswith("home/") else "part"
        assert rendered.startswith(lead(stem.split("/")[0] + "/", kind)) and EDITION["title"] in rendered
        assert expected_url(stem) in rendered


# -- paragraph anchors ------------------------------------------------------------------------


def test_every_paragraph_anchor_is_present_unique_and_from_the_sources(pages):
    sources = source_paragraph_ids()
    seen: dict[str, str] = {}
    for page, soup in pages.items():
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates, f"/{page}: ids used twice: {duplicates}"
        for link in article(soup).select("a.scholia-para-link"):
            paragraph = link.parent
            assert paragraph.name == "p" and link["href"] == f"#{paragraph['id']}", link
        paragraphs = article(soup).find_all("p", id=PARAGRAPH_ID)
        for paragraph in paragraphs:
            links = paragraph.find_all("a", class_="scholia-para-link", recursive=False)
            assert len(links) == 1, f"/{page}#{paragraph['id']}: {len(links)} links"
            (link,) = links
            assert link["aria-label"] == f"Link to paragraph {paragraph['id'][1:]}"
            assert link.get_text() == ""  # the pilcrow is drawn by CSS; the text stays the text
        if page == FULL_TEXT:
            assert sorted(p["id"] for p in paragraphs) == sorted(sources)
            continue
        for paragraph in paragraphs:
            ident = paragraph["id"]
            assert ident not in seen, f"{ident} on /{seen.get(ident)} and /{page}"
            seen[ident] = page
            assert sources.get(ident) == source_name(page), f"{ident} is not written in docs/{source_name(page)}"
    assert set(seen) == set(sources)


def test_headings_keep_their_ids(pages):
    for page, soup in pages.items():
        meta = front_matter(source_name(page))
        if meta.get("section"):
            assert article(soup).find("h1")["id"] == f"s{meta['section']}"


# -- the full text ------------------------------------------------------------------------------


def test_the_full_text_has_every_section_notes_references_and_editorial_notes(pages):
    soup = pages[FULL_TEXT]
    body = soup.select_one("div.scholia-full-text")
    assert body is not None
    (title,) = body.find_all("h1")
    for permalink in title.select(".headerlink"):
        permalink.extract()
    assert title.get_text(strip=True) == EDITION["title"]
    order = [section["data-source"] for section in body.select("section.scholia-part")]
    assert order[0] == "index.md" and order[-1] == "references.md"
    assert {"editorial-notes.md", "references.md"} <= set(order)
    assert "updates.md" not in order
    headings = [h["id"] for h in body.find_all("h2", id=re.compile(r"^s\d+$"))]
    assert headings == [f"s{n}" for n in range(1, len(headings) + 1)] and len(headings) >= 6
    assert len(body.select("div.footnote li[id]")) >= len(headings)  # the notes of each section
    assert len(body.select("li.reference-entry[id^=ref-]")) == len(pages["references/"].select("li.reference-entry"))
    assert body.find(id="e001") is not None  # the editorial notes
    assert body.select_one(".scholia-full-text-head") is not None
    assert f"Version {VERSION}" in body.select_one(".scholia-full-text-head").get_text()


def test_the_full_text_links_resolve(pages, built_site):
    soup = pages[FULL_TEXT]
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for link in soup.select("article a[href]"):
        href = link["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif not urllib.parse.urlsplit(href).scheme:
            target = urllib.parse.urljoin(f"/{FULL_TEXT}", href).split("#")[0].lstrip("/")
            path = built_site / target
            assert path.is_file() or (path / "index.html").is_file(), href


def test_every_page_links_to_the_full_text_and_the_pdf(pages):
    for page, soup in pages.items():
        pdf = [a for a in soup.select("a[href]") if a["href"].endswith(PDF)]
        assert pdf and pdf[0].has_attr("download"), f"/{page}: no PDF link"
        if page != FULL_TEXT:
            links = [a for a in soup.select("a.scholia-action[href]") if a["href"].rstrip("/").endswith("full-text")]
            assert links and links[0]["aria-label"] == "Read as one page", f"/{page}: no 'Read as one page'"


# -- the PDF ------------------------------------------------------------------------------------------


def test_the_pdf_is_a_pdf_of_the_whole_edition(built_site):
    path = built_site / PDF
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(path)
    info = reader.metadata
    assert info.title == EDITION["title"]
    assert info.author == ", ".join(AUTHORS)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    expected = DATE.strftime("D:%Y%m%d000000") if not epoch.isdigit() else None
    if expected:
        assert info["/CreationDate"].startswith(expected) and info["/ModDate"].startswith(expected)
    def text_of(page) -> str:
        # pypdf reads this font's ToUnicode map as UTF-16 code units; pdfium and
        # poppler read the text as it is: drop the stray NULs.
        return " ".join(page.extract_text().replace("\x00", "").split())

    first = text_of(reader.pages[0])
    assert first.startswith(" ".join(EDITION["title"].split()))  # the title on top of the first page,
    assert AUTHORS[0] in first.split(EDITION["title"].split()[-1], 1)[1][:80]  # the author below it
    text = " ".join(text_of(page) for page in reader.pages)
    for heading in ("1. Introduction", "6. Conclusion", "Editorial notes", "References"):
        assert heading in text
    assert "Copy BibTeX" not in text and "Cite this" not in text  # no screen controls
    assert len(reader.outline) >= 1  # bookmarks from the headings
