"""The ``scholia-corrections`` MkDocs plugin: thin hooks over :mod:`mkdocs_scholia.corrections`.

``on_config``        check the repository links, read the changelog, add the
                     corrections CSS/JS and the package's templates to the site
``on_files``         serve the CSS/JS; check that every page the changelog and
                     the anchor redirects name exists
``on_nav``           remember the pages' titles (the changelog names pages by them)
``on_env``           ``scholia_edition`` for every template: the edition's version
                     and date (the ``scholia`` plugin's ``edition:``), which must be
                     the changelog's latest release, and the Updates page
``on_page_markdown`` ``<!-- scholia:changelog -->`` becomes the changelog
``on_page_context`` ``corrections`` for the page's template: "Suggest an edit",
                     "Report an error", the last-revision date from git, the
                     page's anchor redirects; the theme's edit button opens the
                     same file
"""

from __future__ import annotations

import datetime as dt
import posixpath
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.corrections import context, targets, updates
from mkdocs_scholia.corrections.changelog import Changelog, ChangelogError
from mkdocs_scholia.corrections.revision import last_revision
from mkdocs_scholia.plugins import site_links
from mkdocs_scholia.plugins.corrections.config import CorrectionsConfig
from mkdocs_scholia.plugins.datafiles import DataFileError
from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
from mkdocs_scholia.rules import urls

PACKAGE = resources.files("mkdocs_scholia")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
"""The package's templates: the corrections box and the footer's edition line (``partials/``)."""
ASSETS = {"assets/scholia/corrections.css": "corrections.css", "assets/scholia/corrections.js": "corrections.js"}
"""Where the site serves the corrections CSS and JS, and their files in the package's assets/."""

PREFIX = "scholia-corrections: "


