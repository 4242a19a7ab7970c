"""The ``scholia`` MkDocs plugin: short hooks that hand MkDocs' objects to the features.

The citation engine is a Python-Markdown extension (``mkdocs_scholia.markdown``);
the site features (References, the citable edition, the full text, the
search view) know nothing of MkDocs. This plugin loads the bibliography
once, hands the extension to every page, tells it which file it is reading
(for error messages), and calls the features' glue in this folder
(``references.py``, ``citable.py``, ``entities.py``, ``assets.py``,
``theme.py``, ``front_matter.py``, ``edition.py``). MkDocs renders every page before it
writes any, so ``on_page_context`` sees every citation: one build, one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_scholia.bib import Bibliography, BibliographyError, load
from mkdocs_scholia.citable.site import CitableSite
from mkdocs_scholia.csl import CslError, CslStyle
from mkdocs_scholia.markdown import CitationExtension, DocumentCitations
from mkdocs_scholia.markdown.anchors import ParagraphAnchorExtension
from mkdocs_scholia.markdown.extension import NOTES_MARKER
from mkdocs_scholia.plugins.scholia import assets, citable, edition, entities, front_matter, references, styles, theme
from mkdocs_scholia.plugins.scholia.config import ScholiaConfig
from mkdocs_scholia.references.listing import PLACEHOLDER as REFERENCES_PLACEHOLDER
from mkdocs_scholia.references.site import MARKER as REFERENCES_MARKER
from mkdocs_scholia.references.site import ReferencesError, ReferencesSite
from mkdocs_scholia.rules import paragraphs, places
from mkdocs_scholia.search.view import SearchView

log = get_plugin_logger("scholia")

APPARATUS_MARKER = "<!-- scholia:apparatus -->"


class ScholiaPlugin(BasePlugin[ScholiaConfig]):
    """Citations, references and apparatus for a scholarly edition."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.root = Path(".")
        self.bibliography: Bibliography | None = None
        self.extension: CitationExtension | None = None
        self.csl_style: CslStyle | None = None  # a CSL style, or None: the pybtex style formats
        self.documents: dict[str, DocumentCitations] = {}
        self.pages: dict[str, Page] = {}
        self.files = Files([])
        self.assets: list[assets.Asset] = []
        self.references: ReferencesSite | None = None
        self.citable: citable.CitableGlue | None = None
        self.entities: entities.EntitiesGlue | None = None  # the index of names, when a registry is configured
        self.search_view: SearchView | None = None
        self._current: Page | None = None

    # -- configuration ------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command  # `mkdocs serve` renders no PDF unless asked

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        settings = self.config
        theme.check_repo_url(config)
        self.bibliography = self._load_bibliography(config)
        self.csl_style = self._csl_style(config)
        self.bibliography.use_style(self.csl_style)
        self.extension = CitationExtension(
            bibliography=self.bibliography,
            style=self.csl_style or "",
            on_document=self._remember,
            on_problem=self._fail,
        )
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]  # an instance is allowed
        self.references = self._references(config)
        self.assets = [assets.REFERENCES_CSS]
        if settings.references.previews:
            references.switch_on_previews(config)
            self.assets.append(assets.PREVIEWS_JS)
        self.citable = self._citable(config) if settings.edition is not None else None
        if self.citable is not None:
            self.assets += [assets.CITE_JS, assets.CITE_CSS, assets.PRINT_CSS]
        self.entities = None
        if settings.entities is not None:
            self.entities = entities.EntitiesGlue.configure(settings.entities, self.root, config)
            self.assets += [assets.ENTITIES_CSS, assets.ENTITIES_JS]
        if settings.theme_fixes:
            self.assets += [assets.THEME_FIXES_CSS, assets.THEME_FIXES_JS]
        if settings.reading:
            self.assets += assets.READING
        assets.register(config, self.assets)
        theme.add_template_dirs(config, theme_fixes=settings.theme_fixes)
        searching = any(name.endswith("search") for name in config.plugins)
        self.search_view = SearchView() if searching and not settings.search_repeats else None
        return config

    def _load_bibliography(self, config: MkDocsConfig) -> Bibliography:
        """The .bib files, parsed and checked once (or read back from the cache); their warnings logged."""
        if not self.config.bibliography:
            raise PluginError("scholia: set `bibliography:` to at least one .bib file")
        sources: list[str | Path] = list(self.config.bibliography)
        style = "harvard" if styles.is_csl(self.config.style) else self.config.style  # CSL: see _csl_style
        try:
            bibliography = load(sources, root=self.root, style=style, cache_dir=self._cache_dir(config))
        except BibliographyError as error:
            raise PluginError(f"scholia: {error}") from None
        for warning in bibliography.warnings:
            log.warning(warning)
        return bibliography

    def _csl_style(self, config: MkDocsConfig) -> CslStyle | None:
        """The CSL style `style:` names, or None for a pybtex style (which the bibliography applies)."""
        assert self.bibliography is not None
        if not styles.is_csl(self.config.style):
            return None
        locale = self.config.locale or styles.site_locale(config, log.warning)
        try:
            return styles.csl_style(self.config.style, self.bibliography, self.root, locale)
        except CslError as error:
            raise PluginError(f"scholia: {styles.explain(error, self.config.locale)}") from None

    def _references(self, config: MkDocsConfig) -> ReferencesSite:
        """The References feature, checked (two keys that would share an anchor stop the build)."""
        assert self.bibliography is not None
        site = ReferencesSite(
            references.options(self.config.references),
            self.bibliography,
            self.config.references_page,
            list(self.config.bibliography),
            site_name=str(config.site_name or ""),
        )
        try:
            site.check()
        except ReferencesError as error:
            raise PluginError(f"scholia: {error}") from None
        return site

    def _citable(self, config: MkDocsConfig) -> citable.CitableGlue:
        """The edition built once and published at ``extra.edition``; paragraph links on every page."""
        assert self.config.edition is not None
        built = edition.build(self.config.edition, config)
        edition.publish(built, config)
        site = CitableSite(built, citable.options(self.config, self.command), self.bibliography)
        glue = citable.CitableGlue(site, self.config, self.command)
        anchors = ParagraphAnchorExtension(pattern=paragraphs.PATTERN, on_document=glue.paragraphs_found)
        config.markdown_extensions.append(anchors)  # type: ignore[arg-type]  # an instance is allowed
        return glue

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.documents.clear()
        self.pages.clear()
        if self.csl_style is not None:
            self.csl_style.reset()  # numbers afresh, in this build's reading order

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.references is not None
        if self.csl_style is not None:
            # Pages are rendered in reading order, so a numeric style numbers works
            # by their first citation as a reader meets it.
            files = styles.in_reading_order(files, config.nav)
        self.files = files
        assets.add_files(files, config, self.assets)
        references.start(self.references, files)
        if self.citable is not None:
            self.citable.add_files(files, config)
        if self.entities is not None:
            self.entities.start(files)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.references is not None
        self.references.nav_order = [page.file.src_uri for page in nav.pages]
        if self.citable is not None:
            self.citable.remember_nav(nav)
        if self.entities is not None:
            self.entities.remember_nav(nav)
        theme.escape_nav_titles(nav)
        return nav

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.extension is not None and self.references is not None
        self.pages[page.file.src_uri] = page
        self._current = page
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        shown = self._display(source) if source else page.file.src_uri
        try:
            front_matter.check(page.meta, shown, source)
            self.references.check_marker(page.file.src_uri, markdown)
        except (front_matter.FrontMatterError, ReferencesError) as error:
            raise PluginError(f"scholia: {error}") from None
        self.extension.setConfig("source_name", shown)
        self.extension.setConfig("line_offset", _front_matter_lines(source, markdown))
        self.extension.setConfig("references_url", self.references.link_from(page.file.src_uri, page.file.url))
        markdown = markdown.replace(REFERENCES_MARKER, REFERENCES_PLACEHOLDER)
        if APPARATUS_MARKER in markdown:
            markdown = markdown.replace(APPARATUS_MARKER, self._apparatus_markdown(config))
        elif self.config.apparatus:
            markdown = self._with_page_notes(markdown, page)
        if self.entities is not None:
            markdown = self.entities.read_page(page, markdown, shown)
        if self.citable is not None:
            markdown = self.citable.read_page(page, markdown, shown)
        front_matter.escape_for_theme(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.references is not None
        html = references.add_page_list(self.references, page, html, self.documents.get(page.file.src_uri))
        if self.citable is not None:
            source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
            self.citable.check_page(page, self._display(source) if source else page.file.src_uri)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page is rendered: the index of names can be filled, then the full text joined.
        if self.entities is not None:
            self.entities.fill_index(files)
        if self.citable is not None:
            self.citable.finish_pages(self._content_of)
        theme.escape_site_text(config)
        return env

    @event_priority(50)  # before the search plugin indexes the page
    def _on_page_context_before_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        assert self.references is not None
        references.fill(self.references, page, self.documents, self.pages)
        if self.citable is not None:
            cited = {src: document.keys for src, document in self.documents.items()}
            site = self.citable.site
            full_text = site.is_full_text(page.file.src_uri)
            mentions = self.entities.mentions(page, full_text=full_text) if self.entities is not None else []
            context["scholia"] = site.page_context(page.file.src_uri, cited, self.citable.nav_order, mentions)
        else:
            context["scholia"] = None
        if self.search_view is not None and page.content:
            page.content = self.search_view.hide(page.file.src_uri, page.content)
        return context

    @event_priority(-50)  # after the search plugin, before the page's template
    def _on_page_context_after_search(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        if self.search_view is not None and page.content:
            page.content = self.search_view.restore(page.file.src_uri, page.content)
        if self.entities is not None:  # the previews of what the page names, kept out of the search index
            self.entities.add_cards(page)
        return context

    on_page_context = CombinedEvent(_on_page_context_before_search, _on_page_context_after_search)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.references is not None
        references.write_download(self.references, config, self.files, self.documents)
        if self.entities is not None:
            self.entities.write_exports(config)
        if self.citable is not None:
            self.citable.write(Path(config.site_dir), print_css=self.entities.print_css() if self.entities else "")
        self._write_cache()

    # -- helpers ------------------------------------------------------------

    def _content_of(self, page: Page) -> str:
        """A page's body as the full text has it: the References page with its list (filling is idempotent)."""
        assert self.references is not None
        if page.content and REFERENCES_PLACEHOLDER in page.content:
            references.fill(self.references, page, self.documents, self.pages)
        return page.content or ""

    def _write_cache(self) -> None:
        """Keep the bibliography and what this build formatted for the next build (``mkdocs_scholia.bib.cache``)."""
        if self.bibliography is None:
            return
        try:
            self.bibliography.write_cache()
        except OSError as error:  # a read-only checkout builds as before, only not faster next time
            log.info(f"the bibliography cache was not written: {error}")

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
        assert self._current is not None
        self.documents[self._current.file.src_uri] = document

    def _fail(self, problems: list[str]) -> None:
        raise PluginError("scholia: citations could not be resolved:\n  " + "\n  ".join(problems))

    def _display(self, path: Path) -> str:
        return places.display(path, self.root)

    def _apparatus_markdown(self, config: MkDocsConfig) -> str:
        if not self.config.apparatus:
            raise PluginError("scholia: a page asks for the apparatus but `apparatus:` is not set")
        from mkdocs_scholia.plugins.scholia import apparatus  # MkDocs' nav and pages -> the apparatus feature

        assert self._current is not None  # on_page_markdown has set it
        return apparatus.notes_page(
            self.root, self.config.apparatus, self.config.copy_text, nav=config.nav, page=self._current
        )

    # -- edition: each page ends with the notes on its departures ------------

    def _with_page_notes(self, markdown: str, page: Page) -> str:
        from mkdocs_scholia.plugins.scholia import apparatus  # MkDocs' nav and pages -> the apparatus feature

        assert self.config.apparatus is not None  # only called when it is set
        notes = apparatus.page_notes(self.root, self.config.apparatus, self.config.copy_text, page=page)
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
