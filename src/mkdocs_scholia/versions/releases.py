"""The releases a versioned site is assembled from, as plain validated values.

Each comes from a release of ``source/changelog.yml`` (loaded by
:mod:`mkdocs_scholia.corrections.changelog`, which validates the file); here
every release must also name its commit, because the versioned site is built
from it and a clone of ``main`` may carry no tags.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs_scholia.corrections import changelog
from mkdocs_scholia.rules import dates

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
"""A version string as it may appear in a path: MAJOR.MINOR.PATCH, digits only."""

COMMIT = re.compile(r"^[0-9a-f]{40}$")
"""A full SHA-1 commit id."""


class ReleaseError(ValueError):
    """A release that cannot be built at its own address."""


@dataclass(frozen=True)
class Release:
    """One published version: where it lives and what it was built from."""

    version: str
    date: dt.date
    commit: str

    def __post_init__(self) -> None:
        if not VERSION.match(self.version):
            raise ReleaseError(f"version {self.version!r} is not MAJOR.MINOR.PATCH")
        if not COMMIT.match(self.commit):
            raise ReleaseError(
                f"version {self.version}: commit {self.commit!r} is not a full 40-hex SHA-1; "
                "record it in the changelog as `commit: <git rev-parse HEAD of the release>`"
            )

    @property
    def folder(self) -> str:
        """The folder of this version in the deployed site, ``v/1.0.0``."""
        return f"v/{self.version}"

    @property
    def long_date(self) -> str:
        """The release date as the site prints it, ``25 November 2026``."""
        return dates.long_date(self.date)


def from_changelog(log: changelog.Changelog, *, name: str = "changelog") -> tuple[Release, ...]:
    """Every release of the changelog, newest first; each must record its commit."""
    found = []
    for release in log.releases:
        if not release.commit:
            raise ReleaseError(
                f"{name}: version {release.version} has no `commit:`; add the full SHA-1 of the commit "
                "it was released from (git log; git rev-parse <tag>)"
            )
        found.append(Release(release.version, release.date, release.commit))
    return tuple(found)


def load(path: Path) -> tuple[Release, ...]:
    """The releases recorded in a changelog file."""
    return from_changelog(changelog.load(path), name=str(path))
