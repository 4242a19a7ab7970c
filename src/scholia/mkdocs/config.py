"""Typed, documented options of the ``scholia`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ScholiaConfig(base.Config):
    bibliography = c.ListOfItems(c.Type(str), default=[])
    """BibTeX files, relative to mkdocs.yml. Parsed once per build, cached across
    `mkdocs serve` rebuilds by content; a key may be defined only once."""

    style = c.Type(str, default="harvard")
    """A pybtex formatting style registered under `pybtex.style.formatting`."""

    references_page = c.Type(str, default="references.md")
    """The page (under docs/) whose marker `<!-- scholia:references -->` becomes
    the list of every work cited in the edition. Notes link to it."""

    copy_text = c.Optional(c.Type(str))
    """The edition's copy-text (the text as received), relative to mkdocs.yml."""

    apparatus = c.Optional(c.Type(str))
    """The editorial apparatus (YAML), relative to mkdocs.yml. Its rendering
    replaces `<!-- scholia:apparatus -->`."""
