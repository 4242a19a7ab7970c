"""The apparatus on small synthetic inputs: validation, application, rendering."""

from __future__ import annotations

import textwrap

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_scholia.apparatus import copytext, render
from mkdocs_scholia.apparatus.model import ApparatusError, Departure
from mkdocs_scholia.plugins.datafiles import DataFileError
from mkdocs_scholia.plugins.datafiles import apparatus as apparatus_file
from mkdocs_scholia.plugins.scholia.apparatus import titles_from_nav

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
    return apparatus_file.departures(list(entries))


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
    assert apparatus_file.departures(None) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "spelling"}, "field 'kind': 'spelling' is not one of typo, spacing"),
        ({"reason": None}, "field 'reason' is missing"),
        ({"original": ""}, "field 'original': must not be empty"),
        ({"edited": "paragrah"}, "field 'edited': equals 'original'"),
        ({"id": "note-1"}, "field 'id': 'note-1' is not a note id"),
        ({"paragraph": "2.3"}, "field 'paragraph': '2.3' is not a paragraph id"),
        ({"paragraph": "p0.1"}, "does not belong on page 'one'"),
        ({"page": "Personal Factors"}, "field 'page': 'Personal Factors' is not a page slug"),
        ({"occurrence": 0}, "field 'occurrence': expected a whole number"),
        ({"edited": 4}, "field 'edited': expected text, not a number (quote it in YAML)"),
        ({"colour": "red"}, "field 'colour' is not a field here"),
    ],
)
def test_schema_errors_name_the_entry_and_the_field(fields, message):
    with pytest.raises(DataFileError) as caught:
        departures(entry(id="e001"), entry(**{"id": "e002", **fields}))
    text = str(caught.value)
    assert message in text
    # The entry is named by its id when it has a valid one, else by its position.
    assert ("entry 2" if "id" in fields else "entry 'e002'") in text
    assert "entry 'e001'" not in text


def test_a_misspelt_kind_or_field_gets_a_suggestion():
    with pytest.raises(DataFileError) as caught:
        departures(entry(kind="markr"), entry(id="e002", reasn="Typo.", reason=None))
    text = str(caught.value)
    assert "field 'kind': 'markr' is not one of" in text and "did you mean 'marker'?" in text
    assert "field 'reasn' is not a field here" in text and "did you mean 'reason'?" in text


def test_duplicate_ids_are_refused():
    with pytest.raises(DataFileError, match=r"entry 'e001', field 'id': 'e001' is used twice"):
        departures(entry(), entry(original="first"))


def test_every_problem_is_reported_at_once():
    with pytest.raises(DataFileError) as caught:
        departures(entry(kind="x"), entry(id="e002", reason=" "))
    assert len(caught.value.problems) == 2
    assert "entry 'e001', field 'kind'" in str(caught.value) and "entry 'e002', field 'reason'" in str(caught.value)


def test_a_paragraph_added_later_is_accepted():
    """``p2.3a`` (a paragraph inserted after p2.3) follows the shared paragraph-id grammar."""
    (departure,) = departures(entry(paragraph="p1.1a"))
    assert departure.paragraph == "p1.1a"
    with pytest.raises(DataFileError, match=r"'p1\.1A' is not a paragraph id"):
        departures(entry(paragraph="p1.1A"))


def test_a_departure_made_in_code_is_held_to_the_same_grammar():
    with pytest.raises(ApparatusError, match="is not a note id"):
        Departure(id='e1"><img src=x>', page="one", original="a", edited="b", kind="typo", reason="r")
    with pytest.raises(ApparatusError, match="is not a paragraph id"):
        Departure(id="e001", page="one", paragraph="p1.1 onclick", original="a", edited="b", kind="typo", reason="r")


def test_only_a_reference_note_may_keep_the_text():
    (departure,) = departures(entry(original="(Smith & Jones, 2001)", edited="(Smith & Jones, 2001)", kind="reference"))
    assert departure.kind == "reference"


