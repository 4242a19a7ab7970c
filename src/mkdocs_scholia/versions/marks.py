"""What a page of a versioned site needs, added to HTML that a build made.

A release is built from its own commit with its own code, which knows nothing
about versions; these functions add, at fixed places of Material's page
(the ``<head>``, the header, the start of the article):

- ``noindex`` on every page of an old version (search engines index the
  current edition once; the versioned pages stay reachable and citable);
- the banner of an old version ("You are reading edition 1.0.0 …");
- the switcher listing every release, the one being read marked;
- "changed since" marks on paragraphs a later release changed, linking to
  both readings and the editorial note;
- the stylesheet and script of both, by a URL relative to the page.

Every value that comes from the changelog is escaped; versions and commits
were validated by :mod:`.releases`. A page without the expected place is an
error naming the page, never a silent skip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mkdocs_scholia.versions.releases import ParagraphChange, Release

NOINDEX = '<meta name="robots" content="noindex">'
"""Old versions are reachable and citable, but not what a search should find."""

_HEAD = re.compile(r"<head>")
_HEADER_PLACE = re.compile(r'(?=<label class="md-header__button md-icon" for="__search">)')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
_HEAD_END = re.compile(r"</head>")


class MarkError(ValueError):
    """A built page that lacks the place a mark goes."""


@dataclass(frozen=True)
class Place:
    """Where a page is: its path in the deployed site and the version it belongs to.

    ``page`` is the page's path within its version (``conflicts-of-national-interest/``,
    ``""`` for the home page); ``version`` is ``None`` for the current edition at the root.
    """

    page: str
    version: str | None
    root: str
    """The relative URL from the page to the deployed site's root, ``../../../``."""


def _one(pattern: re.Pattern[str], html: str, name: str, what: str) -> re.Match[str]:
    found = list(pattern.finditer(html))
    if len(found) != 1:
        raise MarkError(f"{name}: expected one {what}, found {len(found)}; is it a page of the Material theme?")
    return found[0]


def _insert(html: str, at: int, text: str) -> str:
    return html[:at] + text + html[at:]


def page_url(place: Place, version: str | None, *, exists: bool) -> str:
    """The same page in another version (its home page if that version lacks it)."""
    base = place.root + (f"v/{version}/" if version else "")
    return base + (place.page if exists else "")


def switcher(place: Place, releases: Sequence[Release], has_page: dict[str | None, bool]) -> str:
    """The version switcher: a disclosure listing every release, the one being read marked.

    ``<details>``/``<summary>`` opens with Enter or Space and is announced as
    a button with its state; the list is plain links, the current one with
    ``aria-current``. ``releases`` is newest first; the newest is at the root.
    """
    reading = place.version or releases[0].version
    items = []
    for index, release in enumerate(releases):
        version = None if index == 0 else release.version
        label = f"{release.version} ({release.long_date})" + (" – current" if index == 0 else "")
        current = ' aria-current="page"' if release.version == reading else ""
        href = page_url(place, version, exists=has_page.get(version, False))
        items.append(f'<li><a href="{escape(href)}"{current}>{escape(label)}</a></li>')
    return (
        '<nav class="scholia-versions" aria-label="Editions">'
        f"<details><summary>Edition {escape(reading)}</summary>"
        f"<ul>{''.join(items)}</ul></details></nav>"
    )


def banner(place: Place, reading: Release, current: Release, *, current_has_page: bool) -> str:
    """The note at the top of a page of an old version, linking to the same page now."""
    here = page_url(place, None, exists=current_has_page)
    updates = place.root + f"updates/#v{current.version}"
    return (
        '<div class="scholia-version-banner" role="note"><p>'
        f"You are reading edition {escape(reading.version)} of {escape(reading.long_date)}. "
        f'The current edition is <a href="{escape(here)}" data-scholia-same-place>{escape(current.version)}</a>: '
        f'<a href="{escape(updates)}">see what changed</a>.</p></div>'
    )


def assets(place: Place) -> str:
    """The switcher's and banner's stylesheet and script, relative to the page."""
    return (
        f'<link rel="stylesheet" href="{escape(place.root)}assets/scholia-versions/versions.css">'
        f'<script src="{escape(place.root)}assets/scholia-versions/versions.js" defer></script>'
    )


def _paragraph(html: str, paragraph: str) -> tuple[int, bool] | None:
    """Where a mark goes in a paragraph: before ``</p>`` (True), or after another element's opening tag.

    A list item that opens with a paragraph (an entry of the References page,
    ``<li id="ref-yu1977"><p class="reference-text">…</p>…``) takes it at the end of that paragraph.
    """
    found = re.search(r'<(p|li|blockquote|div|h[1-6])\b[^>]*\sid="' + re.escape(paragraph) + r'"[^>]*>', html)
    if found is None:
        return None
    if found.group(1) == "p" or (found.group(1) == "li" and re.match(r"\s*<p\b", html[found.end() :])):
        end = html.find("</p>", found.end())
        if end >= 0:
            return end, True
    return found.end(), False


