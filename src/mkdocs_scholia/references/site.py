"""The References feature across one build: what it checks, makes and writes.

The ``scholia`` plugin makes one :class:`ReferencesSite` per configuration and
calls it from its events with plain values (page paths, URLs, HTML strings,
the citations each page reported); the MkDocs glue is in
``mkdocs_scholia.plugins.scholia.references``.

Why one pass is enough: MkDocs renders the Markdown of every page before it
puts any page into its template, so when the References page reaches
``on_page_context`` every citation of the site is known; the list is put
into the page there, before the search plugin indexes it, and the .bib file
is written after the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.markdown import DocumentCitations
from mkdocs_scholia.references import listing
from mkdocs_scholia.references.anchors import anchor_collisions, anchor_ids
from mkdocs_scholia.references.cited_in import CitationIndex, PageInfo
from mkdocs_scholia.references.download import bibtex_download
from mkdocs_scholia.references.options import ReferencesOptions
from mkdocs_scholia.rules.relative_urls import relative_url

MARKER = "<!-- scholia:references -->"


class ReferencesError(Exception):
    """Something about the References page that cannot work; the message says what to do."""


@dataclass
class Filled:
    """The References page's content with its list, and the anchors the list adds."""

    content: str
    anchors: set[str]


@dataclass
class ReferencesSite:
    """The References page, per-page lists and the .bib download of one build."""

    options: ReferencesOptions
    bibliography: Bibliography
    references_page: str | None  # src_uri of the References page, or None
    sources: list[str]  # the .bib files, as configured (for the download's header)
    site_name: str = ""
    references_url: str | None = None  # the References page's URL, relative to the site root
    nav_order: list[str] = field(default_factory=list)
    filled: bool = False

    # -- configuration -----------------------------------------------------

    def check(self) -> None:
        """Stop on keys that would share an anchor on the References page."""
        collisions = anchor_collisions(self.bibliography)
        if collisions:
            raise ReferencesError("; ".join(collisions))

    def start(self, references_url: str | None, nav_order: list[str] | None = None) -> None:
        """A new build (``mkdocs serve`` rebuilds with the same plugin): where the page is now."""
        if self.references_page is not None and references_url is None:
            raise ReferencesError(
                f"`references_page: {self.references_page}` is not a page in docs/; create it "
                f"with the line {MARKER} where the list belongs, or point "
                "`references_page` at the page that has that line"
            )
        self.references_url = references_url
        self.nav_order = list(nav_order or [])
        self.filled = False

    # -- pages -------------------------------------------------------------

    def link_from(self, src_uri: str, page_url: str) -> str:
        """What the notes of a page link to: the References page's URL, relative to the page's.

        The citation extension writes notes as finished HTML, which MkDocs no
        longer rewrites or checks, so this is the final URL, for either URL
        style. Its anchors exist by construction: every cited work has one on
        the References page, and colliding anchors stop the build. "" on the
        References page itself, or when there is none.
        """
        if self.references_url is None or src_uri == self.references_page:
            return ""
        return relative_url(self.references_url or "./", page_url or "./")

    def check_marker(self, src_uri: str, markdown: str) -> None:
        """The marker must stand on the References page and nowhere else."""
        if MARKER in markdown and src_uri != self.references_page:
            where = f"`references_page` is {self.references_page or 'null'}"
            raise ReferencesError(f"{src_uri} has the marker {MARKER}, but {where}")

    def wants_page_list(self, src_uri: str, has_section: bool) -> bool:
        options = self.options.per_page
        if not options.enabled or src_uri == self.references_page:
            return False
        return options.pages == "all" or has_section

    def page_list(self, src_uri: str, page_url: str, has_section: bool, document: DocumentCitations | None) -> str:
        """The works a page cites, to end it with (``""`` when it gets none)."""
        if document is None or not document.keys or not self.wants_page_list(src_uri, has_section):
            return ""
        url = self.link_from(src_uri, page_url) if self.references_page else None
        return listing.render_page_list(self.bibliography, document.keys, url or None, self.options.per_page.heading)

    def index(self, documents: dict[str, DocumentCitations], pages: list[PageInfo]) -> CitationIndex:
        """Every citation, with the pages in the navigation's order (others after, by path)."""
        position = {src: n for n, src in enumerate(self.nav_order)}
        ordered = sorted(pages, key=lambda p: (position.get(p.src_uri, len(position)), p.src_uri))
        return CitationIndex(documents, ordered)

    def fill(
        self, content: str, page_url: str, documents: dict[str, DocumentCitations], pages: list[PageInfo]
    ) -> Filled | None:
        """The References page's content with the list in place of its placeholder (None if it has none)."""
        if listing.PLACEHOLDER not in content:
            return None
        index = self.index(documents, pages)
        options = self.options
        html = listing.render_list(
            self.bibliography,
            index,
            page_url or "./",
            listing.ListOptions(
                cited_in=options.cited_in,
                coins=options.coins,
                bibtex=options.bibtex,
                exclude_fields=tuple(options.download.exclude_fields),
                download=options.download.filename if options.download.enabled else None,
            ),
        )
        self.filled = True
        return Filled(content.replace(listing.PLACEHOLDER, html, 1), anchor_ids(self.bibliography, index.cited_keys()))

    # -- after the build ---------------------------------------------------

    def download(self, documents: dict[str, DocumentCitations]) -> str | None:
        """Check the References page was filled; the text of the .bib download, if one is written."""
        cited = cited_keys(documents)
        if self.references_url is not None and cited and not self.filled:
            raise ReferencesError(
                f"{self.references_page} has no line {MARKER}, so the works "
                "cited in the edition are listed nowhere and the notes' links to it lead nowhere; add the "
                "line where the list belongs"
            )
        download = self.options.download
        if self.references_url is None or not download.enabled:
            return None
        keys = self.bibliography.keys if download.include == "all" else cited
        if not keys:
            return None
        return bibtex_download(
            self.bibliography, keys, download.exclude_fields, self.site_name or "Bibliography", self.sources
        )


def cited_keys(documents: dict[str, DocumentCitations]) -> list[str]:
    """Every key cited in ``documents``, once, in order of first citation."""
    seen: dict[str, None] = {}
    for document in documents.values():
        for key in document.keys:
            seen.setdefault(key, None)
    return list(seen)
