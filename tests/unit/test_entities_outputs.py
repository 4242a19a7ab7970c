"""What the index makes of the mentions: the index page, preview cards, JSON-LD, CSV, JSON and TEI.

Plain data in (a registry, the mentions of two pages), markup and files out,
parsed and asserted; hostile text in the registry must come out as text.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.entities import exports, index_page, jsonld
from mkdocs_scholia.entities.extension import DocumentMentions, Mention
from mkdocs_scholia.entities.mentions import MentionIndex, PageRef, place_label
from mkdocs_scholia.plugins.datafiles.entities import parse

HOSTILE = '<script>alert("x")</script> & "Co"'

REGISTRY = parse(
    textwrap.dedent(
        f"""\
        entities:
          - id: tito
            kind: person
            label: Josip Broz Tito
            sort: Tito, Josip Broz
            names: [Tito]
            born: 1892-05-07
            died: 1980-05-04
            description: Leader of Yugoslavia.
            source: not recorded
          - id: stalin
            kind: person
            label: Joseph Stalin
            sort: Stalin, Joseph
            names: [Stalin]
            born: 1878-12-18
            died: 1953-03-05
            description: {json.dumps(HOSTILE)}
            wikidata: Q855
            viaf: "101787139"
            source: given
            verified: true
          - id: albania
            kind: place
            label: Albania
            names: [Albania]
            description: A state.
            wikidata: Q222
            source: the editors' knowledge
          - id: korean-war
            kind: event
            label: Korean War
            names: [Korean War]
            start: 1950-06-25
            end: 1953-07-27
            description: A war.
          - id: un
            kind: organisation
            label: United Nations
            names: [United Nations, UN]
            start: 1945-10-24
            description: An organisation.
        """
    ),
    "source/entities.yml",
)

PAGES = [
    PageRef("three.md", "Conflicts", "../three/"),
    PageRef("five.md", "Structure", "../five/"),
]
DOCUMENTS = {
    "five.md": DocumentMentions(
        "docs/five.md",
        [
            Mention("stalin", "p5.1", "Stalin", "form", True),
            Mention("albania", "p5.3", "Albania", "form", True),
            Mention("stalin", "p5.3", "Stalin", "form", True),
            Mention("stalin", "p5.3", "Stalin", "form", False),
        ],
        ["p5.1", "p5.3"],
    ),
    "three.md": DocumentMentions("docs/three.md", [Mention("stalin", "p3.1", "Stalin", "form", True)], ["p3.1"]),
}
INDEX = MentionIndex(REGISTRY, DOCUMENTS, PAGES)


def test_places_follow_the_reading_order_one_per_paragraph():
    places = INDEX.places("stalin")
    assert [(p.label, p.href, p.count) for p in places] == [
        ("\u00a73\u00a0\u00b61", "../three/#p3.1", 1),
        ("\u00a75\u00a0\u00b61", "../five/#p5.1", 1),
        ("\u00a75\u00a0\u00b63", "../five/#p5.3", 2),
    ]
    assert places[0].description == "Section 3, paragraph 1 (Conflicts)"
    assert place_label("p2.3a") == "\u00a72\u00a0\u00b63a" and place_label("title") == "title"
    assert INDEX.mentioned() == ["stalin", "albania"]
    assert INDEX.entities_on("five.md") == ["stalin", "albania"]


def test_entities_the_text_never_names_are_warnings_that_start_with_the_path():
    warnings = INDEX.unmentioned()
    assert [w.split(": ")[0] for w in warnings] == [
        "source/entities.yml:2",
        "source/entities.yml:30",
        "source/entities.yml:37",
    ]
    assert "entity 'tito' (Josip Broz Tito) is mentioned nowhere in the text" in warnings[0]


def test_the_index_groups_by_kind_sorts_and_links_back_to_every_paragraph():
    soup = BeautifulSoup(
        index_page.render_index(REGISTRY, INDEX, [index_page.Download("CSV", "entities.csv", "text/csv")]),
        "html.parser",
    )
    assert [(h["id"], h.get_text()) for h in soup.find_all("h2")] == [
        ("persons", "Persons"),
        ("places", "Places"),
        ("organisations", "Organisations"),
        ("events", "Events"),
    ]
    persons = soup.select("#persons + ul > li")
    assert [li["id"] for li in persons] == ["entity-stalin", "entity-tito"]  # Stalin, Joseph before Tito, Josip Broz
    stalin = persons[0]
    assert stalin.select_one(".scholia-entity-label").get_text() == "Stalin, Joseph"
    assert stalin.select_one(".scholia-entity-dates").get_text() == "(1878\u20131953)"
    assert stalin.select_one(".scholia-entity-description").get_text() == HOSTILE  # text, not markup
    assert stalin.find("script") is None
    assert [(a.get_text(), a["href"]) for a in stalin.select("a.scholia-entity-authority-link")] == [
        ("Q855", "https://www.wikidata.org/wiki/Q855"),
        ("101787139", "https://viaf.org/viaf/101787139"),
    ]
    assert stalin.select(".scholia-entity-unverified") == []
    places = stalin.select("a.scholia-entity-place")
    assert [a.get_text() for a in places] == ["\u00a73\u00a0\u00b61", "\u00a75\u00a0\u00b61", "\u00a75\u00a0\u00b63"]
    assert places[0]["href"] == "../three/#p3.1" and places[0]["title"] == "Section 3, paragraph 1 (Conflicts)"
    albania = soup.select_one("#entity-albania")
    assert albania.select_one(".scholia-entity-unverified").get_text() == "(not verified by the editors)"
    assert soup.select_one("#entity-tito .scholia-entity-mentions") is None  # named nowhere: no empty list
    assert soup.select_one("#entity-un .scholia-entity-forms").get_text() == "In the text: \u201cUN\u201d"
    assert soup.select_one("#entity-un .scholia-entity-dates").get_text() == "(founded 24 October 1945)"
    assert (
        soup.select_one("#entity-korean-war .scholia-entity-dates").get_text() == "(25 June 1950 \u2013 27 July 1953)"
    )
    assert soup.select_one(".scholia-entities-downloads a")["href"] == "entities.csv"
    assert index_page.anchor_ids(REGISTRY) >= {"persons", "entity-stalin", "entity-un"}


def test_a_page_gets_one_hidden_card_per_entity_it_links():
    page = (
        '<p id="p5.1"><a class="scholia-entity footnote-ref" data-entity="stalin" '
        'href="../names/#entity-stalin">Stalin</a> '
        'and <a class="scholia-entity footnote-ref" data-entity="stalin" href="../names/#entity-stalin">Stalin</a> and '
        '<a class="scholia-entity footnote-ref" data-entity="albania" href="../names/#entity-albania">Albania</a></p>'
    )
    soup = BeautifulSoup(index_page.add_cards(page, REGISTRY, "Index of names"), "html.parser")
    container = soup.select_one("div.scholia-entity-cards")
    assert container.has_attr("hidden")
    cards = container.select("div.scholia-entity-card")
    assert [card["id"] for card in cards] == ["entity-stalin", "entity-albania"]
    stalin = cards[0]
    assert stalin.select_one(".scholia-entity-label").get_text() == "Joseph Stalin"
    assert stalin.select_one(".scholia-entity-description").get_text() == HOSTILE and stalin.find("script") is None
    link = stalin.select_one("a.scholia-entity-index-link")
    assert link["href"] == "../names/#entity-stalin"
    assert " ".join(link.get_text().split()) == "\u2192 Index of names: Joseph Stalin"


def test_no_card_where_the_entry_itself_is_on_the_page_or_nothing_is_linked():
    assert index_page.add_cards("<p>No mention.</p>", REGISTRY, "Index") == "<p>No mention.</p>"
    full_text = (
        '<p><a class="scholia-entity footnote-ref" data-entity="stalin" href="#names-entity-stalin">Stalin</a></p>'
        '<li id="names-entity-stalin">entry</li>'
    )
    assert index_page.add_cards(full_text, REGISTRY, "Index") == full_text


def test_jsonld_mentions_name_each_entity_with_its_authority_uri():
    nodes = jsonld.mentions(REGISTRY, ["stalin", "albania", "stalin", "unknown"], "https://example.org/names/")
    assert nodes[0] == {
        "@type": "Person",
        "@id": "https://example.org/names/#entity-stalin",
        "name": "Joseph Stalin",
        "description": HOSTILE,
        "birthDate": "1878-12-18",
        "deathDate": "1953-03-05",
        "sameAs": ["http://www.wikidata.org/entity/Q855", "http://viaf.org/viaf/101787139"],
    }
    assert nodes[1] == {
        "@type": "Place",
        "@id": "https://example.org/names/#entity-albania",
        "name": "Albania",
        "description": "A state.",
    }
    assert len(nodes) == 2  # each once; an unverified QID is not published as sameAs
    assert "@id" not in jsonld.node(REGISTRY.get("un"))


def test_csv_export():
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(REGISTRY, INDEX, "https://example.org/names/"), newline="")))
    assert [row["id"] for row in rows] == ["stalin", "tito", "albania", "un", "korean-war"]
    stalin = rows[0]
    assert stalin["label"] == "Joseph Stalin" and stalin["description"] == HOSTILE and stalin["verified"] == "true"
    assert stalin["start"] == "1878-12-18" and stalin["wikidata"] == "Q855" and stalin["viaf"] == "101787139"
    assert stalin["mentions"] == "\u00a73 \u00b61; \u00a75 \u00b61; \u00a75 \u00b63"
    assert stalin["mention_urls"].split() == [
        "https://example.org/three/#p3.1",
        "https://example.org/five/#p5.1",
        "https://example.org/five/#p5.3",
    ]
    assert rows[2]["verified"] == "false" and rows[3]["names"] == "United Nations | UN"
    assert exports.to_csv(REGISTRY, INDEX).count("\r\n") == 6


def test_json_export():
    data = json.loads(exports.to_json(REGISTRY, INDEX, None, "Mini"))
    assert data["title"] == "Mini" and data["registry"] == "source/entities.yml"
    stalin = data["entities"][0]
    assert stalin["identifiers"][0] == {
        "authority": "wikidata",
        "id": "Q855",
        "uri": "http://www.wikidata.org/entity/Q855",
        "url": "https://www.wikidata.org/wiki/Q855",
    }
    assert stalin["mentions"][2] == {
        "page": "five.md",
        "paragraph": "p5.3",
        "label": "\u00a75 \u00b63",
        "count": 2,
        "url": "../five/#p5.3",
    }
    assert data["entities"][4]["dates"] == {
        "text": "25 June 1950 \u2013 27 July 1953",
        "start": "1950-06-25",
        "end": "1953-07-27",
    }


def test_tei_export_is_well_formed_with_one_list_per_kind():
    text = exports.to_tei(REGISTRY, INDEX, "https://example.org/names/", "Mini <edition>")
    root = ElementTree.fromstring(text.encode("utf-8"))
    ns = {"tei": exports.TEI_NS}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    assert (
        root.findtext("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=ns)
        == "Index of names: Mini <edition>"
    )
    stand_off = root.find("tei:standOff", ns)
    assert [child.tag.split("}")[1] for child in stand_off] == ["listPerson", "listPlace", "listOrg", "listEvent"]
    stalin = stand_off.find("tei:listPerson/tei:person", ns)
    assert stalin.get(xml_id) == "stalin"
    assert stalin.find("tei:birth", ns).get("when") == "1878-12-18"
    assert stalin.findtext("tei:note[@type='description']", namespaces=ns) == HOSTILE
    assert stalin.find("tei:idno[@type='Wikidata']", ns).get("cert") is None
    refs = stalin.findall("tei:note[@type='mentions']/tei:ref", ns)
    assert next(r.get("target") for r in refs) == "https://example.org/three/#p3.1"
    albania = stand_off.find("tei:listPlace/tei:place", ns)
    assert albania.find("tei:idno", ns).get("cert") == "unknown"
    war = stand_off.find("tei:listEvent/tei:event", ns)
    assert (war.get("from"), war.get("to"), war.findtext("tei:label", namespaces=ns)) == (
        "1950-06-25",
        "1953-07-27",
        "Korean War",
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "tei"])
def test_exports_are_deterministic(fmt):
    make = {"csv": exports.to_csv, "json": exports.to_json, "tei": exports.to_tei}[fmt]
    assert make(REGISTRY, INDEX, "https://example.org/names/") == make(REGISTRY, INDEX, "https://example.org/names/")
