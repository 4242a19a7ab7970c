"""The ``scholia`` MkDocs plugin.

The citation engine is a Python-Markdown extension; this plugin only does
what needs the whole site: it loads the bibliography once, hands the
extension to every page, tells it which file it is reading (for error
messages), and fills the references page after every page has been rendered
(MkDocs renders all pages before it writes any, so ``on_page_context`` sees
them all: one build, one pass; see ``references_site.py``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mkdocs_scholia.bib.bibliography import Bibliography, BibliographyError, load
from mkdocs_scholia.markdown import CitationExtension, DocumentCitations
from mkdocs_scholia.markdown.extension import NOTES_MARKER
from mkdocs_scholia.references import page as references
from mkdocs_scholia.citable.site import CitableSite
from mkdocs_scholia.plugins.scholia.config import ScholiaConfig
from mkdocs_scholia.references.site import ReferencesSite
from mkdocs_scholia.search.view import SearchView

log = get_plugin_logger(__name__)

REFERENCES_MARKER = "<!-- scholia:references -->"
APPARATUS_MARKER = "<!-- scholia:apparatus -->"


class ScholiaPlugin(BasePlugin[ScholiaConfig]):
    """Citations, references and apparatus for a scholarly edition."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.bibliography: Bibliography | None = None
        self.extension: CitationExtension | None = None
        self.documents: dict[str, DocumentCitations] = {}
        self.pages: dict[str, Page] = {}
        self.root = Path(".")
        self.references_site: ReferencesSite | None = None  # issue 5: references_site.py
        self.citable = CitableSite(self)  # issue 6: citable.py
        self.search_view: SearchView | None = None  # what the search index reads: search_view.py

    # -- configuration ------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.citable.on_startup(command)  # issue 6: no PDF on `mkdocs serve` unless asked

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        if not self.config.bibliography:
            raise PluginError("scholia: set `bibliography:` to at least one .bib file")
        try:
            self.bibliography = load(
                self.config.bibliography, root=self.root, style=self.config.style, cache_dir=self._cache_dir(config)
            )
        except BibliographyError as error:
            raise PluginError(f"scholia: {error}") from None
        for warning in self.bibliography.warnings:
            log.warning(warning)
        self.extension = CitationExtension(
            bibliography=self.bibliography,
            on_document=self._remember,
            on_problem=self._fail,
        )
        config.markdown_extensions.append(self.extension)
        self.references_site = ReferencesSite(
            self.config.references, self.bibliography, self.config.references_page, list(self.config.bibliography)
        )
        self.references_site.configure(config)
        self.citable.on_config(config)  # issue 6
        searching = any(name.endswith("search") for name in config.plugins)
        self.search_view = SearchView() if searching and not self.config.search_repeats else None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.documents.clear()
        self.pages.clear()

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.extension is not None
        self.pages[page.file.src_uri] = page
        self._current = page
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        self.extension.setConfig("source_name", self._display(source) if source else page.file.src_uri)
        self.extension.setConfig("line_offset", _front_matter_lines(source, markdown))
        self.extension.setConfig("references_url", self._references_url(page))
        self.references_site.check_marker(page, markdown, REFERENCES_MARKER)
        if REFERENCES_MARKER in markdown:
            markdown = markdown.replace(REFERENCES_MARKER, references.PLACEHOLDER)
        if APPARATUS_MARKER in markdown:
            markdown = markdown.replace(APPARATUS_MARKER, self._apparatus_markdown(config))
        elif self.config.apparatus:
            markdown = self._with_page_notes(markdown, page)
        return self.citable.on_page_markdown(markdown, page)  # issue 6

    # -- references (issue 5): the logic is in references_site.py ------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = self.references_site.add_files(files, config)
        return self.citable.on_files(files, config)  # issue 6

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.references_site.remember_nav(nav)
        self.citable.on_nav(nav)  # issue 6
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.references_site.page_content(html, page, self.documents.get(page.file.src_uri))
        return self.citable.on_page_content(html, page)  # issue 6

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.citable.on_env(config, files)  # issue 6: every page is rendered; join the full text
        return env

    @event_priority(50)  # before the search plugin indexes the page
    def _on_page_context_before_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        self.references_site.fill(page, self.documents, self.pages)
        context["scholia"] = self.citable.page_context(page)  # issue 6: head tags, "Cite this"
        if self.search_view is not None and page.content:
            page.content = self.search_view.hide(page.file.src_uri, page.content)
        return context

    @event_priority(-50)  # after the search plugin, before the page's template
    def _on_page_context_after_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.search_view is not None and page.content:
            page.content = self.search_view.restore(page.file.src_uri, page.content)
        return context

    on_page_context = CombinedEvent(_on_page_context_before_search, _on_page_context_after_search)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.references_site.finish(config, self.documents)
        self.citable.on_post_build(config)  # issue 6: cite/ files, the PDF
        self._write_cache()

    def _write_cache(self) -> None:
        """Keep the bibliography and what this build formatted for the next build (bibliography_cache.py)."""
        if self.bibliography is None:
            return
        try:
            self.bibliography.write_cache()
        except OSError as error:  # a read-only checkout builds as before, only not faster next time
            log.info(f"scholia: the bibliography cache was not written: {error}")

    # -- helpers ------------------------------------------------------------

    def _cache_dir(self, config: MkDocsConfig) -> Path | None:
        """Where the bibliography is kept across builds (option `cache_dir`), or None with `cache: false`."""
        if not self.config.cache:
            return None
        folder = (self.root / self.config.cache_dir).resolve()
        for name in ("docs_dir", "site_dir"):
            other = Path(config[name]).resolve()
            if folder == other or other in folder.parents:
                raise PluginError(
                    f"scholia: `cache_dir` ({self.config.cache_dir}) is inside {name} ({config[name]}): "
                    "the cache would be copied into the site (or watched by `mkdocs serve`); "
                    "choose a folder outside it, e.g. the default '.cache/scholia'"
                )
        return folder

    def _remember(self, document: DocumentCitations) -> None:
        self.documents[self._current.file.src_uri] = document

    def _fail(self, problems: list[str]) -> None:
        raise PluginError("scholia: citations could not be resolved:\n  " + "\n  ".join(problems))

    def _display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def _references_url(self, page: Page) -> str:
        return self.references_site.references_link(page)

    def _apparatus_markdown(self, config: MkDocsConfig) -> str:
        if not self.config.apparatus:
            raise PluginError("scholia: a page asks for the apparatus but `apparatus:` is not set")
        from mkdocs_scholia.apparatus import apparatus  # the edition layer is optional

        try:
            return apparatus.render_page(self.root, self.config.apparatus, self.config.copy_text, config)
        except (OSError, ValueError) as error:
            raise PluginError(f"scholia: apparatus: {error}") from None

    # -- edition: each page ends with the notes on its departures ------------

    def _with_page_notes(self, markdown: str, page: Page) -> str:
        from mkdocs_scholia.apparatus import apparatus  # the edition layer is optional

        try:
            notes = apparatus.page_notes(self.root, self.config.apparatus, self.config.copy_text, page.file.src_uri)
        except (OSError, ValueError) as error:
            raise PluginError(f"scholia: apparatus: {error}") from None
        if not notes:
            return markdown
        # The citation notes stay with the text; the editorial notes follow them.
        return f"{markdown.rstrip()}\n\n{NOTES_MARKER}\n\n{notes}"


def _front_matter_lines(source: Path | None, markdown: str) -> int:
    """How many lines MkDocs removed (YAML front matter) before ``markdown``."""
    if source is None or not source.exists():
        return 0
    raw = source.read_text(encoding="utf-8-sig")
    total, rest = raw.count("\n"), markdown.count("\n")
    return max(total - rest, 0)
