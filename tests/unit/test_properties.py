"""Property-based tests (hypothesis) of the citation syntax, the renderer and LaTeX decoding.

* the parser never crashes, and whatever it finds round-trips: a key it
  reports is exactly the key written, and the text it matched contains it;
* the renderer never crashes on any text around a citation and never emits
  unescaped input: whatever the Markdown source or the .bib fields hold, the
  page has no element or attribute that the input put there, and no
  ``javascript:`` link;
* the plain-text fast path of LaTeX decoding agrees with latexcodec.
"""

from __future__ import annotations

import codecs
import html
import os
import re
import string

import markdown
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from pybtex.database import BibliographyData, Entry, Person
from pybtex.scanner import PybtexError

from mkdocs_scholia.bib import Bibliography, BibliographyError
from mkdocs_scholia.markdown import CitationError, CitationExtension
from mkdocs_scholia.markdown.syntax import BRACKETED, NARRATIVE, find_citations, parse_bracketed
from mkdocs_scholia.style.latex import decode_latex

# SCHOLIA_FUZZ_EXAMPLES=5000 pytest tests/unit/test_properties.py fuzzes longer than CI does.
EXAMPLES = int(os.environ.get("SCHOLIA_FUZZ_EXAMPLES", "0")) or None
SETTINGS = settings(max_examples=EXAMPLES or 150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Keys as Pandoc reads them: a letter, digit or underscore first; inner
# punctuation only before a letter or digit.
KEY_START = st.sampled_from(string.ascii_letters + string.digits + "_")
KEY_INNER = st.sampled_from(":.#$%&-+?<>~/")
WORD = st.text(alphabet=string.ascii_letters + string.digits + "_", min_size=1, max_size=6)
keys = st.builds(
    lambda first, parts: first + "".join(p + w for p, w in parts),
    KEY_START,
    st.lists(st.tuples(st.one_of(st.just(""), KEY_INNER), WORD), max_size=3),
)

# Text meant to break things: markup, quotes, brackets, at-signs, entities.
HOSTILE = st.lists(
    st.sampled_from(
        list("<>&\"'`=;,@[]{}()/\\:-_*#!?.~ \n\t") + list("abcxyzé毛\u0000\u202e")
        + ["<script>", "javascript:", "&amp;", "onload="]
    ),
    max_size=20,
).map("".join)


def _unescaped_markup(page: str, allowed_tags: set[str]) -> list[str]:
    """Elements or attributes in ``page`` that no trusted code would write."""
    tree = lxml_html.fragment_fromstring(page, create_parent="div")
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in allowed_tags:
            problems.append(f"element <{element.tag}>")
        for name, value in element.attrib.items():
            if name.startswith("on"):
                problems.append(f"attribute {name}")
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in ("href", "src") and scheme.startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"{name}={value!r}")
    return problems


# -- the parser -----------------------------------------------------------------


@SETTINGS
@given(st.text(max_size=200))
def test_parser_never_crashes_on_any_text(text):
    for start, end, citation in find_citations(text):
        assert 0 <= start < end <= len(text)
        for key in citation.keys:
            assert key and key in text[start:end]


@SETTINGS
@given(st.lists(keys, min_size=1, max_size=4), st.data())
def test_bracketed_keys_round_trip(cited, data):
    locators = [data.draw(st.sampled_from(["", ", p. 3", ", pp. 3–11", ", ch. 2"])) for _ in cited]
    prefixes = [data.draw(st.sampled_from(["", "see ", "cf. "])) for _ in cited]
    body = "; ".join(f"{p}@{k}{loc}" for p, k, loc in zip(prefixes, cited, locators, strict=True))
    citation = parse_bracketed(body)
    assert citation is not None
    assert list(citation.keys) == cited
    assert [c.locator for c in citation.cites] == [loc[2:] if loc else "" for loc in locators]
    assert [c.prefix for c in citation.cites] == [p.strip() for p in prefixes]
    match = BRACKETED.search(f"Text [{body}] more.")
    assert match is not None and match.group("body") == body


@SETTINGS
@given(keys)
def test_narrative_key_round_trips_before_sentence_punctuation(key):
    for after in (".", ",", ";", " and", ")", ":"):
        text = f"As @{key}{after} shows"
        match = NARRATIVE.search(text)
        assert match is not None
        assert (match.group("keybraced") or match.group("key")) == key


