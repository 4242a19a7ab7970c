"""The apparatus in the ``scholia`` plugin: MkDocs' nav and pages turned into plain data.

The apparatus feature (:mod:`mkdocs_scholia.apparatus`) receives the
departures, the copy-text, the pages' titles in reading order and a function
that links one page to another; this module makes those from the plugin's
options, ``nav`` and the page being rendered, and turns every problem into
a :class:`~mkdocs.exceptions.PluginError` whose lines start with the file
(and line) at fault.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from mkdocs_scholia.apparatus import render
from mkdocs_scholia.apparatus.copytext import in_text_order
from mkdocs_scholia.apparatus.model import ApparatusError, Departure
from mkdocs_scholia.plugins import site_links
from mkdocs_scholia.plugins.datafiles import DataFileError
from mkdocs_scholia.plugins.datafiles.apparatus import load_apparatus
from mkdocs_scholia.rules import places

_CACHE: dict[tuple[object, ...], tuple[list[Departure], str]] = {}


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_checked(root: Path, apparatus_path: str, copy_text_path: str | None) -> tuple[list[Departure], str]:
    """The departures (in the copy-text's order, checked against it) and the copy-text.

    Read once per change of either file (``mkdocs serve`` rebuilds read them again).
    """
    apparatus_file = root / apparatus_path
    copy_file = root / copy_text_path if copy_text_path else None
    try:
        key = (_stamp(apparatus_file), _stamp(copy_file) if copy_file else None)
        if key not in _CACHE:
            departures = load_apparatus(apparatus_file, root)
            copy_text = copy_file.read_text(encoding="utf-8") if copy_file else ""
            if copy_file:
                departures = in_text_order(copy_text, departures)
            _CACHE.clear()
            _CACHE[key] = (departures, copy_text)
    except OSError as error:
        shown = places.display(error.filename, root) if error.filename else apparatus_path
        raise PluginError(f"{shown}: cannot be read: {error.strerror}") from None
    except (DataFileError, ApparatusError) as error:
        raise PluginError(str(error)) from None
    return _CACHE[key]


def titles_from_nav(nav: Any) -> dict[str, str]:
    """Docs pages and their titles, in reading order, from the ``nav`` setting."""
    titles: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, list):
                        walk(target)
                    elif isinstance(target, str) and target.endswith(".md"):
                        titles[target] = str(title)
            elif isinstance(item, str) and item.endswith(".md"):
                titles[item] = item[: -len(".md")]

    walk(nav)
    return titles


def _linker(page: Page) -> render.Link:
    here = page.file.src_uri
    directory_urls = page.file.use_directory_urls

    def link(src_uri: str, anchor: str) -> str:
        return site_links.href(src_uri, anchor, here=here, use_directory_urls=directory_urls)

    return link


def notes_page(root: Path, apparatus_path: str, copy_text_path: str | None, *, nav: Any, page: Page) -> str:
    """What replaces ``<!-- scholia:apparatus -->`` on ``page``."""
    departures, copy_text = load_checked(root, apparatus_path, copy_text_path)
    try:
        return render.notes_page(departures, titles_from_nav(nav), _linker(page), copy_text=copy_text or None)
    except ApparatusError as error:
        raise PluginError(str(error)) from None


def page_notes(root: Path, apparatus_path: str, copy_text_path: str | None, *, page: Page) -> str:
    """The notes on the departures on ``page``, for its end ('' when it has none)."""
    departures, _ = load_checked(root, apparatus_path, copy_text_path)
    notes = render.page_notes(departures, page.file.src_uri, _linker(page))
    if notes and page.file.src_dir and not (Path(page.file.src_dir) / render.NOTES_PAGE).is_file():
        raise PluginError(
            f"{apparatus_path}: the notes on {page.file.src_uri} link to {render.NOTES_PAGE}, which is not a page; "
            f"create it with the line <!-- scholia:apparatus --> where the notes go"
        )
    return notes
