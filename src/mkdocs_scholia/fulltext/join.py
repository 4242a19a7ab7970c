"""Joining the rendered pages of the edition into one HTML fragment.

Google Scholar indexes a work only when its full text is on one page, and a
reader who prints or archives the edition wants it whole. This module joins
the rendered pages (sections, notes, references, editorial notes) into one
HTML fragment (:mod:`.assemble` puts the title and facts around it, and
:mod:`.pdf` renders it). It is a little over 300 lines because the id and
link rewriting below is one algorithm, best read in one place.

Joining pages is not concatenation: ids that are unique on a page repeat
across pages (every page has a note ``fn:c1`` and a citation ``cite-1``), and
links point to other pages. So, for each page:

* the edition's citable anchors — sections ``s2``, paragraphs ``p2.3``,
  references ``ref-heinzig1998``, editorial notes ``e001`` — are unique in
  the edition and stay as they are, so ``full-text/#p2.3`` works too; every
  other id (notes ``fn:c1``, citations ``cite-1``, headings, …) is page-local
  and gets the page's slug in front (``personal-factors-fn:c1``), always, so
  that the full text's ids do not change when another page changes;
* every link is rewritten consistently: ``#fn:c1`` to the page's renamed note,
  ``../references/#ref-heinzig1998`` to ``#ref-heinzig1998``, a link to a
  joined page to that page's part of the full text, and any other relative
  URL rebased to the full-text page's folder (or made absolute, for the PDF);
* headings go down one level (the full text has one ``h1``, the edition's title).

The rewriting works on the markup as a stream of tags (the standard library's
HTMLParser) and re-emits everything it does not change byte for byte.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from mkdocs_scholia.rules import paragraphs

# Ids kept as they are in the full text: the edition's citable anchors (sections
# s2, paragraphs p2.3, references ref-…, editorial notes e001), unique in the
# edition. Every other id is page-local and gets the page's slug in front.
KEEP_ID = rf"s\d+|{paragraphs.PATTERN}|ref-.+|e\d+"
Attributes = list[tuple[str, str | None]]
OnTag = Callable[[str, Attributes], tuple[str, Attributes]]
"""Given a start tag's name and attributes, the name and attributes to write."""
OnEnd = Callable[[str], str]
"""Given an end tag's name, the name to write."""
RESERVED_ID = re.compile(r"^(scholia-|__|part-)")
ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "list", "form")
HEADINGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6", "h6": "h6"}


