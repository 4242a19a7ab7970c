"""The copy-text and the apparatus: where each departure stands, and the edited text.

``original`` must occur in the copy-text exactly once, or ``occurrence`` says
which occurrence (1-based, in the copy-text's order) is meant; two departures
may not overlap. Readings are given in the copy-text's own notation
(Markdown), so :func:`apply_to` produces the edited text that the fidelity
check compares with the site.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs_scholia.apparatus.model import ApparatusError, Departure

REFERENCES_HEADING = re.compile(r"^#{1,6}[ \t]+\**References\**[ \t]*#*[ \t]*$", re.MULTILINE)
LINE_BREAK_MARK = "\u23ce"  # ⏎: how messages and the notes show a line break of the copy-text


@dataclass(frozen=True)
class Located:
    """A departure and the span of the copy-text it replaces."""

    departure: Departure
    start: int
    end: int


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def shorten(text: str, width: int = 60) -> str:
    """A reading as messages quote it: line breaks shown, long ones cut."""
    shown = text.replace("\n", LINE_BREAK_MARK)
    return repr(shown if len(shown) <= width else shown[: width - 1] + "\u2026")


def locate(copy_text: str, departures: Iterable[Departure]) -> list[Located]:
    """Where each departure's ``original`` stands in the copy-text, in the copy-text's order.

    Fails, listing every problem (one a line, each starting with the entry's
    file:line when known), when an ``original`` is missing, ambiguous without
    ``occurrence``, or when two departures overlap.
    """
    problems: list[str] = []
    located: list[Located] = []
    for departure in departures:
        positions = _occurrences(copy_text, departure.original)
        shown = shorten(departure.original)
        if not positions:
            problems.append(f"{departure.named}: original {shown} does not occur in the copy-text")
        elif departure.occurrence is None and len(positions) > 1:
            lines = ", ".join(str(_line(copy_text, p)) for p in positions)
            problems.append(
                f"{departure.named}: original {shown} is ambiguous: it occurs {len(positions)} times "
                f"(lines {lines}); add 'occurrence: N' or quote more context"
            )
        elif departure.occurrence is not None and departure.occurrence > len(positions):
            problems.append(
                f"{departure.named}: occurrence {departure.occurrence} of {shown} asked for, "
                f"but it occurs only {len(positions)} time(s)"
            )
        else:
            start = positions[(departure.occurrence or 1) - 1]
            located.append(Located(departure, start, start + len(departure.original)))
    located.sort(key=lambda item: (item.start, item.end))
    for before, after in itertools.pairwise(located):
        if after.start < before.end:
            problems.append(
                f"{after.departure.named}: entries {before.departure.id!r} and {after.departure.id!r} overlap "
                f"in the copy-text (line {_line(copy_text, after.start)}); "
                "a passage may be changed by one departure only"
            )
    if problems:
        raise ApparatusError("\n".join(problems))
    return located


def apply_to(copy_text: str, departures: Iterable[Departure], *, mark: Callable[[Departure], str] | None = None) -> str:
    """The edited text: the copy-text with every departure applied.

    ``mark(departure)``, if given, returns text appended after each edited
    reading (the fidelity check uses it to find which block a departure
    landed in).
    """
    pieces: list[str] = []
    cursor = 0
    for item in locate(copy_text, departures):
        pieces.append(copy_text[cursor : item.start])
        pieces.append(item.departure.edited)
        if mark is not None:
            pieces.append(mark(item.departure))
        cursor = item.end
    pieces.append(copy_text[cursor:])
    return "".join(pieces)


def in_text_order(copy_text: str, departures: Iterable[Departure]) -> list[Departure]:
    """The departures in the order of the copy-text (checked against it)."""
    return [item.departure for item in locate(copy_text, departures)]


def received_references(copy_text: str) -> str:
    """The reference list exactly as received: from its heading to the end."""
    match = REFERENCES_HEADING.search(copy_text)
    if match is None:
        raise ApparatusError("the copy-text has no 'References' heading")
    return copy_text[match.start() :]
