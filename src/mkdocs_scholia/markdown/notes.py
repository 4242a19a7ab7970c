"""Numbering and writing the notes, in reading order, after every other block processor.

The tree processor walks the document once, after ``attr_list`` has set
paragraph ids and after Python-Markdown's footnotes have written theirs: it
numbers notes by first appearance, gives each citation its id, writes the
notes (merged with the author's own footnotes, if the page has some, into one
numbered sequence) where the notes marker stands or at the end, records where
each work is cited (:class:`~mkdocs_scholia.markdown.records.DocumentCitations`),
and reports every problem of the page at once, each at its ``file:line``.

Citations and notes go into the page as finished HTML through
Python-Markdown's HTML stash (:mod:`~mkdocs_scholia.markdown.render`), so the
tree processors and the serializer after this one do not walk their markup.
Identical citations on a page (same works, same locators) share one note.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from mkdocs_scholia.csl.model import CiteInput
from mkdocs_scholia.markdown import render, render_csl
from mkdocs_scholia.markdown.inline import PLACEHOLDER_ATTR, DocumentState
from mkdocs_scholia.markdown.records import CitationRecord, DocumentCitations
from mkdocs_scholia.markdown.syntax import Citation
from mkdocs_scholia.rules import places

if TYPE_CHECKING:
    from mkdocs_scholia.markdown.extension import CitationExtension

# Python-Markdown's footnotes convention: a paragraph holding only this text
# is where the notes go (by default they close the document).
NOTES_MARKER = "///Footnotes Go Here///"
FOOTNOTE_ID = re.compile(r"^#fn:")


class CitationTreeprocessor(Treeprocessor):
    """Numbers notes in reading order, writes them, records citations."""

    def __init__(self, md: Markdown, extension: CitationExtension, state: DocumentState):
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, root: etree.Element) -> None:
        extension = self.extension
        bibliography = extension.bibliography
        stash = self.md.htmlStash
        document = DocumentCitations(source_name=extension.getConfig("source_name"))
        references_url = extension.getConfig("references_url") or None
        style = extension.csl_style  # a CSL style, or None: the bibliography's pybtex style
        page = style.new_page() if style is not None else None  # positions ("Ibid.") restart on every page
        # One numbering for citation notes and the author's own footnotes, by
        # first reference in reading order: note identity (or footnote id) → number.
        numbers: dict[object, int] = {}
        notes: dict[tuple, dict] = {}  # note identity → {"id", "citation", "refs"}
        author_refs: list[etree.Element] = []  # the author's footnote links, renumbered below
        placed: list[tuple[etree.Element, etree.Element, str]] = []  # (parent, placeholder, html)
        for element, parent, block_id in list(_walk(root)):
            index = element.get(PLACEHOLDER_ATTR)
            if index is None:
                href = element.get("href") or ""
                if element.tag == "a" and FOOTNOTE_ID.match(href) and _is_footnote_ref(element):
                    numbers.setdefault(href[1:], len(numbers) + 1)
                    author_refs.append(element)
                continue
            citation = self.state.pending[int(index)].citation
            if style is not None and style.is_note:
                identity: tuple = ("citation", len(placed))  # a note style: every citation its own note
            else:
                identity = tuple((c.key, c.locator) for c in citation.cites)
            note = notes.get(identity)
            if note is None:
                note = {"id": f"fn:c{len(notes) + 1}", "citation": citation, "refs": []}
                notes[identity] = note
            number = numbers.setdefault(identity, len(numbers) + 1)
            cite_id = f"cite-{len(placed) + 1}"
            label = note["id"][3:]  # "c2": Python-Markdown's fnref ids name the note, not its number
            ref_id = f"fnref:{label}" if not note["refs"] else f"fnref{len(note['refs']) + 1}:{label}"
            note["refs"].append(ref_id)
            if style is None:
                html = render.in_text(citation, bibliography, note["id"], cite_id, number, ref_id)
            else:
                rendered = style.cite(_cite_inputs(citation), page, narrative=citation.narrative, note_number=number)
                note.setdefault("rendered", rendered)
                html = render_csl.in_text(citation, rendered.in_text, note["id"], cite_id, number, ref_id)
                if style.is_note and not citation.narrative:
                    _hug(parent, element)
            placed.append((parent, element, html))
            document.records.append(
                CitationRecord(
                    cite_id=cite_id,
                    keys=tuple(citation.keys),
                    block_id=block_id,
                    note_id=note["id"],
                    note_number=number,
                )
            )
        by_parent: dict[etree.Element, dict[etree.Element, str]] = {}
        for parent, element, html in placed:
            by_parent.setdefault(parent, {})[element] = stash.store(html)
        for parent, replacements in by_parent.items():
            _replace_with_text(parent, replacements)
        if notes:
            items = []
            for identity, note in notes.items():
                item = etree.Element("li")
                item.set("id", note["id"])
                if style is not None and style.is_note:
                    keys = dict.fromkeys(note["citation"].keys)
                    names = {key: (bibliography.reference(key).names, bibliography.reference(key).year) for key in keys}
                    body = render_csl.note_body(note["rendered"].note, names, note["refs"], references_url)
                else:
                    body = render.note_body(note["id"], note["citation"], bibliography, note["refs"], references_url)
                item.text = stash.store(body)
                items.append((numbers[identity], item))
            _write_notes(root, items, author_refs, numbers)
        _remove_notes_markers(root)
        document.problems = self._problem_messages()
        callback = extension.getConfig("on_document")
        if callable(callback):
            callback(document)
        if document.problems:
            extension.report(document.problems)

    def _problem_messages(self) -> list[str]:
        name = self.extension.getConfig("source_name")
        offset = int(self.extension.getConfig("line_offset") or 0)
        used: dict[str, int] = {}
        messages = []
        for needle, message in self.state.problems:
            line = _find_line(self.state.source_lines, needle, used.get(needle, 0))
            used[needle] = used.get(needle, 0) + 1
            messages.append(places.message(name, line + offset if line else None, message))
        return messages


def _cite_inputs(citation: Citation) -> list[CiteInput]:
    """The cites of a citation as the CSL processor takes them."""
    return [
        CiteInput(
            cite.key, prefix=cite.prefix, locator=cite.locator, suffix=cite.suffix, suppress_author=cite.suppress_author
        )
        for cite in citation.cites
    ]


def _hug(parent: etree.Element, element: etree.Element) -> None:
    """A note style's marker follows the word and the punctuation after it: "argued [@a]." → "argued.¹"."""
    children = list(parent)
    position = children.index(element)
    tail = element.tail or ""
    moved = ""
    if tail[:1] in (".", ",", ";", ":", "!", "?"):
        moved, element.tail = tail[0], tail[1:]
    if position == 0:
        parent.text = (parent.text or "").rstrip() + moved
    else:
        before = children[position - 1]
        before.tail = (before.tail or "").rstrip() + moved


