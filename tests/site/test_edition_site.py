"""The built edition: pages at their URLs, navigation in the essay's order,
paragraph ids, the editorial notes, the marked lacuna (one strict build)."""

from __future__ import annotations

import re
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

import pytest

from mkdocs_scholia.apparatus import copytext, fidelity, render
from mkdocs_scholia.markdown.render import anchor_for
from mkdocs_scholia.plugins.datafiles.apparatus import load_apparatus
from support.edition import APPARATUS, COPY_TEXT, PAGES, SECTIONS, front_matter, nav_files
from support.html import page_file, page_soup

PARAGRAPH_ID = fidelity.PARAGRAPH_ID
URLS = [url for _, url in PAGES]


def resolve(here: str, href: str) -> str:
    """A link's target as a site path without the leading slash ("personal-factors/")."""
    path = urlsplit(urljoin("/" + here, href)).path
    path = normpath(path) + "/" if path not in ("", "/") else ""
    return path.lstrip("/").replace("index.html", "")


@pytest.fixture(scope="module")
def departures():
    return load_apparatus(APPARATUS, COPY_TEXT.parent.parent)


def test_the_nav_lists_the_pages_in_the_essays_order():
    """The edition's pages come first, in the essay's order (pages about the site may follow)."""
    assert nav_files()[: len(PAGES)] == [name for name, _ in PAGES]


@pytest.mark.parametrize(("name", "url"), PAGES)
def test_every_page_exists_at_its_url(built_site, name, url):
    assert page_file(built_site, url).is_file(), f"docs/{name} is not at /{url}"
    soup = page_soup(built_site, url)
    assert soup.select_one("article h1") is not None
    meta = front_matter(name)
    assert meta.get("title"), f"docs/{name}: no title"
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == meta["description"]
    assert len(meta["description"].split()) >= 8, f"docs/{name}: the description should be a real sentence"


@pytest.mark.parametrize("url", URLS)
def test_navigation_order_matches_the_essay_on_every_page(built_site, url):
    nav = page_soup(built_site, url).select_one("nav.md-nav--primary")
    targets = []
    for link in nav.select("a.md-nav__link[href]"):
        if link["href"].startswith("#"):
            continue
        target = resolve(url, link["href"])
        if target not in targets:
            targets.append(target)
    assert targets[: len(URLS)] == URLS


@pytest.mark.parametrize("index", range(len(URLS)))
def test_previous_and_next_links_follow_the_essay(built_site, index):
    url = URLS[index]
    soup = page_soup(built_site, url)
    previous = soup.select_one("a.md-footer__link--prev")
    following = soup.select_one("a.md-footer__link--next")
    if index == 0:
        assert previous is None
    else:
        assert resolve(url, previous["href"]) == URLS[index - 1]
    if index < len(URLS) - 1:  # the last may lead on to pages about the site
        assert resolve(url, following["href"]) == URLS[index + 1]


@pytest.mark.parametrize(("number", "slug"), sorted(SECTIONS.items()))
def test_section_pages_keep_their_numbers(built_site, number, slug):
    assert front_matter(f"{slug}.md")["section"] == number
    heading = page_soup(built_site, f"{slug}/").select_one("article h1")
    assert heading["id"] == f"s{number}"
    assert heading.get_text().startswith(f"{number}. ")
    title = page_soup(built_site, f"{slug}/").find("title").get_text()
    assert title.startswith(f"{number}. ")


def test_the_home_page_has_the_front_matter_and_a_contents_list(built_site):
    soup = page_soup(built_site, "")
    assert soup.select_one("article h1")["id"] == "title"
    front = [element["id"] for element in soup.find_all(id=PARAGRAPH_ID)]
    assert front == ["p0.1", "p0.2", "p0.3", "p0.4", "p0.5"]
    assert soup.find(id="p0.1").get_text() == "Jianing Wang"
    assert soup.find(id="p0.3").get_text() == "jianing.2.wang@kcl.ac.uk"
    assert soup.find(id="p0.5").get_text().startswith("Abstract: Between the 1950s")
    about = soup.find(id="about-this-edition")
    assert about is not None and about.name == "h2"
    contents = soup.find(id="contents").find_next("ul")
    assert [resolve("", a["href"]) for a in contents.find_all("a")] == URLS[1:]
    for element in soup.find(id="about-this-edition").find_all_next(id=PARAGRAPH_ID):
        pytest.fail(f"edition text carries the paragraph id {element['id']}")


def test_paragraph_ids_are_present_unique_and_on_their_sections_page(built_site, departures):
    expected = [
        b.id
        for b in fidelity.expected_blocks(COPY_TEXT.read_text(encoding="utf-8"), departures)
        if b.id.startswith("p")
    ]
    seen: dict[str, str] = {}
    for url in URLS:
        for element in page_soup(built_site, url).find_all(id=PARAGRAPH_ID):
            ident = element["id"]
            assert ident not in seen, f"{ident} is on /{seen[ident]} and /{url}"
            seen[ident] = url
            section = int(ident[1:].split(".")[0])
            assert url == ("" if section == 0 else f"{SECTIONS[section]}/"), f"{ident} is on /{url}"
            assert element.name == "p"
    assert list(seen) == expected


