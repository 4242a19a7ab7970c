"""Where the Harvard style differed from Cite Them Right, and how it reads now.

Cite Them Right (11th and 12th editions, as Zotero's "Cite Them Right 12th
edition (author-date/Harvard)" style encodes them) writes the editors of the
book a chapter is in with their initials first, "in O.A. Westad (ed.)";
several editors are "(eds)", without a full stop; a locator range has an en
dash. A note prints the full reference and then the citation's locator, which
must not read as part of the reference (whose last element may be a page
range or a URL).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.bib.bibliography import load
from mkdocs_scholia.markdown.render import cite_label, reference_span
from mkdocs_scholia.markdown.syntax import Cite
from mkdocs_scholia.style.harvard import locator, note_locator

BIB = r"""
@incollection{chen2005,
  author    = {Chen, Jian},
  title     = {The Sino-Soviet alliance and China's entry into the Korean War},
  booktitle = {Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945--1963},
  editor    = {Westad, Odd Arne},
  address   = {Stanford},
  publisher = {Stanford University Press},
  year      = {1998},
  pages     = {170--175},
}
@incollection{two1999,
  author    = {Roe, Richard},
  title     = {A chapter},
  booktitle = {A Book},
  editor    = {Westad, Odd Arne and von Humboldt, Alexander and King, Jr., Martin Luther},
  publisher = {Press},
  year      = {1999},
}
@book{edited2003,
  editor    = {Ward, Emma and Doe, Jane},
  title     = {An edited book},
  publisher = {Press},
  year      = {2003},
}
@article{online2020,
  author  = {Marku, Ylber},
  title   = {Communist relations in crisis},
  journal = {The International History Review},
  volume  = {42},
  number  = {4},
  pages   = {813--832},
  year    = {2020},
  doi     = {10.1080/07075332.2019.1620825},
}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("ctr") / "ctr.bib"
    path.write_text(BIB, encoding="utf-8")
    return load([path])


# -- 1. a chapter's editors: "in O.A. Westad (ed.)" ---------------------------------------------


def test_a_chapters_editor_is_written_initials_first(bib):
    assert bib.reference("chen2005").text == (
        "Chen, J. (1998) \u2018The Sino-Soviet alliance and China's entry into the Korean War\u2019, "
        "in O.A. Westad (ed.) Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945\u20131963. "
        "Stanford: Stanford University Press, pp. 170\u2013175."
    )


def test_several_editors_of_a_book_are_eds_without_a_full_stop_with_particles_and_suffixes_kept(bib):
    assert "in O.A. Westad, A. von Humboldt and M.L. King Jr. (eds) A Book." in bib.reference("two1999").text
    assert bib.reference("edited2003").text.startswith("Ward, E. and Doe, J. (eds) (2003) An edited book.")


# -- 2. a locator range has an en dash, however it was typed -----------------------------------


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("pp. 170-175", "pp. 170\u2013175"),
        ("pp. 170--175", "pp. 170\u2013175"),
        ("pp. 170 - 175", "pp. 170\u2013175"),
        ("pp. 170\u2014175", "pp. 170\u2013175"),
        ("pp. xii-xv", "pp. xii\u2013xv"),
        ("ch. 2-3, 5-7", "ch. 2\u20133, 5\u20137"),
        ("p. 380", "p. 380"),
        ("para. 2.3", "para. 2.3"),
        ("non-linear", "non-linear"),  # words keep their hyphens
    ],
)
def test_locator_ranges_take_an_en_dash(typed, printed):
    assert locator(typed) == printed


def test_the_in_text_label_prints_the_dashed_locator(bib):
    cite = Cite(key="chen2005", locator="pp. 170-175")
    assert cite_label(cite, bib, narrative=False) == "Chen, 1998, pp. 170\u2013175"
    assert cite_label(cite, bib, narrative=True) == "Chen (1998, pp. 170\u2013175)"


# -- 3. a note's locator is not run into the reference -------------------------------------------


def test_a_notes_locator_follows_the_reference_as_a_sentence_of_its_own(bib):
    html = reference_span("online2020", bib, "pp. 820-821", references_url=None)
    span = BeautifulSoup(html, "html.parser").select_one("span.reference")
    assert span.get_text() == (
        "Marku, Y. (2020) \u2018Communist relations in crisis\u2019, The International History Review, 42(4), "
        "pp. 813\u2013832. Available at: https://doi.org/10.1080/07075332.2019.1620825. "
        "Cited at pp. 820\u2013821."
    )
    assert span.select_one("span.reference-locator").get_text() == "Cited at pp. 820\u2013821."
    # The DOI link is the reference's own, unchanged by the locator.
    assert span.select_one("a")["href"] == "https://doi.org/10.1080/07075332.2019.1620825"


def test_a_note_without_locator_is_the_reference_alone(bib):
    html = reference_span("chen2005", bib, "", references_url=None)
    assert "Cited at" not in html and "reference-locator" not in html
    assert note_locator("") == ""
