"""``apparatus.yml``: its schema, and the departures it records.

Each entry is a :class:`DepartureConfig`; the checks that need several
fields (a paragraph on its page, an edit that changes something) and the
file-wide ones (ids unique) follow, and every problem is reported at once::

    source/apparatus.yml:123: entry 'e004', field 'kind': 'markr' is not one of typo, …; did you mean 'marker'?

The valid entries become :class:`mkdocs_scholia.apparatus.Departure` objects.
Whether they fit the copy-text is checked by
:func:`mkdocs_scholia.apparatus.copytext.locate`, which names the same file:line.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_scholia.apparatus.model import FRONT, ID, KINDS, PAGE, REFERENCES, Departure
from mkdocs_scholia.plugins.datafiles import records, yamlfile
from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError
from mkdocs_scholia.rules import paragraphs, places


class DepartureConfig(records.Record):
    """One entry of ``apparatus.yml``: one departure of the edited text from the copy-text."""

    id = records.Text(pattern=ID, expected="a note id: 'e' and at least three digits, e.g. 'e012'")
    """The note's permanent number. Never renumbered, never reused: readers cite it (``#e012``)."""

    page = records.Text(
        pattern=PAGE,
        expected="a page slug: the page's file under docs/ without '.md' (e.g. 'personal-factors'), "
        "or 'front' (the home page's front matter) or 'references'",
    )
    """The page the departure is on."""

    paragraph = records.Text(
        pattern=paragraphs.PARAGRAPH_ID,
        expected="a paragraph id: p<section>.<number> with an optional lower-case letter suffix, "
        "e.g. 'p2.3' or 'p2.3a'",
        empty=True,
        optional=True,
        fallback="",
    )
    """The paragraph's permanent id, when the departure is in the essay's text."""

    original = records.Text()
    """The copy-text's reading, exactly (Markdown as received)."""

    edited = records.Text(empty=True)
    """The edition's reading; ``""`` when the edition leaves the reading out."""

    kind = records.OneOf(KINDS)
    """What kind of departure it is."""

    reason = records.Text()
    """Why, in a sentence, for the reader."""

    occurrence = records.Whole(minimum=1, what="a whole number (which occurrence of 'original')", optional=True)
    """Which occurrence of ``original`` is meant (1-based), when it occurs more than once."""

    def check(self) -> list[tuple[str | None, str]]:
        found: list[tuple[str | None, str]] = []
        paragraph, page = self.paragraph, self.page
        if paragraph:
            parsed = paragraphs.parse(paragraph)
            if page == REFERENCES:
                found.append(("paragraph", "the reference list has no paragraph ids; leave 'paragraph' out"))
            elif parsed is not None and (parsed.section == 0) != (page == FRONT):
                found.append(
                    (
                        "paragraph",
                        f"{paragraph!r} does not belong on page {page!r} (p0.* is the front matter, page 'front')",
                    )
                )
        if self.original == self.edited and self.kind != "reference":
            found.append(
                ("edited", "equals 'original': that is not a departure (only kind 'reference' may keep the text)")
            )
        return found


def _label(index: int, entry: object) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(ident, str) and ID.fullmatch(ident):
        return f"entry {ident!r}"
    return f"entry {index + 1}"


def departures(data: object, name: str = "apparatus") -> list[Departure]:
    """The departures of already-parsed apparatus data (from :func:`yamlfile.read`, or plain).

    Raises :class:`DataFileError` listing every problem, each as ``name:line: …``.
    """
    if data is None:
        return []
    if isinstance(data, dict) and set(data) == {"departures"}:
        data = data["departures"]
    if not isinstance(data, list):
        raise DataFileError(
            [
                places.message(
                    name,
                    getattr(data, "line", None),
                    f"the apparatus must be a YAML list of entries, not {records.kind_of(data)}",
                )
            ]
        )
    entries, problems = records.validate_list(
        DepartureConfig, data, name=name, line=getattr(data, "line", 0), what="the apparatus", label=_label
    )
    seen: dict[str, int] = {}
    result: list[Departure] = []
    for entry, index in entries:
        line = yamlfile.line_of(data, index)
        ident: str = entry.id
        if ident in seen:
            first = seen[ident]
            also = f"line {first}" if first else "an earlier entry"
            problems.append(
                places.message(
                    name,
                    yamlfile.line_of(data[index], "id", line) or None,
                    f"entry {ident!r}, field 'id': {ident!r} is used twice (also {also}); give it the next free id",
                )
            )
            continue
        seen[ident] = line
        result.append(
            Departure(
                id=entry.id,
                page=entry.page,
                paragraph=entry.paragraph or "",
                original=entry.original,
                edited=entry.edited,
                kind=entry.kind,
                reason=" ".join(entry.reason.split()),
                occurrence=entry.occurrence,
                place=places.where(name, line or None),
            )
        )
    if problems:
        raise DataFileError(yamlfile.in_file_order(problems))
    return result


def load_apparatus(path: str | Path, root: str | Path | None = None) -> list[Departure]:
    """Read and validate an apparatus file; messages name it relative to ``root``."""
    return departures(yamlfile.read(path, root), places.display(path, root))
