"""``mkdocs-scholia new`` then a real build, in this repository's environment.

The edition is started without apparatus and without PDF (the wheel test,
tests/tools/test_wheel_scaffold.py, starts the default one, with both, from
the built wheel in a fresh environment). Its site must have every feature;
its own test must pass; and that test must catch what it is there to catch.

Then, as its editors would: committed in a git repository, released as
1.0.0 with its commit recorded, a paragraph corrected, released as 1.0.1 and
recorded; ``mkdocs-scholia versions`` (what its Pages workflow runs) deploys
both versions, each built from its own commit in its own locked environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO
from support.build import mkdocs_build
from support.scaffold import GITHUB, assert_edition_features, new_arguments
from support.versions import commit, deploy_versions, git, read


def run(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "my-essay"
    assert REPO not in folder.parents
    process = run(folder.parent, "-m", "mkdocs_scholia", *new_arguments(folder, "--no-apparatus", "--no-pdf"))
    assert process.returncode == 0, process.stdout + process.stderr
    return folder


def test_the_new_edition_builds_strictly_with_every_feature(edition, tmp_path):
    site = tmp_path / "site"
    mkdocs_build(edition / "mkdocs.yml", site)
    assert_edition_features(site, apparatus=False, pdf=False)


def test_its_own_test_passes(edition):
    process = run(edition, "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert process.returncode == 0, process.stdout + process.stderr
    assert "1 passed" in process.stdout


def test_its_check_fails_on_an_unknown_citation_key(edition, tmp_path):
    page = edition / "docs" / "introduction.md"
    text = page.read_text(encoding="utf-8")
    try:
        page.write_text(text.replace("[@kuhn1962]", "[@kuhn1963]", 1), encoding="utf-8")
        process = run(edition, "-m", "mkdocs_scholia", "check", "--site-dir", str(tmp_path / "site"))
    finally:
        page.write_text(text, encoding="utf-8")
    assert process.returncode == 1
    assert "docs/introduction.md:9: unknown citation key 'kuhn1963'; did you mean 'kuhn1962'?" in process.stderr
    assert "the strict build failed" in process.stderr


def test_its_check_fails_when_a_published_paragraph_disappears(edition, tmp_path):
    page = edition / "docs" / "introduction.md"
    text = page.read_text(encoding="utf-8")
    try:
        page.write_text(text.replace("{: #p1.2 }", "{: #p1.3 }"), encoding="utf-8")
        process = run(edition, "-m", "mkdocs_scholia", "check", "--site-dir", str(tmp_path / "site"))
    finally:
        page.write_text(text, encoding="utf-8")
    assert process.returncode == 1
    assert "/introduction/#p1.2" in process.stderr
    assert "mkdocs-scholia urls" in process.stderr


# -- every release at /v/<version>/ ---------------------------------------------------------

SITE_URL = f"https://{GITHUB.split('/')[0]}.github.io/{GITHUB.split('/')[1]}/"
NO_PDF = {"NO_MKDOCS_2_WARNING": "1"}
RELEASE_101 = """releases:
  - version: 1.0.1
    date: 2026-12-08
    summary: A word corrected.
    changes:
      - kind: correction
        where: introduction.md#p1.2
        description: '"explains" for "argues for".'
