"""Citable to the paragraph: the site-wide machinery behind issue 6.

:class:`CitableSite` is driven by thin calls from the ``scholia`` plugin's
hooks and puts together the modules that do the work:

* :mod:`~mkdocs_scholia.citable.identity` — the edition's identity, configured once;
* :mod:`~mkdocs_scholia.markdown.anchors` — pilcrow permalinks on source-given paragraph ids;
* :mod:`~mkdocs_scholia.citable.cite_this` and :mod:`~mkdocs_scholia.citable.exports` — the
  "Cite this" references and their BibTeX, RIS and CSL-JSON files;
* :mod:`~mkdocs_scholia.citable.metadata` — the ``<head>`` tags and JSON-LD;
* :mod:`~mkdocs_scholia.fulltext.onepage` — the one-page full text and its PDF.

Nothing here runs unless the plugin's ``edition:`` is configured, so a small
site without it builds exactly as before.

When things happen (MkDocs renders every page before it writes any):

==================  =================================================================
``on_config``       read the edition, expose it as ``config.extra.edition``, add
                    the paragraph-link extension and the assets
``on_files``        add the assets and the generated full-text page
``on_page_*``       per page: remember its paragraphs, check their ids, escape
                    the front matter the theme prints raw
``on_env``          all pages rendered: check ids across the edition, make the
                    citable items, join the pages into the full text
``on_page_context`` give the templates ``scholia`` (head tags, JSON-LD, panel)
``on_post_build``   write ``cite/…`` files and render the PDF
==================  =================================================================
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_scholia.citable import metadata
from mkdocs_scholia.fulltext import onepage
from mkdocs_scholia.references import page as references
from mkdocs_scholia.markdown.anchors import DocumentParagraphs, ParagraphAnchorExtension
from mkdocs_scholia.citable.cite_this import EDITION, PARAGRAPH, PART, Citable
from mkdocs_scholia.citable.identity import Edition, from_config
from mkdocs_scholia.citable.exports import FORMATS, render

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parents[1] / "assets"
ASSET_DIR = "assets/scholia"
SCRIPTS = ("scholia-cite.js",)
STYLES = ("scholia-cite.css",)
PRINT_STYLE = "scholia-print.css"
FULL_TEXT_MARKER = "<!-- scholia:full-text -->"
FULL_TEXT_PLACEHOLDER = '<div class="scholia-full-text-placeholder"></div>'
PAGE_LIST = re.compile(r'<section class="scholia-page-references"[^>]*>.*?</section>\s*', re.S)
TITLE_ID = "scholia-full-text-title"
FACTS_ID = "scholia-full-text-facts"


@dataclass
class PageRecord:
    page: Page
    title: str  # front matter title, else the page's title, unescaped
    description: str
    section: str | None
    keywords: tuple[str, ...]
    paragraphs: DocumentParagraphs = field(default_factory=DocumentParagraphs)
    part: Citable | None = None


def _dom_id(text: str) -> str:
    return "scholia-cite-" + re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")


class CitableSite:
    """Issue 6, end to end; one instance per plugin instance."""

    def __init__(self, plugin) -> None:
        self.plugin = plugin
        self.edition: Edition | None = None
        self.command = "build"
        self.pdf_enabled = False
        self.records: dict[str, PageRecord] = {}
        self.nav_pages: list[Page] = []
        self.items: dict[str, Citable] = {}  # key → item, everything citable
        self.paragraph_items: dict[str, Citable] = {}  # paragraph id → item
        self.full_text_page: Page | None = None
        self.full_text_html = ""
        self.parts: list[onepage.Part] = []
        self._current: Page | None = None

    @property
    def enabled(self) -> bool:
        return self.edition is not None

    @property
    def settings(self):
        return self.plugin.config

    # -- configuration ----------------------------------------------------------------

    def on_startup(self, command: str) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> None:
        settings = self.settings
        if settings.edition is None:
            self.edition = None
            return
        if not config.site_url:
            raise PluginError("scholia: `edition:` needs `site_url`: every reference and anchor cites a stable URL")
        self.edition = from_config(settings.edition, config)
        self._expose(config)
        config.markdown_extensions.append(
            ParagraphAnchorExtension(pattern=settings.cite.paragraph_ids, on_document=self._paragraphs_found)
        )
        for name in SCRIPTS:
            config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        for name in STYLES:
            config.extra_css.append(f"{ASSET_DIR}/{name}")
        full_text = settings.full_text
        self.pdf_enabled = bool(
            full_text.enabled and full_text.pdf and (self.command != "serve" or full_text.pdf_on_serve)
        )

    def _expose(self, config: MkDocsConfig) -> None:
        """``config.extra.edition``: the plugin's `edition:` as templates see it.

        The edition is configured once, in the plugin. If `extra.edition` is also
        written in mkdocs.yml, its values must agree (a footer may read them).
        """
        view = self.edition.template_view()
        existing = config.extra.get("edition")
        if isinstance(existing, dict):
            clashes = [
                key
                for key, value in existing.items()
                if key in view and view[key] is not None and str(value) != str(view[key])
            ]
            if clashes:
                raise PluginError(
                    "scholia: `extra.edition` disagrees with the plugin's `edition:` on "
                    + ", ".join(clashes)
                    + "; configure the edition once, under `plugins: scholia: edition:`"
                )
            view = {**existing, **view}
        config.extra["edition"] = view

    # -- files --------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Each build (and each `mkdocs serve` rebuild) starts afresh.
        self.records.clear()
        self.items.clear()
        self.paragraph_items.clear()
        self.full_text_page, self.full_text_html, self.parts = None, "", []
        if not self.enabled:
            return files
        for name in (*SCRIPTS, *STYLES, PRINT_STYLE):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(ASSETS / name)))
        full_text = self.settings.full_text
        if full_text.enabled and files.get_file_from_path(full_text.page) is None:
            # No page under docs/: generate one (an edition may also write it,
            # with its own front matter and the marker where the text goes).
            front = {
                "title": full_text.title,
                "description": f"The full text of {self.edition.title} on one page, with notes, "
                "references and editorial notes.",
                "search": {"exclude": True},
            }
            content = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + FULL_TEXT_MARKER + "\n"
            files.append(File.generated(config, full_text.page, content=content))
        return files

    def on_nav(self, nav) -> None:
        self.nav_pages = list(nav.pages) if self.enabled else []

    # -- pages ----------------------------------------------------------------------------

    def is_full_text(self, page: Page) -> bool:
        return self.settings.full_text.enabled and page.file.src_uri == self.settings.full_text.page

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        if not self.enabled:
            return markdown
        self._current = page
        meta = page.meta
        section = meta.get("section")
        title = str(meta.get("title") or page.title or "")
        if section is not None:  # "2. Personal Factors": the number is the locator's
            title = re.sub(rf"^\s*{re.escape(str(section))}\.?\s+", "", title)
        keywords = meta.get("keywords") or []
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",") if k.strip()]
        self.records[page.file.src_uri] = PageRecord(
            page=page,
            title=title,
            description=str(meta.get("description") or self.edition.description or ""),
            section=str(section) if section is not None else None,
            keywords=tuple(dict.fromkeys([*self.edition.keywords, *map(str, keywords)])),
        )
        # The theme writes these into attributes and <title> unescaped.
        for key in ("title", "description"):
            value = meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                meta[key] = Markup(html.escape(value, quote=True))
        if self.is_full_text(page):
            if FULL_TEXT_MARKER not in markdown:
                raise PluginError(
                    f"scholia: docs/{page.file.src_uri} is the full text's page (`full_text: page:`) "
                    f"but lacks the line {FULL_TEXT_MARKER} where the text goes"
                )
            markdown = markdown.replace(FULL_TEXT_MARKER, FULL_TEXT_PLACEHOLDER)
        elif FULL_TEXT_MARKER in markdown:
            raise PluginError(
                f"scholia: docs/{page.file.src_uri} has the marker {FULL_TEXT_MARKER}, but the full "
                f"text's page is {self.settings.full_text.page} (`full_text: page:`)"
            )
        return markdown

    def _paragraphs_found(self, found: DocumentParagraphs) -> None:
        if self._current is not None and self._current.file.src_uri in self.records:
            self.records[self._current.file.src_uri].paragraphs = found

    def on_page_content(self, output: str, page: Page) -> str:
        if not self.enabled or page.file.src_uri not in self.records:
            return output
        record = self.records[page.file.src_uri]
        found = record.paragraphs
        where = f"docs/{page.file.src_uri}"
        if found.duplicates:
            raise PluginError(f"scholia: {where}: id used more than once on the page: {', '.join(found.duplicates)}")
        if record.section is not None:
            prefix = f"p{record.section}."
            for ident in found.ids:
                if not ident.startswith(prefix):
                    log.warning(f"{where}: paragraph id '{ident}' is in section {record.section}; expected '{prefix}…'")
        return output

    # -- all pages rendered -------------------------------------------------------------

    def on_env(self, config: MkDocsConfig, files: Files) -> None:
        if not self.enabled:
            return
        self._check_unique_paragraphs()
        self._make_items()
        if self.settings.full_text.enabled:
            self._join(config, files)

    def _check_unique_paragraphs(self) -> None:
        owners: dict[str, list[str]] = {}
        for src, record in self.records.items():
            if self.is_full_text(record.page):
                continue
            for ident in record.paragraphs.ids:
                owners.setdefault(ident, []).append(src)
        clashes = {ident: pages for ident, pages in owners.items() if len(pages) > 1}
        if clashes:
            detail = "; ".join(f"{ident} on {', '.join(pages)}" for ident, pages in sorted(clashes.items()))
            raise PluginError(f"scholia: paragraph ids must be unique in the edition: {detail}")

    def _files_for(self, slug: str) -> dict[str, str]:
        directory = self.settings.cite.directory.strip("/")
        return {fmt: f"{directory}/{slug}.{ext}" for fmt, (ext, _, _) in FORMATS.items()}

    def _make_items(self) -> None:
        edition = self.edition
        self.items.clear()
        self.paragraph_items.clear()
        whole = Citable(EDITION, edition.key, edition.title, edition.url(), edition, slug="edition", files=self._files_for("edition"))
        self.items[whole.key] = whole
        self.edition_item = whole
        for src, record in self.records.items():
            page = record.page
            if self.is_full_text(page):
                continue
            slug = onepage.slug_for(page.url)
            suffix = f"s{record.section}" if record.section else slug
            part = Citable(
                PART,
                f"{edition.key}-{suffix}",
                record.title,
                edition.url(page.url),
                edition,
                section=record.section,
                slug=slug,
                files=self._files_for(slug),
            )
            record.part = part
            if not page.is_homepage:
                self.items[part.key] = part
            for ident in record.paragraphs.ids:
                paragraph = Citable(
                    PARAGRAPH,
                    f"{edition.key}-{ident}",
                    record.title if not page.is_homepage else edition.title,
                    f"{part.url}#{ident}",
                    edition,
                    section=record.section,
                    paragraph=ident,
                    slug=f"{slug}/{ident}",
                    files=self._files_for(f"{slug}/{ident}"),
                    whole=page.is_homepage,
                )
                self.items[paragraph.key] = paragraph
                self.paragraph_items[ident] = paragraph

    def _included(self) -> list[PageRecord]:
        full_text = self.settings.full_text
        excluded = set(full_text.exclude)
        pages = [
            page
            for page in self.nav_pages
            if page.file.src_uri in self.records and not self.is_full_text(page) and page.file.src_uri not in excluded
        ]
        if full_text.references_last:
            refs = [p for p in pages if p.file.src_uri == self.settings.references_page]
            pages = [p for p in pages if p not in refs] + refs
        return [self.records[p.file.src_uri] for p in pages]

    def _content_of(self, page: Page) -> str:
        """The page's rendered body, as the full text has it.

        The References page gets its list (issue 5 fills it at ``on_page_context``;
        filling is idempotent, so doing it now, with every citation known, gives
        the same list). A section's own list of the works it cites is left out:
        in the full text, its notes give each reference and the References
        follow at the end.
        """
        site = getattr(self.plugin, "references_site", None)
        if site is not None and page.content and references.PLACEHOLDER in page.content:
            site.fill(page, self.plugin.documents, self.plugin.pages)
        return PAGE_LIST.sub("", page.content or "")

    def _parts(self) -> list[onepage.Part]:
        """The pages of the full text, in order; the home page (if included) keeps its h1."""
        parts = []
        for index, record in enumerate(self._included()):
            page = record.page
            parts.append(
                onepage.Part(
                    src_uri=page.file.src_uri,
                    url=page.url,
                    slug=onepage.slug_for(page.url),
                    title=record.title,
                    content=self._content_of(page),
                    toc=list(page.toc),
                    demote=not (index == 0 and page.is_homepage),
                )
            )
        return parts

    def _full_text(self, parts: list[onepage.Part], absolute_base: str | None = None) -> tuple[str, list]:
        """The full text's HTML and table of contents.

        With the home page first, its h1 (the essay's title) and the author's
        lines below it open the full text, as Google Scholar wants a paper to
        begin; the edition's facts (version, date, licence, how to cite) follow
        the home page. Without it, a title block opens the full text.
        """
        joined = onepage.join(
            parts,
            full_text_url=self.full_text_page.url,
            reserved={"scholia-cite", TITLE_ID, FACTS_ID},
            absolute_base=absolute_base,
            keep=rf"s\d+|{self.settings.cite.paragraph_ids}|ref-.+|e\d+",
        )
        sections = list(joined.sections)
        led = bool(parts) and not parts[0].demote
        if led:
            sections.insert(1, self._facts_block(with_title=False))
            head, *rest = joined.toc if joined.toc else [None]
            if head is not None:
                title, ident, level, children = head
                top = (title, ident, 1, [*children, *rest])
            else:
                top = (html.escape(self.edition.title), TITLE_ID, 1, [])
        else:
            sections.insert(0, self._facts_block(with_title=True))
            top = (html.escape(self.edition.title), TITLE_ID, 1, joined.toc)
        body = '<div class="scholia-full-text">\n' + "\n".join(sections) + "\n</div>"
        duplicates = onepage.duplicate_ids(body)
        if duplicates:
            raise PluginError(f"scholia: the full text would repeat ids: {', '.join(duplicates)}")
        return body, [top]

    def _join(self, config: MkDocsConfig, files: Files) -> None:
        page_file = files.get_file_from_path(self.settings.full_text.page)
        page = page_file.page if page_file is not None else None
        if page is None:
            return
        self.full_text_page = page
        self.parts = self._parts()
        body, toc = self._full_text(self.parts)
        self.full_text_html = body
        if page.content is not None:
            page.content = page.content.replace(FULL_TEXT_PLACEHOLDER, body)
        page.toc = TableOfContents([_anchor(item) for item in toc])

    def _facts_block(self, *, with_title: bool) -> str:
        """Title (if no page gives it), authors, version, licence, stable URL, how to cite."""
        edition = self.edition
        esc = html.escape
        lines = [f'<section class="scholia-full-text-head" id="{FACTS_ID}" aria-label="About this version">']
        if with_title:
            lines.append(f'<h1 id="{TITLE_ID}">{esc(edition.title)}</h1>')
            if edition.authors:
                people = []
                for person in edition.authors:
                    text = f'<span class="scholia-author">{esc(person.name)}</span>'
                    if person.affiliation:
                        text += f' <span class="scholia-affiliation">({esc(person.affiliation)})</span>'
                    people.append(text)
                lines.append(f'<p class="scholia-authors">{", ".join(people)}</p>')
        if edition.editors:
            lines.append(f'<p class="scholia-editors">Edited by {esc(", ".join(p.name for p in edition.editors))}</p>')
        facts = [f"Version {esc(edition.version)}", esc(edition.date_long)]
        if edition.publisher:
            facts.append(esc(edition.publisher))
        lines.append(f'<p class="scholia-edition-facts">{" · ".join(facts)}</p>')
        if edition.license_name:
            licence = esc(edition.license_name)
            if edition.license_url:
                licence = f'<a href="{esc(edition.license_url, quote=True)}">{licence}</a>'
            lines.append(f'<p class="scholia-license">Licence: {licence}</p>')
        if edition.rights:
            lines.append(f'<p class="scholia-rights">{esc(edition.rights)}</p>')
        url = esc(edition.url(self.full_text_page.url if self.full_text_page else ""), quote=True)
        lines.append(f'<p class="scholia-stable-url">Stable URL: <a class="scholia-url" href="{url}">{url}</a></p>')
        lines.append(f'<p class="scholia-how-to-cite"><strong>How to cite:</strong> {self.edition_item.harvard_html()}</p>')
        lines.append("</section>")
        return "\n".join(lines)

    # -- templates ---------------------------------------------------------------------------

    def _links(self, page: Page) -> dict:
        full_text = self.settings.full_text
        pdf = full_text.pdf_file.lstrip("/") if self.pdf_enabled else None
        return {
            "full_text": self.full_text_page.url if self.full_text_page is not None else None,
            "is_full_text": self.is_full_text(page),
            "pdf": pdf,
            "pdf_download": self._pdf_download_name(),
        }

    def _pdf_download_name(self) -> str:
        edition = self.edition
        first = edition.authors[0].family if edition.authors else "edition"
        words = re.findall(r"[A-Za-z0-9]+", edition.title)[:6]
        return f"{first}-{edition.year}-{'-'.join(words)}-v{edition.version}.pdf".replace(" ", "-")

    def _cited_on(self, page: Page) -> list[str]:
        documents = self.plugin.documents
        if self.is_full_text(page):
            keys: dict[str, None] = {}
            for record in self._included():
                for key in self._cited_on(record.page):
                    keys.setdefault(key, None)
            return list(keys)
        if page.file.src_uri == self.settings.references_page:
            every: dict[str, None] = {}
            for document in documents.values():
                every.update(dict.fromkeys(document.keys))
            return self.plugin.bibliography.sorted_keys(list(every)) if self.plugin.bibliography else []
        document = documents.get(page.file.src_uri)
        return list(document.keys) if document else []

    def _view(self, item: Citable) -> dict:
        downloads = []
        for fmt, (ext, media, label) in FORMATS.items():
            downloads.append(
                {
                    "format": fmt,
                    "label": label,
                    "path": item.files[fmt],
                    "media": media,
                    "content": render(item, fmt),
                    "dom": _dom_id(f"{item.key}-{fmt}"),
                    "filename": posixpath.basename(item.files[fmt]),
                }
            )
        return {
            "kind": item.kind,
            "key": item.key,
            "heading": item.heading,
            "url": item.url,
            "paragraph": item.paragraph,
            "harvard": Markup(item.harvard_html()),
            "dom": _dom_id(item.key),
            "downloads": downloads,
        }

    def page_context(self, page: Page) -> dict | None:
        if not self.enabled or page.file.src_uri not in self.records:
            return None
        record = self.records[page.file.src_uri]
        edition = self.edition
        edition_level = page.is_homepage or self.is_full_text(page)
        item = self.edition_item if edition_level else record.part
        links = self._links(page)
        page_url = edition.url(page.url)
        full_text_url = edition.url(links["full_text"]) if links["full_text"] is not None else None
        facts = metadata.PageFacts(
            item=item,
            url=page_url,
            title=record.title,
            description=record.description,
            cited=self._cited_on(page),
            keywords=record.keywords,
            fulltext_url=(full_text_url or page_url) if edition_level else page_url,
            pdf_url=edition.url(links["pdf"]) if links["pdf"] and edition_level else None,
            edition_url=edition.url(),
            site_name=edition.site_name,
        )
        bibliography = self.plugin.bibliography
        items = [self._view(self.edition_item)] if edition_level else [self._view(item), self._view(self.edition_item)]
        if self.is_full_text(page):
            paragraph_ids = [i for record_ in self._included() for i in record_.paragraphs.ids]
        else:
            paragraph_ids = record.paragraphs.ids
        paragraphs = [self._view(self.paragraph_items[i]) for i in paragraph_ids if i in self.paragraph_items]
        return {
            "meta": metadata.tags(facts, bibliography),
            "jsonld": Markup(metadata.script_safe_json(metadata.jsonld(facts, bibliography))),
            "cite": {"page_url": page_url, "entries": items, "paragraphs": paragraphs},
            "links": links,
            "edition": edition.template_view(),
        }

    # -- after the build -------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.enabled:
            return
        site = Path(config.site_dir)
        if self.settings.cite.enabled:
            for item in self.items.values():
                for fmt, path in item.files.items():
                    target = site / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(render(item, fmt).encode("utf-8"))
        if self.pdf_enabled and self.full_text_page is not None:
            self._write_pdf(config, site)

    def _write_pdf(self, config: MkDocsConfig, site: Path) -> None:
        started = time.monotonic()
        edition = self.edition
        body, _ = self._full_text(self.parts, absolute_base=edition.url())
        stylesheet = (ASSETS / PRINT_STYLE).read_text(encoding="utf-8")
        document = onepage.pdf_document(
            body=body,
            title=edition.title,
            authors=[p.name for p in edition.authors],
            description=edition.description,
            keywords=list(edition.keywords),
            language=edition.language,
            stylesheet=stylesheet,
            when=onepage.build_date(edition.date),
        )
        page_dir = site / self.full_text_page.file.dest_uri
        target = site / self.settings.full_text.pdf_file.lstrip("/")
        try:
            complaints = onepage.write_pdf(document, base_url=page_dir, target=target, site_dir=site)
        except onepage.PDFError as error:
            raise PluginError(f"scholia: {error}") from None
        for complaint in complaints:
            if "Failed to load" in complaint or "rror" in complaint:
                log.warning(f"PDF: {complaint}")
            else:
                log.debug(f"PDF: {complaint}")
        log.info(f"PDF written to {target.relative_to(site)} in {time.monotonic() - started:.1f}s")


def _anchor(item: tuple) -> AnchorLink:
    title, ident, level, children = item
    link = AnchorLink(title, ident, level)
    link.children = [_anchor(child) for child in children]
    return link


def dumps(data) -> str:  # for debugging and tests
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)
