"""The index of names in the ``scholia`` plugin: MkDocs' objects turned into plain data.

Its options are ``EntitiesConfig`` in ``config.py``. Off unless ``entities:
registry:`` is set; then, per build:

==================  =================================================================
``on_config``       load the registry (``file:line`` errors), add the extension that
                    finds mentions, switch on Material's footnote tooltips (the
                    plugin adds the assets, ``assets.ENTITIES_CSS``/``ENTITIES_JS``)
``on_files``        check the index page exists
``on_nav``          remember the reading order (for "Mentioned in")
``on_page_markdown`` tell the extension where the index is from this page; put the
                    placeholder where the index page has ``<!-- scholia:entities -->``
``on_env``          every page is rendered: fill the index, check the exceptions
``on_page_context`` the page's JSON-LD ``mentions``; after search has indexed the
                    page, its hidden preview cards
``on_post_build``   write the CSV, JSON and TEI next to the index page
==================  =================================================================

The feature itself (:mod:`mkdocs_scholia.entities`) knows nothing of MkDocs.
"""

from __future__ import annotations

import logging
import posixpath
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from mkdocs_scholia.entities import exports, index_page, jsonld
from mkdocs_scholia.entities.extension import DocumentMentions, EntityExtension
from mkdocs_scholia.entities.mentions import MentionIndex, PageRef
from mkdocs_scholia.entities.model import Registry
from mkdocs_scholia.plugins.datafiles import entities as registry_file
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError
from mkdocs_scholia.plugins.scholia.config import EXPORT_FORMATS, EntitiesConfig
from mkdocs_scholia.rules.relative_urls import relative_url

# Warnings start with the path of what to correct (no "scholia:" prefix), as MkDocs' own do.
log = logging.getLogger("mkdocs.plugins.scholia.entities")

TOOLTIPS_FEATURE = "content.footnote.tooltips"
EXPORT_LABELS = {"csv": "CSV", "json": "JSON", "tei": "TEI"}


