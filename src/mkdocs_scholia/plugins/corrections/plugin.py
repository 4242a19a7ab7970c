"""The ``scholia-corrections`` MkDocs plugin (issue 7).

* Checks the edition's version and date (the ``scholia`` plugin's
  ``edition:`` in mkdocs.yml, which that plugin exposes as ``extra.edition``)
  against the latest release in the changelog, and gives every template
  ``scholia_edition`` (version, date, the updates page's URL) for the footer.
* Gives every page's template ``corrections``: the "Suggest an edit" URL (the
  GitHub editor on the file the page is made from), the "Report an error" URL
  (the correction issue form, pre-filled), the source file, the last-revision
  date from git, and the page's anchor redirects. The theme's own edit button
  (``page.edit_url``) is pointed at the same file.
* Replaces ``<!-- scholia:changelog -->`` with the changelog (the "Updates and
  corrections" page).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_scholia.corrections import changelog as changelog_module
from mkdocs_scholia.corrections import links, manifest
from mkdocs_scholia.corrections.revision import last_revision

CHANGELOG_MARKER = "<!-- scholia:changelog -->"


class CorrectionsConfig(base.Config):
    changelog = c.Type(str, default="source/changelog.yml")
    """The changelog (YAML), relative to mkdocs.yml; see mkdocs_scholia.corrections.changelog."""

    updates_page = c.Type(str, default="updates.md")
    """The page whose marker `<!-- scholia:changelog -->` becomes the changelog."""

    issue_form = c.Type(str, default=".github/ISSUE_TEMPLATE/" + links.ISSUE_FORM)
    """The issue form that "Report an error" opens, relative to mkdocs.yml."""

    edit_base = c.Optional(c.Type(str))
    """Between repo_url and a file's path in an edit link (e.g. `edit/main/`).
    Default: edit_uri without the docs folder."""

    sources = c.Type(dict, default={})
    """Pages whose text is generated from a data file: page -> that file
    (relative to mkdocs.yml). "Suggest an edit" opens that file."""

    anchor_redirects = c.Type(dict, default={})
    """Anchors that no longer exist: `page.md#old` -> `page.md#new`. Checked
    against tests/url-manifest.txt; followed by the page's script."""


