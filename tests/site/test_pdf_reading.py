"""The PDF of the full text, read back with pypdf: set like a journal's article.

The edition's strict build (the session's ``built_site``) renders the PDF with
WeasyPrint; these tests read where every run of text stands on its page
(pypdf's content-stream parser, with each glyph's advance from the embedded
fonts' widths), and what the text says:

* no text outside the page, and none beyond the right edge of the text block
  (the reference list as received once ran off the page);
* paragraph numbers stand in the left margin, level with their paragraphs;
* no word is broken across lines by hyphenation (no "Agree-" / "ment.", no
  "refer-" / "ences/edition.bib");
* the contents list gives each part's page, and that page is where the part begins;
* each editorial note is printed once (not again after its section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import ContentStream

from support.edition import mkdocs_config

PDF = mkdocs_config()["plugins"][1]["scholia"]["full_text"]["pdf_file"]
MM = 72 / 25.4
LEFT, RIGHT = 36 * MM, 34 * MM  # the text block's margins (scholia-print.css)
HYPHENS = ("\u2010", "\u00ad")  # what a hyphenation break prints


@dataclass
class Run:
    """One text-showing operation: its text and where its glyphs start and end (PDF points)."""

    text: str
    x0: float
    x1: float
    y: float


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _widths(font) -> tuple[dict[int, float], float]:
    """CID → width (thousandths of the em) of a Type0 font (WeasyPrint writes only these)."""
    descendant = font["/DescendantFonts"][0].get_object()
    default = float(descendant.get("/DW", 1000))
    widths: dict[int, float] = {}
    entries = list(descendant.get("/W", []))
    i = 0
    while i < len(entries):
        first = int(entries[i])
        following = entries[i + 1].get_object() if hasattr(entries[i + 1], "get_object") else entries[i + 1]
        if isinstance(following, list):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            for cid in range(first, int(following) + 1):
                widths[cid] = float(entries[i + 2])
            i += 3
    return widths, default


def _unicode(font) -> dict[int, str]:
    """CID → text, from the font's ToUnicode map (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return mapping
    data = cmap.get_object().get_data().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            base = bytes.fromhex(text).decode("utf-16-be", "replace")
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = base[:-1] + chr(ord(base[-1]) + offset)
    return mapping


def runs(reader: PdfReader, page) -> list[Run]:
    """Every text-showing operation of ``page``, in device space (points, origin bottom left)."""
    fonts = {}
    resources = page["/Resources"]
    for name, ref in resources.get("/Font", {}).items():
        font = ref.get_object()
        fonts[name] = (*_widths(font), _unicode(font))
    ctm, stack = [1.0, 0, 0, 1.0, 0, 0], []
    tm = line = [1.0, 0, 0, 1.0, 0, 0]
    font, size, spacing, scale, rise = None, 0.0, 0.0, 1.0, 0.0
    found: list[Run] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        op = operator.decode() if isinstance(operator, bytes) else operator
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == "BT":
            tm = line = [1.0, 0, 0, 1.0, 0, 0]
        elif op == "Tf":
            font, size = fonts[operands[0]], float(operands[1])
        elif op == "Tc":
            spacing = float(operands[0])
        elif op == "Tz":
            scale = float(operands[0]) / 100
        elif op == "Ts":
            rise = float(operands[0])
        elif op == "Tm":
            tm = line = [float(v) for v in operands]
        elif op in ("Td", "TD"):
            tm = line = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], line)
        elif op in ("Tj", "TJ"):
            assert font is not None
            widths, default, unicode = font
            items = operands[0] if op == "TJ" else [operands[0]]
            advance, text = 0.0, []
            for item in items:
                if isinstance(item, (bytes, str)) or hasattr(item, "original_bytes"):
                    raw = getattr(item, "original_bytes", item)
                    raw = raw.encode("latin-1") if isinstance(raw, str) else bytes(raw)
                    for k in range(0, len(raw) - 1, 2):
                        cid = raw[k] << 8 | raw[k + 1]
                        advance += (widths.get(cid, default) / 1000 * size + spacing) * scale
                        text.append(unicode.get(cid, "\ufffd"))
                else:
                    advance -= float(item) / 1000 * size * scale
            start = _multiply([1, 0, 0, 1, 0, rise], _multiply(tm, ctm))
            end = _multiply([1, 0, 0, 1, advance, rise], _multiply(tm, ctm))
            found.append(Run("".join(text), min(start[4], end[4]), max(start[4], end[4]), start[5]))
            tm = _multiply([1, 0, 0, 1, advance, 0], tm)
    return found


