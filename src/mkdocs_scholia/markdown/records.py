"""What the citation extension reports about each document, for site-wide features."""

from __future__ import annotations

from dataclasses import dataclass, field


class CitationError(Exception):
    """One or more citations could not be resolved; ``problems`` says where (``file:line: …``)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class CitationRecord:
    """Where one citation stands in a rendered document."""

    cite_id: str  # id of the span.citation ("cite-3")
    keys: tuple[str, ...]  # canonical keys, in the order cited
    block_id: str | None  # id of the nearest enclosing element with an id ("p2.3")
    note_id: str  # id of its note ("fn:c2")
    note_number: int


@dataclass
class DocumentCitations:
    """Everything the extension learnt about one document."""

    source_name: str
    records: list[CitationRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Cited keys in order of first citation, each once."""
        seen: dict[str, None] = {}
        for record in self.records:
            for key in record.keys:
                seen.setdefault(key, None)
        return list(seen)
