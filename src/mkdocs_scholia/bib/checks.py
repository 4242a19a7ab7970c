"""What is checked when a bibliography is loaded, and what each check reports.

* :func:`check_latex` -- every field and name must read as LaTeX, or the
  build stops with the entry's file and line (an error: the entry cannot be
  printed at all);
* :func:`missing_fields` -- what the style needs and an entry lacks (a
  warning: the entry is printed without it);
* :func:`unsafe_urls` -- a ``url`` whose scheme is not allowed
  (``javascript:``, ``data:``…; a warning: it is printed as text, never
  linked, and never published as metadata).

Warnings are strings that start with ``file:line:``, so ``mkdocs build
--strict`` fails on them and an editor can jump to the entry.
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import BibliographyData

from mkdocs_scholia.bib.errors import BibliographyError
from mkdocs_scholia.rules import urls
from mkdocs_scholia.style.harvard import missing_fields as style_missing_fields
from mkdocs_scholia.style.latex import needs_decoding, rich_latex

RAW_FIELDS = frozenset({"url", "doi", "urldate", "eprint", "file", "crossref"})
"""Fields that are not LaTeX: the style reads them as they are."""

URL_FIELDS = ("url",)
"""Fields that hold a URL the style links and upper layers publish."""

Where = Callable[[str], tuple[str | None, int | None]]
Place = Callable[[str], str]


def check_latex(data: BibliographyData, where: Where) -> None:
    """Every field and name reads as LaTeX, or an error names the entry's file and line.

    Otherwise a stray backslash (``author = {Doe, J\\}``) failed deep inside
    formatting with a bare UnicodeDecodeError and no location. Only values
    that :func:`~mkdocs_scholia.style.latex.rich_latex` would decode are
    tried (most values are plain text, which cannot fail), and a value already
    read (names and pages recur) is not read again.
    """
    checked: set[str] = set()
    for key, entry in data.entries.items():
        values = [(name, value) for name, value in entry.fields.items() if name.lower() not in RAW_FIELDS]
        values += [  # each part too: citations use the surname alone ("Doe, \\," splits into "\\")
            (role, part)
            for role, persons in entry.persons.items()
            for person in persons
            for part in (
                str(person),
                *person.first_names,
                *person.middle_names,
                *person.prelast_names,
                *person.last_names,
                *person.lineage_names,
            )
        ]
        for name, value in values:
            if value in checked or not needs_decoding(value):
                continue
            try:
                rich_latex(value)
                checked.add(value)
            except ValueError as error:
                reason = error.reason if isinstance(error, UnicodeDecodeError) else str(error)
                raise BibliographyError(
                    f"entry '{key}', field '{name}': not valid LaTeX ({reason}): {value!r}", *where(key)
                ) from None


def missing_fields(data: BibliographyData, place: Place) -> list[str]:
    """``file:line: entry 'k' (article) lacks journal``, for each entry lacking what the style needs."""
    warnings = []
    for key, entry in data.entries.items():
        missing = style_missing_fields(entry)
        if missing:
            warnings.append(f"{place(key)}: entry '{key}' ({entry.type}) lacks {', '.join(missing)}")
    return warnings


def unsafe_urls(data: BibliographyData, place: Place) -> list[str]:
    """``file:line: entry 'k': field 'url': 'javascript:…' is not an allowed URL …``, for each such URL."""
    warnings = []
    for key, entry in data.entries.items():
        for name in URL_FIELDS:
            value = entry.fields.get(name, "").strip()
            if value and not urls.is_safe(value):
                warnings.append(
                    f"{place(key)}: entry '{key}': field '{name}': {urls.problem(value)}; "
                    "it is printed as text, never linked"
                )
    return warnings
