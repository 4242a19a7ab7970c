"""Corrections in a real browser: the paragraph actions, the quoted selection,
and anchor redirects (Debian's Chromium, the built site on 127.0.0.1)."""

from __future__ import annotations

import json
import urllib.parse

PAGE = "personal-factors/"


def query(href: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query))


def first_paragraph(tab):
    return tab.locator('article p[id^="p"]').first


def select_words(tab, paragraph_id: str, words: int) -> str:
    """Select the first ``words`` words of a paragraph, as a reader would by dragging."""
    return tab.evaluate(
        """([id, words]) => {
            const paragraph = document.getElementById(id);
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            const text = walker.nextNode();
            const end = text.data.split(" ").slice(0, words).join(" ").length;
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, end);
            const selection = getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return selection.toString();
        }""",
        [paragraph_id, words],
    )


def test_a_paragraph_offers_both_actions_on_hover(open_page):
    tab, watch = open_page(PAGE)
    paragraph = first_paragraph(tab)
    paragraph_id = paragraph.get_attribute("id")
    toggle = paragraph.locator(".corrections-para__toggle")
    assert toggle.evaluate("el => getComputedStyle(el.parentElement).opacity") == "0"
    paragraph.hover()
    tab.wait_for_function("el => getComputedStyle(el.parentElement).opacity === '1'", arg=toggle.element_handle())
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    edit = paragraph.locator(".corrections-para__edit")
    report = paragraph.locator(".corrections-para__report")
    assert edit.is_visible() and report.is_visible()
    box = tab.locator("[data-corrections]")
    assert edit.get_attribute("href") == box.get_attribute("data-edit-url")
    fields = query(report.get_attribute("href"))
    assert fields["page"] == box.get_attribute("data-page-url") + "#" + paragraph_id
    assert f"paragraph {paragraph_id[1:]}" in fields["location"]
    assert fields["source"] == "docs/personal-factors.md"
    assert "passage" not in fields
    assert not watch.problems()


def test_the_paragraph_button_is_reachable_and_visible_by_keyboard(open_page):
    tab, _ = open_page(PAGE)
    toggle = first_paragraph(tab).locator(".corrections-para__toggle")
    toggle.focus()
    assert toggle.evaluate("el => getComputedStyle(el.parentElement).opacity") == "1"
    assert toggle.evaluate("el => el.matches(':focus-visible') || document.activeElement === el")
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('corrections-para__edit')")
    tab.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert tab.evaluate("document.activeElement.classList.contains('corrections-para__toggle')")


def test_a_selected_passage_is_quoted_in_the_paragraph_report(open_page):
    tab, _ = open_page(PAGE)
    paragraph = first_paragraph(tab)
    paragraph_id = paragraph.get_attribute("id")
    paragraph.hover()
    paragraph.locator(".corrections-para__toggle").click()
    passage = select_words(tab, paragraph_id, 8)
    report = paragraph.locator(".corrections-para__report")
    report.dispatch_event("pointerdown")
    fields = query(report.get_attribute("href"))
    assert fields["passage"] == " ".join(passage.split())
    assert fields["page"].endswith("#" + paragraph_id)


def test_a_selected_passage_is_quoted_in_the_page_report_with_its_section_and_paragraph(open_page):
    tab, _ = open_page(PAGE)
    paragraph_id = first_paragraph(tab).get_attribute("id")
    passage = select_words(tab, paragraph_id, 5)
    report = tab.locator("aside.corrections a.corrections-report")
    report.dispatch_event("pointerdown")
    fields = query(report.get_attribute("href"))
    assert fields["passage"] == " ".join(passage.split())
    assert fields["page"].endswith("/personal-factors/#" + paragraph_id)
    assert fields["location"].startswith("2. Personal Factors, paragraph " + paragraph_id[1:])
    assert fields["title"] == f"Correction: 2. Personal Factors, paragraph {paragraph_id[1:]}"


def test_without_a_selection_the_page_report_names_page_and_section_only(open_page):
    tab, _ = open_page(PAGE)
    report = tab.locator("aside.corrections a.corrections-report")
    report.dispatch_event("pointerdown")
    fields = query(report.get_attribute("href"))
    assert "passage" not in fields and fields["location"] == "2. Personal Factors"


def test_an_anchor_redirect_leads_to_the_new_anchor(open_page, site_server):
    """A renamed anchor, declared in anchor_redirects, is followed by the page's script.

    The page is served with one declared redirect added (as the plugin writes
    it), so the repository's configuration need not contain one.
    """
    tab, _ = open_page(PAGE, go=False)
    url = site_server.page_url(PAGE)

    def with_redirect(route):
        response = route.fetch()
        moved = json.dumps({"p2.old": "../introduction/#s1"}).replace('"', "&quot;")
        body = response.text().replace('data-anchor-redirects="{}"', f'data-anchor-redirects="{moved}"', 1)
        assert body != response.text(), "the corrections box carries data-anchor-redirects"
        route.fulfill(response=response, body=body)

    tab.route(url, with_redirect)
    tab.goto(url + "#p2.old")
    tab.wait_for_url("**/introduction/#s1")  # the old page's search index request is cut short: not checked


def test_on_the_one_page_full_text_each_paragraph_names_its_own_file(open_page, built_site):
    """The full text joins the pages; a paragraph's actions open the page it comes from."""
    joined = [
        path for path in built_site.rglob("index.html") if 'class="scholia-part"' in path.read_text(encoding="utf-8")
    ]
    assert joined, "no page joins others (the one-page full text)"
    tab, watch = open_page(joined[0].parent.relative_to(built_site).as_posix() + "/")
    paragraph = tab.locator('section[data-source="personal-factors.md"] p[id^="p"]').first
    paragraph.hover()
    paragraph.locator(".corrections-para__toggle").click()
    edit = paragraph.locator(".corrections-para__edit").get_attribute("href")
    assert edit.endswith("/edit/main/docs/personal-factors.md")
    fields = query(paragraph.locator(".corrections-para__report").get_attribute("href"))
    assert fields["source"] == "docs/personal-factors.md"
    assert fields["page"].endswith("#" + paragraph.get_attribute("id"))
    assert not watch.problems()
