"""The registry of entities: typed loading, and every mistake a build must stop on, with file:line.

No build, no network: the YAML is parsed from strings as ``source/entities.yml``.
"""

from __future__ import annotations

import textwrap

import pytest

from mkdocs_scholia.entities.model import Dates, When
from mkdocs_scholia.plugins.datafiles.entities import load, parse
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError

PATH = "source/entities.yml"


def registry(text: str):
    return parse(textwrap.dedent(text), PATH)


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        registry(text)
    return caught.value.problems


GOOD = """\
entities:
  - id: stalin
    kind: person
    label: Joseph Stalin
    sort: Stalin, Joseph
    names: [Stalin]
    born: 1878-12-18
    died: 1953-03-05
    description: >-
      Leader of the Soviet Union
      until his death.
    wikidata: Q855
    source: given by the issue
    verified: true
  - id: korean-war
    kind: event
    label: Korean War
    names: [Korean War]
    start: 1950-06-25
    end: 1953-07
    description: The war in Korea.
  - id: armistice
    kind: work
    label: Korean Armistice Agreement
    names: [Armistice Agreement]
    date: "1953-07-27"
    description: The armistice.
  - id: yugoslavia
    kind: place
    label: Yugoslavia
    names: [Yugoslav]
    start: 1945
    end: 1992
    description: A state.
    include:
      - {paragraph: p5.3, text: the Yugoslav  state}
not_indexed:
  - name: Sino-Soviet
    reason: An adjective.
"""


def test_a_valid_registry_becomes_plain_typed_data():
    loaded = registry(GOOD)
    assert loaded.path == PATH
    stalin = loaded.get("stalin")
    assert stalin.kind == "person" and stalin.label == "Joseph Stalin" and stalin.heading == "Stalin, Joseph"
    assert stalin.forms == ["Stalin"] and stalin.names[0].line == 6
    assert stalin.description == "Leader of the Soviet Union until his death."  # folded YAML, one space
    assert stalin.dates == Dates(When(1878, 12, 18), When(1953, 3, 5))
    assert stalin.dates_text == "1878\u20131953"
    assert [(i.authority, i.value) for i in stalin.identifiers] == [("wikidata", "Q855")]
    assert stalin.verified and stalin.same_as == ["http://www.wikidata.org/entity/Q855"]
    assert stalin.anchor == "entity-stalin" and stalin.line == 2
    assert loaded.get("korean-war").dates_text == "25 June 1950 \u2013 July 1953"
    assert loaded.get("armistice").dates_text == "27 July 1953"
    assert loaded.get("yugoslavia").dates_text == "1945\u20131992"
    occurrence = loaded.get("yugoslavia").include[0]
    assert (occurrence.paragraph, occurrence.text, occurrence.line) == ("p5.3", "the Yugoslav state", 36)
    assert [(n.name, n.reason, n.line) for n in loaded.not_indexed] == [("Sino-Soviet", "An adjective.", 38)]
    assert [kind for kind, _ in loaded.grouped()] == ["person", "place", "event", "work"]


def test_an_unverified_identifier_is_never_published_as_the_same_thing():
    loaded = registry(
        """\
        entities:
          - id: khrushchev
            kind: person
            label: Nikita Khrushchev
            names: [Khrushchev]
            description: Leader.
            wikidata: Q35314
            source: the editors' knowledge, not checked
        """
    )
    entity = loaded.get("khrushchev")
    assert not entity.verified and entity.same_as == []
    assert entity.identifier("wikidata").page_url == "https://www.wikidata.org/wiki/Q35314"


def test_an_ambiguous_name_form_is_an_error_naming_it_and_both_entries():
    found = problems(
        """\
        entities:
          - id: kim-il-sung
            kind: person
            label: Kim Il Sung
            names: [Kim Il Sung, Kim]
            description: Leader.
          - id: kim-jong-il
            kind: person
            label: Kim Jong Il
            names:
              - Kim
            description: Leader.
        """
    )
    assert len(found) == 1
    assert found[0].startswith(f"{PATH}:11: entity 'kim-jong-il', field 'names': ambiguous name form 'Kim'")
    assert "'kim-il-sung' (line 5) has it too" in found[0]
    assert "under its 'include'" in found[0]  # the way out


