"""The apparatus module on small synthetic inputs: validation, application, rendering."""

from __future__ import annotations

import textwrap

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_scholia.apparatus import apparatus
from mkdocs_scholia.apparatus.apparatus import ApparatusError, Departure

COPY = textwrap.dedent(
    """\
    # A Title

    **Keywords:** Nternational

    ## 1. One

    The first paragrah (Smith & Jones, 2001) and the end<sup>[1]</sup>. It was
    relatively

    poor (Smith & Jones, 2001).

    ## References

    - [1] Smith, a., 2001. *A book*. London:

    Publisher.
    """
)


def entry(**fields):
    base = {
        "id": "e001",
        "page": "one",
        "paragraph": "p1.1",
        "original": "paragrah",
        "edited": "paragraph",
        "kind": "typo",
        "reason": "A letter is missing.",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def departures(*entries):
    return apparatus.parse(list(entries))


# -- validation -----------------------------------------------------------------


def test_a_valid_entry_becomes_a_departure():
    (departure,) = departures(entry())
    assert departure == Departure(
        id="e001",
        page="one",
        paragraph="p1.1",
        original="paragrah",
        edited="paragraph",
        kind="typo",
        reason="A letter is missing.",
    )
    assert departure.label == "typing error"


def test_an_empty_file_has_no_departures():
    assert apparatus.parse(None) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "spelling"}, "kind 'spelling' is not one of"),
        ({"reason": None}, "missing field 'reason'"),
        ({"original": ""}, "'original' must not be empty"),
        ({"edited": "paragrah"}, "'edited' equals 'original'"),
        ({"id": "note-1"}, "id 'note-1' must look like e001"),
        ({"paragraph": "2.3"}, "paragraph '2.3' must look like p2.3"),
        ({"paragraph": "p0.1"}, "does not belong on page 'one'"),
        ({"page": "Personal Factors"}, "must be a page slug"),
        ({"occurrence": 0}, "'occurrence' must be a whole number"),
        ({"edited": 4}, "field 'edited' must be a string"),
        ({"colour": "red"}, "unknown field(s) colour"),
    ],
)
def test_schema_errors_name_the_entry_and_the_field(fields, message):
    with pytest.raises(ApparatusError) as caught:
        departures(entry(id="e001"), entry(**{"id": "e002", **fields}))
    text = str(caught.value)
    assert message in text
    assert "entry 2" in text
    if isinstance(fields.get("id", "e002"), str) and fields.get("id", "e002") == "e002":
        assert "(id e002)" in text


def test_duplicate_ids_are_refused():
    with pytest.raises(ApparatusError, match=r"entry 2 \(id e001\): duplicate id 'e001' \(also entry 1\)"):
        departures(entry(), entry(original="first"))


def test_every_problem_is_reported_at_once():
    with pytest.raises(ApparatusError) as caught:
        departures(entry(kind="x"), entry(id="e002", reason=" "))
    assert "entry 1 (id e001)" in str(caught.value) and "entry 2 (id e002)" in str(caught.value)


def test_only_a_reference_note_may_keep_the_text():
    (departure,) = departures(entry(original="(Smith & Jones, 2001)", edited="(Smith & Jones, 2001)", kind="reference"))
    assert departure.kind == "reference"


def test_the_reference_list_has_no_paragraph_ids():
    with pytest.raises(ApparatusError, match="no paragraph ids"):
        departures(entry(page="references", paragraph="p1.1"))


def test_load_reads_yaml_and_names_the_file(tmp_path):
    path = tmp_path / "apparatus.yml"
    path.write_text(yaml.safe_dump([entry()]), encoding="utf-8")
    assert apparatus.load(path)[0].id == "e001"
    path.write_text("- id: e001\n  page: [unclosed\n", encoding="utf-8")
    with pytest.raises(ApparatusError, match="not valid YAML"):
        apparatus.load(path)
    path.write_text(yaml.safe_dump({"id": "e001"}), encoding="utf-8")
    with pytest.raises(ApparatusError, match=r"apparatus\.yml: the apparatus must be a YAML list"):
        apparatus.load(path)


