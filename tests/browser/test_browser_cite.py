"""The citable edition in a real browser (Debian's Chromium through Playwright, on the
served strict build): a paragraph's ¶ link copies its stable address, and
"Cite this" copies the reference and the BibTeX, RIS and CSL-JSON exactly as
published. Uses the shared harness (``open_page``, ``site_server``) of conftest.py."""

from __future__ import annotations

import datetime
import json
import time

import rispy
from pybtex.database import parse_string

from mkdocs_scholia.rules.dates import long_date
from support.edition import mkdocs_config

SITE_URL = mkdocs_config()["site_url"]
EDITION = next(p["scholia"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "scholia" in p)["edition"]
VERSION = str(EDITION["version"])
PAGE = "personal-factors/"
PARAGRAPH = "p2.1"


def with_clipboard(tab, site_server):
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    return tab


def clipboard(tab) -> str:
    return tab.evaluate("navigator.clipboard.readText()")


def copied(tab, check=lambda text: bool(text), timeout: float = 5.0) -> str:
    """What the page put on the clipboard, once it satisfies ``check``."""
    deadline = time.monotonic() + timeout
    text = clipboard(tab)
    while not check(text) and time.monotonic() < deadline:
        tab.wait_for_timeout(50)
        text = clipboard(tab)
    assert check(text), f"the clipboard holds {text!r}"
    return text


def today() -> str:
    now = datetime.datetime.now().astimezone().date()  # the browser's day: this machine's time zone
    return f"{now.day} {now:%B %Y}"


def test_paragraph_link_copies_its_stable_address_and_offers_its_reference(open_page, site_server, built_site):
    tab, watch = open_page(PAGE)
    with_clipboard(tab, site_server)
    paragraph = tab.locator(f"p[id='{PARAGRAPH}']")
    link = paragraph.locator("a.scholia-para-link")
    assert link.get_attribute("aria-label") == "Link to paragraph 2.1"
    # The paragraph's number in the margin is the link, visible without hovering.
    assert link.is_visible() and link.evaluate("el => getComputedStyle(el).opacity") == "1"
    assert link.evaluate("el => getComputedStyle(el, '::before').content") == '"2.1"'
    link.click()
    expected = f"{SITE_URL}{PAGE}#{PARAGRAPH}"
    assert copied(tab) == expected  # the published address, not the local one
    assert tab.url.endswith(f"/{PAGE}#{PARAGRAPH}")
    toast = tab.locator(".scholia-toast")
    assert "Link to paragraph 2.1 copied" in toast.inner_text()

    # "Cite this paragraph": the panel opens on the paragraph's reference, beside it.
    toast.get_by_role("button", name="Cite this paragraph").click()
    item = tab.locator(f"[data-cite-paragraph='{PARAGRAPH}']")
    item.wait_for(state="visible")
    assert tab.locator("#scholia-cite").evaluate("el => el.open")
    item.get_by_role("button", name="Copy reference (This paragraph (2.1))").click()
    reference = copied(tab, lambda text: text.startswith("Wang, J."))
    assert reference == " ".join(item.locator(".scholia-cite__reference").inner_text().split())
    # A section is a chapter of the edited edition: "in Scholia Editions (ed.) A Critical Analysis…"
    assert reference.startswith("Wang, J. (2026) ‘Personal Factors’, in Scholia Editions (ed.) A Critical Analysis")
    assert f"Version {VERSION}, {long_date(EDITION['date'])}" in reference and "para. 2.1" in reference
    permanent = f"{SITE_URL}v/{VERSION}/{PAGE}#{PARAGRAPH}"  # the version's own copy (edition: releases:)
    assert reference.endswith(
        f"Available at: {expected} (Accessed: {today()}). Permanent link to version {VERSION}: {permanent}."
    )
    assert not watch.problems(), watch.problems()


def test_cite_this_copies_the_published_exports(open_page, site_server, built_site):
    tab, watch = open_page(PAGE)
    with_clipboard(tab, site_server)
    tab.get_by_role("link", name="Cite this").first.click()  # the button at the top of the page
    panel = tab.locator("#scholia-cite")
    tab.wait_for_function("() => document.getElementById('scholia-cite').open")
    section = panel.locator(".scholia-cite__item[data-cite-kind=part]")
    assert "This section" in section.inner_text()

    texts = {}
    for ext, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")):
        tab.evaluate("navigator.clipboard.writeText('')")
        section.get_by_role("button", name=f"Copy {label} (This section)").click()
        texts[ext] = copied(tab)
        published = built_site / "cite" / f"personal-factors.{ext}"
        assert texts[ext] == published.read_text(encoding="utf-8").replace("\r\n", "\n")

    entry = parse_string(texts["bib"], "bibtex").entries["wang2026critical-s2"]
    assert entry.fields["url"] == f"{SITE_URL}{PAGE}" and entry.fields["version"] == VERSION
    (record,) = rispy.loads(texts["ris"])
    assert record["type_of_reference"] == "CHAP"
    assert record["urls"] == [f"{SITE_URL}{PAGE}", f"{SITE_URL}v/{VERSION}/{PAGE}"]  # current, then permanent
    (item,) = json.loads(texts["json"])
    assert item["type"] == "chapter" and item["chapter-number"] == "2"

    # The whole edition's reference, too.
    whole = panel.locator(".scholia-cite__item[data-cite-kind=edition]")
    whole.get_by_role("button", name="Copy reference (The whole edition)").click()
    text = copied(tab, lambda text: "Available at" in text)
    assert text.startswith("Wang, J. (2026) A Critical Analysis of the Breakdown of Sino-Soviet Relations")
    permanent = f"{SITE_URL}v/{VERSION}/"
    assert text.endswith(
        f"Available at: {SITE_URL} (Accessed: {today()}). Permanent link to version {VERSION}: {permanent}."
    )
    assert panel.locator(".scholia-cite__status").inner_text() == "Reference copied"
    assert not watch.problems(), watch.problems()


def test_an_address_with_a_paragraph_shows_that_paragraphs_reference(open_page):
    tab, watch = open_page(f"{PAGE}#{PARAGRAPH}")
    item = tab.locator(f"[data-cite-paragraph='{PARAGRAPH}']")
    assert item.evaluate("el => !el.hidden")
    others = tab.locator("[data-cite-paragraph]:not([hidden])")
    assert others.count() == 1
    assert not watch.problems(), watch.problems()


def test_the_full_text_prints_without_navigation_and_with_link_addresses(open_page):
    tab, watch = open_page("full-text/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', 'aside.scholia-cite', '.scholia-action']
                  .map(s => [s, [...document.querySelectorAll(s)].every(
                    e => getComputedStyle(e).display === 'none')])"""
    )
    assert all(ok for _, ok in hidden), hidden
    # The paragraphs' numbers are printed in the margin (the link is the number, drawn from data-label).
    numbers = tab.evaluate(
        """() => [...document.querySelectorAll('a.scholia-para-link')].map(a =>
             [getComputedStyle(a).display, getComputedStyle(a, '::before').content, a.dataset.label])"""
    )
    assert numbers, "no paragraph number"
    assert all(display != "none" and content == f'"{label}"' for display, content, label in numbers), numbers
    # A link that leaves the text prints its address; one that shows it already does not.
    printed = tab.evaluate(
        """() => {
             const p = document.createElement('p');
             p.innerHTML = 'See <a href="https://example.org/a-work">a work</a>.';
             document.querySelector('.scholia-full-text').append(p);
             return getComputedStyle(p.querySelector('a'), '::after').content;
           }"""
    )
    assert "https://example.org/a-work" in printed
    shown = tab.evaluate(
        """() => [...document.querySelectorAll('.scholia-full-text a[href^="http"]')].map(a =>
             [a.textContent.trim(), a.href, getComputedStyle(a, '::after').content])"""
    )
    assert shown
    for text, href, after in shown:
        if text.rstrip("/") == href.rstrip("/") or text.startswith("http"):
            assert after in ("none", "normal", '""'), (text, after)
        else:
            assert href in after, (text, href, after)
    # Notes stay readable: they are printed, and their back-links are not.
    assert tab.evaluate("getComputedStyle(document.querySelector('.scholia-full-text .footnote')).display") != "none"
    assert tab.evaluate("getComputedStyle(document.querySelector('.footnote-backref')).display") == "none"
    assert not watch.problems(), watch.problems()
