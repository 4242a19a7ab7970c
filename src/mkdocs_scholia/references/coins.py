"""COinS: an OpenURL ContextObject per work, so Zotero picks up every reference.

A COinS is an empty ``<span class="Z3988" title="…">`` whose title is a
Z39.88-2004 key/encoded-value string. Which metadata format (``rft_val_fmt``)
and genre a BibTeX type becomes, and which keys carry what, follow the KEV
matrices for books, journals and dissertations, and what Zotero's OpenURL
reader understands:

==========================  ===========================  ============
BibTeX type                 ``rft_val_fmt``              ``rft.genre``
==========================  ===========================  ============
article                     ``…:mtx:journal``            article
book, manual, booklet       ``…:mtx:book``               book
incollection, inbook        ``…:mtx:book``               bookitem
inproceedings               ``…:mtx:book``               proceeding
proceedings                 ``…:mtx:book``               conference
techreport, report          ``…:mtx:book``               report
phdthesis, mastersthesis    ``…:mtx:dissertation``       (none)
online                      ``…:mtx:dc``                 (none)
misc, unpublished, others   ``…:mtx:book``               document
==========================  ===========================  ============

Values are plain Unicode (LaTeX decoded), UTF-8 and percent-encoded with
spaces as ``%20`` (Zotero reads ``+`` as a space, so a literal plus would be
lost if it were left unencoded; it is encoded as ``%2B``). Each creator is one
``rft.au`` ("Last, First"), in order; a work with no personal author but an
organization gets ``rft.aucorp``. Editors are left out: the formats have no
key for them, and ``rft.au`` would make them authors. A DOI or URL is carried
only when it passes :mod:`mkdocs_scholia.rules.dois` and
:mod:`mkdocs_scholia.rules.urls` (http and https).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from pybtex.database import Entry, Person

from mkdocs_scholia.bib.fields import field_text, plain_text
from mkdocs_scholia.rules import dois, urls
from mkdocs_scholia.rules import pages as page_ranges
from mkdocs_scholia.style.names import named

CTX_VER = "Z39.88-2004"
FMT = "info:ofi/fmt:kev:mtx:"
JOURNAL = FMT + "journal"
BOOK = FMT + "book"
DISSERTATION = FMT + "dissertation"
DUBLIN_CORE = FMT + "dc"

BOOK_GENRES = {
    "book": "book",
    "manual": "book",
    "booklet": "book",
    "collection": "book",
    "incollection": "bookitem",
    "inbook": "bookitem",
    "inproceedings": "proceeding",
    "conference": "proceeding",
    "proceedings": "conference",
    "techreport": "report",
    "report": "report",
}
THESES = {"phdthesis", "mastersthesis", "thesis"}


_text = field_text


def _name(person: Person) -> str:
    """``Last, First Middle`` in plain text (the form Zotero splits on the comma)."""
    last = plain_text(" ".join(person.prelast_names + person.last_names))
    first = plain_text(" ".join(person.first_names + person.middle_names))
    lineage = plain_text(" ".join(person.lineage_names))
    parts = [last] + ([lineage] if lineage else []) + ([first] if first else [])
    return ", ".join(" ".join(part.split()) for part in parts if part.strip())


def _pages(entry: Entry) -> list[tuple[str, str]]:
    """``rft.pages`` ("3-11"), with ``rft.spage``/``rft.epage`` for one range or one page."""
    text = _text(entry, "pages")
    if not text:
        return []
    first, last = page_ranges.bounds(text)
    if "," in text or page_ranges.page_range(text).count(page_ranges.EN_DASH) > 1:
        return [("rft.pages", text)]
    if last:
        return [("rft.pages", f"{first}-{last}"), ("rft.spage", first), ("rft.epage", last)]
    return [("rft.pages", text), ("rft.spage", first)]


def _web_url(entry: Entry) -> str:
    """The entry's ``url`` when it is a safe http(s) address (:mod:`mkdocs_scholia.rules.urls`), else ""."""
    url = entry.fields.get("url", "").strip()
    return url if urls.is_safe(url) and urls.scheme(url) in ("http", "https") else ""


