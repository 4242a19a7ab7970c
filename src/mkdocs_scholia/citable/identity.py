"""The edition's bibliographic identity: one immutable object, built once.

Everything that makes the edition citable (its title, authors, editors,
version, date, licence, keywords, publisher) is configured once, under the
``scholia`` plugin's ``edition:`` key, validated there, and built into one
:class:`Edition`. The plugin puts that object at ``config.extra["edition"]``,
where templates (``extra.edition.version``, ``extra.edition.date_long``) and
the ``scholia-corrections`` plugin read it; the "Cite this" panel, the
exports, the ``<head>`` metadata, the one-page full text and its PDF receive
it explicitly. Nobody parses the configuration again.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from mkdocs_scholia.rules import dates

ORCID = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")
"""An ORCID iD, bare or as its URL (whole value)."""

KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
"""The grammar of every citation key the edition publishes (whole value): safe
in BibTeX (no braces, commas, quotes or blanks), RIS, CSL-JSON and file names."""


@dataclass(frozen=True)
class Person:
    """A person, or an organisation (``organization``: one name in ``family``, never split)."""

    given: str
    family: str
    affiliation: str | None = None
    email: str | None = None
    orcid: str | None = None  # bare iD
    organization: bool = False

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

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class License:
    name: str  # "CC BY 4.0"
    url: str | None = None  # an http(s) URL, checked when configured


@dataclass(frozen=True)
class Edition:
    """The edition as one citable work."""

    title: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    version: str
    date: datetime.date
    site_url: str  # ends with "/"
    language: str = "en"
    publisher: str | None = None
    place: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    license: License | None = None
    rights: str | None = None
    doi: str | None = None  # bare DOI name, "10.1234/abc"
    key: str = "edition"
    site_name: str = ""
    permanent_root: str | None = None
    """Where the deployed site keeps this version exactly as released, when that is
    not ``site_url`` itself (``https://…/v/1.0.1/``): the current edition's
    permanent link, given beside each unversioned address. None: no other address."""
    unreleased: bool = False
    """The text has changes not yet released, so no version's address holds it yet."""

    @property
    def year(self) -> str:
        return str(self.date.year)

    @property
    def date_long(self) -> str:
        """"25 November 2026" (Cite Them Right), the same in every locale."""
        return dates.long_date(self.date)

    @property
    def date_slashed(self) -> str:
        """"2026/11/25", the form Google Scholar asks for."""
        return f"{self.date.year:04d}/{self.date.month:02d}/{self.date.day:02d}"

    @property
    def license_name(self) -> str | None:
        return self.license.name if self.license else None

    @property
    def license_url(self) -> str | None:
        return self.license.url if self.license else None

    def url(self, path: str = "") -> str:
        """The absolute, stable URL of ``path`` (relative to the site root)."""
        return self.site_url + path.lstrip("/")

    def permanent_url(self, path: str = "") -> str | None:
        """``path`` in this version's own folder (``https://…/v/1.0.1/conclusion/``), if it has one."""
        return self.permanent_root + path.lstrip("/") if self.permanent_root else None


def person(
    *,
    name: str | None = None,
    given: str | None = None,
    family: str | None = None,
    affiliation: str | None = None,
    email: str | None = None,
    orcid: str | None = None,
    organization: str | None = None,
) -> Person:
    """A :class:`Person` from ``given``/``family``, or ``name`` split at its last space;
    an organisation from ``organization``, its name kept whole."""
    if organization:
        return Person(given="", family=organization.strip(), affiliation=affiliation, email=email, organization=True)
    if not family:
        text = (name or "").strip()
        given, _, family = text.rpartition(" ")
        if not family:
            given, family = "", text
    match = ORCID.fullmatch(orcid.strip()) if orcid else None
    return Person(
        given=(given or "").strip(),
        family=family.strip(),
        affiliation=affiliation,
        email=email,
        orcid=match.group(1) if match else None,
    )


def slug_word(text: str) -> str:
    """ASCII lower-case letters and digits only, for citation keys."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", folded.lower())


STOP_WORDS = {"a", "an", "the", "of", "on", "in", "and", "to", "for"}


def default_key(authors: tuple[Person, ...], year: str, title: str) -> str:
    """Family name + year + first word of the title: ``wang2026critical``."""
    first = slug_word(authors[0].family) if authors else "anon"
    word = next((slug_word(w) for w in title.split() if slug_word(w) and slug_word(w) not in STOP_WORDS), "")
    return f"{first or 'anon'}{year}{word}"
