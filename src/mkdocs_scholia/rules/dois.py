"""DOIs: the bare name from any of the ways it is written, and its resolver URL."""

from __future__ import annotations

import re

PREFIXES = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
SYNTAX = re.compile(r"^10\.\d{4,9}/\S+$")


def bare(value: str | None) -> str:
    """``https://doi.org/10.1/x``, ``doi:10.1/x`` or ``10.1/x`` → ``10.1/x`` (stripped)."""
    return PREFIXES.sub("", value or "").strip()


def is_doi(value: str | None) -> bool:
    """Whether ``value`` (in any written form) is a DOI name ``10.<registrant>/<suffix>``."""
    return bool(SYNTAX.match(bare(value)))


def url(value: str | None) -> str:
    """The resolver URL ``https://doi.org/10.1/x``, or '' when there is no DOI."""
    name = bare(value)
    return f"https://doi.org/{name}" if name else ""
