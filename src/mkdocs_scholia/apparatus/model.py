"""The apparatus's data: one :class:`Departure` per departure from the copy-text.

The apparatus lives in ``source/apparatus.yml`` (read and validated with
file:line errors by :mod:`mkdocs_scholia.plugins.datafiles.apparatus`), one
entry per departure::

    - id: e006                      # stable, never reused: readers cite it
      page: personal-factors        # page slug, or `front` / `references`
      paragraph: p2.1               # paragraph id, when in the essay's text
      original: "Shen Li, 2012"     # exact text of the copy-text
      edited: "Shen and Li, 2012"   # what the edition shows ("" = omitted)
      kind: citation                # one of KINDS
      reason: The conjunction between the authors' names is missing.
      occurrence: 2                 # only when `original` occurs more than once

Identifiers are checked against their grammar here too, so a departure made
in code cannot carry markup into an id or a link either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs_scholia.rules import notes, paragraphs

KIND_LABELS = {
    "typo": "typing error",
    "spacing": "spacing",
    "capitalisation": "capitalisation",
    "punctuation": "punctuation",
    "citation": "citation form",
    "lacuna": "lacuna",
    "page-break": "page-break split",
    "heading": "heading",
    "marker": "superscript marker",
    "reference": "reference",
    "formatting": "formatting",
}
"""The kinds of departure, in the order the notes page counts them, and how readers see them."""

KINDS = tuple(KIND_LABELS)

ID = notes.NOTE_ID
"""A note's permanent id: ``e001``."""

PAGE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A page slug: the page's file under docs/ without ``.md`` (``personal-factors``)."""

FRONT, REFERENCES = "front", "references"
"""The home page's front matter, and the reference list."""


class ApparatusError(ValueError):
    """The apparatus is malformed, or does not fit the copy-text or the site."""


@dataclass(frozen=True)
class Departure:
    """One recorded departure of the edited text from the copy-text."""

    id: str
    page: str
    original: str
    edited: str
    kind: str
    reason: str
    paragraph: str = ""
    occurrence: int | None = None
    place: str = field(default="", compare=False)
    """Where the entry is written (``source/apparatus.yml:120``), for messages."""

    def __post_init__(self) -> None:
        problems = []
        if not ID.fullmatch(self.id):
            problems.append(f"id {self.id!r} is not a note id such as e001")
        if not PAGE.fullmatch(self.page):
            problems.append(f"page {self.page!r} is not a page slug")
        if self.kind not in KIND_LABELS:
            problems.append(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.paragraph and not paragraphs.is_paragraph_id(self.paragraph):
            problems.append(paragraphs.expected(self.paragraph))
        if problems:
            raise ApparatusError(f"{self.named}: " + "; ".join(problems))

    @property
    def label(self) -> str:
        """The kind as readers see it: ``superscript marker``."""
        return KIND_LABELS[self.kind]

    @property
    def named(self) -> str:
        """How messages name the entry: ``source/apparatus.yml:120: entry 'e004'``."""
        return f"{self.place}: entry {self.id!r}" if self.place else f"entry {self.id!r}"


def page_file(page: str) -> str:
    """The docs file of a page slug: ``front`` is the home page, ``index.md``."""
    return "index.md" if page == FRONT else f"{page}.md"


def page_slug(src_uri: str) -> str:
    """The slug of a docs file: ``index.md`` is ``front``."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    return FRONT if stem == "index" else stem
