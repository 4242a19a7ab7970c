"""What an editor chooses for a new edition, checked before anything is written.

Every value ends up in files of the new repository (``mkdocs.yml``,
``pyproject.toml``, Markdown pages, workflows), so each is checked against
what it may be here: one line of text for a title or a name; a slug for
the folder, the PyPI-style project name and the PDF; ``owner/name`` for the
GitHub repository; an ``https`` URL for the site; ``MAJOR.MINOR.PATCH`` for
the version. The templates escape text for where it stands
(:mod:`~mkdocs_scholia.scaffold.render`); what is ``raw`` there is one of
these checked values.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from mkdocs_scholia import __version__
from mkdocs_scholia.scaffold.render import yaml_value

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
GITHUB_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
GIT_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._~/-]+$")
SITE_URL = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/(?:[A-Za-z0-9._~-]+/)*$")
PACKAGE = "mkdocs-scholia"
PACKAGE_REPOSITORY = "https://github.com/scholia-editions/sino-soviet-split"
"""Where the package's source lives, for editions that depend on it before a release."""
PLACEHOLDER_OWNER = "your-github-account"


def _people(names: tuple[str, ...]) -> str:
    """A YAML block list of ``- name: "…"`` items, indented for ``edition:`` in mkdocs.yml."""
    return "\n".join(f"          - name: {yaml_value(name)}" for name in names)


class OptionsError(ValueError):
    """An option that cannot be used; the message says which and what it should be."""


def slugify(text: str) -> str:
    """``my-essay`` from ``My Essay!``: ASCII lower case, digits and hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].strip("-")


def one_line(option: str, value: str) -> str:
    """``value`` with its blanks tidied; an error when it is empty or holds control characters."""
    if any(unicodedata.category(ch) == "Cc" and ch not in " \t" for ch in value):
        raise OptionsError(f"{option} must be one line of text, without control characters: {value!r}")
    text = " ".join(value.split())
    if not text:
        raise OptionsError(f"{option} must not be empty")
    return text


@dataclass(frozen=True)
class NewEdition:
    """A new edition, as ``mkdocs-scholia new`` is asked to start it."""

    slug: str
    """The repository's name: the folder, the project name, the default GitHub repository."""
    title: str
    authors: tuple[str, ...]
    github: str = ""
    """``owner/name`` on GitHub; default: a placeholder owner and the slug (edit it before publishing)."""
    site_url: str = ""
    """Where the site will be published; default: the repository's GitHub Pages address."""
    editors: tuple[str, ...] = ()
    publisher: str = ""
    version: str = "0.1.0"
    date: datetime.date = field(default_factory=datetime.date.today)
    language: str = "en"
    apparatus: bool = True
    """A copy-text (the essay as received), an apparatus of departures from it, and its page."""
    pdf: bool = True
    """The one-page full text also as a PDF (WeasyPrint: the ``pdf`` extra, and Pango)."""
    from_git: str = ""
    """Depend on the package's Git repository (this URL) instead of a release on PyPI."""

    def __post_init__(self) -> None:
        if not SLUG.match(self.slug):
            raise OptionsError(
                f"the folder name {self.slug!r} cannot name the repository: use lower-case letters, digits and "
                f"hyphens, e.g. {slugify(self.slug) or 'my-essay'!r}"
            )
        object.__setattr__(self, "title", one_line("--title", self.title))
        if not self.authors:
            raise OptionsError("give the essay's author with --author (once per author)")
        object.__setattr__(self, "authors", tuple(one_line("--author", a) for a in self.authors))
        object.__setattr__(self, "editors", tuple(one_line("--editor", e) for e in self.editors))
        if self.publisher:
            object.__setattr__(self, "publisher", one_line("--publisher", self.publisher))
        github = self.github or f"{PLACEHOLDER_OWNER}/{self.slug}"
        if not GITHUB_NAME.match(github) or github.endswith((".", "/")):
            raise OptionsError(
                f"--github must be a GitHub repository as owner/name, e.g. 'my-account/{self.slug}', not {github!r}"
            )
        object.__setattr__(self, "github", github)
        site_url = self.site_url or self.pages_url
        if not site_url.endswith("/"):
            site_url += "/"
        if not SITE_URL.match(site_url):
            raise OptionsError(
                f"--site-url must be an https:// address of a folder, e.g. {self.pages_url!r}, not {site_url!r}"
            )
        object.__setattr__(self, "site_url", site_url)
        if not VERSION.match(self.version):
            raise OptionsError(f"--version must be MAJOR.MINOR.PATCH, e.g. '0.1.0', not {self.version!r}")
        if not LANGUAGE.match(self.language):
            raise OptionsError(f"--language must be a language tag such as 'en' or 'de-CH', not {self.language!r}")
        if self.from_git and not GIT_URL.match(self.from_git):
            raise OptionsError(f"--from-git must be an https:// address of a Git repository, not {self.from_git!r}")

    # -- derived values --------------------------------------------------------

    @property
    def owner(self) -> str:
        return self.github.split("/", 1)[0]

    @property
    def repository(self) -> str:
        return self.github.split("/", 1)[1]

    @property
    def pages_url(self) -> str:
        """GitHub Pages' address of the repository (a user site for ``owner/owner.github.io``)."""
        owner, _, name = (self.github or f"{PLACEHOLDER_OWNER}/{self.slug}").partition("/")
        host = f"https://{owner.lower()}.github.io/"
        return host if name.lower() == f"{owner.lower()}.github.io" else f"{host}{name}/"

    @property
    def placeholder_repository(self) -> bool:
        """True when no --github was given: the links to the repository must be fixed before publishing."""
        return self.owner == PLACEHOLDER_OWNER

    @property
    def requirement(self) -> str:
        """The line of ``pyproject.toml`` that brings the package (and WeasyPrint for the PDF)."""
        name = f"{PACKAGE}[pdf]" if self.pdf else PACKAGE
        if self.from_git:
            return f"{name} @ git+{self.from_git}"
        return f"{name}>={__version__}"

    def values(self) -> dict[str, object]:
        """Everything the templates may use, by name."""
        authors = " and ".join(filter(None, [", ".join(self.authors[:-1]), self.authors[-1]]))
        return {
            "slug": self.slug,
            "title": self.title,
            "authors": _people(self.authors),
            "authors_text": authors,
            "editors": _people(self.editors),
            "publisher": self.publisher,
            "description": (
                f"An edition of {authors}’s essay “{self.title}”, with its references resolved and citable paragraphs."
            ),
            "github": self.github,
            "repo_url": f"https://github.com/{self.github}",
            "site_url": self.site_url,
            "placeholder_repository": self.placeholder_repository,
            "version": self.version,
            "date": self.date.isoformat(),
            "year": str(self.date.year),
            "language": self.language,
            "apparatus": self.apparatus,
            "pdf": self.pdf,
            "pdf_file": f"{self.slug}.pdf",
            "requirement": self.requirement,
            "from_git": self.from_git,
            "package_version": __version__,
            "package_repository": PACKAGE_REPOSITORY,
        }
