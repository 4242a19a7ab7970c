"""The "Updates and corrections" page: the changelog for readers.

One section for the changes since the latest release, then one per
version, newest first, each with a stable anchor (``#unreleased``,
``#v1.0.0``) so that a citation to any version can be interpreted. The
headings are Markdown (they get permalinks and a place in the table of
contents; their text is only a version number and a date). Everything else
is raw HTML written here: descriptions and summaries through
:mod:`mkdocs_scholia.corrections.markup`, every other value escaped, so the
site's Markdown extensions never read the data file's text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from mkdocs_scholia.corrections import markup
from mkdocs_scholia.corrections.changelog import KINDS, Change, Changelog
from mkdocs_scholia.corrections.targets import Target
from mkdocs_scholia.rules import dates, paragraphs

MARKER = "<!-- scholia:changelog -->"
"""What the Updates page writes where the changelog goes."""


def _place(target: Target, page_title: Callable[[str], str]) -> str:
    """``2. Personal Factors, ¶ 2.3`` (a paragraph) or ``Title, #anchor``."""
    label = page_title(target.page)
    if target.anchor:
        parsed = paragraphs.parse(target.anchor)
        label += f", \u00b6\u00a0{parsed.label}" if parsed else f", #{target.anchor}"
    return label


def change_item(
    change: Change,
    *,
    link: Callable[[Target], str],
    page_title: Callable[[str], str],
    issue_url: Callable[[int], str],
) -> str:
    """One change as a list item."""
    parts = [f"<strong>{html.escape(KINDS[change.kind])}.</strong>"]
    if change.where is not None:
        href = html.escape(link(change.where), quote=True)
        parts.append(f'<a href="{href}">{html.escape(_place(change.where, page_title))}</a>:')
    parts.append(markup.inline_html(change.description))
    notes = []
    if change.apparatus:
        notes.append(f"editorial note {html.escape(change.apparatus)}")
    if change.issue is not None:
        notes.append(f'<a href="{html.escape(issue_url(change.issue), quote=True)}">#{change.issue}</a>')
    item = " ".join(parts)
    if notes:
        item += " (" + "; ".join(notes) + ")"
    return f"<li>{item}</li>"


def render(
    changelog: Changelog,
    *,
    link: Callable[[Target], str],
    issue_url: Callable[[int], str],
    page_title: Callable[[str], str] = lambda page: page,
    heading_level: int = 2,
) -> str:
    """The changelog as the Updates page's body: Markdown headings and raw HTML blocks.

    ``link(target)`` is the URL of a page and anchor relative to the page
    being rendered; ``page_title(page)`` names a docs page; ``issue_url(n)``
    is the address of issue ``n``.
    """
    hashes = "#" * heading_level
    current = changelog.current

    def items(changes: tuple[Change, ...]) -> str:
        lines = [change_item(c, link=link, page_title=page_title, issue_url=issue_url) for c in changes]
        return "\n".join(["<ul>", *lines, "</ul>"])

    blocks = [f"{hashes} Since version {current.version} {{#unreleased}}"]
    if changelog.unreleased:
        blocks += [
            ("<p>These changes are on the site but not yet in a numbered version; "
            "cite them with the date you read the page.</p>"),
            items(changelog.unreleased),
        ]
    else:
        blocks.append(f"<p>No changes since version {html.escape(current.version)}.</p>")
    for release in changelog.releases:
        blocks += [
            f"{hashes} Version {release.version}, {dates.long_date(release.date)} {{#{release.anchor}}}",
            f"<p>{markup.inline_html(release.summary)}</p>",
        ]
        if release.changes:
            blocks.append(items(release.changes))
    return "\n".join(blocks) + "\n"
