"""The edition's bibliographic identity, configured once in ``mkdocs.yml``.

Everything that makes the edition citable (its title, authors, editors,
version, date, licence, keywords, publisher) is written once, under the
``scholia`` plugin's ``edition:`` key, and read from here by the "Cite this"
panel, the exports (BibTeX, RIS, CSL-JSON), the ``<head>`` metadata, the
one-page full text and its PDF. Templates see the same values as
``config.extra.edition`` (filled by the plugin), so a footer that prints the
version reads the one source of truth too.

::

    plugins:
      - scholia:
          edition:
            title: "A Critical Analysis of the Breakdown of Sino-Soviet Relations"
            authors:
              - name: Jianing Wang          # "Given Family"; or given:/family:
                affiliation: King's College London
                email: jianing.2.wang@kcl.ac.uk
                orcid: 0000-0000-0000-0000  # optional
            version: "1.0"
            date: 2026-11-25
            license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}
            keywords: [China, International relations]
            publisher: Scholia Editions
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from mkdocs.config import base
from mkdocs.config import config_options as c

ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
MONTHS = (
    "January February March April May June July August September October November December"
).split()


class IsoDate(c.BaseConfigOption[datetime.date]):
    """A calendar date: YAML's ``2026-11-25`` or the string ``"2026-11-25"``."""

    def run_validation(self, value: object) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(f"expected a date as YYYY-MM-DD, got {value!r}")


class OptionalSubConfig(c.SubConfig):
    """A sub-configuration that may be left out altogether (then ``None``)."""

    def __init__(self, config_class):
        super().__init__(config_class)
        self.config_class = config_class  # SubConfig sets it only on itself, not on subclasses
        self.default = None

    def run_validation(self, value):
        if value is None:
            return None
        return super().run_validation(value)


class PersonConfig(base.Config):
    """One author or editor."""

    name = c.Optional(c.Type(str))
    """The name as printed: "Jianing Wang". Split at the last space unless
    `given` and `family` are set."""
    given = c.Optional(c.Type(str))
    family = c.Optional(c.Type(str))
    affiliation = c.Optional(c.Type(str))
    email = c.Optional(c.Type(str))
    orcid = c.Optional(c.Type(str))
    """An ORCID iD, bare (0000-0002-1825-0097) or as its https://orcid.org/ URL."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            if not (self.name or self.family):
                failed.append(("name", base.ValidationError("a person needs `name` or `family`")))
            if self.orcid and not ORCID.match(self.orcid.strip()):
                failed.append(("orcid", base.ValidationError(f"not an ORCID iD: {self.orcid!r}")))
            if self.email and "@" not in self.email:
                failed.append(("email", base.ValidationError(f"not an e-mail address: {self.email!r}")))
        return failed, warnings


class LicenseConfig(base.Config):
    name = c.Type(str)
    """How the licence is named in references and metadata: "CC BY 4.0"."""
    url = c.Optional(c.URL())
    """The licence's canonical URL (JSON-LD `license`, `DC.rights`)."""


class EditionConfig(base.Config):
    """`edition:` — the edition as one citable work."""

    title = c.Optional(c.Type(str))
    """The edition's title; defaults to `site_name`."""
    authors = c.ListOfItems(c.SubConfig(PersonConfig), default=[])
    """The authors of the text, in order: one `citation_author` each."""
    editors = c.ListOfItems(c.SubConfig(PersonConfig), default=[])
    """The editors of the edition, if they are to be named in references."""
    version = c.Type(str)
    """The edition's version, part of every reference: "1.0"."""
    date = IsoDate()
    """The date of this version (YYYY-MM-DD): the publication date in references,
    metadata and the PDF."""
    license = OptionalSubConfig(LicenseConfig)
    rights = c.Optional(c.Type(str))
    """A rights statement; defaults to `copyright`."""
    keywords = c.ListOfItems(c.Type(str), default=[])
    publisher = c.Optional(c.Type(str))
    place = c.Optional(c.Type(str))
    """Place of publication, if any."""
    description = c.Optional(c.Type(str))
    """An abstract of the whole edition; defaults to `site_description`."""
    language = c.Optional(c.Type(str))
    """BCP 47 language of the text; defaults to `theme.language`, else "en"."""
    doi = c.Optional(c.Type(str))
    key = c.Optional(c.Type(str))
    """The BibTeX key of the edition; sections and paragraphs append to it.
    Defaults to family name + year + first word of the title: `wang2026critical`."""