class EntitiesGlue:
    """The index of names for one plugin instance; MkDocs' objects in, plain data to the feature."""

    def __init__(self, options: EntitiesConfig, registry: Registry, site_url: str = ""):
        self.options = options
        self.registry = registry
        self.site_url = site_url
        self.extension = EntityExtension(
            registry=registry, previews=options.previews, links=options.links, on_document=self._remember
        )
        self.documents: dict[str, DocumentMentions] = {}
        self.pages: dict[str, Page] = {}
        self.nav_order: list[str] = []
        self.index: MentionIndex | None = None
        self.index_title = "Index"
        self._current: Page | None = None

    # -- configuration ------------------------------------------------------------

    @classmethod
    def configure(cls, options: EntitiesConfig, root: Path, config: MkDocsConfig) -> EntitiesGlue:
        """Load the registry, add the extension, switch on Material's footnote tooltips (``on_config``)."""
        try:
            registry = registry_file.load(options.registry, root=root)
        except DataFileError as error:
            raise PluginError(
                "scholia: the registry of entities is not valid:\n  " + "\n  ".join(error.problems)
            ) from None
        glue = cls(options, registry, str(config.site_url or ""))
        config.markdown_extensions.append(glue.extension)  # type: ignore[arg-type] # MkDocs takes Extension objects too
        if options.previews and options.links:
            theme = config.theme.name
            if theme != "material":
                raise PluginError(
                    "scholia: `entities.previews` needs the Material theme (its footnote tooltips show the "
                    f"previews), but the theme is {theme!r}; set `entities: {{previews: false}}`"
                )
            features = list(config.theme.get("features") or [])
            if TOOLTIPS_FEATURE not in features:
                features.append(TOOLTIPS_FEATURE)
                config.theme["features"] = features
        return glue

    def start(self, files: Files) -> None:
        """A new build (``on_files``): the index page must be there."""
        if files.get_file_from_path(self.options.index_page) is None:
            raise PluginError(
                f"scholia: `entities: index_page: {self.options.index_page}` is not a page in docs/; create it "
                f"with the line {index_page.MARKER} where the index belongs, or point `index_page` at the page "
                "that has that line"
            )
        self.documents.clear()
        self.pages.clear()
        self.index = None

    def remember_nav(self, nav: Navigation) -> None:
        self.nav_order = [page.file.src_uri for page in nav.pages]

    # -- pages ---------------------------------------------------------------------

    def read_page(self, page: Page, markdown: str, shown: str) -> str:
        """Before the page is rendered: where its links go; the index's placeholder."""
        self._current = page
        self.pages[page.file.src_uri] = page
        self.extension.setConfig("source_name", shown)
        index = self.options.index_page
        here = page.file.src_uri
        link = "" if here == index else posixpath.relpath(index, posixpath.dirname(here) or ".")
        self.extension.setConfig("index_url", link)  # a link to the .md file: MkDocs resolves and checks it
        if index_page.MARKER in markdown:
            if here != index:
                raise PluginError(
                    f"scholia: {shown} has the marker {index_page.MARKER}, but the index page is "
                    f"{index} (`entities: index_page:`)"
                )
            markdown = markdown.replace(index_page.MARKER, index_page.PLACEHOLDER)
        return markdown

    def _remember(self, document: DocumentMentions) -> None:
        if self._current is not None:
            self.documents[self._current.file.src_uri] = document

    def fill_index(self, files: Files) -> None:
        """Every page is rendered (``on_env``): put the index into its page and check the exceptions."""
        target = files.get_file_from_path(self.options.index_page)
        page = target.page if target is not None else None
        if page is None or page.content is None:
            return
        if index_page.PLACEHOLDER not in page.content:
            raise PluginError(
                f"scholia: docs/{self.options.index_page} is the index page (`entities: index_page:`) but lacks "
                f"the line {index_page.MARKER} where the index goes"
            )
        self.index_title = str(page.title or "Index")
        self.index = MentionIndex(self.registry, self.documents, self._page_refs(page))
        problems = self.index.unmatched_exceptions()
        if problems:
            raise PluginError("scholia: the registry's exceptions do not match the text:\n  " + "\n  ".join(problems))
        for warning in self.index.unmentioned():
            log.warning(warning)
        downloads = [
            index_page.Download(EXPORT_LABELS[fmt], *exports.FILES[fmt])
            for fmt in EXPORT_FORMATS
            if fmt in self.options.exports
        ]
        page.content = page.content.replace(
            index_page.PLACEHOLDER, index_page.render_index(self.registry, self.index, downloads), 1
        )
        if page.present_anchor_ids is not None:  # so MkDocs can check the links to the entries
            page.present_anchor_ids.update(index_page.anchor_ids(self.registry))
        self._add_to_toc(page)

    def _page_refs(self, index: Page) -> list[PageRef]:
        position = {src: n for n, src in enumerate(self.nav_order)}
        ordered = sorted(
            self.pages.values(), key=lambda p: (position.get(p.file.src_uri, len(position)), p.file.src_uri)
        )
        return [
            PageRef(
                p.file.src_uri, str(p.title or p.file.name), relative_url(p.file.url or "./", index.file.url or "./")
            )
            for p in ordered
            if p.file.src_uri in self.documents
        ]

    def _add_to_toc(self, page: Page) -> None:
        links = [AnchorLink(title, ident, 2) for ident, title in index_page.headings(self.registry)]
        items = page.toc.items
        if items and items[0].level == 1:
            items[0].children.extend(links)
        else:
            items.extend(links)

    def mentions(self, page: Page, *, full_text: bool) -> list[dict]:
        """The page's JSON-LD ``mentions``: what it names; the full text and the index name them all."""
        if self.index is None:
            return []
        if full_text or page.file.src_uri == self.options.index_page:
            ids = self.index.mentioned() if full_text else [entity.id for entity in self.registry]
        else:
            ids = self.index.entities_on(page.file.src_uri)
        return jsonld.mentions(self.registry, ids, self._index_url())

    def _index_url(self) -> str | None:
        page = self.pages.get(self.options.index_page)
        if not self.site_url or page is None:
            return None
        return self.site_url.rstrip("/") + "/" + (page.file.url or "")

    def add_cards(self, page: Page) -> None:
        """After search has read the page: the hidden previews of the entities it links."""
        if not page.content or not self.options.previews:
            return
        page.content = index_page.add_cards(page.content, self.registry, self.index_title)

    # -- after the build -------------------------------------------------------------

    @staticmethod
    def print_css() -> str:
        """The mentions' style, for the PDF of the full text (its ``@media print`` rules apply there)."""
        return resources.files("mkdocs_scholia").joinpath("assets", "scholia-entities.css").read_text(encoding="utf-8")

    def write_exports(self, config: MkDocsConfig) -> None:
        if self.index is None or not self.options.exports:
            return
        page = self.pages.get(self.options.index_page)
        if page is None:
            return
        folder = Path(config.site_dir) / posixpath.dirname(page.file.dest_uri)
        base_url = self._index_url()
        title = str(config.site_name or "")
        writers = {
            "csv": lambda: exports.to_csv(self.registry, self.index, base_url),
            "json": lambda: exports.to_json(self.registry, self.index, base_url, title),
            "tei": lambda: exports.to_tei(self.registry, self.index, base_url, title),
        }
        folder.mkdir(parents=True, exist_ok=True)
        for fmt in EXPORT_FORMATS:
            if fmt in self.options.exports:
                (folder / exports.FILES[fmt][0]).write_bytes(writers[fmt]().encode("utf-8"))
