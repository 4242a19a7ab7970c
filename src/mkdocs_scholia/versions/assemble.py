"""The deployable site: the current edition at the root, every release under ``v/<version>/``.

The root is the build of the current sources, untouched except for the
switcher when there is more than one release (an edition with one release is
byte-identical to its plain build). Each release's own build is copied to
``v/<version>/`` without its sitemap (the root's sitemap lists the current
edition only) and marked by :mod:`.marks`: ``noindex``, the switcher, and on
old versions the banner pointing to the current edition.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from mkdocs_scholia.versions import marks
from mkdocs_scholia.versions.releases import Release

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
ASSET_FOLDER = "assets/scholia-versions"


def _page(relative: str) -> str:
    """The page a built HTML file is, as a URL path within its version."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def _pages(site: Path) -> set[str]:
    return {_page(path.relative_to(site).as_posix()) for path in site.rglob("*.html")}


def _mark_tree(
    site: Path,
    out: Path,
    version: str | None,
    releases: Sequence[Release],
    pages: Mapping[str | None, set[str]],
) -> None:
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith(("v/", "assets/")):
            # The 404 page is served at any depth, so relative links cannot work
            # there; it only gets noindex. Nested versions are marked on their own.
            if relative == "404.html" and version is not None:
                html = path.read_text(encoding="utf-8")
                path.write_text(html.replace("<head>", "<head>" + marks.NOINDEX, 1), encoding="utf-8")
            continue
        page = _page(relative)
        depth = path.relative_to(out).as_posix().count("/")
        place = marks.Place(page=page, version=version, root="../" * depth)
        has_page = {key: page in found for key, found in pages.items()}
        name = str(path.relative_to(out))
        html = marks.mark_page(
            path.read_text(encoding="utf-8"), name=name, place=place, releases=releases, has_page=has_page
        )
        path.write_text(html, encoding="utf-8")


def assemble(current: Path, builds: Mapping[str, Path], releases: Sequence[Release], out: Path) -> Path:
    """Put the current build and every release's build together into ``out`` (replaced).

    ``releases`` newest first, ``builds`` maps each release's version to its build.
    """
    missing = [release.version for release in releases if release.version not in builds]
    if missing:
        raise ValueError(f"no build for version(s) {', '.join(missing)}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(current, out)
    pages: dict[str | None, set[str]] = {None: _pages(current)}
    for release in releases:
        target = out / release.folder
        shutil.copytree(builds[release.version], target)
        for name in SITEMAPS:
            (target / name).unlink(missing_ok=True)
        pages[release.version] = _pages(target)
    if len(releases) > 1:
        _mark_tree(out, out, None, releases, pages)
    for release in releases:
        _mark_tree(out / release.folder, out, release.version, releases, pages)
    if len(releases) > 1:
        folder = out / ASSET_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("versions.css", "versions.js"):
            source = resources.files("mkdocs_scholia.versions").joinpath("assets", name)
            (folder / name).write_bytes(source.read_bytes())
    return out
