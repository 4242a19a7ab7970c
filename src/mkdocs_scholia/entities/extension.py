"""Mentions of the registry's entities, found in the rendered page.

A Python-Markdown extension; usable without MkDocs::

    import markdown
    from mkdocs_scholia.entities.extension import EntityExtension

    html = markdown.markdown(text, extensions=["attr_list", EntityExtension(registry=registry)])

The essay's Markdown is never changed (no markup is added to it, so its text
and the fidelity check are untouched): a tree processor runs after
Python-Markdown has built the page's tree, after ``attr_list`` has set the
paragraph ids and after the citation engine has put in its citations and
notes, and

* reads only the edition's text: elements inside a paragraph whose id
  follows the paragraph-id grammar (``p2.3``; :mod:`mkdocs_scholia.rules.paragraphs`),
  never headings, links, code, superscripts, citations, notes or permalinks;
* finds the registry's name forms there (:mod:`.matching`), with the
  paragraph's exceptions;
* wraps the first mention of each entity in each paragraph in a discreet
  link to its index entry, ``a.scholia-entity`` (with ``footnote-ref``, the
  hook of Material's footnote tooltips, when previews are on: the preview is
  the card :mod:`.index_page` puts into the page under the entry's anchor);
* reports every mention (linked or not) to ``on_document``.

The link's text is the text as it stands, so the page reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from mkdocs_scholia.entities.matching import EXCLUDE, Found, Matcher
from mkdocs_scholia.entities.model import Registry
from mkdocs_scholia.rules import paragraphs

LINK_CLASS = "scholia-entity"
PREVIEW_CLASS = "footnote-ref"  # Material's footnote tooltips show the element the link's #fragment names
SKIPPED_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "var", "script", "style", "sup", "sub", "button", "textarea", "svg", "math"}
    | {f"h{level}" for level in range(1, 7)}
)
SKIPPED_CLASSES = frozenset({"footnote", "citation", "headerlink", "scholia-para-link", "lacuna", "reference"})
# Typographic quotes as Python-Markdown's ``smarty`` leaves them in the tree: a
# placeholder for a stashed entity (or character). Read as the characters they
# print, so that "People's Republic of China" is found however its apostrophe is set.
QUOTES = {
    "&lsquo;": "\u2018", "&rsquo;": "\u2019", "&ldquo;": "\u201c", "&rdquo;": "\u201d",
    "\u2018": "\u2018", "\u2019": "\u2019", "\u201c": "\u201c", "\u201d": "\u201d",
}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One mention of one entity in one paragraph."""

    entity: str  # the entity's id
    paragraph: str  # "p2.3"
    text: str  # as written in the text
    rule: str  # "form" (a name form) or "include" (an exception that counts)
    linked: bool  # the first mention of the entity in the paragraph: a link


@dataclass
class DocumentMentions:
    """What the extension found in one document."""

    source_name: str
    mentions: list[Mention] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # paragraph ids read, in order
    exceptions: set[tuple[str, str, str]] = field(default_factory=set)  # (rule, paragraph, text) that matched

    @property
    def entities(self) -> list[str]:
        """The ids of the entities mentioned, in order of first mention, each once."""
        return list(dict.fromkeys(mention.entity for mention in self.mentions))