# -- applying to the copy-text ------------------------------------------------------


def test_apply_to_makes_every_recorded_change_and_nothing_else():
    edited = apparatus.apply_to(
        COPY,
        departures(
            entry(),
            entry(id="e002", original="<sup>[1]</sup>", edited="", kind="marker"),
            entry(id="e003", original="relatively\n\npoor", edited="relatively poor", kind="page-break"),
            entry(id="e004", original="Smith & Jones", occurrence=2, edited="Smith and Jones", kind="citation"),
        ),
    )
    assert edited == COPY.replace("paragrah", "paragraph").replace("<sup>[1]</sup>", "").replace(
        "relatively\n\npoor (Smith & Jones", "relatively poor (Smith and Jones"
    )


def test_apply_to_fails_loudly_when_an_original_is_missing():
    with pytest.raises(ApparatusError, match="e001: original 'paragraph' does not occur in the copy-text"):
        apparatus.apply_to(COPY, departures(entry(original="paragraph", edited="paragraf")))


def test_apply_to_fails_loudly_when_an_original_is_ambiguous():
    with pytest.raises(ApparatusError, match=r"e001: original 'Smith & Jones' is ambiguous: it occurs 2 times \(lines 7, 10\)"):
        apparatus.apply_to(COPY, departures(entry(original="Smith & Jones", edited="Smith and Jones")))


def test_an_occurrence_beyond_the_last_is_refused():
    with pytest.raises(ApparatusError, match="occurrence 3 of 'Smith & Jones' asked for, but it occurs only 2"):
        apparatus.apply_to(COPY, departures(entry(original="Smith & Jones", occurrence=3, edited="X")))


def test_overlapping_departures_are_refused():
    with pytest.raises(ApparatusError, match="e001 and e002 overlap"):
        apparatus.apply_to(
            COPY, departures(entry(original="first paragrah"), entry(id="e002", original="paragrah (Smith"))
        )


def test_the_received_reference_list_is_everything_from_its_heading():
    assert apparatus.received_references(COPY) == "## References\n\n- [1] Smith, a., 2001. *A book*. London:\n\nPublisher.\n"
    with pytest.raises(ApparatusError):
        apparatus.received_references("# No list\n")


# -- rendering ----------------------------------------------------------------------

TITLES = {"front": "Front matter", "one": "1. One", "references": "References"}


def sample():
    return departures(
        entry(id="e001", page="front", paragraph="p0.1", original="Nternational", edited="International"),
        entry(id="e002"),
        entry(id="e003", original="<sup>[1]</sup>", edited="", kind="marker", reason="Not a *reference* [1] @x."),
        entry(id="e004", original="relatively\n\npoor", edited="relatively poor", kind="page-break"),
        entry(id="e005", page="references", paragraph=None, original="Smith, a.", edited="Smith, A.", kind="capitalisation"),
    )


def html_of(text):
    return BeautifulSoup(markdown.markdown(text, extensions=["tables", "attr_list", "fenced_code"]), "lxml")


def test_the_notes_page_lists_every_departure_with_an_anchor_and_a_link():
    rendered = apparatus.render_markdown(sample(), TITLES, copy_text=COPY)
    soup = html_of(rendered)
    for ident in ("e001", "e002", "e003", "e004", "e005"):
        assert soup.find(id=ident) is not None, ident
    links = {a["href"] for a in soup.find_all("a")}
    assert {"index.md#p0.1", "one.md#p1.1", "references.md"} <= links
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings == ["Front matter", "1. One", "References", "The reference list as received"]
    rows = soup.find_all("tr")
    assert len(rows) == 5 + 3  # five notes, one header row per table
    marker_row = soup.find(id="e003").find_parent("tr")
    note, readings, reason = marker_row.find_all("td")
    assert [part.get_text() for part in note.find_all(["strong", "a", "em"])] == ["e003", "p1.1", "superscript marker"]
    assert [code.get_text() for code in readings.find_all("code")] == ["<sup>[1]</sup>"]
    assert readings.get_text() == "<sup>[1]</sup>\u2192 (omitted)"
    assert reason.get_text() == "Not a *reference* [1] @x."
    readings = soup.find(id="e004").find_parent("tr").find_all("td")[1]
    assert [code.get_text() for code in readings.find_all("code")] == ["relatively\u23ce\u23cepoor", "relatively poor"]


