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

A change has a ``kind`` (see :data:`KINDS`), a ``description`` (Markdown, one
sentence or two), and optionally ``where`` (a page under docs/, with an
anchor), ``issue`` (the issue or pull-request number) and ``apparatus`` (the
id of the editorial note it added or changed). Versions are
MAJOR.MINOR.PATCH (see CONTRIBUTING.md, "Releasing a new version").

:func:`load` checks all of this and :func:`render_markdown` writes the
"Updates and corrections" page, one section per version with a stable
anchor (``#v1.0.0``), so a citation to any version can be interpreted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = {
    "correction": "Correction to the text",
    "apparatus": "Editorial note",
    "reference": "Reference",
    "url": "Address change",
    "edition": "Edition",
    "site": "Site",
}
"""Kinds of change, and how the page labels them."""

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
CHANGE_KEYS = {"kind", "description", "where", "issue", "apparatus"}
RELEASE_KEYS = {"version", "date", "summary", "changes"}


class ChangelogError(ValueError):
    """A problem in the changelog file, naming the entry."""


@dataclass(frozen=True)
class Change:
    kind: str
    description: str
    where: str = ""
    issue: int | None = None
    apparatus: str = ""


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    summary: str
    changes: tuple[Change, ...] = ()

    @property
    def anchor(self) -> str:
        return "v" + self.version

    @property
    def tag(self) -> str:
        """The git tag of this release."""
        return "v" + self.version


@dataclass(frozen=True)
class Changelog:
    releases: tuple[Release, ...]
    unreleased: tuple[Change, ...] = field(default=())

    @property
    def current(self) -> Release:
        """The latest release: the version the site calls "this edition"."""
        return self.releases[0]


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION.match(version)
    if not match:
        raise ChangelogError(f"version {version!r} is not MAJOR.MINOR.PATCH (e.g. 1.0.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def _change(raw: object, where: str) -> Change:
    if not isinstance(raw, Mapping):
        raise ChangelogError(f"{where}: a change is a mapping with kind and description")
    unknown = set(raw) - CHANGE_KEYS
    if unknown:
        raise ChangelogError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ChangelogError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise ChangelogError(f"{where}: description is required")
    target = raw.get("where", "") or ""
    if not isinstance(target, str) or (target and not target.split("#", 1)[0].endswith(".md")):
        raise ChangelogError(f"{where}: where is a page under docs/, e.g. personal-factors.md#p2.3")
    issue = raw.get("issue")
    if issue is not None and (not isinstance(issue, int) or isinstance(issue, bool) or issue < 1):
        raise ChangelogError(f"{where}: issue is an issue or pull-request number")
    apparatus = raw.get("apparatus", "") or ""
    if not isinstance(apparatus, str):
        raise ChangelogError(f"{where}: apparatus is the id of an editorial note, e.g. e012")
    return Change(kind=kind, description=description.strip(), where=target, issue=issue, apparatus=apparatus)


def _changes(raw: object, where: str) -> tuple[Change, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ChangelogError(f"{where}: changes are a list")
    return tuple(_change(item, f"{where}, change {number}") for number, item in enumerate(raw, 1))


def parse(data: object, name: str = "changelog") -> Changelog:
    """Check the changelog's data (as YAML gives it) and return it."""
    if not isinstance(data, Mapping):
        raise ChangelogError(f"{name}: expected a mapping with `unreleased` and `releases`")
    unknown = set(data) - {"unreleased", "releases"}
    if unknown:
        raise ChangelogError(f"{name}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    raw_releases = data.get("releases")
    if not isinstance(raw_releases, list) or not raw_releases:
        raise ChangelogError(f"{name}: `releases` lists at least the first edition")
    releases = []
    for number, raw in enumerate(raw_releases, 1):
        where = f"{name}: release {number}"
        if not isinstance(raw, Mapping):
            raise ChangelogError(f"{where}: a release is a mapping with version, date and summary")
        unknown = set(raw) - RELEASE_KEYS
        if unknown:
            raise ChangelogError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        version = str(raw.get("version", ""))
        version_key(version)
        where = f"{name}: version {version}"
        date = raw.get("date")
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise ChangelogError(f"{where}: date is a date, YYYY-MM-DD")
        summary = raw.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            raise ChangelogError(f"{where}: summary is required")
        releases.append(Release(version, date, summary.strip(), _changes(raw.get("changes"), where)))
    for newer, older in zip(releases, releases[1:]):
        if version_key(newer.version) <= version_key(older.version):
            raise ChangelogError(f"{name}: releases go newest first ({newer.version} is listed before {older.version})")
        if newer.date < older.date:
            raise ChangelogError(f"{name}: version {newer.version} is dated before version {older.version}")
    return Changelog(tuple(releases), _changes(data.get("unreleased"), f"{name}: unreleased"))


def load(path: Path) -> Changelog:
    """Read and check ``path``."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return parse(data, name=path.name)


def long_date(date: dt.date) -> str:
    """25 November 2026."""
    return f"{date.day} {date:%B %Y}"


def _change_line(change: Change, *, issue_url: Callable[[int], str], page_title: Callable[[str], str]) -> str:
    parts = [f"**{KINDS[change.kind]}.**"]
    if change.where:
        page, _, anchor = change.where.partition("#")
        label = page_title(page)
        if anchor:
            label += f", ¶\u00a0{anchor[1:]}" if re.fullmatch(r"p\d+(\.\d+)*", anchor) else f", #{anchor}"
        parts.append(f"[{label}]({change.where}):")
    parts.append(change.description)
    notes = []
    if change.apparatus:
        notes.append(f"editorial note {change.apparatus}")
    if change.issue is not None:
        notes.append(f"[#{change.issue}]({issue_url(change.issue)})")
    line = " ".join(parts)
    if notes:
        line += " (" + "; ".join(notes) + ")"
    return "- " + line


def render_markdown(
    changelog: Changelog,
    *,
    issue_url: Callable[[int], str],
    page_title: Callable[[str], str] = lambda page: page,
    heading_level: int = 2,
) -> str:
    """The changelog as Markdown: a section for unreleased changes, then one per version."""
    hashes = "#" * heading_level
    current = changelog.current
    lines = [f"{hashes} Since version {current.version} {{#unreleased}}", ""]
    if changelog.unreleased:
        lines += [
            f"These changes are on the site but not yet in a numbered version; "
            f"cite them with the date you read the page.",
            "",
        ]
        lines += [_change_line(c, issue_url=issue_url, page_title=page_title) for c in changelog.unreleased]
    else:
        lines.append(f"No changes since version {current.version}.")
    lines.append("")
    for release in changelog.releases:
        lines += [f"{hashes} Version {release.version}, {long_date(release.date)} {{#{release.anchor}}}", ""]
        lines += [release.summary, ""]
        if release.changes:
            lines += [_change_line(c, issue_url=issue_url, page_title=page_title) for c in release.changes]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
