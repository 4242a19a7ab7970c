"""The `style` and `locale` options: pybtex or CSL, the site's language, and pages in reading order.

A style name is a pybtex style when pybtex knows it (``harvard``) and a CSL
style otherwise (a bundled id or a ``.csl`` path), so an unknown name is
reported by the CSL side, with the closest names of both kinds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from pybtex.plugin import enumerate_plugin_names, find_plugin
from pybtex.scanner import PybtexError

from mkdocs_scholia.csl import CslError, CslStyle, find_locale, find_style, is_csl_name
from mkdocs_scholia.csl.styles import closest

PYBTEX = "pybtex.style.formatting"


def is_csl(style: str) -> bool:
    """Whether ``style`` is to be formatted by the CSL processor."""
    if is_csl_name(style):
        return True
    try:
        find_plugin(PYBTEX, style)
    except PybtexError:
        return True  # unknown to pybtex: the CSL side finds it or says what is close
    return False


_BUILT: dict[tuple, tuple[Any, CslStyle]] = {}


def csl_style(name: str, bibliography: Any, root: Path, locale: str | None) -> CslStyle:
    """The CSL style for this bibliography, made once per process while nothing it depends on changes.

    ``mkdocs serve`` loads the configuration again for every rebuild; the
    bibliography is the same object while its files are unchanged
    (:func:`mkdocs_scholia.bib.load`), and the style file is compared by its
    digest, so a rebuild reuses every citation and reference already rendered.
    """
    found = find_style(name, root)
    digest = hashlib.sha256(found.path.read_bytes()).hexdigest()
    key = (name, str(root), locale, digest)
    kept = _BUILT.get(key)
    if kept is not None and kept[0] is bibliography:
        return kept[1]
    style = CslStyle(name, bibliography.data.entries, root=root, locale=locale)
    _BUILT.clear()  # one edition per process: keep only the newest
    _BUILT[key] = (bibliography, style)
    return style


def explain(error: CslError, locale: str | None) -> str:
    """The CSL error as the build reports it: which option, and close pybtex names too."""
    message = str(error)
    if message.startswith("unknown locale"):
        return f"`locale`: {message}" if locale else f"{message} (the site's language); set `locale:`"
    if message.startswith("unknown style '"):
        name = message.split("'")[1]
        pybtex = closest(name, list(enumerate_plugin_names(PYBTEX)), n=1)
        if pybtex:
            message += f" (pybtex styles: did you mean '{pybtex[0]}'?)"
    return f"`style`: {message}"


def site_locale(config: MkDocsConfig, warn: Callable[[str], None]) -> str | None:
    """The CSL locale of the site's language (``theme.language``), or None when CSL has none."""
    language = str(config.theme.get("language") or "").strip()
    if not language:
        return None
    try:
        return find_locale(language)
    except CslError:
        warn(
            f"mkdocs.yml: no CSL locale for the site's language '{language}'; the style's own is used (set `locale:`)"
        )
        return None


def _pages(nav: Any) -> Iterator[str]:
    """The page paths of a `nav:` configuration, in reading order."""
    if isinstance(nav, str):
        if "://" not in nav:
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)
    elif isinstance(nav, list):
        for value in nav:
            yield from _pages(value)


def in_reading_order(files: Files, nav: Any) -> Files:
    """``files`` with the pages of `nav:` first, in its order (the rest as they were).

    MkDocs renders pages in the order of its files, which is alphabetical;
    without `nav:` that order is the reading order already.
    """
    if not nav:
        return files
    position = {path: index for index, path in enumerate(dict.fromkeys(_pages(nav)))}
    listed = list(files)
    ordered = sorted(range(len(listed)), key=lambda i: (position.get(listed[i].src_uri, len(position)), i))
    return Files([listed[i] for i in ordered])
