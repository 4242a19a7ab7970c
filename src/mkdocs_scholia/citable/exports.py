"""BibTeX, RIS and CSL-JSON for the edition, its parts and its paragraphs.

Written at build time as static files (``cite/edition.bib``,
``cite/personal-factors.ris``, ``cite/personal-factors/p2.3.json``…) and
shown in the "Cite this" panel. Each writer is a pure function of a
:class:`~mkdocs_scholia.citable.cite_this.Citable`, so the same item always gives the
same bytes.

* BibTeX: the edition is a ``@book``, a part or paragraph an
  ``@incollection`` in it. Both classic BibTeX fields (``year``, ``note``) and
  biblatex's (``date``, ``version``) are written, so either tool chain
  prints the version. Text is UTF-8 with LaTeX's special characters escaped;
  titles are wrapped in braces so that styles keep their capitals.
* RIS: ``BOOK`` and ``CHAP``, one tag per line, CRLF line ends as the RIS
  specification asks, ending with ``ER  -``.
* CSL-JSON: an array with one item (``book`` or ``chapter``), valid against
  the CSL 1.0 input schema; the version is also its ``edition`` ("Version
  1.0.1"), which Cite Them Right styles print.

When the version has a permanent link of its own (``…/v/1.0.1/…``), each
format gives it beside the current address: in BibTeX's ``note``, as a
second ``UR`` and in ``N1`` in RIS, in CSL-JSON's ``note``.

A page the editors wrote has them as its authors, and the edition's author
as the author of the book it is in (biblatex ``bookauthor``, CSL
``container-author``). An organisation is one name: braced in BibTeX,
``literal`` in CSL-JSON.

Every value can come from a pull request (front matter, mkdocs.yml), so none
can leave its field: in BibTeX, LaTeX's specials are escaped (a brace as
``\\textbraceleft{}``, since BibTeX counts ``\\{`` as a brace too, so only
balanced braces ever reach the file) and control characters and line breaks
become spaces; in RIS every value is one line; keys must match
:data:`~mkdocs_scholia.citable.identity.KEY` (a key that does not is an
error, never written).
"""

from __future__ import annotations

import json
import re

from mkdocs_scholia.citable.cite_this import EDITION, PARAGRAPH, Citable
from mkdocs_scholia.citable.identity import KEY, Person

FORMATS = {
    # format → (file extension, media type, name shown to readers)
    "bibtex": ("bib", "application/x-bibtex", "BibTeX"),
    "ris": ("ris", "application/x-research-info-systems", "RIS"),
    "csl": ("json", "application/vnd.citationstyles.csl+json", "CSL-JSON"),
}

# -- BibTeX --------------------------------------------------------------------

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(ch) for ch in LATEX_SPECIALS))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line: control characters and line breaks as spaces, blanks collapsed."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def latex_escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped (the only braces left are balanced pairs), on one line."""
    return _LATEX_RE.sub(lambda m: LATEX_SPECIALS[m.group(0)], one_line(text))


def checked_key(key: str) -> str:
    """``key``, if it matches the key grammar; anything else would break out of the entry."""
    if not KEY.fullmatch(key):
        raise ValueError(f"{key!r} is not a citation key: letters, digits, '_', '.', ':' and '-' only")
    return key


def _bibtex_person(person: Person) -> str:
    family = latex_escape(person.family)
    if " " in person.family:  # keep a multi-word family name together
        family = "{" + family + "}"
    return f"{family}, {latex_escape(person.given)}" if person.given else family


def _bibtex_url(url: str) -> str:
    """URLs are verbatim in biblatex: braces, blanks and control characters percent-encoded."""
    return "".join(f"%{ord(ch):02X}" if _needs_encoding(ch) else ch for ch in url)


def _needs_encoding(ch: str) -> bool:
    return ch in "{}\\" or ord(ch) <= 0x20 or 0x7F <= ord(ch) <= 0x9F


def note(item: Citable) -> str:
    """"Version 1.0.1, 1 December 2026, paragraph 2.3; permanent link: https://…/v/1.0.1/…#p2.3"."""
    parts = [f"Version {item.edition.version}, {item.edition.date_long}"]
    if item.kind == PARAGRAPH:
        parts.append(f"paragraph {item.paragraph_label}")
    text = ", ".join(parts)
    return f"{text}; permanent link: {item.permanent_url}" if item.permanent_url else text