def test_an_unknown_kind_is_an_error_with_its_line_and_a_suggestion():
    found = problems(
        """\
        entities:
          - id: tito
            kind: persn
            label: Tito
            names: [Tito]
            description: Leader.
        """
    )
    assert found == [
        (
            f"{PATH}:3: entity 'tito', field 'kind': 'persn' is not one of person, place, organisation, event, work; "
            "did you mean 'person'?"
        )
    ]


@pytest.mark.parametrize("value", ["Q0855", "q855", "855", "Q855x", "https://www.wikidata.org/wiki/Q855", "Q"])
def test_a_malformed_wikidata_id_is_an_error_with_its_line(value):
    found = problems(
        f"""\
        entities:
          - id: stalin
            kind: person
            label: Joseph Stalin
            names: [Stalin]
            description: Leader.
            source: somewhere
            wikidata: "{value}"
        """
    )
    assert len(found) == 1
    assert found[0].startswith(f"{PATH}:8: entity 'stalin', field 'wikidata': '{value}' is not a Wikidata item id")
    assert "e.g. 'Q855'" in found[0]


def test_a_duplicate_id_is_an_error_naming_the_first_use():
    found = problems(
        """\
        entities:
          - id: china
            kind: place
            label: China
            names: [China]
            description: A state.
          - id: china
            kind: place
            label: China again
            names: [PRC]
            description: The same.
        """
    )
    assert found == [
        (
            f"{PATH}:7: entity 'china', field 'id': 'china' is used twice (also line 2); ids are the permanent "
            "anchors of the index: give this entity its own"
        )
    ]


def test_every_problem_is_reported_at_once_in_file_order():
    found = problems(
        """\
        entities:
          - id: Bad Id
            kind: person
            label: X
            names: [X]
            description: Y.
          - id: ok
            kind: place
            label: Z
            names: [Z]
            description: Y.
            wikdata: Q1
          - id: dated
            kind: event
            label: E
            names: [E]
            description: Y.
            start: "1953-02-30"
        """
    )
    assert [p.split(": ")[0] for p in found] == [f"{PATH}:2", f"{PATH}:12", f"{PATH}:18"]
    assert "entity 1, field 'id': 'Bad Id' is not an entity id" in found[0]
    assert "entity 'ok', field 'wikdata' is not a field here" in found[1] and "did you mean 'wikidata'?" in found[1]
    assert "entity 'dated', field 'start': '1953-02-30' is not a date" in found[2]


