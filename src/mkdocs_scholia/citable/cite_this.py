"""What can be cited, and its reference in Harvard (Cite Them Right).

Three kinds of things are citable, each at a stable URL built from
``site_url``:

* the **edition** as a whole, a book: ``Wang, J. (2026) *Title*. Version
  1.0, 25 November 2026. Edited by Scholia Editions. Publisher. Available at:
  URL.``
* a **part** — a section of the essay, or a page such as the editorial notes —
  a chapter of that book: ``Wang, J. (2026) ‘Personal Factors’, in Scholia
  Editions (ed.) *Title*. Version 1.0, 25 November 2026. Publisher, section 2.
  Available at: URL.`` A page the editors wrote (``by_editors``) is theirs:
  ``Scholia Editions (2026) ‘Editorial notes’, in Wang, J., *Title*. Version
  1.0, 25 November 2026. Edited by Scholia Editions. Publisher. …``;
* a **paragraph** of a part: the part's reference with ``para. 2.3`` and the
  paragraph's URL (``…/personal-factors/#p2.3``).

The order is Cite Them Right's (as its Zotero style writes a book and a
chapter): title, edition statement (the version), "Edited by", publisher; a
chapter names the book's editors after "in", initials first. See
docs-dev/citation-model.md.

The version and date of the edition are part of every reference, because the
text a reader cites is the text of one version. When the deployed site keeps
this version at an address of its own (``…/v/1.0.1/personal-factors/#p2.3``,
see docs-dev/versions.md), that permanent link follows the current address:
``Available at: URL. Permanent link to version 1.0.1: URL.`` The "(Accessed: …)" date of
Cite Them Right depends on the reader, not the build: the page adds it in the
browser (``span.scholia-accessed``); the static exports leave it out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from mkdocs_scholia.citable.identity import Edition, Person
from mkdocs_scholia.rules import dois
from mkdocs_scholia.rules.paragraphs import label as paragraph_label

EDITION, PART, PARAGRAPH = "edition", "part", "paragraph"
ET_AL_FROM = 4  # as the Harvard style of the references


@dataclass(frozen=True)
class Citable:
    """One citable thing of the edition."""

    kind: str  # EDITION, PART or PARAGRAPH
    key: str  # BibTeX key and CSL id: "wang2026critical-s2"
    title: str  # its own title: the edition's, or the part's ("Personal Factors")
    url: str  # absolute, stable
    edition: Edition
    section: str | None = None  # "2", from the page's `section:` front matter
    paragraph: str | None = None  # "p2.3"
    slug: str = "edition"  # file name stem of its exports: "edition", "personal-factors/p2.3"
    files: dict[str, str] = field(default_factory=dict)  # format → path under the site root
    whole: bool = False  # a paragraph of the edition itself (the home page), not of a part
    by_editors: bool = False  # a page the editors wrote: they are its authors
    permanent_url: str | None = None  # the same item at its version's own address, beside ``url``

    @property
    def creators(self) -> tuple[Person, ...]:
        """Who wrote it: the edition's authors, or its editors for a page they wrote."""
        return self.edition.editors if self.by_editors else self.edition.authors

    @property
    def book_like(self) -> bool:
        """Cited as the edition (a book), with or without a paragraph locator."""
        return self.kind == EDITION or (self.kind == PARAGRAPH and self.whole)

    @property
    def paragraph_label(self) -> str | None:
        return paragraph_label(self.paragraph) if self.paragraph else None

    @property
    def locator(self) -> str | None:
        """Where in the edition: "section 2", "para. 2.3" (None for the edition)."""
        if self.kind == PARAGRAPH:
            return f"para. {self.paragraph_label}"
        if self.kind == PART and self.section:
            return f"section {self.section}"
        return None

    @property
    def heading(self) -> str:
        """How the panel names it."""
        if self.kind == EDITION:
            return "The whole edition"
        if self.kind == PARAGRAPH:
            return f"This paragraph ({self.paragraph_label})"
        return "This section" if self.section else "This page"

    # -- Harvard --------------------------------------------------------------

    def harvard_html(self) -> str:
        return harvard(self, markup=True)

    def harvard_text(self) -> str:
        return harvard(self, markup=False)


def names(persons: tuple[Person, ...]) -> str:
    """"Wang, J.", "Wang, J. and Li, D.", "Wang, J., Li, D. and Shen, Z.", "Wang, J. et al."."""
    formatted = [p.harvard for p in persons]
    if not formatted:
        return ""
    if len(formatted) >= ET_AL_FROM:
        return f"{formatted[0]} et al."
    if len(formatted) == 1:
        return formatted[0]
    return ", ".join(formatted[:-1]) + " and " + formatted[-1]


def editor_names(persons: tuple[Person, ...]) -> str:
    """"A. Smith and B. Jones", as after "Edited by" and "in" (Cite Them Right: initials first)."""
    formatted = [f"{p.initials} {p.family}".strip() for p in persons]
    if len(formatted) == 1:
        return formatted[0]
    return ", ".join(formatted[:-1]) + " and " + formatted[-1]


def editor_label(persons: tuple[Person, ...]) -> str:
    """``(ed.)`` or ``(eds)``, as the Harvard style of the references writes them."""
    return "(eds)" if len(persons) > 1 else "(ed.)"


def harvard(item: Citable, *, markup: bool) -> str:
    """The reference as HTML (escaped; the title in ``<em>``) or as plain text."""
    edition = item.edition

    def esc(text: str) -> str:
        return html.escape(text, quote=True) if markup else text

    def em(text: str) -> str:
        return f"<em>{esc(text)}</em>" if markup else text

    creators = names(item.creators) or (edition.publisher or "")
    lead = f"{esc(creators)} ({esc(edition.year)})" if creators else ""
    edited_by = bool(edition.editors)  # "Edited by …" after the version
    if item.book_like:
        title = em(edition.title)
        head = f"{lead} {title}" if lead else title
    else:
        if item.by_editors and edition.authors:  # a chapter in a book by its author: "in Wang, J., Title"
            container = f"{esc(names(edition.authors))}, {em(edition.title)}"
        elif edition.editors:  # a chapter in an edited book: "in A. Smith (ed.) Title"
            container = f"{esc(editor_names(edition.editors))} {editor_label(edition.editors)} {em(edition.title)}"
            edited_by = False
        else:
            container = em(edition.title)
        part = f"\u2018{esc(item.title)}\u2019, in {container}"
        head = f"{lead} {part}" if lead else part
    sentences = [head, f"Version {esc(edition.version)}, {esc(edition.date_long)}"]
    if edited_by:
        sentences.append(f"Edited by {esc(editor_names(edition.editors))}")
    publication = ": ".join(esc(x) for x in (edition.place, edition.publisher) if x)
    locator = item.locator
    if locator:
        publication = f"{publication}, {esc(locator)}" if publication else esc(locator)
    if publication:
        sentences.append(publication)
    body = ". ".join(s.rstrip(".") for s in sentences) + "."
    link = dois.url(edition.doi) if edition.doi and item.kind == EDITION else item.url
    permanent = item.permanent_url
    label = f"Permanent link to version {edition.version}: "
    if markup:
        escaped = html.escape(link, quote=True)
        # The reader's access date goes in the slot, in the browser.
        text = f'{body} Available at: <a href="{escaped}">{escaped}</a><span class="scholia-accessed"></span>.'
        if permanent:
            kept = html.escape(permanent, quote=True)
            text += f' <span class="scholia-permanent">{esc(label)}<a href="{kept}">{kept}</a>.</span>'
        return text
    return f"{body} Available at: {link}." + (f" {label}{permanent}." if permanent else "")