def _find_line(lines: list[str], needle: str, skip: int) -> int | None:
    """The line of the ``skip``-th occurrence of ``@key`` (1-based), if any."""
    pattern = re.compile(re.escape(needle) + r"(?![\w:.\-/]*\w)")
    seen = 0
    for number, line in enumerate(lines, start=1):
        for _ in pattern.finditer(line):
            if seen == skip:
                return number
            seen += 1
    return None


Walked = tuple[etree.Element, etree.Element, str | None]


def _walk(root: etree.Element, block_id: str | None = None) -> Iterator[Walked]:
    """``(element, parent, id of its nearest identified ancestor)``, in document order."""
    for child in root:
        current = child.get("id") or block_id
        yield child, root, current
        yield from _walk(child, current)


def _is_footnote_ref(link: etree.Element) -> bool:
    """A note number Python-Markdown's footnotes wrote: ``<sup><a class="footnote-ref" href="#fn:x">``."""
    return "footnote-ref" in (link.get("class") or "").split()


def _replace_with_text(parent: etree.Element, replacements: dict[etree.Element, str]) -> None:
    """Put each text of ``replacements`` where its element stands in ``parent``, keeping the element's tail."""
    previous = None
    for child in list(parent):
        value = replacements.get(child)
        if value is None:
            previous = child
            continue
        value += child.tail or ""
        if previous is None:
            parent.text = AtomicString((parent.text or "") + value)
        else:
            previous.tail = AtomicString((previous.tail or "") + value)
        parent.remove(child)


def _notes_marker(root: etree.Element) -> tuple[etree.Element, etree.Element] | None:
    """``(parent, paragraph)`` of the first notes marker paragraph, if any."""
    for parent in root.iter():
        for child in parent:
            if child.tag == "p" and (child.text or "").strip() == NOTES_MARKER and not len(child):
                return parent, child
    return None


def _remove_notes_markers(root: etree.Element) -> None:
    while (found := _notes_marker(root)) is not None:
        parent, paragraph = found
        parent.remove(paragraph)


def _write_notes(
    root: etree.Element,
    items: list[tuple[int, etree.Element]],
    author_refs: list[etree.Element],
    numbers: dict[object, int],
) -> None:
    """Write the notes where the marker stands (else at the end), sharing
    Python-Markdown's footnote list, in one numbered sequence, if the page has one."""
    existing = next(
        (div for div in root.iter("div") if "footnote" in (div.get("class") or "").split()),
        None,
    )
    if existing is None:
        div = etree.Element("div")
        found = _notes_marker(root)
        if found is None:
            root.append(div)
        else:
            parent, paragraph = found
            parent.insert(list(parent).index(paragraph), div)
        div.set("class", "footnote")
        etree.SubElement(div, "hr")
        ordered = etree.SubElement(div, "ol")
        for _, item in items:
            ordered.append(item)
        return
    shared = existing.find("ol")
    if shared is None:  # Python-Markdown's footnotes always write one; an empty one keeps this total
        shared = etree.SubElement(existing, "ol")
    for link in author_refs:
        link.text = AtomicString(str(numbers[(link.get("href") or "")[1:]]))
    unreferenced = len(numbers) + 1  # a footnote defined but never referenced goes last
    merged = [(numbers.get(item.get("id"), unreferenced), item) for item in shared] + items
    for item in list(shared):
        shared.remove(item)
    for _, item in sorted(merged, key=lambda pair: pair[0]):
        shared.append(item)
