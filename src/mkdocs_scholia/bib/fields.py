"""Field values as plain text and URLs fit to publish: the one place that turns BibTeX into data.

Everything above the bibliography that puts a work's data anywhere but the
formatted reference -- COinS, ``citation_*`` head tags, JSON-LD, exports --
reads it through these functions, so that every output decodes LaTeX the same
way and none publishes a URL that the loader warned about.
"""

from __future__ import annotations

from pybtex.database import Entry, Person

from mkdocs_scholia.rules import dois, urls
from mkdocs_scholia.style.latex import plain_latex


def plain_text(value: str | None) -> str:
    """A raw BibTeX value as plain Unicode: LaTeX accents decoded, braces and commands gone, blanks collapsed.

    ``{\\"U}ber die {DDR}`` → ``Über die DDR``. The loader has checked that
    every value reads as LaTeX, so this does not fail on a loaded entry.
    """
    return " ".join(plain_latex(value).split()) if value else ""


def field_text(entry: Entry, name: str) -> str:
    """The field ``name`` of ``entry`` as plain text; '' when the entry lacks it."""
    return plain_text(entry.fields.get(name, ""))


def name_parts(person: Person) -> tuple[str, str, str]:
    """``(family, given, lineage)`` as plain text: ``("von Neumann", "John", "Jr.")``.

    The family name keeps its "von" part; given names are first and middle names.
    """
    return (
        plain_text(" ".join(person.prelast_names + person.last_names)),
        plain_text(" ".join(person.first_names + person.middle_names)),
        plain_text(" ".join(person.lineage_names)),
    )


def safe_url(entry: Entry, name: str = "url") -> str:
    """The entry's URL as a link target, or '' when it has none or its scheme is not allowed.

    What :mod:`mkdocs_scholia.rules.urls` allows (http, https, mailto, doi);
    ``doi:10.1/x`` becomes its resolver URL. The loader warned about any other.
    """
    value = entry.fields.get(name, "").strip()
    return urls.href(value) if value and urls.is_safe(value) else ""


def doi(entry: Entry) -> str:
    """The entry's DOI name (``10.1/x``) however it was written; '' when it has none or it is not a DOI."""
    value = entry.fields.get("doi", "")
    return dois.bare(value) if dois.is_doi(value) else ""
