"""Shared fixtures, and the markers every test gets from the folder it is in.

The folders (``docs-dev/testing.md`` says more):

* ``unit/``: no build, no network, no browser. ``uv run pytest tests/unit`` is
  the loop to run while working; it takes seconds. A unit test that asks for a
  build, a built site or a browser, or opens a connection off this machine, fails.
* ``site/``: real ``mkdocs build`` runs into temp folders (marker ``slow``).
* ``browser/``: Debian's Chromium through Playwright (marker ``browser``).
* ``tools/``: external validators, the registry audit, the benchmark script
  and Lighthouse (marker ``slow``; ``network`` on what asks a registry).

The helpers behind these fixtures are in ``tests/support/``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support import TESTS
from support.browser import CHROMIUM, MISSING_CHROMIUM, PageWatch, SiteServer, launch_chromium
from support.build import build_edition, refuse_builds

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The markers each folder gives its tests; a test file elsewhere is an error.
FOLDER_MARKERS: dict[str, tuple[str, ...]] = {
    "unit": ("unit",),
    "site": ("slow",),
    "browser": ("browser",),
    "tools": ("slow",),
}
# Fixtures that build or start a browser: a unit test may not ask for them.
NOT_FOR_UNIT = {"built_site", "site_server", "chromium", "open_page"}
UNIT_REFUSAL = "a test in tests/unit/ may not build a site: move it to tests/site/"


def _folder(path: Path) -> str | None:
    try:
        parts = path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test by its folder; refuse tests outside the folders and unit tests that build."""
    problems = []
    for item in items:
        folder = _folder(item.path)
        if folder is None:
            continue  # a test outside tests/ (pytest run on another path): not ours to sort
        if folder not in FOLDER_MARKERS:
            folders = ", ".join(f"tests/{name}/" for name in FOLDER_MARKERS)
            problems.append(f"{item.nodeid}: test files go in one of {folders} (docs-dev/testing.md)")
            continue
        for marker in FOLDER_MARKERS[folder]:
            item.add_marker(marker)
        if folder == "unit":
            asked = NOT_FOR_UNIT.intersection(getattr(item, "fixturenames", ()))
            if asked:
                fixtures = ", ".join(sorted(asked))
                problems.append(f"{item.nodeid}: a unit test may not use {fixtures}: move it to tests/site/")
    if problems:
        raise pytest.UsageError("\n".join(problems))


def _off_this_machine(address: Any) -> bool:
    """Whether a socket address names another machine (unix sockets and loopback do not)."""
    if not isinstance(address, tuple):
        return False
    host = str(address[0])
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return True  # a host name other than localhost


@pytest.fixture(autouse=True)
def _unit_tests_stay_on_this_machine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """In tests/unit/: no build (mkdocs_build refuses) and no connection off this machine."""
    if _folder(request.node.path) != "unit":
        yield
        return
    connect = socket.socket.connect

    def local_only(self: socket.socket, address: Any) -> None:
        if _off_this_machine(address):
            where = f"{address!r}"
            raise AssertionError(f"a test in tests/unit/ may not use the network ({where}): move it to tests/tools/")
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
    with refuse_builds(UNIT_REFUSAL):
        yield


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition built once per test session, strictly, into a temp folder."""
    return build_edition(tmp_path_factory.mktemp("site"))


# --- The built site served on 127.0.0.1, and one Chromium per session ---


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    """The strict build served under its site_url path on a free port of 127.0.0.1."""
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, launched once per session. It never skips."""
    if not CHROMIUM.is_file():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium: Any, site_server: SiteServer) -> Iterator[Callable[..., tuple[Any, PageWatch]]]:
    """``open_page(page, width=1280, scheme="light")`` -> (Playwright page, PageWatch).

    Each call gets a fresh browser context (own storage), at that width, with
    the system colour scheme set so the theme picks the light or dark palette.
    """
    contexts = []

    def opener(
        page: str = "", *, width: int = 1280, height: int | None = None, scheme: str = "light", go: bool = True
    ) -> tuple[Any, PageWatch]:
        phone = width < 600
        context = chromium.new_context(
            viewport={"width": width, "height": height or (844 if phone else 900)},
            device_scale_factor=1,
            is_mobile=phone,
            has_touch=phone,
            color_scheme=scheme,
            reduced_motion="reduce",
        )
        contexts.append(context)
        watch = PageWatch(context, site_server.origin)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        if go:
            tab.goto(site_server.page_url(page), wait_until="load")
        return tab, watch

    yield opener
    for context in contexts:
        context.close()
