"""The reading edition in a real browser: measure, margins, targets, copying, landing.

Each check reads the served strict build with Debian's Chromium (the shared
``open_page`` fixture) as a reader would meet it, on a desktop (1280 px) or a
phone (390 px):

* the measure of the essay's paragraphs is 60-75 characters a line on a desktop;
* nothing scrolls sideways on a phone;
* every control is at least 24 x 24 px (WCAG 2.2, 2.5.8), or spaced as that
  criterion allows; links inside a sentence are exempt, as there;
* every paragraph's number is visible beside it, on screen and in print,
  with the contrast of text;
* a copied paragraph is its words: no number, button label or note number;
* notes stand beside their citations on a desktop, one marker per citation;
* an address that leads to a paragraph, a citation or a note marks it, below the sticky header;
* "Cite this" opens beside the paragraph it cites.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

SECTIONS = [
    "introduction/",
    "personal-factors/",
    "conflicts-of-national-interest/",
    "ideological-conflict/",
    "structural-perspective/",
    "conclusion/",
]
PAGES = ["", *SECTIONS, "references/", "editorial-notes/", "full-text/", "updates/"]
SECTION = "conflicts-of-national-interest/"


FRAMES = "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"


def ready(tab) -> None:
    """Wait until the text face is in use and the notes are placed (reload once: font-display optional)."""
    tab.wait_for_load_state("networkidle")
    faces = ["1em", "italic 1em", "600 1em"]
    if not all(tab.evaluate(f"document.fonts.check('{face} \"Source Serif 4\"')") for face in faces):
        tab.evaluate(f"Promise.all({faces!r}.map(f => document.fonts.load(f + ' \"Source Serif 4\"')))")
        tab.reload(wait_until="networkidle")
    tab.evaluate(FRAMES)


def words(html_paragraph) -> str:
    """A built paragraph's words, as the reader reads them (no number, no hidden note number)."""
    copy = BeautifulSoup(str(html_paragraph), "lxml")
    for node in copy.select("a.scholia-para-link, sup.citation-note"):
        node.decompose()
    return " ".join(copy.get_text().split())


# -- the measure -------------------------------------------------------------------------------

LINE_LENGTHS = """(p) => {
  // Characters on each line of the paragraph's text (controls and hidden numbers left out).
  const skip = 'a.scholia-para-link, .corrections-para, sup.citation-note';
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const range = document.createRange();
  const lines = [];
  let top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top === null || rect.top > top + rect.height / 2) { lines.push(0); top = rect.top; }
      lines[lines.length - 1] += 1;
    }
  }
  return lines;
}"""


@pytest.mark.parametrize("page", SECTIONS)
def test_the_measure_is_60_to_75_characters_on_a_desktop(open_page, page):
    tab, watch = open_page(page, width=1280)
    ready(tab)
    full_lines: list[int] = []
    for paragraph in tab.locator("article p[id^='p']").element_handles():
        lines = tab.evaluate(LINE_LENGTHS, paragraph)
        full_lines += lines[:-1]  # the last line of a paragraph is short
    assert len(full_lines) >= 8, full_lines
    mean = sum(full_lines) / len(full_lines)
    assert 60 <= mean <= 75, f"{page}: {mean:.1f} characters a line on average ({full_lines})"
    assert max(full_lines) <= 85, f"{page}: a line of {max(full_lines)} characters"
    assert not watch.problems(), watch.problems()


# -- phones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(open_page, page):
    tab, watch = open_page(page, width=390)
    ready(tab)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page or 'home'} is {width} px wide at 390 px"
    wide = tab.evaluate(
        """() => [...document.querySelectorAll('article *')].filter(e => {
             const r = e.getBoundingClientRect();
             return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5)
               && getComputedStyle(e).position !== 'fixed';
           }).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)"""
    )
    assert not wide, f"{page or 'home'}: {wide}"
    assert not watch.problems(), watch.problems()


# -- targets ------------------------------------------------------------------------------------

