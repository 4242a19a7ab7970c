"""The edition's sources: the copy-text, the apparatus and the bibliography agree."""

from __future__ import annotations

import hashlib
import re

import pytest

from mkdocs_scholia.apparatus import copytext
from mkdocs_scholia.bib.bibliography import load
from mkdocs_scholia.markdown.syntax import BRACKETED, NARRATIVE, parse_bracketed
from mkdocs_scholia.plugins.datafiles.apparatus import load_apparatus
from support.edition import APPARATUS, COPY_TEXT, DOCS, PAGES, SHARED_COPY_TEXT

RECEIVED_KEYS = {
    "deng2011", "fairbank2006", "friedman2015", "hao1996", "heinzig1998", "li2007",
    "marku2020", "shen2006", "shen2012", "yahuda2011", "zhang2014",
}  # fmt: skip
SUPPLIED_WORKS = {"yu1977", "chai2011", "callahan2010", "nixon1967"}


@pytest.fixture(scope="module")
def departures():
    return load_apparatus(APPARATUS, COPY_TEXT.parent.parent)


@pytest.fixture(scope="module")
def bibliography():
    return load(["bibliography/essay.bib"], root=COPY_TEXT.parent.parent)


# SHA-256 of the essay exactly as received (shared/source/essay-as-received.md).
RECEIVED_SHA256 = "0f1dd2f0ffabe08a5c5cafe1cfb1b35e4b5059d230d0ed19c49f80241110e42a"


def test_the_committed_copy_text_is_the_received_text_byte_for_byte():
    assert hashlib.sha256(COPY_TEXT.read_bytes()).hexdigest() == RECEIVED_SHA256
    if SHARED_COPY_TEXT.exists():  # beside a clone, the received file itself is checked too
        assert COPY_TEXT.read_bytes() == SHARED_COPY_TEXT.read_bytes()


def test_every_original_occurs_in_the_copy_text(departures):
    copy_text = COPY_TEXT.read_text(encoding="utf-8")
    located = copytext.locate(copy_text, departures)  # raises on a missing or ambiguous original
    assert len(located) == len(departures)
    for item in located:
        assert copy_text[item.start : item.end] == item.departure.original


FIRST_EDITION_NOTES = 47  # e001-e047, published in edition 1.0.0


def test_note_ids_are_permanent_and_never_reused(departures):
    """Readers cite notes as #e005: ids run e001, e002, ... with no gap and no reuse.

    A later correction takes the next free id wherever it stands in the text,
    so no published id ever moves; only the first edition's notes are
    numbered in text order.
    """
    numbers = sorted(int(d.id[1:]) for d in departures)
    assert all(re.fullmatch(r"e\d{3}", d.id) for d in departures)
    assert numbers == list(range(1, len(departures) + 1))
    ordered = copytext.in_text_order(COPY_TEXT.read_text(encoding="utf-8"), departures)
    first = [d.id for d in ordered if int(d.id[1:]) <= FIRST_EDITION_NOTES]
    assert first == [f"e{n:03d}" for n in range(1, FIRST_EDITION_NOTES + 1)]


def test_every_superscript_marker_is_recorded(departures):
    markers = re.findall(r"<sup>\[(\d+)\]</sup>", COPY_TEXT.read_text(encoding="utf-8"))
    recorded = [re.search(r"\[(\d+)\]", d.original).group(1) for d in departures if d.kind == "marker"]
    assert recorded == markers == [str(n) for n in range(1, 12)]


def test_no_sentence_is_left_split_by_a_page_break(departures):
    """After the apparatus, every paragraph of the essay starts a sentence and ends one."""
    from mkdocs_scholia.apparatus.fidelity import expected_blocks

    for block in expected_blocks(COPY_TEXT.read_text(encoding="utf-8"), departures):
        if block.id.startswith("p") and block.section > 0:
            assert block.text[0].isupper() and block.text[-1] in ".\u201d", block.id
    assert len([d for d in departures if d.kind == "page-break" and d.page != "references"]) == 3


def test_the_lacuna_supplies_no_year(departures):
    (lacuna,) = [d for d in departures if d.kind == "lacuna"]
    assert "\u27e8\u2026\u27e9" in lacuna.edited
    assert not re.search(r"\d", lacuna.edited)


def cited_keys(text: str) -> set[str]:
    keys = set()
    for match in BRACKETED.finditer(text):
        citation = parse_bracketed(match.group("body"))
        if citation:
            keys.update(citation.keys)
    for match in NARRATIVE.finditer(BRACKETED.sub("", text)):
        keys.add(match.group("keybraced") or match.group("key"))
    return keys


def test_every_work_cited_is_in_the_bibliography_and_every_entry_is_cited(bibliography):
    cited = set()
    for name, _ in PAGES:
        cited |= cited_keys((DOCS / name).read_text(encoding="utf-8"))
    assert cited == set(bibliography.keys)
    assert set(bibliography.keys) == RECEIVED_KEYS | SUPPLIED_WORKS


def test_works_missing_from_the_received_list_are_marked_as_supplied(bibliography):
    for key in SUPPLIED_WORKS:
        note = bibliography.entry(key).fields.get("supplied", "")
        assert "Not in the received reference list" in note, key
        assert re.search(r"confidence|[Cc]onjectural", note), f"{key}: say how certain the identification is"


def test_in_text_labels_match_the_essays_citations(bibliography):
    references = {key: bibliography.reference(key) for key in bibliography.keys}
    labels = {key: f"{reference.names}, {reference.year}" for key, reference in references.items()}
    assert labels["fairbank2006"] == "Fairbank and Goldman, 2006"
    assert labels["shen2012"] == "Shen and Li, 2012"
    assert labels["callahan2010"] == "Callahan, 2010"
    assert all("&" not in label for label in labels.values())
