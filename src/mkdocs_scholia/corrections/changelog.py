"""The edition's changelog: every change since the first edition, as data.

``source/changelog.yml`` has two lists. ``unreleased`` holds the changes
merged since the last release (they are already on the site); ``releases``
holds one entry per published version, newest first::

    unreleased:
      - kind: correction
        where: personal-factors.md#p2.3
        description: "Khrushchev's resignation" for "Khruschev's resignation".
        issue: 12
    releases:
      - version: 1.0.0
        date: 2026-11-25
        summary: First edition.
        changes: []

A change has a ``kind`` (see :data:`KINDS`), a ``description`` (a sentence
or two, with Markdown emphasis, code and links: see
:mod:`mkdocs_scholia.corrections.markup`), and optionally ``where`` (a page
under docs/, with an anchor), ``issue`` (the issue or pull-request number)
and ``apparatus`` (the id of the editorial note it added or changed).
Versions are MAJOR.MINOR.PATCH (see CONTRIBUTING.md, "Releasing a new version").

The file is read and validated, with file:line errors, by
:mod:`mkdocs_scholia.plugins.datafiles.changelog`; the Updates page is
written by :mod:`mkdocs_scholia.corrections.updates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from mkdocs_scholia.corrections.targets import Target
from mkdocs_scholia.rules import notes

KINDS = {
    "correction": "Correction to the text",
    "apparatus": "Editorial note",
    "reference": "Reference",
    "url": "Address change",
    "edition": "Edition",
    "site": "Site",
}
"""Kinds of change, and how the page labels them."""

VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
"""A release's version: MAJOR.MINOR.PATCH."""

COMMIT = re.compile(r"[0-9a-f]{40}")
"""A release's commit: the full SHA-1 of the commit it was released from (for ``fullmatch``)."""

NOTE_ID = notes.NOTE_ID
"""An editorial note's id (the apparatus's grammar)."""


class ChangelogError(ValueError):
    """The changelog does not fit the edition."""


@dataclass(frozen=True)
class Change:
    kind: str
    description: str
    where: Target | None = None
    issue: int | None = None
    apparatus: str = ""
    place: str = field(default="", compare=False)
    """Where the change's ``where`` is written (``source/changelog.yml:12: unreleased, change 1``), for messages."""


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    summary: str
    changes: tuple[Change, ...] = ()
    commit: str = ""
    """The commit the release was built from (40 hex digits); "" if not recorded."""

    @property
    def anchor(self) -> str:
        """The id of the release's section on the Updates page: ``v1.0.0``."""
        return "v" + self.version

    @property
    def tag(self) -> str:
        """The git tag of this release."""
        return "v" + self.version


@dataclass(frozen=True)
class Changelog:
    releases: tuple[Release, ...]
    unreleased: tuple[Change, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.releases:
            raise ChangelogError("the changelog lists no release: `releases` lists at least the first edition")

    @property
    def current(self) -> Release:
        """The latest release: the version the site calls "this edition"."""
        return self.releases[0]

    def changes(self) -> tuple[Change, ...]:
        """Every change, unreleased first."""
        return (*self.unreleased, *(change for release in self.releases for change in release.changes))


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION.fullmatch(version)
    if not match:
        raise ChangelogError(f"version {version!r} is not MAJOR.MINOR.PATCH (e.g. 1.0.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def same_version(configured: str, released: str) -> bool:
    """``1.0`` and ``1.0.0`` are the same version; ``1.1`` and ``1.0.0`` are not."""

    def parts(version: str) -> tuple[int, ...]:
        numbers = [int(part) for part in version.strip().lstrip("v").split(".") if part.isdigit()]
        while numbers and numbers[-1] == 0:
            numbers.pop()
        return tuple(numbers)

    return parts(configured) == parts(released)
