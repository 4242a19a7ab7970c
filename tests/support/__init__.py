"""What the tests share: one way to build a site, read its HTML and know the edition.

* :mod:`support.build`: :func:`~support.build.build_site` (a real ``mkdocs build``,
  the one build runner), :func:`~support.build.write_site` (the one writer of a
  small site into a temp folder) and :func:`~support.build.mini_site` (the
  default small site that most plugin tests vary).
* :mod:`support.html`: :func:`~support.html.soup` (a built page, parsed once) and
  following a page's links into the built site.
* :mod:`support.edition`: facts about this edition read from ``mkdocs.yml``,
  ``docs/`` and ``source/`` (the one ``mkdocs.yml`` loader).
* :mod:`support.browser`: the built site served on 127.0.0.1, Debian's Chromium
  through Playwright, and what a page did wrong while it was open.
* :mod:`support.lighthouse`: the locked Lighthouse run on many pages with one Chromium.
* :mod:`support.csl_fixtures`: fixtures in the CSL test suite's format (the official suite and our own).
* :mod:`support.zotero`: a model of what Zotero's translators save from a page
  (docs-dev/citation-model.md).

The fixtures built on these (``built_site``, ``site_server``, ``chromium``,
``open_page``) are in ``tests/conftest.py``; ``docs-dev/testing.md`` says where
each kind of test goes.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
DATA = TESTS / "data"

__all__ = ["DATA", "REPO", "TESTS"]
