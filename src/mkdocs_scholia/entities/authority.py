"""Authority identifiers: their grammars, and the URLs built from them.

The registry records identifiers, never URLs: a URL in pull-request data
could point anywhere, so every link and ``sameAs`` is built here from an
identifier that matched its grammar when the registry was loaded. Nothing
is looked up while building; the editors record each identifier and its
source by hand.

==========  ===================  =========================================  ================================
authority   grammar              shown to readers                           URI for machines (``sameAs``)
==========  ===================  =========================================  ================================
Wikidata    ``Q855``             ``https://www.wikidata.org/wiki/Q855``     ``http://www.wikidata.org/entity/Q855``
VIAF        ``101787139``        ``https://viaf.org/viaf/101787139``        ``http://viaf.org/viaf/101787139``
GeoNames    ``1814991``          ``https://www.geonames.org/1814991``       ``https://sws.geonames.org/1814991/``
==========  ===================  =========================================  ================================

The machine URIs are the ones each authority publishes as the identifier of
the thing itself (Wikidata's concept URI, VIAF's cluster URI, GeoNames'
semantic-web URI); the reader's links go to the human-readable page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIKIDATA = re.compile(r"Q[1-9][0-9]*")
VIAF = re.compile(r"[1-9][0-9]{0,21}")
GEONAMES = re.compile(r"[1-9][0-9]{0,9}")

GRAMMARS = {"wikidata": WIKIDATA, "viaf": VIAF, "geonames": GEONAMES}
EXAMPLES = {"wikidata": "Q855", "viaf": "101787139", "geonames": "1814991"}
NAMES = {"wikidata": "Wikidata", "viaf": "VIAF", "geonames": "GeoNames"}


WHAT = {
    "wikidata": "a Wikidata item id: Q followed by digits, no leading zero",
    "viaf": "a VIAF id: digits only",
    "geonames": "a GeoNames id: digits only",
}


def described(authority: str) -> str:
    """What an identifier of ``authority`` looks like: ``a Wikidata item id: …, e.g. 'Q855'``."""
    return f"{WHAT[authority]}, e.g. {EXAMPLES[authority]!r}"


def expected(authority: str, value: object) -> str:
    """The error text for a value that is not an identifier of ``authority``."""
    return f"{value!r} is not {described(authority)}"


def is_valid(authority: str, value: str) -> bool:
    return bool(GRAMMARS[authority].fullmatch(value))


def page_url(authority: str, value: str) -> str:
    """The authority's page for readers."""
    if authority == "wikidata":
        return f"https://www.wikidata.org/wiki/{value}"
    if authority == "viaf":
        return f"https://viaf.org/viaf/{value}"
    if authority == "geonames":
        return f"https://www.geonames.org/{value}"
    raise ValueError(f"unknown authority {authority!r}")


def uri(authority: str, value: str) -> str:
    """The authority's URI of the thing itself, for ``sameAs`` and exports."""
    if authority == "wikidata":
        return f"http://www.wikidata.org/entity/{value}"
    if authority == "viaf":
        return f"http://viaf.org/viaf/{value}"
    if authority == "geonames":
        return f"https://sws.geonames.org/{value}/"
    raise ValueError(f"unknown authority {authority!r}")


@dataclass(frozen=True)
class Identifier:
    """One authority identifier of an entity, already checked against its grammar."""

    authority: str  # "wikidata", "viaf" or "geonames"
    value: str  # "Q855"

    def __post_init__(self) -> None:
        if self.authority not in GRAMMARS:
            raise ValueError(f"unknown authority {self.authority!r}")
        if not is_valid(self.authority, self.value):
            raise ValueError(expected(self.authority, self.value))

    @property
    def name(self) -> str:
        """``Wikidata``: how readers see the authority named."""
        return NAMES[self.authority]

    @property
    def page_url(self) -> str:
        return page_url(self.authority, self.value)

    @property
    def uri(self) -> str:
        return uri(self.authority, self.value)
