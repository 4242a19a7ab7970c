"""The works of one edition: looked up, formatted once, and kept.

Everything the rest of the package knows about works comes from a
:class:`Bibliography`: whether a key exists (and, if not, which keys are
closest), where an entry was defined (file and line, for error messages), its
in-text label ("Fairbank and Goldman", "2006") and its full reference as safe
HTML and as plain text (:class:`~mkdocs_scholia.bib.model.Reference`).
Formatting is memoized per key, so the cost of a build does not depend on how
often a work is cited. Features above may keep strings they make from one
entry with it (:meth:`Bibliography.derived`).

Loading (with the in-process and disk caches) is :func:`mkdocs_scholia.bib.load`;
reading the files is :mod:`~mkdocs_scholia.bib.parse`; the checks are
:mod:`~mkdocs_scholia.bib.checks`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pybtex.database import BibliographyData, Entry
from pybtex.plugin import find_plugin
from pybtex.scanner import PybtexError

from mkdocs_scholia.bib import cache, checks, crossref
from mkdocs_scholia.bib.derived import Pieces
from mkdocs_scholia.bib.errors import BibliographyError
from mkdocs_scholia.bib.model import Location, Reference
from mkdocs_scholia.bib.snapshot import Snapshot, dump
from mkdocs_scholia.style.html import PlainTextBackend, SafeHTMLBackend

AUTHOR_DATE = ("assign_year_suffixes", "citation_names", "citation_year", "sort_key")
"""What author-date citations ask of a style besides ``format_entry``."""


@dataclass
class Bibliography:
    """The works of one edition, from one or more .bib files.

    Built from parsed data, it resolves cross-references, checks every value
    (errors raise :class:`BibliographyError`; what it only warns about is in
    :attr:`warnings`) and assigns the a/b year suffixes.
    """

    data: BibliographyData
    locations: dict[str, Location]  # by lower-case key
    style_name: str = "harvard"
    warnings: list[str] = field(default_factory=list)
    _references: dict[str, Reference] = field(default_factory=dict, repr=False)
    _derived: dict[str, Pieces] = field(default_factory=dict, repr=False)
    # A CSL style formatting in place of the pybtex style (see use_style); never kept on disk.
    csl: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._disk: cache.CacheFile | None = None  # where load() keeps it across builds
        self._dirty = True  # holds something that file lacks (or nothing is known about the file)
        crossref.resolve(self.data, self._where)
        checks.check_latex(self.data, self._where)
        self.style.assign_year_suffixes(self.data.entries.values())
        self.warnings.extend(checks.missing_fields(self.data, self._place))
        self.warnings.extend(checks.unsafe_urls(self.data, self._place))

    @cached_property
    def style(self) -> Any:
        """The pybtex formatting style (an instance), which also answers in-text questions."""
        return style_class(self.style_name)()

    @cached_property
    def _html(self) -> SafeHTMLBackend:
        return SafeHTMLBackend()

    @cached_property
    def _text(self) -> PlainTextBackend:
        return PlainTextBackend()

    @cached_property
    def _canonical_keys(self) -> dict[str, str]:
        return {key.lower(): key for key in self.data.entries}

    # -- lookup ----------------------------------------------------------------

    def __contains__(self, key: str) -> bool:
        return key.lower() in self._canonical_keys

    def __len__(self) -> int:
        return len(self.data.entries)

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries)

    def canonical(self, key: str) -> str:
        """The key as written in the .bib file (keys are case-insensitive); KeyError if there is none."""
        return self._canonical_keys[key.lower()]

    def entry(self, key: str) -> Entry:
        return self.data.entries[self.canonical(key)]

    def closest(self, key: str, n: int = 3) -> list[str]:
        """Existing keys that look like ``key``, best first, for error messages."""
        matches = difflib.get_close_matches(key.lower(), self._canonical_keys, n=n, cutoff=0.7)
        return [self._canonical_keys[match] for match in matches]

    def location(self, key: str) -> Location | None:
        return self.locations.get(key.lower())

    def sorted_keys(self, keys: Iterable[str] | None = None) -> list[str]:
        """Keys in the style's order (Harvard: names, year, title)."""
        if self.csl is not None:
            return [self.canonical(key) for key in self.csl.sorted_keys(self.keys if keys is None else list(keys))]
        chosen = self.data.entries.values() if keys is None else [self.entry(k) for k in keys]
        return [entry.key for entry in sorted(chosen, key=self.style.sort_key)]

    # -- formatting, once per key ------------------------------------------------

    def use_style(self, style: Any) -> None:
        """Format references with a CSL style (:class:`mkdocs_scholia.csl.CslStyle`) instead of the pybtex style.

        Only references and their order change; loading, checks and the
        pybtex style's own references (kept in the disk cache) stay as they are.
        """
        self.csl = style

    def reference(self, key: str) -> Reference:
        """The formatted reference for ``key``; each key is formatted once."""
        if self.csl is not None:
            canonical = self.canonical(key)
            formatted = self._csl_reference(canonical)
            entry = self.data.entries[canonical]
            return Reference(
                key=canonical,
                names=formatted.names,
                year=formatted.year,
                html=formatted.html,
                text=formatted.text,
                entry_type=entry.type.lower(),
                supplied=bool(entry.fields.get("supplied", "").strip()),
            )
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
                f"entry '{canonical}' cannot be formatted: {error}", *self._where(canonical)
            ) from error
        self._references[canonical] = reference
        self._dirty = True
        return reference

    def _csl_reference(self, canonical: str) -> Any:
        """The CSL style's reference, kept across builds and in the disk cache like the pybtex style's.

        Kept as a piece of the bibliography (:meth:`derived`) under the name the
        style gives (its id, the digest of its .csl file, the locale) and the
        fingerprint of its code: a change to any of them, or to a .bib file,
        renders the references again. A style that gives no name (numeric
        styles: their entries carry one build's citation numbers) is not kept.
        """
        namespace = self.csl.cache_namespace
        if namespace is None:
            return self.csl.reference(canonical)
        kept = self.derived(
            namespace, canonical, lambda: self.csl.kept(canonical), fingerprint=self.csl.cache_fingerprint
        )
        formatted = self.csl.from_kept(canonical, kept)
        if formatted is None:  # not what this code writes: made again
            self._derived[namespace].values.pop(canonical, None)
            return self.csl.reference(canonical)
        return formatted

    def derived(self, namespace: str, key: str, make: Callable[[], str], *, fingerprint: str) -> str:
        """A string a feature makes from the entry ``key`` alone, made once per key and kept.

        Kept like the references: across ``mkdocs serve`` rebuilds and in the
        disk cache. ``namespace`` names the piece and everything besides the
        entry it depends on (``"references.bibtex:abstract,file"``: an
        option's value, say); ``fingerprint`` is a digest of the code that
        makes it (:func:`mkdocs_scholia.bib.fingerprint` of the feature's
        modules): pieces kept under another fingerprint are dropped and made
        again. ``make`` must return a string.
        """
        pieces = self._derived.get(namespace)
        if pieces is None or pieces.fingerprint != fingerprint:
            pieces = self._derived[namespace] = Pieces(fingerprint)
            self._dirty = True
        canonical = self.canonical(key)
        value = pieces.values.get(canonical)
        if value is None:
            value = make()
            if not isinstance(value, str):
                raise TypeError(f"derived({namespace!r}) must make a str, not {type(value).__name__}")
            pieces.values[canonical] = value
            self._dirty = True
        return value

    # -- the disk cache ------------------------------------------------------------

    def write_cache(self) -> bool:
        """Keep this bibliography and what was made from it on disk, if :func:`load` was given a cache folder.

        Written only when the file is missing or this process formatted or
        made something it lacks; True if written. Raises OSError (a read-only
        folder, a full disk, no place for the key): callers report it and go on.
        """
        if self._disk is None:
            return False
        if not self._dirty and self._disk.path.exists():
            return False
        cache.write(self._disk, dump(self.snapshot()))
        self._dirty = False
        return True

    def snapshot(self) -> Snapshot:
        """Everything needed to bring this bibliography back without parsing or checking it."""
        return Snapshot(
            style_name=self.style_name,
            data=self.data,
            locations=self.locations,
            warnings=list(self.warnings),
            year_suffixes=dict(getattr(self.style, "year_suffixes", None) or {}),
            references=dict(self._references),
            derived={name: Pieces(p.fingerprint, dict(p.values)) for name, p in self._derived.items()},
        )

    @classmethod
    def from_snapshot(cls, saved: Snapshot) -> Bibliography:
        """The bibliography :meth:`snapshot` saved: no parsing, no checks (they passed when it was made)."""
        bibliography = cls.__new__(cls)  # not __init__: __post_init__ would check it all again
        bibliography.data, bibliography.locations = saved.data, saved.locations
        bibliography.style_name, bibliography.warnings = saved.style_name, saved.warnings
        bibliography._references, bibliography._derived = saved.references, saved.derived
        bibliography._disk, bibliography._dirty = None, True
        bibliography.csl = None
        if hasattr(bibliography.style, "year_suffixes"):
            bibliography.style.year_suffixes = saved.year_suffixes
        else:
            bibliography.style.assign_year_suffixes(saved.data.entries.values())
        return bibliography

    # -- messages ------------------------------------------------------------------

    def _where(self, key: str) -> tuple[str | None, int | None]:
        location = self.location(key)
        return (location.path, location.line) if location else (None, None)

    def _place(self, key: str) -> str:
        """``refs.bib:12`` (or the key, when the entry's place is unknown)."""
        location = self.location(key)
        return str(location) if location else key


def style_class(name: str) -> type:
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


def __getattr__(name: str) -> object:
    """The names this module held before the bibliography layer was split, for old imports.

    ``from mkdocs_scholia.bib.bibliography import load`` keeps working;
    new code imports from :mod:`mkdocs_scholia.bib`.
    """
    if name == "load":
        from mkdocs_scholia.bib.loading import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
