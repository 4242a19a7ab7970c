"""The References list, and the short per-page lists, as HTML.

The References page lists every work cited anywhere in the edition, once, in
Harvard order (names, year with its a/b suffix, title). Each entry:

* has the anchor ``ref-<key slug>`` (:func:`mkdocs_scholia.markdown.render.anchor_for`),
  derived from the BibTeX key only, so it never changes while the key does not;
  two keys that would share an anchor stop the build (:mod:`.anchors`);
* shows the full reference (for works the editors supplied, the reference
  already ends in ``span.ref-supplied``; the entry gets ``reference-supplied``);
* says where the work is cited ("Cited in §2 ¶3, §4 ¶1"), each label a link to
  the exact citation (``page/#cite-N``), from :mod:`.cited_in`;
* carries its cleaned BibTeX with a copy button (:mod:`.bibtex`) and a COinS
  span (:mod:`.coins`).

Above the list, a link downloads the same entries as one ``.bib`` file
(:mod:`.download`), written next to the page after the build. Every value
from the bibliography or the options is escaped here; the reference itself
comes escaped from the style.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mkdocs_scholia.bib import Bibliography
from mkdocs_scholia.markdown.render import anchor_for
from mkdocs_scholia.references import coins
from mkdocs_scholia.references.bibtex import cleaned_entry
from mkdocs_scholia.references.cited_in import CitationIndex
from mkdocs_scholia.references.memo import once
from mkdocs_scholia.rules.relative_urls import relative_url

PLACEHOLDER = '<div class="scholia-references-placeholder"></div>'
PAGE_LIST_ID = "page-references"


@dataclass(frozen=True)
class ListOptions:
    """What each entry of the References page shows."""

    cited_in: bool = True
    coins: bool = True
    bibtex: bool = True
    exclude_fields: tuple[str, ...] = ()
    download: str | None = None  # file name of the .bib next to the page, if any


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def short_label(bibliography: Bibliography, key: str) -> str:
    """``Heinzig (1998)``: how a work is named in labels for assistive technology."""
    reference = bibliography.reference(key)
    return f"{reference.names} ({reference.year})"


def _cited_in(index: CitationIndex, key: str, here_url: str) -> str:
    places = index.places(key)
    if not places:
        return ""
    links = []
    for place in places:
        target = relative_url(place.page.url or "./", here_url) + "#" + place.cite_id
        links.append(
            f'<a class="reference-place" href="{_e(target)}" title="{_e(place.description)}">{_e(place.label)}</a>'
        )
    return (
        '<p class="reference-cited-in"><span class="reference-cited-in-label">Cited in</span> '
        + ", ".join(links)
        + "</p>"
    )


def _bibtex_block(bibliography: Bibliography, key: str, exclude: tuple[str, ...]) -> str:
    snippet = cleaned_entry(bibliography, key, exclude)
    code_id = "bibtex-" + anchor_for(key)[len("ref-") :]
    who = _e(short_label(bibliography, key))
    return (
        '<details class="reference-bibtex">'
        f'<summary>BibTeX<span class="scholia-sr-only"> for {who}</span></summary>'
        f'<pre id="{code_id}"><code>{_e(snippet)}</code></pre>'
        f'<button type="button" class="reference-copy" data-clipboard-target="#{code_id} &gt; code" '
        f'aria-label="Copy BibTeX for {who}">Copy BibTeX</button>'
        "</details>"
    )


def listed_html(bibliography: Bibliography, keys: list[str]) -> dict[str, str]:
    """Entries that read otherwise in a list than alone, key → HTML.

    A CSL style's ``subsequent-author-substitute`` ("———." for the author of
    the entry before, in MLA) applies to a list as a whole; every other
    entry, and every entry of the Harvard style, is the work's reference.
    """
    return bibliography.csl.listed(keys) if bibliography.csl is not None else {}


def render_entry(
    bibliography: Bibliography,
    key: str,
    index: CitationIndex,
    here_url: str,
    options: ListOptions,
    html_text: str | None = None,
) -> str:
    """One ``li.reference-entry`` of the References page (``html_text``: the entry as the list writes it)."""
    reference = bibliography.reference(key)
    classes = "reference-entry reference-supplied" if reference.supplied else "reference-entry"
    parts = [
        f'<li id="{_e(anchor_for(key))}" class="{classes}" data-key="{_e(reference.key)}">',
        f'<p class="reference-text">{reference.html if html_text is None else html_text}</p>',
    ]
    if options.cited_in:
        parts.append(_cited_in(index, key, here_url))
    if options.bibtex:
        exclude = options.exclude_fields
        namespace = f"bibtex-block-{','.join(exclude)}"
        parts.append(
            once(bibliography, namespace, key, lambda: _bibtex_block(bibliography, key, exclude))
        )
    if options.coins:
        parts.append(once(bibliography, "coins", key, lambda: coins.coins_span(bibliography.entry(key))))
    parts.append("</li>")
    return "".join(parts)


def render_list(bibliography: Bibliography, index: CitationIndex, here_url: str, options: ListOptions) -> str:
    """The whole References list: download link, then every cited work."""
    keys = bibliography.sorted_keys(index.cited_keys())
    out = []
    if options.download and keys:
        count = len(keys)
        out.append(
            '<p class="references-download">'
            f'<a href="{_e(options.download)}" download type="application/x-bibtex">'
            f"Download the {count} reference{'s' if count != 1 else ''} as BibTeX</a> "
            f"(<code>{_e(options.download)}</code>)</p>"
        )
    if not keys:
        out.append('<p class="references-empty">No work is cited yet.</p>')
        return "\n".join(out)
    out.append('<ul class="references">')
    listed = listed_html(bibliography, keys)
    out.extend(render_entry(bibliography, key, index, here_url, options, listed.get(key)) for key in keys)
    out.append("</ul>")
    return "\n".join(out)


def render_page_list(bibliography: Bibliography, keys: list[str], references_url: str | None, heading: str) -> str:
    """The works cited on one page, in Harvard order, each linked to its entry."""
    if not keys:
        return ""
    items = []
    ordered = bibliography.sorted_keys(keys)
    listed = listed_html(bibliography, ordered)
    for key in ordered:
        reference = bibliography.reference(key)
        classes = "reference-entry reference-supplied" if reference.supplied else "reference-entry"
        link = ""
        if references_url is not None:
            link = (
                f' <a class="reference-link" href="{_e(references_url)}#{_e(anchor_for(key))}">'
                '<span aria-hidden="true">\u2192</span> References'
                f'<span class="scholia-sr-only">: {_e(short_label(bibliography, key))}</span></a>'
            )
        items.append(
            f'<li class="{classes}" data-key="{_e(reference.key)}">'
            f'<p class="reference-text">{listed.get(key, reference.html)}{link}</p></li>'
        )
    # Folded: each note already gives its work's reference beside the citation;
    # the list is there for a reader who wants the page's works in one place.
    count = f"{len(items)} work{'s' if len(items) != 1 else ''} cited on this page"
    return (
        f'<section class="scholia-page-references" aria-labelledby="{PAGE_LIST_ID}">'
        f'<h2 id="{PAGE_LIST_ID}">{_e(heading)}</h2>'
        f'<details class="scholia-page-references__fold"><summary>{count}</summary>'
        '<ul class="references references-page">' + "".join(items) + "</ul></details></section>"
    )