def test_an_impossible_date_that_yaml_reads_as_a_date_is_an_error_at_its_line():
    found = problems("entities:\n  - id: x\n    kind: event\n    start: 1953-02-30\n")
    assert len(found) == 1 and found[0].startswith(f"{PATH}:4: not valid YAML") and "1953-02-30" in found[0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("born: 1900\n    start: 1900", "a person has 'born' and 'died', not 'start'"),
        ("born: 1950\n    died: 1900", "ends (1900) before it starts (1950)"),
        ("wikidata: Q1", "field 'wikidata': say where the identifier comes from in 'source'"),
        ("verified: true", "'verified: true' needs an identifier"),
        ("description: ''", "must not be empty"),
        ("names: []", "give the forms of the name"),
        ("description: " + "x" * 401, "keep it under 400"),
        ("names: ['---']", "is not a name: it has no letter or digit"),
    ],
)
def test_entries_that_contradict_themselves_are_errors(fields, message):
    base = {"description": "description: Someone.", "names": "names: [Someone]"}
    for key in list(base):
        if fields.startswith(key + ":"):
            base.pop(key)
    text = (
        "entities:\n  - id: someone\n    kind: person\n    label: Someone\n    "
        + "\n    ".join([*base.values(), fields])
        + "\n"
    )
    with pytest.raises(DataFileError) as caught:
        parse(text, PATH)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_exceptions_are_checked_against_the_forms():
    found = problems(
        """\
        entities:
          - id: mao
            kind: person
            label: Mao Zedong
            names: [Mao]
            description: Leader.
            exclude:
              - {paragraph: p2.1, text: Zedong}
            include:
              - {paragraph: p2.1, text: Mao}
              - {paragraph: p2.1, text: Chairman}
          - id: china
            kind: place
            label: China
            names: [China]
            description: A state.
            include:
              - {paragraph: p2.1, text: Chairman}
              - {paragraph: p2.x, text: the country}
        """
    )
    assert any(
        p.startswith(f"{PATH}:8: entity 'mao', field 'exclude': 'Zedong' is not one of its name forms") for p in found
    )
    assert any(
        p.startswith(f"{PATH}:10: entity 'mao', field 'include': 'Mao' is already one of its name forms")
        for p in found
    )
    assert any(
        p.startswith(f"{PATH}:19: entity 'china', include 2, field 'paragraph': 'p2.x' is not a paragraph id")
        for p in found
    )
    assert len(found) == 3, found


def test_a_text_given_to_another_entity_in_one_paragraph_needs_that_entity_to_give_it_up():
    text = """\
    entities:
      - id: mao-zedong
        kind: person
        label: Mao Zedong
        names: [Mao]
        description: Leader.
      - id: mao-anying
        kind: person
        label: Mao Anying
        names: [Mao Anying]
        description: His son.
        include:
          - {paragraph: p2.1, text: Mao}
    """
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith(f"{PATH}:13: entity 'mao-anying', field 'include': ambiguous: 'Mao' in p2.1")
    assert "add it to the 'exclude' of 'mao-zedong' for p2.1" in found[0]
    fixed = text.replace(
        "description: Leader.", "description: Leader.\n        exclude: [{paragraph: p2.1, text: Mao}]"
    )
    assert registry(fixed).get("mao-anying").include[0].text == "Mao"


def test_a_name_both_indexed_and_not_indexed_is_an_error():
    found = problems(
        """\
        entities:
          - id: china
            kind: place
            label: China
            names: [China]
            description: A state.
        not_indexed:
          - {name: China, reason: Too common.}
        """
    )
    assert found == [
        (
            f"{PATH}:8: not_indexed 'China' is also a name form of 'china' (line 5); "
            "remove it from one of the two lists"
        )
    ]


def test_invalid_yaml_and_wrong_shapes_are_errors_with_a_line():
    assert problems("entities:\n  - id: x\n   kind: person\n")[0].startswith(f"{PATH}:3: not valid YAML")
    assert problems("- just a list\n") == [
        f"{PATH}:1: expected a mapping with 'entities:' (and 'not_indexed:') at the top"
    ]
    assert problems("entities:\n  - plain text\n") == [f"{PATH}:2: entity 1: expected a mapping of fields, not a str"]
    assert problems("entries: []\n") == [
        f"{PATH}:1: 'entries' is not a part of the registry (parts: entities, not_indexed); did you mean 'entities'?"
    ]
    assert problems("entities:\n  - id: x\n    id: y\n")[0].startswith(f"{PATH}:3: the key 'id' is given twice")


def test_yaml_tags_that_build_objects_are_refused():
    with pytest.raises(DataFileError) as caught:
        parse("entities: !!python/object/apply:os.system ['true']\n", PATH)
    assert "not valid YAML" in caught.value.problems[0]


def test_an_empty_file_is_an_empty_registry():
    assert len(parse("", PATH)) == 0


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(DataFileError) as caught:
        load("source/entities.yml", root=tmp_path)
    assert caught.value.problems[0].startswith("source/entities.yml: cannot be read")