def bibtex_fields(item: Citable) -> list[tuple[str, str]]:
    """``(field, value as written between the braces)``, in a stable order."""
    edition = item.edition
    fields: list[tuple[str, str]] = []
    if item.creators:
        fields.append(("author", " and ".join(_bibtex_person(p) for p in item.creators)))
    if edition.editors:
        fields.append(("editor", " and ".join(_bibtex_person(p) for p in edition.editors)))
    if item.by_editors and not item.book_like and edition.authors:
        fields.append(("bookauthor", " and ".join(_bibtex_person(p) for p in edition.authors)))
    fields.append(("title", "{" + latex_escape(item.title) + "}"))
    if not item.book_like:
        fields.append(("booktitle", "{" + latex_escape(edition.title) + "}"))
        if item.section:
            fields.append(("chapter", latex_escape(item.section)))
    fields.append(("year", edition.year))
    fields.append(("date", edition.date.isoformat()))
    fields.append(("version", latex_escape(edition.version)))
    if edition.publisher:
        fields.append(("publisher", latex_escape(edition.publisher)))
    if edition.place:
        fields.append(("address", latex_escape(edition.place)))
    if edition.doi and item.kind == EDITION:
        fields.append(("doi", _bibtex_url(edition.doi)))
    fields.append(("url", _bibtex_url(item.url)))
    fields.append(("note", latex_escape(note(item))))
    if edition.keywords:
        fields.append(("keywords", latex_escape(", ".join(edition.keywords))))
    return fields


def to_bibtex(item: Citable) -> str:
    entry_type = "book" if item.book_like else "incollection"
    fields = bibtex_fields(item)
    width = max(len(name) for name, _ in fields)
    lines = [f"@{entry_type}{{{checked_key(item.key)},"]
    lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- RIS -------------------------------------------------------------------------


def _ris_value(text: str) -> str:
    return one_line(text)


def to_ris(item: Citable) -> str:
    edition = item.edition
    rows: list[tuple[str, str]] = [("TY", "BOOK" if item.book_like else "CHAP")]
    rows += [("AU", p.inverted) for p in item.creators]
    rows += [("A2", p.inverted) for p in edition.editors]
    rows.append(("TI", item.title))
    if not item.book_like:
        rows.append(("T2", edition.title))
        if item.section:
            rows.append(("SE", item.section))
    rows.append(("PY", edition.year))
    rows.append(("DA", edition.date_slashed))
    rows.append(("ET", f"Version {edition.version}"))
    if edition.publisher:
        rows.append(("PB", edition.publisher))
    if edition.place:
        rows.append(("CY", edition.place))
    if edition.doi and item.kind == EDITION:
        rows.append(("DO", edition.doi))
    rows.append(("UR", item.url))
    if item.permanent_url:  # RIS repeats UR for a second address
        rows.append(("UR", item.permanent_url))
    if edition.language:
        rows.append(("LA", edition.language))
    rows += [("KW", keyword) for keyword in edition.keywords]
    rows.append(("N1", note(item)))
    rows.append(("ID", checked_key(item.key)))
    lines = [f"{tag}  - {_ris_value(value)}" for tag, value in rows]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


# -- CSL-JSON ----------------------------------------------------------------------


def _csl_name(person: Person) -> dict:
    return {"family": person.family, "given": person.given} if person.given else {"literal": person.family}


def to_csl_item(item: Citable) -> dict:
    edition = item.edition
    data: dict = {"id": checked_key(item.key), "type": "book" if item.book_like else "chapter"}
    if item.creators:
        data["author"] = [_csl_name(p) for p in item.creators]
    if edition.editors:
        data["editor"] = [_csl_name(p) for p in edition.editors]
    if item.by_editors and not item.book_like and edition.authors:
        data["container-author"] = [_csl_name(p) for p in edition.authors]
    data["title"] = item.title
    if not item.book_like:
        data["container-title"] = edition.title
        if item.section:
            data["chapter-number"] = item.section
    date = edition.date
    data["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    data["version"] = edition.version
    data["edition"] = f"Version {edition.version}"
    if edition.publisher:
        data["publisher"] = edition.publisher
    if edition.place:
        data["publisher-place"] = edition.place
    if edition.doi and item.kind == EDITION:
        data["DOI"] = edition.doi
    data["URL"] = item.url
    if edition.language:
        data["language"] = edition.language
    if edition.keywords:
        data["keyword"] = ", ".join(edition.keywords)
    notes = [f"Paragraph {item.paragraph_label}"] if item.kind == PARAGRAPH else []
    if item.permanent_url:  # CSL-JSON has one URL: the permanent link goes in the note
        notes.append(f"permanent link: {item.permanent_url}")
    if notes:
        text = "; ".join(notes)
        data["note"] = text[0].upper() + text[1:]
    return data


def to_csl_json(item: Citable) -> str:
    return json.dumps([to_csl_item(item)], ensure_ascii=False, indent=2) + "\n"


WRITERS = {"bibtex": to_bibtex, "ris": to_ris, "csl": to_csl_json}


def render(item: Citable, fmt: str) -> str:
    return WRITERS[fmt](item)
