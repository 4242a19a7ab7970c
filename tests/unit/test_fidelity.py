"""Fidelity: the built site shows the copy-text, changed only where the apparatus says.

These tests prove, on small synthetic pages, that the check sees what it must
see and ignores only what it must ignore; tests/site/test_fidelity_site.py runs
it on the real edition (a strict ``mkdocs build`` into a temp folder).
"""

from __future__ import annotations

import textwrap

import pytest

from mkdocs_scholia.apparatus import fidelity
from mkdocs_scholia.apparatus.fidelity import Block, FidelityError
from mkdocs_scholia.plugins.datafiles.apparatus import departures as read_departures
from mkdocs_scholia.plugins.datafiles.apparatus import load_apparatus
from support.edition import COPY_TEXT, section_slugs

# -- the check itself, on synthetic pages ---------------------------------------------------

COPY = textwrap.dedent(
    """\
    # The Title

    Ann Author

    ## 1. First

    One paragrah with (Smith, 2001)<sup>[1]</sup>.

    Second paragraph.

    ## 2. Second

    Third paragraph.

    ## References

    - [1] Smith, 2001.
    """
)
DEPARTURES = read_departures(
    [
        {"id": "e001", "page": "first", "paragraph": "p1.1", "original": "paragrah", "edited": "paragraph",
         "kind": "typo", "reason": "r"},
        {"id": "e002", "page": "first", "paragraph": "p1.1", "original": "<sup>[1]</sup>", "edited": "",
         "kind": "marker", "reason": "r"},
    ]
)


def page(h1: str, h1_id: str, *paragraphs: tuple[str, str]) -> str:
    body = "".join(f'<p id="{ident}">{html}</p>' for ident, html in paragraphs)
    return (
        '<html><body><nav><p id="p9.9">navigation is not essay text</p></nav>'
        f'<article class="md-content__inner"><h1 id="{h1_id}">{h1}<a class="headerlink" href="#{h1_id}">¶</a></h1>'
        f'{body}<p>Edition text without an id is ignored.</p></article></body></html>'
    )


CITATION = (
    '<span class="citation">(<a class="footnote-ref" href="#fn:c1">Smith, 2001</a>)'
    '<sup id="fnref:c1"><a class="footnote-ref" href="#fn:c1">1</a></sup></span>'
)


def site(tmp_path, first_p1=f"One paragraph with {CITATION}.", extra=()):
    pages = {
        "index.html": page("The Title", "title", ("p0.1", "Ann Author")),
        "first/index.html": page("1. First", "s1", ("p1.1", first_p1), ("p1.2", "Second\n   paragraph."), *extra),
        "second/index.html": page("2. Second", "s2", ("p2.1", "Third paragraph.")),
    }
    for name, html in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return tmp_path


PAGES = ["front", "first", "second"]


def test_a_faithful_site_passes(tmp_path):
    fidelity.check_site(site(tmp_path), PAGES, COPY, DEPARTURES)


def test_an_unrecorded_change_fails_naming_page_and_paragraph(tmp_path):
    changed = site(tmp_path, first_p1=f"One paragraph about {CITATION}.")
    with pytest.raises(FidelityError) as caught:
        fidelity.check_site(changed, PAGES, COPY, DEPARTURES)
    message = str(caught.value)
    assert "page 'first', paragraph p1.1: unrecorded difference" in message
    assert "[-with-] {+about+}" in message
    assert "1 unrecorded difference(s)" in message


def test_a_departure_missing_from_the_apparatus_is_an_unrecorded_change(tmp_path):
    unrecorded = r"paragraph p1.1: unrecorded difference:\n    …One \[-paragrah-\] \{\+paragraph\+\}"
    with pytest.raises(FidelityError, match=unrecorded):
        fidelity.check_site(site(tmp_path), PAGES, COPY, DEPARTURES[1:])


def test_a_change_of_one_character_is_caught(tmp_path):
    with pytest.raises(FidelityError, match=r"with \(Smith, \[-2001\)\.-\] \{\+2001\);\+\}"):
        fidelity.check_site(site(tmp_path, first_p1=f"One paragraph with {CITATION};"), PAGES, COPY, DEPARTURES)


def test_only_footnote_markers_are_dropped_other_superscripts_count(tmp_path):
    stray = site(tmp_path, first_p1=f"One paragraph with {CITATION}<sup>[1]</sup>.")
    with pytest.raises(FidelityError, match=r"\[-2001\)\.-\] \{\+2001\)\[1\]\.\+\}"):
        fidelity.check_site(stray, PAGES, COPY, DEPARTURES)


