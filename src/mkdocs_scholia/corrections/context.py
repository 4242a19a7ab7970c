"""What the theme's templates get from the corrections feature.

:class:`EditionStamp` is the footer's "Edition 1.0.0, 25 November 2026 ·
Updates and corrections", the same on every page; :class:`PageCorrections`
is the box at the end of each page ("Suggest an edit", "Report an error",
the last-revision date). Both are plain values, escaped by the templates;
the JSON fields are read by ``corrections.js``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from mkdocs_scholia.corrections import links
from mkdocs_scholia.corrections.changelog import Changelog, ChangelogError, same_version
from mkdocs_scholia.corrections.targets import Target
from mkdocs_scholia.rules import dates


@dataclass(frozen=True)
class EditionStamp:
    """The edition a page belongs to, and where its updates are listed."""

    version: str
    date: dt.date
    updates_url: str
    """The Updates page, relative to the site root (templates pass it through ``url``)."""
    updates_anchor: str

    @property
    def date_long(self) -> str:
        return dates.long_date(self.date)


def edition_stamp(
    changelog: Changelog, *, version: str | None, date: dt.date | None, updates_url: str, source: str
) -> EditionStamp:
    """The edition's stamp: its configured version and date, which must be the latest release's.

    Without a configured edition, the latest release is the edition.
    ``source`` names the changelog file in the error.
    """
    current = changelog.current
    version = version or current.version
    date = date or current.date
    if not same_version(version, current.version) or date != current.date:
        raise ChangelogError(
            f"mkdocs.yml says this is version {version} of {date.isoformat()}, but the latest release in {source} "
            f"is {current.version} of {current.date.isoformat()}; change both together "
            "(CONTRIBUTING.md, 'Releasing a new version')"
        )
    return EditionStamp(version=version, date=date, updates_url=updates_url, updates_anchor=current.anchor)


@dataclass(frozen=True)
class PageCorrections:
    """The corrections box of one page (``partials/corrections.html``)."""

    edit_url: str
    report_url: str
    report_base: str
    contributing_url: str
    issue_form: str
    source: str
    page_url: str
    title: str
    revised: str
    """The last revision, YYYY-MM-DD, or '' when unknown (then nothing is claimed)."""
    revised_long: str
    anchor_redirects: str
    """JSON: this page's old anchors -> where they went, relative to the page."""
    edit_base_url: str
    docs: str
    sources: str
    """JSON: pages made from a data file -> that file (for the paragraphs of the full text)."""


def source_of(src_uri: str, *, docs: str, sources: Mapping[str, str], exists: Callable[[str], bool]) -> str:
    """The file to correct for a page: its data file, its Markdown, or (for a page a
    plugin generates, which has no file) the docs folder, whose paragraphs name their own."""
    if src_uri in sources:
        return sources[src_uri]
    page_file = f"{docs}/{src_uri}"
    return page_file if exists(page_file) else docs + "/"


def anchor_redirects(src_uri: str, redirects: Mapping[Target, Target], link: Callable[[Target], str]) -> dict[str, str]:
    """The old anchors of page ``src_uri`` and where each went, as ``link`` writes it."""
    return {old.anchor: link(new) for old, new in redirects.items() if old.page == src_uri and old.anchor}


def page_corrections(
    *,
    repo_url: str,
    edit_base: str,
    docs: str,
    source: str,
    page_url: str,
    title: str,
    issue_form: str,
    revised: dt.date | None,
    moved: Mapping[str, str],
    sources: Mapping[str, str],
) -> PageCorrections:
    """The corrections box of a page whose file to correct is ``source``."""
    repo = repo_url.rstrip("/")
    return PageCorrections(
        edit_url=links.edit_url(repo_url, edit_base, source),
        report_url=links.report_url(repo_url, page=page_url, title=title, location=title, source=source),
        report_base=f"{repo}/issues/new",
        contributing_url=links.edit_url(repo_url, edit_base, "CONTRIBUTING.md").replace("/edit/", "/blob/", 1),
        issue_form=issue_form,
        source=source,
        page_url=page_url,
        title=title,
        revised=revised.isoformat() if revised else "",
        revised_long=dates.long_date(revised) if revised else "",
        anchor_redirects=json.dumps(dict(moved), sort_keys=True),
        edit_base_url=links.edit_url(repo_url, edit_base, ""),
        docs=docs,
        sources=json.dumps({str(k): str(v) for k, v in sources.items()}, sort_keys=True),
    )