TARGETS = """() => {
  // WCAG 2.2, 2.5.8 (target size, minimum): every target 24 x 24 px, or a
  // 24 px circle around it meets no other target; a link in a sentence is exempt.
  const all = [...document.querySelectorAll('.md-header a[href], .md-header button, .md-header label[for],'
    + ' .md-main a[href], .md-main button, .md-main summary, .md-main input, .md-main label[for]')];
  const visible = all.filter(e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      && s.opacity !== '0' && !e.closest('[hidden], .md-tooltip2, .md-sidebar');
  });
  const inSentence = (e) => {
    if (e.tagName !== 'A') return false;
    const block = e.parentElement.closest('p, li, td, dd, figcaption');
    if (!block) return false;
    const text = block.textContent.replace(e.textContent, '').replace(/\\s+/g, '');
    return text.length > 3;
  };
  const rects = visible.map(e => e.getBoundingClientRect());
  const small = [];
  visible.forEach((e, i) => {
    const r = rects[i];
    if (r.width >= 23.5 && r.height >= 23.5) return;
    if (inSentence(e)) return;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const near = rects.some((o, j) => {
      if (j === i || visible[j].contains(e) || e.contains(visible[j])) return false;
      const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
      return Math.hypot(dx, dy) < 12;
    });
    const name = (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30);
    if (near) small.push(`${e.tagName}.${e.className} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  });
  return small;
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("page", ["", SECTION, "references/", "editorial-notes/"])
def test_every_target_is_at_least_24_px(open_page, page, width):
    tab, watch = open_page(page, width=width)
    ready(tab)
    small = tab.evaluate(TARGETS)
    assert not small, f"{page or 'home'} at {width} px: {small}"
    assert not watch.problems(), watch.problems()


def test_the_cite_this_panel_has_targets_of_24_px(open_page):
    tab, _ = open_page(SECTION, width=390)
    ready(tab)
    tab.get_by_role("link", name="Cite this").first.click()
    tab.wait_for_function("() => document.getElementById('scholia-cite').open")
    small = tab.evaluate(TARGETS)
    assert not small, small


# -- paragraph numbers -----------------------------------------------------------------------------

CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const linear = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => [r, g, b].map(linear)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = null;
  for (let node = el; node && !bg; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && !/rgba\\(.*, 0\\)$|transparent/.test(c)) bg = c;
  }
  bg = bg || getComputedStyle(document.body).backgroundColor;
  const [fr, fg, fb, fa = 1] = rgb(getComputedStyle(el).color), [br, bgc, bb] = rgb(bg);
  const mixed = [fr * fa + br * (1 - fa), fg * fa + bgc * (1 - fa), fb * fa + bb * (1 - fa)];
  const [l1, l2] = [lum(mixed), lum([br, bgc, bb])].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}"""

NUMBERS = """() => [...document.querySelectorAll('article p[id^="p"]')].map(p => {
  const a = p.querySelector(':scope > a.scholia-para-link');
  if (!a) return [p.id, null];
  const s = getComputedStyle(a), before = getComputedStyle(a, '::before');
  const r = a.getBoundingClientRect(), pr = p.getBoundingClientRect();
  return [p.id, {
    label: before.content.replace(/^"|"$/g, ''),
    shown: s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) === 1,
    inMargin: r.right <= pr.left + 1 && r.left >= 0,
    level: Math.abs(r.top - pr.top) < 4,
  }];
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_paragraph_numbers_are_visible_in_the_margin(open_page, width, scheme):
    for page in [*SECTIONS[:3], "full-text/"]:
        tab, watch = open_page(page, width=width, scheme=scheme)
        ready(tab)
        numbers = dict(tab.evaluate(NUMBERS))
        assert numbers, page
        for ident, found in numbers.items():
            assert found is not None, f"{page}#{ident} has no number"
            assert found["label"] == ident[1:], (page, ident, found)
            assert found["shown"] and found["inMargin"] and found["level"], (page, ident, found)
        for link in tab.locator("article p[id^='p'] > a.scholia-para-link").element_handles()[:3]:
            ratio = tab.evaluate(CONTRAST, link)
            assert ratio >= 4.5, f"{page}: a paragraph number's contrast is {ratio:.2f}:1"
        assert not watch.problems(), watch.problems()


def test_paragraph_numbers_are_printed_in_the_margin(open_page):
    tab, _ = open_page(SECTION, width=1280)
    ready(tab)
    tab.emulate_media(media="print")
    numbers = dict(tab.evaluate(NUMBERS))
    for ident, found in numbers.items():
        assert found["label"] == ident[1:] and found["shown"] and found["inMargin"], (ident, found)
    # On paper the notes are numbered at the section's end: the citation's number is printed.
    assert tab.evaluate("getComputedStyle(document.querySelector('sup.citation-note')).visibility") == "visible"


# -- copying ------------------------------------------------------------------------------------------

COPY = """(p) => {
  // What the page puts on the clipboard when the paragraph is selected and copied.
  const selection = getSelection();
  selection.removeAllRanges();
  const range = document.createRange();
  range.selectNodeContents(p);
  selection.addRange(range);
  const data = new DataTransfer();
  const event = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true });
  p.dispatchEvent(event);
  return { text: data.getData('text/plain'), html: data.getData('text/html'), handled: event.defaultPrevented };
}"""


@pytest.mark.parametrize("page", SECTIONS)
def test_a_copied_paragraph_is_its_words(open_page, built_site, page):
    html = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "lxml")
    expected = {p["id"]: words(p) for p in html.select("article p[id^='p']")}
    tab, watch = open_page(page, width=1280)
    ready(tab)
    tab.wait_for_selector("article p[id^='p'] .corrections-para", state="attached")  # the corrections script ran
    for ident, text in expected.items():
        copied = tab.evaluate(COPY, tab.locator(f"article p[id='{ident}']").element_handle())
        assert copied["handled"], ident
        assert " ".join(copied["text"].split()) == text, ident
        assert not copied["text"].startswith(ident[1:]), ident  # no paragraph number
        for junk in ("Correct paragraph", "Link to paragraph", "Suggest an edit", "¶"):
            assert junk not in copied["text"], (ident, junk)
        assert "scholia-para-link" not in copied["html"] and "citation-note" not in copied["html"], ident
    assert not watch.problems(), watch.problems()


def test_ctrl_c_on_paragraph_3_1_copies_its_words(open_page, site_server, built_site):
    """The issue's case: selecting paragraph 3.1 and pressing Ctrl+C, then pasting."""
    html = BeautifulSoup((built_site / SECTION / "index.html").read_text(encoding="utf-8"), "lxml")
    expected = words(html.select_one("p[id='p3.1']"))
    tab, _ = open_page(SECTION, width=1280)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    ready(tab)
    tab.wait_for_selector("p[id='p3.1'] .corrections-para", state="attached")
    tab.evaluate(
        "() => { const r = document.createRange(); r.selectNodeContents(document.getElementById('p3.1'));"
        " getSelection().removeAllRanges(); getSelection().addRange(r); }"
    )
    tab.keyboard.press("Control+C")
    pasted = tab.evaluate("navigator.clipboard.readText()")
    assert pasted.rstrip().endswith("United Nations (Yahuda, 2011).")
    assert " ".join(pasted.split()) == expected