class FullTextConfig(base.Config):
    """`full_text:` — the edition on one page, and its PDF."""

    enabled = c.Type(bool, default=True)
    page = c.Type(str, default="full-text.md")
    """The page of the full text: a page under docs/ with the line
    `<!-- scholia:full-text -->` where the text goes, or, if there is no such
    file, one generated with that line alone. Put it in `nav` to list it; the
    page is linked from every page either way."""
    title = c.Type(str, default="Full text")
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Pages left out of the full text (e.g. `index.md`)."""
    references_last = c.Type(bool, default=True)
    """Move the references page to the end of the full text and the PDF, where
    Google Scholar looks for the bibliography."""
    pdf = c.Type(bool, default=True)
    """Render the full text to PDF with WeasyPrint after the build. Switch off
    for fast builds: `pdf: !ENV [SCHOLIA_PDF, true]` and `SCHOLIA_PDF=false`."""
    pdf_on_serve = c.Type(bool, default=False)
    """Also render the PDF during `mkdocs serve` (slow; off by default)."""
    pdf_file = c.Type(str, default="edition.pdf")
    """Where the PDF goes, relative to the site root."""


class CiteConfig(base.Config):
    """`cite:` — the "Cite this" panel and its static exports."""

    enabled = c.Type(bool, default=True)
    directory = c.Type(str, default="cite")
    """Folder of the site where the BibTeX, RIS and CSL-JSON files are written."""
    paragraph_ids = c.Type(str, default=r"p\d[\w.\-]*")
    """Which element ids are citable paragraphs (a regular expression, whole id)."""


# ---------------------------------------------------------------------------
# The validated, immutable view the rest of the code uses


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    affiliation: str | None = None
    email: str | None = None
    orcid: str | None = None  # bare iD

    @property
    def name(self) -> str:
        """"Jianing Wang"."""
        return " ".join(part for part in (self.given, self.family) if part)

    @property
    def inverted(self) -> str:
        """"Wang, Jianing", as Highwire and RIS want it."""
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def initials(self) -> str:
        """"J." for "Jianing", "J.K." for "John King" (Cite Them Right)."""
        parts = re.split(r"[\s\-]+", self.given.strip()) if self.given else []
        return "".join(f"{part[0]}." for part in parts if part)

    @property
    def harvard(self) -> str:
        """"Wang, J."."""
        return f"{self.family}, {self.initials}" if self.initials else self.family

    @property
    def orcid_url(self) -> str | None:
        return f"https://orcid.org/{self.orcid}" if self.orcid else None


@dataclass(frozen=True)
class Edition:
    title: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    version: str
    date: datetime.date
    site_url: str
    language: str = "en"
    publisher: str | None = None
    place: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    license_name: str | None = None
    license_url: str | None = None
    rights: str | None = None
    doi: str | None = None
    key: str = "edition"
    site_name: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def year(self) -> str:
        return str(self.date.year)

    @property
    def date_long(self) -> str:
        """"25 November 2026" (Cite Them Right)."""
        return f"{self.date.day} {MONTHS[self.date.month - 1]} {self.date.year}"

    @property
    def date_slashed(self) -> str:
        """"2026/11/25", the form Google Scholar asks for."""
        return self.date.strftime("%Y/%m/%d")

    def url(self, path: str = "") -> str:
        """The absolute, stable URL of ``path`` (relative to the site root)."""
        return self.site_url + path.lstrip("/")

    def template_view(self) -> dict:
        """What templates see as ``config.extra.edition``."""
        return {
            "title": self.title,
            "version": self.version,
            "date": self.date.isoformat(),
            "date_long": self.date_long,
            "year": self.year,
            "authors": [p.name for p in self.authors],
            "editors": [p.name for p in self.editors],
            "publisher": self.publisher,
            "license": {"name": self.license_name, "url": self.license_url} if self.license_name else None,
            "rights": self.rights,
            "keywords": list(self.keywords),
            "doi": self.doi,
            "url": self.site_url,
        }


def person(config: PersonConfig) -> Person:
    given, family = config.given, config.family
    if not family:
        name = (config.name or "").strip()
        given, _, family = name.rpartition(" ")
        if not family:
            given, family = "", name
    orcid = None
    if config.orcid:
        match = ORCID.match(config.orcid.strip())
        orcid = match.group(1) if match else None
    return Person(
        given=(given or "").strip(),
        family=family.strip(),
        affiliation=config.affiliation,
        email=config.email,
        orcid=orcid,
    )


def slug_word(text: str) -> str:
    """ASCII lower-case letters and digits only, for citation keys."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", folded.lower())


STOP_WORDS = {"a", "an", "the", "of", "on", "in", "and", "to", "for"}


def default_key(authors: tuple[Person, ...], year: str, title: str) -> str:
    first = slug_word(authors[0].family) if authors else "anon"
    word = next((slug_word(w) for w in title.split() if slug_word(w) and slug_word(w) not in STOP_WORDS), "")
    return f"{first or 'anon'}{year}{word}"


def from_config(edition: EditionConfig, mkdocs_config) -> Edition:
    """The :class:`Edition` of a validated configuration."""
    site_url = mkdocs_config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    title = edition.title or mkdocs_config.site_name
    authors = tuple(person(p) for p in edition.authors)
    theme_language = None
    try:
        theme_language = mkdocs_config.theme.get("language")
    except AttributeError:
        pass
    license_ = edition.license
    return Edition(
        title=title,
        authors=authors,
        editors=tuple(person(p) for p in edition.editors),
        version=edition.version,
        date=edition.date,
        site_url=site_url,
        language=edition.language or theme_language or "en",
        publisher=edition.publisher,
        place=edition.place,
        description=edition.description or mkdocs_config.site_description,
        keywords=tuple(edition.keywords),
        license_name=license_.name if license_ else None,
        license_url=license_.url if license_ else None,
        rights=edition.rights or (mkdocs_config.copyright or None),
        doi=edition.doi,
        key=edition.key or default_key(authors, str(edition.date.year), title),
        site_name=mkdocs_config.site_name,
    )
