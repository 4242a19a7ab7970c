"""The citation extension for Python-Markdown.

Usage without MkDocs::

    import markdown
    from mkdocs_scholia.markdown import CitationExtension

    html = markdown.markdown(text, extensions=[CitationExtension(bibliography=["refs.bib"])])

How it works, and why this way:

* Two inline patterns find Pandoc citations. Inline patterns never see code
  blocks, and they run after code spans, escapes, raw HTML and autolinks have
  been set aside, so ``@key`` in code, URLs, e-mail addresses and after a
  backslash stays text. They leave a numbered placeholder; they do not know
  where in the document they are, because Python-Markdown does not process
  inline text in document order.
* One tree processor, after ``attr_list`` has set paragraph ids, walks the
  document in reading order: it numbers notes by first appearance, gives each
  citation its id, writes the notes (merged with Python-Markdown's footnotes,
  if the page also has some, into one numbered sequence), records where each
  work is cited, and reports every problem at once, with line numbers.
* Citations and notes go into the page as finished HTML through
  Python-Markdown's HTML stash (:mod:`mkdocs_scholia.markdown.render`), so the
  tree processors and the serializer after this one do not walk their
  markup: that halved the extension's share of a citation-heavy build.
* Identical citations on a page (same works, same locators) share one note.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from mkdocs_scholia.bib.bibliography import Bibliography, BibliographyError, load
from mkdocs_scholia.markdown import render
from mkdocs_scholia.markdown.syntax import BRACKETED, NARRATIVE, Citation, parse_bracketed, parse_narrative

log = logging.getLogger("scholia.citations")

PLACEHOLDER_ATTR = "data-scholia-pending"
# Python-Markdown's footnotes convention: a paragraph holding only this text
# is where the notes go (by default they close the document).
NOTES_MARKER = "///Footnotes Go Here///"
FOOTNOTE_ID = re.compile(r"^#fn:")


class CitationError(Exception):
    """One or more citations could not be resolved; ``problems`` says where."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class CitationRecord:
    """Where one citation stands in a rendered document."""

    cite_id: str  # id of the span.citation ("cite-3")
    keys: tuple[str, ...]  # canonical keys, in the order cited
    block_id: str | None  # id of the nearest enclosing element with an id ("p2.3")
    note_id: str  # id of its note ("fn:c2")
    note_number: int


