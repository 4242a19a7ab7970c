"""Load BibTeX once, check it, and format each entry once.

Everything the rest of the package knows about works comes from a
:class:`Bibliography`: whether a key exists (and, if not, which keys are
closest), where an entry was defined (file and line, for error messages), its
in-text label ("Fairbank and Goldman", "2006") and its full reference as safe
HTML and as plain text. Formatting is memoized per key, so the cost of a
build does not depend on how often a work is cited. :func:`load` caches whole
bibliographies by the content of their files, so ``mkdocs serve`` re-parses
nothing when a page changes; given a ``cache_dir``, it also keeps them, with
the references formatted so far, on disk across builds
(:mod:`mkdocs_scholia.bib.cache`).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.plugin import find_plugin
from pybtex.scanner import PybtexError, PybtexSyntaxError

from mkdocs_scholia.bib import cache as bibliography_cache
from mkdocs_scholia.style.harvard import missing_fields
from mkdocs_scholia.style.latex import _NEEDS_DECODING, rich_latex
from mkdocs_scholia.style.html import PlainTextBackend, SafeHTMLBackend

ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]*)\s*,?", re.MULTILINE)
NON_ENTRIES = {"string", "preamble", "comment"}
RAW_FIELDS = {"url", "doi", "urldate", "eprint", "file", "crossref"}  # not LaTeX: the style reads them as they are
AUTHOR_DATE = ("assign_year_suffixes", "citation_names", "citation_year", "sort_key")  # what citations ask a style


class BibliographyError(Exception):
    """A problem in a .bib file, located at ``path:line``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<bibliography>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Location:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Reference:
    """One work, formatted once: what citations and reference lists print."""

    key: str
    names: str  # "Fairbank and Goldman"
    year: str  # "2006", "2012a", "n.d."
    html: str  # full reference, escaped, links only to http(s)
    text: str  # the same as plain text
    entry_type: str
    supplied: bool


