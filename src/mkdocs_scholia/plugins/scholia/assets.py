"""The package's own CSS and JavaScript, added to the site by the plugin itself.

A site lists in ``extra_css``/``extra_javascript`` only what is particular to
it; what a feature of the package needs ships in ``mkdocs_scholia/assets/``
and is added here: registered in ``on_config`` (so the theme links it on
every page) and put into the site's files in ``on_files``, under
``assets/scholia/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets/scholia/"


@dataclass(frozen=True)
class Asset:
    """One file of ``mkdocs_scholia/assets/``, and where the site serves it."""

    packaged: str  # "scholia-references.css"
    served: str  # "references.css", under assets/scholia/
    linked: bool = True  # added to extra_css / extra_javascript (the print stylesheet is linked by its template)
    first: bool = False  # before the site's own files (fixes to the theme, which the site may override)

    @property
    def url(self) -> str:
        return FOLDER + self.served


REFERENCES_CSS = Asset("scholia-references.css", "references.css")
PREVIEWS_JS = Asset("scholia-previews.js", "previews.js")
CITE_JS = Asset("scholia-cite.js", "scholia-cite.js")
CITE_CSS = Asset("scholia-cite.css", "scholia-cite.css")
PRINT_CSS = Asset("scholia-print.css", "scholia-print.css", linked=False)
ENTITIES_CSS = Asset("scholia-entities.css", "entities.css")
ENTITIES_JS = Asset("scholia-entities.js", "entities.js")
THEME_FIXES_CSS = Asset("scholia-a11y.css", "a11y.css", first=True)
THEME_FIXES_JS = Asset("scholia-a11y.js", "a11y.js", first=True)
READING_CSS = Asset("scholia-reading.css", "reading.css")
READING_JS = Asset("scholia-reading.js", "reading.js")
# The reading text's face, loaded by reading.css (the regular face is also
# preloaded by partials/scholia-reading-head.html); SIL Open Font License.
FONTS = tuple(
    Asset(f"fonts/{name}", f"fonts/{name}", linked=False)
    for name in (
        "source-serif-4-latin-400-normal.woff2",
        "source-serif-4-latin-400-italic.woff2",
        "source-serif-4-latin-600-normal.woff2",
        "OFL.txt",
    )
)
READING = (READING_CSS, READING_JS, *FONTS)


def register(config: MkDocsConfig, assets: list[Asset]) -> None:
    """Link ``assets`` from every page, in order (``on_config``)."""
    for group, suffix in ((config.extra_css, ".css"), (config.extra_javascript, ".js")):
        chosen = [asset for asset in assets if asset.linked and asset.served.endswith(suffix)]
        front = [asset.url for asset in chosen if asset.first]
        group[:0] = front
        group.extend(asset.url for asset in chosen if not asset.first)


def add_files(files: Files, config: MkDocsConfig, assets: list[Asset]) -> None:
    """Put ``assets`` into the site (``on_files``)."""
    package = resources.files("mkdocs_scholia").joinpath("assets")
    for asset in assets:
        content = package.joinpath(asset.packaged).read_bytes()
        files.append(File.generated(config, asset.url, content=content))
