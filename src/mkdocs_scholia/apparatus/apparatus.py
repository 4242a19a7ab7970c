"""The editorial apparatus: every departure of the edited text from the copy-text.

The apparatus is data (YAML), one entry per departure::

    - id: e006                      # stable, never reused: readers cite it
      page: personal-factors        # page slug, or `front` / `references`
      paragraph: p2.1               # paragraph id, when in the essay's text
      original: "Shen Li, 2012"     # exact text of the copy-text
      edited: "Shen and Li, 2012"   # what the edition shows ("" = omitted)
      kind: citation                # one of KINDS
      reason: The conjunction between the authors' names is missing.
      occurrence: 2                 # only when `original` occurs more than once

``original`` must occur in the copy-text exactly once, or ``occurrence``
says which occurrence (1-based, in the copy-text's order) is meant; two
departures may not overlap. Readings are given in the copy-text's own
notation (Markdown), so that :func:`apply_to` can produce the edited text
that the fidelity test compares with the site.

This module has no MkDocs dependency; :func:`render_page` and
:func:`page_notes` are the two calls the MkDocs plugin makes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

KINDS = (
    "typo",
    "spacing",
    "capitalisation",
    "punctuation",
    "citation",
    "lacuna",
    "page-break",
    "heading",
    "marker",
    "reference",
    "formatting",
)
KIND_LABELS = {
    "typo": "typing error",
    "spacing": "spacing",
    "capitalisation": "capitalisation",
    "punctuation": "punctuation",
    "citation": "citation form",
    "lacuna": "lacuna",
    "page-break": "page-break split",
    "heading": "heading",
    "marker": "superscript marker",
    "reference": "reference",
    "formatting": "formatting",
}
FIELDS = ("id", "page", "paragraph", "original", "edited", "kind", "reason", "occurrence")
REQUIRED = ("id", "page", "original", "edited", "kind", "reason")
ID_PATTERN = re.compile(r"^e\d{3,}$")
PAGE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARAGRAPH_PATTERN = re.compile(r"^p(\d+)\.(\d+)$")
FRONT, REFERENCES = "front", "references"
NOTES_PAGE = "editorial-notes.md"
REFERENCES_HEADING = re.compile(r"^#{1,6}[ \t]+\**References\**[ \t]*#*[ \t]*$", re.MULTILINE)

# How readings are shown: a line break of the copy-text, and a space at the
# edge of a reading (invisible otherwise).
LINE_BREAK_MARK = "\u23ce"  # ⏎
SPACE_MARK = "\u2423"  # ␣


class ApparatusError(ValueError):
    """The apparatus is malformed, or does not fit the copy-text."""


@dataclass(frozen=True)
class Departure:
    """One recorded departure of the edited text from the copy-text."""

    id: str
    page: str
    original: str
    edited: str
    kind: str
    reason: str
    paragraph: str = ""
    occurrence: int | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Located:
    """A departure and the span of the copy-text it replaces."""

    departure: Departure
    start: int
    end: int


# -- loading and validation ---------------------------------------------------


def _where(index: int, entry: object) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"entry {index + 1}" + (f" (id {ident})" if isinstance(ident, str) and ident else "")


def parse(data: object, source: str = "apparatus") -> list[Departure]:
    """Validate already-parsed YAML and return its departures.

    Every problem is collected; the :class:`ApparatusError` lists them all,
    each naming the entry (position and id) and the field.
    """
    if data is None:
        return []
    if isinstance(data, dict) and set(data) == {"departures"}:
        data = data["departures"]
    if not isinstance(data, list):
        raise ApparatusError(f"{source}: the apparatus must be a YAML list of entries, not {type(data).__name__}")
    problems: list[str] = []
    departures: list[Departure] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        where = f"{source}: {_where(index, entry)}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping of fields, not {type(entry).__name__}")
            continue
        errors: list[str] = []
        unknown = sorted(str(key) for key in entry if key not in FIELDS)
        if unknown:
            errors.append(f"unknown field(s) {', '.join(unknown)} (allowed: {', '.join(FIELDS)})")
        for name in REQUIRED:
            if name not in entry or entry[name] is None:
                errors.append(f"missing field '{name}'")
        for name in ("id", "page", "paragraph", "original", "edited", "kind", "reason"):
            value = entry.get(name)
            if value is not None and not isinstance(value, str):
                errors.append(f"field '{name}' must be a string (quote it in YAML), not {type(value).__name__}")
        if errors:
            problems.extend(f"{where}: {error}" for error in errors)
            continue
        ident, page, kind = entry["id"], entry["page"], entry["kind"]
        paragraph = entry.get("paragraph") or ""
        original, edited, reason = entry["original"], entry["edited"], entry["reason"]
        occurrence = entry.get("occurrence")
        if not ID_PATTERN.match(ident):
            errors.append(f"id '{ident}' must look like e001")
        elif ident in seen:
            errors.append(f"duplicate id '{ident}' (also entry {seen[ident] + 1})")
        else:
            seen[ident] = index
        if not PAGE_PATTERN.match(page):
            errors.append(f"page '{page}' must be a page slug such as personal-factors, or front/references")
        if kind not in KINDS:
            errors.append(f"kind '{kind}' is not one of: {', '.join(KINDS)}")
        if paragraph:
            match = PARAGRAPH_PATTERN.match(paragraph)
            if not match:
                errors.append(f"paragraph '{paragraph}' must look like p2.3")
            elif (match.group(1) == "0") != (page == FRONT):
                errors.append(f"paragraph '{paragraph}' does not belong on page '{page}' (p0.* is the front matter)")
        if page == REFERENCES and paragraph:
            errors.append("the reference list has no paragraph ids; leave 'paragraph' out")
        if not original:
            errors.append("'original' must not be empty (quote the text of the copy-text that changes)")
        if original == edited and kind != "reference":
            errors.append("'edited' equals 'original': that is not a departure (only kind 'reference' may keep the text)")
        if not reason.strip():
            errors.append("'reason' must say why, in a sentence")
        if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1):
            errors.append(f"'occurrence' must be a whole number from 1, not {occurrence!r}")
        if errors:
            problems.extend(f"{where}: {error}" for error in errors)
            continue
        departures.append(
            Departure(
                id=ident,
                page=page,
                paragraph=paragraph,
                original=original,
                edited=edited,
                kind=kind,
                reason=" ".join(reason.split()),
                occurrence=occurrence,
            )
        )
    if problems:
        raise ApparatusError("the apparatus is invalid:\n  " + "\n  ".join(problems))
    return departures


def load(path: str | Path) -> list[Departure]:
    """Read and validate an apparatus file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ApparatusError(f"{path}: cannot read the apparatus: {error.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ApparatusError(f"{path}: not valid YAML: {error}") from None
    return parse(data, str(path))


# -- the copy-text ------------------------------------------------------------


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def locate(copy_text: str, departures: list[Departure]) -> list[Located]:
    """Where each departure's ``original`` stands in the copy-text.

    Fails (listing every problem) when an ``original`` is missing, ambiguous
    without ``occurrence``, or when two departures overlap. The result is in
    the copy-text's order.
    """
    problems: list[str] = []
    located: list[Located] = []
    for departure in departures:
        positions = _occurrences(copy_text, departure.original)
        shown = _shorten(departure.original)
        if not positions:
            problems.append(f"{departure.id}: original {shown} does not occur in the copy-text")
        elif departure.occurrence is None and len(positions) > 1:
            lines = ", ".join(str(_line(copy_text, p)) for p in positions)
            problems.append(
                f"{departure.id}: original {shown} is ambiguous: it occurs {len(positions)} times "
                f"(lines {lines}); add 'occurrence: N' or quote more context"
            )
        elif departure.occurrence is not None and departure.occurrence > len(positions):
            problems.append(
                f"{departure.id}: occurrence {departure.occurrence} of {shown} asked for, "
                f"but it occurs only {len(positions)} time(s)"
            )
        else:
            start = positions[(departure.occurrence or 1) - 1]
            located.append(Located(departure, start, start + len(departure.original)))
    located.sort(key=lambda item: (item.start, item.end))
    for before, after in zip(located, located[1:]):
        if after.start < before.end:
            problems.append(
                f"{before.departure.id} and {after.departure.id} overlap in the copy-text "
                f"(line {_line(copy_text, after.start)}); a passage may be changed by one departure only"
            )
    if problems:
        raise ApparatusError("the apparatus does not fit the copy-text:\n  " + "\n  ".join(problems))
    return located


def apply_to(copy_text: str, departures: list[Departure], *, mark=None) -> str:
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


def received_references(copy_text: str) -> str:
    """The reference list exactly as received: from its heading to the end."""
    match = REFERENCES_HEADING.search(copy_text)
    if match is None:
        raise ApparatusError("the copy-text has no 'References' heading")
    return copy_text[match.start() :]


def in_text_order(copy_text: str, departures: list[Departure]) -> list[Departure]:
    return [item.departure for item in locate(copy_text, departures)]


# -- rendering ----------------------------------------------------------------


def _shorten(text: str, width: int = 60) -> str:
    shown = text.replace("\n", LINE_BREAK_MARK)
    return repr(shown if len(shown) <= width else shown[: width - 1] + "\u2026")


_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "&#124;",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "@": "&#64;",  # never a citation
    "\n": " ",
}


