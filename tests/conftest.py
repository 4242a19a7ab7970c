"""Shared fixtures: the repository, and one real strict build of the edition."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def mkdocs_build(
    config: Path,
    destination: Path,
    *,
    env: dict[str, str] | None = None,
    check: bool = True,
    strict: bool = True,
):
    """Run a real ``mkdocs build`` (``--strict`` by default); return the finished process."""
    flags = ["--strict"] if strict else []
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(config), "-d", str(destination)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        cwd=config.parent,
    )
    if check and process.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({process.returncode}):\n{process.stdout}\n{process.stderr}")
    return process


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The edition built once per test session, strictly, into a temp folder."""
    destination = tmp_path_factory.mktemp("site")
    mkdocs_build(REPO / "mkdocs.yml", destination)
    return destination


# --- The built site served on 127.0.0.1, and one Chromium per session (issue 8) ---
# Helpers live in tests/quality_support.py; the browser tests are tests/test_browser_*.py.

from quality_support import CHROMIUM, MISSING_CHROMIUM, PageWatch, SiteServer, launch_chromium  # noqa: E402


@pytest.fixture(scope="session")
def site_server(built_site):
    """The strict build served under its site_url path on a free port of 127.0.0.1."""
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright, launched once per session. It never skips."""
    if not CHROMIUM.is_file():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, site_server):
    """``open_page(page, width=1280, scheme="light")`` -> (Playwright page, PageWatch).

    Each call gets a fresh browser context (own storage), at that width, with
    the system colour scheme set so the theme picks the light or dark palette.
    """
    contexts = []

    def opener(page: str = "", *, width: int = 1280, height: int | None = None, scheme: str = "light", go: bool = True):
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
