"""Loading an edition's bibliography: at most one parse per content, and across builds none.

:func:`load` keeps the newest bibliography in memory by the content of its
files, so ``mkdocs serve`` re-parses nothing when only a page changed; given
a ``cache_dir``, it also brings the bibliography back from disk
(:mod:`~mkdocs_scholia.bib.cache`) -- parsed, checked, with every reference
formatted so far -- instead of parsing the .bib files at all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs_scholia.bib import cache, parse, secret, snapshot
from mkdocs_scholia.bib.bibliography import Bibliography
from mkdocs_scholia.bib.errors import BibliographyError
from mkdocs_scholia.rules import places

_CACHE: dict[tuple, Bibliography] = {}
TRACKED_SHOWN = 5  # tracked cache files named in the error; the rest are counted


def load(
    paths: list[str | Path],
    root: str | Path | None = None,
    *,
    style: str = "harvard",
    cache_dir: str | Path | None = None,
) -> Bibliography:
    """A :class:`~mkdocs_scholia.bib.bibliography.Bibliography` for ``paths``, parsed at most once per content.

    ``root``: the project folder; relative ``paths`` are relative to it, and
    messages name files relative to it. The in-process cache key is the
    files' paths and SHA-256 digests (and the style), so an unchanged
    bibliography is reused across ``mkdocs serve`` rebuilds and an edited one
    is parsed again.

    ``cache_dir`` (None: no disk cache, the default) is a folder where the
    bibliography is kept across processes; call
    :meth:`~mkdocs_scholia.bib.bibliography.Bibliography.write_cache` when the
    build is done. A missing, corrupt, unauthenticated or stale file there is
    ignored. A ``cache_dir`` that git tracks, or an authentication key inside
    ``root``, is a :class:`BibliographyError`: such a cache could come from a
    pull request.
    """
    base = Path(root) if root is not None else None
    resolved = [(base / p if base is not None and not Path(p).is_absolute() else Path(p)) for p in paths]
    contents, digests = [], []
    for path in resolved:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise BibliographyError(f"cannot read bibliography: {error.strerror}", places.display(path, base)) from None
        contents.append(raw)
        digests.append(hashlib.sha256(raw).hexdigest())
    cache_key = (tuple(zip(map(str, resolved), digests, strict=True)), style)
    target = None
    if cache_dir is not None:
        _refuse_untrusted(Path(cache_dir), base)
        sources = [(places.display(path, base), digest) for path, digest in zip(resolved, digests, strict=True)]
        target = cache.locate(cache_dir, sources, style)
    bibliography = _CACHE.get(cache_key)
    if bibliography is None:
        bibliography = _from_disk(target, style) if target is not None else None
        if bibliography is None:
            data, locations = parse.read_files(resolved, base, contents)
            bibliography = Bibliography(data, locations, style)
        _CACHE.clear()  # one edition per process: keep only the newest
        _CACHE[cache_key] = bibliography
    if target != bibliography._disk:  # asked to keep it elsewhere, or no longer
        bibliography._disk, bibliography._dirty = target, True
    return bibliography


def _from_disk(target: cache.CacheFile, style: str) -> Bibliography | None:
    state = cache.read(target)
    saved = snapshot.restore(state, style) if state is not None else None
    if saved is None:
        return None
    bibliography = Bibliography.from_snapshot(saved)
    bibliography._disk, bibliography._dirty = target, False
    return bibliography


def _refuse_untrusted(cache_dir: Path, root: Path | None) -> None:
    """A cache folder git tracks, or a key file inside the project, stops the build with what to do."""
    tracked = cache.tracked_files(cache_dir)
    if tracked:
        names = [places.display(path, root) for path in sorted(tracked)]
        listed = ", ".join(names[:TRACKED_SHOWN])
        if len(names) > TRACKED_SHOWN:
            listed += f" and {len(names) - TRACKED_SHOWN} more"
        shown = places.display(cache_dir, root)
        top = shown.split("/", 1)[0] if not Path(shown).is_absolute() else shown
        raise BibliographyError(
            f"the cache folder is tracked by git ({listed}): a committed cache is never used; "
            f"remove it from the repository with `git rm -r --cached {top}` and list it in .gitignore",
            shown,
        )
    key_file = secret.key_path()
    if root is not None and key_file.absolute().is_relative_to(root.absolute()):
        raise BibliographyError(
            f"the cache's key file {key_file} is inside the project, where a pull request could supply it; "
            "set XDG_CACHE_HOME to a folder outside the project, or turn the cache off",
            places.display(cache_dir, root),
        )
