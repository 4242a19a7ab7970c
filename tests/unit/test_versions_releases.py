"""The releases a versioned site is built from: validated versions and commits, and 1.0.0 recoverable."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from mkdocs_scholia.plugins.datafiles import changelog as datafile
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError
from mkdocs_scholia.versions import releases
from mkdocs_scholia.versions.releases import ParagraphChange, Release, ReleaseError

REPO = Path(__file__).resolve().parents[2]
COMMIT = "51b1b568a1f54a1ff1bdeee59846924853010f5f"


def _git(*args: str, cwd: Path = REPO) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_every_release_of_the_edition_records_its_commit():
    found = releases.from_changelog(datafile.load_changelog(REPO / "source" / "changelog.yml", REPO))
    assert [r.version for r in found][-1] == "1.0.0"
    assert found[-1].commit == COMMIT
    assert found[-1].folder == "v/1.0.0"


def test_release_1_0_0_is_recoverable_from_a_fresh_clone(tmp_path):
    """A plain clone (no tags needed) holds the commit, an ancestor of HEAD, that set version 1.0.0."""
    clone = tmp_path / "clone"
    _git("clone", "-q", "--no-checkout", str(REPO), str(clone))
    assert _git("cat-file", "-t", COMMIT, cwd=clone).strip() == "commit"
    subprocess.run(["git", "merge-base", "--is-ancestor", COMMIT, "HEAD"], cwd=clone, check=True)
    config = _git("show", f"{COMMIT}:mkdocs.yml", cwd=clone)
    assert 'version: "1.0.0"' in config and "date: 2026-11-25" in config
    old = datafile.changelog(__import__("yaml").safe_load(_git("show", f"{COMMIT}:source/changelog.yml", cwd=clone)))
    assert old.current.version == "1.0.0"
    # The release day's last commit: the next commit is later work.
    assert _git("log", "-1", "--format=%cs", COMMIT, cwd=clone).strip() == "2026-11-25"


@pytest.mark.parametrize(
    ("version", "commit"),
    [
        ("1.0", COMMIT),
        ("1.0.0/../x", COMMIT),
        ("1.0.0<script>", COMMIT),
        ("1.0.0", COMMIT[:12]),
        ("1.0.0", COMMIT.upper()),
        ("1.0.0", COMMIT + "\n"),
        ("1.0.0", ""),
    ],
)
def test_versions_and_commits_are_validated(version, commit):
    with pytest.raises(ReleaseError):
        Release(version, dt.date(2026, 11, 25), commit)


def test_the_changelog_refuses_a_commit_that_is_not_40_hex():
    data = {"releases": [{"version": "1.0.0", "date": dt.date(2026, 11, 25), "summary": "First.", "commit": "abc"}]}
    with pytest.raises(DataFileError, match="commit"):
        datafile.changelog(data)


def test_a_release_without_its_commit_cannot_be_built():
    log = datafile.changelog({"releases": [{"version": "1.0.0", "date": dt.date(2026, 11, 25), "summary": "First."}]})
    with pytest.raises(ReleaseError, match="commit"):
        releases.from_changelog(log)


def test_paragraph_changes_come_from_changes_that_alter_a_paragraph():
    data = {
        "releases": [
            {
                "version": "1.0.1",
                "date": dt.date(2026, 12, 1),
                "summary": "Corrections.",
                "commit": "a" * 40,
                "changes": [
                    {
                        "kind": "correction",
                        "where": "conflicts-of-national-interest.md#p3.1",
                        "description": "A word.",
                        "apparatus": "e048",
                    },
                    {"kind": "site", "where": "index.md#p0.1", "description": "Layout."},
                    {"kind": "reference", "where": "index.md#p0.2", "description": "A date."},
                    {"kind": "correction", "where": "introduction.md", "description": "No paragraph."},
                    {"kind": "reference", "where": "references.md#ref-yu1977", "description": "A title."},
                    {"kind": "site", "where": "references.md#ref-deng2011", "description": "Layout."},
                ],
            },
            {"version": "1.0.0", "date": dt.date(2026, 11, 25), "summary": "First.", "commit": COMMIT},
        ]
    }
    newest = releases.from_changelog(datafile.changelog(data))[0]
    assert newest.changed == (
        ParagraphChange("conflicts-of-national-interest/", "p3.1", "e048"),
        ParagraphChange("", "p0.2", ""),
        ParagraphChange("references/", "ref-yu1977", ""),  # an entry of the References page
    )


@pytest.mark.parametrize(
    ("source", "url"),
    [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"), ("a/b.md", "a/b/"), ("../x.md", None), ("x.html", None)],
)
def test_page_urls(source, url):
    assert releases.page_url(source) == url


def test_every_recorded_commit_is_on_main_and_is_that_version():
    """Each release's commit is an ancestor of HEAD whose mkdocs.yml sets that version (and its tag, if any, agrees)."""
    tags = (
        {
            line.split()[1].removeprefix("refs/tags/"): line.split()[0]
            for line in _git("show-ref", "--tags", "-d").splitlines()
            if line.endswith("^{}") or "^{}" not in line
        }
        if _git("tag", "--list").strip()
        else {}
    )
    for release in releases.from_changelog(datafile.load_changelog(REPO / "source" / "changelog.yml", REPO)):
        subprocess.run(["git", "merge-base", "--is-ancestor", release.commit, "HEAD"], cwd=REPO, check=True)
        config = _git("show", f"{release.commit}:mkdocs.yml")
        assert f'version: "{release.version}"' in config, release.version
        tagged = tags.get(f"v{release.version}^{{}}") or tags.get(f"v{release.version}")
        assert tagged in (None, release.commit), f"tag v{release.version} is not the recorded commit"
