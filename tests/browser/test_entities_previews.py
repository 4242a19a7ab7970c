"""Previews of the persons, places and events the essay names, in a real browser.

Debian's Chromium through Playwright, on the edition's strict build served on
127.0.0.1 (``open_page`` in tests/conftest.py). A mention shows its entity
(label, dates, description, the way to its index entry) when the mouse rests
on it, when it gets keyboard focus, and on a first tap on a touch screen (the
second tap follows the link), as citation previews do; nothing is fetched
from elsewhere; axe-core finds nothing on the index or on a page of mentions.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGE = "conflicts-of-national-interest/"
STALIN = "a.scholia-entity[data-entity='stalin']"
TOOLTIP = ".md-tooltip2--active"


def preview(tab, has_text: str):
    tooltip = tab.locator(TOOLTIP, has_text=has_text)
    tooltip.first.wait_for(state="visible", timeout=5_000)
    return tooltip.first


def test_hovering_a_mention_shows_who_it_is(open_page):
    tab, watch = open_page(PAGE)
    mention = tab.locator(STALIN).first
    mention.hover()
    tooltip = preview(tab, "Joseph Stalin")
    text = " ".join(tooltip.inner_text().split())
    assert "Joseph Stalin (1878\u20131953)" in text and "Leader of the Soviet Union" in text
    link = tooltip.locator("a.scholia-entity-index-link")
    assert re.search(r"index-of-names/#entity-stalin$", link.get_attribute("href"))
    tab.mouse.move(0, 0)
    tab.locator(TOOLTIP, has_text="Joseph Stalin").wait_for(state="detached", timeout=5_000)
    assert not watch.problems(), watch.problems()


def test_a_mention_is_discreet_but_not_told_by_colour_alone(open_page):
    tab, _ = open_page(PAGE)
    styles = tab.eval_on_selector(
        STALIN,
        """(link) => {
            const own = getComputedStyle(link), text = getComputedStyle(link.closest('p'));
            return {
                same: [own.fontSize === text.fontSize, own.fontWeight === text.fontWeight, own.color === text.color],
                line: own.textDecorationLine, style: own.textDecorationStyle,
            };
        }""",
    )
    assert styles["same"] == [True, True, True], styles
    assert styles["line"] == "underline" and styles["style"] == "dotted", styles


def test_keyboard_focus_on_a_mention_shows_its_preview(open_page):
    tab, watch = open_page(PAGE)
    tab.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(400):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('a.scholia-entity')"):
            break
    else:
        pytest.fail("Tab never reached a mention")
    entity = tab.evaluate("document.activeElement.dataset.entity")
    label = tab.evaluate(
        "(id) => document.querySelector("
        "`div.scholia-entity-card[data-entity='${id}'] .scholia-entity-label`).textContent",
        entity,
    )
    tooltip = preview(tab, label)
    assert label in tooltip.inner_text()
    assert tab.evaluate("document.activeElement.getAttribute('aria-haspopup')") == "dialog"
    assert not watch.problems(), watch.problems()


def test_a_tap_shows_the_preview_and_a_second_tap_goes_to_the_index(open_page):
    tab, watch = open_page(PAGE, width=390)  # phone: touch events, no hover
    mention = tab.locator(STALIN).first
    mention.scroll_into_view_if_needed()
    before = tab.url
    mention.tap()
    assert "Leader of the Soviet Union" in preview(tab, "Joseph Stalin").inner_text()
    assert tab.url == before, "the first tap must not leave the text"
    mention.tap()
    tab.wait_for_url(re.compile(r"index-of-names/#entity-stalin$"), timeout=5_000)
    assert tab.locator("#entity-stalin").is_visible()
    assert not watch.problems(), watch.problems()


def test_the_previews_stay_out_of_the_reading_and_tab_order(open_page):
    tab, _ = open_page(PAGE)
    assert not tab.locator("div.scholia-entity-cards").is_visible()
    assert tab.evaluate(
        "() => [...document.querySelectorAll('div.scholia-entity-cards a')].every((a) => a.offsetParent === null)"
    )


@pytest.mark.parametrize("page", ["index-of-names/", PAGE])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_index_or_a_page_of_mentions(open_page, page, width):
    tab, watch = open_page(page, width=width)
    tab.wait_for_load_state("networkidle")
    results = Axe().run(tab)
    violations = [
        f"{v['id']}: {v['help']} at {' '.join(map(str, node.get('target', [])))}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]
    assert not violations and not watch.problems(), violations + watch.problems()