def changed_mark(change: ParagraphChange, release: Release, links: Sequence[tuple[str, str]]) -> str:
    """The discreet note on a changed paragraph: in which release, and links to the readings and the note."""
    anchors = " · ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in links)
    return (
        f'<span class="scholia-changed" data-version="{escape(release.version)}">'
        f"Changed in {escape(release.version)}: {anchors}</span>"
    )


def changed_marks(html: str, *, place: Place, releases: Sequence[Release], notes_page: str = "editorial-notes/") -> str:
    """Marks on this page's paragraphs that a release after the one being read changed.

    In the current edition (``place.version is None``) every change of every
    release but the first is marked, with the readings before and after it; in
    an old version, the changes of later releases, with the current reading.
    """
    if place.version is None:
        positions = range(len(releases) - 1)
    else:
        reading = next(i for i, release in enumerate(releases) if release.version == place.version)
        positions = range(reading)
    marks: list[tuple[str, str]] = []
    for position in positions:
        release = releases[position]
        for change in release.changed:
            if change.page != place.page:
                continue
            fragment = "#" + change.paragraph
            if place.version is None:
                before = releases[position + 1]
                links = [
                    (f"reading of {before.version}", f"{place.root}{before.folder}/{place.page}{fragment}"),
                    (f"of {release.version}", f"{place.root}{release.folder}/{place.page}{fragment}"),
                ]
            else:
                links = [("current reading", f"{place.root}{place.page}{fragment}")]
            if change.note:
                links.append((f"note {change.note}", f"{place.root}{notes_page}#{change.note}"))
            marks.append((change.paragraph, changed_mark(change, release, links)))
    for paragraph, mark in marks:
        spot = _paragraph(html, paragraph)
        if spot is not None:
            html = _insert(html, spot[0], mark)
    return html


def updates_links(html: str, *, place: Place, releases: Sequence[Release], updates_page: str = "updates/") -> str:
    """On the current edition's Updates page, each change to a paragraph links to both its readings.

    The page has a section per release (``id="v1.0.1"``); in it, the link to
    the changed paragraph is followed by links to the paragraph in the release
    before and in the release that changed it.
    """
    if place.version is not None or place.page != updates_page:
        return html
    for position, release in enumerate(releases[:-1]):
        before = releases[position + 1]
        start = html.find(f'id="v{release.version}"')
        if start < 0:
            continue
        end = html.find("<h2", start)
        end = len(html) if end < 0 else end
        for change in release.changed:
            fragment = f"{change.page}#{change.paragraph}"
            link = html.find(f'href="{place.root}{fragment}"', start, end)
            close = html.find("</a>", link, end) if link >= 0 else -1
            if close < 0:
                continue
            readings = (
                f'<span class="scholia-readings"> (<a href="{escape(place.root + before.folder + "/" + fragment)}">'
                f"reading of {escape(before.version)}</a> · "
                f'<a href="{escape(place.root + release.folder + "/" + fragment)}">of {escape(release.version)}</a>)'
                "</span>"
            )
            html = _insert(html, close + len("</a>"), readings)
            end += len(readings)
    return html


def mark_page(
    html: str,
    *,
    name: str,
    place: Place,
    releases: Sequence[Release],
    has_page: dict[str | None, bool],
) -> str:
    """One built page, marked for the versioned site it belongs to.

    ``releases`` newest first; ``has_page`` says, per version (``None`` for
    the root), whether that version has this page. A single release needs no
    switcher; the current edition gets no banner and stays indexable.
    """
    old = place.version is not None and place.version != releases[0].version
    versioned = place.version is not None
    if len(releases) > 1:
        html = _insert(
            html,
            _one(_HEADER_PLACE, html, name, "search button in the header").start(),
            switcher(place, releases, has_page),
        )
    if old:
        reading = next(r for r in releases if r.version == place.version)
        article = _one(_ARTICLE, html, name, "article")
        html = _insert(
            html, article.end(), banner(place, reading, releases[0], current_has_page=has_page.get(None, False))
        )
    if len(releases) > 1:
        html = changed_marks(html, place=place, releases=releases)
        html = updates_links(html, place=place, releases=releases)
    if len(releases) > 1 or old:
        html = _insert(html, _one(_HEAD_END, html, name, "</head>").start(), assets(place))
    if versioned:
        html = _insert(html, _one(_HEAD, html, name, "<head>").end(), NOINDEX)
    return html
