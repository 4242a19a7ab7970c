"""Pieces of the References page made once per entry and kept with the bibliography.

An entry's BibTeX snippet and COinS span depend on the entry and on the code
of this feature only, so the bibliography keeps them (across ``mkdocs serve``
rebuilds and in its disk cache) under a name that includes a fingerprint of
that code: a changed module is a new name, never a stale piece.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from mkdocs_scholia.bib.bibliography import Bibliography

MADE_BY = ("bibtex.py", "coins.py", "listing.py", "memo.py")
"""The modules of this package whose output is kept."""


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of the modules in :data:`MADE_BY`."""
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent
    for name in MADE_BY:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def once(bibliography: Bibliography, kind: str, key: str, make: Callable[[], str]) -> str:
    """``make()`` for the entry ``key``, made once; ``kind`` names whatever else it depends on."""
    return bibliography.derived(f"references-{fingerprint()}-{kind}", key, make)