"""


def record_commit(changelog: Path, version: str, sha: str) -> None:
    """Add ``commit: <sha>`` to a release of the changelog, as guide/releases.md tells the editor."""
    text = changelog.read_text(encoding="utf-8")
    text, found = re.subn(
        rf"^(  - version: {re.escape(version)}\n(?:    .*\n)*?)(    summary:)",
        rf"\g<1>    commit: {sha}\n\2",
        text,
        count=1,
        flags=re.M,
    )
    assert found == 1, text
    changelog.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("versioned")
    folder = base / "my-essay"
    process = run(
        base, "-m", "mkdocs_scholia", *new_arguments(folder, "--no-apparatus", "--no-pdf", "--edition-version", "1.0.0")
    )
    assert process.returncode == 0, process.stdout + process.stderr
    # Its environment: this checkout of the package (the registry's release may be older), locked as
    # `uv run pytest` locks it on the editor's machine; each release is built from its commit's uv.lock.
    with (folder / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write(f"\n[tool.uv.sources]\nmkdocs-scholia = {{ path = {str(REPO)!r}, editable = true }}\n")
    # Resolved from uv's cache, which this repository's `uv sync` filled: the test asks no registry.
    locked = subprocess.run(["uv", "lock", "--offline", "-q"], cwd=folder, capture_output=True, text=True, check=False)
    assert locked.returncode == 0, f"uv lock --offline (run `uv sync --locked` here first): {locked.stderr}"
    git("init", "-q", "-b", "main", cwd=folder)
    git("config", "user.email", "editors@example.org", cwd=folder)
    git("config", "user.name", "Editors", cwd=folder)
    git("add", ".", cwd=folder)
    changelog, config = folder / "source" / "changelog.yml", folder / "mkdocs.yml"
    # The first version, and the next commit records its commit (guide/publishing.md).
    first = commit(folder, "First version of the edition", "2026-12-01T12:00:00Z")
    record_commit(changelog, "1.0.0", first)
    commit(folder, "Record the commit of 1.0.0", "2026-12-01T12:05:00Z")
    # A correction of p1.2, released as 1.0.1 (guide/releases.md), then its commit recorded.
    page = folder / "docs" / "introduction.md"
    page.write_text(page.read_text(encoding="utf-8").replace("argues for thick", "explains thick"), encoding="utf-8")
    changelog.write_text(changelog.read_text(encoding="utf-8").replace("releases:\n", RELEASE_101, 1), encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('version: "1.0.0"', 'version: "1.0.1"').replace("date: 2026-12-01", "date: 2026-12-08")
    )
    second = commit(folder, "Release 1.0.1", "2026-12-08T12:00:00Z")
    record_commit(changelog, "1.0.1", second)
    commit(folder, "Record the commit of 1.0.1", "2026-12-08T12:05:00Z")
    current = base / "site"
    mkdocs_build(config, current, env=NO_PDF)
    return deploy_versions(folder, current, base, env=NO_PDF), folder


def test_a_new_edition_deploys_every_release_at_its_own_address(released):
    out, _ = released
    for root in (out, out / "v" / "1.0.0", out / "v" / "1.0.1"):
        assert (root / "introduction" / "index.html").is_file(), root
    old = read(out / "v" / "1.0.0" / "introduction" / "index.html").paragraphs["p1.2"]
    new = read(out / "introduction" / "index.html").paragraphs["p1.2"]
    assert "argues for thick" in old and "explains thick" in new
    assert read(out / "v" / "1.0.1" / "introduction" / "index.html").paragraphs["p1.2"] == new
    # Two releases: the switcher, the old version's banner, the "changed since" mark.
    old_html = (out / "v" / "1.0.0" / "introduction" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Editions"' in old_html and "You are reading edition 1.0.0 of 1 December 2026" in old_html
    links = read(out / "introduction" / "index.html").links
    assert "../v/1.0.0/introduction/#p1.2" in links and "../v/1.0.1/introduction/#p1.2" in links
    for page in (out / "v" / "1.0.0").rglob("*.html"):
        assert read(page).meta.get("robots") == "noindex", page
    assert "/v/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_each_version_of_a_new_edition_cites_its_permanent_link(released):
    out, _ = released
    for version in ("1.0.0", "1.0.1"):
        page = read(out / "v" / version / "introduction" / "index.html")
        assert page.meta["citation_fulltext_html_url"] == f"{SITE_URL}v/{version}/introduction/"
    # The current edition (mkdocs.yml: releases: source/changelog.yml) gives 1.0.1's beside its address.
    html = (out / "introduction" / "index.html").read_text(encoding="utf-8")
    assert f'Permanent link to version 1.0.1: <a href="{SITE_URL}v/1.0.1/introduction/#p1.2">' in html
    assert f"{SITE_URL}v/1.0.1/introduction/#p1.2" in (out / "cite" / "introduction" / "p1.2.ris").read_text("utf-8")


def test_the_first_version_alone_is_published_with_no_switcher_and_no_marks(released, tmp_path):
    """The deploy of the commit that records 1.0.0: one release, its permanent link resolving."""
    _, folder = released
    recorded = git("rev-list", "-n", "1", "HEAD~2", cwd=folder)
    tree = tmp_path / "tree"
    git("worktree", "add", "-q", "--detach", str(tree), recorded, cwd=folder)
    try:
        current = tmp_path / "site"
        mkdocs_build(tree / "mkdocs.yml", current, env=NO_PDF)
        out = deploy_versions(tree, current, tmp_path, env=NO_PDF)
    finally:
        git("worktree", "remove", "--force", str(tree), cwd=folder)
    assert sorted(path.name for path in (out / "v").iterdir()) == ["1.0.0"]
    html = (out / "introduction" / "index.html").read_text(encoding="utf-8")
    assert f'Permanent link to version 1.0.0: <a href="{SITE_URL}v/1.0.0/introduction/#p1.2">' in html
    assert read(out / "v" / "1.0.0" / "introduction" / "index.html").meta["robots"] == "noindex"
    for page in [*out.glob("*/index.html"), *(out / "v" / "1.0.0").rglob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert 'aria-label="Editions"' not in text and "scholia-changed" not in text, page
        assert "You are reading edition" not in text, page


def test_before_its_commit_is_recorded_the_first_version_is_not_deployed(released, tmp_path):
    """At the release's own commit the changelog cannot name it: the deploy stops and says what to add."""
    _, folder = released
    first = git("rev-list", "--max-parents=0", "HEAD", cwd=folder)
    tree = tmp_path / "tree"
    git("worktree", "add", "-q", "--detach", str(tree), first, cwd=folder)
    try:
        process = run(
            tree,
            "-m",
            "mkdocs_scholia",
            "versions",
            "--site-dir",
            str(tmp_path / "site"),
            "--out",
            str(tmp_path / "deploy"),
        )
    finally:
        git("worktree", "remove", "--force", str(tree), cwd=folder)
    assert process.returncode == 1
    assert "version 1.0.0 has no `commit:`" in process.stderr
    assert not (tmp_path / "deploy").exists()
