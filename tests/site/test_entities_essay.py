"""The essay's index of names: the registry is complete, and the built edition uses it.

The registry (``source/entities.yml``) must account for every capitalised
name in the essay's text: each is a form of an entity, or listed among the
names deliberately not indexed, with a reason. The built edition (one strict
build per session, the ``built_site`` fixture) links the mentions, carries
their previews, lists every entity on the index page with back-links, and
publishes ``mentions`` with the authority's URI in each page's JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_scholia.entities.matching import Matcher, pattern_for
from mkdocs_scholia.plugins.datafiles.entities import load
from mkdocs_scholia.rules import paragraphs
from support import REPO
from support.edition import PAGES
from support.html import page_file

pytestmark = pytest.mark.slow

REGISTRY = load("source/entities.yml", root=REPO)
INDEX_URL = "index-of-names/"
ESSAY = [url for name, url in PAGES if name not in ("references.md", "editorial-notes.md")]

# Words that may open a sentence without being names, though the essay never
# writes them in lower case (any other capitalised word opening a sentence
# is ordinary when the essay also writes it in lower case).
SENTENCE_OPENERS = {
    "Although", "Another", "Because", "Between", "Despite", "Finally", "Followers", "Generally",
    "One", "Secondly", "Since", "Specifically", "Therefore", "These", "Unlike", "Abstract", "Keywords",
}  # fmt: skip
CAPITALISED = re.compile(r"[A-Z][\w\-]*")  # "Stalin" of "Stalin's"
SENTENCE_START = re.compile(r"(?:^|[.!?:;][\u201d\")]?\s+)[\u201c\"(]?$")


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site, url).read_text(encoding="utf-8"), "lxml")


def reader_text(paragraph: Tag) -> str:
    """The paragraph as a reader reads it, without citations (their names are cited authors) or markers."""
    paragraph = BeautifulSoup(str(paragraph), "lxml").find(id=paragraph["id"])
    for element in paragraph.select("span.citation, sup, a.scholia-para-link, a.headerlink"):
        element.decompose()
    return " ".join(paragraph.get_text().split())


def essay_paragraphs(site: Path) -> list[tuple[str, str]]:
    found = []
    for url in ESSAY:
        for element in soup(site, url).select("article [id]"):
            if paragraphs.is_paragraph_id(element["id"]):
                found.append((element["id"], reader_text(element)))
    return found


def test_the_registry_is_valid_and_says_where_each_identifier_comes_from():
    assert len(REGISTRY) >= 35
    assert {entity.kind for entity in REGISTRY} == {"person", "place", "organisation", "event", "work"}
    for entity in REGISTRY:
        assert entity.source, f"{entity.id}: no source"
        assert entity.description.endswith((".", ".\u201d", '."')), f"{entity.id}: a description is one sentence"
        if not entity.identifiers:
            assert entity.source.startswith("No identifier recorded"), entity.id
    assert REGISTRY.get("stalin").identifier("wikidata").value == "Q855"  # as the issue gives it
    assert REGISTRY.get("stalin").verified


def uncovered(texts: list[tuple[str, str]], registry) -> tuple[list[str], set[str]]:
    """Capitalised words no name form and no name left out accounts for; and the names left out that were used."""
    matcher = Matcher(registry)
    left_out = pattern_for([name.name for name in registry.not_indexed])
    lower_case = {word for _, text in texts for word in re.findall(r"\b[a-z][\w'\-]*", text)}
    used_left_out: set[str] = set()
    missing = []
    for paragraph, text in texts:
        covered = [(hit.start, hit.end) for hit in matcher.find(text, paragraph)]
        for match in left_out.finditer(text) if left_out else ():
            covered.append(match.span())
            used_left_out.add(match.group(0).replace("\u2019", "'"))  # as the registry types it
        keywords = text.startswith("Keywords:")  # p0.4 is a list: each keyword opens an item
        for word in CAPITALISED.finditer(text):
            if any(start <= word.start() and word.end() <= end for start, end in covered):
                continue
            before = text[: word.start()]
            opens = bool(SENTENCE_START.search(before)) or (keywords and before.endswith(", "))
            if opens and (word.group(0).lower() in lower_case or word.group(0) in SENTENCE_OPENERS):
                continue
            missing.append(
                f"{paragraph}: {word.group(0)!r} in \u2026{text[max(0, word.start() - 30) : word.end() + 30]}\u2026"
            )
    return missing, used_left_out


def test_every_capitalised_name_in_the_essay_is_indexed_or_deliberately_left_out(built_site):
    texts = essay_paragraphs(built_site)
    assert len(texts) == 5 + 9
    missing, used_left_out = uncovered(texts, REGISTRY)
    assert not missing, (
        "capitalised words that are neither a name form in source/entities.yml nor listed under "
        "`not_indexed:` (with a reason):\n" + "\n".join(missing)
    )
    unused = sorted({name.name for name in REGISTRY.not_indexed} - used_left_out)
    assert not unused, f"`not_indexed:` lists names the essay does not use: {unused}"


def test_the_completeness_check_sees_a_missing_entity(built_site):
    without_tito = replace(REGISTRY, entities=tuple(e for e in REGISTRY if e.id != "tito"))
    missing, _ = uncovered(essay_paragraphs(built_site), without_tito)
    assert [line.split(" in ")[0] for line in missing] == ["p5.3: 'Tito'", "p5.3: 'Tito'"]


def test_the_index_lists_every_entity_once_with_a_link_to_every_paragraph_naming_it(built_site):
    page = soup(built_site, INDEX_URL)
    entries = page.select("article li.scholia-entity-entry")
    assert sorted(li["data-entity"] for li in entries) == sorted(entity.id for entity in REGISTRY)
    for entry in entries:
        places = entry.select("a.scholia-entity-place")
        assert places, f"{entry['data-entity']}: named nowhere"
        for link in places:
            path, _, fragment = link["href"].partition("#")
            target = (built_site / INDEX_URL / path / "index.html").resolve()
            paragraph = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").find(id=fragment)
            assert paragraph is not None and paragraph.select(
                f'a.scholia-entity[data-entity="{entry["data-entity"]}"]'
            ), link["href"]
    stalin = page.select_one("#entity-stalin")
    assert [a.get_text() for a in stalin.select("a.scholia-entity-place")] == [
        "\u00a73\u00a0\u00b61", "\u00a74\u00a0\u00b61", "\u00a75\u00a0\u00b61", "\u00a75\u00a0\u00b63",
    ]  # fmt: skip
    assert [h.get_text() for h in page.select("article h2")] == [
        "Persons",
        "Places",
        "Organisations",
        "Events",
        "Works",
    ]


def test_the_copy_texts_own_form_is_matched_as_it_stands(built_site):
    conclusion = soup(built_site, "conclusion/")
    link = conclusion.find("a", string="Soviet Socialist Union")
    assert link is not None and link["data-entity"] == "soviet-union"


def test_mentions_are_linked_once_per_paragraph_with_their_previews(built_site):
    page = soup(built_site, "structural-perspective/")
    paragraph = page.find(id="p5.3")
    linked = [a["data-entity"] for a in paragraph.select("a.scholia-entity")]
    assert len(linked) == len(set(linked))
    assert {"tito", "stalin", "albania", "warsaw-pact", "prague-spring", "yugoslavia"} <= set(linked)
    cards = page.select("div.scholia-entity-cards[hidden] > div.scholia-entity-card")
    assert {card["data-entity"] for card in cards} == {
        a["data-entity"] for a in page.select("article a.scholia-entity")
    }
    tito = page.select_one("#entity-tito")
    assert tito.select_one(".scholia-entity-dates").get_text() == "(1892\u20131980)"
    assert tito.select_one("a.scholia-entity-index-link")["href"] == "../index-of-names/#entity-tito"


def jsonld(site: Path, url: str) -> dict:
    return json.loads(soup(site, url).select_one('script[type="application/ld+json"]').string)


def test_each_pages_jsonld_names_what_it_mentions_with_the_wikidata_uri(built_site):
    data = jsonld(built_site, "conflicts-of-national-interest/")
    by_name = {node["name"]: node for node in data["mentions"]}
    assert by_name["Joseph Stalin"]["sameAs"] == "http://www.wikidata.org/entity/Q855"
    assert by_name["Joseph Stalin"]["@id"].endswith("/index-of-names/#entity-stalin")
    assert "sameAs" not in by_name["Nikita Khrushchev"]  # not verified: not published as the same thing
    mentioned = {
        a["data-entity"] for a in soup(built_site, "conflicts-of-national-interest/").select("article a.scholia-entity")
    }
    assert len(data["mentions"]) == len(mentioned)
    full = jsonld(built_site, "full-text/")
    assert {node["@id"].rsplit("#entity-", 1)[1] for node in full["mentions"]} == {entity.id for entity in REGISTRY}


def test_the_index_is_published_as_csv_json_and_tei(built_site):
    folder = built_site / INDEX_URL
    rows = list(csv.DictReader(io.StringIO((folder / "entities.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(REGISTRY) and all(row["mention_urls"].startswith("https://") for row in rows)
    data = json.loads((folder / "entities.json").read_text(encoding="utf-8"))
    assert {entity["id"] for entity in data["entities"]} == {entity.id for entity in REGISTRY}
    root = ElementTree.fromstring((folder / "entities.xml").read_bytes())
    persons = root.findall(".//{http://www.tei-c.org/ns/1.0}person")
    assert len(persons) == sum(1 for e in REGISTRY if e.kind == "person")
