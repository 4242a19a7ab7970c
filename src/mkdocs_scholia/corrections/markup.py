"""Markdown from a data file, made safe: the changelog's descriptions and summaries.

A description may use *emphasis*, **strong**, `code` and links to
http, https, mailto and doi: URLs, and nothing else: no raw HTML (it is
shown as text), no images, no attribute lists, no headings or lists, no
reference links. The Markdown is converted here, by a Python-Markdown
instance reduced to paragraphs and those inline patterns, and the result is
passed to the page as raw HTML, so the site's own extensions never see it.
A link to any other URL (``javascript:``, ``data:``, a relative path) keeps
only its text; :func:`rejected_links` lists such links so that the data
file's validation can refuse them with the file and line.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.treeprocessors import Treeprocessor

from mkdocs_scholia.rules import urls

DROPPED_BLOCKS = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")
"""Python-Markdown's block processors other than paragraphs: their syntax stays text."""
DROPPED_INLINE = (
    "reference",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "automail",
    "html",
)
"""Its inline patterns for reference links, images, obfuscated e-mail and raw HTML."""
ALLOWED = {"div", "p", "em", "strong", "code", "a", "br"}


@dataclass(frozen=True)
class Rendered:
    html: str
    rejected: tuple[str, ...]
    """The link targets that were not kept (not an allowed URL)."""


class _Sanitise(Treeprocessor):
    """The last word on the tree: only the allowed elements, only safe link targets."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.rejected: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag not in ALLOWED:
                element.tag = "span"
            href = element.get("href") if element.tag == "a" else None
            title = element.get("title") if element.tag == "a" else None
            element.attrib.clear()
            if element.tag != "a":
                continue
            if href is not None and urls.is_safe(href):
                element.set("href", urls.href(href))
                if title:
                    element.set("title", title)
            else:
                self.rejected.append(href or "")
                element.tag = "span"


def _converter() -> tuple[markdown.Markdown, _Sanitise]:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    for name in DROPPED_BLOCKS:
        md.parser.blockprocessors.deregister(name, strict=False)
    for name in DROPPED_INLINE:
        md.inlinePatterns.deregister(name, strict=False)
    sanitise = _Sanitise(md)
    md.treeprocessors.register(sanitise, "scholia-sanitise", 1)  # after 'inline' (20), before 'unescape' (0)
    return md, sanitise


def render(source: str) -> Rendered:
    """``source`` as inline HTML (one paragraph, without its ``<p>``)."""
    md, sanitise = _converter()
    text = " ".join(source.split())
    converted = md.convert(text)
    if converted.startswith("<p>") and converted.endswith("</p>") and converted.count("<p>") == 1:
        converted = converted[len("<p>") : -len("</p>")]
    return Rendered(converted, tuple(sanitise.rejected))


def inline_html(source: str) -> str:
    """``source`` as safe inline HTML."""
    return render(source).html


def rejected_links(source: str) -> tuple[str, ...]:
    """The link targets in ``source`` that would not be kept."""
    return render(source).rejected
