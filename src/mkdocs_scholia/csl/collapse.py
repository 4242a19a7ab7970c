"""Collapsing the cites of one citation, as a style asks.

``collapse="citation-number"``: runs of three or more consecutive numbers
become a range ("[1–3, 5]"); ``collapse="year"`` and ``"year-suffix"``:
neighbouring cites by the same authors keep the names once ("Radchenko,
2009a, 2009b"; "Doe 2000a, b"), with the style's ``cite-group-delimiter``,
``year-suffix-delimiter`` and ``after-collapse-delimiter``. Only neighbours
are grouped: the test suite (and citeproc-js) group cites only when the
style sorts them, which brings them together.
"""

from __future__ import annotations

from typing import Any

from mkdocs_scholia.csl import markup
from mkdocs_scholia.csl.elements import item_value

EN_DASH = "\u2013"


def collapse_numbers(processor: Any, rendered: list, delimiter: str) -> list[tuple[str | None, str]]:
    parts: list[tuple[str | None, str]] = []
    index = 0
    while index < len(rendered):
        run = [rendered[index]]
        while index + len(run) < len(rendered):
            following, last = _plain_number(processor, rendered[index + len(run)]), _plain_number(processor, run[-1])
            if following is None or last is None or following != last + 1:
                break
            run.append(rendered[index + len(run)])
        if parts:
            parts.append((None, delimiter))
        if len(run) >= 3:
            parts += [(run[0][0].key, run[0][1]), (None, EN_DASH), (run[-1][0].key, run[-1][1])]
        else:
            for position, (item, text, _) in enumerate(run):
                if position:
                    parts.append((None, delimiter))
                emit(parts, item, text)
        index += len(run)
    return parts

def _plain_number(processor: Any, rendered: Any) -> int | None:
    item, text, _ = rendered
    if "locator" in item or item_value(item, "user_prefix") or item_value(item, "user_suffix"):
        return None
    number = processor._numbers.get(item.key)
    return number if number is not None and markup.strip(text).strip() == str(number) else None

def collapse_years(processor: Any, rendered: list, delimiter: str, collapse: str) -> list[tuple[str | None, str]]:
    """Adjacent cites with the same names, collapsed ("Doe 2000, 2001"; "Doe 2000a, b").

    Only neighbours are grouped: the test suite's fixtures (and citeproc-js)
    group cites only when the style sorts them, which brings them together.
    """
    groups: list[list] = []
    for entry in rendered:
        if groups and entry[2] is not None and groups[-1][0][2] == entry[2]:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    group_delimiter = processor.citation.get("cite-group-delimiter", ", ")
    after = processor.citation.get("after-collapse-delimiter", delimiter)
    suffix_delimiter = processor.citation.get("year-suffix-delimiter", delimiter)
    parts: list[tuple[str | None, str]] = []
    previous_collapsed = False
    for members in groups:
        if parts:
            parts.append((None, after if previous_collapsed else delimiter))
        previous_collapsed = len(members) > 1
        previous_year = None
        for position, (item, text, _) in enumerate(members):
            if position:
                suppressed, _ = processor._cite_text(item, "suppress")
                year, suffix = year_of(item), item.reference.get("year_suffix")
                if (
                    collapse != "year"
                    and suffix
                    and year == previous_year
                    and "locator" not in item
                    and "locator" not in members[position - 1][0]
                ):
                    parts.append((None, suffix_delimiter))
                    parts.append((item.key, str(suffix)))
                else:
                    parts.append((None, group_delimiter))
                    emit(parts, item, suppressed)
            else:
                emit(parts, item, text)
            previous_year = year_of(item)
    return parts


def emit(parts: list[tuple[str | None, str]], item: Any, text: str) -> None:
    """One cite as parts: the author's prefix, the rendering (naming the work), the suffix."""
    prefix, suffix = item_value(item, "user_prefix", ""), item_value(item, "user_suffix", "")
    if prefix:
        parts.append((None, prefix + ("" if prefix.endswith((" ", "\u00a0")) else " ")))
    parts.append((item.key, text))
    if suffix:
        parts.append((None, ("" if suffix.startswith((",", ";", ".", " ")) else " ") + suffix))


def year_of(item: Any) -> str | None:
    date = item.reference.get("issued")
    if date is None:
        return None
    begin = date.get("begin", date) if isinstance(date, dict) else date
    return str(begin.get("year")) if hasattr(begin, "get") else None