def lines(found: list[Run]) -> list[str]:
    """The page's lines, top to bottom: runs on one baseline, left to right."""
    rows: dict[int, list[Run]] = {}
    for run in found:
        key = next((k for k in rows if abs(k - run.y) <= 2), round(run.y))
        rows.setdefault(key, []).append(run)
    text = []
    for y in sorted(rows, reverse=True):
        row = sorted(rows[y], key=lambda run: run.x0)
        line = row[0].text
        for before, run in pairwise(row):
            line += (" " if run.x0 - before.x1 > 1 and not line.endswith(" ") else "") + run.text
        text.append(line.strip())
    return text


@pytest.fixture(scope="module")
def pdf(built_site):
    reader = PdfReader(str(built_site / PDF))
    return reader, [runs(reader, page) for page in reader.pages]


@pytest.fixture(scope="module")
def texts(pdf):
    """Each page's text, line by line."""
    _, pages = pdf
    return ["\n".join(lines(found)) for found in pages]


def test_no_text_stands_outside_the_page_or_beyond_the_text_block(pdf):
    reader, pages = pdf
    for number, (page, found) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert found, f"page {number} has no text"
        for run in found:
            where = f"page {number}: {run.text[:60]!r} at x {run.x0:.1f}-{run.x1:.1f}, y {run.y:.1f}"
            assert run.x0 >= 0 and run.x1 <= width and 0 <= run.y <= height, f"outside the page: {where}"
            assert run.x1 <= width - RIGHT + 1, f"beyond the text block's right edge ({width - RIGHT:.1f}): {where}"
            assert run.x0 >= LEFT - 16 * MM, f"left of the margin's paragraph numbers: {where}"


def test_paragraph_numbers_stand_in_the_left_margin(pdf, built_site):
    _, pages = pdf
    html = BeautifulSoup((built_site / "full-text" / "index.html").read_text(encoding="utf-8"), "lxml")
    labels = [a["data-label"] for a in html.select("article p[id] > a.scholia-para-link")]
    assert len(labels) >= 10
    in_margin = {run.text.strip() for found in pages for run in found if run.x1 <= LEFT - 1}
    missing = [label for label in labels if label not in in_margin]
    assert not missing, f"paragraph numbers not in the margin: {missing}"


def test_no_word_is_hyphenated_across_lines(texts):
    text = "\n".join(texts)
    broken = [line for line in text.splitlines() if line.rstrip().endswith(HYPHENS)]
    assert not broken, f"lines that end in a hyphenation: {broken[:5]}"
    assert "refer-\nences" not in text and "Agree-\nment" not in text


def test_the_contents_give_each_parts_page(texts, built_site):
    html = BeautifulSoup((built_site / "full-text" / "index.html").read_text(encoding="utf-8"), "lxml")
    entries = [
        a.get_text(" ", strip=True)
        for a in html.select("article li > a[href^='#part-']")
        if len(a.parent.find_all(True, recursive=False)) == 1
    ]
    assert len(entries) >= 8, entries
    contents_page = next(i for i, text in enumerate(texts) if re.search(r"^Contents$", text, re.M))
    listed = {}
    for line in texts[contents_page].splitlines():
        match = re.match(r"^\W*(.+?)[\s.]*?\s(\d+)$", line.strip())
        if match and match.group(1).strip(" .") in entries:
            listed[match.group(1).strip(" .")] = int(match.group(2))
    assert set(listed) == set(entries), f"entries without a page number: {set(entries) - set(listed)}"
    for title, number in listed.items():
        page_text = texts[number - 1]
        assert re.search(rf"^{re.escape(title)}$", page_text, re.M), f"{title!r} does not begin on page {number}"


def test_each_editorial_note_is_printed_once(texts, built_site):
    text = "\n".join(texts)
    notes = BeautifulSoup((built_site / "editorial-notes" / "index.html").read_text(encoding="utf-8"), "lxml")
    ids = [strong["id"] for strong in notes.select("article [id^='e0']")]
    assert len(ids) > 40
    page_text = notes.select_one("article").get_text(" ")
    for ident in ids:
        expected = len(re.findall(rf"\b{ident}\b", page_text))
        assert len(re.findall(rf"\b{ident}\b", text)) == expected, f"{ident} is printed more often than on its page"
    assert "Editorial notes on this section" not in text