def _identifiers(entry: Entry) -> list[tuple[str, str]]:
    pairs = []
    doi = _text(entry, "doi")
    if dois.is_doi(doi):
        pairs.append(("rft_id", "info:doi/" + dois.bare(doi)))
    if _web_url(entry):
        pairs.append(("rft_id", _web_url(entry)))
    return pairs


def context_object(entry: Entry) -> list[tuple[str, str]]:
    """The ContextObject of ``entry`` as ordered (key, value) pairs, unencoded."""
    kind = entry.type.lower()
    pairs: list[tuple[str, str]] = [("ctx_ver", CTX_VER)]
    title = _text(entry, "title")
    year = _text(entry, "date") or _text(entry, "year")
    creators = named(entry.persons.get("author", []))  # BibTeX's "and others" is nobody to name
    if kind == "article":
        pairs += [("rft_val_fmt", JOURNAL), ("rft.genre", "article"), ("rft.atitle", title)]
        pairs += [("rft.jtitle", _text(entry, "journal") or _text(entry, "journaltitle"))]
        pairs += [("rft.volume", _text(entry, "volume")), ("rft.issue", _text(entry, "number"))]
        pairs += _pages(entry)
        pairs += [("rft.issn", _text(entry, "issn"))]
    elif kind in THESES:
        degree = _text(entry, "type") or ("PhD" if kind == "phdthesis" else "MA" if kind == "mastersthesis" else "")
        pairs += [("rft_val_fmt", DISSERTATION), ("rft.title", title)]
        pairs += [("rft.inst", _text(entry, "school") or _text(entry, "institution")), ("rft.degree", degree)]
    elif kind == "online":
        pairs += [("rft_val_fmt", DUBLIN_CORE), ("rft.title", title)]
        pairs += [("rft.publisher", _text(entry, "organization") or _text(entry, "publisher"))]
        pairs += [("rft.creator", _name(p)) for p in creators]
        creators = []
        if _web_url(entry):
            pairs.append(("rft.identifier", _web_url(entry)))
    else:
        genre = BOOK_GENRES.get(kind, "document")
        pairs += [("rft_val_fmt", BOOK), ("rft.genre", genre)]
        if genre in ("bookitem", "proceeding"):
            pairs += [("rft.atitle", title), ("rft.btitle", _text(entry, "booktitle"))]
        else:
            pairs += [("rft.btitle", title)]
        publisher = _text(entry, "publisher") or _text(entry, "institution") or _text(entry, "organization")
        pairs += [("rft.pub", publisher), ("rft.place", _text(entry, "address") or _text(entry, "location"))]
        pairs += [("rft.edition", _text(entry, "edition")), ("rft.series", _text(entry, "series"))]
        if genre in ("bookitem", "proceeding"):
            pairs += _pages(entry)
        pairs += [("rft.isbn", _text(entry, "isbn"))]
    pairs += [("rft.au", _name(p)) for p in creators]
    if not creators and kind != "online":
        corporate = _text(entry, "organization") or _text(entry, "institution")
        pairs.append(("rft.aucorp", corporate))
    pairs.append(("rft.date", year))
    pairs += _identifiers(entry)
    return [(key, value) for key, value in pairs if value]


def encode(pairs: list[tuple[str, str]]) -> str:
    """``key=value&…`` with every value percent-encoded (UTF-8, spaces as %20)."""
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs)


def coins_span(entry: Entry) -> str:
    """The ``<span class="Z3988">`` for ``entry`` (attribute escaped for HTML)."""
    return f'<span class="Z3988" title="{html.escape(encode(context_object(entry)), quote=True)}"></span>'


SPAN = re.compile(r'<span class="Z3988" title="[^"]*"></span>')
"""A COinS span as :func:`coins_span` writes it."""


def without_coins(markup: str) -> str:
    """``markup`` without its COinS spans.

    COinS belong on a page that is a list of works (the References): Zotero's
    COinS translator outranks the page's own metadata, so on any other page
    (the full text that repeats the References) a reader would be offered the
    list instead of the page's own work.
    """
    return SPAN.sub("", markup)
