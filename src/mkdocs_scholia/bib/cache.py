"""The loaded bibliography on disk, kept from one build to the next, and never trusted blindly.

Parsing the .bib files, checking them and formatting every cited entry
through the pybtex style is most of what a citation-heavy build spends on
the bibliography; reading it back from here takes a fraction of that. As
Material's own plugins keep ``.cache/plugin/<name>/`` next to mkdocs.yml, the
MkDocs plugin keeps one file per edition in ``.cache/scholia/`` (options
``cache`` and ``cache_dir``).

**A cache file is data, never code.** Everything in the project folder may
come from a pull request, ``.cache/`` included, so the file is JSON
(:mod:`~mkdocs_scholia.bib.snapshot` checks every value it brings back), and
it is read only when

* it is no larger than :data:`MAX_BYTES` (checked before it is read);
* it carries an HMAC-SHA256 made with this machine's key, which lives outside
  the project (:mod:`~mkdocs_scholia.bib.secret`): a file that this user's
  builds did not write -- one a pull request committed, say -- fails this
  check and is ignored;
* it holds the key :func:`locate` computes (below).

A cache folder that git tracks is refused outright (:func:`tracked_files`):
committed cache files are never useful and suggest a mistake.

**What makes a file valid.** Its name and its contents carry a key that
changes whenever the output could change: the format, the source of the code
whose output it holds (``bib/``, ``style/``, ``rules/`` and the module of the
style used, so editing the style invalidates it), the Python, pybtex and
latexcodec versions, the style's name, and each .bib file's path (as shown in
messages) and SHA-256. Pieces that features keep with the bibliography carry
their own code's fingerprint (:mod:`~mkdocs_scholia.bib.derived`), so this
module names none of them. A file that cannot be read, is corrupt, fails
authentication, or holds another key is ignored -- never an error, never a
wrong page -- and the build rewrites it. Only a bibliography that loaded
without error is ever written, so a malformed .bib is never cached; its
warnings are kept and repeated. Writes are atomic (a temporary file in the
same folder, then ``os.replace``), and writing one edition's file removes
that edition's older ones, so the folder does not grow.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs_scholia.bib import secret

FORMAT = 2  # bump when the file's layout or the snapshot's shape changes
PREFIX = "bibliography-"
SUFFIX = ".json"
MAGIC = b"mkdocs-scholia bibliography cache %d\n" % FORMAT
MAX_BYTES = 256 * 1024 * 1024  # far above any real bibliography (2000 entries: about 4 MB)


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


def read(target: CacheFile, key_file: Path | None = None) -> dict[str, Any] | None:
    """The state stored in ``target``, or None if it is absent, too large, unauthenticated, corrupt or for another key.

    ``key_file``: where the HMAC key is (:func:`mkdocs_scholia.bib.secret.key_path` by default).
    Nothing here raises: every failure means "no cache".
    """
    try:
        if target.path.stat().st_size > MAX_BYTES:
            return None
        raw = target.path.read_bytes()
        authentication = secret.key(key_file)
    except OSError:
        return None
    header, _, rest = raw.partition(b"\n")
    mac, _, body = rest.partition(b"\n")
    if header + b"\n" != MAGIC or not hmac.compare_digest(mac, _mac(authentication, body)):
        return None
    try:
        with _no_gc():
            state = json.loads(body)
    except (ValueError, RecursionError):  # not JSON (or not UTF-8), or nested beyond reason
        return None
    if not isinstance(state, dict) or state.get("key") != target.key or not isinstance(state.get("state"), dict):
        return None
    return state["state"]


def write(target: CacheFile, state: dict[str, Any], key_file: Path | None = None) -> None:
    """Store ``state`` (JSON values) in ``target`` atomically, authenticated; remove the edition's older files.

    OSError on failure (a read-only folder, a full disk, no place for the key).
    """
    authentication = secret.key(key_file)
    body = json.dumps({"key": target.key, "state": state}, ensure_ascii=False, separators=(",", ":")).encode()
    folder = target.path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{target.path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        with open(temporary, "xb") as handle:
            handle.write(MAGIC + _mac(authentication, body) + b"\n" + body)
        os.replace(temporary, target.path)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    for older in folder.glob(f"{PREFIX}{target.edition}-*"):
        if older != target.path:
            with suppress(OSError):
                older.unlink()


def tracked_files(folder: str | Path) -> list[Path]:
    """The files under ``folder`` that git tracks; empty when it is not in a git checkout or git is absent.

    A cache is written by builds; a tracked one came from a commit, which
    anyone who can open a pull request can make. When git cannot answer (no
    git, not a checkout, a checkout git refuses to read because another user
    owns it) nothing is refused here; the HMAC still keeps such files out.
    """
    folder = Path(folder).absolute()
    anchor = next((parent for parent in (folder, *folder.parents) if parent.is_dir()), None)
    if anchor is None:
        return []
    try:
        listed = subprocess.run(
            ["git", "-C", str(anchor), "ls-files", "-z", "--", str(folder)],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return []
    if listed.returncode != 0:  # not a checkout (or the folder is outside it)
        return []
    return [anchor / os.fsdecode(name) for name in listed.stdout.split(b"\0") if name]


@lru_cache(maxsize=8)
def code_digest(style: str = "harvard") -> str:
    """SHA-256 of the code whose output the file holds: ``bib/``, ``style/``, ``rules/`` and ``style``'s module."""
    package = Path(__file__).resolve().parents[1]
    sources = {path for folder in ("bib", "style", "rules") for path in (package / folder).glob("*.py")}
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


def _mac(authentication: bytes, body: bytes) -> bytes:
    return hmac.new(authentication, MAGIC + body, hashlib.sha256).hexdigest().encode()


def _style_module(style: str) -> Path | None:
    from pybtex.plugin import find_plugin
    from pybtex.scanner import PybtexError

    try:
        cls = find_plugin("pybtex.style.formatting", style)
    except PybtexError:  # an unknown style is reported by the loader, not here
        return None
    filename = getattr(sys.modules.get(cls.__module__), "__file__", None)
    return Path(filename).resolve() if filename else None


@contextmanager
def _no_gc() -> Iterator[None]:
    """No garbage collection while a large file is decoded: it allocates tens of
    thousands of objects and no garbage, and in a build's large heap the
    collector's passes over them cost more than the decoding itself."""
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
