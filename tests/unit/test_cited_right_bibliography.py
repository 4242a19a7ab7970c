"""The edition's bibliography carries its verification, entry by entry.

Every entry of bibliography/essay.bib says in its ``verified`` field what
was checked against which source, and what could not be checked; identifiers
are well formed; an identification the editors supply says how certain it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from mkdocs_scholia.rules import dois

BIB = Path(__file__).resolve().parents[2] / "bibliography" / "essay.bib"
ENTRIES = parse_file(str(BIB), "bibtex").entries
SOURCE = re.compile(r"the work itself|publisher|catalogu|record|review|reprinted|Not verified", re.IGNORECASE)


def isbn_is_valid(isbn: str) -> bool:
    digits = isbn.replace("-", "").upper()
    if re.fullmatch(r"\d{13}", digits):
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        return sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits)) % 11 == 0
    return False


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_every_entry_records_its_verification_and_its_sources(key):
    note = " ".join(ENTRIES[key].fields.get("verified", "").split())
    assert note, f"{key}: no `verified` field"
    assert SOURCE.search(note), f"{key}: the verification names no source and says nothing is unverified"


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_identifiers_are_well_formed(key):
    fields = ENTRIES[key].fields
    if "isbn" in fields:
        assert isbn_is_valid(fields["isbn"]), f"{key}: ISBN {fields['isbn']} fails its check digit"
    if "doi" in fields:
        assert dois.is_doi(fields["doi"]) and dois.bare(fields["doi"]) == fields["doi"], key


def test_a_supplied_identification_says_how_certain_it_is_and_on_what_evidence():
    for key, entry in ENTRIES.items():
        note = entry.fields.get("supplied", "")
        if "Not in the received reference list" in note:
            assert re.search(r"[Ii]dentified with (reasonable )?confidence|[Cc]onjectural", note), key


def test_yu_1977_is_the_article_on_the_third_world_that_the_sentence_describes():
    """The essay cites Yu (1977) for Mao's friendly relations with Third World countries
    against the United States and the Soviet Union; "China's Role in Africa" (the
    identification of edition 1.0.0) is about Africa."""
    entry = ENTRIES["yu1977"]
    assert entry.fields["title"] == "China and the Third World"
    assert "China's Role in Africa" in entry.fields["supplied"]  # the earlier identification is recorded


def test_a_work_in_chinese_whose_original_title_is_known_gives_it_with_a_translation():
    entry = ENTRIES["shen2012"]
    assert re.fullmatch(r"Jiegou shiheng: .+ \[\{?Structural\}? imbalance: .+\]", entry.fields["title"])
    for key in ("hao1996", "li2007", "shen2006", "zhang2014"):  # originals not found: said so
        assert "original" in ENTRIES[key].fields["verified"] and "Not verified" in ENTRIES[key].fields["verified"]
