"""The fidelity check: the site shows the copy-text, changed only as recorded.

Two texts are compared, block by block and word by word:

* the **expected** text: the copy-text with the apparatus applied
  (:func:`mkdocs_scholia.apparatus.copytext.apply_to`), rendered by plain
  Python-Markdown and cut into blocks: the title, the front-matter blocks
  (``p0.1``…), each section heading (``s1``…) and its paragraphs
  (``p1.1``…), numbered in order; the reference list is left out (the
  edition generates its own);
* the **found** text: from each built page, its ``h1`` and every element
  whose id is a paragraph id (``p2.3``, or ``p2.3a`` for a paragraph added
  later: the grammar of :mod:`mkdocs_scholia.rules.paragraphs`), with footnote markers
  (``sup`` holding an ``a.footnote-ref``) and permalinks (``.headerlink``)
  removed: what a reader reads, in-text citations as rendered.

Whitespace is normalised (any run of Unicode white space is one space), and
typographic quotation marks and apostrophes are read as the straight ones
the copy-text types (the site renders those as typographic marks); nothing
else: a changed letter, a quote added or removed, or a punctuation mark is a
difference.
Each difference is reported with its page and paragraph id and the words
around it.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Tag

from mkdocs_scholia.apparatus.copytext import apply_to
from mkdocs_scholia.apparatus.model import Departure
from mkdocs_scholia.rules import paragraphs

PARAGRAPH_ID = re.compile(f"^{paragraphs.PATTERN}$")
"""The ids of essay paragraphs on a built page (``p2.3``, ``p2.3a``): the shared grammar."""
SECTION_HEADING = re.compile(r"^(\d+)\.\s")
REFERENCES_TITLE = re.compile(r"^references$", re.IGNORECASE)
TITLE_ID = "title"
SENTINEL = re.compile("\ue000([^\ue001]*)\ue001")


class FidelityError(AssertionError):
    """The site's text differs from the copy-text where nothing is recorded."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} unrecorded difference(s) between the site and the copy-text "
            "with the apparatus applied:\n\n" + "\n\n".join(problems)
        )


@dataclass
class Block:
    """One block of essay text: its id, text, and where it stands."""

    id: str  # "title", "s2", "p2.3"
    text: str
    section: int  # 0 for the front matter
    page: str = ""  # page slug, when known
    departures: list[str] = field(default_factory=list)  # ids applied in this block
    tag: str = ""  # the HTML element: "h2", "p"...


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
"""Typographic quotation marks and apostrophes as the straight ones they render.

The site sets the copy-text's straight quotes as typographic ones (a
rendering, like its typeface: Python-Markdown's ``smarty``, quotes only);
both texts are compared with either kind read as the straight one, so a
quote that is missing, added or moved is still a difference."""


def normalise(text: str) -> str:
    return " ".join(text.translate(QUOTES).split())


# -- expected -------------------------------------------------------------------


def _block_elements(html: str) -> list[Tag]:
    soup = BeautifulSoup(f"<body>{html}</body>", "lxml")
    body = soup.body
    return [child for child in body.children if isinstance(child, Tag)] if body is not None else []


def expected_blocks(copy_text: str, departures: list[Departure]) -> list[Block]:
    """The copy-text, edited by the apparatus, as numbered blocks of text.

    Each block also lists the departures that landed in it (found by marking
    each edited reading with an invisible sentinel before rendering), so the
    apparatus's ``paragraph`` fields can be checked.
    """
    edited = apply_to(copy_text, departures, mark=lambda d: f"\ue000{d.id}\ue001")
    blocks: list[Block] = []
    section, paragraph = 0, 0
    for element in _block_elements(markdown.markdown(edited)):
        raw = element.get_text()
        found = SENTINEL.findall(raw)
        text = normalise(SENTINEL.sub("", raw))
        if not text:
            continue
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if REFERENCES_TITLE.match(text):
                break
            if not blocks:
                blocks.append(Block(TITLE_ID, text, 0, departures=found, tag=element.name))
                continue
            number = SECTION_HEADING.match(text)
            if number is None:
                raise ValueError(
                    f"the copy-text has a heading that is neither the title nor a numbered section: {text!r}"
                )
            section, paragraph = int(number.group(1)), 0
            blocks.append(Block(f"s{section}", text, section, departures=found, tag=element.name))
            continue
        paragraph += 1
        blocks.append(Block(f"p{section}.{paragraph}", text, section, departures=found, tag=element.name))
    return blocks


# -- found ----------------------------------------------------------------------


