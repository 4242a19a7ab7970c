"""Portability: the citation core under Zensical, Material for MkDocs' successor.

Zensical (pinned in pyproject's `zensical` group) reads mkdocs.yml, drops
every MkDocs plugin it does not implement itself (so the `scholia` plugin is
never loaded), and renders each page with Python-Markdown and the
`markdown_extensions` it is given, loaded by name: our extension's entry
point, `scholia.citations`, with `bibliography` as a list of paths (relative
to the directory Zensical runs in). This test builds the essay's pages so
and checks that every citation the MkDocs edition has is there, with its
note. What the plugin adds and Zensical therefore lacks is asserted too, as
documented in docs-dev/zensical.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO
from support.edition import page_for_file
from support.html import page_soup

CHAPTERS = [
    "index.md",
    "introduction.md",
    "personal-factors.md",
    "conflicts-of-national-interest.md",
    "ideological-conflict.md",
    "structural-perspective.md",
    "conclusion.md",
]
SITE_URL = "https://example.org/essay/"
CONFIG = f"""\
site_name: The essay under Zensical
site_url: {SITE_URL}
use_directory_urls: true
theme:
  name: material
markdown_extensions:
  - attr_list
  - md_in_html
  - footnotes
  - abbr
  - admonition
  - toc:
      permalink: "¶"
  - scholia.citations:
      bibliography: [bibliography/essay.bib]
      # One value for every page: an absolute URL (a relative one would be
      # right for one folder depth only; the MkDocs plugin computes it per page).
      references_url: {SITE_URL}references/
nav:
""" + "".join(f"  - {page}\n" for page in [*CHAPTERS, "references.md", "editorial-notes.md"])


def zensical_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("zensical")
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "bibliography", project / "bibliography")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    process = zensical_build(project)
    assert process.returncode == 0, process.stdout + process.stderr
    return project / "site"


@pytest.mark.parametrize("source", CHAPTERS)
def test_every_citation_of_the_edition_is_rendered_with_its_note(source, zensical_site, built_site):
    zensical = page_soup(zensical_site, page_for_file(source))
    mkdocs = page_soup(built_site, page_for_file(source))
    cited = [span["data-cites"] for span in zensical.select("span.citation")]
    assert cited == [span["data-cites"] for span in mkdocs.select("article span.citation")]
    assert source == "index.md" or cited, "an essay chapter without citations?"
    for span in zensical.select("span.citation"):
        assert "citation-unresolved" not in span["class"]
        marker = span.select_one("sup.citation-note a.footnote-ref")
        note = zensical.find("li", id=marker["href"][1:])
        assert note is not None, f"{marker['href']} has no note"
        keys = {ref["data-key"] for ref in note.select("span.reference")}
        assert keys == set(span["data-cites"].split())
        backrefs = [a["href"] for a in note.select("a.footnote-backref")]  # a shared note has several
        assert f"#{marker.parent['id']}" in backrefs
        for link in note.select("a.reference-link"):
            assert link["href"].startswith(f"{SITE_URL}references/#ref-")


def test_what_only_the_mkdocs_plugin_provides_is_absent(zensical_site, built_site):
    """Documented in docs-dev/zensical.md: the references list is the plugin's."""
    zensical = page_soup(zensical_site, page_for_file("references.md"))
    mkdocs = page_soup(built_site, page_for_file("references.md"))
    assert mkdocs.select("li.reference-entry")
    assert zensical.select("li.reference-entry") == []
    assert "scholia:references" in (zensical_site / "references" / "index.html").read_text(encoding="utf-8")


def test_a_citation_error_stops_a_zensical_build_but_names_no_file(tmp_path):
    """Documented: without the plugin, messages say <markdown> and count lines after the front matter."""
    (tmp_path / "docs").mkdir()
    shutil.copytree(REPO / "bibliography", tmp_path / "bibliography")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.split("nav:")[0], encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("---\ntitle: Bad\n---\n# Bad\n\nText.\n\nSee [@heinzig1989].\n")
    process = zensical_build(tmp_path)
    assert process.returncode != 0
    # Line 8 of the file; 5 of what Zensical passes on after removing the front matter.
    assert "<markdown>:5: unknown citation key 'heinzig1989'; did you mean 'heinzig1998'?" in process.stderr
