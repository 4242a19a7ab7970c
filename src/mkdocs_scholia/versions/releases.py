"""The releases a versioned site is assembled from, as plain validated values.

Each comes from a release of ``source/changelog.yml`` (validated when it is
loaded, by :mod:`mkdocs_scholia.plugins.datafiles.changelog`); here
every release must also name its commit, because the versioned site is built
from it and a clone of ``main`` may carry no tags.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mkdocs_scholia.corrections import changelog
from mkdocs_scholia.rules import dates, notes, paragraphs

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
"""A version string as it may appear in a path: MAJOR.MINOR.PATCH, digits only."""

COMMIT = re.compile(r"^[0-9a-f]{40}$")
"""A full SHA-1 commit id."""


MARKED_KINDS = frozenset({"correction", "apparatus", "reference"})
"""Kinds of change that alter what a paragraph says, and so get a "changed since" mark."""

REFERENCE_ENTRY = re.compile(r"ref-[A-Za-z0-9][A-Za-z0-9_.:-]*")
"""The anchor of an entry of the References page (``ref-yu1977``): a change to a
reference is marked on its entry as a change to a paragraph is on the paragraph."""

NOTE_ID = notes.NOTE_ID
"""An editorial note's id, ``e012``."""


class ReleaseError(ValueError):
    """A release that cannot be built at its own address."""


@dataclass(frozen=True)
class ParagraphChange:
    """A paragraph (or an entry of the References page) a release changed: its page (a URL path
    within a version), its id (``p3.1``, ``ref-yu1977``), its note."""

    page: str
    paragraph: str
    note: str = ""


def address(site_url: str, version: str) -> str:
    """Where the deployed site keeps a version: ``https://…/v/1.0.0/``."""
    return site_url.rstrip("/") + f"/v/{version}/"


@dataclass(frozen=True)
class Permanence:
    """Whether a build of the sources has a permanent link besides its own address."""

    root: str | None = None
    """The version's own address (``https://…/v/1.0.1/``) when the build is the current edition at the
    unversioned addresses and is exactly its latest release; None otherwise."""
    unreleased: bool = False
    """The changelog lists changes since the latest release: no version holds this text yet."""


def permanence(site_url: str, log: changelog.Changelog) -> Permanence:
    """The permanent link of a build at ``site_url`` of sources whose changelog is ``log``.

    A build at a version's own address (``…/v/1.0.1/``, as ``mkdocs-scholia
    versions`` builds each release) already cites its permanent link. A build
    at the unversioned addresses is the latest release only while nothing is
    unreleased; then every release, this one included, is published under
    ``v/<version>/`` and that copy is its permanent link.
    """
    latest = log.current.version
    if site_url.rstrip("/").endswith(f"/v/{latest}"):
        return Permanence()
    if log.unreleased:
        return Permanence(unreleased=True)
    return Permanence(root=address(site_url, latest))


def page_url(source: str) -> str | None:
    """The URL path of a page under docs/ (``personal-factors.md`` -> ``personal-factors/``)."""
    if not source.endswith(".md") or source.startswith("/") or ".." in source.split("/"):
        return None
    stem = source[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def paragraph_change(change: changelog.Change) -> ParagraphChange | None:
    """The paragraph or reference entry a change of the changelog altered, if it names one and alters its text."""
    if change.kind not in MARKED_KINDS or change.where is None or not change.where.anchor:
        return None
    anchor = change.where.anchor
    page = page_url(change.where.page)
    if page is None or not (paragraphs.is_paragraph_id(anchor) or REFERENCE_ENTRY.fullmatch(anchor)):
        return None
    note = change.apparatus if NOTE_ID.fullmatch(change.apparatus or "") else ""
    return ParagraphChange(page, anchor, note)


@dataclass(frozen=True)
class Release:
    """One published version: where it lives and what it was built from."""

    version: str
    date: dt.date
    commit: str
    changed: tuple[ParagraphChange, ...] = ()
    """The paragraphs this release changed (from its changelog entry)."""

    def __post_init__(self) -> None:
        if not VERSION.fullmatch(self.version):
            raise ReleaseError(f"version {self.version!r} is not MAJOR.MINOR.PATCH")
        if not COMMIT.fullmatch(self.commit):
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
        changed = tuple(dict.fromkeys(filter(None, map(paragraph_change, release.changes))))
        found.append(Release(release.version, release.date, release.commit, changed))
    return tuple(found)
