"""scripts/release: a version released in the changelog and mkdocs.yml together, comments kept."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
import yaml

from mkdocs_scholia.plugins.datafiles.changelog import load_changelog

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("release_script", ROOT / "scripts" / "release.py")
release = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(release)

CHANGELOG = """# The changelog (a comment that stays).

unreleased:
  - kind: reference
    where: references.md#ref-yu1977
    description: >-
      Yu (1977) re-identified.
    apparatus: e009

  - kind: site
    description: Notes print their locator apart.

releases:
  - version: 1.0.0
    date: 2026-11-25
    summary: First edition.
    changes: []
"""
MKDOCS = """plugins:
  - scholia:
      edition:
        title: "T"  # stays
        version: "1.0.0"
        date: 2026-11-25
      full_text:
        date: keep-me
"""


def test_the_unreleased_changes_become_the_new_release(tmp_path):
    text = release.release_changelog(CHANGELOG, "1.0.1", dt.date(2026, 12, 1), "Corrections to the bibliography.")
    assert text.startswith("# The changelog (a comment that stays).")
    path = tmp_path / "changelog.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_changelog(path)
    assert loaded.unreleased == ()
    new, old = loaded.releases
    assert (new.version, new.date, new.summary) == ("1.0.1", dt.date(2026, 12, 1), "Corrections to the bibliography.")
    assert [(c.kind, c.apparatus) for c in new.changes] == [("reference", "e009"), ("site", "")]
    assert (old.version, old.changes) == ("1.0.0", ())


def test_nothing_unreleased_is_refused():
    empty = CHANGELOG.replace(
        CHANGELOG[CHANGELOG.index("unreleased:") : CHANGELOG.index("releases:")], "unreleased: []\n\n"
    )
    with pytest.raises(SystemExit, match="no unreleased changes"):
        release.release_changelog(empty, "1.0.1", dt.date(2026, 12, 1), "S.")


def test_the_editions_version_and_date_are_set_and_nothing_else():
    text = release.release_mkdocs(MKDOCS, "1.0.1", dt.date(2026, 12, 1))
    assert text == MKDOCS.replace('version: "1.0.0"', 'version: "1.0.1"').replace(
        "date: 2026-11-25", "date: 2026-12-01"
    )
    edition = yaml.safe_load(text)["plugins"][0]["scholia"]["edition"]
    assert (edition["version"], edition["date"]) == ("1.0.1", dt.date(2026, 12, 1))


def test_the_real_files_can_be_released(tmp_path):
    """The project's own changelog and mkdocs.yml have the shape the script edits."""
    text = release.release_mkdocs((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "9.9.9", dt.date(2099, 1, 1))
    assert 'version: "9.9.9"' in text and "date: 2099-01-01" in text
    current = load_changelog(ROOT / "source" / "changelog.yml")
    source = (ROOT / "source" / "changelog.yml").read_text(encoding="utf-8")
    if current.unreleased:
        path = tmp_path / "changelog.yml"
        path.write_text(release.release_changelog(source, "9.9.9", dt.date(2099, 1, 1), "S."), encoding="utf-8")
        assert len(load_changelog(path).current.changes) == len(current.unreleased)
