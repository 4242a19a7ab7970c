"""What each BibTeX entry type and field becomes in CSL-JSON (used by :mod:`~mkdocs_scholia.csl.convert`).

Every type and field the Harvard style prints is here; a type not listed is a
CSL ``document``, as an unknown type is a ``@misc`` for the Harvard style.
"""

from __future__ import annotations

# BibTeX entry type → CSL item type.
TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "collection": "book",
    "mvcollection": "book",
    "reference": "book",
    "manual": "book",
    "booklet": "pamphlet",
    "incollection": "chapter",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "unpublished": "manuscript",
    "patent": "patent",
    "periodical": "periodical",
    "software": "software",
    "dataset": "dataset",
    "misc": "document",
}

# What a thesis is called when the entry has no ``type`` (as the Harvard style says).
THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "MA thesis"}

# Fields copied as text (BibTeX name → CSL variable), after LaTeX decoding.
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "shorttitle": "title-short",
    "subtitle": "",  # joined to the title below
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "maintitle": "container-title",
    "shortjournal": "container-title-short",
    "series": "collection-title",
    "volume": "volume",
    "volumes": "number-of-volumes",
    "edition": "edition",
    "publisher": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "isbn": "ISBN",
    "issn": "ISSN",
    "note": "note",
    "addendum": "note",
    "chapter": "chapter-number",
    "eventtitle": "event-title",
    "venue": "event-place",
    "version": "version",
    "language": "language",
    "langid": "language",
    "abstract": "abstract",
    "pagetotal": "number-of-pages",
}
NAME_ROLES = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
    "director": "director",
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
