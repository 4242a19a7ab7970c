"""BibTeX entries (as pybtex reads them) to CSL-JSON items.

pybtex stays the reader: it parses the .bib files, expands ``@string``
macros and reports errors with file and line; the bibliography resolves
``crossref``. This module turns each parsed entry into the CSL-JSON item a
CSL processor formats. citeproc-py's own BibTeX reader is not used: it turns
an ``@incollection`` into an article and drops ``school``, ``url`` and
``urldate``. Every entry type and field the Harvard style knows is converted
here, so both styles format the same data.

Text fields become CSL-JSON rich text: braces that protect case in BibTeX
(``{Sino-Soviet}``) become ``<span class="nocase">``, ``\\emph`` becomes
``<i>``, and the characters ``& < >`` are written as entities, so a field can
never smuggle markup through: the processor's parser of these strings
(:mod:`mkdocs_scholia.csl.richtext`) knows only these few tags.

Decisions (documented in the guide's page on styles):

* a corporate author written in braces (``{BBC News}``) is a ``literal`` name;
* an entry with no author and no editor but an ``organization`` or
  ``institution`` has that body as its author, as the Harvard style puts it
  first ("Department of Health (2010) …");
* BibTeX's ``and others`` has no CSL equivalent: the named people are kept
  and the style's own et-al rules apply;
* the editors' ``supplied`` note is not part of the work's data: the
  bibliography adds the "[Supplied by the editors: …]" mark itself.

The mapping of every BibTeX type and field is written out in
:mod:`mkdocs_scholia.csl.fields`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pybtex.richtext import BaseMultipartText, Tag

from mkdocs_scholia.csl.fields import MONTHS, NAME_ROLES, TEXT_FIELDS, THESIS_GENRES, TYPES
from mkdocs_scholia.rules import dois, pages
from mkdocs_scholia.style.latex import decode_latex, rich_latex
from mkdocs_scholia.style.names import is_others

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
YEAR = re.compile(r"^(-?\d{1,4})$")
# Characters reserved for the processor's markup (see richtext.py): never from data.
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TAGS = {"em": "i", "i": "i", "strong": "b", "b": "b", "sup": "sup", "sub": "sub"}


def escape(text: str) -> str:
    """Text as CSL-JSON rich text: only ``& < >`` are special there."""
    text = CONTROL.sub("", PRIVATE_USE.sub("", text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markup(rich: Any) -> str:
    """pybtex rich text as CSL-JSON markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``)."""
    if isinstance(rich, str):
        return escape(rich)
    if isinstance(rich, Tag):
        inner = "".join(_markup(part) for part in rich.parts)
        tag = TAGS.get(rich.name.lower())
        return f"<{tag}>{inner}</{tag}>" if tag and inner else inner
    if isinstance(rich, BaseMultipartText):
        return "".join(_markup(part) for part in rich.parts)
    return escape(str(rich))


def _segments(value: str) -> Iterable[tuple[bool, str]]:
    """``(protected, latex)`` runs of a decoded value: brace groups that protect case.

    A brace group right after a command (``\\emph{…}``, ``\\mbox{…}``) is the
    command's argument, not a protection; ``{\\em …}`` is a formatting switch.
    """
    run: list[str] = []
    position, length = 0, len(value)
    while position < length:
        char = value[position]
        if char == "\\":
            match = re.match(r"\\([A-Za-z]+)\s*|\\.", value[position:])
            step = match.end() if match else 1
            run.append(value[position : position + step])
            position += step
            if match and match.group(1) and position < length and value[position] == "{":
                end = _closing(value, position)
                run.append(value[position : end + 1])
                position = end + 1
            continue
        if char == "{":
            end = _closing(value, position)
            inner = value[position + 1 : end]
            if run:
                yield False, "".join(run)
                run = []
            if inner.startswith("\\") and not re.match(r"\\[^A-Za-z]", inner):
                yield False, "{" + inner + "}"  # {\em …}, {\"u}: a command, not case protection
            else:
                yield True, inner
            position = end + 1
            continue
        run.append(char)
        position += 1
    if run:
        yield False, "".join(run)


def _closing(value: str, start: int) -> int:
    """The index of the brace closing the one at ``start`` (the end, if unbalanced)."""
    depth = 0
    for index in range(start, len(value)):
        if value[index] == "\\":
            continue
        if value[index] == "{" and (index == 0 or value[index - 1] != "\\"):
            depth += 1
        elif value[index] == "}" and value[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return len(value) - 1


def rich_text(value: str) -> str:
    """A LaTeX field value as CSL-JSON rich text (case protection, italics, entities)."""
    decoded = decode_latex(value)
    parts = []
    for protected, latex in _segments(decoded):
        # Each run is read as LaTeX on its own, which would drop its outer
        # blanks ("the {Soviet} Union"): they are put back as one space.
        markup = _markup(rich_latex(latex.strip()))
        if protected and len(markup) > 1:
            markup = f'<span class="nocase">{markup}</span>'
        before = " " if latex[:1].isspace() else ""
        after = " " if latex[-1:].isspace() and latex.strip() else ""
        parts.append(before + markup + after)
    return _squeeze("".join(parts))


def plain_text(value: str) -> str:
    """A LaTeX field value as plain text (no markup, no entities)."""
    return _squeeze(CONTROL.sub("", PRIVATE_USE.sub("", str(rich_latex(decode_latex(value))))))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _name(person: Any) -> dict[str, str]:
    """One pybtex person as a CSL name: family, given, particles, suffix; a braced body is a literal."""
    last = list(person.last_names)
    if (
        len(last) == 1
        and last[0].startswith("{")
        and last[0].endswith("}")
        and not (person.first_names or person.middle_names or person.prelast_names or person.lineage_names)
    ):
        return {"literal": plain_text(last[0][1:-1])}
    name: dict[str, str] = {}
    family = plain_text(" ".join(last))
    if family:
        name["family"] = family
    given = plain_text(" ".join(person.first_names + person.middle_names))
    if given:
        name["given"] = given
    particle = plain_text(" ".join(person.prelast_names))
    if particle:
        name["non-dropping-particle"] = particle
    suffix = plain_text(" ".join(person.lineage_names))
    if suffix:
        name["suffix"] = suffix
    return name or {"literal": plain_text(str(person))}


def _month(value: str) -> int | None:
    text = plain_text(value).strip().rstrip(".").lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return MONTHS.get(text)


def _date(value: str) -> dict[str, Any] | None:
    """An ISO date or range (``2019-05-02``, ``2019/2020``) as CSL date parts; else a literal."""
    text = plain_text(value)
    if not text:
        return None
    parts = []
    for piece in text.split("/"):
        match = ISO_DATE.match(piece.strip())
        if match is None:
            return {"literal": text}
        parts.append([int(group) for group in match.groups() if group])
    return {"date-parts": parts}


def _issued(fields: Any) -> dict[str, Any] | None:
    if fields.get("date"):
        return _date(fields["date"])
    year = plain_text(fields.get("year", ""))
    if not year:
        return None
    match = YEAR.match(year)
    if match is None:
        return {"literal": year}
    parts = [int(match.group(1))]
    month = _month(fields.get("month", "")) if fields.get("month") else None
    if month:
        parts.append(month)
        day = plain_text(fields.get("day", ""))
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def to_csl(key: str, entry: Any) -> dict[str, Any]:
    """The CSL-JSON item for one BibTeX entry (``id`` is the key as the .bib writes it)."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    bibtex_type = entry.type.lower()
    item: dict[str, Any] = {"id": key, "type": TYPES.get(bibtex_type, "document")}
    for role, variable in NAME_ROLES.items():
        persons = [person for person in entry.persons.get(role, []) if not is_others(person)]
        if persons:
            item[variable] = [_name(person) for person in persons]
    if "author" not in item and "editor" not in item:
        for body in ("organization", "institution"):
            if fields.get(body):
                item["author"] = [{"literal": plain_text(fields[body])}]
                break
    for name, variable in TEXT_FIELDS.items():
        if variable and fields.get(name) and variable not in item:
            item[variable] = rich_text(fields[name])
    if fields.get("subtitle") and "title" in item:
        item["title"] = f"{item['title']}: {rich_text(fields['subtitle'])}"
    if fields.get("pages"):
        item["page"] = pages.page_range(plain_text(fields["pages"]))
    if fields.get("number"):
        item["issue" if item["type"] in ("article-journal", "periodical") else "number"] = rich_text(fields["number"])
    if fields.get("issue") and "issue" not in item:
        item["issue"] = rich_text(fields["issue"])
    if bibtex_type in ("phdthesis", "mastersthesis", "thesis"):
        item["genre"] = rich_text(fields["type"]) if fields.get("type") else THESIS_GENRES.get(bibtex_type, "Thesis")
        for publisher in ("school", "institution"):
            if fields.get(publisher) and "publisher" not in item:
                item["publisher"] = rich_text(fields[publisher])
    elif fields.get("type"):
        item["genre"] = rich_text(fields["type"])
    if item["type"] == "report" and fields.get("institution") and "publisher" not in item:
        item["publisher"] = rich_text(fields["institution"])
    if fields.get("organization") and "publisher" not in item and item["type"] in ("book", "paper-conference"):
        item["publisher"] = rich_text(fields["organization"])
    if fields.get("howpublished"):
        item.setdefault("publisher", rich_text(fields["howpublished"]))
    issued = _issued(fields)
    if issued:
        item["issued"] = issued
    if fields.get("urldate"):
        accessed = _date(fields["urldate"])
        if accessed:
            item["accessed"] = accessed
    if fields.get("origdate") or fields.get("origyear"):
        original = _date(fields.get("origdate") or fields["origyear"])
        if original:
            item["original-date"] = original
    if fields.get("doi"):
        item["DOI"] = dois.bare(fields["doi"])
    if fields.get("url"):
        item["URL"] = CONTROL.sub("", fields["url"].strip())
    return item


def to_csl_items(entries: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    """CSL-JSON for ``(key, entry)`` pairs, in the order given."""
    return [to_csl(key, entry) for key, entry in entries]