def escape(text: str) -> str:
    """Text that Markdown (and the citation extension) shows as it is."""
    return "".join(_MARKDOWN_ESCAPES.get(char, char) for char in text)


def _visible(text: str) -> str:
    """Line breaks and edge spaces made visible (⏎, ␣)."""
    text = text.replace("\n", LINE_BREAK_MARK)
    stripped = text.strip(" ")
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" "))
    return SPACE_MARK * lead + stripped + SPACE_MARK * trail


def reading(text: str) -> str:
    """A reading as Markdown: exact characters, in a code span."""
    if not text:
        return "*(omitted)*"
    shown = _visible(text)
    if "|" in shown:  # a pipe would end the table cell
        return escape(shown)
    fence = "``" if "`" in shown else "`"
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def page_file(page: str) -> str:
    """The docs file of a page slug: ``front`` is the home page."""
    return "index.md" if page == FRONT else f"{page}.md"


def location(departure: Departure, here: str | None = None) -> str:
    """``[p2.1](personal-factors.md#p2.1)``: a Markdown link to the passage."""
    target = "" if here == departure.page else page_file(departure.page)
    if departure.paragraph:
        return f"[{departure.paragraph}]({target}#{departure.paragraph})"
    label = "heading" if departure.kind == "heading" else "reference list" if departure.page == REFERENCES else "page"
    return f"[{label}]({target})" if target else label


