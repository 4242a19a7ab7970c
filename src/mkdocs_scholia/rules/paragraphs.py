"""The paragraph-id grammar: ``p<section>.<number>[<letters>]``.

Ids are written by hand in the sources (``{: #p2.3 }``) and never generated,
so that links stay valid for ever: a paragraph added later between 2.3 and
2.4 gets ``p2.3a``; the front matter (title page) is section 0 (``p0.1``).
Every layer that reads, checks or names a paragraph id uses this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = r"p(?P<section>\d+)\.(?P<number>\d+)(?P<suffix>[a-z]*)"
"""The grammar as a regular expression (without anchors), for ``fullmatch``."""

PARAGRAPH_ID = re.compile(PATTERN)


@dataclass(frozen=True)
class ParagraphId:
    section: int
    number: int
    suffix: str = ""

    @property
    def label(self) -> str:
        """``2.3a``: how the paragraph is named to readers."""
        return f"{self.section}.{self.number}{self.suffix}"

    @property
    def paragraph(self) -> str:
        """``3a``: the paragraph's number within its section."""
        return f"{self.number}{self.suffix}"

    @property
    def id(self) -> str:
        return f"p{self.label}"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.section, self.number, self.suffix)


def parse(value: str | None) -> ParagraphId | None:
    """The parts of a paragraph id, or None when ``value`` is not one."""
    match = PARAGRAPH_ID.fullmatch(value or "")
    if match is None:
        return None
    return ParagraphId(int(match["section"]), int(match["number"]), match["suffix"])


def is_paragraph_id(value: str | None) -> bool:
    return parse(value) is not None


def label(value: str) -> str:
    """``p2.3a`` → ``2.3a``; anything else is returned as it is."""
    parsed = parse(value)
    return parsed.label if parsed else value


def expected(value: str) -> str:
    """The error text for an id that does not match the grammar."""
    return (
        f"{value!r} is not a paragraph id: expected p<section>.<number> with an optional "
        "lower-case letter suffix, e.g. 'p2.3' or 'p2.3a'"
    )