def test_a_missing_paragraph_is_reported_with_its_text(tmp_path):
    built = site(tmp_path)
    (built / "second/index.html").write_text(page("2. Second", "s2"), encoding="utf-8")
    missing = r"page 'second', paragraph p2.1: missing from the site .*Third paragraph\."
    with pytest.raises(FidelityError, match=missing):
        fidelity.check_site(built, PAGES, COPY, DEPARTURES)


def test_added_text_is_reported(tmp_path):
    added = r"page 'first', paragraph p1.3: text that is not in the copy-text: An addition"
    with pytest.raises(FidelityError, match=added):
        fidelity.check_site(site(tmp_path, extra=[("p1.3", "An addition.")]), PAGES, COPY, DEPARTURES)


def test_a_paragraph_added_later_is_compared_too(tmp_path):
    """``p1.2a`` follows the shared paragraph-id grammar: its text is read, and being
    absent from the copy-text it is reported (an older pattern skipped it silently)."""
    inserted = r"page 'first', paragraph p1.2a: text that is not in the copy-text: An insertion"
    with pytest.raises(FidelityError, match=inserted):
        fidelity.check_site(site(tmp_path, extra=[("p1.2a", "An insertion.")]), PAGES, COPY, DEPARTURES)
    assert [b.id for b in fidelity.page_blocks(page("1. First", "s1", ("p1.2a", "x")))] == ["s1", "p1.2a"]


def test_a_paragraph_id_used_twice_is_reported(tmp_path):
    with pytest.raises(FidelityError, match=r"the id p1\.2 is used twice"):
        fidelity.check_site(site(tmp_path, extra=[("p1.2", "Second paragraph.")]), PAGES, COPY, DEPARTURES)


def test_a_changed_heading_is_reported(tmp_path):
    built = site(tmp_path)
    second = page("2. The Second", "s2", ("p2.1", "Third paragraph."))
    (built / "second/index.html").write_text(second, encoding="utf-8")
    changed = r"page 'second', heading s2: unrecorded difference:\n    …2\. \{\+The\+\} Second…"
    with pytest.raises(FidelityError, match=changed):
        fidelity.check_site(built, PAGES, COPY, DEPARTURES)


def test_a_page_that_was_not_built_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="page 'third' was not built"):
        fidelity.site_blocks(site(tmp_path), [*PAGES, "third"])


def test_expected_blocks_number_paragraphs_and_stop_at_the_references():
    blocks = fidelity.expected_blocks(COPY, DEPARTURES)
    assert [(b.id, b.text) for b in blocks] == [
        ("title", "The Title"),
        ("p0.1", "Ann Author"),
        ("s1", "1. First"),
        ("p1.1", "One paragraph with (Smith, 2001)."),
        ("p1.2", "Second paragraph."),
        ("s2", "2. Second"),
        ("p2.1", "Third paragraph."),
    ]
    assert blocks[3].departures == ["e001", "e002"]


def test_whitespace_is_normalised_and_nothing_else():
    assert fidelity.normalise(" a\u00a0 b\n\tc ") == "a b c"
    assert fidelity.word_diff("a b c", "a b c") == []
    assert fidelity.word_diff("one two three", "one three") == ["…one [-two-] three…"]


def test_blocks_out_of_order_are_reported():
    expected = [Block("p1.1", "a", 1), Block("p1.2", "b", 1)]
    found = [Block("p1.2", "b", 1, "first"), Block("p1.1", "a", 1, "first")]
    assert fidelity.compare(expected, found) == [
        "the site shows the essay's blocks in another order than the copy-text: p1.2, p1.1"
    ]


# -- the apparatus and the site's paragraph ids agree -----------------------------------


def test_every_departure_lands_in_the_paragraph_it_names():
    departures = load_apparatus(COPY_TEXT.parent / "apparatus.yml")
    slugs = section_slugs()
    landed = {}
    for block in fidelity.expected_blocks(COPY_TEXT.read_text(encoding="utf-8"), departures):
        page = "front" if block.section == 0 else slugs[block.section]
        for ident in block.departures:
            landed[ident] = (page, block.id if block.id.startswith("p") else "")
    for departure in departures:
        where = landed.get(departure.id, ("references", ""))
        assert (departure.page, departure.paragraph) == where, departure.id


def test_after_the_apparatus_every_section_heading_has_the_same_level():
    blocks = fidelity.expected_blocks(
        COPY_TEXT.read_text(encoding="utf-8"), load_apparatus(COPY_TEXT.parent / "apparatus.yml")
    )
    assert {b.tag for b in blocks if b.id.startswith("s")} == {"h2"}
    assert [b.tag for b in blocks if b.id == "title"] == ["h1"]
