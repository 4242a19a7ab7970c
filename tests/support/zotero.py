"""What Zotero saves from a web page: a model of its translators, for tests.

Zotero's browser connector runs every web translator whose ``target``
matches the page's URL, keeps those whose ``detectWeb`` finds something, and
saves with the one of highest priority (the *lowest* number). For an address
under ``github.io`` only the four generic translators match (checked against
every translator of zotero/translators):

=====================  ========  ==================================================
translator             priority  detects
=====================  ========  ==================================================
unAPI                  300       ``<link rel="unapi-server">`` with ``abbr.unapi-id``
COinS                  310       ``span.Z3988[title]`` whose ContextObject has a type:
                                 one such span saves that item, two or more offer a
                                 pick-list of their titles
Embedded Metadata      320       any ``<meta>`` tags: Highwire ``citation_*``, Dublin
                                 Core, Open Graph (read through the RDF translator)
DOI                    400       DOIs in the page's text
=====================  ========  ==================================================

So a page with two COinS spans offers a pick-list, whatever its ``<meta>``
tags say; that is why only a list of works may carry COinS.

The model follows these sources, read where cited (no code of theirs is
copied, only their rules):

* zotero/translators at 2814370 (2026-06-26): ``COinS.js`` (``detectWeb``,
  ``doWeb``), ``Embedded Metadata.js`` (``init`` for the item type,
  ``HIGHWIRE_MAPPINGS``, ``addHighwireMetadata``, ``processHighwireCreators``,
  ``addLowQualityMetadata``), ``RDF.js`` (``detectType``, ``importItem``);
* zotero/utilities at 4051881: ``openurl.js`` ``parseContextObject`` and
  ``utilities.js`` ``cleanAuthor``;
* zotero/zotero-schema, ``schema.json`` version 41: which fields and creator
  types each item type has (``ITEM_TYPES`` below holds the types these pages
  can produce).

The module is long (over 300 lines) because it follows three translators,
the item schema and two of Zotero's utilities rule by rule, and those rules
are best read together, in the order the connector applies them.

Only what a static site can contain is modelled: ``<meta name|property>``,
``<link rel="schema.*">``, ``<link rel="canonical">``, COinS spans, ``<title>``
and ``<html lang>``. Bylines, parse.ly data and WordPress markers (which
Embedded Metadata also reads) are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# -- Zotero's item types (zotero-schema 41): fields, base-field mappings, creator types

FIELDS_COMMON = ("title", "abstractNote", "date", "url", "accessDate", "language", "rights", "extra", "shortTitle")
ITEM_TYPES: dict[str, dict] = {
    "book": {
        "fields": (
            *FIELDS_COMMON,
            "series",
            "seriesNumber",
            "volume",
            "numberOfVolumes",
            "edition",
            "publisher",
            "place",
            "numPages",
            "ISBN",
            "DOI",
            "ISSN",
            "libraryCatalog",
            "callNumber",
        ),
        "mapped": {},
        "creators": ("author", "contributor", "editor", "translator", "seriesEditor"),
    },
    "bookSection": {
        "fields": (
            *FIELDS_COMMON,
            "bookTitle",
            "series",
            "seriesNumber",
            "volume",
            "numberOfVolumes",
            "edition",
            "publisher",
            "place",
            "pages",
            "ISBN",
            "DOI",
            "ISSN",
            "libraryCatalog",
            "callNumber",
        ),
        "mapped": {"publicationTitle": "bookTitle"},
        "creators": ("author", "contributor", "editor", "bookAuthor", "translator", "seriesEditor"),
    },
    "journalArticle": {
        "fields": (
            *FIELDS_COMMON,
            "publicationTitle",
            "publisher",
            "place",
            "volume",
            "issue",
            "section",
            "pages",
            "series",
            "journalAbbreviation",
            "DOI",
            "ISSN",
            "libraryCatalog",
            "callNumber",
        ),
        "mapped": {},
        "creators": ("author", "contributor", "editor", "translator", "reviewedAuthor"),
    },
    "webpage": {
        "fields": (*FIELDS_COMMON, "websiteTitle", "websiteType", "publisher", "place", "DOI"),
        "mapped": {"publicationTitle": "websiteTitle", "type": "websiteType"},
        "creators": ("author", "contributor", "translator"),
    },
    "document": {
        "fields": (*FIELDS_COMMON, "type", "publisher", "place", "DOI", "libraryCatalog", "callNumber"),
        "mapped": {},
        "creators": ("author", "contributor", "editor", "translator", "reviewedAuthor"),
    },
    "report": {
        "fields": (
            *FIELDS_COMMON,
            "reportNumber",
            "reportType",
            "institution",
            "place",
            "pages",
            "DOI",
            "ISBN",
            "ISSN",
            "libraryCatalog",
            "callNumber",
        ),
        "mapped": {"number": "reportNumber", "type": "reportType", "publisher": "institution"},
        "creators": ("author", "editor", "contributor", "translator", "seriesEditor"),
    },
    "conferencePaper": {
        "fields": (
            *FIELDS_COMMON,
            "proceedingsTitle",
            "conferenceName",
            "publisher",
            "place",
            "volume",
            "pages",
            "DOI",
            "ISBN",
            "ISSN",
            "libraryCatalog",
            "callNumber",
        ),
        "mapped": {"publicationTitle": "proceedingsTitle"},
        "creators": ("author", "contributor", "editor", "translator", "seriesEditor"),
    },
    "thesis": {
        "fields": (*FIELDS_COMMON, "thesisType", "university", "place", "numPages", "DOI", "ISBN", "libraryCatalog"),
        "mapped": {"type": "thesisType", "publisher": "university"},
        "creators": ("author", "contributor"),
    },
}

# -- translators ---------------------------------------------------------------------------

UNAPI, COINS, EMBEDDED, DOI = "unAPI", "COinS", "Embedded Metadata", "DOI"
PRIORITY = {UNAPI: 300, COINS: 310, EMBEDDED: 320, DOI: 400}

# Embedded Metadata's namespace prefixes (its ``_prefixes``), extended by the page's
# <link rel="schema.X" href> and by prefix attributes.
PREFIXES = {
    "bib": "http://purl.org/net/biblio#",
    "bibo": "http://purl.org/ontology/bibo/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://nwalsh.com/rdf/vCard#",
    "link": "http://purl.org/rss/1.0/modules/link/",
    "z": "http://www.zotero.org/namespaces/export#",
    "eprint": "http://purl.org/eprint/terms/",
    "eprints": "http://purl.org/eprint/terms/",
    "og": "http://ogp.me/ns#",
    "article": "http://ogp.me/ns/article#",
    "book": "http://ogp.me/ns/book#",
    "music": "http://ogp.me/ns/music#",
    "video": "http://ogp.me/ns/video#",
    "so": "http://schema.org/",
    "codemeta": "https://codemeta.github.io/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
DC, DCTERMS, OG, ARTICLE, BOOK = (PREFIXES[p] for p in ("dc", "dcterms", "og", "article", "book"))
PRISM, BIBO, SO, EPRINTS = (PREFIXES[p] for p in ("prism", "bibo", "so", "eprints"))

# Embedded Metadata's HIGHWIRE_MAPPINGS, in its order (a later tag mapped to the
# same field wins: citation_date over citation_publication_date).
HIGHWIRE = (
    ("citation_title", "title"),
    ("citation_publication_date", "date"),
    ("citation_cover_date", "date"),
    ("citation_date", "date"),
    ("citation_journal_title", "publicationTitle"),
    ("citation_journal_abbrev", "journalAbbreviation"),
    ("citation_inbook_title", "publicationTitle"),
    ("citation_book_title", "bookTitle"),
    ("citation_volume", "volume"),
    ("citation_issue", "issue"),
    ("citation_series_title", "series"),
    ("citation_conference_title", "conferenceName"),
    ("citation_conference", "conferenceName"),
    ("citation_dissertation_institution", "university"),
    ("citation_technical_report_institution", "institution"),
    ("citation_technical_report_number", "number"),
    ("citation_publisher", "publisher"),
    ("citation_isbn", "ISBN"),
    ("citation_abstract", "abstractNote"),
    ("citation_doi", "DOI"),
    ("citation_public_url", "url"),
    ("citation_language", "language"),
)
# Tags that fix the item type (Embedded Metadata's ``hwType``; the last one on the page wins).
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}

DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s&\"'<>]+")


@dataclass(frozen=True)
class Creator:
    creator_type: str
    last: str
    first: str = ""

    def __str__(self) -> str:
        name = f"{self.last}, {self.first}" if self.first else self.last
        return f"{self.creator_type}: {name}"


@dataclass
class Item:
    """A Zotero item as it would be saved: type, fields valid for it, creators."""

    item_type: str
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[Creator] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # "PDF <url>" or "Snapshot"
    discarded: dict[str, str] = field(default_factory=dict)  # fields the item type has no place for

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def container(self) -> str:
        """The title of what the item is part of (book, journal, website)."""
        for name in ("bookTitle", "publicationTitle", "websiteTitle", "proceedingsTitle"):
            if self.fields.get(name):
                return self.fields[name]
        return ""


@dataclass
class Saved:
    """What the connector does on a page: which translator, and what it offers."""

    translator: str | None  # None: no translator detects the page (Zotero saves a web page snapshot)
    items: list[Item]
    pick_list: bool = False  # True: the reader is asked to pick among ``items``

    @property
    def item(self) -> Item:
        assert not self.pick_list and len(self.items) == 1, f"{self.translator} offers {len(self.items)} items"
        return self.items[0]


@dataclass
class Page:
    url: str
    meta: list[tuple[str, str]]  # (name or property, content), in document order, head first
    links: list[tuple[str, str]]  # (rel, href)
    coins: list[str]  # the title attributes of span.Z3988
    title: str
    lang: str
    text: str
    prefix_attributes: str = ""

    @classmethod
    def parse(cls, html: str, url: str) -> Page:
        soup = BeautifulSoup(html, "lxml")
        meta = []
        for tag in soup.find_all("meta"):
            name = tag.get("name") or tag.get("property")
            content = tag.get("content")
            if name and content:
                meta.append((str(name), str(content)))
        links = [(" ".join(tag.get("rel") or []), tag.get("href", "")) for tag in soup.find_all("link")]
        coins = [str(span["title"]) for span in soup.select("span.Z3988[title]")]
        html_tag, head = soup.find("html"), soup.find("head")
        prefixes = ((html_tag.get("prefix") if html_tag else "") or "") + ((head.get("prefix") if head else "") or "")
        return cls(
            url=url,
            meta=meta,
            links=links,
            coins=coins,
            title=soup.title.get_text() if soup.title else "",
            lang=(html_tag.get("lang") if html_tag else "") or "",
            text=(soup.body or soup).get_text(" "),
            prefix_attributes=prefixes,
        )

    def values(self, name: str) -> list[str]:
        """Every ``<meta>`` whose name *ends* with ``name`` (Embedded Metadata's non-strict match)."""
        return [content for key, content in self.meta if key.endswith(name)]

    def first(self, name: str) -> str:
        found = self.values(name)
        return found[0] if found else ""


# -- helpers Zotero uses ------------------------------------------------------------------


def clean_author(name: str, creator_type: str, use_comma: bool) -> Creator:
    """``Zotero.Utilities.cleanAuthor``: "Wang, Jianing" or "Jianing Wang" -> family and given name."""
    name = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", name)
    name = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", name)
    name = re.sub(r"[\s\u00a0]+", " ", name, count=1)
    if use_comma:
        name = re.sub(r"\.([^ ])", r". \1", name, count=1)
        parts = re.split(r"[,\u060c] ?", name)
        last, first = (parts[0], parts[1]) if len(parts) > 1 else (name, "")
    else:
        index = len(name)
        while True:
            index = name.rfind(" ", 0, index)
            last, first = name[index + 1 :], name[: max(index, 0)]
            if index <= 0 or (last and last[0].isalpha()):
                break
    if (
        first
        and re.fullmatch(r"[A-Z\u0400-\u042f]+", first)
        and len(first) < 4
        and (len(first) == 1 or last.upper() != last)
    ):
        first = " ".join(f"{letter}." for letter in first)
    if first:
        names = re.split(r"(?:[\s.]+|(?=-))", re.sub(r"[\s,]+$", "", re.sub(r"^[\s.]+", "", first)))
        first = (
            " ".join(n + ("." if re.fullmatch(r"-?[A-Z\u0400-\u042f]", n) else "") for n in names)
            .replace(" -", "-")
            .strip()
        )
    return Creator(creator_type, last, first)


def fix_case(name: str) -> str:
    """Embedded Metadata's ``fixCase``: names all in upper or lower case become title case."""
    return name.title() if name and (name.upper() == name or name.lower() == name) else name


def parse_context_object(title: str) -> Item | None:
    """``parseContextObject`` of zotero/utilities (openurl.js), for the keys COinS uses."""
    parts = title.split("&")
    item_type = None
    for part in parts:
        if part.startswith("rft_val_fmt="):
            fmt = unquote(part[len("rft_val_fmt=") :])
            if fmt == "info:ofi/fmt:kev:mtx:journal":
                item_type = "journalArticle"
            elif fmt == "info:ofi/fmt:kev:mtx:book":
                if "rft.genre=bookitem" in parts:
                    item_type = "bookSection"
                elif "rft.genre=conference" in parts or "rft.genre=proceeding" in parts:
                    item_type = "conferencePaper"
                elif "rft.genre=report" in parts:
                    item_type = "report"
                elif "rft.genre=document" in parts:
                    item_type = "document"
                else:
                    item_type = "book"
            elif fmt == "info:ofi/fmt:kev:mtx:dissertation":
                item_type = "thesis"
            elif fmt == "info:ofi/fmt:kev:mtx:dc":
                item_type = "webpage"
            if item_type:
                break
    if item_type is None:
        return None
    raw: dict[str, str] = {}
    creators: list[Creator] = []
    for part in parts:
        key, _, value = part.partition("=")
        value = unquote(re.sub(r"\+|%2[bB]", " ", value))  # Zotero reads an encoded plus as a space too
        if not value:
            continue
        if key == "rft_id":
            if value[:8].lower() == "info:doi":
                raw["DOI"] = value[9:]
            elif re.match(r"https?://", value):
                raw["url"] = value
        elif key == "rft.btitle":
            raw["title" if item_type in ("book", "report") else "publicationTitle"] = value
        elif key == "rft.atitle" and item_type in ("journalArticle", "bookSection", "conferencePaper"):
            raw["title"] = value
        elif key == "rft.jtitle" and item_type == "journalArticle":
            raw["publicationTitle"] = value
        elif key == "rft.title":
            raw[
                "publicationTitle" if item_type in ("journalArticle", "bookSection", "conferencePaper") else "title"
            ] = value
        elif key == "rft.date":
            raw["date"] = value
        elif key in ("rft.volume", "rft.issue", "rft.pages", "rft.edition", "rft.place"):
            raw[key[4:]] = value
        elif key in ("rft.spage", "rft.epage") and "rft.pages=" not in title:
            raw["pages"] = f"{raw['pages']}-{value}" if "pages" in raw and key == "rft.epage" else value
        elif key in ("rft.au", "rft.creator"):
            creators.append(clean_author(value, "author", "," in value))
        elif key == "rft.aucorp":
            creators.append(Creator("author", value))
        elif key in ("rft.pub", "rft.publisher"):
            raw["publisher"] = value
        elif key == "rft.isbn":
            raw.setdefault("ISBN", value)
        elif key == "rft.issn":
            raw["ISSN"] = value
    return conform(Item(item_type, creators=creators), raw)


def conform(item: Item, raw: dict[str, str]) -> Item:
    """Put ``raw`` fields where the item type has them (base fields mapped), discarding the rest."""
    spec = ITEM_TYPES.get(item.item_type)
    if spec is None:
        raise ValueError(f"item type {item.item_type!r} is not modelled")
    for name, value in raw.items():
        if not value:
            continue
        target = spec["mapped"].get(name, name)
        if target in spec["fields"]:
            item.fields[target] = value
        else:
            item.discarded[name] = value
    for index, creator in enumerate(item.creators):
        if creator.creator_type not in spec["creators"]:  # Zotero saves it under the primary type
            item.creators[index] = Creator(spec["creators"][0], creator.last, creator.first)
            item.discarded[f"creatorType {creator.creator_type}"] = str(creator)
    return item


# -- Embedded Metadata ---------------------------------------------------------------------


def _prefixes(page: Page) -> dict[str, str]:
    prefixes = dict(PREFIXES)
    for rel, href in page.links:
        match = re.match(r"^schema\.([a-zA-Z]+)", rel)
        if match:
            prefixes[match.group(1).lower()] = href.replace("http://purl.org/DC/", "http://purl.org/dc/")
    for name, uri in re.findall(r"(\w+):\s+(\S+)", page.prefix_attributes):
        prefixes[name.lower()] = uri
    return prefixes


def _statements(page: Page) -> tuple[dict[str, list[str]], str | None, str | None]:
    """RDF statements about the page, Highwire's type, and its type guess (Embedded Metadata's ``init``)."""
    prefixes = _prefixes(page)
    statements: dict[str, list[str]] = {}
    hw_type = hw_guess = None
    for names, value in page.meta:
        for tag in names.split():
            parts = re.split(r"[.:_]", tag)
            prefix = parts[1].lower() if len(parts) > 2 else None
            length = len(parts[0]) + len(parts[1]) + 1 if prefix else 0
            if not prefix or prefix not in prefixes:
                prefix, length = parts[0].lower(), len(parts[0])
            if prefix in prefixes:
                prop = tag[length + 1 :]
                prop = prop[:1].lower() + prop[1:]
                statements.setdefault(prefixes[prefix] + prop, []).append(value)
                continue
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else ""
            if short in HIGHWIRE_TYPES:
                hw_type = HIGHWIRE_TYPES[short]
            elif short in ("citation_title", "citation_series_title"):
                hw_guess = hw_guess or "journalArticle"
            elif short == "citation_isbn":
                hw_guess = "book"
    return statements, hw_type, hw_guess


DC_TYPES = {
    "book": "book", "patent": "patent", "report": "report", "thesis": "thesis", "bookitem": "bookSection",
    "conferenceitem": "conferencePaper", "conferencepaper": "conferencePaper", "article": "journalArticle",
    "journalitem": "journalArticle", "journalarticle": "journalArticle", "scholarlytext": "journalArticle",
    "workingpaper": "report", "authoredbook": "book", "bookchapter": "bookSection", "electronicbook": "book",
    "homepage": "webpage", "webpage": "webpage", "map": "map",
}  # fmt: skip
DC_GUESSES = {"text": "journalArticle", "image": "artwork", "stillimage": "artwork", "software": "computerProgram"}
OG_TYPES = {"book": "book", "website": "webpage", "music.song": "audioRecording", "video.movie": "videoRecording"}


def _first(statements: dict[str, list[str]], *predicates: str) -> str:
    for predicate in predicates:
        if statements.get(predicate):
            return statements[predicate][0]
    return ""


def _rdf_type(statements: dict[str, list[str]], default: str | None) -> str | None:
    """RDF.js ``detectType`` for the predicates a page's ``<meta>`` can carry."""
    strong: dict[str, str] = {}
    guesses: dict[str, str] = {}
    og = _first(statements, OG + "type")
    if og in OG_TYPES:
        strong["og"] = OG_TYPES[og]
    elif og == "article":
        guesses["og"] = "journalArticle"
    dc = _first(statements, DC + "type", DCTERMS + "type")
    if dc:
        key = dc.lower().replace(" ", "")
        if dc in ITEM_TYPES:
            strong["dc"] = dc
        elif key in DC_TYPES:
            strong["dc"] = DC_TYPES[key]
        elif key in DC_GUESSES:
            guesses["dc"] = DC_GUESSES[key]
    for source in ("og", "dc"):  # t.zotero, t.bib, t.prism, t.eprints come first; pages carry none
        if source in strong:
            return strong[source]
    if default:
        return default
    for source in ("og", "dc"):
        if source in guesses:
            return guesses[source]
    return None


def embedded_type(page: Page) -> str | None:
    """The item type Embedded Metadata detects (``detectWeb``), or None."""
    if not page.meta:
        return None
    statements, hw_type, hw_guess = _statements(page)
    if statements:
        return hw_type or _rdf_type(statements, hw_guess or "webpage")
    return hw_type or hw_guess


def _rdf_item(statements: dict[str, list[str]], item_type: str) -> tuple[dict[str, str], list[Creator]]:
    """The fields and creators RDF.js ``importItem`` takes from the page's statements."""
    raw = {
        "title": _first(statements, DC + "title", DCTERMS + "title", EPRINTS + "title", OG + "title", SO + "headline"),
        "rights": _first(statements, PRISM + "copyright", DC + "rights", DCTERMS + "rights", SO + "license"),
        "section": _first(statements, ARTICLE + "section", SO + "genre"),
        "edition": _first(statements, PRISM + "edition", BIBO + "edition", SO + "bookEdition", SO + "version"),
        "publisher": _first(statements, DC + "publisher", DCTERMS + "publisher", SO + "publisher"),
        "date": _first(
            statements, PRISM + "publicationDate", OG + "published_time", ARTICLE + "published_time",
            BOOK + "release_date", DC + "date.issued", DCTERMS + "date.issued", DCTERMS + "issued", DC + "date",
            DCTERMS + "date", SO + "datePublished",
        ),
        "url": _first(statements, OG + "url", BIBO + "uri", SO + "url", SO + "sameAs"),
        "abstractNote": _first(
            statements, PRISM + "teaser", OG + "description", BIBO + "abstract", DCTERMS + "abstract",
            DC + "description.abstract", DCTERMS + "description.abstract", SO + "description",
        ) or _first(statements, DC + "description", DCTERMS + "description"),
        "language": _first(statements, DC + "language", DCTERMS + "language", SO + "inLanguage"),
        "ISBN": _first(statements, BIBO + "isbn", BOOK + "isbn", SO + "isbn"),
    }  # fmt: skip
    if item_type in ("webpage", "blogPost") and not raw.get("publicationTitle"):
        raw["publicationTitle"] = _first(statements, OG + "site_name")
    creators: list[Creator] = []
    roles = {
        "author": (SO + "author", SO + "creator", DC + "creator", DCTERMS + "creator", DC + "contributor",
                   DCTERMS + "contributor"),
        "editor": (SO + "editor",),
        "contributor": (SO + "contributor",),
    }  # fmt: skip
    for role in ITEM_TYPES[item_type]["creators"]:
        for predicate in roles.get(role, ()):
            if statements.get(predicate):
                creators += [clean_author(v, role, "," in v) for v in statements[predicate]]
                break
    return raw, creators


def _highwire_creators(page: Page, name: str, role: str) -> list[Creator]:
    nodes = page.values(name) or page.values(name + "s")
    creators: list[Creator] = []
    last = None
    language = page.first("citation_language")
    for node in nodes:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(nodes) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            spanish = len(by_comma) == 2 and language in ("es", "spa", "Spanish", "español")
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not spanish:
                names = by_comma
        for person in names:
            person = person.strip()
            if not person or not re.search(r"[^\s,\-.;]", person) or person == last:
                continue
            last = person
            creator = clean_author(person, role, "," in person)
            if creator.first:
                creator = Creator(role, fix_case(creator.last), fix_case(creator.first))
            creators.append(creator)
    return creators


def embedded_item(page: Page) -> Item:
    """The item Embedded Metadata saves (``doWeb``)."""
    statements, hw_type, hw_guess = _statements(page)
    # The RDF translator imports with the type it detects itself; Highwire's type
    # replaces it afterwards (addHighwireMetadata).
    item_type = (_rdf_type(statements, hw_guess or "webpage") if statements else hw_guess) or "webpage"
    raw: dict[str, str] = {}
    creators: list[Creator] = []
    if statements:
        raw, creators = _rdf_item(statements, item_type)
    for tag, name in HIGHWIRE:  # Highwire overrides what RDF found
        values = page.values(tag)
        value = ", ".join(values) if name in ("ISBN", "ISSN") else values[0] if values else ""
        if value.strip():
            raw[name] = " ".join(value.split())
    highwire = _highwire_creators(page, "citation_author", "author") + _highwire_creators(
        page, "citation_editor", "editor"
    )
    if highwire:
        rdf_editors = {(c.first + c.last).lower() for c in creators if c.creator_type == "editor"}
        creators = [
            Creator("editor", c.last, c.first) if (c.first + c.last).lower() in rdf_editors else c for c in highwire
        ]
    first, last = page.first("citation_firstpage"), page.first("citation_lastpage")
    if first:
        raw["pages"] = first + (f"-{last}" if last else "")
    if hw_type:
        item_type = hw_type
    if not raw.get("date"):
        raw["date"] = page.first("citation_online_date") or page.first("citation_year")
    pdf = page.values("citation_pdf_url")
    attachments = [f"PDF {pdf[0]}"] if pdf else ["Snapshot"]
    if not raw.get("url"):
        raw["url"] = page.first("citation_abstract_html_url") or page.first("citation_fulltext_html_url")
    # addLowQualityMetadata
    if not raw.get("title"):
        raw["title"] = page.title
    raw["title"] = re.sub(r"\s+", " ", raw["title"])
    if not creators:
        authors = [c for k, c in page.meta if k.lower() == "author" and re.search(r"[^\s,\-.;]", c)]
        creators = [clean_author(a, "author", False) for a in dict.fromkeys(authors)]
    if not raw.get("abstractNote"):
        raw["abstractNote"] = " ".join(next((c for k, c in page.meta if k.lower() == "description"), "").split())
    if not raw.get("url"):
        raw["url"] = next((href for rel, href in page.links if rel == "canonical"), "") or page.url
    if not raw.get("language"):
        raw["language"] = next((c for k, c in page.meta if k.lower() == "language"), "") or page.lang
    raw["libraryCatalog"] = urlsplit(page.url).netloc
    if raw.get("DOI") and "DOI" not in ITEM_TYPES.get(item_type, {}).get("fields", ()):
        raw["extra"] = f"DOI: {raw.pop('DOI')}"
    item = Item(item_type, creators=creators, attachments=attachments)
    return conform(item, raw)


# -- the connector ----------------------------------------------------------------------------


def coins_items(page: Page) -> list[Item]:
    items = [parse_context_object(title) for title in page.coins]
    return [item for item in items if item is not None]


def detected(page: Page) -> dict[str, str]:
    """Every translator that detects the page, with what it detects."""
    found: dict[str, str] = {}
    if any(rel == "unapi-server" for rel, _ in page.links):
        found[UNAPI] = "unAPI"
    coins = coins_items(page)
    if coins:
        found[COINS] = "multiple" if len(coins) > 1 else coins[0].item_type
    kind = embedded_type(page)
    if kind:
        found[EMBEDDED] = kind
    if DOI_IN_TEXT.search(page.text):
        found[DOI] = "journalArticle"
    return found


def save(page: Page) -> Saved:
    """What Zotero's connector saves from ``page`` with its default (highest-priority) translator."""
    found = detected(page)
    if not found:
        return Saved(None, [])
    winner = min(found, key=PRIORITY.__getitem__)
    if winner == COINS:
        items = coins_items(page)
        return Saved(COINS, items, pick_list=len(items) > 1)
    if winner == EMBEDDED:
        return Saved(EMBEDDED, [embedded_item(page)])
    raise NotImplementedError(f"{winner} would save this page; the model does not follow it")
