"""The citable edition across one build: its pages, their paragraphs and what can be cited.

The ``scholia`` plugin makes one :class:`CitableSite` when the edition is
configured and feeds it plain values from its events (the MkDocs glue is in
``mkdocs_scholia.plugins.scholia.citable``):

==================  =================================================================
each page           :meth:`add_page` (its title, section, keywords), then
                    :meth:`paragraphs_found` and :meth:`check_page`
all pages rendered  :meth:`finish_pages`: ids unique in the edition, the items made
each template       :meth:`page_context`
after the build     :meth:`exports`: the ``cite/…`` files to write
==================  =================================================================

The work itself is done by small modules: :mod:`.records`,
:mod:`.paragraph_ids`, :mod:`.items`, :mod:`.context`, :mod:`.exports`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.citable import abstract, context, paragraph_ids
from mkdocs_scholia.citable.exports import render
from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.citable.items import CitableItems, make_items
from mkdocs_scholia.citable.records import PageRecord

ParagraphIdError = paragraph_ids.ParagraphIdError


class CitableError(ValueError):
    """The edition's options name a page or paragraph the site does not have."""


@dataclass(frozen=True)
class CitableOptions:
    """What the plugin's options say, as plain values."""

    cite_exports: bool = True  # write the cite/ files
    cite_directory: str = "cite"
    references_page: str | None = "references.md"
    full_text_page: str | None = "full-text.md"  # None: no full text
    exclude: tuple[str, ...] = ()  # pages left out of the full text
    references_last: bool = True
    pdf_file: str | None = None  # the PDF's path under the site root, when one is made
    editorial_pages: tuple[str, ...] = ()  # pages the editors wrote, credited to them
    abstract_paragraph: str | None = None  # the id of the paragraph holding the text's abstract


class CitableSite:
    """The edition's citable pages and items, for one build at a time."""

    def __init__(self, edition: Edition, options: CitableOptions, bibliography: Bibliography | None) -> None:
        self.edition = edition
        self.options = options
        self.bibliography = bibliography
        self.records: dict[str, PageRecord] = {}
        self.items: CitableItems | None = None
        self.full_text_url: str | None = None
        self.abstract: str | None = None  # the text's abstract, from its paragraph (finish_pages)

    def start(self) -> None:
        """A new build (``mkdocs serve`` rebuilds with the same plugin)."""
        self.records.clear()
        self.items = None
        self.full_text_url = None
        self.abstract = None

    # -- pages --------------------------------------------------------------------

    def is_full_text(self, src_uri: str) -> bool:
        return src_uri == self.options.full_text_page

    def add_page(self, record: PageRecord) -> None:
        self.records[record.src_uri] = record
        if self.is_full_text(record.src_uri):
            self.full_text_url = record.url

    def paragraphs_found(self, src_uri: str, ids: list[str], duplicates: list[str]) -> None:
        record = self.records.get(src_uri)
        if record is not None:
            record.paragraphs, record.duplicates = list(ids), list(duplicates)

    def check_page(self, src_uri: str, shown: str) -> list[str]:
        """Stop on an id used twice on the page; the warnings about ids outside the page's section."""
        record = self.records.get(src_uri)
        return paragraph_ids.check_page(record, shown) if record is not None else []

    def finish_pages(self, content_of: Callable[[str], str] | None = None) -> None:
        """Every page is rendered: paragraph ids unique in the edition, then everything citable.

        ``content_of`` gives a page's rendered body by its source path; the
        abstract is read from it.
        """
        pages = [r for r in self.records.values() if not self.is_full_text(r.src_uri)]
        paragraph_ids.check_edition(pages)
        unknown = [src for src in self.options.editorial_pages if src not in self.records]
        if unknown:
            raise CitableError(
                f"`edition: editorial_pages:` names {', '.join(unknown)}, which "
                f"{'is not a page' if len(unknown) == 1 else 'are not pages'} of the site"
            )
        self.items = make_items(self.edition, pages, self.options.cite_directory, self.options.editorial_pages)
        self.abstract = self._abstract(content_of)

    def _abstract(self, content_of: Callable[[str], str] | None) -> str | None:
        ident = self.options.abstract_paragraph
        if ident is None or content_of is None:
            return None
        holders = (r for r in self.records.values() if ident in r.paragraphs and not self.is_full_text(r.src_uri))
        holder = next(holders, None)
        text = abstract.paragraph_text(content_of(holder.src_uri), ident) if holder is not None else None
        if not text:
            raise CitableError(f"`edition: abstract:` names the paragraph {ident}, which no page has")
        return text

    # -- the full text ------------------------------------------------------------

    def included(self, nav_order: list[str]) -> list[PageRecord]:
        """The pages of the full text, in reading order (the References last, when asked)."""
        excluded = set(self.options.exclude)
        chosen = [
            src for src in nav_order if src in self.records and not self.is_full_text(src) and src not in excluded
        ]
        if self.options.references_last:
            last = [src for src in chosen if src == self.options.references_page]
            chosen = [src for src in chosen if src not in last] + last
        return [self.records[src] for src in chosen]

    # -- templates ----------------------------------------------------------------

    def cited_on(self, src_uri: str, cited: Mapping[str, list[str]], nav_order: list[str]) -> list[str]:
        """The keys a page cites: the full text, those of its pages; the References page, every one."""
        if self.is_full_text(src_uri):
            keys: dict[str, None] = {}
            for record in self.included(nav_order):
                keys.update(dict.fromkeys(cited.get(record.src_uri, [])))
            return list(keys)
        if src_uri == self.options.references_page:
            every: dict[str, None] = {}
            for found in cited.values():
                every.update(dict.fromkeys(found))
            return self.bibliography.sorted_keys(list(every)) if self.bibliography else []
        return list(cited.get(src_uri, []))

    def page_context(
        self, src_uri: str, cited: Mapping[str, list[str]], nav_order: list[str], mentions: Sequence[dict] = ()
    ) -> dict | None:
        """``scholia`` for the page's template (None for a page the edition does not know).

        ``mentions``: the schema.org nodes of the entities the page names, for its JSON-LD.
        """
        record = self.records.get(src_uri)
        if record is None or self.items is None:
            return None
        items = self.items
        full_text = self.is_full_text(src_uri)
        paragraph_ids_ = [i for r in self.included(nav_order) for i in r.paragraphs] if full_text else record.paragraphs
        keys = self.cited_on(src_uri, cited, nav_order)
        entries = [self.bibliography.entry(key) for key in keys] if self.bibliography else []
        links = context.Links(
            full_text=self.full_text_url,
            is_full_text=full_text,
            pdf=self.options.pdf_file,
            pdf_download=context.pdf_download_name(self.edition),
        )
        return context.page_context(
            record,
            abstract=self.abstract,
            edition=self.edition,
            part=items.parts.get(src_uri, items.edition),
            edition_item=items.edition,
            paragraphs=[items.paragraphs[i] for i in paragraph_ids_ if i in items.paragraphs],
            cited=entries,
            links=links,
            mentions=mentions,
        )

    # -- after the build ----------------------------------------------------------

    def exports(self) -> Iterator[tuple[str, str]]:
        """``(path under the site root, text)`` of every BibTeX, RIS and CSL-JSON file."""
        if not self.options.cite_exports or self.items is None:
            return
        for item in self.items.every.values():
            for fmt, path in item.files.items():
                yield path, render(item, fmt)
