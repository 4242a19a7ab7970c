"""Harvard author-date references after *Cite Them Right*, as a pybtex style.

Registered as ``harvard`` under the ``pybtex.style.formatting`` entry point,
so ``pybtex.plugin.find_plugin("pybtex.style.formatting", "harvard")`` finds
it. Besides full references (``format_entry``) the style answers the two
questions an author-date in-text citation asks: whose name to print
(:meth:`HarvardStyle.citation_names`) and which year, with its ``a``/``b``
suffix (:meth:`HarvardStyle.citation_year`). Suffixes depend on the whole
bibliography, so they are assigned once, by :meth:`assign_year_suffixes`.

The pieces the templates are made of (names, quoted titles, pages, "Available
at") are in :mod:`mkdocs_scholia.style.nodes`; what each entry type needs, for
the loader's warnings, is :data:`REQUIRED_FIELDS` here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pybtex.database import Entry, Person
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import first_of, join, optional, sentence, tag, words

from mkdocs_scholia.style.latex import plain_latex
from mkdocs_scholia.style.names import HarvardNameStyle, named, surname
from mkdocs_scholia.style.nodes import (
    available_at,
    field,
    ordinal_edition,
    pages,
    people,
    single_quoted,
    supplied,
    year_in_parentheses,
)

NO_DATE = "n.d."
ET_AL_FROM = 4  # Cite Them Right: four or more authors become "First et al."


def editor_label(persons: list[Person]) -> str:
    """``(ed.)`` for one editor, ``(eds)`` for several (Cite Them Right: no full stop in "eds")."""
    return "(eds)" if len(persons) > 1 else "(ed.)"


# A number (arabic, or roman in one case) on each side of a hyphen or dash.
_NUMBER = r"(?:[0-9]+[a-z]?|[ivxlc]+|[IVXLC]+)"
_LOCATOR_RANGE = re.compile(rf"\b({_NUMBER})\s*[-\u2010-\u2015]+\s*({_NUMBER})\b")


def locator(value: str) -> str:
    """A citation's locator as printed: ranges with an en dash, however typed.

    ``pp. 170-175`` → ``pp. 170–175``; ``pp. xii--xv`` → ``pp. xii–xv``. The
    words around the numbers ("pp.", "ch.", "para.") are the author's.
    """
    return _LOCATOR_RANGE.sub(lambda m: f"{m.group(1)}\u2013{m.group(2)}", value.strip())


def note_locator(value: str) -> str:
    """What a note adds after the full reference for a citation's locator.

    A sentence of its own ("Cited at pp. 170–175."), so that it cannot be read
    as part of the reference, whose last element may itself be a page range
    or a URL.
    """
    return f"Cited at {locator(value)}." if value.strip() else ""


latex_to_text = plain_latex
"""Plain Unicode for a raw BibTeX value: accents decoded, braces gone.

