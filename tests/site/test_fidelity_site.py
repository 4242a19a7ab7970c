"""Fidelity on the real edition: the built site shows the copy-text, changed only
where the apparatus says (the check itself is tested in tests/unit/test_fidelity.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholia.apparatus import fidelity
from mkdocs_scholia.apparatus.fidelity import FidelityError
from mkdocs_scholia.plugins.datafiles.apparatus import load_apparatus
from support.edition import COPY_TEXT, essay_pages

# -- the real edition ---------------------------------------------------------------


def test_the_site_shows_the_copy_text_with_exactly_the_recorded_changes(built_site):
    departures = load_apparatus(COPY_TEXT.parent / "apparatus.yml")
    fidelity.check_site(built_site, essay_pages(), COPY_TEXT.read_text(encoding="utf-8"), departures)


def test_the_check_is_not_vacuous_on_the_real_site(built_site):
    """Dropping one recorded departure must make the real check fail, naming the place."""
    departures = [d for d in load_apparatus(COPY_TEXT.parent / "apparatus.yml") if d.id != "e031"]
    with pytest.raises(FidelityError) as caught:
        fidelity.check_site(built_site, essay_pages(), COPY_TEXT.read_text(encoding="utf-8"), departures)
    message = str(caught.value)
    assert "page 'structural-perspective', paragraph p5.3" in message
    assert "[-Zideng-] {+Deng+}" in message


def test_every_block_of_the_essay_is_compared(built_site):
    expected = fidelity.expected_blocks(
        COPY_TEXT.read_text(encoding="utf-8"), load_apparatus(COPY_TEXT.parent / "apparatus.yml")
    )
    found = fidelity.site_blocks(built_site, essay_pages())
    assert [b.id for b in found] == [b.id for b in expected]
    assert len(expected) == 1 + 5 + 6 + 9  # title, front matter, 6 headings, 9 paragraphs
    assert sum(len(b.text.split()) for b in found) > 2500


def test_in_text_citations_are_compared_as_the_reader_sees_them(built_site):
    found = {b.id: b.text for b in fidelity.site_blocks(built_site, essay_pages())}
    assert "(Heinzig, 1998). Deng (2011) also mentioned" in found["p2.1"]
    assert "Fairbank and Goldman (2006, p. 380) share" in found["p4.1"]
    assert "(Shen and Li, ⟨…⟩). Unlike" in found["p1.2"]
