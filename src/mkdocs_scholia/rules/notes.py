"""The editorial-note id grammar: ``e`` and at least three digits (``e001``, ``e1024``).

Note ids are permanent (a correction never renumbers a published note), so the
apparatus, the changelog and the versioned editions all read them by this rule.
"""

from __future__ import annotations

import re

PATTERN = r"e\d{3,}"
"""The grammar as a regular expression (without anchors), for ``fullmatch``."""

NOTE_ID = re.compile(PATTERN)


def is_note_id(value: str | None) -> bool:
    return bool(NOTE_ID.fullmatch(value or ""))
