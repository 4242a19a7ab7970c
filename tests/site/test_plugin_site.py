"""The MkDocs plugin on small real sites: wiring, and loud, precise failures."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support.build import mini_site, mkdocs_build


def test_citations_resolve_across_a_site(tmp_path):
    config = mini_site(
        tmp_path,
        "---\ntitle: Home\n---\n# Home\n\nAs @fairbank2006 [p. 380] argued [@heinzig1998].\n{: #p1.1 }\n",
        "# Chapter\n\nSee [@shen2006; @heinzig1998].\n{: #p2.1 }\n",
    )
    out = tmp_path / "site"
    mkdocs_build(config, out)
    home = BeautifulSoup((out / "index.html").read_text(), "lxml")
    chapter = BeautifulSoup((out / "chapter" / "index.html").read_text(), "lxml")
    assert len(home.select("span.citation")) == 2
    assert [a["href"] for a in chapter.select("a.reference-link")] == [
        "../references/#ref-shen2006",
        "../references/#ref-heinzig1998",
    ]
    references = BeautifulSoup((out / "references" / "index.html").read_text(), "lxml")
    anchors = [li["id"] for li in references.select("li.reference-entry")]
    assert anchors == ["ref-fairbank2006", "ref-heinzig1998", "ref-shen2006"]


@pytest.mark.parametrize("strict", [True, False])
def test_unknown_key_fails_the_build_with_file_line_and_suggestion(tmp_path, strict):
    config = mini_site(tmp_path, "---\ntitle: Home\n---\n# Home\n\nText.\n\nSee [@heinzig1999].\n")
    process = mkdocs_build(config, tmp_path / "site", check=False, strict=strict)
    assert process.returncode != 0
    assert "docs/index.md:8: unknown citation key 'heinzig1999'; did you mean 'heinzig1998'?" in process.stderr


def test_malformed_bibtex_fails_the_build_with_file_and_line(tmp_path):
    config = mini_site(tmp_path, "# Home\n", bib="@book{a,\n  title = {Unclosed,\n  year = 2000\n")
    process = mkdocs_build(config, tmp_path / "site", check=False, strict=False)
    assert process.returncode != 0
    assert "refs.bib:" in process.stderr and "syntax error" in process.stderr.lower()


def test_duplicate_key_fails_the_build(tmp_path):
    entry = "@book{a2000,\n author={A, A.},\n title={T},\n publisher={P},\n year={2000}}\n"
    config = mini_site(tmp_path, "# Home\n", bib=entry + entry.replace("a2000", "A2000"))
    process = mkdocs_build(config, tmp_path / "site", check=False, strict=False)
    assert process.returncode != 0
    assert "refs.bib:6: duplicate key 'A2000'" in process.stderr


def test_missing_field_warns_and_fails_strict(tmp_path):
    bib = "@article{a2000,\n author={A, A.},\n title={T},\n year={2000}}\n"
    config = mini_site(tmp_path, "# Home\n\n[@a2000]\n", bib=bib)
    strict = mkdocs_build(config, tmp_path / "strict", check=False)
    assert strict.returncode != 0
    assert "refs.bib:1: entry 'a2000' (article) lacks journal" in strict.stderr
    relaxed = mkdocs_build(config, tmp_path / "relaxed", check=False, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
