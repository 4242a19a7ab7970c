"""The page scripts against hostile addresses, in Chromium on the built edition.

A fragment is whatever a link to the site says it is, so it is untrusted: a
malformed one (``#%E0%A4%A``) must leave every script working, and an
anchor redirect is followed only within the site, whatever the page's data
attribute says.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PAGE = "personal-factors/"


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "%ZZ", "p2.1%"])
def test_a_malformed_fragment_leaves_the_page_scripts_working(open_page, site_server, fragment):
    tab, watch = open_page(PAGE, go=False)
    tab.goto(site_server.page_url(PAGE) + "#" + fragment, wait_until="load")
    tab.wait_for_function("document.querySelectorAll('.corrections-para__toggle').length > 0")
    assert tab.locator(".scholia-accessed").first.text_content().strip(), "the access date of 'Cite this' is filled in"
    assert tab.evaluate("location.hash") == "#" + fragment
    assert not watch.problems()


def serve_with_redirects(tab, url: str, moved: dict[str, str]) -> None:
    """Serve the page with ``moved`` as its anchor redirects, as the plugin would write them."""

    def with_redirects(route):
        response = route.fetch()
        value = json.dumps(moved).replace("&", "&amp;").replace('"', "&quot;")
        body = response.text().replace('data-anchor-redirects="{}"', f'data-anchor-redirects="{value}"', 1)
        assert body != response.text(), "the corrections box carries data-anchor-redirects"
        route.fulfill(response=response, body=body)

    tab.route(url, with_redirects)


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(document.domain)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/",
        "//evil.example/personal-factors/",
    ],
)
def test_an_anchor_redirect_never_leaves_the_site(open_page, site_server, target):
    tab, watch = open_page(PAGE, go=False)
    url = site_server.page_url(PAGE)
    serve_with_redirects(tab, url, {"p2.old": target, "p2.next": "../introduction/#s1"})
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(url + "#p2.old", wait_until="load")
    tab.wait_for_function("document.querySelectorAll('.corrections-para__toggle').length > 0")
    tab.wait_for_timeout(200)
    assert tab.url == url + "#p2.old", f"followed {target!r} to {tab.url}"
    assert not dialogs
    assert not watch.foreign_requests
    # A redirect within the site, on the same page, is still followed.
    tab.evaluate("location.hash = 'p2.next'")
    tab.wait_for_url("**/introduction/#s1")