The style's own name for :func:`~mkdocs_scholia.style.latex.plain_latex`.
Layers above the bibliography use :func:`mkdocs_scholia.bib.fields.plain_text`.
"""


class HarvardStyle(BaseStyle):
    """Author-date references and in-text labels after *Cite Them Right*."""

    default_sorting_style = "author_year_title"
    default_label_style = "number"

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.name_style = HarvardNameStyle()
        self.format_name = self.name_style.format
        self.year_suffixes: dict[str, str] = {}

    def __getattr__(self, name: str) -> Any:
        # pybtex looks a template up by entry type (``get_video_template``); a
        # type this style does not know is formatted as @misc instead of
        # failing with an AttributeError that names no entry.
        if name.startswith("get_") and name.endswith("_template"):
            return self.get_misc_template
        raise AttributeError(name)

    # -- in-text citations --------------------------------------------------

    @staticmethod
    def creators(entry: Entry) -> tuple[str, list[Person]]:
        """Who the work is by: authors, else editors, else nobody."""
        for role in ("author", "editor"):
            persons = entry.persons.get(role)
            if persons:
                return role, list(persons)
        return "", []

    def citation_names(self, entry: Entry) -> str:
        """"Heinzig", "Fairbank and Goldman", "Shen, Li and Zhang", "Smith et al."."""
        _, persons = self.creators(entry)
        if not persons:
            # What the full reference leads with (author_year), so that the
            # reader finds the in-text name in the list: never the publisher.
            for name in ("organization", "institution", "title"):
                if entry.fields.get(name):
                    return latex_to_text(entry.fields[name])
            return entry.key
        names_ = [latex_to_text(surname(person)) for person in named(persons)]
        if len(names_) >= ET_AL_FROM or (names_ and len(names_) < len(persons)):  # or BibTeX's "and others"
            return f"{names_[0]} et al."
        if len(names_) == 1:
            return names_[0]
        return ", ".join(names_[:-1]) + " and " + names_[-1]

    def citation_year(self, entry: Entry) -> str:
        year = latex_to_text(entry.fields.get("year", "")).strip() or NO_DATE
        return year + self.year_suffixes.get(entry.key.lower(), "")

    def sort_key(self, entry: Entry) -> tuple[str, str, str, str]:
        """Harvard order: names, then year, then title (which fixes a/b)."""
        return (
            self.citation_names(entry).casefold(),
            latex_to_text(entry.fields.get("year", "")),
            latex_to_text(entry.fields.get("title", "")).casefold(),
            entry.key.casefold(),
        )

    def assign_year_suffixes(self, entries: Iterable[Entry]) -> None:
        """Give ``a``, ``b``… to works sharing names and year, in title order."""
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for entry in sorted(entries, key=self.sort_key):
            year = latex_to_text(entry.fields.get("year", "")).strip() or NO_DATE
            groups[(self.citation_names(entry), year)].append(entry)
        self.year_suffixes = {}
        for group in groups.values():
            if len(group) > 1:
                for index, entry in enumerate(group):
                    self.year_suffixes[entry.key.lower()] = chr(ord("a") + index)

    # -- full references ----------------------------------------------------

    def author_year(self, entry: Entry) -> Any:
        role, persons = self.creators(entry)
        creators = people(role) if persons else None
        if role == "editor":
            creators = words[creators, editor_label(persons)]
        if creators is None:
            for name in ("organization", "institution"):
                if entry.fields.get(name):
                    creators = field(name)
                    break
        if creators is None:  # no creator at all: the title leads
            return words[optional[tag("em")[field("title")]], year_in_parentheses]
        return words[creators, year_in_parentheses]

    def title_first(self, entry: Entry) -> bool:
        return not self.creators(entry)[1] and not any(
            entry.fields.get(name) for name in ("organization", "institution")
        )

    publisher = join(sep=": ")[optional[field("address")], optional[field("publisher")]]

    def book_like(self, entry: Entry, *details: Any) -> Any:
        if self.title_first(entry):
            lead = sentence[self.author_year(entry)]
        else:
            lead = sentence(sep=" ")[self.author_year(entry), optional[tag("em")[field("title")]]]
        return toplevel[
            lead,
            optional[sentence[field("edition", apply_func=ordinal_edition)]],
            *details,
            available_at,
            supplied,
        ]

    def get_book_template(self, entry: Entry) -> Any:
        return self.book_like(entry, optional[sentence[self.publisher]])

    get_proceedings_template = get_book_template

    def get_article_template(self, entry: Entry) -> Any:
        volume = first_of[
            optional[join[field("volume"), optional["(", field("number"), ")"]]],
            optional[join["no. ", field("number")]],
        ]
        return toplevel[
            sentence(sep=", ")[
                words[self.author_year(entry), optional[single_quoted[field("title")]]],
                optional[tag("em")[field("journal")]],
                volume,
                pages,
            ],
            available_at,
            supplied,
        ]

    def get_incollection_template(self, entry: Entry) -> Any:
        # "in O.A. Westad (ed.) Title": the book's editors, initials first.
        editors = optional[words[people("editor", given_first=True), editor_label(entry.persons.get("editor", []))]]
        return toplevel[
            sentence(sep=", ")[
                words[self.author_year(entry), optional[single_quoted[field("title")]]],
                optional[words["in", editors, tag("em")[field("booktitle")]]],
            ],
            optional[sentence[field("edition", apply_func=ordinal_edition)]],
            sentence(sep=", ")[optional[self.publisher], optional[pages]],
            available_at,
            supplied,
        ]

    get_inbook_template = get_incollection_template
    get_inproceedings_template = get_incollection_template

    def get_phdthesis_template(self, entry: Entry) -> Any:
        kind = "PhD thesis" if entry.type.lower() == "phdthesis" else "MA thesis"
        return self.book_like(
            entry,
            sentence[first_of[optional[field("type")], kind]],
            optional[sentence[field("school")]],
        )

    get_mastersthesis_template = get_phdthesis_template
    get_thesis_template = get_phdthesis_template

    def get_techreport_template(self, entry: Entry) -> Any:
        return self.book_like(
            entry,
            optional[sentence(sep=" ")[first_of[optional[field("type")], "Report"], field("number")]],
            optional[sentence[join(sep=": ")[optional[field("address")], field("institution")]]],
        )

    get_report_template = get_techreport_template

    def get_misc_template(self, entry: Entry) -> Any:
        return self.book_like(entry, optional[sentence[field("howpublished")]])

    get_online_template = get_misc_template
    get_unpublished_template = get_misc_template
    get_manual_template = get_book_template
    get_booklet_template = get_misc_template


REQUIRED_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    # each inner tuple: at least one of these must be present
    "article": (("author", "editor"), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("year",)),
    "inbook": (("author",), ("title",), ("booktitle",), ("year",)),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year",)),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "techreport": (("author", "institution"), ("title",), ("institution",), ("year",)),
    "online": (("title",), ("url",)),
    "misc": (("title",),),
}


def missing_fields(entry: Entry) -> list[str]:
    """The required fields (by Cite Them Right's needs) that ``entry`` lacks."""
    present = {name.lower() for name in entry.fields} | {
        role.lower() for role, persons in entry.persons.items() if persons
    }
    required = REQUIRED_FIELDS.get(entry.type.lower(), (("title",),))
    return [" or ".join(group) for group in required if not present.intersection(group)]
