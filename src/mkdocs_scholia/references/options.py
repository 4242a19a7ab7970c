"""What the References feature is asked to do: plain, validated values.

The ``scholia`` plugin validates its ``references:`` options (typed config
classes in the plugin layer, where each option is documented) and hands them
here as these frozen dataclasses, so this feature never sees MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DownloadOptions:
    """The bibliography as one .bib file next to the References page."""

    enabled: bool = True
    filename: str = "edition.bib"
    include: str = "cited"  # "cited" or "all"
    exclude_fields: tuple[str, ...] = ("supplied", "file", "owner", "timestamp", "date-added", "date-modified")


@dataclass(frozen=True)
class PerPageOptions:
    """A list of the works cited on a page, at its end."""

    enabled: bool = False
    pages: str = "sections"  # "sections" or "all"
    heading: str = "References"


@dataclass(frozen=True)
class ReferencesOptions:
    """Everything the References page and its companions show."""

    cited_in: bool = True
    coins: bool = True
    bibtex: bool = True
    previews: bool = True
    download: DownloadOptions = DownloadOptions()
    per_page: PerPageOptions = PerPageOptions()