# -- notes beside the text ----------------------------------------------------------------------------

PLACES = """() => [...document.querySelectorAll('article .footnote > ol > li[id]')].map(li => {
  const link = [...document.querySelectorAll('article a.citation-ref')]
    .find(a => a.getAttribute('href') === '#' + li.id);
  const r = li.getBoundingClientRect(), c = link.getBoundingClientRect();
  const p = link.closest('p').getBoundingClientRect();
  return { id: li.id, top: r.top, bottom: r.bottom, left: r.left, right: r.right, cite: c.top, text: p.right,
           visible: getComputedStyle(li).visibility === 'visible' };
})"""


@pytest.mark.parametrize("page", SECTIONS)
def test_notes_stand_beside_their_citations_on_a_desktop(open_page, page):
    tab, watch = open_page(page, width=1280)
    ready(tab)
    tab.wait_for_selector("article .footnote.scholia-sidenotes", state="attached")
    notes = tab.evaluate(PLACES)
    assert notes, page
    previous = None
    for note in notes:
        assert note["visible"], note
        assert note["left"] >= note["text"] + 8, f"{page}: {note['id']} overlaps the text"
        assert note["right"] <= 1280, f"{page}: {note['id']} runs off the screen"
        if previous is None or previous["bottom"] + 8 < note["cite"]:
            assert abs(note["top"] - note["cite"]) < 12, f"{page}: {note['id']} is not beside its citation: {note}"
        else:
            assert note["top"] >= previous["bottom"], f"{page}: {note['id']} overlaps the note before it"
        previous = note
    # One marker per citation: the citation. The superscript number is neither seen nor a tab stop.
    hidden = tab.evaluate(
        "() => [...document.querySelectorAll('article sup.citation-note')]"
        ".every(s => getComputedStyle(s).visibility === 'hidden' && s.getBoundingClientRect().width === 0)"
    )
    assert hidden
    assert not watch.problems(), watch.problems()


# The article's room for the notes and the footer's place, frame after frame.
SETTLED = """() => new Promise(done => {
  const article = document.querySelector('article'), footer = document.querySelector('footer');
  const seen = new Set(), started = performance.now();
  (function frame() {
    seen.add(article.style.minHeight + ' ' + Math.round(footer.getBoundingClientRect().top + scrollY));
    if (performance.now() - started < 600) requestAnimationFrame(frame); else done([...seen]);
  })();
})"""


