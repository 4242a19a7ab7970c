"""The apparatus for readers: the Editorial notes page and the notes after each section.

Everything a data file supplies (readings, reasons, ids) is data, never
markup: this module writes the HTML itself, every text escaped, and hands
it to the page as raw HTML blocks, which Python-Markdown passes through
untouched, so no Markdown extension of the site (attr_list, md_in_html, the
citation syntax, …) can read anything into a reading or a reason. Only the
section headings are Markdown, so that they have their permalinks and their
place in the table of contents; their text is escaped for Markdown.

Blocks are joined by single newlines: Python-Markdown ends a raw HTML block
at its closing tag either way, and writes a blank line after one that a
blank line follows, which the notes would otherwise add to the page.

Links are made by the caller's ``link(src_uri, anchor)``, which returns the
URL of a docs page (``personal-factors.md``) and an anchor relative to the
page being rendered (raw HTML is not rewritten by MkDocs as Markdown links are).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from mkdocs_scholia.apparatus.copytext import LINE_BREAK_MARK, in_text_order, received_references
from mkdocs_scholia.apparatus.model import (
    FRONT,
    KIND_LABELS,
    KINDS,
    REFERENCES,
    ApparatusError,
    Departure,
    page_file,
    page_slug,
)

Link = Callable[[str, str], str]
"""``link("personal-factors.md", "p2.1")`` → ``"../personal-factors/#p2.1"``."""

NOTES_PAGE = "editorial-notes.md"
"""The page whose ``<!-- scholia:apparatus -->`` becomes the full apparatus."""

SPACE_MARK = "\u2423"  # ␣: a space at the edge of a reading, invisible otherwise
FRONT_TITLE = "Front matter"
REFERENCES_TITLE = "References"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!])")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "|": "&#124;"}


# -- escaping --------------------------------------------------------------------


def text(value: str) -> str:
    """Text as HTML: shown exactly as written (control characters dropped)."""
    return html.escape(_CONTROL.sub("", value), quote=False)


def attribute(value: str) -> str:
    """Text as a double-quoted HTML attribute value."""
    return html.escape(_CONTROL.sub("", value), quote=True)


def heading_text(value: str) -> str:
    """Text for a Markdown heading, shown as written: no emphasis, link, raw HTML,
    attribute list (``{: …}``), citation or closing ``#`` can be read into it."""
    value = " ".join(_CONTROL.sub("", value).split())
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return "".join(_MARKDOWN_ENTITIES.get(char, char) for char in value)


# -- pieces -----------------------------------------------------------------------


def visible(value: str) -> str:
    """Line breaks and edge spaces made visible (⏎, ␣)."""
    value = value.replace("\n", LINE_BREAK_MARK)
    stripped = value.strip(" ")
    lead = len(value) - len(value.lstrip(" "))
    trail = len(value) - len(value.rstrip(" "))
    return SPACE_MARK * lead + stripped + SPACE_MARK * trail


_TAG = re.compile(r"<[^<>\n]*>")
_NOTATION = re.compile(
    r"(?m)^\s*#{1,6}\s+"  # a heading's hashes
    r"|\*\*|__"  # strong emphasis
    r"|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # emphasis
    r"|\\(?=[\\`*_{}\[\]#+\-.!])"  # a backslash escape
)


def readable(value: str) -> str:
    """A reading as a reader saw it: the copy-text's Markdown and HTML notation left out
    (``### **3. Conflicts**`` → ``3. Conflicts``, ``<sup>[4]</sup>`` → ``[4]``), spaces collapsed."""
    return " ".join(_NOTATION.sub("", _TAG.sub("", _CONTROL.sub("", value))).split())