class TocEntry(Protocol):
    """A heading in a page's table of contents (MkDocs' ``AnchorLink`` is one)."""

    @property
    def title(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def level(self) -> int: ...

    @property
    def children(self) -> Sequence[TocEntry]: ...


@dataclass(frozen=True)
class Heading:
    """A heading of the table of contents, as plain data."""

    title: str
    id: str
    level: int
    children: tuple[Heading, ...] = ()


@dataclass
class Part:
    """One page of the edition, as rendered."""

    src_uri: str  # "personal-factors.md"
    url: str  # its URL relative to the site root: "personal-factors/"
    slug: str  # "personal-factors"
    title: str
    content: str  # rendered HTML of the page body
    toc: Sequence[TocEntry] = field(default_factory=list)  # its headings
    demote: bool = True  # headings one level down (all but the part that gives the h1)

    @property
    def anchor(self) -> str:
        return f"part-{self.slug}"


# -- a tag-stream rewriter ----------------------------------------------------------------


class _Rewriter(HTMLParser):
    """Re-emit HTML, letting ``on_tag`` change a start tag's name and attributes."""

    def __init__(self, on_tag: OnTag | None = None, on_end: OnEnd | None = None):
        super().__init__(convert_charrefs=False)
        self.on_tag = on_tag
        self.on_end = on_end
        self.out: list[str] = []

    def _start(self, tag: str, attrs: Attributes, closing: bool) -> None:
        original = self.get_starttag_text() or ""
        if self.on_tag is None:
            self.out.append(original)
            return
        new_tag, new_attrs = self.on_tag(tag, list(attrs))
        if new_tag == tag and new_attrs == list(attrs):
            self.out.append(original)
            return
        parts = [new_tag]
        for name, value in new_attrs:
            parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        self.out.append("<" + " ".join(parts) + (" />" if closing else ">"))

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        self._start(tag, attrs, closing=False)

    def handle_startendtag(self, tag: str, attrs: Attributes) -> None:
        self._start(tag, attrs, closing=True)

    def handle_endtag(self, tag: str) -> None:
        name = self.on_end(tag) if self.on_end else tag
        self.out.append(f"</{name}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

    def result(self) -> str:
        self.close()
        return "".join(self.out)


def rewrite(markup: str, on_tag: OnTag | None = None, on_end: OnEnd | None = None) -> str:
    parser = _Rewriter(on_tag, on_end)
    parser.feed(markup)
    return parser.result()


def ids_in(markup: str) -> list[str]:
    """Every ``id`` attribute value, in document order."""
    found: list[str] = []

    def collect(tag: str, attrs: Attributes) -> tuple[str, Attributes]:
        for name, value in attrs:
            if name == "id" and value:
                found.append(value)
        return tag, attrs

    rewrite(markup, collect)
    return found


# -- joining pages ---------------------------------------------------------------------------


@dataclass
class Joined:
    html: str
    ids: dict[str, dict[str, str]]  # page src_uri → {old id: new id}
    toc: list[Heading]  # levels already shifted
    sections: list[str] = field(default_factory=list)  # one <section> per part, in order


def _is_relative(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("/")


def join(
    parts: list[Part],
    *,
    full_text_url: str,
    reserved: frozenset[str] | set[str] = frozenset(),
    absolute_base: str | None = None,
    keep: str = KEEP_ID,
) -> Joined:
    """One HTML fragment of ``parts``, ids made unique and links rewritten.

    ``full_text_url`` is where the fragment will live (``full-text/``), for
    rebasing relative URLs; with ``absolute_base`` (the ``site_url``), links
    that leave the full text become absolute instead (for the PDF).
    """
    per_page = {part.src_uri: ids_in(part.content) for part in parts}
    counts: Counter[str] = Counter()
    for ids in per_page.values():
        counts.update(set(ids))
    by_url = {part.url: part for part in parts}
    maps: dict[str, dict[str, str]] = {}
    taken: set[str] = set(reserved) | {part.anchor for part in parts}
    keep_re = re.compile(keep)
    for part in parts:
        mapping: dict[str, str] = {}
        for ident in per_page[part.src_uri]:
            if ident in mapping:
                continue
            kept = (
                keep_re.fullmatch(ident)
                and counts[ident] == 1
                and ident not in reserved
                and ident not in taken
                and not RESERVED_ID.match(ident)
            )
            if kept:
                new = ident
            else:
                new = f"{part.slug}-{ident}"
                while new in taken:
                    new = "x-" + new
            mapping[ident] = new
            taken.add(new)
        maps[part.src_uri] = mapping

    here = posixpath.dirname(full_text_url.rstrip("/") + "/x")

    def relink(url: str, part: Part) -> str:
        if url.startswith("#"):
            target = url[1:]
            return "#" + maps[part.src_uri].get(target, target) if target else url
        if not _is_relative(url):
            return url
        split = urlsplit(url)
        page_dir = posixpath.dirname(part.url.rstrip("/") + "/x") if part.url else ""
        resolved = posixpath.normpath(posixpath.join(page_dir, split.path)) if split.path else part.url.rstrip("/")
        if resolved == ".":
            resolved = ""
        key = resolved.rstrip("/") + "/" if resolved else ""
        if split.path.endswith("index.html"):
            key = posixpath.dirname(resolved) + "/" if posixpath.dirname(resolved) else ""
        target_part = by_url.get(key) or by_url.get(resolved)
        if target_part is not None:
            if split.fragment:
                return "#" + maps[target_part.src_uri].get(split.fragment, split.fragment)
            return "#" + target_part.anchor
        if absolute_base is not None:
            path = resolved + ("/" if split.path.endswith("/") and resolved else "")
            return urlunsplit(("", "", absolute_base + path, split.query, split.fragment))
        rebased = posixpath.relpath(resolved or ".", here or ".")
        if split.path.endswith("/") and not rebased.endswith("/"):
            rebased += "/"
        return urlunsplit(("", "", rebased, split.query, split.fragment))

    def rebase_src(url: str, part: Part) -> str:
        if not _is_relative(url) or url.startswith("#"):
            return url
        split = urlsplit(url)
        page_dir = posixpath.dirname(part.url.rstrip("/") + "/x") if part.url else ""
        resolved = posixpath.normpath(posixpath.join(page_dir, split.path))
        return urlunsplit(("", "", posixpath.relpath(resolved, here or "."), split.query, split.fragment))

    chunks: list[str] = []
    for part in parts:
        mapping = maps[part.src_uri]

        def on_tag(
            tag: str, attrs: Attributes, part: Part = part, mapping: dict[str, str] = mapping
        ) -> tuple[str, Attributes]:
            new_attrs: Attributes = []
            for name, value in attrs:
                if value is not None:
                    if name == "id":
                        value = mapping.get(value, value)
                    elif name == "href":
                        value = relink(value, part)
                    elif name == "src":
                        value = rebase_src(value, part)
                    elif name in ID_REFS:
                        value = " ".join(mapping.get(v, v) for v in value.split())
                new_attrs.append((name, value))
            return (HEADINGS.get(tag, tag) if part.demote else tag), new_attrs

        body = rewrite(part.content, on_tag, (lambda tag: HEADINGS.get(tag, tag)) if part.demote else None)
        chunks.append(
            f'<section class="scholia-part" id="{html.escape(part.anchor)}" '
            f'data-source="{html.escape(part.src_uri)}">\n{body}\n</section>'
        )

    toc = []
    for part in parts:
        mapping = maps[part.src_uri]
        toc.extend(_shift_toc(part.toc, mapping, 1 if part.demote else 0))
    return Joined("\n".join(chunks), maps, toc, chunks)


def _shift_toc(items: Sequence[TocEntry], mapping: dict[str, str], shift: int) -> list[Heading]:
    out = []
    for item in items:
        if item.id not in mapping:  # its heading is not in the part (left out)
            continue
        ident = mapping[item.id]
        children = tuple(_shift_toc(item.children, mapping, shift))
        out.append(Heading(item.title, ident, min(item.level + shift, 6), children))
    return out


def duplicate_ids(markup: str) -> list[str]:
    counts = Counter(ids_in(markup))
    return sorted(ident for ident, n in counts.items() if n > 1)