def test_the_notes_page_follows_the_copy_text_order_and_counts_the_kinds():
    shuffled = list(reversed(sample()))
    rendered = apparatus.render_markdown(shuffled, TITLES, copy_text=COPY)
    assert rendered.index("e002") < rendered.index("e003") < rendered.index("e004")
    assert "in **5** places" in rendered
    assert "page-break split 1" in rendered


def test_the_received_reference_list_is_reproduced_verbatim():
    soup = html_of(apparatus.render_markdown(sample(), TITLES, copy_text=COPY))
    assert soup.find("pre").get_text() == apparatus.received_references(COPY).rstrip("\n") + "\n"


def test_a_page_the_edition_lacks_is_refused():
    with pytest.raises(ApparatusError, match="page.*the edition does not have: one"):
        apparatus.render_markdown(sample(), {"front": "Front"})


def test_readings_keep_edge_spaces_visible_and_omissions_explicit():
    assert apparatus.reading(" <sup>[2]</sup>") == "`\u2423<sup>[2]</sup>`"
    assert apparatus.reading("") == "*(omitted)*"
    assert apparatus.reading("a`b") == "``a`b``"
    assert apparatus.reading("a|b") == "a&#124;b"


def test_escaped_text_is_shown_as_written():
    text = "*stars* _under_ [link](x) <b>bold</b> & a@b | \\"
    soup = html_of(apparatus.escape(text))
    assert soup.get_text().strip() == text
    assert soup.find("a") is None and soup.find("em") is None and soup.find("b") is None


def test_section_notes_list_only_that_page_and_link_locally():
    rendered = apparatus.render_page_notes(sample(), "one")
    soup = html_of(rendered)
    assert soup.find("h2").get_text() == "Editorial notes on this section"
    items = soup.find_all("li")
    assert [li.find("a").get_text() for li in items] == ["e002", "e003", "e004"]
    assert items[0].find_all("a")[1]["href"] == "#p1.1"
    assert items[0].find("a")["href"] == "editorial-notes.md#e002"
    assert apparatus.render_page_notes(sample(), "two") == ""


def test_titles_come_from_the_nav_in_reading_order():
    nav = [{"Home": "index.md"}, {"1. One": "one.md"}, {"Part": [{"2. Two": "two.md"}]}, {"References": "references.md"}]
    assert list(apparatus.titles_from_nav(nav).items()) == [
        ("front", "Front matter"),
        ("one", "1. One"),
        ("two", "2. Two"),
        ("references", "References"),
    ]


def test_the_plugin_entry_points_read_the_files_once(tmp_path):
    (tmp_path / "copy.md").write_text(COPY, encoding="utf-8")
    (tmp_path / "app.yml").write_text(yaml.safe_dump([entry()]), encoding="utf-8")
    config = {"nav": [{"Home": "index.md"}, {"1. One": "one.md"}]}
    page = apparatus.render_page(tmp_path, "app.yml", "copy.md", config)
    assert "## 1. One" in page and "The reference list as received" in page
    notes = apparatus.page_notes(tmp_path, "app.yml", "copy.md", "one.md")
    assert "e001" in notes
    assert apparatus.page_notes(tmp_path, "app.yml", "copy.md", "index.md") == ""
    (tmp_path / "app.yml").write_text(yaml.safe_dump([entry(original="nowhere")]), encoding="utf-8")
    with pytest.raises(ApparatusError, match="does not occur"):
        apparatus.page_notes(tmp_path, "app.yml", "copy.md", "one.md")
