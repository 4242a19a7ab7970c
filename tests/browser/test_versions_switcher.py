"""The version switcher and the old edition's banner in Chromium, by keyboard.

The deployable site is assembled from the session's strict build, standing
for two releases (the assembly needs no git for this); the switcher, banner
and marks are what a real deploy adds (tests/site/test_versions_deploy.py
builds the releases themselves).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_scholia.versions import assemble
from mkdocs_scholia.versions.releases import ParagraphChange, Release
from support.browser import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "conflicts-of-national-interest/"
RELEASES = (
    Release("1.0.1", dt.date(2026, 12, 1), "b" * 40, (ParagraphChange(PAGE, "p3.1", "e012"),)),
    Release("1.0.0", dt.date(2026, 11, 25), "a" * 40),
)


@pytest.fixture(scope="module")
def deploy_server(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("deploy") / "site"
    assemble.assemble(built_site, {"1.0.1": built_site, "1.0.0": built_site}, RELEASES, out)
    with SiteServer(out, base="/sino-soviet-split/") as server:
        yield server


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_switcher_opens_by_keyboard_and_goes_to_the_same_paragraph(deploy_server, tab):
    tab.goto(deploy_server.page_url(f"v/1.0.0/{PAGE}") + "#p3.2", wait_until="load")
    summary = tab.get_by_role("navigation", name="Editions").locator("summary")
    assert summary.inner_text() == "Edition 1.0.0"
    summary.focus()
    tab.keyboard.press("Enter")
    assert tab.locator(".scholia-versions details").evaluate("d => d.open")
    current = tab.get_by_role("link", name="1.0.1 (1 December 2026) – current")
    assert current.is_visible()
    reading = tab.locator('.scholia-versions a[aria-current="page"]')
    assert reading.inner_text() == "1.0.0 (25 November 2026)"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "1.0.1 (1 December 2026) – current"
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/sino-soviet-split/{PAGE}#p3.2")


def test_the_banner_and_mark_of_an_old_version(deploy_server, tab):
    tab.goto(deploy_server.page_url(f"v/1.0.0/{PAGE}") + "#p3.1", wait_until="load")
    banner = tab.get_by_role("note").filter(has_text="You are reading edition 1.0.0")
    assert banner.is_visible()
    link = banner.get_by_role("link", name="1.0.1")
    assert link.get_attribute("href").endswith(f"/{PAGE}#p3.1")
    assert tab.locator("[id='p3.1'] .scholia-changed").inner_text().startswith("Changed in 1.0.1")
    assert tab.locator('meta[name="robots"]').get_attribute("content") == "noindex"
