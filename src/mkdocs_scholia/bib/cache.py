"""The loaded bibliography on disk, kept from one build to the next.

Parsing the .bib files, checking them and formatting every cited entry
through the pybtex style is most of what a citation-heavy build spends on
the bibliography (about 1.1 s CPU for 2000 entries); reading it back from
here takes under a tenth of that. As Material's own plugins keep
``.cache/plugin/<name>/`` next to mkdocs.yml, the MkDocs plugin keeps one
file per edition in ``.cache/scholia/`` (options ``cache`` and ``cache_dir``).

**Why pickle.** It is the fastest way to bring back pybtex's objects as they
were (entries, persons, the formatted references) -- unpickling the
2000-entry benchmark bibliography takes about 0.08 s -- and nothing here has
to be read by anything but this module. Unpickling runs code named by the
file, so a cache file is only as trustworthy as the folder it is in: this
one lives in the project's own folder and is written by the project's own
build, exactly like Material's caches.

**What makes a file valid.** Its name and its contents carry a key that
changes whenever the output could change (:func:`locate`): the cache format,
the source of the code whose output it holds (``scholia/bibliography.py``,
this module, ``scholia/style/*.py``, the module of the style used and the
modules in :data:`DERIVED_BY`, so editing the style invalidates it), the
Python, pybtex and latexcodec versions, the style's name, and each .bib file's path (as shown in messages)
and SHA-256. A file that cannot be read, is corrupt, or holds another key is
ignored -- never an error, never a wrong page -- and the build rewrites it.
Only a bibliography that loaded without error is ever written, so a
malformed .bib is never cached; its warnings are kept and repeated. Writes
are atomic (a temporary file in the same folder, then ``os.replace``), and
writing one edition's file removes that edition's older ones, so the folder
does not grow.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import secrets
import sys
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

FORMAT = 1  # bump when the state's shape changes
PROTOCOL = 5
PREFIX = "bibliography-"
# Modules (relative to the package) that make what Bibliography.derived keeps:
# the References page's per-entry BibTeX and COinS.
DERIVED_BY = ("references/listing.py", "references/bibtex.py", "references/coins.py")
SUFFIX = ".pickle"


@dataclass(frozen=True)
class CacheFile:
    """Where one edition's bibliography is kept, and the key its contents must carry."""

    path: Path
    key: str
    edition: str  # the same for every version of one edition's file (its .bib paths and style)


def locate(cache_dir: str | Path, sources: list[tuple[str, str]], style: str, code: str | None = None) -> CacheFile:
    """The cache file for ``sources`` (``(display path, SHA-256 hex)`` per .bib, in order) and ``style``.

    ``code`` is the digest of the code that parses and formats
    (:func:`code_digest` by default).
    """
    edition = _digest({"style": style, "files": [shown for shown, _ in sources]})[:16]
    key = _digest(
        {
            "format": FORMAT,
            "code": code if code is not None else code_digest(style),
            "python": list(sys.version_info[:2]),
            "pybtex": _version("pybtex"),
            "latexcodec": _version("latexcodec"),
            "style": style,
            "files": [list(source) for source in sources],
        }
    )
    return CacheFile(Path(cache_dir) / f"{PREFIX}{edition}-{key[:32]}{SUFFIX}", key, edition)


def read(target: CacheFile) -> dict | None:
    """The state stored in ``target``, or None if it is absent, unreadable, corrupt or for another key."""
    try:
        with open(target.path, "rb") as handle, _no_gc():
            state = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: built afresh and rewritten
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("key") != target.key:
        return None
    return state


def write(target: CacheFile, state: dict) -> None:
    """Store ``state`` in ``target`` atomically and remove the edition's older files; OSError on failure."""
    folder = target.path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{target.path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        with open(temporary, "xb") as handle, _no_gc():
            pickle.dump({**state, "format": FORMAT, "key": target.key}, handle, protocol=PROTOCOL)
        os.replace(temporary, target.path)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    for older in folder.glob(f"{PREFIX}{target.edition}-*{SUFFIX}"):
        if older != target.path:
            with suppress(OSError):
                older.unlink()


@lru_cache(maxsize=8)
def code_digest(style: str = "harvard") -> str:
    """SHA-256 of the code whose output is cached: the bibliography, its cache, the styles, ``style``'s module,
    and the modules that make the pieces :meth:`Bibliography.derived` keeps."""
    package = Path(__file__).resolve().parents[1]
    sources = {package / "bib" / "bibliography.py", package / "bib" / "cache.py", *(package / "style").glob("*.py")}
    sources |= {package / name for name in DERIVED_BY}
    module = _style_module(style)
    if module is not None:
        sources.add(module)
    digest = hashlib.sha256()
    for path in sorted(sources):
        shown = path.relative_to(package).as_posix() if package in path.parents else path.name  # not where installed
        digest.update(shown.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:  # e.g. installed without sources: the versions still count
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    digest.update(_version("mkdocs-scholia").encode())
    return digest.hexdigest()


def _style_module(style: str) -> Path | None:
    from pybtex.plugin import find_plugin

    try:
        cls = find_plugin("pybtex.style.formatting", style)
        filename = sys.modules[cls.__module__].__file__
    except Exception:  # noqa: BLE001 - an unknown style is reported by the loader, not here
        return None
    return Path(filename).resolve() if filename else None


@contextmanager
def _no_gc():
    """No garbage collection while (un)pickling: it allocates tens of thousands of
    objects and no garbage, and in a build's large heap the collector's passes
    over them cost more than the pickling itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
