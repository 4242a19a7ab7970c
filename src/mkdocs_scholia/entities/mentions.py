"""Every mention of the site, by entity and by page, in reading order.

The extension reports what it found on each page (:class:`DocumentMentions`);
this module puts the pages together the way the References page puts
citations together: pages in the order of the site's navigation, paragraphs
in the order of the page, one place per paragraph, labelled as the edition
numbers its text (``§3 ¶1`` is paragraph 1 of section 3; the section is the
one the paragraph id names, which the plugin checks against the page).

It also answers what only the whole site can: whether each exception of the
registry matched something (an exception that matches nothing is a mistake
that would otherwise go unnoticed), and which entities the text never names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mkdocs_scholia.entities.extension import DocumentMentions
from mkdocs_scholia.entities.model import Registry
from mkdocs_scholia.rules import paragraphs


@dataclass(frozen=True)
class PageRef:
    """What the index needs to know about a page (kept apart from MkDocs' Page)."""

    src_uri: str  # "personal-factors.md"
    title: str  # "Personal Factors"
    href: str  # the page's URL relative to the index page: "../personal-factors/"


@dataclass(frozen=True)
class Place:
    """One paragraph that mentions an entity."""

    entity: str
    page: PageRef
    paragraph: str  # "p3.1"
    count: int  # how many times the paragraph mentions it

    @property
    def label(self) -> str:
        """``§3 ¶1``, with no-break spaces, as "Cited in" labels places."""
        return place_label(self.paragraph)

    @property
    def description(self) -> str:
        """``Section 3, paragraph 1 (Conflicts of National Interest)``, for a tooltip."""
        parsed = paragraphs.parse(self.paragraph)
        if parsed is None:
            return self.page.title
        return f"Section {parsed.section}, paragraph {parsed.paragraph} ({self.page.title})"

    @property
    def href(self) -> str:
        return f"{self.page.href}#{self.paragraph}"


def place_label(paragraph_id: str) -> str:
    """``p3.1`` → ``§3 ¶1``; anything that is not a paragraph id is returned as it is."""
    parsed = paragraphs.parse(paragraph_id)
    if parsed is None:
        return paragraph_id
    return f"\u00a7{parsed.section}\u00a0\u00b6{parsed.paragraph}"


class MentionIndex:
    """The mentions of every page, ordered by the site's reading order."""

    def __init__(self, registry: Registry, documents: Mapping[str, DocumentMentions], pages: Iterable[PageRef]):
        self.registry = registry
        self.documents = dict(documents)
        self.pages = [page for page in pages if page.src_uri in self.documents]
        known = {page.src_uri for page in self.pages}
        if known != set(self.documents):
            missing = sorted(set(self.documents) - known)
            raise ValueError(f"no PageRef for the documents {', '.join(missing)}")
        self._places: dict[str, list[Place]] = {}
        for page in self.pages:
            counts: dict[tuple[str, str], int] = {}
            for mention in self.documents[page.src_uri].mentions:
                key = (mention.entity, mention.paragraph)
                counts[key] = counts.get(key, 0) + 1
            for (entity, paragraph), count in counts.items():
                self._places.setdefault(entity, []).append(Place(entity, page, paragraph, count))

    def places(self, entity_id: str) -> list[Place]:
        """Each paragraph that mentions the entity, once, in reading order."""
        return list(self._places.get(entity_id, []))

    def entities_on(self, src_uri: str) -> list[str]:
        """The entities one page mentions, in order of first mention."""
        document = self.documents.get(src_uri)
        return document.entities if document is not None else []

    def mentioned(self) -> list[str]:
        """Every entity mentioned anywhere, in order of first mention through the site."""
        return list(self._places)

    def unmentioned(self) -> list[str]:
        """Warnings for entities the text never names (a form that does not occur as written)."""
        return [
            f"{self.registry.at(entity.line)}: entity {entity.id!r} ({entity.label}) is mentioned nowhere in the text: "
            f"none of its name forms ({', '.join(repr(f) for f in entity.forms) or 'none'}) occurs as written; "
            "correct the forms or remove the entry"
            for entity in self.registry
            if entity.id not in self._places
        ]

    def unmatched_exceptions(self) -> list[str]:
        """Errors for ``include``/``exclude`` entries that matched nothing in the text."""
        matched: set[tuple[str, str, str]] = set()
        read: set[str] = set()
        for document in self.documents.values():
            matched |= document.exceptions
            read.update(document.paragraphs)
        found = []
        for entity in self.registry:
            for rule, occurrences in (("include", entity.include), ("exclude", entity.exclude)):
                for occurrence in occurrences:
                    text = " ".join(occurrence.text.split())
                    if (rule, occurrence.paragraph, text) in matched:
                        continue
                    where = f"{self.registry.at(occurrence.line)}: entity {entity.id!r}, field {rule!r}"
                    if occurrence.paragraph not in read:
                        found.append(
                            f"{where}: paragraph {occurrence.paragraph} is on no page; correct the paragraph id"
                        )
                    else:
                        found.append(
                            f"{where}: {occurrence.text!r} does not occur in {occurrence.paragraph} as written; "
                            "correct the text (exact, case-aware) or remove the entry"
                        )
        return found
