"""The Harvard style against Cite Them Right's own examples, entry type by type."""

from __future__ import annotations

import pytest
from pybtex.plugin import find_plugin

from mkdocs_scholia.bib import load
from mkdocs_scholia.style.harvard import HarvardStyle
from support import DATA


@pytest.fixture(scope="module")
def bib():
    return load([DATA / "styles.bib"])


def test_style_is_a_registered_pybtex_plugin():
    assert find_plugin("pybtex.style.formatting", "harvard") is HarvardStyle


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (  # book, with edition
            "fairbank2006",
            "Fairbank, J.K. and Goldman, M. (2006) China: a new history. 2nd edn. Cambridge, MA: Belknap Press.",
        ),
        (  # journal article with volume, issue, pages, DOI
            "marku2020",
            ("Marku, Y. (2020) \u2018Communist relations in crisis: the end of Soviet-Albanian relations, "
             "and the Sino-Soviet split, 1960\u20131961\u2019, The International History Review, 42(4), "
             "pp. 813\u2013832. Available at: https://doi.org/10.1080/07075332.2019.1620825."),
        ),
        (  # chapter in an edited book
            "franklin2012",
            ("Franklin, A.W. (2012) \u2018Management of the problem\u2019, in S.M. Smith (ed.) "
             "The maltreatment of children. Lancaster: MTP, pp. 83\u201395."),
        ),
        (  # edited book
            "keene1995",
            "Keene, E. (ed.) (1995) Working with families. London: Routledge.",
        ),
        (  # thesis
            "thomas2002",
            "Thomas, S. (2002) Changes in the pattern of student support. PhD thesis. University of Leeds.",
        ),
        (  # report by an organisation
            "doh2010",
            "Department of Health (2010) Equity and excellence: liberating the NHS. London: Department of Health.",
        ),
        (  # web page with accessed date
            "bbc2026",
            ("BBC News (2026) Archive opens its Cold War files. Available at: https://www.bbc.co.uk/news/archive "
             "(Accessed: 25 November 2026)."),
        ),
        (  # issue number without volume
            "shen2012",
            ("Shen, Z. and Li, D. (2012) \u2018Structural imbalance\u2019, Exploration and Free Views, no. 10, "
             "pp. 3\u201311."),
        ),
    ],
)
def test_full_references_follow_cite_them_right(bib, key, expected):
    assert bib.reference(key).text == expected


def test_titles_are_italic_and_links_are_links(bib):
    assert "<em>China: a new history</em>" in bib.reference("fairbank2006").html
    assert "<em>The International History Review</em>" in bib.reference("marku2020").html
    assert '<a href="https://doi.org/10.1080/07075332.2019.1620825">' in bib.reference("marku2020").html
    assert '<a href="https://www.bbc.co.uk/news/archive">' in bib.reference("bbc2026").html


@pytest.mark.parametrize(
    ("key", "names", "year"),
    [
        ("heinzig1998", "Heinzig", "1998"),
        ("fairbank2006", "Fairbank and Goldman", "2006"),
        ("three2001", "Smith, Jones and Brown", "2001"),
        ("smith2000b", "Smith et al.", "2000a"),  # "Alpha" sorts before "Beta"
        ("smith2000a", "Smith et al.", "2000b"),
        ("keene1995", "Keene", "1995"),
        ("doh2010", "Department of Health", "2010"),
        ("muller2019", "M\u00fcller and Stra\u00dfer", "2019"),
    ],
)
def test_in_text_labels(bib, key, names, year):
    reference = bib.reference(key)
    assert (reference.names, reference.year) == (names, year)


def test_latex_becomes_unicode(bib):
    text = bib.reference("muller2019").text
    assert text.startswith("M\u00fcller, J. and Stra\u00dfer, A. (2019) \u00dcber \u00c5ngstr\u00f6m \u2014 and more.")
    assert "M\u00fcnchen" in text
    assert "{" not in text and "\\" not in text


