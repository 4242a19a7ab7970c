"""The reading layer's rules, without a build: quotes as a rendering, the search separator,
the paragraph numbers' labels, the PDF's text face."""

from __future__ import annotations

import re
from importlib import resources

import markdown
from bs4 import BeautifulSoup

from mkdocs_scholia.apparatus import fidelity
from mkdocs_scholia.fulltext import pdf
from mkdocs_scholia.markdown.anchors import ParagraphAnchorExtension
from mkdocs_scholia.plugins.scholia import assets
from support.edition import COPY_TEXT, mkdocs_config

CONFIG = mkdocs_config()


def _smarty() -> dict:
    for item in CONFIG["markdown_extensions"]:
        if isinstance(item, dict) and "smarty" in item:
            return item["smarty"]
    raise AssertionError("mkdocs.yml does not set typographic quotes (smarty)")


def _text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text()


def test_typographic_quotes_change_nothing_but_the_quote_marks_of_the_copy_text():
    """The site renders the copy-text with smarty: read back with straight quotes, it is the same text."""
    options = _smarty()
    assert options == {
        "smart_quotes": True, "smart_dashes": False, "smart_ellipses": False, "smart_angled_quotes": False
    }
    source = COPY_TEXT.read_text(encoding="utf-8")
    plain = _text(markdown.markdown(source, extensions=["attr_list"]))
    configs = {"smarty": options}
    typeset = _text(markdown.markdown(source, extensions=["attr_list", "smarty"], extension_configs=configs))
    assert typeset != plain, "no quote was set"
    assert fidelity.normalise(typeset) == fidelity.normalise(plain)
    assert "China’s" in typeset and "“communist”" in typeset


def test_the_fidelity_check_still_sees_a_missing_or_moved_quote():
    assert fidelity.normalise("the ‘big’ brother") == fidelity.normalise("the 'big' brother")
    assert fidelity.normalise("the “big” brother") != fidelity.normalise("the big brother")
    assert fidelity.normalise("China’s") != fidelity.normalise("Chinas")


def _separator() -> re.Pattern[str]:
    for item in CONFIG["plugins"]:
        if isinstance(item, dict) and "search" in item:
            return re.compile(item["search"]["separator"])
    raise AssertionError("mkdocs.yml gives the search plugin no separator")


def test_the_search_separator_splits_citations_into_names():
    words = lambda text: [w for w in _separator().split(text) if w]  # noqa: E731 - a one-line helper
    assert "Fairbank" in words("(Fairbank and Goldman, 2006)")
    assert "Yahuda" in words("United Nations (Yahuda, 2011).")
    assert "Khrushchev" in words("Khrushchev’s direction")
    assert words("Sino-Soviet") == ["Sino", "Soviet"]
    assert "2006" in words("(2006, p. 380)") and "380" in words("(2006, p. 380)")


def test_the_references_page_ranks_below_the_text():
    front = (COPY_TEXT.parents[1] / "docs" / "references.md").read_text(encoding="utf-8").split("---")[1]
    boost = re.search(r"^\s+boost:\s*([\d.]+)", front, re.M)
    assert boost is not None and float(boost.group(1)) < 1


def test_a_paragraph_number_is_its_id_without_the_p():
    html = markdown.markdown(
        "One.\n{: #p2.3 }\n\nTwo.\n{: #p2.3a }\n\nThree.\n{: #note }",
        extensions=["attr_list", ParagraphAnchorExtension()],
    )
    soup = BeautifulSoup(html, "lxml")
    labels = {a["data-paragraph"]: a["data-label"] for a in soup.select("a.scholia-para-link")}
    assert labels == {"p2.3": "2.3", "p2.3a": "2.3a"}
    for link in soup.select("a.scholia-para-link"):
        assert link.get_text() == "", "the number is drawn by CSS, never text of the paragraph"


def test_the_text_face_ships_with_its_licence_and_the_pdf_uses_it(tmp_path):
    folder = resources.files("mkdocs_scholia").joinpath("assets", "fonts")
    served = {asset.packaged for asset in assets.FONTS}
    for _style, _weight, name in pdf.FACES:
        assert f"fonts/{name}" in served
        assert folder.joinpath(name).read_bytes()[:4] == b"wOF2"
    assert "SIL Open Font License" in folder.joinpath("OFL.txt").read_text(encoding="utf-8")
    assert pdf.font_faces(tmp_path) == ""  # a site without the files: the system's serif
    for _, _, name in pdf.FACES:
        (tmp_path / name).write_bytes(folder.joinpath(name).read_bytes())
    rules = pdf.font_faces(tmp_path)
    assert rules.count("@font-face") == 3 and "data:font/woff2;base64," in rules
    assert str(tmp_path) not in rules  # the PDF does not depend on where the site is built
    css = resources.files("mkdocs_scholia").joinpath("assets", "scholia-reading.css").read_text(encoding="utf-8")
    for _, _, name in pdf.FACES:
        assert f'url("fonts/{name}")' in css


def test_a_sections_notes_give_the_readings_in_the_readers_words_folded():
    from mkdocs_scholia.apparatus import render
    from mkdocs_scholia.apparatus.model import Departure

    def departure(ident: str, original: str, edited: str, kind: str = "typo") -> Departure:
        return Departure(
            id=ident, page="one", paragraph="p1.1", original=original, edited=edited, kind=kind, reason="Why."
        )

    notes = render.page_notes(
        [
            departure("e001", "### **1. One**", "## 1. One", "heading"),
            departure("e002", " <sup>[4]</sup>", "", "marker"),
            departure("e003", "**Abstract:**Between", "**Abstract:** Between", "spacing"),
        ],
        "one.md",
        lambda src, anchor: f"{src}#{anchor}" if anchor else src,
    )
    assert notes.startswith(render.PAGE_NOTES_START) and notes.rstrip().endswith(render.PAGE_NOTES_END)
    soup = BeautifulSoup(notes, "lxml")
    fold = soup.select_one("details.scholia-page-apparatus")
    assert fold is not None and not fold.has_attr("open")
    assert fold.summary.get_text() == "3 departures from the copy-text"
    items = [" ".join(li.get_text().split()) for li in fold.select("li")]
    assert items[0] == "e001 at p1.1, heading: Why."  # only the notation changed: no readings
    assert items[1] == "e002 at p1.1, superscript marker: “[4]” omitted. Why."
    assert items[2] == "e003 at p1.1, spacing: “Abstract:Between” → “Abstract: Between”. Why."
    assert not fold.find("code") and "###" not in notes and "<sup>" not in notes
    assert "\u00a0\u2192" in notes  # the arrow never ends a line
    assert render.PAGE_NOTES.sub("", f"text\n{notes}more") == "text\nmore"
