"""What the search index reads: the text and its citations, not what repeats the References page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from mkdocs_scholia.search.view import SearchView, words_of
from support.build import mini_site, mkdocs_build


def _index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _text(doc: dict) -> str:
    return BeautifulSoup(doc["text"], "lxml").get_text(" ")


def test_hide_then_restore_gives_back_every_built_page_exactly(built_site):
    view = SearchView()
    pages = sorted(built_site.glob("**/index.html"))
    assert len(pages) > 8
    for path in pages:
        html = path.read_text(encoding="utf-8")
        hidden = view.hide(path.as_posix(), html)
        assert 'id="fn:c' not in hidden and 'class="citation"' not in hidden, path
        assert view.restore(path.as_posix(), hidden) == html, path


def test_a_change_elsewhere_on_the_page_survives_the_restore():
    view = SearchView()
    html = (
        '<p>Text <span class="citation" data-cites="k" id="cite-1">(<a class="citation-ref footnote-ref" '
        'href="#fn:c1">Heinzig, 1998</a>)<sup class="citation-note" id="fnref:c1"><a class="footnote-ref" '
        'href="#fn:c1">1</a></sup></span>.</p><div class="footnote"><ol><li id="fn:c1"><p>Heinzig, D. (1998) '
        '<em>The Soviet Union and Communist China</em>.</p></li></ol></div>'
    )
    hidden = view.hide("page", html)
    assert "(Heinzig, 1998)" in hidden and "Soviet Union" not in hidden and ">1<" not in hidden
    changed = hidden.replace("<p>Text", "<p>Changed text")
    assert view.restore("page", changed) == html.replace("<p>Text", "<p>Changed text")


def test_the_words_of_a_citation_are_its_text_without_the_note_number():
    html = (
        '<span class="citation" id="cite-2">(see <a href="#fn:c2">Fairbank and Goldman, 2006, p. 380</a>; '
        '<a href="#fn:c2">Shen &amp; Li, 2011</a>)'
        '<sup class="citation-note" id="fnref:c2"><a href="#fn:c2">2</a></sup></span>'
    )
    assert words_of(html) == "(see Fairbank and Goldman, 2006, p. 380; Shen &amp; Li, 2011)"


def test_the_edition_index_has_citations_and_entries_but_no_note_repeats(built_site):
    docs = _index(built_site)
    # The essay's pages (the Editorial notes quote the received reference list).
    chapters = [d for d in docs if not d["location"].startswith(("references/", "full-text/", "editorial-notes/"))]
    every_chapter = " ".join(_text(d) for d in chapters)
    assert "(Heinzig, 1998)" in every_chapter or "Heinzig (1998)" in every_chapter
    for machinery in ("Back to the citation", "\u2192 References", "Cited in", "@book{", "ctx_ver"):
        assert machinery not in " ".join(_text(d) for d in docs), machinery
    # A title printed only in notes and on the References page is found on the References page.
    title = "The Arduous Road to the Alliance"
    assert title.lower() not in every_chapter.lower()
    assert any(title.lower() in _text(d).lower() for d in docs if d["location"].startswith("references/"))
    # The built pages themselves keep every note and citation.
    chapter = BeautifulSoup((built_site / "introduction" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert chapter.select("li[id^='fn:c']") and chapter.select("span.citation sup.citation-note")
    assert not re.search(r"scholia-hidden", (built_site / "introduction" / "index.html").read_text(encoding="utf-8"))


def test_search_repeats_true_indexes_the_notes_and_changes_no_page(tmp_path):
    index = "# Home\n\nAs argued [@heinzig1998, p. 3], and @fairbank2006.\n"
    built = {}
    for repeats in (False, True):
        root = tmp_path / str(repeats)
        root.mkdir()
        config = mini_site(root, index)
        text = config.read_text().replace("  - scholia:\n", "  - search\n  - scholia:\n")
        option = f"      search_repeats: {str(repeats).lower()}\n"
        config.write_text(text.replace("      bibliography: [refs.bib]\n", "      bibliography: [refs.bib]\n" + option))
        mkdocs_build(config, root / "site")
        built[repeats] = root / "site"
    for page in sorted(built[False].glob("**/*.html")):
        other = built[True] / page.relative_to(built[False])
        assert page.read_bytes() == other.read_bytes(), page
    home = lambda site: " ".join(_text(d) for d in _index(site) if d["location"] in ("", "#home"))  # noqa: E731 - one line, read twice
    assert "Heinzig, 1998, p. 3" in home(built[False]) and "Soviet Union" not in home(built[False])
    assert "Soviet Union" in home(built[True])
