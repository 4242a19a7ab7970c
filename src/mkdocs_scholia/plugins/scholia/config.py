"""Typed, documented options of the ``scholia`` MkDocs plugin."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.citable.identity import CiteConfig, EditionConfig, FullTextConfig, OptionalSubConfig  # issue 6


# --------------------------------------------------------------------------
# The `references:` options (issue 5). Documented for maintainers in
# docs-dev/plugin-options.md; every class validates its own values.

BIBTEX_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.bib$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class BibFileName(c.Type):
    """A plain file name ending in ``.bib`` (no folders, no leading dot)."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not BIBTEX_NAME.match(value):
            raise c.ValidationError(
                f"expected a plain file name ending in '.bib' (letters, digits, '.', '_', '-'; "
                f"no folders), e.g. 'edition.bib', but received: {value!r}"
            )
        return value


class FieldNames(c.ListOfItems):
    """BibTeX field names, compared case-insensitively (stored lower-case)."""

    def __init__(self, default: list[str]):
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> list[str]:
        names = super().run_validation(value)
        bad = [name for name in names if not FIELD_NAME.match(name.lower())]
        if bad:
            raise c.ValidationError(f"not BibTeX field names: {', '.join(map(repr, bad))}")
        return [name.lower() for name in names]


class NonEmptyText(c.Type):
    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not value.strip():
            raise c.ValidationError("must not be empty")
        return value.strip()


class DownloadConfig(base.Config):
    """`references.download`: the bibliography as one .bib file in the site."""

    enabled = c.Type(bool, default=True)
    """Write the file and link it from the References page."""

    filename = BibFileName(default="edition.bib")
    """Its name; it is written next to the References page
    (`/references/edition.bib` with directory URLs)."""

    include = c.Choice(("cited", "all"), default="cited")
    """`cited`: the works on the References page (what the site uses);
    `all`: every entry of the configured .bib files."""

    exclude_fields = FieldNames(
        default=["supplied", "file", "owner", "timestamp", "date-added", "date-modified"]
    )
    """Fields left out of the download and of the per-entry snippets: the
    editors' `supplied` note (shown on the site, not part of the work's data)
    and reference-manager housekeeping."""


class PerPageConfig(base.Config):
    """`references.per_page`: a list of the works cited on a page, at its end."""

    enabled = c.Type(bool, default=False)
    pages = c.Choice(("sections", "all"), default="sections")
    """`sections`: pages whose front matter has `section:`; `all`: every page
    that cites something (the References page itself never gets one)."""

    heading = NonEmptyText(default="References")
    """The heading of the list (an h2)."""


class ReferencesConfig(base.Config):
    """`references`: the generated References page and what hangs on it."""

    cited_in = c.Type(bool, default=True)
    """Under each entry, a link to every place the work is cited (§2 ¶3)."""

    coins = c.Type(bool, default=True)
    """A COinS `span.Z3988` per entry, so Zotero can pick up every reference."""

    bibtex = c.Type(bool, default=True)
    """Per entry, its BibTeX (cleaned as in the download) with a copy button."""

    download = c.SubConfig(DownloadConfig)

    previews = c.Type(bool, default=True)
    """Hovering, focusing or tapping an in-text citation shows its note (Material's
    footnote tooltips, switched on by the plugin), with the plugin's small CSS/JS."""

    per_page = c.SubConfig(PerPageConfig)


class ScholiaConfig(base.Config):
    bibliography = c.ListOfItems(c.Type(str), default=[])
    """BibTeX files, relative to mkdocs.yml. Parsed once per build, cached across
    `mkdocs serve` rebuilds by content; a key may be defined only once."""

    style = c.Type(str, default="harvard")
    """A pybtex formatting style registered under `pybtex.style.formatting`
    that makes author-date citations (as `harvard` does)."""

    cache = c.Type(bool, default=True)
    """Keep the parsed, checked bibliography and its formatted references in
    `cache_dir` across builds, so that a new `mkdocs build` does not parse the
    .bib files or format an entry again. The output is the same either way
    (tested); a stale, corrupt or unreadable cache file is ignored and rewritten."""

    cache_dir = c.Type(str, default=".cache/scholia")
    """The folder of that cache, relative to mkdocs.yml (next to Material's
    `.cache/plugin/`); not inside docs_dir or site_dir. Safe to delete."""

    search_repeats = c.Type(bool, default=False)
    """Let the search index read what repeats the References page: the full
    reference in every note, the per-page lists of works cited, and each
    entry's "Cited in" list, BibTeX and COinS.
    Off (the default), search finds the text, its in-text citations and each
    entry on the References page, and a page is not a hit for every word of
    every title it cites (`search_view.py` says why, and what it saves)."""

    references_page = c.Type(str, default="references.md")
    """The page (under docs/) whose marker `<!-- scholia:references -->` becomes
    the list of every work cited in the edition. Notes link to it."""

    copy_text = c.Optional(c.Type(str))
    """The edition's copy-text (the text as received), relative to mkdocs.yml."""

    apparatus = c.Optional(c.Type(str))
    """The editorial apparatus (YAML), relative to mkdocs.yml. Its rendering
    replaces `<!-- scholia:apparatus -->`."""

    # -- references (issue 5; classes below, docs in docs-dev/plugin-options.md) --
    references = c.SubConfig(ReferencesConfig)
    """The References page and everything around it: "Cited in" back-links,
    COinS, BibTeX snippets and download, hover previews, per-page lists."""

    # -- citable (issue 6; classes and docs in edition.py) --
    edition = OptionalSubConfig(EditionConfig)
    """The edition as a citable work (title, authors, version, date, licence,
    keywords, publisher), configured once. Without it, nothing of issue 6 runs."""
    full_text = c.SubConfig(FullTextConfig)
    """The one-page full text and its PDF."""
    cite = c.SubConfig(CiteConfig)
    """"Cite this" and its BibTeX, RIS and CSL-JSON files; paragraph ids."""
