"""MkDocs glue of the citable edition and its full text: pages, files and the PDF, as plain values.

:class:`~mkdocs_scholia.citable.site.CitableSite` and :mod:`mkdocs_scholia.fulltext`
never see MkDocs; :class:`CitableGlue` turns MkDocs' pages, files and
navigation into what they need and puts what they make back into the build.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_scholia.apparatus.render import PAGE_NOTES
from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.citable.items import slug_for
from mkdocs_scholia.citable.records import PageRecord, keywords, own_title
from mkdocs_scholia.citable.site import CitableError, CitableOptions, CitableSite, ParagraphIdError
from mkdocs_scholia.fulltext import pdf
from mkdocs_scholia.fulltext.assemble import PLACEHOLDER, Assembled, FullTextError, assemble
from mkdocs_scholia.fulltext.join import Heading, Part
from mkdocs_scholia.markdown.anchors import DocumentParagraphs
from mkdocs_scholia.plugins.scholia.config import ScholiaConfig
from mkdocs_scholia.plugins.scholia.front_matter import plain
from mkdocs_scholia.references.coins import without_coins

log = get_plugin_logger("scholia")

MARKER = "<!-- scholia:full-text -->"
PAGE_LIST = re.compile(r'<section class="scholia-page-references"[^>]*>.*?</section>\s*', re.S)
"""A section's own list of works cited, left out of the full text: its notes give each reference."""
# The PDF also leaves out the editorial notes after each section (folded on
# screen): it has the Editorial notes page, which gives each note once
# (apparatus.render.PAGE_NOTES).
PRINT_STYLE = "scholia-print.css"


def pdf_wanted(settings: ScholiaConfig, command: str) -> bool:
    """The PDF is made on `build`, and on `serve` only when asked."""
    full_text = settings.full_text
    return bool(full_text.enabled and full_text.pdf and (command != "serve" or full_text.pdf_on_serve))


def options(settings: ScholiaConfig, command: str) -> CitableOptions:
    full_text = settings.full_text
    return CitableOptions(
        cite_exports=settings.cite.enabled,
        cite_directory=settings.cite.directory,
        references_page=settings.references_page,
        full_text_page=full_text.page if full_text.enabled else None,
        exclude=tuple(full_text.exclude),
        references_last=full_text.references_last,
        pdf_file=full_text.pdf_file if pdf_wanted(settings, command) else None,
        editorial_pages=tuple(settings.edition.editorial_pages) if settings.edition else (),
        abstract_paragraph=settings.edition.abstract if settings.edition else None,
    )


def _headings(toc: TableOfContents | list) -> list[Heading]:
    return [Heading(item.title, item.id, item.level, tuple(_headings(item.children))) for item in toc]


def _anchor(heading: Heading) -> AnchorLink:
    link = AnchorLink(heading.title, heading.id, heading.level)
    link.children = [_anchor(child) for child in heading.children]
    return link