def test_paragraph_ids_are_written_in_the_sources(departures):
    for name, _ in PAGES:
        text = (COPY_TEXT.parent.parent / "docs" / name).read_text(encoding="utf-8")
        written = re.findall(r"^\{: #(p\d+\.\d+) \}$", text, re.MULTILINE)
        assert len(written) == len(set(written)), name
        in_braces = re.findall(r"\{[^}\n]*#(p\d+\.\d+)[^}\n]*\}", text)
        assert written == in_braces, (
            f"{name}: a paragraph id not written as `{{: #pN.M }}` on the paragraph's last line"
        )


def test_the_editorial_notes_page_lists_every_departure(built_site, departures):
    soup = page_soup(built_site, "editorial-notes/")
    for departure in departures:
        anchor = soup.find(id=departure.id)
        assert anchor is not None, f"{departure.id} is not on the Editorial notes page"
        note, readings, reason = anchor.find_parent("tr").find_all("td")
        shown = [code.get_text() for code in readings.find_all("code")]
        assert shown[0] == render.visible(departure.original)
        assert shown[1:] == ([render.visible(departure.edited)] if departure.edited else [])
        assert reason.get_text() == departure.reason
        assert departure.label in note.get_text()
        link = note.find("a")
        if departure.paragraph:
            page = "" if departure.page == "front" else f"{departure.page}/"
            assert resolve("editorial-notes/", link["href"]) == page
            assert link["href"].endswith(f"#{departure.paragraph}")
    assert len(soup.select("article table tbody tr")) == len(departures)


def test_the_received_reference_list_is_reproduced_verbatim(built_site):
    soup = page_soup(built_site, "editorial-notes/")
    heading = soup.find(id="the-reference-list-as-received")
    assert heading is not None
    received = copytext.received_references(COPY_TEXT.read_text(encoding="utf-8"))
    assert heading.find_next("pre").get_text() == received.rstrip("\n") + "\n"


def test_the_superscript_markers_are_explained_once_at_the_top(built_site, departures):
    soup = page_soup(built_site, "editorial-notes/")
    article = soup.select_one("article")
    explanation = [p for p in article.find_all("p") if "The superscript markers." in p.get_text()]
    assert len(explanation) == 1
    assert explanation[0].find_next("table") is not None
    assert len([d for d in departures if d.kind == "marker"]) == 11


@pytest.mark.parametrize(("number", "slug"), sorted(SECTIONS.items()))
def test_each_section_ends_with_its_notes(built_site, departures, number, slug):
    soup = page_soup(built_site, f"{slug}/")
    mine = [d.id for d in departures if d.page == slug]
    heading = soup.find(id="editorial-notes-on-this-section")
    if not mine:
        assert heading is None
        return
    links = [a.get_text() for a in heading.find_next("ul").find_all("a") if a.get_text().startswith("e")]
    assert links == mine
    for element in heading.find_all_next(id=PARAGRAPH_ID):
        pytest.fail(f"the notes carry a paragraph id {element['id']}")


def test_no_superscript_marker_of_the_copy_text_survives(built_site):
    for url in URLS[:7]:
        for sup in page_soup(built_site, url).select("article sup"):
            assert sup.select_one("a.footnote-ref") is not None, f"/{url}: {sup}"


def test_the_lacuna_is_marked_and_not_filled(built_site):
    paragraph = page_soup(built_site, "introduction/").find(id="p1.2")
    lacuna = paragraph.select_one(".lacuna")
    assert lacuna is not None and lacuna.get_text() == "\u27e8\u2026\u27e9"
    assert "Lacuna" in lacuna["title"]
    assert lacuna.find_parent(class_="citation") is None, "the truncated citation must not be resolved"
    text = fidelity.normalise(paragraph.get_text())
    assert "(Shen and Li, \u27e8\u2026\u27e9). Unlike other academic viewpoints" in text
    assert not re.search(r"Shen and Li, \u27e8\u2026\u27e9\s*\d", text)


def test_every_work_in_the_bibliography_is_in_the_references(built_site):
    from mkdocs_scholia.bib.bibliography import load

    bibliography = load(["bibliography/essay.bib"], root=COPY_TEXT.parent.parent)
    soup = page_soup(built_site, "references/")
    for key in bibliography.keys:
        entry = soup.find(id=anchor_for(key))
        assert entry is not None, f"{key} is not on the References page"
        supplied = bibliography.entry(key).fields.get("supplied")
        assert ("Supplied by the editors" in entry.get_text()) == bool(supplied), key
