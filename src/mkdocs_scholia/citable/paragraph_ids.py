"""Checks on the paragraph ids of the edition: unique on a page and in the edition, in their section."""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_scholia.citable.records import PageRecord


class ParagraphIdError(Exception):
    """An id that would make a paragraph's address ambiguous."""


def check_page(record: PageRecord, shown: str) -> list[str]:
    """Stop on an id used twice on the page; return warnings for ids outside the page's section.

    ``shown`` is how messages name the page (``docs/personal-factors.md``).
    """
    if record.duplicates:
        raise ParagraphIdError(f"{shown}: id used more than once on the page: {', '.join(record.duplicates)}")
    if record.section is None:
        return []
    prefix = f"p{record.section}."
    return [
        f"{shown}: paragraph id '{ident}' is in section {record.section}; expected '{prefix}…'"
        for ident in record.paragraphs
        if not ident.startswith(prefix)
    ]


def check_edition(records: Iterable[PageRecord]) -> None:
    """Stop on a paragraph id that two pages share."""
    owners: dict[str, list[str]] = {}
    for record in records:
        for ident in record.paragraphs:
            owners.setdefault(ident, []).append(record.src_uri)
    clashes = {ident: pages for ident, pages in owners.items() if len(pages) > 1}
    if clashes:
        detail = "; ".join(f"{ident} on {', '.join(pages)}" for ident, pages in sorted(clashes.items()))
        raise ParagraphIdError(f"paragraph ids must be unique in the edition: {detail}")
