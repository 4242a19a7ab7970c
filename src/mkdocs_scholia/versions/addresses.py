"""Versioned addresses never change once published.

Each release's commit holds the URL manifest of that release
(``tests/url-manifest.txt``: every page, file and citable anchor it
published). Every one of them must be published under ``v/<version>/`` in the
deployable site; the assembly checks this after every deploy, so a versioned
address that would stop resolving stops the deploy instead.
"""

from __future__ import annotations

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
