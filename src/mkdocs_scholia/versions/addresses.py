"""Versioned addresses never change once published, and every permanent link resolves.

Each release's commit holds the URL manifest of that release
(``tests/url-manifest.txt``: every page, file and citable anchor it
published). Every one of them must be published under ``v/<version>/`` in the
deployable site; the assembly checks this after every deploy, so a versioned
address that would stop resolving stops the deploy instead.

The current edition's "Cite this" gives permanent links into ``v/<version>/``
(``https://…/v/1.0.1/conclusion/#p6.1``); every such link of the deployable
site must reach a page and anchor that the version's own build published
(:func:`unresolved`), so a page or paragraph that the sources have and the
release lacks (a change not recorded as unreleased) stops the deploy too.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from mkdocs_scholia.corrections import manifest
from mkdocs_scholia.versions.releases import Release

MANIFEST = "tests/url-manifest.txt"


def manifest_at(repo: Path, commit: str, path: str = MANIFEST) -> list[str] | None:
    """The URLs a commit's manifest lists, or None if that commit has no manifest."""
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        return None
    return [line.strip() for line in shown.stdout.splitlines() if line.strip() and not line.strip().startswith("#")]


def versioned(url: str, release: Release) -> str:
    """``/conclusion/#p6.1`` of 1.0.0 is published at ``/v/1.0.0/conclusion/#p6.1``."""
    return f"/{release.folder}{url}"


def missing(repo: Path, deploy: Path, releases: Sequence[Release]) -> list[str]:
    """Every versioned address a release's manifest promises that the deployable site lacks."""
    problems = []
    for release in releases:
        urls = manifest_at(repo, release.commit)
        if urls is None:
            continue
        site = manifest.collect(deploy / release.folder)
        problems += [f"{versioned(url, release)}: not published" for url in urls if not site.has(url)]
    return problems


_HREF = re.compile(r'href="([^"]*)"')


def unresolved(deploy: Path, site_url: str, releases: Sequence[Release]) -> list[str]:
    """Every absolute link into ``v/<version>/`` on a page of ``deploy`` that the version does not publish."""
    base = site_url.rstrip("/") + "/"
    published = {release.folder: manifest.collect(deploy / release.folder) for release in releases}
    problems = set()
    for path in sorted(deploy.rglob("*.html")):
        for found in _HREF.finditer(path.read_text(encoding="utf-8")):
            link = html.unescape(found.group(1))
            if not link.startswith(base + "v/"):
                continue
            version, _, rest = link[len(base) + len("v/") :].partition("/")
            site = published.get(f"v/{version}")
            if site is None or not site.has("/" + rest):
                problems.add(f"{path.relative_to(deploy).as_posix()}: {link}: not published")
    return sorted(problems)
