"""The index of names on a small throwaway site: real strict builds, HTML and data parsed.

A mini-site with a registry gets linked mentions with their hidden previews,
the index with back-links to every paragraph, JSON-LD ``mentions`` with the
authority's URI as ``sameAs``, and the exports. A broken registry stops the
build with ``file:line``; without a registry nothing of the feature is there.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import REPO
from support.build import mkdocs_build

pytestmark = pytest.mark.slow

# The head templates (JSON-LD) come from the repository's overrides/ where the
# package does not ship them itself.
OVERRIDES = REPO / "overrides"
CUSTOM_DIR = f"\n  custom_dir: {OVERRIDES}" if (OVERRIDES / "partials" / "scholia-meta.html").is_file() else ""

BIB = (
    "@book{heinzig1998, author = {Heinzig, Dieter}, title = {The Soviet Union and Communist China},"
    " publisher = {Routledge}, year = {1998}}\n"
)

PAGES = {
    "index.md": """\
        ---
        title: Home
        description: "A small edition with an index of names, to test the index of names."
        ---

        # The essay {#title}

        An abstract about Stalin and China.
        {: #p0.1 }
        """,
    "one.md": """\
        ---
        title: "1. One"
        description: "The first section, which names Stalin twice and Tito once, and cites a work."
        section: 1
        ---

        # 1. Stalin and Tito {#s1}

        Stalin quarrelled with Tito [@heinzig1998]. Stalin won nothing.
        {: #p1.1 }

        The Yugoslav state went its own way; Tito stayed.
        {: #p1.2 }
        """,
    "two.md": """\
        ---
        title: "2. Two"
        description: "The second section, which names China and, once more, Stalin in its text."
        section: 2
        ---

        # 2. China {#s2}

        China and Stalin, and `Stalin` in code.
        {: #p2.1 }
        """,
    "names.md": """\
        ---
        title: Index of names
        description: "Every person and place the small edition names, with where it names them."
        ---

        # Index of names

        <!-- scholia:entities -->
        """,
    "references.md": """\
        ---
        title: References
        description: "Every work cited in this small edition, in Harvard order, for the tests."
        ---

        # References

        <!-- scholia:references -->
        """,
    "full-text.md": """\
        ---
        title: Full text
        description: "The whole small edition on one page, for reading, printing and citing it."
        ---

        <!-- scholia:full-text -->
        """,
}

REGISTRY = """\
entities:
  - id: stalin
    kind: person
    label: Joseph Stalin
    sort: Stalin, Joseph
    names: [Stalin]
    born: 1878-12-18
    died: 1953-03-05
    description: Leader of the Soviet Union from the 1920s until his death.
    wikidata: Q855
    source: given by the issue
    verified: true
  - id: tito
    kind: person
    label: Josip Broz Tito
    names: [Tito]
    born: 1892
    died: 1980
    description: Leader of Yugoslavia <from> 1945 & until 1980.
  - id: china
    kind: place
    label: China
    names: [China]
    description: The People's Republic of China.
    wikidata: Q148
    source: the editors' knowledge
  - id: yugoslavia
    kind: place
    label: Yugoslavia
    names: [Yugoslavia]
    description: The socialist federal state of the South Slavs.
    include:
      - {paragraph: p1.2, text: The Yugoslav state}
"""


def make_site(
    tmp_path: Path, *, registry: str | None = REGISTRY, entities: str | None = None, pages: dict | None = None
) -> Path:
    root = tmp_path / "src"
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in {**PAGES, **(pages or {})}.items():
        if text is not None:
            (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    if registry is not None:
        (root / "source").mkdir()
        (root / "source" / "entities.yml").write_text(registry, encoding="utf-8")
    if entities is None:
        entities = (
            "      entities:\n        registry: source/entities.yml\n        index_page: names.md\n"
            if registry is not None
            else ""
        )
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Mini edition
            site_url: https://example.org/mini/
            use_directory_urls: true
            nav:
              - Home: index.md
              - 1. One: one.md
              - 2. Two: two.md
              - References: references.md
              - Index of names: names.md
              - Full text: full-text.md
            theme:
              name: material{custom_dir}
              font: false
            markdown_extensions: [attr_list, footnotes, toc]
            plugins:
              - search
              - scholia:
                  bibliography: [refs.bib]
                  cache: false
                  edition:
                    title: Mini edition
                    authors: [{name: Ann Author}]
                    version: "1.0"
                    date: 2026-11-25
                  full_text:
                    pdf: false
                    exclude: [names.md]
            """
        ).replace("{custom_dir}", CUSTOM_DIR)
        + entities,
        encoding="utf-8",
    )
    return root


def build(root: Path, destination: Path | None = None, check: bool = True):
    return mkdocs_build(root / "mkdocs.yml", destination or root.parent / "site", check=check)


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def jsonld_of(soup: BeautifulSoup) -> dict:
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("entities")
    root = make_site(tmp)
    build(root)
    return tmp / "site"


def test_the_first_mention_per_paragraph_links_to_the_index_entry(built):
    one = page(built, "one")
    links = one.select("article a.scholia-entity")
    assert [(a.get_text(), a["data-entity"], a["href"]) for a in links] == [
        ("Stalin", "stalin", "../names/#entity-stalin"),
        ("Tito", "tito", "../names/#entity-tito"),
        ("The Yugoslav state", "yugoslavia", "../names/#entity-yugoslavia"),
        ("Tito", "tito", "../names/#entity-tito"),
    ]
    assert all("footnote-ref" in a["class"] for a in links)  # Material's tooltip hook
    first = one.find(id="p1.1")
    assert [a.get_text() for a in first.select("a.scholia-entity")] == ["Stalin", "Tito"]  # the second Stalin is text
    assert first.get_text().startswith("Stalin quarrelled with Tito (Heinzig, 1998")
    assert one.select("h1 a.scholia-entity") == [] and page(built, "two").select("code a") == []


def test_each_page_carries_the_previews_of_what_it_links_hidden(built):
    one = page(built, "one")
    cards = one.select("article div.scholia-entity-cards[hidden] > div.scholia-entity-card")
    assert [card["id"] for card in cards] == ["entity-stalin", "entity-tito", "entity-yugoslavia"]
    tito = one.select_one("#entity-tito")
    assert tito.select_one(".scholia-entity-label").get_text() == "Josip Broz Tito"
    assert tito.select_one(".scholia-entity-dates").get_text() == "(1892\u20131980)"
    assert tito.select_one(".scholia-entity-description").get_text() == "Leader of Yugoslavia <from> 1945 & until 1980."
    assert tito.select_one("a.scholia-entity-index-link")["href"] == "../names/#entity-tito"
    ids = [tag["id"] for tag in one.select("[id]")]
    assert len(ids) == len(set(ids))


def test_the_index_lists_every_entity_by_kind_with_back_links(built):
    names = page(built, "names")
    article = names.select_one("article")
    assert [h.get_text() for h in article.find_all("h2")] == ["Persons", "Places"]
    assert [li["id"] for li in article.select("li.scholia-entity-entry")] == [
        "entity-tito",
        "entity-stalin",
        "entity-china",
        "entity-yugoslavia",
    ]  # fmt: skip (sorted as printed: "Josip Broz Tito", "Stalin, Joseph")
    stalin = article.select_one("#entity-stalin")
    assert stalin.select_one(".scholia-entity-label").get_text() == "Stalin, Joseph"
    places = stalin.select("a.scholia-entity-place")
    assert [(a.get_text(), a["href"]) for a in places] == [
        ("\u00a70\u00a0\u00b61", "../#p0.1"),
        ("\u00a71\u00a0\u00b61", "../one/#p1.1"),
        ("\u00a72\u00a0\u00b61", "../two/#p2.1"),
    ]
    assert stalin.select_one("a.scholia-entity-authority-link")["href"] == "https://www.wikidata.org/wiki/Q855"
    assert article.select_one("#entity-china .scholia-entity-unverified") is not None
    assert [a.get_text() for a in article.select("#entity-yugoslavia a.scholia-entity-place")] == [
        "\u00a71\u00a0\u00b62"
    ]
    toc = [a.get_text(strip=True) for a in names.select("nav.md-nav--secondary a")]
    assert "Persons" in toc and "Places" in toc


def test_every_back_link_leads_to_a_paragraph_that_names_the_entity(built):
    names = page(built, "names")
    for entry in names.select("li.scholia-entity-entry"):
        entity = entry["data-entity"]
        for link in entry.select("a.scholia-entity-place"):
            path, _, fragment = link["href"].partition("#")
            target = (built / "names" / path / "index.html").resolve()
            paragraph = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml").find(id=fragment)
            assert paragraph is not None, link["href"]
            named = {a["data-entity"] for a in paragraph.select("a.scholia-entity")}
            assert entity in named, (entity, link["href"])


def test_jsonld_mentions_carry_the_authority_uri(built):
    one = jsonld_of(page(built, "one"))
    assert [node["name"] for node in one["mentions"]] == ["Joseph Stalin", "Josip Broz Tito", "Yugoslavia"]
    stalin = one["mentions"][0]
    assert stalin["@type"] == "Person" and stalin["sameAs"] == "http://www.wikidata.org/entity/Q855"
    assert stalin["@id"] == "https://example.org/mini/names/#entity-stalin"
    two = jsonld_of(page(built, "two"))
    assert [node["name"] for node in two["mentions"]] == ["China", "Joseph Stalin"]
    assert "sameAs" not in two["mentions"][0]  # China's identifier is not verified
    full = jsonld_of(page(built, "full-text"))
    assert {node["name"] for node in full["mentions"]} == {"Joseph Stalin", "China", "Josip Broz Tito", "Yugoslavia"}
    assert "mentions" not in jsonld_of(page(built, "references"))


def test_the_full_text_links_its_mentions_to_the_index_with_previews(built):
    full = page(built, "full-text")
    links = full.select("article a.scholia-entity")
    assert links and all(a["href"].startswith("../names/#entity-") for a in links)
    cards = full.select("div.scholia-entity-cards > div.scholia-entity-card")
    assert {card["id"] for card in cards} == {"entity-stalin", "entity-china", "entity-tito", "entity-yugoslavia"}


def test_search_indexes_the_text_and_the_index_but_not_the_hidden_previews(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    one = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("one/"))
    assert "quarrelled" in one and "South Slavs" not in one and "Leader of Yugoslavia" not in one
    names = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("names/"))
    assert "South Slavs" in names


def test_the_exports_sit_next_to_the_index(built):
    rows = list(csv.DictReader(io.StringIO((built / "names" / "entities.csv").read_text(encoding="utf-8"), newline="")))
    assert [row["id"] for row in rows] == ["tito", "stalin", "china", "yugoslavia"]
    assert rows[1]["mention_urls"].split()[0] == "https://example.org/mini/#p0.1"
    data = json.loads((built / "names" / "entities.json").read_text(encoding="utf-8"))
    assert data["entities"][1]["identifiers"][0]["uri"] == "http://www.wikidata.org/entity/Q855"
    assert (built / "names" / "entities.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    names = page(built, "names")
    assert [a["href"] for a in names.select(".scholia-entities-downloads a")] == [
        "entities.csv",
        "entities.json",
        "entities.xml",
    ]


def test_the_assets_are_served_and_linked(built):
    one = page(built, "one")
    assert one.select_one('link[href$="assets/scholia/entities.css"]') is not None
    assert one.select_one('script[src$="assets/scholia/entities.js"]') is not None
    assert (built / "assets" / "scholia" / "entities.js").is_file()


def test_two_builds_are_byte_identical(built, tmp_path):
    root = make_site(tmp_path)
    again = tmp_path / "again"
    build(root, again)
    for name in (
        "names/index.html",
        "one/index.html",
        "names/entities.csv",
        "names/entities.json",
        "names/entities.xml",
    ):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


def test_without_a_registry_nothing_of_the_index_is_there(tmp_path):
    root = make_site(tmp_path, registry=None, pages={"names.md": None})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace("  - Index of names: names.md\n", ""))
    build(root)
    site = tmp_path / "site"
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "scholia-entit" not in text and "entities.css" not in text, html
    assert not (site / "assets" / "scholia" / "entities.js").exists()
    assert "mentions" not in jsonld_of(page(site, "one"))


# -- a broken registry stops the build, naming file and line ----------------------------------

BROKEN = {
    "ambiguous": (
        REGISTRY.replace("names: [China]", "names: [China, Tito]"),
        "source/entities.yml:23: entity 'china', field 'names': ambiguous name form 'Tito': 'tito' (line 16)",
    ),
    "unknown kind": (
        REGISTRY.replace("kind: place\n    label: China", "kind: country\n    label: China"),
        "source/entities.yml:21: entity 'china', field 'kind': 'country' is not one of person, place",
    ),
    "malformed QID": (
        REGISTRY.replace("wikidata: Q855", "wikidata: Q-855"),
        "source/entities.yml:10: entity 'stalin', field 'wikidata': 'Q-855' is not a Wikidata item id",
    ),
    "duplicate id": (
        REGISTRY.replace("id: china", "id: tito"),
        "source/entities.yml:20: entity 'tito', field 'id': 'tito' is used twice (also line 13)",
    ),
    "exception that matches nothing": (
        REGISTRY.replace("text: The Yugoslav state", "text: the Yugoslav State"),
        "source/entities.yml:33: entity 'yugoslavia', field 'include': 'the Yugoslav State' does not occur in p1.2",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_registry_stops_the_build_with_file_and_line(tmp_path, case):
    registry, message = BROKEN[case]
    process = build(make_site(tmp_path, registry=registry), check=False)
    assert process.returncode != 0
    assert message in process.stderr, process.stderr


def test_an_entity_the_text_never_names_is_a_warning_so_strict_builds_stop(tmp_path):
    registry = (
        REGISTRY
        + "  - id: nixon\n    kind: person\n    label: Richard Nixon\n    names: [Nixon]\n    description: President.\n"
    )
    process = build(make_site(tmp_path, registry=registry), check=False)
    assert process.returncode != 0
    warning = "WARNING -  source/entities.yml:34: entity 'nixon' (Richard Nixon) is mentioned nowhere in the text"
    assert warning in process.stderr


def test_the_index_page_must_exist_and_hold_the_marker(tmp_path):
    process = build(make_site(tmp_path / "a", pages={"names.md": None}), check=False)
    assert "`entities: index_page: names.md` is not a page in docs/" in process.stderr
    no_marker = (
        '---\ntitle: Index of names\ndescription: "An index page without its marker line."\n---\n\n# Index of names\n'
    )
    process = build(make_site(tmp_path / "b", pages={"names.md": no_marker}), check=False)
    assert (
        "docs/names.md is the index page (`entities: index_page:`) but lacks the line <!-- scholia:entities -->"
        in process.stderr
    )
