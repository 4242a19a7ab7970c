"""Citation previews in a real browser: hover, keyboard, tap.

Debian's Chromium through Playwright, on the edition's strict build served on
127.0.0.1 (the ``open_page`` fixture of tests/conftest.py). An in-text
citation shows its full reference in Material's footnote tooltip when the
mouse rests on it, when it gets keyboard focus, and on a first tap on a touch
screen (the second tap follows the link to the note).
"""

from __future__ import annotations

import re

import pytest

PAGE = "personal-factors/"
CITATION = "span.citation a.citation-ref[data-key='heinzig1998']"
TOOLTIP = ".md-tooltip2--active"
REFERENCE_TEXT = "The Soviet Union and Communist China 1945\u20131950"


def preview(tab, has_text: str | None = None):
    """The active preview, once it is shown (the one with ``has_text``, if given:
    tabbing past buttons with titles may leave their tooltips active too)."""
    tooltip = tab.locator(TOOLTIP, has_text=has_text) if has_text else tab.locator(TOOLTIP)
    tooltip.first.wait_for(state="visible", timeout=5_000)
    return tooltip.first


def test_hovering_a_citation_shows_its_full_reference(open_page):
    tab, watch = open_page(PAGE)
    assert tab.locator(TOOLTIP).count() == 0
    tab.locator(CITATION).first.hover()
    tooltip = preview(tab)
    text = tooltip.inner_text()
    assert "Heinzig, D. (1998)" in text and REFERENCE_TEXT in text
    link = tooltip.locator("a.reference-link")
    assert re.search(r"references/#ref-heinzig1998$", link.get_attribute("href"))
    tab.mouse.move(0, 0)
    tab.locator(TOOLTIP).wait_for(state="detached", timeout=5_000)
    assert not watch.problems(), watch.problems()


def test_a_citation_keeps_the_size_and_weight_of_the_text(open_page):
    tab, _ = open_page(PAGE)
    sizes = tab.eval_on_selector(
        CITATION,
        """(link) => {
            const own = getComputedStyle(link), text = getComputedStyle(link.closest('p'));
            return [own.fontSize, text.fontSize, own.fontWeight, text.fontWeight];
        }""",
    )
    assert sizes[0] == sizes[1] and sizes[2] == sizes[3], sizes


def test_keyboard_focus_on_a_citation_shows_its_reference(open_page):
    tab, watch = open_page(PAGE)
    tab.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(400):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('a.citation-ref')"):
            break
    else:
        pytest.fail("Tab never reached an in-text citation")
    key = tab.evaluate("document.activeElement.dataset.key")
    expected = tab.evaluate(
        "(key) => document.querySelector(`div.footnote span.reference[data-key='${key}']`).textContent", key
    )
    start = " ".join(expected.split())[:60]
    tooltip = preview(tab, has_text=start[:30])
    assert "(" in tooltip.inner_text() and tooltip.inner_text().strip()
    assert start in " ".join(tooltip.inner_text().split())
    # the focused citation announces its preview; moving focus on closes it
    assert tab.evaluate("document.activeElement.getAttribute('aria-haspopup')") == "dialog"
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    assert not watch.problems(), watch.problems()


def test_a_tap_shows_the_reference_and_a_second_tap_follows_the_link(open_page):
    tab, watch = open_page(PAGE, width=390)  # phone: touch events, no hover
    citation = tab.locator(CITATION).first
    citation.scroll_into_view_if_needed()
    before = tab.url
    citation.tap()
    tooltip = preview(tab)
    assert REFERENCE_TEXT in tooltip.inner_text()
    assert tab.url == before, "the first tap must not leave the text"
    citation.tap()
    tab.wait_for_url(re.compile(r"#fn:c1$"), timeout=5_000)
    assert not watch.problems(), watch.problems()