class CorrectionsPlugin(BasePlugin[CorrectionsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path(".")
        self.repo_url = ""
        self.docs = "docs"
        self.edit_base = ""
        self.changelog: Changelog | None = None
        self.redirects: dict[targets.Target, targets.Target] = {}
        self.titles: dict[str, str] = {}
        self.revisions: dict[tuple[str, ...], dt.date | None] = {}

    @property
    def _changelog(self) -> Changelog:
        if self.changelog is None:
            raise PluginError(PREFIX + "the changelog was not read (on_config did not run)")
        return self.changelog

    # -- configuration ------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        repo_url = config.repo_url or ""
        if not repo_url:
            raise PluginError(PREFIX + "set repo_url: edit and report links point at the repository")
        if not urls.is_safe(repo_url) or urls.scheme(repo_url) not in ("http", "https"):
            raise PluginError(PREFIX + f"repo_url {repo_url!r} is not an http(s) URL")
        self.repo_url = repo_url
        self.docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        self.edit_base = self._edit_base(config)
        if not (self.root / self.config.issue_form).is_file():
            raise PluginError(PREFIX + f"the issue form {self.config.issue_form} does not exist")
        for page, source in self.config.sources.items():
            if not (self.root / source).is_file():
                raise PluginError(PREFIX + f"sources: {page} is made from {source}, which does not exist")
        try:
            self.changelog = load_changelog(self.root / self.config.changelog, self.root)
        except DataFileError as error:
            raise PluginError(str(error)) from None
        self.redirects = {
            targets.parse(old, anchor_required=True): targets.parse(new)  # type: ignore[misc]  # validated by the config
            for old, new in self.config.anchor_redirects.items()
        }
        self._add_assets(config)
        self.revisions.clear()
        return config

    def _edit_base(self, config: MkDocsConfig) -> str:
        if self.config.edit_base is not None:
            return self.config.edit_base
        edit_uri = (config.edit_uri or "").strip("/") + "/"
        if not edit_uri.endswith(self.docs + "/"):
            raise PluginError(
                PREFIX + f"edit_uri {config.edit_uri!r} does not end with the docs folder "
                f"{self.docs!r}; set the plugin's edit_base (e.g. edit/main/)"
            )
        return edit_uri[: -len(self.docs) - 1]

    def _add_assets(self, config: MkDocsConfig) -> None:
        """The corrections CSS and JS, and the templates folder (the corrections box, the footer)."""
        for served in ASSETS:
            listed = config.extra_css if served.endswith(".css") else config.extra_javascript
            if served not in [str(item) for item in listed]:
                listed.append(served)
        # The scholia plugin puts the same folder there too; whichever runs first does it.
        if all(Path(folder).resolve() != TEMPLATES for folder in config.theme.dirs):
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for served, packaged in ASSETS.items():
            if files.get_file_from_path(served) is None:
                files.append(File.generated(config, served, abs_src_path=str(PACKAGE.joinpath("assets", packaged))))
        missing = [
            f"{change.place}, field 'where': {change.where.page} is not a page under docs/"
            for change in self._changelog.changes()
            if change.where is not None and not _is_page(files, change.where.page)
        ]
        for old, new in self.redirects.items():
            for what, target in ((f"{old} leads to {new}", new), (f"names {old}", old)):
                if not _is_page(files, target.page):
                    missing.append(PREFIX + f"anchor_redirects: {what}, but {target.page} is not a page under docs/")
        if missing:
            raise PluginError("\n".join(missing))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.titles = {page.file.src_uri: page.title for page in nav.pages if page.title}
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # After every plugin's on_config: the scholia plugin has published the edition.
        version, date = configured_edition(config.extra)
        try:
            env.globals["scholia_edition"] = context.edition_stamp(
                self._changelog,
                version=version,
                date=date,
                updates_url=site_links.page_url(self.config.updates_page, config.use_directory_urls),
                source=self.config.changelog,
            )
        except ChangelogError as error:
            raise PluginError(PREFIX + str(error)) from None
        return env

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if updates.MARKER not in markdown:
            return markdown
        here = page.file.src_uri
        rendered = updates.render(
            self._changelog,
            link=lambda target: site_links.href(
                target.page, target.anchor, here=here, use_directory_urls=config.use_directory_urls
            ),
            issue_url=lambda number: f"{self.repo_url.rstrip('/')}/issues/{number}",
            page_title=lambda src: self.titles.get(src, src),
        )
        return markdown.replace(updates.MARKER, rendered)

    def on_page_context(
        self, context_: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        src = page.file.src_uri
        source = context.source_of(
            src, docs=self.docs, sources=self.config.sources, exists=lambda path: (self.root / path).is_file()
        )
        revised = self._revised((f"{self.docs}/{src}", source))
        if revised is not None:
            page.meta["last_revised"] = revised.isoformat()
        box = context.page_corrections(
            repo_url=self.repo_url,
            edit_base=self.edit_base,
            docs=self.docs,
            source=source,
            page_url=page.canonical_url or page.abs_url or page.url,  # canonical needs site_url
            title=page.title or config.site_name,
            issue_form=posixpath.basename(self.config.issue_form),
            revised=revised,
            moved=context.anchor_redirects(
                src,
                self.redirects,
                lambda target: site_links.href(
                    target.page, target.anchor, here=src, use_directory_urls=config.use_directory_urls
                ),
            ),
            sources=self.config.sources,
        )
        page.edit_url = None if source.endswith("/") else box.edit_url  # a folder has no editor
        context_["corrections"] = box  # type: ignore[typeddict-unknown-key]  # a key of this plugin
        return context_

    def _revised(self, paths: tuple[str, ...]) -> dt.date | None:
        key = tuple(sorted(set(paths)))
        if key not in self.revisions:
            try:
                self.revisions[key] = last_revision(key, self.root)
            except ValueError as error:
                raise PluginError(PREFIX + str(error)) from None
        return self.revisions[key]


def _is_page(files: Files, src_uri: str) -> bool:
    file = files.get_file_from_path(src_uri)
    return file is not None and file.is_documentation_page()


def configured_edition(extra: Any) -> tuple[str | None, dt.date | None]:
    """The edition's version and date, from the :class:`Edition` the ``scholia`` plugin publishes.

    The edition is configured once, under the ``scholia`` plugin's
    ``edition:``, which puts the one typed object at ``extra.edition``;
    without it, the changelog's latest release is the edition.
    """
    edition = (extra or {}).get("edition")
    if edition is None:
        return None, None
    if not isinstance(edition, Edition):
        raise PluginError(
            PREFIX + "`extra.edition` is not the scholia plugin's edition; configure the edition once, "
            "under `plugins: - scholia: edition:`"
        )
    return edition.version, edition.date