def readable_change(departure: Departure) -> str:
    """The change in the reader's words, as HTML (escaped): “a” → “b”, “a” omitted,
    “b” supplied; '' when only the notation changed (a heading's level, a mark-up)."""
    before, after = readable(departure.original), readable(departure.edited)
    if before == after:
        return ""
    if not after:
        return f'<span class="scholia-reading">\u201c{text(before)}\u201d</span> omitted. '
    if not before:
        return f'<span class="scholia-reading">\u201c{text(after)}\u201d</span> supplied. '
    return (
        f'<span class="scholia-reading">\u201c{text(before)}\u201d</span>\u00a0\u2192 '
        f'<span class="scholia-reading">\u201c{text(after)}\u201d</span>. '
    )


def reading(value: str) -> str:
    """A reading as HTML: its exact characters in ``<code>``, or *(omitted)*."""
    if not value:
        return "<em>(omitted)</em>"
    return f"<code>{text(visible(value))}</code>"


def _anchor(href: str, label: str) -> str:
    return f'<a href="{attribute(href)}">{text(label)}</a>'


def location(departure: Departure, link: Link, here: str | None = None) -> str:
    """A link to the passage (``p2.1``), or to its page when it has no paragraph id.

    ``here`` is the page slug being rendered: a place on it needs no page link.
    """
    target = page_file(departure.page)
    if departure.paragraph:
        return _anchor(link(target, departure.paragraph), departure.paragraph)
    label = "heading" if departure.kind == "heading" else "reference list" if departure.page == REFERENCES else "page"
    return label if here == departure.page else _anchor(link(target, ""), label)


def _row(departure: Departure, link: Link) -> str:
    """Three columns, so that readings and reasons have room on any screen: the note
    (number, place, kind), the readings (received, then edited), the reason."""
    return "\n".join(
        [
            "<tr>",
            (f'<td><strong id="{attribute(departure.id)}">{text(departure.id)}</strong><br>'
            f"{location(departure, link)}<br><em>{text(departure.label)}</em></td>"),
            f"<td>{reading(departure.original)}<br>\u2192 {reading(departure.edited)}</td>",
            f"<td>{text(departure.reason)}</td>",
            "</tr>",
        ]
    )


def _table(departures: Iterable[Departure], link: Link) -> str:
    return "\n".join(
        [
            "<table>",
            "<thead>",
            "<tr>",
            "<th>Note</th>",
            "<th>Reading: received, then edited</th>",
            "<th>Reason</th>",
            "</tr>",
            "</thead>",
            "<tbody>",
            *(_row(departure, link) for departure in departures),
            "</tbody>",
            "</table>",
        ]
    )


def _preformatted(value: str) -> str:
    """A verbatim block, as Python-Markdown writes a fenced ``text`` block."""
    escaped = html.escape(_CONTROL.sub("", value), quote=False).replace('"', "&quot;")
    return f'<pre><code class="language-text">{escaped}\n</code></pre>'


# -- the Editorial notes page ---------------------------------------------------------


def _pages(departures: list[Departure], titles: Mapping[str, str]) -> dict[str, str]:
    """Page slug → heading, in reading order; every departure's page must be one of them."""
    pages = {page_slug(src): (FRONT_TITLE if page_slug(src) == FRONT else title) for src, title in titles.items()}
    pages.setdefault(FRONT, FRONT_TITLE)
    pages.setdefault(REFERENCES, REFERENCES_TITLE)
    unknown = [d for d in departures if d.page not in pages]
    if unknown:
        known = ", ".join(sorted(pages))
        raise ApparatusError(
            "\n".join(f"{d.named}: page {d.page!r} is not a page of the nav (pages: {known})" for d in unknown)
        )
    return pages