@dataclass
class Bibliography:
    """The works of one edition, from one or more .bib files."""

    data: BibliographyData
    locations: dict[str, Location]
    style_name: str = "harvard"
    warnings: list[str] = field(default_factory=list)
    _references: dict[str, Reference] = field(default_factory=dict, repr=False)
    _derived: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._disk: bibliography_cache.CacheFile | None = None  # where load() keeps it across builds
        self._on_disk = -1  # how many references and derived pieces that file holds; -1: none or unknown
        self._resolve_crossrefs()
        self._check_latex()
        self.style.assign_year_suffixes(self.data.entries.values())
        for key, entry in self.data.entries.items():
            missing = missing_fields(entry)
            if missing:
                self.warnings.append(
                    f"{self.locations.get(key.lower(), key)}: entry '{key}' ({entry.type}) "
                    f"lacks {', '.join(missing)}"
                )

    def _resolve_crossrefs(self) -> None:
        """BibTeX's ``crossref``: a field or name the entry lacks comes from the parent.

        A chapter's ``booktitle`` is the parent book's ``title`` when the parent
        has no ``booktitle`` of its own (as biblatex does). pybtex resolves
        cross-references only when given the whole database, which the style
        never is, so without this a chapter lost its book, editors and year.
        """
        lowered = {key.lower(): entry for key, entry in self.data.entries.items()}
        for key, entry in self.data.entries.items():
            target = entry.fields.get("crossref", "").strip()
            if not target:
                continue
            parent = lowered.get(target.lower())
            if parent is None or parent is entry:
                raise BibliographyError(
                    f"entry '{key}' has crossref = {{{target}}}, but no entry has that key", *self._where(key)
                )
            for name, value in parent.fields.items():
                if name.lower() != "crossref" and name not in entry.fields:
                    entry.fields[name] = value
            if "booktitle" not in entry.fields and "title" in parent.fields:
                entry.fields["booktitle"] = parent.fields["title"]
            for role, persons in parent.persons.items():
                if not entry.persons.get(role):
                    entry.persons[role] = list(persons)

    def _check_latex(self) -> None:
        """Every field and name reads as LaTeX, or an error names the entry's file and line.

        Otherwise a stray backslash (``author = {Doe, J\\}``) failed deep inside
        formatting with a bare UnicodeDecodeError and no location.

        Only values that :func:`rich_latex` would decode are tried: for a value
        that ``_NEEDS_DECODING`` does not match it returns ``Text(value)``
        without parsing, so it cannot fail (most values are plain text), and a
        value already read (names and pages recur) is not read again.
        """
        checked: set[str] = set()
        for key, entry in self.data.entries.items():
            values = [(name, value) for name, value in entry.fields.items() if name.lower() not in RAW_FIELDS]
            values += [  # each part too: citations use the surname alone ("Doe, \\," splits into "\\")
                (role, part)
                for role, persons in entry.persons.items()
                for person in persons
                for part in (str(person), *person.first_names, *person.middle_names, *person.prelast_names,
                             *person.last_names, *person.lineage_names)
            ]
            for name, value in values:
                if value in checked or _NEEDS_DECODING.search(value) is None:
                    continue
                try:
                    rich_latex(value)
                    checked.add(value)
                except ValueError as error:
                    reason = error.reason if isinstance(error, UnicodeDecodeError) else str(error)
                    raise BibliographyError(
                        f"entry '{key}', field '{name}': not valid LaTeX ({reason}): {value!r}", *self._where(key)
                    ) from None

    @cached_property
    def style(self):
        return _style_class(self.style_name)()

    @cached_property
    def _html(self) -> SafeHTMLBackend:
        return SafeHTMLBackend()

    @cached_property
    def _text(self) -> PlainTextBackend:
        return PlainTextBackend()

    @cached_property
    def _canonical_keys(self) -> dict[str, str]:
        return {key.lower(): key for key in self.data.entries}

    def __contains__(self, key: str) -> bool:
        return key.lower() in self._canonical_keys

    def __len__(self) -> int:
        return len(self.data.entries)

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries)

    def canonical(self, key: str) -> str:
        """The key as written in the .bib file (keys are case-insensitive)."""
        return self._canonical_keys[key.lower()]

    def entry(self, key: str) -> Entry:
        return self.data.entries[self.canonical(key)]

    def closest(self, key: str, n: int = 3) -> list[str]:
        """Existing keys that look like ``key``, best first, for error messages."""
        lowered = {k.lower(): k for k in self.data.entries}
        matches = difflib.get_close_matches(key.lower(), lowered, n=n, cutoff=0.7)
        return [lowered[m] for m in matches]

    def location(self, key: str) -> Location | None:
        return self.locations.get(key.lower())

    def reference(self, key: str) -> Reference:
        """The formatted reference for ``key``; each key is formatted once."""
        cached = self._references.get(key)  # the usual case: a canonical key, formatted before
        if cached is not None:
            return cached
        canonical = self.canonical(key)
        cached = self._references.get(canonical)
        if cached is not None:
            return cached
        entry = self.data.entries[canonical]
        try:
            formatted = self.style.format_entry(canonical, entry)
            reference = Reference(
                key=canonical,
                names=self.style.citation_names(entry),
                year=self.style.citation_year(entry),
                html=formatted.text.render(self._html),
                text=formatted.text.render(self._text),
                entry_type=entry.type.lower(),
                supplied=bool(entry.fields.get("supplied", "").strip()),
            )
        except (PybtexError, ValueError) as error:  # ValueError: LaTeX that latexcodec cannot read
            raise BibliographyError(
                f"entry '{canonical}' cannot be formatted: {error}",
                *self._where(canonical),
            ) from error
        self._references[canonical] = reference
        return reference

    def derived(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """Something made from one entry alone (its BibTeX snippet, its COinS span), made once per key.

        Kept like the references: across ``mkdocs serve`` rebuilds and in the
        disk cache, so a References page of thousands of works is not rebuilt
        piece by piece every time. ``kind`` must name everything besides the
        entry that the result depends on (an option's value, say); the code
        that makes it is in :data:`mkdocs_scholia.bib.cache.DERIVED_BY`.
        """
        slot = (kind, self.canonical(key))
        value = self._derived.get(slot)
        if value is None:
            value = self._derived[slot] = make()
        return value

    def sorted_keys(self, keys=None) -> list[str]:
        """Keys in Harvard order (names, year, title)."""
        chosen = self.data.entries.values() if keys is None else [self.entry(k) for k in keys]
        return [entry.key for entry in sorted(chosen, key=self.style.sort_key)]

    def _where(self, key: str) -> tuple[str | None, int | None]:
        location = self.location(key)
        return (location.path, location.line) if location else (None, None)

    # -- the disk cache (mkdocs_scholia.bib.cache) ---------------------------

    def write_cache(self) -> bool:
        """Keep this bibliography and its references on disk, if :func:`load` was given a cache folder.

        Written only when the file is missing or this build formatted
        references it lacks; True if written. Raises OSError (a read-only
        folder, a full disk): callers report it and go on.
        """
        if self._disk is None:
            return False
        count = self._kept()
        if self._on_disk == count and self._disk.path.exists():
            return False
        bibliography_cache.write(
            self._disk,
            {
                "data": self.data,
                "locations": self.locations,
                "style_name": self.style_name,
                "warnings": self.warnings,
                "year_suffixes": getattr(self.style, "year_suffixes", None),
                "references": dict(self._references),
                "derived": dict(self._derived),
            },
        )
        self._on_disk = count
        return True

    def _kept(self) -> int:
        """How many pieces the disk cache would hold: references and derived pieces."""
        return len(self._references) + len(self._derived)

    @classmethod
    def _from_cache(cls, state: dict, style_name: str) -> Bibliography | None:
        """The bibliography :meth:`write_cache` stored (no parsing, no checks: they passed), or None."""
        data, locations, warnings = state.get("data"), state.get("locations"), state.get("warnings")
        references, suffixes = state.get("references"), state.get("year_suffixes")
        derived = state.get("derived")
        if not (
            isinstance(data, BibliographyData)
            and isinstance(locations, dict)
            and isinstance(warnings, list)
            and isinstance(references, dict)
            and all(isinstance(reference, Reference) for reference in references.values())
            and isinstance(derived, dict)
            and state.get("style_name") == style_name
        ):
            return None
        bibliography = cls.__new__(cls)  # not __init__: __post_init__ would parse-check it all again
        bibliography.data, bibliography.locations = data, locations
        bibliography.style_name, bibliography.warnings = style_name, warnings
        bibliography._references, bibliography._derived = references, derived
        bibliography._disk, bibliography._on_disk = None, -1
        if isinstance(suffixes, dict) and hasattr(bibliography.style, "year_suffixes"):
            bibliography.style.year_suffixes = suffixes
        else:
            bibliography.style.assign_year_suffixes(data.entries.values())
        return bibliography


def _style_class(name: str):
    """The pybtex formatting style ``name``; it must answer what author-date citations ask."""
    try:
        style = find_plugin("pybtex.style.formatting", name)
    except PybtexError:
        raise BibliographyError(f"unknown style '{name}': no pybtex formatting style has that name") from None
    missing = [method for method in AUTHOR_DATE if not hasattr(style, method)]
    if missing:
        raise BibliographyError(
            f"style '{name}' cannot make author-date citations: it has no {', '.join(missing)} (try 'harvard')"
        )
    return style


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise BibliographyError(
            f"not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", path, line
        ) from None


def _entry_locations(text: str, path: Path) -> list[tuple[str, int]]:
    """``(key, line)`` for each entry, found by a scan of the raw text.

    pybtex does not keep positions, and error messages need them.
    """
    found = []
    line, counted = 1, 0  # lines counted up to offset ``counted`` (one pass, not one count per entry)
    for match in ENTRY_START.finditer(text):
        kind, key = match.group(1).lower(), match.group(2)
        if kind in NON_ENTRIES:
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if not key:
            raise BibliographyError(f"@{match.group(1)} entry without a key", path, line)
        found.append((key, line))
    return found


def parse_file(
    path: Path, display_path: str | None = None, raw: bytes | None = None
) -> tuple[BibliographyData, list[tuple[str, int]]]:
    """Parse one .bib strictly: every pybtex complaint becomes an error.

    ``raw``: the file's content, if already read.
    """
    shown = display_path or str(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise BibliographyError(f"cannot read bibliography: {error.strerror}", shown) from None
    text = _decode(raw, Path(shown))
    locations = _entry_locations(text, Path(shown))
    seen: dict[str, int] = {}
    for key, line in locations:
        if key.lower() in seen:
            raise BibliographyError(
                f"duplicate key '{key}' (first defined at line {seen[key.lower()]}; "
                "keys are case-insensitive)",
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


def combine(
    paths: list[Path], root: Path | None = None, style: str = "harvard", contents: list[bytes] | None = None
) -> Bibliography:
    """Parse ``paths`` into one bibliography; a key may be defined only once.

    ``contents``: the files' bytes, if already read (one per path).
    """
    merged = BibliographyData()
    locations: dict[str, Location] = {}
    for index, path in enumerate(paths):
        shown = _display(path, root)
        data, found = parse_file(path, shown, contents[index] if contents is not None else None)
        for key, line in found:
            where = Location(shown, line)
            if key.lower() in locations:
                raise BibliographyError(
                    f"duplicate key '{key}' (already defined at {locations[key.lower()]})", shown, line
                )
            locations[key.lower()] = where
        for key, entry in data.entries.items():
            merged.add_entry(key, entry)
    return Bibliography(merged, locations, style)


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


_CACHE: dict[tuple, Bibliography] = {}


def load(
    paths: list[str | Path],
    root: str | Path | None = None,
    *,
    style: str = "harvard",
    cache_dir: str | Path | None = None,
) -> Bibliography:
    """A :class:`Bibliography` for ``paths``, parsed at most once per content.

    The in-process cache key is the files' paths and SHA-256 digests (and the
    style), so an unchanged bibliography is reused across ``mkdocs serve``
    rebuilds and an edited one is parsed again.

    ``cache_dir`` (None: no disk cache, the default) is a folder where the
    bibliography is kept across processes: a new process finds it there,
    parsed, checked and with every reference formatted so far, instead of
    parsing the .bib files; call :meth:`Bibliography.write_cache` when the
    build is done. A missing, corrupt or stale file there is ignored
    (:mod:`mkdocs_scholia.bib.cache`).
    """
    base = Path(root) if root is not None else None
    resolved = [(base / p if base is not None and not Path(p).is_absolute() else Path(p)) for p in paths]
    contents, digests = [], []
    for path in resolved:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise BibliographyError(f"cannot read bibliography: {error.strerror}", _display(path, base)) from None
        contents.append(raw)
        digests.append(hashlib.sha256(raw).hexdigest())
    cache_key = (tuple(zip(map(str, resolved), digests)), style)
    target = None
    if cache_dir is not None:
        sources = [(_display(path, base), digest) for path, digest in zip(resolved, digests)]
        target = bibliography_cache.locate(cache_dir, sources, style)
    bibliography = _CACHE.get(cache_key)
    if bibliography is None:
        state = bibliography_cache.read(target) if target is not None else None
        bibliography = Bibliography._from_cache(state, style) if state is not None else None
        if bibliography is not None:
            bibliography._disk, bibliography._on_disk = target, bibliography._kept()
        else:
            bibliography = combine(resolved, base, style, contents)
        _CACHE.clear()  # one edition per process: keep only the newest
        _CACHE[cache_key] = bibliography
    if target != bibliography._disk:  # asked to keep it elsewhere, or no longer
        bibliography._disk, bibliography._on_disk = target, -1
    return bibliography
