"""What goes into the CSL processor and what comes out: plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from citeproc.source import Locator


@dataclass(frozen=True)
class CiteInput:
    """One work cited, as written: ``see @key, p. 3``."""

    key: str
    prefix: str = ""
    locator: str = ""  # as written: "p. 380", "ch. 2"
    suffix: str = ""
    suppress_author: bool = False
    label: str = ""  # a CSL locator term, when the locator is already split from its label


@dataclass(frozen=True)
class CitationInput:
    """A citation: its cites, whether it is narrative, and the number of its note on the page."""

    cites: tuple[CiteInput, ...]
    narrative: bool = False
    note_number: int = 0


@dataclass(frozen=True)
class Piece:
    """A run of a rendered citation: the rendering of one work (``key``), or text between them."""

    key: str | None
    html: str
    text: str


@dataclass(frozen=True)
class RenderedCitation:
    """What a citation becomes: ``in_text`` stands in the sentence, ``note`` fills its note.

    For in-text styles the note is empty (the caller fills it with the full
    references, as for the Harvard style); for note styles the text holds
    nothing but, for a narrative citation, the author's name.
    """

    in_text: tuple[Piece, ...]
    note: tuple[Piece, ...] = ()

    @staticmethod
    def html_of(pieces: Iterable[Piece]) -> str:
        return "".join(piece.html for piece in pieces)

    @staticmethod
    def text_of(pieces: Iterable[Piece]) -> str:
        return "".join(piece.text for piece in pieces)


@dataclass(frozen=True)
class Entry:
    """One bibliography entry, rendered."""

    key: str
    html: str
    text: str


@dataclass
class PageState:
    """What positions depend on: the cites before this one on the same page."""

    last: list[tuple[str, Locator | None]] = field(default_factory=list)  # the previous citation's cites
    last_note: dict[str, int] = field(default_factory=dict)  # key → note number of its last citation
    first_note: dict[str, int] = field(default_factory=dict)  # key → note number of its first citation
