"""The options of the ``scholia-corrections`` plugin, each documented where it is defined.

::

    plugins:
      - scholia-corrections:
          changelog: source/changelog.yml
          sources:
            references.md: bibliography/essay.bib
          anchor_redirects:
            personal-factors.md#p2.2: personal-factors.md#p2.1

Everything here can arrive in a pull request, so every value that ends up in
a link or in the page's script is checked against a grammar when the
configuration is loaded: pages are ``.md`` paths under docs/, anchors are
ids of the edition, files are plain relative paths.
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.corrections import links, targets

RELATIVE_FILE = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*")
"""A file of the repository, relative to mkdocs.yml: plain segments, no URL."""

URL_PATH = re.compile(r"[A-Za-z0-9_.~-]*(?:/[A-Za-z0-9_.~-]*)*")


class RepositoryFile(c.Type[str]):
    """A file of the repository, relative to mkdocs.yml (``source/changelog.yml``)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not RELATIVE_FILE.fullmatch(text) or ".." in text.split("/"):
            raise base.ValidationError(
                f"{text!r} is not a file of the repository: a relative path such as 'source/changelog.yml'"
            )
        return text


class DocsPage(c.Type[str]):
    """A page under docs/ (``updates.md``)."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if targets.parse(text) is None or "#" in text:
            raise base.ValidationError(f"{text!r} is not a page under docs/, such as 'updates.md'")
        return text


class Sources(c.BaseConfigOption[dict[str, str]]):
    """Pages made from a data file: ``page.md: the/file.yml``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(
                "expected a mapping of pages to files, e.g. `references.md: bibliography/essay.bib`"
            )
        problems = []
        for page, source in value.items():
            if not isinstance(page, str) or targets.parse(page) is None or "#" in page:
                problems.append(f"{page!r} is not a page under docs/ (e.g. 'references.md')")
            if not isinstance(source, str) or not RELATIVE_FILE.fullmatch(source) or ".." in source.split("/"):
                problems.append(f"{page}: {source!r} is not a file of the repository (a relative path)")
        if problems:
            raise base.ValidationError("; ".join(problems))
        return {str(page): str(source) for page, source in value.items()}


class AnchorRedirects(c.BaseConfigOption[dict[str, str]]):
    """Anchors that no longer exist: ``page.md#old: page.md#new``.

    Both sides are pages of this site (no URL: a visitor's browser follows
    the redirect, so it must not lead anywhere else) and anchors follow the
    grammar of the edition's ids.
    """

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError("expected a mapping `page.md#old-anchor: page.md#new-anchor`")
        problems = []
        for old, new in value.items():
            why = targets.problem(old, anchor_required=True)
            if why:
                problems.append(f"the old anchor {old!r}: {why}")
            why = targets.problem(new)
            if why:
                problems.append(f"{old}: the target {new!r}: {why}")
        if problems:
            raise base.ValidationError(
                "; ".join(problems) + "; write each as `page.md#old-anchor: page.md#new-anchor` (a page of this site)"
            )
        return {str(old).strip(): str(new).strip() for old, new in value.items()}


class CorrectionsConfig(base.Config):
    """The ``scholia-corrections`` plugin: corrections by pull request, versions, stable URLs."""

    changelog = RepositoryFile(default="source/changelog.yml")
    """The changelog (YAML), relative to mkdocs.yml: every change since the
    first edition (see ``mkdocs_scholia.corrections.changelog``). Its latest
    release must be the edition's version and date (the ``scholia`` plugin's
    ``edition:``)."""

    updates_page = DocsPage(default="updates.md")
    """The page whose marker ``<!-- scholia:changelog -->`` becomes the
    changelog; the footer of every page links to it."""

    issue_form = RepositoryFile(default=".github/ISSUE_TEMPLATE/" + links.ISSUE_FORM)
    """The GitHub issue form that "Report an error" opens, relative to mkdocs.yml."""

    edit_base = c.Optional(c.Type(str))
    """What comes between ``repo_url`` and a file's path in an edit link
    (e.g. ``edit/main/``). Default: ``edit_uri`` without the docs folder."""

    sources = Sources()
    """Pages whose text is generated from a data file: ``page.md: the/file``
    (relative to mkdocs.yml). "Suggest an edit" opens that file."""

    anchor_redirects = AnchorRedirects()
    """Anchors that no longer exist on a page that stays: ``page.md#old:
    page.md#new`` (or just ``page.md``). Checked against
    ``tests/url-manifest.txt``; the page's script follows them, within the site only."""

    def validate(self):  # type: ignore[no-untyped-def]
        failed, warnings = super().validate()
        edit_base = self.get("edit_base")
        if not failed and edit_base is not None and not URL_PATH.fullmatch(edit_base):
            failed.append(("edit_base", base.ValidationError(f"{edit_base!r} is not a path such as 'edit/main/'")))
        return failed, warnings
