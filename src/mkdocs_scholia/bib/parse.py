"""Reading .bib files strictly, with errors that name the file and line.

pybtex parses BibTeX but keeps no positions, and in its default mode it
reports problems as warnings and carries on. Here every complaint is an
error (:class:`~mkdocs_scholia.bib.errors.BibliographyError`) located at
``file:line``: the line of the entry, found by a scan of the raw text, or the
line pybtex gave up on. Keys are case-insensitive (as in BibTeX), so a key
defined twice in any case, in one file or across files, is an error too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError, PybtexSyntaxError

from mkdocs_scholia.bib.errors import BibliographyError
from mkdocs_scholia.bib.model import Location
from mkdocs_scholia.rules import places

ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]*)\s*,?", re.MULTILINE)
NON_ENTRIES = {"string", "preamble", "comment"}


def read_files(
    paths: list[Path], root: Path | None = None, contents: list[bytes] | None = None
) -> tuple[BibliographyData, dict[str, Location]]:
    """Parse ``paths`` into one database and where each entry is (by lower-case key).

    ``root``: the project folder, to which messages make paths relative.
    ``contents``: the files' bytes, if already read (one per path).
    """
    merged = BibliographyData()
    locations: dict[str, Location] = {}
    for index, path in enumerate(paths):
        shown = places.display(path, root)
        data, found = parse_file(path, shown, contents[index] if contents is not None else None)
        for key, line in found:
            if key.lower() in locations:
                raise BibliographyError(
                    f"duplicate key '{key}' (already defined at {locations[key.lower()]})", shown, line
                )
            locations[key.lower()] = Location(shown, line)
        for key, entry in data.entries.items():
            merged.add_entry(key, entry)
    return merged, locations


def parse_file(
    path: Path, display_path: str | None = None, raw: bytes | None = None
) -> tuple[BibliographyData, list[tuple[str, int]]]:
    """Parse one .bib strictly: every pybtex complaint becomes an error.

    Returns the entries and ``(key, line)`` for each, in file order.
    ``display_path``: how messages name the file; ``raw``: its content, if already read.
    """
    shown = display_path or str(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise BibliographyError(f"cannot read bibliography: {error.strerror}", shown) from None
    text = _decode(raw, shown)
    locations = _entry_locations(text, shown)
    seen: dict[str, int] = {}
    for key, line in locations:
        if key.lower() in seen:
            raise BibliographyError(
                f"duplicate key '{key}' (first defined at line {seen[key.lower()]}; keys are case-insensitive)",
                shown,
                line,
            )
        seen[key.lower()] = line
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = Parser(encoding="utf-8").parse_string(text)
    except PybtexSyntaxError as error:
        kind = getattr(error, "error_type", "syntax error")  # e.g. "undefined string" (an @string macro)
        message = f"BibTeX {kind}: {error.args[0] if error.args else error}"
        raise BibliographyError(message + _in_entry(error.lineno, locations), shown, error.lineno) from None
    except PybtexError as error:
        raise BibliographyError(f"BibTeX error: {error}", shown, _guess_line(str(error), locations, text)) from None
    finally:
        pybtex.errors.set_strict_mode(previous)
    if not text.strip() or not data.entries:
        raise BibliographyError("no entries: the file is empty or has no @entries", shown, 1)
    return data, locations


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise BibliographyError(
            f"not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", shown, line
        ) from None


def _entry_locations(text: str, shown: str) -> list[tuple[str, int]]:
    """``(key, line)`` for each entry, found by a scan of the raw text (pybtex keeps no positions)."""
    found = []
    line, counted = 1, 0  # lines counted up to offset ``counted`` (one pass, not one count per entry)
    for match in ENTRY_START.finditer(text):
        kind, key = match.group(1).lower(), match.group(2)
        if kind in NON_ENTRIES:
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if not key:
            raise BibliographyError(f"@{match.group(1)} entry without a key", shown, line)
        found.append((key, line))
    return found


def _in_entry(line: int | None, locations: list[tuple[str, int]]) -> str:
    """`` (in entry 'k', from line 8)``: where the entry holding ``line`` starts.

    pybtex reports where it gave up, which for an unclosed brace is the end of
    the file; the entry that never closed is the one to look at.
    """
    if not line:
        return ""
    before = [(key, start) for key, start in locations if start <= line]
    if not before:
        return ""
    key, start = before[-1]
    return f" (in entry '{key}', from line {start})" if start != line else f" (in entry '{key}')"


def _guess_line(message: str, locations: list[tuple[str, int]], text: str = "") -> int | None:
    """The line a pybtex error is about: its entry's key, or the quoted text it names."""
    for key, line in locations:
        if re.search(rf"\b{re.escape(key)}\b", message):
            return line
    for quoted in re.findall(r"'([^']{3,})'", message):  # "Too many commas in 'Smith, John, Jr, X'"
        offset = text.find(quoted)
        if offset >= 0:
            return text.count("\n", 0, offset) + 1
    return None