def _skipped(element: Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
        return True  # comments and processing instructions have a callable tag
    return bool(SKIPPED_CLASSES.intersection((element.get("class") or "").split()))


def _paragraph_of(element: Element, inherited: str | None) -> str | None:
    ident = element.get("id")
    return ident if paragraphs.is_paragraph_id(ident) else inherited


def _segments(root: Element) -> Iterator[tuple[Element, Element | None, str]]:
    """``(parent, child, paragraph)`` for each text to read, in reading order.

    ``child`` is None for ``parent.text``, else the text is ``child.tail``.
    Only text inside an identified paragraph is read.
    """

    def visit(
        element: Element, paragraph: str | None
    ) -> Iterator[tuple[Element, Element | None, str]]:
        if paragraph is not None and element.text:
            yield element, None, paragraph
        for child in list(element):
            if not _skipped(child):
                yield from visit(child, _paragraph_of(child, paragraph))
            if paragraph is not None and child.tail:
                yield element, child, paragraph

    yield from visit(root, _paragraph_of(root, None))


class _MentionTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: EntityExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        extension = self.extension
        matcher = extension.matcher
        document = DocumentMentions(source_name=extension.getConfig("source_name"))
        linking = bool(extension.getConfig("links"))
        linked: set[tuple[str, str]] = set()
        for parent, child, paragraph in list(_segments(root)):
            if paragraph not in document.paragraphs:
                document.paragraphs.append(paragraph)
            text = self._quotes_as_characters(parent, child)
            found = matcher.find(text or "", paragraph) if matcher else []
            if not found:
                continue
            links: list[tuple[Found, Element]] = []
            for hit in found:
                if hit.rule != "form":
                    document.exceptions.add((hit.rule, paragraph, " ".join(hit.text.split())))
                if hit.rule == EXCLUDE:
                    continue
                first = (paragraph, hit.entity) not in linked
                link = linking and first
                linked.add((paragraph, hit.entity))
                document.mentions.append(Mention(hit.entity, paragraph, hit.text, hit.rule, link))
                if link:
                    links.append((hit, self._link(hit)))
            if links:
                _wrap(parent, child, text or "", links)
        callback = extension.getConfig("on_document")
        if callable(callback):
            callback(document)

    def _quotes_as_characters(self, parent: Element, child: Element | None) -> str | None:
        """The segment's text with ``smarty``'s quote placeholders put back as the quotes they print."""
        text = parent.text if child is None else child.tail
        if not text or "\x02" not in text:
            return text
        stash = self.md.htmlStash.rawHtmlBlocks

        def character(match: re.Match[str]) -> str:
            index = int(match.group(1))
            stored = stash[index] if index < len(stash) else None
            return QUOTES.get(stored, match.group(0)) if isinstance(stored, str) else match.group(0)

        resolved = type(text)(HTML_PLACEHOLDER_RE.sub(character, text))  # AtomicString stays one
        if child is None:
            parent.text = resolved
        else:
            child.tail = resolved
        return resolved

    def _link(self, hit: Found) -> Element:
        extension = self.extension
        entity = extension.registry.get(hit.entity)
        element = Element("a")
        classes = [LINK_CLASS, PREVIEW_CLASS] if extension.getConfig("previews") else [LINK_CLASS]
        element.set("class", " ".join(classes))
        element.set("data-entity", entity.id)
        element.set("href", f"{extension.getConfig('index_url')}#{entity.anchor}")
        element.text = AtomicString(hit.text)
        return element


def _wrap(
    parent: Element, child: Element | None, text: str, links: list[tuple[Found, Element]]
) -> None:
    """Put ``links`` into ``text`` (``parent.text``, or ``child.tail``), keeping every character."""
    kind = type(text)  # AtomicString where the citation engine left one
    position = 0 if child is None else list(parent).index(child) + 1
    before = kind(text[: links[0][0].start])
    if child is None:
        parent.text = before or None
    else:
        child.tail = before or None
    for number, (hit, element) in enumerate(links):
        end = links[number + 1][0].start if number + 1 < len(links) else len(text)
        element.tail = kind(text[hit.end : end]) or None
        parent.insert(position + number, element)


class EntityExtension(Extension):
    """Links mentions of a registry's entities to their index entries."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "registry": ["", "A mkdocs_scholia.entities.model.Registry."],
            "index_url": ["", "Where the index is, as a link from this page ('' for the page itself)."],
            "previews": [True, "Mark links for Material's tooltips (the page must carry the preview cards)."],
            "links": [True, "Link the first mention per paragraph; false: only report mentions."],
            "source_name": ["<markdown>", "Name of the document in messages."],
            "on_document": ["", "Called with DocumentMentions after each conversion."],
        }
        super().__init__(**kwargs)
        self._matcher: Matcher | None = None

    @property
    def registry(self) -> Registry:
        registry = self.getConfig("registry")
        if not isinstance(registry, Registry):
            raise TypeError("EntityExtension needs `registry`: a mkdocs_scholia.entities.model.Registry")
        return registry

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.registry)
        return self._matcher

    def setConfig(self, key: str, value: Any) -> None:
        super().setConfig(key, value)
        if key == "registry":
            self._matcher = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After attr_list (8), the citation notes (5) and the paragraph links (4);
        # before MkDocs resolves links (0), so a link to index.md#… is checked too.
        md.treeprocessors.register(_MentionTreeprocessor(md, self), "scholia-entities", 3)


def makeExtension(**kwargs: Any) -> EntityExtension:
    return EntityExtension(**kwargs)


Callback = Callable[[DocumentMentions], None]