class CitableGlue:
    """The citable edition in one MkDocs build."""

    def __init__(self, site: CitableSite, settings: ScholiaConfig, command: str) -> None:
        self.site = site
        self.settings = settings
        self.pdf = pdf_wanted(settings, command)
        self.nav_order: list[str] = []
        self.pages: dict[str, Page] = {}
        self.current: str | None = None
        self.parts: list[Part] = []
        self.full_text_page: Page | None = None

    @property
    def edition(self) -> Edition:
        return self.site.edition

    # -- files and navigation ----------------------------------------------------

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """A new build; generate the full text's page when docs/ has none (``on_files``)."""
        self.site.start()
        self.pages.clear()
        self.parts, self.full_text_page = [], None
        full_text = self.settings.full_text
        if full_text.enabled and files.get_file_from_path(full_text.page) is None:
            front = {
                "title": full_text.title,
                "description": f"The full text of {self.edition.title} on one page, with notes, "
                "references and editorial notes.",
                "search": {"exclude": True},
            }
            content = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + MARKER + "\n"
            files.append(File.generated(config, full_text.page, content=content))

    def remember_nav(self, nav: Navigation) -> None:
        self.nav_order = [page.file.src_uri for page in nav.pages]

    # -- pages -----------------------------------------------------------------------

    def read_page(self, page: Page, markdown: str, shown: str) -> str:
        """Record the page (``on_page_markdown``, after its front matter was checked); place the full text's marker."""
        src = page.file.src_uri
        self.current = src
        self.pages[src] = page
        meta = page.meta
        section = str(meta["section"]).strip() if meta.get("section") is not None else None
        self.site.add_page(
            PageRecord(
                src_uri=src,
                url=page.url,
                is_homepage=page.is_homepage,
                title=own_title(plain(meta.get("title") or page.title or ""), section),
                description=plain(meta.get("description") or self.edition.description or ""),
                section=section,
                keywords=keywords(self.edition.keywords, meta.get("keywords")),
            )
        )
        if self.site.is_full_text(src):
            if MARKER not in markdown:
                raise PluginError(
                    f"scholia: {shown} is the full text's page (`full_text: page:`) "
                    f"but lacks the line {MARKER} where the text goes"
                )
            return markdown.replace(MARKER, PLACEHOLDER)
        if MARKER in markdown:
            raise PluginError(
                f"scholia: {shown} has the marker {MARKER}, but the full "
                f"text's page is {self.settings.full_text.page} (`full_text: page:`)"
            )
        return markdown

    def paragraphs_found(self, found: DocumentParagraphs) -> None:
        """What the paragraph-link extension reported for the page being converted."""
        if self.current is not None:
            self.site.paragraphs_found(self.current, found.ids, found.duplicates)

    def check_page(self, page: Page, shown: str) -> None:
        """Ids used twice stop the build; ids outside the page's section are warned about (``on_page_content``)."""
        try:
            warnings = self.site.check_page(page.file.src_uri, shown)
        except ParagraphIdError as error:
            raise PluginError(f"scholia: {error}") from None
        for warning in warnings:
            log.warning(warning)

    # -- every page rendered ----------------------------------------------------------

    def finish_pages(self, content_of: Callable[[Page], str]) -> None:
        """Check ids across the edition, make the items, join the full text (``on_env``).

        ``content_of`` gives a page's body as the full text has it (the
        References page with its list).
        """
        try:
            self.site.finish_pages(lambda src: content_of(self.pages[src]))
        except (ParagraphIdError, CitableError) as error:
            raise PluginError(f"scholia: {error}") from None
        page_src = self.settings.full_text.page if self.settings.full_text.enabled else None
        page = self.pages.get(page_src) if page_src else None
        if page is None:
            return
        self.full_text_page = page
        self.parts = [
            Part(
                src_uri=record.src_uri,
                url=record.url,
                slug=slug_for(record.url),
                title=record.title,
                content=without_coins(PAGE_LIST.sub("", content_of(self.pages[record.src_uri]))),
                toc=_headings(self.pages[record.src_uri].toc),
                demote=not (index == 0 and record.is_homepage),
            )
            for index, record in enumerate(self.site.included(self.nav_order))
        ]
        joined = self._assemble()
        if page.content is not None:
            page.content = page.content.replace(PLACEHOLDER, joined.body)
        page.toc = TableOfContents([_anchor(item) for item in joined.toc])

    def _assemble(self, absolute_base: str | None = None, parts: list[Part] | None = None) -> Assembled:
        assert self.full_text_page is not None and self.site.items is not None
        try:
            return assemble(
                self.parts if parts is None else parts,
                self.edition,
                full_text_url=self.full_text_page.url,
                how_to_cite=self.site.items.edition.harvard_html(),
                absolute_base=absolute_base,
            )
        except FullTextError as error:
            raise PluginError(f"scholia: {error}") from None

    # -- after the build -----------------------------------------------------------

    def write(self, site_dir: Path, print_css: str = "") -> None:
        """Write the ``cite/…`` files and render the PDF (``on_post_build``).

        ``print_css``: more style for the PDF, after the print stylesheet (what
        another feature puts into the text, such as the index's mentions).
        """
        for path, text in self.site.exports():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        if self.pdf and self.full_text_page is not None:
            self._write_pdf(site_dir, print_css)

    def _write_pdf(self, site_dir: Path, print_css: str = "") -> None:
        assert self.full_text_page is not None
        started = time.monotonic()
        edition = self.edition
        printed = [replace(part, content=PAGE_NOTES.sub("", part.content)) for part in self.parts]
        body = self._assemble(absolute_base=edition.url(), parts=printed).body
        stylesheet = resources.files("mkdocs_scholia").joinpath("assets", PRINT_STYLE).read_text(encoding="utf-8")
        if print_css:
            stylesheet = f"{stylesheet}\n{print_css}"
        document = pdf.pdf_document(
            body=body,
            title=edition.title,
            authors=[p.name for p in edition.authors],
            description=edition.description,
            keywords=list(edition.keywords),
            language=edition.language,
            stylesheet=stylesheet,
            when=pdf.build_date(edition.date),
            fonts=site_dir / "assets" / "scholia" / "fonts",
        )
        page_dir = site_dir / self.full_text_page.file.dest_uri
        target = site_dir / self.settings.full_text.pdf_file
        try:
            complaints = pdf.write_pdf(document, base_url=page_dir, target=target, site_dir=site_dir)
        except pdf.PDFError as error:
            raise PluginError(f"scholia: {error}") from None
        for complaint in complaints:
            if "Failed to load" in complaint or "rror" in complaint:
                log.warning(f"PDF: {complaint}")
            else:
                log.debug(f"PDF: {complaint}")
        log.info(f"PDF written to {target.relative_to(site_dir)} in {time.monotonic() - started:.1f}s")