def _reader_text(element: Tag) -> str:
    element = copy.copy(element)
    for marker in element.select(".headerlink"):
        marker.decompose()
    for sup in element.find_all("sup"):
        if sup.select_one("a.footnote-ref") is not None or "footnote-ref" in (sup.get("class") or []):
            sup.decompose()
    return normalise(element.get_text())


def page_blocks(html: str, page: str = "") -> list[Block]:
    """The essay text of one built page: its h1 and its paragraph-id blocks."""
    soup = BeautifulSoup(html, "lxml")
    root = soup.select_one("article") or soup.body or soup
    blocks: list[Block] = []
    heading = root.find("h1")
    if isinstance(heading, Tag):
        ident = str(heading.get("id") or "")
        section = int(ident[1:]) if re.fullmatch(r"s\d+", ident) else 0
        blocks.append(Block(ident or "h1", _reader_text(heading), section, page, tag="h1"))
    for element in root.find_all(id=PARAGRAPH_ID):
        if not isinstance(element, Tag):
            continue
        ident = str(element.get("id") or "")
        parsed = paragraphs.parse(ident)
        section = parsed.section if parsed is not None else 0
        blocks.append(Block(ident, _reader_text(element), section, page, tag=element.name))
    return blocks


def page_path(site: Path, page: str) -> Path:
    """Where ``mkdocs build`` wrote a page (directory URLs): ``front`` is the home page."""
    return site / "index.html" if page in ("", "index", "front") else site / page / "index.html"


def site_blocks(site: str | Path, pages: list[str]) -> list[Block]:
    """The essay text of the site, page by page in reading order."""
    site = Path(site)
    blocks: list[Block] = []
    for page in pages:
        path = page_path(site, page)
        if not path.exists():
            raise FileNotFoundError(f"page '{page}' was not built: {path} does not exist")
        blocks.extend(page_blocks(path.read_text(encoding="utf-8"), page))
    return blocks


# -- comparison -----------------------------------------------------------------


def word_diff(expected: str, found: str, context: int = 6) -> list[str]:
    """Readable differences: ``…context [-expected-] {+found+} context…``."""
    a, b = expected.split(), found.split()
    lines = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - context) : i1])
        after = " ".join(a[i2 : i2 + context])
        removed = " ".join(a[i1:i2])
        added = " ".join(b[j1:j2])
        parts = (f"[-{removed}-]" if removed else "", f"{{+{added}+}}" if added else "")
        change = " ".join(part for part in parts if part)
        lines.append(f"…{before} {change} {after}…".replace("… ", "…").replace(" …", "…"))
    return lines


def _where(block: Block, sections: dict[int, str]) -> str:
    page = block.page or sections.get(block.section) or ("front" if block.section == 0 else f"section {block.section}")
    kind = "heading" if not block.id.startswith("p") else "paragraph"
    return f"page '{page}', {kind} {block.id}"


def compare(expected: list[Block], found: list[Block]) -> list[str]:
    """Every unrecorded difference, each naming its page and paragraph."""
    problems: list[str] = []
    sections = {block.section: block.page for block in found if block.page}
    seen: dict[str, Block] = {}
    for block in found:
        if block.id in seen:
            problems.append(
                f"{_where(block, sections)}: the id {block.id} is used twice (also on page '{seen[block.id].page}')"
            )
        else:
            seen[block.id] = block
    wanted = {block.id: block for block in expected}
    for block in expected:
        if block.id not in seen:
            problems.append(
                f"{_where(block, sections)}: missing from the site (no element with this id); "
                f"the copy-text has: {block.text[:160]}{'…' if len(block.text) > 160 else ''}"
            )
            continue
        got = seen[block.id]
        if got.text != block.text:
            diff = word_diff(block.text, got.text)
            if not diff:  # same words, different spacing inside a word
                diff = [f"expected {block.text!r}", f"found    {got.text!r}"]
            problems.append(f"{_where(got, sections)}: unrecorded difference:\n    " + "\n    ".join(diff))
    for block in found:
        if block.id not in wanted:
            problems.append(
                f"{_where(block, sections)}: text that is not in the copy-text: "
                f"{block.text[:160]}{'…' if len(block.text) > 160 else ''}"
            )
    order = [block.id for block in found if block.id in wanted]
    if order != [block.id for block in expected if block.id in seen]:
        problems.append("the site shows the essay's blocks in another order than the copy-text: " + ", ".join(order))
    return problems


def check_site(site: str | Path, pages: list[str], copy_text: str, departures: list[Departure]) -> None:
    """Raise :class:`FidelityError` unless the site's essay text is the edited copy-text."""
    problems = compare(expected_blocks(copy_text, departures), site_blocks(site, pages))
    if problems:
        raise FidelityError(problems)
