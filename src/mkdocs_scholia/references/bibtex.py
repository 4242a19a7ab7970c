"""Cleaned, deterministic BibTeX for the site: the download and the snippets.

"Cleaned" means: the key as written in the .bib file, the entry type in lower
case, names as ``Last, First`` joined by ``and``, fields in one fixed order
(creators, titles, container, numbering, publisher, date, identifiers, then
anything else alphabetically), field names in lower case, every value in
braces exactly as pybtex read it (LaTeX kept, so nothing is lost on the way
back in), and the fields in ``exclude`` left out (by default the editors'
``supplied`` note and reference-manager housekeeping).

Deterministic means: the same bibliography and keys give the same bytes,
whatever the order of the source file, the machine or the day; no
timestamps, LF line ends, one blank line between entries, a final newline.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry, Person

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.references.memo import once

PERSON_ROLES = ("author", "editor", "translator")
FIELD_ORDER = (
    "title",
    "subtitle",
    "booktitle",
    "journal",
    "journaltitle",
    "edition",
    "series",
    "volume",
    "number",
    "chapter",
    "pages",
    "type",
    "howpublished",
    "school",
    "institution",
    "organization",
    "address",
    "location",
    "publisher",
    "year",
    "month",
    "date",
    "isbn",
    "issn",
    "doi",
    "url",
    "urldate",
    "language",
    "note",
)
INDENT = "  "


def _person_text(person: Person) -> str:
    """``von Last, Jr, First Middle`` as pybtex reads it back (raw LaTeX kept)."""
    return str(person)


def _fields(entry: Entry, exclude: frozenset[str]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for role in PERSON_ROLES:
        persons = entry.persons.get(role)
        if persons and role not in exclude:
            fields.append((role, " and ".join(_person_text(p) for p in persons)))
    other_roles = sorted(role.lower() for role in entry.persons if role.lower() not in PERSON_ROLES)
    for role in other_roles:
        if role not in exclude:
            fields.append((role, " and ".join(_person_text(p) for p in entry.persons[role])))
    values = {name.lower(): value for name, value in entry.fields.items()}
    known = [name for name in FIELD_ORDER if name in values]
    rest = sorted(name for name in values if name not in FIELD_ORDER)
    for name in known + rest:
        value = values[name].strip()
        if name in exclude or not value:
            continue
        fields.append((name, value))
    return fields


def entry_bibtex(key: str, entry: Entry, exclude: Iterable[str] = ()) -> str:
    """One entry as cleaned BibTeX, without a trailing newline."""
    dropped = frozenset(name.lower() for name in exclude)
    fields = _fields(entry, dropped)
    width = max((len(name) for name, _ in fields), default=0)
    lines = [f"@{entry.type.lower()}{{{key},"]
    for name, value in fields:
        lines.append(f"{INDENT}{name.ljust(width)} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def cleaned_entry(bibliography: Bibliography, key: str, exclude: tuple[str, ...]) -> str:
    """:func:`entry_bibtex` of ``key`` in ``bibliography``, made once per key and excluded fields."""
    namespace = f"bibtex-{','.join(exclude)}"
    return once(bibliography, namespace, key, lambda: entry_bibtex(key, bibliography.entry(key), exclude))


def bibliography_bibtex(
    entries: Iterable[tuple[str, Entry]],
    exclude: Iterable[str] = (),
    header: Iterable[str] = (),
) -> str:
    """Several entries, in the order given, after ``%``-comment ``header`` lines."""
    dropped = tuple(exclude)
    return bibtex_file((entry_bibtex(key, entry, dropped) for key, entry in entries), header)


def bibtex_file(snippets: Iterable[str], header: Iterable[str] = ()) -> str:
    """Entries as :func:`entry_bibtex` writes them, after ``%``-comment ``header`` lines."""
    parts = []
    comment = "\n".join(f"% {line}".rstrip() for line in header)
    if comment:
        parts.append(comment)
    parts.extend(snippets)
    return "\n\n".join(parts) + "\n"
