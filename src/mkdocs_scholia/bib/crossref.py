"""BibTeX's ``crossref``: what a chapter lacks comes from its book."""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import BibliographyData

from mkdocs_scholia.bib.errors import BibliographyError

Where = Callable[[str], tuple[str | None, int | None]]
"""``key`` → ``(path, line)`` of the entry, for messages."""


def resolve(data: BibliographyData, where: Where) -> None:
    """Copy into each entry with a ``crossref`` the fields and names it lacks, from the parent.

    A chapter's ``booktitle`` is the parent book's ``title`` when the parent
    has no ``booktitle`` of its own (as biblatex does). pybtex resolves
    cross-references only when given the whole database, which a style never
    is, so without this a chapter lost its book, editors and year. A
    ``crossref`` to a key that does not exist is an error at the child's line.
    """
    lowered = {key.lower(): entry for key, entry in data.entries.items()}
    for key, entry in data.entries.items():
        target = entry.fields.get("crossref", "").strip()
        if not target:
            continue
        parent = lowered.get(target.lower())
        if parent is None or parent is entry:
            raise BibliographyError(
                f"entry '{key}' has crossref = {{{target}}}, but no entry has that key", *where(key)
            )
        for name, value in parent.fields.items():
            if name.lower() != "crossref" and name not in entry.fields:
                entry.fields[name] = value
        if "booktitle" not in entry.fields and "title" in parent.fields:
            entry.fields["booktitle"] = parent.fields["title"]
        for role, persons in parent.persons.items():
            if not entry.persons.get(role):
                entry.persons[role] = list(persons)
