"""Links between the site's pages, for HTML that MkDocs does not rewrite.

MkDocs turns a Markdown link to ``personal-factors.md`` into the page's URL,
but leaves raw HTML alone. The apparatus notes and the changelog are written
as raw HTML (so that a data file's text is never read as Markdown), so their
links are made here: MkDocs' own rule for a page's URL, and the shared
rule for a link from one page to another (:mod:`mkdocs_scholia.rules.relative_urls`).
"""

from __future__ import annotations

from mkdocs.structure.files import File

from mkdocs_scholia.rules.relative_urls import relative_url


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL of the docs page ``src_uri`` relative to the site root (``personal-factors/``)."""
    return File(src_uri, None, "", use_directory_urls).url


def href(src_uri: str, anchor: str, *, here: str, use_directory_urls: bool) -> str:
    """The link from the page ``here`` (a docs path) to ``src_uri`` and ``anchor``.

    A place on the same page is just ``#anchor``.
    """
    fragment = f"#{anchor}" if anchor else ""
    if src_uri == here and fragment:
        return fragment
    target = page_url(src_uri, use_directory_urls)
    return relative_url(target, page_url(here, use_directory_urls)) + fragment