def _table(departures: list[Departure]) -> list[str]:
    """Three columns, so that readings and reasons have room on any screen:
    the note (number, place, kind), the readings (received, then edited), the reason."""
    lines = [
        "| Note | Reading: received, then edited | Reason |",
        "| --- | --- | --- |",
    ]
    for departure in departures:
        lines.append(
            f"| **{departure.id}**{{: #{departure.id} }}<br>{location(departure)}<br>*{escape(departure.label)}* | "
            f"{reading(departure.original)}<br>\u2192 {reading(departure.edited)} | "
            f"{escape(departure.reason)} |"
        )
    return lines


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render_markdown(
    departures: list[Departure],
    page_titles: dict[str, str],
    *,
    copy_text: str | None = None,
) -> str:
    """The body of the Editorial notes page.

    ``page_titles`` maps page slugs (``front``, section slugs,
    ``references``) to their titles, in reading order; departures are grouped
    by page in that order (in the copy-text's order when ``copy_text`` is
    given, which also adds "The reference list as received").
    """
    unknown = sorted({d.page for d in departures} - set(page_titles))
    if unknown:
        raise ApparatusError(f"departures name page(s) the edition does not have: {', '.join(unknown)}")
    ordered = in_text_order(copy_text, departures) if copy_text is not None else list(departures)
    counts = Counter(d.kind for d in ordered)
    summary = ", ".join(f"{KIND_LABELS[kind]} {counts[kind]}" for kind in KINDS if counts[kind])
    lines = [
        f"The edition departs from the copy-text in **{len(ordered)}** places"
        + (f" ({escape(summary)})." if summary else "."),
        "",
        "Each note has a permanent number (e.g. *e001*) and gives the place (the paragraph's "
        "permanent id, linked) and the kind of departure, the reading of the copy-text and, after "
        f"the arrow, the reading of this edition, and the editors' reason. Readings are quoted exactly, in the "
        f"copy-text's Markdown notation: {LINE_BREAK_MARK} marks a line break of the copy-text "
        f"(two of them, a paragraph break) and {SPACE_MARK} a space at the edge of a reading; "
        "*(omitted)* means the edition leaves the reading out.",
    ]
    for page, title in page_titles.items():
        selected = [d for d in ordered if d.page == page]
        if not selected:
            continue
        lines += ["", f"## {escape(title)}", "", *_table(selected)]
    if copy_text is not None:
        received = received_references(copy_text).rstrip("\n")
        fence = _fence(received)
        lines += [
            "",
            "## The reference list as received",
            "",
            "The edition's reference list is generated from its bibliography. So that nothing of "
            "the copy-text is lost, here is its reference list exactly as received, in its "
            "Markdown source, with its numbering, its layout and its errors:",
            "",
            f"{fence}text",
            received,
            fence,
        ]
    return "\n".join(lines) + "\n"


