"""The site-wide half of the citation system, driven by the plugin's events.

The plugin makes one :class:`ReferencesSite` per build configuration and
calls it from its event handlers (one line each); everything about the
References page, per-page lists, previews and the .bib download lives here.

Order of events, and why it gives one pass and no second build: MkDocs
renders the Markdown of every page (``on_page_markdown``/``on_page_content``,
where the citation extension reports each page's citations) before it puts
any page into its template (``on_page_context``/``on_post_page``). So when the
References page reaches ``on_page_context`` every citation of the site is
known; the list is put into ``page.content`` there, before the search plugin
indexes the page (the plugin's handler runs at a higher priority), and the
.bib file is written after the build.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from mkdocs_scholia.bib.bibliography import Bibliography
from mkdocs_scholia.markdown import DocumentCitations
from mkdocs_scholia.references import page as references
from mkdocs_scholia.references.cited_in import CitationIndex, page_info
from mkdocs_scholia.plugins.scholia.config import ReferencesConfig

ASSETS = "assets/scholia/"
CSS = ("references.css", "scholia-references.css")  # (served as, packaged as)
JS = ("previews.js", "scholia-previews.js")
TOOLTIPS_FEATURE = "content.footnote.tooltips"


@dataclass
class ReferencesSite:
    """State of one build: which page is the References page, what was filled."""

    options: ReferencesConfig
    bibliography: Bibliography
    references_page: str | None  # src_uri of the References page, or None
    sources: list[str]  # the .bib files, as configured (for the download's header)
    site_name: str = ""
    nav_order: list[str] = field(default_factory=list)
    files: Files | None = None
    filled: bool = False

    # -- configuration -----------------------------------------------------

    def configure(self, config: MkDocsConfig) -> None:
        """Check what cannot work, and register the CSS/JS (``on_config``)."""
        collisions = references.anchor_collisions(self.bibliography)
        if collisions:
            raise PluginError("scholia: " + "; ".join(collisions))
        self.site_name = config.site_name or ""
        config.extra_css.append(ASSETS + CSS[0])
        if self.options.previews:
            theme = config.theme.name
            if theme != "material":
                raise PluginError(
                    "scholia: `references.previews` needs the Material theme (its footnote tooltips show "
                    f"the previews), but the theme is {theme!r}; set `references.previews: false`"
                )
            features = list(config.theme.get("features") or [])
            if TOOLTIPS_FEATURE not in features:
                features.append(TOOLTIPS_FEATURE)
                config.theme["features"] = features
            config.extra_javascript.append(ASSETS + JS[0])

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Put the packaged CSS/JS into the site (``on_files``)."""
        wanted = [CSS] + ([JS] if self.options.previews else [])
        for served, packaged in wanted:
            content = resources.files("mkdocs_scholia").joinpath("assets", packaged).read_text(encoding="utf-8")
            files.append(File.generated(config, ASSETS + served, content=content))
        if self.references_page is not None and files.get_file_from_path(self.references_page) is None:
            raise PluginError(
                f"scholia: `references_page: {self.references_page}` is not a page in docs/; create it "
                "with the line <!-- scholia:references --> where the list belongs, or point "
                "`references_page` at the page that has that line"
            )
        self.files = files
        self.filled = False  # a new build (`mkdocs serve` rebuilds with the same plugin)
        return files

    def remember_nav(self, nav: Navigation) -> None:
        """The reading order of the site, for ordering "Cited in" (``on_nav``)."""
        self.nav_order = [page.file.src_uri for page in nav.pages]

    # -- pages -------------------------------------------------------------

    def _references_file(self) -> File | None:
        if self.references_page is None or self.files is None:
            return None
        return self.files.get_file_from_path(self.references_page)

    def references_link(self, page: Page) -> str:
        """What the notes of ``page`` link to: the References page's URL, relative to the page's.

        The extension writes notes as finished HTML (through Python-Markdown's
        HTML stash, for speed), which MkDocs no longer rewrites or checks, so
        this is the final URL, for either URL style. Its anchors exist by
        construction: every cited work has one on the References page
        (:meth:`fill`), and colliding anchors stop the build (:meth:`configure`).
        "" on the References page itself.
        """
        target = self._references_file()
        if target is None or page.file.src_uri == target.src_uri:
            return ""
        return get_relative_url(target.url or "./", page.file.url or "./")

    def check_marker(self, page: Page, markdown: str, marker: str) -> None:
        """The marker must stand on the References page and nowhere else."""
        if marker in markdown and page.file.src_uri != self.references_page:
            where = f"`references_page` is {self.references_page}" if self.references_page else "`references_page` is null"
            raise PluginError(f"scholia: {page.file.src_uri} has the marker {marker}, but {where}")

    def _wants_page_list(self, page: Page) -> bool:
        options = self.options.per_page
        if not options.enabled or page.file.src_uri == self.references_page:
            return False
        return options.pages == "all" or (isinstance(page.meta, dict) and page.meta.get("section") is not None)

    def page_content(self, html: str, page: Page, document: DocumentCitations | None) -> str:
        """End a section page with the works it cites (``on_page_content``)."""
        if document is None or not self._wants_page_list(page):
            return html
        keys = document.keys
        if not keys:
            return html
        url = self.references_link(page) if self.references_page else None
        listing = references.render_page_list(self.bibliography, keys, url or None, self.options.per_page.heading)
        self._add_to_toc(page)
        return html + "\n" + listing

    def _add_to_toc(self, page: Page) -> None:
        link = AnchorLink(html.escape(self.options.per_page.heading), references.PAGE_LIST_ID, 2)
        items = page.toc.items
        if items and items[0].level == 1:
            items[0].children.append(link)
        else:
            items.append(link)

    def fill(self, page: Page, documents: dict[str, DocumentCitations], pages: dict[str, Page]) -> None:
        """Put the list into the References page (``on_page_context``, early)."""
        if page.content is None or references.PLACEHOLDER not in page.content:
            return
        index = self.index(documents, pages)
        options = self.options
        listing = references.render_list(
            self.bibliography,
            index,
            page.url or "./",
            references.ListOptions(
                cited_in=options.cited_in,
                coins=options.coins,
                bibtex=options.bibtex,
                exclude_fields=tuple(options.download.exclude_fields),
                download=options.download.filename if options.download.enabled else None,
            ),
        )
        page.content = page.content.replace(references.PLACEHOLDER, listing, 1)
        if page.present_anchor_ids is not None:  # so MkDocs can check the notes' links
            page.present_anchor_ids.update(references.anchor_ids(self.bibliography, index.cited_keys()))
        self.filled = True

    def index(self, documents: dict[str, DocumentCitations], pages: dict[str, Page]) -> CitationIndex:
        position = {src: n for n, src in enumerate(self.nav_order)}
        ordered = sorted(pages.values(), key=lambda p: (position.get(p.file.src_uri, len(position)), p.file.src_uri))
        return CitationIndex(documents, [page_info(p) for p in ordered])

    # -- after the build ---------------------------------------------------

    def finish(self, config: MkDocsConfig, documents: dict[str, DocumentCitations]) -> None:
        """Check the References page was filled; write the .bib (``on_post_build``)."""
        cited = _cited(documents)
        target = self._references_file()
        if target is not None and cited and not self.filled:
            raise PluginError(
                f"scholia: {self.references_page} has no line <!-- scholia:references -->, so the works "
                "cited in the edition are listed nowhere and the notes' links to it lead nowhere; add the "
                "line where the list belongs"
            )
        download = self.options.download
        if target is None or not download.enabled:
            return
        keys = self.bibliography.keys if download.include == "all" else cited
        if not keys:
            return
        text = references.bibtex_download(
            self.bibliography, keys, download.exclude_fields, self.site_name or "Bibliography", self.sources
        )
        path = Path(config.site_dir) / posixpath.dirname(target.dest_uri) / download.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def _cited(documents: dict[str, DocumentCitations]) -> list[str]:
    seen: dict[str, None] = {}
    for document in documents.values():
        for key in document.keys:
            seen.setdefault(key, None)
    return list(seen)
