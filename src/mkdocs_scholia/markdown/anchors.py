"""Paragraph permalinks: a discreet pilcrow on every paragraph with a source id.

Paragraph ids are written in the sources with ``attr_list`` (``{: #p2.3 }``)
and are never generated here: a paragraph added or split later gets a new id
of its own (``p2.3a``) and every existing link keeps working. This
Python-Markdown tree processor runs after ``attr_list`` has set the ids and
after the citation engine has numbered its notes; it

* appends ``<a class="scholia-para-link" href="#p2.3" data-label="2.3"
  aria-label="Link to paragraph 2.3"></a>`` to each such paragraph. The
  reading stylesheet draws ``data-label`` as the paragraph's number in the
  margin (without it, a pilcrow shown on hover and focus, like the theme's
  heading permalinks); either way it is drawn by CSS, so the paragraph's text
  is unchanged: copying it, searching it or reading it aloud gives no stray
  "2.3" or "¶";
* reports, per document, the citable ids in reading order and any id used twice.

Which ids are citable is the grammar of :mod:`mkdocs_scholia.rules.paragraphs`
(``p2.3``, ``p2.3a``) unless the ``pattern`` option says otherwise.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from mkdocs_scholia.rules import paragraphs

LINK_CLASS = "scholia-para-link"


@dataclass
class DocumentParagraphs:
    """The citable paragraphs of one rendered document."""

    ids: list[str] = field(default_factory=list)  # citable paragraph ids, in reading order
    duplicates: list[str] = field(default_factory=list)  # any id (not only paragraphs) used twice


def label(paragraph_id: str) -> str:
    """``p2.3a`` → ``2.3a``: how a paragraph is named to readers (:func:`mkdocs_scholia.rules.paragraphs.label`)."""
    return paragraphs.label(paragraph_id)


class _ParagraphLinks(Treeprocessor):
    def __init__(self, md: Markdown, extension: ParagraphAnchorExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        pattern = re.compile(self.extension.getConfig("pattern"))
        found = DocumentParagraphs()
        seen: set[str] = set()
        for element in root.iter():
            ident = element.get("id")
            if ident is None:
                continue
            if ident in seen and ident not in found.duplicates:
                found.duplicates.append(ident)
            seen.add(ident)
            if element.tag == "p" and pattern.fullmatch(ident):
                found.ids.append(ident)
                element.append(self.link(ident))
        callback = self.extension.getConfig("on_document")
        if callable(callback):
            callback(found)

    @staticmethod
    def link(ident: str) -> etree.Element:
        link = etree.Element("a")
        link.set("class", LINK_CLASS)
        link.set("href", f"#{ident}")
        link.set("aria-label", f"Link to paragraph {label(ident)}")
        link.set("title", f"Copy the link to paragraph {label(ident)}")
        link.set("data-paragraph", ident)
        link.set("data-label", label(ident))
        link.set("data-search-exclude", "")
        return link


class ParagraphAnchorExtension(Extension):
    """Pilcrow permalinks for paragraphs whose ids come from the source."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "pattern": [paragraphs.PATTERN, "Regular expression (whole id) of citable paragraph ids."],
            "on_document": ["", "Called with DocumentParagraphs after each conversion."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After attr_list (8) set the ids, after the citation notes (5).
        md.treeprocessors.register(_ParagraphLinks(md, self), "scholia-paragraph-links", 4)


def makeExtension(**kwargs: Any) -> ParagraphAnchorExtension:
    return ParagraphAnchorExtension(**kwargs)


Callback = Callable[[DocumentParagraphs], None]