def render_page_notes(
    departures: list[Departure],
    page: str,
    *,
    heading: str = "Editorial notes on this section",
    notes_page: str = NOTES_PAGE,
) -> str:
    """A short list of the departures on one page, for the end of that page.

    Empty when the page has none.
    """
    selected = [d for d in departures if d.page == page]
    if not selected:
        return ""
    lines = [
        f"## {escape(heading)}",
        "",
        f"The edited text above departs from the copy-text in these places "
        f"(all notes: [Editorial notes]({notes_page})).",
        "",
    ]
    for departure in selected:
        lines.append(
            f"- [{departure.id}]({notes_page}#{departure.id}) at {location(departure, here=page)}, "
            f"{escape(departure.label)}: {reading(departure.original)} \u2192 {reading(departure.edited)}. "
            f"{escape(departure.reason)}"
        )
    return "\n".join(lines) + "\n"


# -- for the MkDocs plugin ------------------------------------------------------

_CACHE: dict[tuple, tuple[list[Departure], str]] = {}


def _stamp(path: Path) -> tuple:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_checked(root: str | Path, apparatus_path: str | Path, copy_text_path: str | Path | None):
    """The departures (validated against the copy-text) and the copy-text.

    Cached by the files' modification stamps, so a build reads them once.
    """
    root = Path(root)
    apparatus_file = root / apparatus_path
    copy_file = root / copy_text_path if copy_text_path else None
    try:
        key = (_stamp(apparatus_file), _stamp(copy_file) if copy_file else None)
    except OSError as error:
        raise ApparatusError(f"cannot read {error.filename}: {error.strerror}") from None
    if key not in _CACHE:
        departures = load(apparatus_file)
        copy_text = copy_file.read_text(encoding="utf-8") if copy_file else ""
        if copy_file:
            departures = in_text_order(copy_text, departures)
        _CACHE.clear()
        _CACHE[key] = (departures, copy_text)
    return _CACHE[key]


def titles_from_nav(nav) -> dict[str, str]:
    """Page slugs and titles, in reading order, from MkDocs' ``nav`` setting."""
    titles: dict[str, str] = {}

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, list):
                        walk(target)
                    elif isinstance(target, str) and target.endswith(".md"):
                        slug = target[: -len(".md")]
                        titles[FRONT if slug == "index" else slug] = (
                            "Front matter" if slug == "index" else str(title)
                        )
            elif isinstance(item, str) and item.endswith(".md"):
                slug = item[: -len(".md")]
                titles[FRONT if slug == "index" else slug] = slug

    walk(nav)
    titles.setdefault(FRONT, "Front matter")
    titles.setdefault(REFERENCES, "References")
    return titles


def render_page(root, apparatus_path, copy_text_path, config) -> str:
    """What replaces ``<!-- scholia:apparatus -->`` (called by the plugin)."""
    departures, copy_text = load_checked(root, apparatus_path, copy_text_path)
    nav = config.get("nav") if hasattr(config, "get") else None
    return render_markdown(departures, titles_from_nav(nav), copy_text=copy_text or None)


def page_notes(root, apparatus_path, copy_text_path, src_uri: str) -> str:
    """What the plugin appends to the page ``src_uri`` (e.g. ``personal-factors.md``)."""
    departures, _ = load_checked(root, apparatus_path, copy_text_path)
    slug = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if slug in ("index", FRONT):
        return render_page_notes(departures, FRONT, heading="Editorial notes on the front matter")
    if slug == REFERENCES:
        return render_page_notes(departures, REFERENCES, heading="Editorial notes on the reference list")
    return render_page_notes(departures, slug)
