"""The plugin's templates in the theme, and what the theme prints of mkdocs.yml, escaped.

The package ships its templates (``mkdocs_scholia/templates/``: ``main.html``
and the ``partials/scholia-*.html`` it includes) and, optionally, its fixes
to Material's own partials (``mkdocs_scholia/theme_fixes/``). The plugin puts
those folders into the theme's search path right after the site's
``custom_dir`` (before the theme's own folders), so a site with only
``theme: material`` and the plugin gets every feature, and a site's own
overrides still win.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation

from mkdocs_scholia.rules import urls

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = PACKAGE / "templates"
THEME_FIXES = PACKAGE / "theme_fixes"
RAW_SITE_TEXT = ("site_name", "site_description", "site_author", "copyright")
"""Settings that Material writes into pages without escaping them."""


def add_template_dirs(config: MkDocsConfig, *, theme_fixes: bool) -> None:
    """Put the package's template folders after ``custom_dir`` and before the theme's own."""
    wanted = [str(TEMPLATES)] + ([str(THEME_FIXES)] if theme_fixes else [])
    dirs = [d for d in config.theme.dirs if d not in wanted]
    at = 1 if config.theme.custom_dir is not None and dirs and dirs[0] == config.theme.custom_dir else 0
    config.theme.dirs = dirs[:at] + wanted + dirs[at:]


def check_repo_url(config: MkDocsConfig) -> None:
    """The theme links ``repo_url`` from every page: only an http(s) address (MkDocs also takes ``javascript://…``)."""
    value = config.repo_url
    if value and (not urls.is_safe(value) or urls.scheme(value) not in ("http", "https")):
        raise PluginError(f"scholia: `repo_url`: {urls.problem(value)}; give the repository's https:// address")


def _escaped(value: str) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.escape(value, quote=True))  # noqa: S704 - escaped here


def escape_site_text(config: MkDocsConfig) -> None:
    """Escape the plain-text settings that the theme prints raw (a pull request may change mkdocs.yml)."""
    for name in RAW_SITE_TEXT:
        value = config.get(name)
        if isinstance(value, str):
            config[name] = _escaped(value)


def escape_nav_titles(nav: Navigation) -> None:
    """Escape the titles that mkdocs.yml's ``nav`` gives (the theme prints them raw)."""

    def walk(items: Iterable) -> None:
        for item in items:
            given = vars(item).get("title")
            if isinstance(given, str):
                item.title = _escaped(given)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
