"""The pieces of a Cite Them Right reference, as pybtex template nodes and text helpers.

The Harvard style (:mod:`mkdocs_scholia.style.harvard`) assembles its
templates from these. Field values are read as LaTeX through
:func:`~mkdocs_scholia.style.latex.rich_latex` (so ``\\emph`` stays italic);
page ranges, DOIs and dates follow the shared rules in :mod:`mkdocs_scholia.rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pybtex.richtext import HRef, Tag, Text
from pybtex.style.template import FieldIsMissing, join, node

from mkdocs_scholia.rules import dates, dois
from mkdocs_scholia.rules import pages as page_ranges
from mkdocs_scholia.style.latex import rich_latex
from mkdocs_scholia.style.names import given_first as names_given_first
from mkdocs_scholia.style.names import named


@node
def field(
    children: list[Any],
    context: dict[str, Any],
    name: str,
    apply_func: Callable[[Text], Text] | None = None,
    raw: bool = False,
) -> Text:
    """pybtex's ``field``, reading LaTeX with :func:`rich_latex` (keeps ``\\emph``)."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    text = Text(value) if raw else rich_latex(value)
    return apply_func(text) if apply_func else text


@node
def people(children: list[Any], context: dict[str, Any], role: str, given_first: bool = False) -> Text:
    """The names in ``role``: "Smith, J., Doe, J. and Roe, R."; BibTeX's ``and
    others`` ends the list with "et al." (pybtex's ``names`` prints "others").

    ``given_first`` writes "J. Smith", as Cite Them Right names the editors of
    the book a chapter is in ("in O.A. Westad (ed.)")."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    persons = entry.persons.get(role)
    if not persons:
        raise FieldIsMissing(role, entry)
    style = context["style"]
    listed = named(persons)
    if given_first:
        formatted = [names_given_first(person) for person in listed]
    else:
        formatted = [style.format_name(person, style.abbreviate_names) for person in listed]
    if len(listed) < len(persons):  # BibTeX's "and others"
        return join(sep=", ")[formatted].format_data(context) + " et al."
    return join(sep=", ", sep2=" and ", last_sep=" and ")[formatted].format_data(context)


def dashify(text: Text) -> Text:
    """Page ranges with an en dash, however the range was typed (:mod:`mkdocs_scholia.rules.pages`)."""
    return Text(page_ranges.page_range(str(text)))


def ordinal_edition(text: Text) -> Text:
    """``2`` → ``2nd edn.``; a worded edition ("2nd", "Revised") keeps its words."""
    value = str(text).strip()
    if value.isdigit():
        number = int(value)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        value = f"{number}{suffix}"
    return Text(value, " edn.")


def accessed_date(text: Text) -> Text:
    """An ISO ``urldate`` as Cite Them Right prints it: 25 November 2026 (in English on every machine).

    A value that is not an ISO date is printed as it is.
    """
    value = str(text).strip()
    day = dates.parse_iso(value)
    return Text(dates.long_date(day) if day else value)


@node
def year_in_parentheses(children: list[Any], context: dict[str, Any]) -> Text:
    """``(2012a)``: the year with its disambiguating suffix, or ``(n.d.)``."""
    return Text("(", context["style"].citation_year(context["entry"]), ")")


@node
def single_quoted(children: list[Any], context: dict[str, Any]) -> Text:
    """Cite Them Right puts titles of parts (articles, chapters) in single quotes."""
    text = join[children].format_data(context)
    return Text("\u2018", text, "\u2019") if text else Text()


@node
def pages(children: list[Any], context: dict[str, Any], single: str = "p.", plural: str = "pp.") -> Text:
    """``p. 5`` or ``pp. 3–11``, or nothing when the entry has no pages."""
    value = context["entry"].fields.get("pages", "")
    if not value:
        return Text()
    text = dashify(rich_latex(value))
    return Text(plural if page_ranges.is_range(str(text)) else single, " ", text)


@node
def available_at(children: list[Any], context: dict[str, Any]) -> Text:
    """``Available at: <link> (Accessed: date).`` for a DOI or URL."""
    fields = context["entry"].fields
    doi = fields.get("doi", "").strip()
    url = fields.get("url", "").strip()
    if doi:
        link = dois.url(doi)
    elif url:
        link = url
    else:
        return Text()
    parts = [Text("Available at: "), HRef(link, link)]
    if fields.get("urldate") and not doi:
        parts.append(Text(" (Accessed: ", accessed_date(Text(fields["urldate"])), ")"))
    return Text(*parts, ".")


@node
def supplied(children: list[Any], context: dict[str, Any]) -> Text:
    """The editors' mark on a work they identified: ``[Supplied by the editors: …]``."""
    note = context["entry"].fields.get("supplied", "").strip()
    if not note:
        return Text()
    return Tag("supplied", "[Supplied by the editors: ", rich_latex(note), "]")
