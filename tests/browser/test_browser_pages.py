"""Every page in a real browser: clean loads, axe-core, keyboard.

For each page of the nav, light and dark palettes, 390 px and 1280 px wide:
no console error, no failed request, nothing fetched from another origin,
and zero axe-core violations. At both widths, every visible interactive
element is reachable with Tab and visibly focused when it is.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support.browser import page_name, site_pages
from support.edition import configured_pages

PAGES = configured_pages()
SCHEMES = {"light": "default", "dark": "slate"}  # the theme's name for each palette
WIDTHS = {"phone": 390, "desktop": 1280}

AXE = Axe()


def test_every_built_page_is_checked(built_site):
    """The pages named from mkdocs.yml are exactly the pages the sitemap lists."""
    assert site_pages(built_site) == PAGES


def axe_violations(tab) -> list[str]:
    """Every axe-core violation (all rules axe runs by default), one line per node."""
    results = AXE.run(tab)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} at {target}")
    return lines


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_page_loads_cleanly_and_passes_axe(open_page, page, scheme, width):
    tab, watch = open_page(page, width=WIDTHS[width], scheme=scheme)
    tab.wait_for_load_state("networkidle")
    assert tab.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    problems = watch.problems() + axe_violations(tab)
    assert not problems, f"{page or 'home'} ({scheme}, {width}):\n" + "\n".join(problems)


# What counts as interactive, and how the active element is described. A
# visually hidden form control (the theme's palette radio, the drawer checkbox)
# shows its focus on its visible label: that label is its "face".
MARK_INTERACTIVE = """
() => {
  const selector = [
    'a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary',
    'label[for]', '[tabindex]:not([tabindex="-1"])', '[role=button]', '[role=link]', '[contenteditable=true]',
  ].join(',');
  const shown = (el) => {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    // Off-canvas (a closed drawer) is not on the page for a sighted reader.
    const left = r.left + window.scrollX, top = r.top + window.scrollY;
    if (left + r.width <= 0 || left >= document.documentElement.scrollWidth) return false;
    if (top + r.height <= 0) return false;
    return true;
  };
  function describe(el) {
    const text = (el.getAttribute('aria-label') || el.title || el.textContent || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    const cls = (typeof el.className === 'string' ? el.className : '').split(' ')[0];
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls ? '.' + cls : ''} "${text}"`;
  }
  window.__describe = describe;
  window.__shown = shown;
  const found = [];
  document.querySelectorAll(selector).forEach((el, index) => {
    if (!shown(el)) return;
    // A label is interactive when it looks it (the theme's icon buttons are labels).
    if (el.tagName === 'LABEL' && getComputedStyle(el).cursor !== 'pointer') return;
    el.dataset.kb = String(index);
    found.push({id: String(index), what: describe(el)});
  });
  // The theme turns a click on the header's search label into focus on the search
  // field: for the keyboard, the field is that label's control.
  const query = document.querySelector('.md-search__input');
  if (query) {
    query.dataset.kbAlso = [...document.querySelectorAll('label[for="__search"][data-kb]')]
      .map((label) => label.dataset.kb).join(' ');
  }
  return found;
}
"""

ACTIVE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  let face = el;
  const faces = [];
  if (el.tagName === 'INPUT' && !window.__shown(el)) {
    const candidates = [...(el.labels || [])];
    if (el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL') candidates.unshift(el.nextElementSibling);
    faces.push(...candidates.filter((label) => window.__shown(label)));
    if (faces.length) face = faces[0];
  }
  const r = face.getBoundingClientRect();
  const style = getComputedStyle(face);
  const inView = r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0
    && r.top < window.innerHeight && r.left < window.innerWidth
    && face.checkVisibility({visibilityProperty: true, opacityProperty: true});
  let hit = null;
  if (inView) {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    hit = document.elementFromPoint(x, y);
  }
  const uncovered = !!hit && (hit === face || face.contains(hit) || hit.contains(face)
    || (face.labels && [...face.labels].some((label) => label.contains(hit))));
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
    && !/rgba\\(.*, 0\\)$/.test(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const ids = [el.dataset.kb, ...faces.map((f) => f.dataset.kb), ...(el.dataset.kbAlso || '').split(' ')];
  return {
    key: el.dataset.kb || window.__describe(el),
    ids: ids.filter(Boolean),
    what: window.__describe(el) + (face === el ? '' : ' shown on ' + window.__describe(face)),
    hit: hit ? window.__describe(hit) : null,
    inView, uncovered,
    indicator: outline || shadow,
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_keyboard_reaches_and_shows_every_control(open_page, page, width):
    tab, watch = open_page(page, width=WIDTHS[width], scheme="light")
    tab.wait_for_load_state("networkidle")
    expected = {item["id"]: item["what"] for item in tab.evaluate(MARK_INTERACTIVE)}
    assert expected, "no interactive element found"
    reached: set[str] = set()
    problems: list[str] = []
    first = None
    for _ in range(3 * len(expected) + 20):
        tab.keyboard.press("Tab")
        active = tab.evaluate(ACTIVE)
        if active is None:
            break  # focus left the document: the cycle is complete
        if active["key"] == first:
            break
        first = first or active["key"]
        for _ in range(8):  # let transitions end (a tooltip fading, a panel opening, a smooth scroll)
            if active is None or (active["inView"] and active["uncovered"] and active["indicator"]):
                break
            tab.wait_for_timeout(250)
            active = tab.evaluate(ACTIVE)
        if active is None:
            break
        reached.update(active["ids"])
        if not active["inView"]:
            problems.append(f"focused but not on screen: {active['what']}")
        elif not active["uncovered"]:
            problems.append(f"focused but covered by {active['hit']}: {active['what']}")
        elif not active["indicator"]:
            problems.append(f"focused without a visible focus indicator: {active['what']}")
    missed = [what for key, what in expected.items() if key not in reached]
    problems += [f"not reachable with Tab: {what}" for what in missed]
    problems += watch.problems()
    assert not problems, f"{page or 'home'} ({width}):\n" + "\n".join(problems)
