"""Links between the pages of one site, written relative to the page they are on.

Site URLs here are paths relative to the site root (``personal-factors/``,
``references/index.html``, ``""`` for the home page), as a static-site
generator gives them. A relative link works on any host and under any path,
so the site can be served from a subfolder or opened from disk.
"""

from __future__ import annotations

import posixpath


def _parts(path: str) -> list[str]:
    """The path's segments, normalised (``..`` above the root stays at the root)."""
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []


def relative_url(target: str, start: str) -> str:
    """``target`` as a link from the page at ``start``.

    ``relative_url("references/", "personal-factors/")`` is ``../references/``.

    The last segment of ``start`` is a file, and left out, when it has a dot
    (``a/page.html``); a trailing slash on ``target`` is kept; the same folder
    is ``.`` (``./`` for a folder).
    """
    folder, _, last = start.rpartition("/")
    if "." in last:
        start = folder
    here, there = _parts(start), _parts(target)
    common = 0
    for mine, theirs in zip(here, there, strict=False):  # the shorter path ends the common part
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return link + "/" if target.endswith("/") else link