def test_supplied_works_are_marked(bib):
    reference = bib.reference("supplied2011")
    assert reference.supplied
    assert reference.text.endswith("[Supplied by the editors: not in the received reference list]")
    assert '<span class="ref-supplied">' in reference.html


def test_everything_from_the_bib_is_escaped(bib):
    evil = bib.reference("evil2020").html
    assert "<script>" not in evil and "<b>" not in evil
    assert "&lt;script&gt;" in evil and "&quot;quotes&quot;" in evil


def test_urls_that_are_not_allowed_are_printed_never_linked():
    hostile = load([DATA / "hostile-urls.bib"])
    evil = hostile.reference("jsurl2020").html
    assert "<script>" not in evil and "&lt;script&gt;" in evil
    assert "href" not in evil  # javascript: is never a link
    assert "Available at: javascript:alert(1)." in evil
    quoted = hostile.reference("quoted2020").html
    assert "onmouseover=" not in quoted.replace("&quot;onmouseover=&quot;", "")
    assert "<a " not in quoted  # a URL with a quote is not linked
    for key in ("padded2021", "dataurl2022"):
        assert "<a " not in hostile.reference(key).html
    # What rules.urls allows is linked, escaped; a doi: URL through its resolver.
    assert 'href="https://example.org/a?b=c&amp;d=&#x27;e&#x27;"' in hostile.reference("safe2023").html
    assert '<a href="https://doi.org/10.1234/abc.5">doi:10.1234/abc.5</a>' in hostile.reference("doiurl2024").html


def test_harvard_order(bib):
    order = bib.sorted_keys(["shen2012", "heinzig1998", "fairbank2006", "shen2006", "smith2000a", "smith2000b"])
    assert order == ["fairbank2006", "heinzig1998", "shen2006", "shen2012", "smith2000b", "smith2000a"]


def test_each_entry_is_formatted_once(bib, monkeypatch):
    calls = []
    original = bib.style.format_entry

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    bib._references.clear()
    monkeypatch.setattr(bib.style, "format_entry", counting)
    for _ in range(50):
        bib.reference("heinzig1998")
        bib.reference("HEINZIG1998")
    assert calls == ["heinzig1998"]


def test_bibtex_and_others_is_et_al_everywhere():
    """``author = {Smith, John and others}``: the names go on, unnamed -- never a person called "others"."""
    from pybtex.database import parse_string

    from mkdocs_scholia.bib import Bibliography
    from mkdocs_scholia.references.coins import context_object

    data = parse_string(
        "@book{one, author={Smith, John and others}, title={T}, publisher={P}, year={2000}}\n"
        "@book{two, author={Smith, John and Doe, Jane and others}, title={U}, publisher={P}, year={2001}}\n"
        "@book{eds, editor={Ward, Emma and others}, title={E}, publisher={P}, year={2003}}\n"
        "@incollection{ch, author={Roe, Rita}, title={C}, booktitle={B}, editor={Ward, Emma and others},"
        " publisher={P}, year={2002}, pages={1--2}}\n"
        "@book{real, author={Others, Anne}, title={R}, publisher={P}, year={2004}}\n",
        "bibtex",
    )
    bibliography = Bibliography(data, {})
    expected = {
        "one": ("Smith et al.", "Smith, J. et al. (2000) T. P."),
        "two": ("Smith et al.", "Smith, J., Doe, J. et al. (2001) U. P."),
        "eds": ("Ward et al.", "Ward, E. et al. (eds) (2003) E. P."),
        "ch": ("Roe", "Roe, R. (2002) \u2018C\u2019, in E. Ward et al. (eds) B. P, pp. 1\u20132."),
        "real": ("Others", "Others, A. (2004) R. P."),  # a person whose surname is Others
    }
    for key, (names, text) in expected.items():
        reference = bibliography.reference(key)
        assert (reference.names, reference.text) == (names, text), key
    authors = [value for name, value in context_object(data.entries["two"]) if name == "rft.au"]
    assert authors == ["Smith, John", "Doe, Jane"]