class CorrectionsPlugin(BasePlugin[CorrectionsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path(".")
        self.changelog: changelog_module.Changelog | None = None
        self.titles: dict[str, str] = {}
        self.dates: dict[tuple[str, ...], dt.date | None] = {}
        self.edition: dict[str, str] = {}

    # -- configuration ------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        if not config.repo_url:
            raise PluginError("scholia-corrections: set repo_url: edit and report links point at the repository")
        self.docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        self.edit_base = self.config.edit_base
        if self.edit_base is None:
            edit_uri = (config.edit_uri or "").strip("/") + "/"
            if not edit_uri.endswith(self.docs + "/"):
                raise PluginError(
                    f"scholia-corrections: edit_uri {config.edit_uri!r} does not end with the docs folder "
                    f"{self.docs!r}; set the plugin's edit_base (e.g. edit/main/)"
                )
            self.edit_base = edit_uri[: -len(self.docs) - 1]
        if not (self.root / self.config.issue_form).is_file():
            raise PluginError(f"scholia-corrections: the issue form {self.config.issue_form} does not exist")
        for page, source in self.config.sources.items():
            if not (self.root / str(source)).is_file():
                raise PluginError(f"scholia-corrections: sources: {page} is made from {source}, which does not exist")
        try:
            self.changelog = changelog_module.load(self.root / self.config.changelog)
        except (OSError, ValueError) as error:
            raise PluginError(f"scholia-corrections: {error}") from None
        self.dates.clear()
        return config

    def _edition(self, config: MkDocsConfig) -> dict[str, str]:
        """The edition's version and date, checked against the changelog's latest release.

        They are configured once, in mkdocs.yml (the ``scholia`` plugin's
        ``edition:``, which it exposes as ``extra.edition``); without them the
        changelog's latest release is the edition.
        """
        assert self.changelog is not None
        current = self.changelog.current
        edition = (config.extra or {}).get("edition")  # the scholia plugin's Edition, or None
        version = str(getattr(edition, "version", None) or current.version)
        date = getattr(edition, "date", None) or current.date
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                raise PluginError(f"scholia-corrections: the edition's date {date!r} is not YYYY-MM-DD") from None
        if not isinstance(date, dt.date):
            raise PluginError("scholia-corrections: the edition's date must be a date (YYYY-MM-DD)")
        if not same_version(version, current.version) or date != current.date:
            raise PluginError(
                f"scholia-corrections: mkdocs.yml says this is version {version} of {date}, but the latest "
                f"release in {self.config.changelog} is {current.version} of {current.date}; change both "
                "together (CONTRIBUTING.md, 'Releasing a new version')"
            )
        return {
            "version": version,
            "date": date.isoformat(),
            "date_long": changelog_module.long_date(date),
            "updates_url": manifest.docs_url(self.config.updates_page, config.use_directory_urls).lstrip("/"),
            "updates_anchor": current.anchor,
        }

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # After every plugin's on_config: the scholia plugin may fill extra.edition.
        self.edition = self._edition(config)
        env.globals["scholia_edition"] = self.edition
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.titles = {page.file.src_uri: page.title for page in nav.pages if page.title}
        return nav

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if CHANGELOG_MARKER not in markdown:
            return markdown
        assert self.changelog is not None
        here = posixpath.dirname(page.file.src_uri)

        def relative(target: str) -> str:
            return posixpath.relpath(target, here or ".") if here else target

        def title(src: str) -> str:
            if files.get_file_from_path(src) is None:
                raise PluginError(f"scholia-corrections: {self.config.changelog} names {src}, which is not a page")
            return self.titles.get(src, src)

        rendered = changelog_module.render_markdown(
            self.changelog,
            issue_url=lambda number: f"{config.repo_url.rstrip('/')}/issues/{number}",
            page_title=title,
        )
        if here:  # links in the changelog are relative to docs/; make them relative to this page
            for change in (*self.changelog.unreleased, *(c for r in self.changelog.releases for c in r.changes)):
                if change.where:
                    rendered = rendered.replace(f"]({change.where})", f"]({relative(change.where)})")
        return markdown.replace(CHANGELOG_MARKER, rendered)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        src = page.file.src_uri
        page_file = f"{self.docs}/{src}"
        source = self.config.sources.get(src)
        if source is None:
            # A page generated by a plugin (the one-page full text) has no file of
            # its own: offer the docs folder; its paragraphs name their own files.
            source = page_file if (self.root / page_file).is_file() else self.docs + "/"
        source = str(source)
        edit = links.edit_url(config.repo_url, self.edit_base, source)
        page.edit_url = edit if not source.endswith("/") else None
        title = page.title or config.site_name
        url = page.canonical_url or page.abs_url or page.url  # canonical needs site_url
        revised = self._revised((page_file, source))
        if revised is not None:
            page.meta["last_revised"] = revised.isoformat()
        context["corrections"] = {
            "edit_url": edit,
            "report_url": links.report_url(config.repo_url, page=url, title=title, location=title, source=source),
            "report_base": f"{config.repo_url.rstrip('/')}/issues/new",
            "contributing_url": links.edit_url(config.repo_url, self.edit_base, "CONTRIBUTING.md").replace(
                "/edit/", "/blob/", 1
            ),
            "issue_form": posixpath.basename(self.config.issue_form),
            "source": source,
            "page_url": url,
            "title": title,
            "revised": revised.isoformat() if revised else "",
            "revised_long": changelog_module.long_date(revised) if revised else "",
            "anchor_redirects": json.dumps(self._anchor_redirects(page, config), sort_keys=True),
            # For paragraphs of a page joined from others (data-source="personal-factors.md").
            "edit_base_url": links.edit_url(config.repo_url, self.edit_base, ""),
            "docs": self.docs,
            "sources": json.dumps({str(k): str(v) for k, v in self.config.sources.items()}, sort_keys=True),
        }
        return context

    def _revised(self, paths: tuple[str, ...]) -> dt.date | None:
        key = tuple(sorted(set(paths)))
        if key not in self.dates:
            try:
                self.dates[key] = last_revision(key, self.root)
            except ValueError as error:
                raise PluginError(f"scholia-corrections: {error}") from None
        return self.dates[key]

    def _anchor_redirects(self, page: Page, config: MkDocsConfig) -> dict[str, str]:
        """This page's old anchors -> where they went (URLs relative to this page)."""
        moved = {}
        here = manifest.docs_url(page.file.src_uri, config.use_directory_urls)
        for old, new in self.config.anchor_redirects.items():
            old_url = manifest.docs_url(old, config.use_directory_urls)
            old_page, _, anchor = old_url.partition("#")
            if old_page != here or not anchor:
                continue
            target = manifest.docs_url(str(new), config.use_directory_urls)
            if not target.startswith(("http://", "https://")):
                target_page, _, target_anchor = target.partition("#")
                path = posixpath.relpath(target_page, here) if target_page != here else ""
                if path and target_page.endswith("/") and not path.endswith("/"):
                    path += "/"
                target = path + ("#" + target_anchor if target_anchor else "")
            moved[anchor] = target
        return moved


def same_version(configured: str, released: str) -> bool:
    """``1.0`` and ``1.0.0`` are the same version; ``1.1`` and ``1.0.0`` are not."""

    def parts(version: str) -> tuple[int, ...]:
        numbers = [int(part) for part in version.strip().lstrip("v").split(".") if part.isdigit()]
        while numbers and numbers[-1] == 0:
            numbers.pop()
        return tuple(numbers)

    return parts(configured) == parts(released)