@dataclass
class DocumentCitations:
    """Everything the extension learnt about one document, for site-wide features."""

    source_name: str
    records: list[CitationRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Cited keys in order of first citation, each once."""
        seen: dict[str, None] = {}
        for record in self.records:
            for key in record.keys:
                seen.setdefault(key, None)
        return list(seen)


@dataclass
class _Pending:
    citation: Citation
    source: str  # the citation as written, for messages and unresolved output


class _State:
    """Per-document state, created afresh for every conversion."""

    def __init__(self) -> None:
        self.source_lines: list[str] = []
        self.pending: list[_Pending] = []
        self.problems: list[tuple[str, str]] = []  # (needle to find a line, message)


class _SourcePreprocessor(Preprocessor):
    """Keeps the source lines so that problems can name their line."""

    def __init__(self, md: Markdown, state: _State):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.source_lines = list(lines)
        return lines


class _CitationPattern(InlineProcessor):
    """Turns a citation into a pending placeholder, resolved by the tree processor."""

    def __init__(self, pattern: re.Pattern, extension: CitationExtension, state: _State, narrative: bool, md: Markdown | None = None):
        super().__init__(pattern.pattern, md)
        self.compiled_re = pattern
        self.extension = extension
        self.state = state
        self.narrative = narrative

    def handleMatch(self, m: re.Match[str], data: str):
        citation = parse_narrative(m) if self.narrative else parse_bracketed(m.group("body"))
        if citation is None:
            return None, None, None
        citation = self._restore_placeholders(citation)
        bibliography = self.extension.bibliography
        unknown = [cite.key for cite in citation.cites if cite.key not in bibliography]
        if unknown:
            for key in unknown:
                suggestions = bibliography.closest(key)
                hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
                self.state.problems.append((f"@{key}", f"unknown citation key '{key}'{hint}"))
            return _unresolved(self.unescape(m.group(0))), m.start(0), m.end(0)
        for cite in citation.cites:
            try:
                bibliography.reference(cite.key)  # formats once; a broken entry is a problem here
            except BibliographyError as error:
                self.state.problems.append((f"@{cite.key}", f"cannot cite '{cite.key}': {error}"))
                return _unresolved(self.unescape(m.group(0))), m.start(0), m.end(0)
        # From here on every key is as the .bib file writes it (keys are case-insensitive).
        citation = replace(citation, cites=tuple(replace(c, key=bibliography.canonical(c.key)) for c in citation.cites))
        placeholder = etree.Element("span")
        placeholder.set(PLACEHOLDER_ATTR, str(len(self.state.pending)))
        self.state.pending.append(_Pending(citation, m.group(0)))
        return placeholder, m.start(0), m.end(0)

    def _restore_placeholders(self, citation: Citation) -> Citation:
        """Prefixes, locators and suffixes with Python-Markdown's inline placeholders resolved.

        Patterns that ran before this one (raw HTML, code spans, escapes) left
        placeholders in the text; copied as they are into the citation and its
        note they would leak control characters into the page.
        """
        if not any("\x02" in c.prefix + c.locator + c.suffix for c in citation.cites):
            return citation
        cites = tuple(
            replace(c, prefix=self.unescape(c.prefix), locator=self.unescape(c.locator), suffix=self.unescape(c.suffix))
            for c in citation.cites
        )
        return replace(citation, cites=cites)


def _unresolved(source: str) -> etree.Element:
    """The citation as written, marked, so nothing vanishes when errors only warn."""
    span = etree.Element("span")
    span.set("class", "citation citation-unresolved")
    span.text = AtomicString(source)
    return span


class _CitationTreeprocessor(Treeprocessor):
    """Numbers notes in reading order, writes them, records citations."""

    def __init__(self, md: Markdown, extension: CitationExtension, state: _State):
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, root: etree.Element) -> None:
        extension = self.extension
        bibliography = extension.bibliography
        stash = self.md.htmlStash
        document = DocumentCitations(source_name=extension.getConfig("source_name"))
        references_url = extension.getConfig("references_url") or None
        # One numbering for citation notes and the author's own footnotes, by
        # first reference in reading order: note identity (or footnote id) → number.
        numbers: dict[object, int] = {}
        notes: dict[tuple, dict] = {}  # note identity → {"id", "citation", "refs"}
        author_refs: list[etree.Element] = []  # the author's footnote links, renumbered below
        placed: list[tuple[etree.Element, etree.Element, str]] = []  # (parent, placeholder, html)
        for element, parent, block_id in list(_walk(root)):
            index = element.get(PLACEHOLDER_ATTR)
            if index is None:
                if element.tag == "a" and FOOTNOTE_ID.match(element.get("href") or "") and _is_footnote_ref(element):
                    numbers.setdefault(element.get("href")[1:], len(numbers) + 1)
                    author_refs.append(element)
                continue
            citation = self.state.pending[int(index)].citation
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
            placed.append((parent, element, render.in_text(citation, bibliography, note["id"], cite_id, number, ref_id)))
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
                item.text = stash.store(
                    render.note_body(note["id"], note["citation"], bibliography, note["refs"], references_url)
                )
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
            messages.append(f"{name}:{line + offset}: {message}" if line else f"{name}: {message}")
        return messages


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


def _walk(root: etree.Element, block_id: str | None = None):
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
    ordered = existing.find("ol")
    for link in author_refs:
        link.text = AtomicString(str(numbers[link.get("href")[1:]]))
    unreferenced = len(numbers) + 1  # a footnote defined but never referenced goes last
    merged = [(numbers.get(item.get("id"), unreferenced), item) for item in ordered] + items
    for item in list(ordered):
        ordered.remove(item)
    for _, item in sorted(merged, key=lambda pair: pair[0]):
        ordered.append(item)


class CitationExtension(Extension):
    """Pandoc citations, resolved from BibTeX, with footnoted references."""

    def __init__(self, **kwargs):
        self.config = {
            "bibliography": [[], "A Bibliography, or a list of .bib paths loaded once."],
            "references_url": ["", "URL of the references page; notes link each work there."],
            "source_name": ["<markdown>", "Name of the document in error messages."],
            "line_offset": [0, "Lines before the Markdown given (e.g. front matter), for messages."],
            "on_document": ["", "Called with DocumentCitations after each conversion."],
            "on_problem": ["error", "'error' raises CitationError, 'warn' logs, or a callable."],
        }
        super().__init__(**kwargs)
        self._bibliography: Bibliography | None = None

    @property
    def bibliography(self) -> Bibliography:
        if self._bibliography is None:
            value = self.getConfig("bibliography")
            if isinstance(value, Bibliography):
                self._bibliography = value
            else:
                paths = [value] if isinstance(value, (str, Path)) else list(value)
                self._bibliography = load(paths)
        return self._bibliography

    def setConfig(self, key, value):
        super().setConfig(key, value)
        if key == "bibliography":
            self._bibliography = None

    def report(self, problems: list[str]) -> None:
        handler = self.getConfig("on_problem")
        if callable(handler):
            handler(problems)
        elif handler == "warn":
            for problem in problems:
                log.warning(problem)
        else:
            raise CitationError(problems)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")
        state = _State()
        self.bibliography  # load now: a broken .bib fails before any page is read
        md.preprocessors.register(_SourcePreprocessor(md, state), "scholia-source", 40)
        # Below raw HTML (90), autolinks (120) and links (160); above emphasis.
        md.inlinePatterns.register(_CitationPattern(BRACKETED, self, state, narrative=False, md=md), "scholia-cite", 86)
        md.inlinePatterns.register(_CitationPattern(NARRATIVE, self, state, narrative=True, md=md), "scholia-narrative", 85)
        # After attr_list (8) has set paragraph ids; after footnotes (15, 19).
        md.treeprocessors.register(_CitationTreeprocessor(md, self, state), "scholia-notes", 5)


def makeExtension(**kwargs) -> CitationExtension:  # noqa: N802 (Python-Markdown's name)
    return CitationExtension(**kwargs)


__all__ = [
    "BibliographyError",
    "CitationError",
    "CitationExtension",
    "CitationRecord",
    "DocumentCitations",
    "makeExtension",
]