def test_the_reference_list_has_no_paragraph_ids():
    with pytest.raises(DataFileError, match="no paragraph ids"):
        departures(entry(page="references", paragraph="p1.1"))


def test_load_reads_yaml_and_names_the_file_and_line(tmp_path):
    path = tmp_path / "apparatus.yml"
    path.write_text(yaml.safe_dump([entry()]), encoding="utf-8")
    assert apparatus_file.load_apparatus(path, tmp_path)[0].id == "e001"
    path.write_text("- id: e001\n  page: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^apparatus\.yml:3: not valid YAML"):
        apparatus_file.load_apparatus(path, tmp_path)
    path.write_text(yaml.safe_dump({"id": "e001"}), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^apparatus\.yml:1: the apparatus must be a YAML list"):
        apparatus_file.load_apparatus(path, tmp_path)
    path.write_text(yaml.safe_dump([entry(), entry(id="e002", kind="spelling")], sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^apparatus\.yml:13: entry 'e002', field 'kind'"):
        apparatus_file.load_apparatus(path, tmp_path)


# -- applying to the copy-text ------------------------------------------------------


def test_apply_to_makes_every_recorded_change_and_nothing_else():
    edited = copytext.apply_to(
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
    with pytest.raises(ApparatusError, match="entry 'e001': original 'paragraph' does not occur in the copy-text"):
        copytext.apply_to(COPY, departures(entry(original="paragraph", edited="paragraf")))


def test_apply_to_fails_loudly_when_an_original_is_ambiguous():
    with pytest.raises(
        ApparatusError, match=r"'e001': original 'Smith & Jones' is ambiguous: it occurs 2 times \(lines 7, 10\)"
    ):
        copytext.apply_to(COPY, departures(entry(original="Smith & Jones", edited="Smith and Jones")))


def test_an_occurrence_beyond_the_last_is_refused():
    with pytest.raises(ApparatusError, match="occurrence 3 of 'Smith & Jones' asked for, but it occurs only 2"):
        copytext.apply_to(COPY, departures(entry(original="Smith & Jones", occurrence=3, edited="X")))


def test_overlapping_departures_are_refused():
    with pytest.raises(ApparatusError, match="entries 'e001' and 'e002' overlap"):
        copytext.apply_to(
            COPY, departures(entry(original="first paragrah"), entry(id="e002", original="paragrah (Smith"))
        )


def test_copy_text_errors_name_the_file_and_line_of_the_entry(tmp_path):
    path = tmp_path / "apparatus.yml"
    path.write_text(yaml.safe_dump([entry(), entry(id="e002", original="nowhere")], sort_keys=False), encoding="utf-8")
    with pytest.raises(ApparatusError, match=r"apparatus\.yml:8: entry 'e002': original 'nowhere' does not occur"):
        copytext.locate(COPY, apparatus_file.load_apparatus(path, tmp_path))


def test_the_received_reference_list_is_everything_from_its_heading():
    assert (
        copytext.received_references(COPY)
        == "## References\n\n- [1] Smith, a., 2001. *A book*. London:\n\nPublisher.\n"
    )
    with pytest.raises(ApparatusError):
        copytext.received_references("# No list\n")


# -- rendering ----------------------------------------------------------------------

TITLES = {"index.md": "Home", "one.md": "1. One", "references.md": "References"}
SITE_EXTENSIONS = ["tables", "attr_list", "md_in_html", "fenced_code", "footnotes", "abbr", "toc"]


def link(src_uri: str, anchor: str) -> str:
    """Links as the tests read them: the docs file and the anchor."""
    return src_uri + (f"#{anchor}" if anchor else "")


def sample():
    return departures(
        entry(id="e001", page="front", paragraph="p0.1", original="Nternational", edited="International"),
        entry(id="e002"),
        entry(id="e003", original="<sup>[1]</sup>", edited="", kind="marker", reason="Not a *reference* [1] @x."),
        entry(id="e004", original="relatively\n\npoor", edited="relatively poor", kind="page-break"),
        entry(
            id="e005",
            page="references",
            paragraph=None,
            original="Smith, a.",
            edited="Smith, A.",
            kind="capitalisation",
        ),
    )


def html_of(text):
    """The notes as a site with the usual extensions shows them."""
    return BeautifulSoup(markdown.markdown(text, extensions=SITE_EXTENSIONS), "lxml")


def test_the_notes_page_lists_every_departure_with_an_anchor_and_a_link():
    rendered = render.notes_page(sample(), TITLES, link, copy_text=COPY)
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
    rendered = render.notes_page(shuffled, TITLES, link, copy_text=COPY)
    assert rendered.index("e002") < rendered.index("e003") < rendered.index("e004")
    assert "in <strong>5</strong> places" in rendered
    assert "page-break split 1" in rendered


def test_the_received_reference_list_is_reproduced_verbatim():
    soup = html_of(render.notes_page(sample(), TITLES, link, copy_text=COPY))
    assert soup.find("pre").get_text() == copytext.received_references(COPY).rstrip("\n") + "\n"


def test_a_page_the_edition_lacks_is_refused():
    with pytest.raises(ApparatusError, match="entry 'e002': page 'one' is not a page of the nav"):
        render.notes_page(sample(), {"index.md": "Front"}, link)


def test_readings_keep_edge_spaces_visible_and_omissions_explicit():
    assert render.reading(" <sup>[2]</sup>") == "<code>\u2423&lt;sup&gt;[2]&lt;/sup&gt;</code>"
    assert render.reading("") == "<em>(omitted)</em>"
    assert render.reading("a`b") == "<code>a`b</code>"
    assert render.reading("a|b") == "<code>a|b</code>"


HOSTILE_READINGS = [
    "x``<img src=x onerror=alert(1)>``y",  # closes the code span a Markdown reading would be shown in
    "`<script>alert(1)</script>`",
    "[a](javascript:alert(1))",
    'x {: onclick="alert(1)" }',
    "@heinzig1998 [^1] *em*",
    "&lt;b&gt; &amp; \\",
]


@pytest.mark.parametrize("value", HOSTILE_READINGS)
def test_a_reading_or_a_reason_is_text_whatever_it_contains(value):
    """Readings and reasons are escaped HTML, passed through untouched by the site's Markdown."""
    hostile = departures(entry(original="paragrah", edited=value, reason=f"Because {value}"))
    pages = ((render.notes_page(hostile, TITLES, link), True), (render.page_notes(hostile, "one.md", link), False))
    for rendered, exact in pages:
        soup = html_of(rendered)
        assert not soup.find_all(["img", "script", "b"]), rendered
        assert all(not name.startswith("on") for element in soup.find_all(True) for name in element.attrs), rendered
        assert all(not a["href"].lower().startswith("javascript") for a in soup.find_all("a", href=True))
        if exact:  # the Editorial notes page quotes the reading exactly, in code
            shown = [code.get_text() for code in soup.find_all("code")]
            assert render.visible(value) in shown, rendered
        else:  # a section's notes give it in the reader's words, as text
            assert f"\u201c{render.readable(value)}\u201d" in soup.get_text(), rendered
        assert any(element.get_text().endswith(f"Because {value}") for element in soup.find_all(["td", "li"])), rendered


def test_text_is_shown_as_written():
    value = "*stars* _under_ [link](x) <b>bold</b> & a@b | \\"
    soup = html_of(f"<p>{render.text(value)}</p>")
    assert soup.get_text().strip() == value
    assert soup.find("a") is None and soup.find("em") is None and soup.find("b") is None


@pytest.mark.parametrize(
    "title", ['Part {: onclick="alert(1)" }', "<img src=x onerror=alert(1)>", "[a](javascript:x) *b* `c` @k #"]
)
def test_a_heading_from_the_nav_is_text_too(title):
    soup = html_of(f"## {render.heading_text(title)}")
    heading = soup.find("h2")
    assert heading.get_text() == title
    assert set(heading.attrs) <= {"id"} and not heading.find_all(True)


def test_section_notes_list_only_that_page_and_link_locally():
    rendered = render.page_notes(sample(), "one.md", link)
    soup = html_of(rendered)
    assert soup.find("h2").get_text() == "Editorial notes on this section"
    items = soup.find_all("li")
    assert [li.find("a").get_text() for li in items] == ["e002", "e003", "e004"]
    assert items[0].find_all("a")[1]["href"] == "one.md#p1.1"
    assert items[0].find("a")["href"] == "editorial-notes.md#e002"
    assert render.page_notes(sample(), "two.md", link) == ""
    assert soup.find("h2").get_text() == "Editorial notes on this section"
    front = html_of(render.page_notes(sample(), "index.md", link))
    assert front.find("h2").get_text() == "Editorial notes on the front matter"
    references = html_of(render.page_notes(sample(), "references.md", link))
    assert references.find("h2").get_text() == "Editorial notes on the reference list"
    assert references.find("li").get_text().startswith("e005 at reference list,")


def test_titles_come_from_the_nav_in_reading_order():
    nav = [
        {"Home": "index.md"},
        {"1. One": "one.md"},
        {"Part": [{"2. Two": "two.md"}]},
        {"References": "references.md"},
    ]
    assert list(titles_from_nav(nav).items()) == [
        ("index.md", "Home"),
        ("one.md", "1. One"),
        ("two.md", "2. Two"),
        ("references.md", "References"),
    ]
    headings = [h.get_text() for h in html_of(render.notes_page(sample(), titles_from_nav(nav), link)).find_all("h2")]
    assert headings == ["Front matter", "1. One", "References"]  # the home page's notes are the front matter's


def test_the_plugin_glue_reads_the_files_once_and_links_from_the_page(tmp_path):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    from mkdocs_scholia.plugins.scholia import apparatus as glue

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "editorial-notes.md").write_text("<!-- scholia:apparatus -->\n", encoding="utf-8")
    (tmp_path / "copy.md").write_text(COPY, encoding="utf-8")
    (tmp_path / "app.yml").write_text(yaml.safe_dump([entry()]), encoding="utf-8")

    def page(src_uri: str):
        return SimpleNamespace(file=File(src_uri, str(docs), str(tmp_path / "site"), use_directory_urls=True))

    nav = [{"Home": "index.md"}, {"1. One": "one.md"}, {"Editorial notes": "editorial-notes.md"}]
    notes = glue.notes_page(tmp_path, "app.yml", "copy.md", nav=nav, page=page("editorial-notes.md"))
    assert "## 1. One" in notes and "The reference list as received" in notes
    assert '<a href="../one/#p1.1">p1.1</a>' in notes
    section = glue.page_notes(tmp_path, "app.yml", "copy.md", page=page("one.md"))
    assert '<a href="../editorial-notes/#e001">e001</a> at <a href="#p1.1">p1.1</a>' in section
    assert glue.page_notes(tmp_path, "app.yml", "copy.md", page=page("index.md")) == ""
    (tmp_path / "app.yml").write_text(yaml.safe_dump([entry(original="nowhere")]), encoding="utf-8")
    with pytest.raises(PluginError, match=r"app\.yml:1: entry 'e001': original 'nowhere' does not occur"):
        glue.page_notes(tmp_path, "app.yml", "copy.md", page=page("one.md"))
    (tmp_path / "app.yml").write_text("- id: e001\n  kind: typoo\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"^app\.yml:1: entry 'e001', field 'page' is missing"):
        glue.page_notes(tmp_path, "app.yml", "copy.md", page=page("one.md"))
