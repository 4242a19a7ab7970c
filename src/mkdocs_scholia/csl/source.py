"""CSL-JSON items as the reference objects citeproc-py renders.

citeproc-py's own reader (``CiteProcJSON``) passes rich text through as
written and warns about every variable it does not list; this one parses
rich text (:mod:`mkdocs_scholia.csl.richtext`), keeps the variables
citeproc-py can render and silently leaves out only what no CSL style can
print from it (an item's ``id`` is its key).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from citeproc.source import BibliographySource, Date, DateRange, LiteralDate, Name, Reference

from mkdocs_scholia.csl import richtext

KNOWN = set(VARIABLES) | {"title_short", "container_title_short"}
NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")


def _names(value: Iterable[Mapping[str, str]]) -> list[Name]:
    names = []
    for part in value:
        if part.get("literal"):
            names.append(Name(literal=str(part["literal"])))
        else:
            names.append(Name(**{key: str(part[key]) for key in NAME_PARTS if part.get(key)}))
    return names


def _date(value: Mapping[str, Any]) -> Date | DateRange | LiteralDate | None:
    circa = bool(value.get("circa"))
    parts = [
        dict(zip(("year", "month", "day"), [int(number) for number in piece], strict=False))
        for piece in value.get("date-parts", [])
        if piece
    ]
    if "season" in value and parts:
        parts[0]["season"] = value["season"]
    if len(parts) == 1:
        return Date(circa=circa, **parts[0])
    if len(parts) > 1:
        return DateRange(begin=Date(**parts[0]), end=Date(**parts[1]), circa=circa)
    if value.get("literal"):
        return LiteralDate(str(value["literal"]), circa=circa)
    return None


def reference(item: Mapping[str, Any]) -> Reference:
    """One citeproc-py reference for a CSL-JSON item (key: its ``id``, lower-cased as citeproc-py does)."""
    data: dict[str, Any] = {}
    for key, value in item.items():
        variable = key.replace("-", "_")
        if key in ("id", "type") or variable not in KNOWN or value in (None, "", []):
            continue
        if variable in NAMES:
            data[variable] = _names(value)
        elif variable in DATES:
            date = _date(value) if isinstance(value, Mapping) else None
            if date is not None:
                data[variable] = date
        elif variable in ("language", "URL", "DOI"):
            data[variable] = str(value)
        else:
            data[variable] = richtext.parse(value)
    return Reference(str(item["id"]).lower(), str(item.get("type", "document")), **data)


def bibliography_source(items: Iterable[Mapping[str, Any]]) -> BibliographySource:
    source = BibliographySource()
    for item in items:
        source.add(reference(item))
    return source
