"""``mkdocs-scholia new`` then a real build, in this repository's environment.

The edition is started without apparatus and without PDF (the wheel test,
tests/tools/test_wheel_scaffold.py, starts the default one, with both, from
the built wheel in a fresh environment). Its site must have every feature;
its own test must pass; and that test must catch what it is there to catch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO
from support.build import mkdocs_build
from support.scaffold import assert_edition_features, new_arguments


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
