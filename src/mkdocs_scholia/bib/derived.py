"""Pieces that a feature above the bibliography makes from one entry, kept with it.

A feature (the References page, say) may make something from each entry --
its BibTeX, its COinS -- that is worth keeping across ``mkdocs serve``
rebuilds and in the disk cache, like the formatted references. The
bibliography does not know what these pieces are: it keeps plain strings
under a *namespace* the feature chooses, together with a *fingerprint* of the
feature's own code (:func:`fingerprint`), and drops a namespace's strings as
soon as it is asked with another fingerprint. So editing the feature's code
invalidates its pieces, and the bibliography's code never names the
feature's modules.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import ModuleType


@dataclass
class Pieces:
    """The strings of one namespace, by canonical key, and the fingerprint of the code that made them."""

    fingerprint: str
    values: dict[str, str] = field(default_factory=dict)


def fingerprint(*modules: ModuleType | str) -> str:
    """SHA-256 (hex) of the source of ``modules`` (modules or their dotted names).

    What a feature passes as the fingerprint of its pieces: the code that
    makes them. Read once per process. A module whose source cannot be read
    (installed without it) counts by its name and the package's version.
    """
    return _fingerprint(tuple(module if isinstance(module, str) else module.__name__ for module in modules))


@lru_cache(maxsize=64)
def _fingerprint(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in names:
        module = sys.modules.get(name) or importlib.import_module(name)
        digest.update(name.encode() + b"\0")
        filename = getattr(module, "__file__", None)
        try:
            digest.update(Path(filename).read_bytes() if filename else b"<no source>")
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    digest.update(_version().encode())
    return digest.hexdigest()


def _version() -> str:
    try:
        return metadata.version("mkdocs-scholia")
    except metadata.PackageNotFoundError:
        return "unknown"
