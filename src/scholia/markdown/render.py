"""ElementTree for in-text citations and their notes.

Kept apart from the Markdown plumbing so that what a reader sees is easy to
read in one place. All generated text is an :class:`~markdown.util.AtomicString`
so later inline patterns (emphasis, smarty) never reinterpret a title or a
name; reference HTML comes from :mod:`scholia.style.html`, which escaped it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from scholia.bibliography import Bibliography
from scholia.markdown.syntax import Cite, Citation


def anchor_for(key: str) -> str:
    """The stable anchor of a work on the references page: ``ref-heinzig1998``."""
    return "ref-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def _text(value: str) -> AtomicString:
    return AtomicString(value)


def _append_text(parent: etree.Element, value: str) -> None:
    """Append text after the last child of ``parent`` (ElementTree's tail rules)."""
    if not value:
        return
    if len(parent):
        last = parent[-1]
        last.tail = _text((last.tail or "") + value)
    else:
        parent.text = _text((parent.text or "") + value)


def cite_label(cite: Cite, bibliography: Bibliography, narrative: bool) -> str:
    """What the reader sees for one cite, without prefix and suffix."""
    reference = bibliography.reference(cite.key)
    year = reference.year + (f", {cite.locator}" if cite.locator else "")
    if narrative:
        return f"{reference.names} ({year})"
    if cite.suppress_author:
        return year
    return f"{reference.names}, {year}"


def in_text(
    citation: Citation,
    bibliography: Bibliography,
    note_id: str,
    cite_id: str,
) -> etree.Element:
    """``<span class="citation">(<a>Heinzig, 1998</a>)</span>``, linked to its note."""
    span = etree.Element("span")
    span.set("class", "citation")
    span.set("id", cite_id)
    span.set("data-cites", " ".join(bibliography.canonical(k) for k in citation.keys))
    if not citation.narrative:
        _append_text(span, "(")
    for index, cite in enumerate(citation.cites):
        if index:
            _append_text(span, "; ")
        if cite.prefix:
            _append_text(span, cite.prefix + " ")
        link = etree.SubElement(span, "a")
        link.set("class", "citation-ref footnote-ref")
        link.set("href", f"#{note_id}")
        link.set("data-key", bibliography.canonical(cite.key))
        link.text = _text(cite_label(cite, bibliography, citation.narrative))
        if cite.suffix:
            _append_text(span, " " + cite.suffix)
    if not citation.narrative:
        _append_text(span, ")")
    return span


def note_marker(number: int, note_id: str, ref_id: str) -> etree.Element:
    """The superscript note number, as Python-Markdown's footnotes write it."""
    sup = etree.Element("sup")
    sup.set("id", ref_id)
    sup.set("class", "citation-note")
    link = etree.SubElement(sup, "a")
    link.set("class", "footnote-ref")
    link.set("href", f"#{note_id}")
    link.text = _text(str(number))
    return sup


def reference_span(
    key: str, bibliography: Bibliography, locator: str, references_url: str | None
) -> list[etree.Element]:
    """One full reference inside a note, with its locator and a link to the list."""
    reference = bibliography.reference(key)
    span = etree.fromstring(f'<span class="reference">{reference.html}</span>')
    if locator:
        # Added as a text node, not spliced into the markup: the locator may
        # hold Python-Markdown's placeholders for the author's raw HTML
        # (control characters that are not well-formed XML).
        _append_locator(span, locator)
    span.set("data-key", reference.key)
    _atomize(span)
    if references_url is not None:
        span.tail = " "
        link = etree.Element("a")
        link.set("class", "reference-link")
        link.set("href", f"{references_url}#{anchor_for(reference.key)}")
        link.set("title", "This work in the list of references")
        # Accessible name "References: Heinzig (1998)": the visible word first
        # (WCAG 2.5.3), then which work; the arrow is decoration.
        arrow = etree.SubElement(link, "span")
        arrow.set("aria-hidden", "true")
        arrow.text = _text("\u2192")
        arrow.tail = _text(" References")
        which = etree.SubElement(link, "span")
        which.set("class", "scholia-sr-only")
        which.text = _text(f": {reference.names} ({reference.year})")
        return [span, link]
    return [span]


def _append_locator(span: etree.Element, locator: str) -> None:
    """``…, p. 380.``: the locator before the reference's final full stop."""
    holder, attribute = (span[-1], "tail") if len(span) else (span, "text")
    value = getattr(holder, attribute) or ""
    value = f"{value[:-1]}, {locator}." if value.endswith(".") else f"{value} {locator}."
    setattr(holder, attribute, value)


def _atomize(element: etree.Element) -> None:
    for node in element.iter():
        if node.text:
            node.text = _text(node.text)
        if node.tail:
            node.tail = _text(node.tail)


def note_item(
    note_id: str,
    citation: Citation,
    bibliography: Bibliography,
    back_refs: list[str],
    references_url: str | None,
) -> etree.Element:
    """``<li id="fn:c1"><p>reference… ↩</p></li>`` for one distinct citation."""
    item = etree.Element("li")
    item.set("id", note_id)
    paragraph = etree.SubElement(item, "p")
    for index, cite in enumerate(citation.cites):
        if index:
            _append_text(paragraph, " ")
        for node in reference_span(cite.key, bibliography, cite.locator, references_url):
            paragraph.append(node)
    for number, ref_id in enumerate(back_refs, start=1):
        _append_text(paragraph, "\u00a0")
        back = etree.SubElement(paragraph, "a")
        back.set("class", "footnote-backref")
        back.set("href", f"#{ref_id}")
        back.set("title", "Back to the citation in the text" if len(back_refs) == 1 else f"Back to citation {number} in the text")
        back.text = _text("\u21a9" if number == 1 else f"\u21a9{number}")
    return item
