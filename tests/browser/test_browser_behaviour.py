"""What a reader does, in a real browser.

Search, previous/next, the palette toggle, citation tooltips and printing,
each on the locally served strict build, with Debian's Chromium.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from support.edition import nav_pages
from support.html import page_soup

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def section_text(soup: BeautifulSoup, fragment: str) -> str:
    """The text of the section a fragment opens: its heading up to the next heading
    of the same or a higher level (the whole article when there is no fragment)."""
    article = soup.select_one("article") or soup
    if not fragment:
        return article.get_text(" ")
    target = soup.find(id=fragment)
    assert target is not None, f"#{fragment} is not on the page"
    if target.name not in HEADINGS:
        return target.get_text(" ")
    level = int(target.name[1])
    parts = [target.get_text(" ")]
    for sibling in target.find_next_siblings():
        if sibling.name in HEADINGS and int(sibling.name[1]) <= level:
            break
        parts.append(sibling.get_text(" "))
    return " ".join(parts)


def relative_page(server, url: str) -> tuple[str, str]:
    """(page, fragment) of a URL on the local server."""
    parts = urllib.parse.urlsplit(url)
    assert url.startswith(server.url), url
    return parts.path[len(server.base) :], urllib.parse.unquote(parts.fragment)


def test_search_finds_khrushchev_and_opens_its_section(open_page, site_server, built_site):
    tab, watch = open_page("", width=1280)
    tab.wait_for_load_state("networkidle")
    tab.locator(".md-search__input").click()
    tab.keyboard.type("Khrushchev")
    first = tab.locator(".md-search-result__item a.md-search-result__link, .md-search-result__item > a").first
    first.wait_for(state="visible")
    assert "Khrushchev" in tab.locator(".md-search-result").inner_text()
    first.click()
    tab.wait_for_load_state("load")
    page, fragment = relative_page(site_server, tab.url)
    assert page in nav_pages(), f"search opened {tab.url}, which is not a page of the edition"
    assert "Khrushchev" in section_text(page_soup(built_site, page), fragment), (
        f"the first result opened {page}#{fragment}, a section that does not mention Khrushchev"
    )
    if fragment:  # the section is on screen, below the sticky header
        box = tab.locator(f"[id='{fragment}']").bounding_box()
        header = tab.locator(".md-header").bounding_box()
        assert box and header and header["height"] - 2 <= box["y"] < tab.viewport_size["height"], box
    # search.highlight marks the word on the opened page
    assert tab.locator("mark", has_text=re.compile("khrushchev", re.I)).count() > 0
    assert not watch.problems(), "\n".join(watch.problems())


def test_previous_and_next_walk_the_nav_in_order(open_page, site_server):
    order = nav_pages()
    tab, watch = open_page(order[0], width=1280)
    visited = [order[0]]
    while tab.locator("a.md-footer__link--next").count():
        tab.locator("a.md-footer__link--next").click()
        tab.wait_for_load_state("load")
        visited.append(relative_page(site_server, tab.url)[0])
        assert len(visited) <= len(order), f"next goes round in circles: {visited}"
    assert visited == order, "Next does not follow the nav"
    back = [visited[-1]]
    while tab.locator("a.md-footer__link--prev").count():
        tab.locator("a.md-footer__link--prev").click()
        tab.wait_for_load_state("load")
        back.append(relative_page(site_server, tab.url)[0])
        assert len(back) <= len(order), f"previous goes round in circles: {back}"
    assert back == order[::-1], "Previous does not walk the nav backwards"
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.mark.parametrize("width", [390, 1280])
def test_palette_toggle_persists_across_pages_and_reloads(open_page, width):
    order = nav_pages()
    tab, watch = open_page(order[1], width=width, scheme="light")
    scheme = lambda: tab.get_attribute("body", "data-md-color-scheme")  # noqa: E731 - read again after each click
    assert scheme() == "default"
    tab.locator("form[data-md-component=palette] label:visible").click()
    assert scheme() == "slate"
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_load_state("load")
    assert scheme() == "slate", "the dark palette was lost on the next page"
    tab.reload()
    assert scheme() == "slate", "the dark palette was lost on reload"
    tab.locator("form[data-md-component=palette] label:visible").click()
    tab.goto(tab.url.split("#")[0].rsplit("/", 2)[0] + "/")
    assert scheme() == "default", "switching back to light did not stick"
    assert not watch.problems(), "\n".join(watch.problems())


def first_page_with_citations(built_site) -> str:
    for page in nav_pages():
        if page_soup(built_site, page).select("span.citation a.footnote-ref"):
            return page
    pytest.fail("no page has a citation (span.citation a.footnote-ref)")


def note_text(tab, link) -> str:
    """The text of the note a footnote link points to, without its back-link."""
    note_id = urllib.parse.unquote(link.get_attribute("href").split("#", 1)[1])
    return tab.evaluate(
        """(id) => { const note = document.getElementById(id).cloneNode(true);
                     note.querySelectorAll('.footnote-backref').forEach((a) => a.remove());
                     return note.textContent.replace(/\\s+/g, ' ').trim(); }""",
        note_id,
    )


def test_citation_shows_its_reference_on_hover_and_on_focus(open_page, built_site):
    tab, watch = open_page(first_page_with_citations(built_site), width=1280)
    tab.wait_for_load_state("networkidle")
    # The citation itself is the marker of its note (the superscript number is hidden on screen).
    links = tab.locator("span.citation a.citation-ref.footnote-ref")
    tooltip = tab.locator(".md-tooltip2--active")

    hovered = links.nth(0)
    hovered.hover()
    tooltip.wait_for(state="visible")
    expected = note_text(tab, hovered)
    assert expected and expected[:60] in re.sub(r"\s+", " ", tooltip.inner_text()), "hover shows another text"
    violations = Axe().run(tab, context=".md-tooltip2--active").response["violations"]
    assert not violations, [v["id"] for v in violations]

    tab.mouse.move(0, tab.viewport_size["height"] - 1)
    tooltip.wait_for(state="hidden")
    focused = links.nth(min(1, links.count() - 1))
    focused.focus()
    tooltip.wait_for(state="visible")
    expected = note_text(tab, focused)
    assert expected[:60] in re.sub(r"\s+", " ", tooltip.inner_text()), "focus shows another text"
    assert not watch.problems(), "\n".join(watch.problems())


def test_print_hides_navigation_and_keeps_the_text(open_page, built_site):
    page = first_page_with_citations(built_site)
    tab, watch = open_page(page, width=1280)
    tab.emulate_media(media="print")
    chrome = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top", ".md-search"]
    for selector in chrome:
        for element in tab.locator(selector).all():
            assert not element.is_visible(), f"{selector} is printed"
    article = tab.locator("article")
    assert article.is_visible()
    text = article.inner_text()
    soup_text = page_soup(built_site, page).select_one("article").get_text(" ")
    first_paragraph = next(p for p in soup_text.split("\n") if len(p.strip()) > 40).strip()[:40]
    assert first_paragraph.split()[0] in text
    assert tab.locator("span.citation").first.is_visible(), "citations are not printed"
    assert not watch.problems(), "\n".join(watch.problems())


def test_navigation_drawer_opens_and_closes_from_the_keyboard(open_page):
    """Below 76.25em the theme's drawer gets a real button (a11y.js); above, none shows."""
    tab, watch = open_page(nav_pages()[1], width=1280)
    assert not tab.locator(".a11y-drawer-button").is_visible(), "a menu button shows beside the sidebar"
    tab, watch = open_page(nav_pages()[1], width=390)
    button = tab.locator(".a11y-drawer-button")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    home = tab.locator(".md-sidebar--primary a.md-nav__link").first
    home.wait_for(state="visible")
    tab.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert tab.evaluate("document.activeElement.classList.contains('a11y-drawer-button')")
    tab.wait_for_timeout(400)  # the drawer slides out, then leaves the tab order
    assert not home.is_visible()
    assert not watch.problems(), "\n".join(watch.problems())
