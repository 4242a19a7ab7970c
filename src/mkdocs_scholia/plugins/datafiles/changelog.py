"""``changelog.yml``: its schema, and the changelog it holds.

The file is a mapping with ``unreleased`` (a list of changes) and
``releases`` (a list of releases, newest first, each with its changes).
Every change and release is validated by :class:`ChangeConfig` and
:class:`ReleaseConfig`, then the order of the releases; every problem is
reported at once, as ``source/changelog.yml:12: release '1.1.0', change 2,
field 'kind': …``. The valid data becomes a
:class:`mkdocs_scholia.corrections.changelog.Changelog`.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from mkdocs_scholia.corrections import markup, targets
from mkdocs_scholia.corrections.changelog import (
    COMMIT,
    KINDS,
    NOTE_ID,
    VERSION,
    Change,
    Changelog,
    Release,
    version_key,
)
from mkdocs_scholia.plugins.datafiles import records, yamlfile
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError
from mkdocs_scholia.rules import places, urls


class Target(records.Field[targets.Target]):
    """A page under docs/, with an optional anchor: ``personal-factors.md#p2.3``."""

    def run_validation(self, value: object) -> targets.Target:
        target = targets.parse(value)
        if target is None:
            raise records.ValidationError(targets.problem(value))
        return target


class Description(records.Text):
    """A sentence or two of restricted Markdown (see :mod:`mkdocs_scholia.corrections.markup`)."""

    def run_validation(self, value: object) -> str:
        text = " ".join(super().run_validation(value).split())
        rejected = markup.rejected_links(text)
        if rejected:
            raise records.ValidationError(
                "; ".join(urls.problem(target) for target in rejected) + "; link to a web page (https://…) or a DOI"
            )
        return text


class ChangeConfig(records.Record):
    """One change to the published edition."""

    kind = records.OneOf(tuple(KINDS))
    """What changed: the text, an editorial note, a reference, an address, the edition, the site."""

    description = Description()
    """What changed, in a sentence (emphasis, code and https/mailto/doi links allowed)."""

    where = Target(optional=True)
    """The page under docs/, with an anchor: ``personal-factors.md#p2.3``."""

    issue = records.Whole(minimum=1, what="an issue or pull-request number", optional=True)
    """The issue or pull request the change answers."""

    apparatus = records.Text(
        pattern=NOTE_ID, expected="the id of an editorial note, e.g. 'e012'", optional=True, fallback=""
    )
    """The editorial note the change added or changed."""


class ReleaseConfig(records.Record):
    """One published version of the edition."""

    version = records.Text(pattern=VERSION, expected="a version MAJOR.MINOR.PATCH, e.g. '1.0.0' (quote it in YAML)")
    """MAJOR.MINOR.PATCH; the git tag of the release is v<version>."""

    date = records.Day()
    """The day of the release (YYYY-MM-DD)."""

    summary = Description()
    """What the version is, in a sentence or two."""

    changes = records.Items(optional=True, fallback=[])
    """The changes it publishes (each a :class:`ChangeConfig`)."""

    commit = records.Text(
        pattern=COMMIT,
        expected="the full 40-hex SHA-1 of the release's commit (git rev-parse v<version>)",
        optional=True,
        fallback="",
    )
    """The commit the release was built from; its versioned site at /v/<version>/ is built from it."""


class ChangelogConfig(records.Record):
    """The whole file."""

    unreleased = records.Items(optional=True, fallback=[])
    """Changes merged since the latest release, newest last."""

    releases = records.Items()
    """Every release, newest first; the first is the edition the site shows."""


def _changes(items: Any, *, name: str, line: int, what: str, problems: list[str]) -> tuple[Change, ...]:
    found, trouble = records.validate_list(
        ChangeConfig, items, name=name, line=line, what=what, label=lambda index, _: f"{what}, change {index + 1}"
    )
    problems.extend(trouble)
    return tuple(
        Change(
            kind=change.kind,
            description=change.description,
            where=change.where,
            issue=change.issue,
            apparatus=change.apparatus or "",
            place=places.message(
                name,
                yamlfile.line_of(items[index], "where", yamlfile.line_of(items, index, line)),
                f"{what}, change {index + 1}",
            ),
        )
        for change, index in found
    )


def _release_label(index: int, data: object) -> str:
    version = data.get("version") if isinstance(data, dict) else None
    return f"release {version!r}" if isinstance(version, str) and VERSION.fullmatch(version) else f"release {index + 1}"


def changelog(data: object, name: str = "changelog") -> Changelog:
    """The changelog of already-parsed data (from :func:`yamlfile.read`, or plain).

    Raises :class:`DataFileError` listing every problem, each as ``name:line: …``.
    """
    top = getattr(data, "line", 0)
    whole, problems = records.validate(ChangelogConfig, data, name=name, line=top, label="the changelog")
    if whole is None:
        raise DataFileError(problems)
    unreleased = _changes(
        whole.unreleased,
        name=name,
        line=yamlfile.line_of(data, "unreleased", top),
        what="unreleased",
        problems=problems,
    )
    raw_releases = whole.releases
    found, trouble = records.validate_list(
        ReleaseConfig,
        raw_releases,
        name=name,
        line=yamlfile.line_of(data, "releases", top),
        what="releases",
        label=_release_label,
    )
    problems.extend(trouble)
    releases: list[tuple[Release, int]] = []
    for release, index in found:
        line = yamlfile.line_of(raw_releases, index, top)
        label = _release_label(index, raw_releases[index])
        changes = _changes(
            release.changes,
            name=name,
            line=yamlfile.line_of(raw_releases[index], "changes", line),
            what=label,
            problems=problems,
        )
        releases.append((Release(release.version, release.date, release.summary, changes, release.commit or ""), line))
    if not raw_releases and not trouble:
        problems.append(
            places.message(name, yamlfile.line_of(data, "releases", top), "`releases` lists at least the first edition")
        )
    for (newer, line), (older, _) in itertools.pairwise(releases):
        if version_key(newer.version) <= version_key(older.version):
            problems.append(
                places.message(
                    name, line, f"releases go newest first: {newer.version} is listed before {older.version}"
                )
            )
        if newer.date < older.date:
            problems.append(
                places.message(name, line, f"release {newer.version!r} is dated before release {older.version!r}")
            )
    if problems:
        raise DataFileError(yamlfile.in_file_order(problems))
    return Changelog(tuple(release for release, _ in releases), unreleased)


def load_changelog(path: str | Path, root: str | Path | None = None) -> Changelog:
    """Read and validate a changelog file; messages name it relative to ``root``."""
    return changelog(yamlfile.read(path, root), places.display(path, root))
