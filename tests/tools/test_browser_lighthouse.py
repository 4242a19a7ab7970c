"""Lighthouse's accessibility, best-practices and SEO scores are 100.

One Lighthouse batch (tests/support/lighthouse.mjs: one Debian Chromium, the
three non-timing categories, short quiet-period waits), mobile and desktop,
on the build served locally. Performance is a timing: scripts/lighthouse
measures it, no test asserts it.

Every page is checked, mobile and desktop (a run takes about ten seconds
here, so this is the suite's slowest test). For a quick local run,
SCHOLIA_LIGHTHOUSE_SAMPLE=1 checks a representative subset: every page that
is not an essay chapter and the first chapter, whose template the others
share. axe-core, Lighthouse's accessibility engine, runs on every page in
tests/browser/test_browser_pages.py either way.
"""

from __future__ import annotations

import os

import pytest

from support.browser import page_name
from support.edition import configured_pages, numbered_pages
from support.lighthouse import run_lighthouse_batch

pytestmark = pytest.mark.browser  # and slow, as everything in tests/tools/

CATEGORIES = ("accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")


def checked_pages() -> list[str]:
    pages = configured_pages()
    if not os.environ.get("SCHOLIA_LIGHTHOUSE_SAMPLE"):
        return pages
    chapters = numbered_pages()
    representative = set(chapters[:1])
    return [page for page in pages if page not in chapters or page in representative]


PAGES = checked_pages()


@pytest.fixture(scope="module")
def lighthouse(site_server):
    jobs = [(site_server.page_url(page), form) for page in PAGES for form in FORM_FACTORS]
    results = run_lighthouse_batch(jobs, CATEGORIES, fast=True)
    return {(result.url, result.form_factor): result for result in results}


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
@pytest.mark.parametrize("page", PAGES, ids=page_name)
def test_lighthouse_scores_100(lighthouse, site_server, page, form_factor):
    result = lighthouse[(site_server.page_url(page), form_factor)]
    below = {c: result.scores.get(c) for c in CATEGORIES if result.scores.get(c) != 100}
    assert not below, f"{page or 'home'} ({form_factor}): {below}\n" + "\n".join(
        f"  {category}: {audit}" for category in below for audit in result.failing.get(category, [])
    )