@pytest.mark.parametrize("page", SECTIONS)
def test_the_notes_column_settles_and_stays_above_the_footer(open_page, page):
    """Making room for the last note never feeds back into the next layout (the page does not pulse)."""
    tab, _ = open_page(page, width=1280)
    ready(tab)
    tab.wait_for_selector("article .footnote.scholia-sidenotes", state="attached")
    states = tab.evaluate(SETTLED)
    assert len(states) == 1, f"{page}: the page keeps changing its height: {states}"
    lowest = tab.evaluate(
        "Math.max(...[...document.querySelectorAll('article .footnote li')].map(n => n.getBoundingClientRect().bottom))"
    )
    assert lowest <= tab.evaluate("document.querySelector('footer').getBoundingClientRect().top"), page


def test_notes_follow_the_text_on_a_phone(open_page):
    tab, _ = open_page(SECTION, width=390)
    ready(tab)
    last = tab.evaluate(
        "Math.max(...[...document.querySelectorAll('article p[id^=\"p\"]')].map(p => p.getBoundingClientRect().bottom))"
    )
    first_note = tab.evaluate("document.querySelector('article .footnote li').getBoundingClientRect().top")
    assert first_note > last
    assert tab.evaluate("getComputedStyle(document.querySelector('article .footnote')).position") == "static"


# -- landing -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("target", ["p3.1", "cite-2", "fn:c2"])
def test_landing_on_a_paragraph_citation_or_note_marks_it_below_the_header(open_page, target, width):
    tab, _ = open_page(f"{SECTION}#{target}", width=width)
    ready(tab)
    tab.evaluate(f"document.getElementById('{target}').scrollIntoView()")  # as the browser does on load
    tab.wait_for_timeout(100)
    header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    box = tab.evaluate(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect(); return [r.top, r.bottom]; }", target
    )
    assert box[0] >= header - 1, f"#{target} lands under the header ({box[0]} < {header})"
    assert box[1] <= tab.viewport_size["height"], f"#{target} is below the screen"
    marked = tab.evaluate(
        f"""(() => {{
             const el = document.getElementById('{target}');
             const mark = el.closest('span.citation') || el;
             return getComputedStyle(mark).backgroundColor;
           }})()"""
    )
    assert marked not in ("rgba(0, 0, 0, 0)", "transparent"), f"#{target} is not marked"


# -- "Cite this" beside the paragraph --------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_cite_this_paragraph_opens_beside_it(open_page, site_server, width):
    tab, watch = open_page(SECTION, width=width)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    ready(tab)
    number = tab.locator("p[id='p3.1'] > a.scholia-para-link")
    number.click()
    tab.locator(".scholia-toast").get_by_role("button", name="Cite this paragraph").click()
    item = tab.locator("[data-cite-paragraph='p3.1']")
    item.wait_for(state="visible")
    panel = tab.locator("aside.scholia-cite")
    assert panel.get_attribute("role") == "dialog"
    box, height = panel.bounding_box(), tab.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] < height, "the panel is not on the screen"
    if width >= 1280:
        near = number.bounding_box()
        assert 0 <= box["y"] - (near["y"] + near["height"]) <= 24, (box, near)
    else:
        assert abs(box["y"] + box["height"] - height) <= 1, "a phone's panel is a sheet at the bottom"
    tab.keyboard.press("Escape")
    assert panel.get_attribute("role") is None
    assert tab.evaluate("document.activeElement.matches('a.scholia-para-link')")
    assert not watch.problems(), watch.problems()


def test_the_title_page_names_the_edition_and_how_to_cite_it(open_page, built_site):
    html = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "lxml")
    facts = html.select_one("article section.scholia-title-page")
    assert facts is not None
    text = " ".join(facts.get_text().split())
    assert re.search(r"Edition \d+\.\d+\.\d+, \d{1,2} \w+ \d{4}", text), text
    assert "edited and published by Scholia Editions" in text, text  # the editors named, once with the publisher
    assert "How to cite: Wang, J. (2026) A Critical Analysis of the Breakdown of Sino-Soviet Relations" in text
    # Below the author's lines, above the keywords.
    order = [el.get("id") or el.get("class", [""])[0] for el in html.select("article > p[id], article > section")]
    assert order.index("scholia-title-page") == order.index("p0.3") + 1, order
    assert html.select_one("title").get_text().startswith("A Critical Analysis of the Breakdown")
    tab, _ = open_page("", width=390)
    ready(tab)
    clamp = tab.evaluate(
        "(() => { const e = document.querySelector('.md-header__topic .md-ellipsis');"
        " return e.scrollHeight <= e.clientHeight + 1; })()"
    )
    assert clamp, "the essay's title is cut in the phone's header"