@SETTINGS
@given(
    st.text(
        alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Zs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
)
def test_braced_keys_round_trip_any_characters(key):
    assume(not any(ch.isspace() for ch in key))
    found = find_citations(f"see [@{{{key}}}] here")
    assert [c.keys for _, _, c in found] == [(key,)]


@SETTINGS
@given(st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(org|com)", fullmatch=True))
def test_email_addresses_are_never_citations(address):
    assert find_citations(f"write to {address} today") == []


# -- the renderer --------------------------------------------------------------

# What Python-Markdown itself writes for Markdown syntax, plus our notes.
ALLOWED_TAGS = {"div", "p", "span", "a", "sup", "sub", "em", "strong", "ol", "ul", "li", "hr", "code", "pre", "br",
                "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
RENDER_SETTINGS = settings(max_examples=EXAMPLES or 100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _bibliography(fields: dict[str, str], persons: dict[str, list[str]] | None = None, entry_type: str = "article"):
    entry = Entry(entry_type, fields=fields)
    for role, names in (persons or {}).items():
        for name in names:
            try:
                person = Person(name)
            except PybtexError:  # e.g. "Too many commas": the loader reports it at file:line (bad-name.bib)
                continue
            entry.add_person(person, role)
    other = Entry("book", fields={"title": "Other", "year": "2001"})
    return Bibliography(BibliographyData(entries={"k1": entry, "Other2": other}), {})


def _render(source: str, bibliography: Bibliography) -> str:
    extension = CitationExtension(bibliography=bibliography, on_problem="warn")
    return markdown.markdown(source, extensions=["footnotes", extension])


@RENDER_SETTINGS
@given(HOSTILE, HOSTILE, HOSTILE)
@example("<script>alert(1)</script>", "p. <img src=x onerror=alert(1)>", '"><b>')
def test_renderer_never_crashes_and_escapes_text_around_citations(before, locator, after):
    bibliography = _bibliography({"title": "T", "journal": "J", "year": "2000"}, {"author": ["Smith, John"]})
    # The author's own raw HTML is Markdown's business; what we check is that
    # whatever surrounds a citation, our output is well formed and escaped.
    # (and Markdown link syntax, ``[x](javascript:…)``, is the author's too).
    before, after = (html.escape(re.sub(r"[\[\]()]", "", text)) for text in (before, after))
    locator = html.escape(locator.replace("[", "").replace("]", "").replace("@", ""))
    source = f"{before} [@k1, {locator}] {after} @Other2 [@k1]."
    page = _render(source, bibliography)
    assert _unescaped_markup(page, ALLOWED_TAGS) == []
    assert "<script" not in page


def test_raw_html_in_a_locator_is_the_authors_markup_and_does_not_crash():
    """Regression: the note spliced Python-Markdown's raw-HTML placeholder (control characters) into XML."""
    bibliography = _bibliography({"title": "T", "journal": "J", "year": "2000"}, {"author": ["Smith, John"]})
    page = _render("See [@k1, p. <abbr>3</abbr>].", bibliography)
    assert page.count("<abbr>3</abbr>") == 2  # in the text and in the note, as Markdown passes raw HTML
    assert "\x02" not in page and "\x03" not in page


FIELD_VALUES = st.one_of(
    HOSTILE,
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            'x" onmouseover="alert(1)',
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://example.org/\"><script>alert(1)</script>",
            "{\\\"u}ber \\emph{<b>bold</b>}",
            "</span></li></ol><script>",
        ]
    ),
)


@RENDER_SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            ["title", "journal", "year", "volume", "number", "pages", "url", "doi", "note", "publisher", "supplied",
             "urldate", "edition"]
        ),
        FIELD_VALUES,
        min_size=1,
    ),
    st.lists(FIELD_VALUES, max_size=2),
    st.sampled_from(["article", "book", "misc", "incollection", "phdthesis", "techreport", "online"]),
)
def test_renderer_never_emits_markup_or_scripts_from_bib_fields(fields, authors, entry_type):
    fields = {name: value for name, value in fields.items() if "{" not in value or value.count("{") == value.count("}")}
    fields.setdefault("title", "A title")
    names = [a for a in authors if a.strip() and a.count("{") == a.count("}")]
    try:
        bibliography = _bibliography(fields, {"author": names}, entry_type)
        page = _render("Cited [@k1, p. 2] and @k1.", bibliography)
    except (BibliographyError, CitationError) as error:  # bad LaTeX: reported, naming the entry
        assert "k1" in str(error)  # noqa: PT017 - some generated fields are refused, and then must name the entry
        return
    assert _unescaped_markup(page, ALLOWED_TAGS) == []
    assert "<script" not in page


# -- LaTeX decoding --------------------------------------------------------------


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(9, 127)] + list("\u00a0ü毛\u2028\u0085\u2013")),
               max_size=12))
def test_plain_text_fast_path_agrees_with_latexcodec(value):
    try:
        expected = codecs.decode(value, "ulatex")
    except UnicodeDecodeError:  # e.g. a lone backslash: the fast path must not hide it
        with pytest.raises(UnicodeDecodeError):
            decode_latex(value)
        return
    assert decode_latex(value) == expected
