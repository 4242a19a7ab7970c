"""The reading edition as it looks: reference screenshots, compared with a tolerance.

The home page, a section, the References, the Editorial notes and the full
text, on a phone (390 px) and a desktop (1280 px), in the light and the dark
palette, with Debian's Chromium: the first screen of each (a clipped viewport,
so the images stay small). Each is compared with the reference image in
``tests/browser/screenshots/`` pixel by pixel (in the browser, on a canvas: no
image library needed): the test fails when more than ``TOLERANCE`` of the
pixels differ visibly, so that font rendering noise does not fail it but a
change of layout does.

Regenerate the references after a deliberate change of the design, and
look at them before committing::

    SCHOLIA_UPDATE_SCREENSHOTS=1 uv run --locked pytest tests/browser/test_reading_screenshots.py

What could make two machines (this one and CI's) draw different pixels is
held still:

* the clock is fixed (the access date in "How to cite" is filled in by the
  page's script);
* the text face (self-hosted) is loaded from the cache before the shot, and
  every face is checked; the theme's interface text uses the system's fonts
  (``font: false``), which differ between machines (a sans-serif stack that
  names Helvetica and Arial finds Liberation Sans where it is installed and
  DejaVu Sans where it is not), so the shots pin it to DejaVu Sans and
  DejaVu Sans Mono, which ``scripts/setup`` installs everywhere;
* Chromium renders text without hinting and in sRGB (its own browser, with
  the flags screenshot suites use), so the fontconfig settings of the
  machine do not change the glyphs' shapes;
* motion is reduced, animations are finished and the caret is hidden.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support.browser import CHROMIUM, CHROMIUM_ARGS, PageWatch

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parent / "screenshots"
UPDATE = bool(os.environ.get("SCHOLIA_UPDATE_SCREENSHOTS"))
TOLERANCE = 0.02  # share of pixels that may differ
VISIBLE = 48  # a pixel differs when a channel differs by more than this (of 255)
PAGES = {
    "home": "",
    "section": "ideological-conflict/",
    "references": "references/",
    "editorial-notes": "editorial-notes/",
    "full-text": "full-text/",
}
SIZES = {390: 640, 1280: 640}  # width → height of the clipped first screen
NOW = "2026-11-25T10:00:00Z"
# Same glyphs whatever the machine's fontconfig says (no hinting), same colours (sRGB).
SHOT_ARGS = [*CHROMIUM_ARGS, "--font-render-hinting=none", "--force-color-profile=srgb"]
# The theme's interface fonts pinned to faces scripts/setup installs (fonts-dejavu-core).
SYSTEM_FONTS = ("DejaVu Sans", "DejaVu Sans Mono")
PIN_FONTS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = ':root { --md-text-font: "DejaVu Sans"; --md-code-font: "DejaVu Sans Mono"; }';
  document.head.append(style);
});"""
# The text face's three files (regular, italic, semibold), loaded before the page is shot again from the cache.
LOAD_FACES = """Promise.all(['1em', 'italic 1em', '600 1em'].map(f => document.fonts.load(f + ' "Source Serif 4"')))"""

DIFF = """async ([expected, actual, visible]) => {
  const load = (src) => new Promise((ok, fail) => {
    const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src;
  });
  const [a, b] = await Promise.all([load(expected), load(actual)]);
  if (a.width !== b.width || a.height !== b.height) return { size: [a.width, a.height, b.width, b.height] };
  const pixels = (img) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.width; canvas.height = img.height;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    return context.getImageData(0, 0, img.width, img.height).data;
  };
  const pa = pixels(a), pb = pixels(b);
  let differ = 0;
  for (let i = 0; i < pa.length; i += 4) {
    const far = (k) => Math.abs(pa[i + k] - pb[i + k]) > visible;
    if (far(0) || far(1) || far(2)) differ++;
  }
  return { ratio: differ / (pa.length / 4) };
}"""


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@pytest.fixture(scope="module")
def shot_browser(chromium) -> Iterator[Any]:
    """Debian's Chromium (launched by the session's Playwright) with the flags that make text render alike."""
    fc_list = shutil.which("fc-list")
    for family in SYSTEM_FONTS:
        listed = subprocess.run([fc_list, family], capture_output=True, text=True).stdout if fc_list else ""
        if not listed.strip():
            pytest.fail(f"the font {family!r} is not installed: run scripts/setup (fonts-dejavu-core)", pytrace=False)
    browser = chromium.browser_type.launch(executable_path=str(CHROMIUM), args=SHOT_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def open_shot(shot_browser, site_server) -> Iterator[Any]:
    """``open_shot(width, scheme)`` -> (page, PageWatch): a fresh context as ``open_page`` makes, fonts pinned."""
    contexts = []

    def opener(width: int, scheme: str) -> tuple[Any, PageWatch]:
        phone = width < 600
        context = shot_browser.new_context(
            viewport={"width": width, "height": 844 if phone else 900},
            device_scale_factor=1,
            is_mobile=phone,
            has_touch=phone,
            color_scheme=scheme,
            reduced_motion="reduce",
        )
        contexts.append(context)
        context.add_init_script(PIN_FONTS)
        watch = PageWatch(context, site_server.origin)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        return tab, watch

    yield opener
    for context in contexts:
        context.close()


def _shoot(open_shot, url: str, width: int, scheme: str) -> bytes:
    tab, watch = open_shot(width, scheme)
    tab.clock.set_fixed_time(NOW)
    tab.goto(url, wait_until="networkidle")
    tab.evaluate(LOAD_FACES)
    tab.reload(wait_until="networkidle")  # the text face from the cache (font-display: optional)
    tab.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(r)))")
    for face in ("1em", "italic 1em", "600 1em"):
        loaded = tab.evaluate(f"document.fonts.check('{face} \"Source Serif 4\"')")
        assert loaded, f"the text face ({face}) did not load"
    clip = {"x": 0, "y": 0, "width": width, "height": SIZES[width]}
    png = tab.screenshot(clip=clip, animations="disabled", caret="hide")
    assert not watch.problems(), watch.problems()
    return png


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_looks_as_its_reference(open_shot, site_server, chromium, name, width, scheme):
    actual = _shoot(open_shot, site_server.page_url(PAGES[name]), width, scheme)
    reference = SHOTS / f"{name}-{width}-{scheme}.png"
    if UPDATE or not reference.is_file():
        SHOTS.mkdir(exist_ok=True)
        reference.write_bytes(actual)
        if not UPDATE:
            pytest.fail(f"{reference.name} was missing and has been written: look at it, then commit it")
        return
    page = chromium.new_page()
    try:
        result = page.evaluate(DIFF, [_data_url(reference.read_bytes()), _data_url(actual), VISIBLE])
    finally:
        page.close()
    if "size" in result or result["ratio"] > TOLERANCE:
        failed = reference.with_name(reference.stem + ".actual.png")
        failed.write_bytes(actual)
        detail = f"sizes {result['size']}" if "size" in result else f"{result['ratio']:.2%} of the pixels differ"
        pytest.fail(f"{reference.name}: {detail} (tolerance {TOLERANCE:.0%}); this run's image: {failed}")
