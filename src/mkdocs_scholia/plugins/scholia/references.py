"""MkDocs glue of the References feature: pages, files and the theme, as plain values.

:class:`~mkdocs_scholia.references.site.ReferencesSite` never sees MkDocs;
these functions turn MkDocs' objects into what it needs and put what it
makes back into them.
"""

from __future__ import annotations

import html
from pathlib import Path
from posixpath import dirname

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from mkdocs_scholia.markdown import DocumentCitations
from mkdocs_scholia.plugins.scholia.config import ReferencesConfig
from mkdocs_scholia.plugins.scholia.front_matter import plain
from mkdocs_scholia.references.cited_in import PageInfo
from mkdocs_scholia.references.listing import PAGE_LIST_ID
from mkdocs_scholia.references.options import DownloadOptions, PerPageOptions, ReferencesOptions
from mkdocs_scholia.references.site import ReferencesError, ReferencesSite

TOOLTIPS_FEATURE = "content.footnote.tooltips"


def options(config: ReferencesConfig) -> ReferencesOptions:
    """The validated ``references:`` options as the feature's plain values."""
    download, per_page = config.download, config.per_page
    return ReferencesOptions(
        cited_in=config.cited_in,
        coins=config.coins,
        bibtex=config.bibtex,
        previews=config.previews,
        download=DownloadOptions(
            enabled=download.enabled,
            filename=download.filename,
            include=download.include,
            exclude_fields=tuple(download.exclude_fields),
        ),
        per_page=PerPageOptions(enabled=per_page.enabled, pages=per_page.pages, heading=per_page.heading),
    )


def switch_on_previews(config: MkDocsConfig) -> None:
    """Previews are Material's footnote tooltips: check the theme and switch the feature on."""
    theme = config.theme.name
    if theme != "material":
        raise PluginError(
            "scholia: `references.previews` needs the Material theme (its footnote tooltips show "
            f"the previews), but the theme is {theme!r}; set `references.previews: false`"
        )
    features = list(config.theme.get("features") or [])
    if TOOLTIPS_FEATURE not in features:
        features.append(TOOLTIPS_FEATURE)
        config.theme["features"] = features


def start(site: ReferencesSite, files: Files) -> None:
    """A new build: where the References page is (``on_files``)."""
    page = files.get_file_from_path(site.references_page) if site.references_page else None
    try:
        site.start(page.url if page is not None else None)
    except ReferencesError as error:
        raise PluginError(f"scholia: {error}") from None


def page_info(page: Page) -> PageInfo:
    """What the citation index needs of a rendered page."""
    section = page.meta.get("section") if isinstance(page.meta, dict) else None
    shown = str(section).strip() if section is not None and not isinstance(section, bool) else ""
    return PageInfo(page.file.src_uri, page.url, plain(page.title or page.file.name), shown or None)


def add_page_list(site: ReferencesSite, page: Page, content: str, document: DocumentCitations | None) -> str:
    """End a section page with the works it cites, and list them in its table of contents (``on_page_content``)."""
    has_section = isinstance(page.meta, dict) and page.meta.get("section") is not None
    listing = site.page_list(page.file.src_uri, page.file.url, has_section, document)
    if not listing:
        return content
    link = AnchorLink(html.escape(site.options.per_page.heading), PAGE_LIST_ID, 2)
    items = page.toc.items
    if items and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)
    return content + "\n" + listing


def fill(site: ReferencesSite, page: Page, documents: dict[str, DocumentCitations], pages: dict[str, Page]) -> None:
    """Put the list into the References page, and tell MkDocs its anchors (``on_page_context``, early)."""
    if page.content is None:
        return
    filled = site.fill(page.content, page.url, documents, [page_info(p) for p in pages.values()])
    if filled is None:
        return
    page.content = filled.content
    if page.present_anchor_ids is not None:  # so MkDocs can check the notes' links
        page.present_anchor_ids.update(filled.anchors)


def write_download(
    site: ReferencesSite, config: MkDocsConfig, files: Files, documents: dict[str, DocumentCitations]
) -> None:
    """Check the list was filled, and write the .bib next to the References page (``on_post_build``)."""
    try:
        text = site.download(documents)
    except ReferencesError as error:
        raise PluginError(f"scholia: {error}") from None
    if text is None or site.references_page is None:
        return
    target = files.get_file_from_path(site.references_page)
    if target is None:
        return
    path = Path(config.site_dir) / dirname(target.dest_uri) / site.options.download.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