def notes_page(
    departures: Iterable[Departure],
    titles: Mapping[str, str],
    link: Link,
    *,
    copy_text: str | None = None,
) -> str:
    """The body of the Editorial notes page (Markdown headings, raw HTML blocks).

    ``titles`` maps the edition's docs pages (``personal-factors.md``) to
    their titles, in reading order; departures are grouped by page in that
    order, and in the copy-text's order when ``copy_text`` is given, which
    also adds "The reference list as received".
    """
    given = list(departures)
    ordered = in_text_order(copy_text, given) if copy_text is not None else given
    pages = _pages(ordered, titles)
    counts = Counter(d.kind for d in ordered)
    summary = ", ".join(f"{KIND_LABELS[kind]} {counts[kind]}" for kind in KINDS if counts[kind])
    blocks = [
        f"<p>The edition departs from the copy-text in <strong>{len(ordered)}</strong> places"
        + (f" ({text(summary)}).</p>" if summary else ".</p>"),
        ("<p>Each note has a permanent number (e.g. <em>e001</em>) and gives the place (the paragraph's "
        "permanent id, linked) and the kind of departure, the reading of the copy-text and, after "
        "the arrow, the reading of this edition, and the editors' reason. Readings are quoted exactly, in the "
        f"copy-text's Markdown notation: {LINE_BREAK_MARK} marks a line break of the copy-text "
        f"(two of them, a paragraph break) and {SPACE_MARK} a space at the edge of a reading; "
        "<em>(omitted)</em> means the edition leaves the reading out.</p>"),
    ]
    for page, title in pages.items():
        selected = [d for d in ordered if d.page == page]
        if selected:
            blocks += [f"## {heading_text(title)}", _table(selected, link)]
    if copy_text is not None:
        blocks += [
            "## The reference list as received",
            ("<p>The edition's reference list is generated from its bibliography. So that nothing of "
            "the copy-text is lost, here is its reference list exactly as received, in its "
            "Markdown source, with its numbering, its layout and its errors:</p>"),
            _preformatted(received_references(copy_text).rstrip("\n")),
        ]
    return "\n".join(blocks) + "\n"


# -- the notes at the end of a page ------------------------------------------------------


PAGE_NOTES_START = "<!-- scholia:page-apparatus -->"
PAGE_NOTES_END = "<!-- /scholia:page-apparatus -->"
PAGE_NOTES = re.compile(re.escape(PAGE_NOTES_START) + ".*?" + re.escape(PAGE_NOTES_END) + r"\s*", re.S)
"""The notes after a page, as rendered: the PDF of the full text leaves them out
(it has the Editorial notes page, which gives every note once)."""


def page_notes(departures: Iterable[Departure], src_uri: str, link: Link, *, notes_page: str = NOTES_PAGE) -> str:
    """The departures on one page (``personal-factors.md``), listed for the end of that page.

    For readers: under its heading, a fold (closed) with each departure in
    the reader's words (the readings without the copy-text's Markdown and
    HTML notation, which the Editorial notes page quotes exactly) and the
    editors' reason. Between :data:`PAGE_NOTES_START` and :data:`PAGE_NOTES_END`.
    Empty when the page has none.
    """
    page = page_slug(src_uri)
    selected = [d for d in departures if d.page == page]
    if not selected:
        return ""
    heading = {
        FRONT: "Editorial notes on the front matter",
        REFERENCES: "Editorial notes on the reference list",
    }.get(page, "Editorial notes on this section")
    items = [
        f"<li>{_anchor(link(notes_page, d.id), d.id)} at {location(d, link, here=page)}, "
        f"{text(d.label)}: {readable_change(d)}{text(d.reason)}</li>"
        for d in selected
    ]
    count = f"{len(selected)} departure{'s' if len(selected) != 1 else ''} from the copy-text"
    return (
        "\n".join(
            [
                PAGE_NOTES_START,
                f"## {heading_text(heading)}",
                '<details class="scholia-page-apparatus">',
                f"<summary>{count}</summary>",
                ("<p>The edited text above departs from the copy-text in these places; the "
                f"{_anchor(link(notes_page, ''), 'Editorial notes')} quote each reading exactly.</p>"),
                "\n".join(["<ul>", *items, "</ul>"]),
                "</details>",
                PAGE_NOTES_END,
            ]
        )
        + "\n"
    )
