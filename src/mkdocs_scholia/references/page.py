"""The References page, and the short per-page lists, as HTML.

The page lists every work cited anywhere in the edition, once, in Harvard
order (names, year with its a/b suffix, title). Each entry:

* has the anchor ``ref-<key slug>`` (:func:`mkdocs_scholia.markdown.render.anchor_for`),
  derived from the BibTeX key only, so it never changes while the key does not;
  two keys that would share an anchor stop the build (:func:`anchor_collisions`);
* shows the full reference (for works the editors supplied, the reference
  already ends in ``span.ref-supplied``; the entry gets ``reference-supplied``);
* says where the work is cited ("Cited in §2 ¶3, §4 ¶1"), each label a link to
  the exact citation (``page/#cite-N``), from :mod:`mkdocs_scholia.references.cited_in`;
* carries its cleaned BibTeX with a copy button (:mod:`.bibtex_export`) and a
  COinS span (:mod:`.coins`).

Above the list, a link downloads the same entries as one ``.bib`` file, which
the plugin writes next to the page after the build.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from mkdocs_scholia.bib.bibliography import Bibliography
from mkdocs_scholia.markdown.render import anchor_for
from mkdocs_scholia.references import bibtex as bibtex_export
from mkdocs_scholia.references import coins
from mkdocs_scholia.references.cited_in import CitationIndex

PLACEHOLDER = '<div class="scholia-references-placeholder"></div>'
PAGE_LIST_ID = "page-references"


@dataclass(frozen=True)
class ListOptions:
    """What each entry of the References page shows (from the plugin options)."""

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


def anchor_collisions(bibliography: Bibliography) -> list[str]:
    """Keys that would share an anchor, as messages (empty when all are distinct)."""
    by_anchor: dict[str, list[str]] = {}
    for key in bibliography.keys:
        by_anchor.setdefault(anchor_for(key), []).append(key)
    return [
        f"keys {', '.join(repr(k) for k in keys)} would all have the anchor '#{anchor}' on the References page; "
        "rename one of them in the .bib file"
        for anchor, keys in sorted(by_anchor.items())
        if len(keys) > 1
    ]


def anchor_ids(bibliography: Bibliography, keys: Iterable[str]) -> set[str]:
    """The ids :func:`render_list` gives the entries of ``keys`` (and their BibTeX)."""
    ids = set()
    for key in keys:
        anchor = anchor_for(bibliography.canonical(key))
        ids |= {anchor, "bibtex-" + anchor[len("ref-") :]}
    return ids


def _cited_in(index: CitationIndex, key: str, here_url: str) -> str:
    places = index.places(key)
    if not places:
        return ""
    links = []
    for place in places:
        target = get_relative_url(place.page.url or "./", here_url) + "#" + place.cite_id
        links.append(
            f'<a class="reference-place" href="{_e(target)}" title="{_e(place.description)}">{_e(place.label)}</a>'
        )
    return (
        '<p class="reference-cited-in"><span class="reference-cited-in-label">Cited in</span> '
        + ", ".join(links)
        + "</p>"
    )


def _entry_bibtex(bibliography: Bibliography, key: str, exclude: Iterable[str]) -> str:
    """The cleaned BibTeX of one entry, made once per key (:meth:`Bibliography.derived`)."""
    dropped = tuple(exclude)
    return bibliography.derived(
        f"bibtex-{','.join(dropped)}", key, lambda: bibtex_export.entry_bibtex(key, bibliography.entry(key), dropped)
    )


def _bibtex_block(bibliography: Bibliography, key: str, exclude: Iterable[str]) -> str:
    snippet = _entry_bibtex(bibliography, key, exclude)
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


def render_entry(
    bibliography: Bibliography, key: str, index: CitationIndex, here_url: str, options: ListOptions
) -> str:
    """One ``li.reference-entry`` of the References page."""
    reference = bibliography.reference(key)
    classes = "reference-entry reference-supplied" if reference.supplied else "reference-entry"
    parts = [
        f'<li id="{_e(anchor_for(key))}" class="{classes}" data-key="{_e(reference.key)}">',
        f'<p class="reference-text">{reference.html}</p>',
    ]
    if options.cited_in:
        parts.append(_cited_in(index, key, here_url))
    if options.bibtex:
        exclude = options.exclude_fields
        parts.append(
            bibliography.derived(
                f"bibtex-block-{','.join(exclude)}", key, lambda: _bibtex_block(bibliography, key, exclude)
            )
        )
    if options.coins:
        parts.append(bibliography.derived("coins", key, lambda: coins.coins_span(bibliography.entry(key))))
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
    out.extend(render_entry(bibliography, key, index, here_url, options) for key in keys)
    out.append("</ul>")
    return "\n".join(out)


def render_page_list(bibliography: Bibliography, keys: list[str], references_url: str | None, heading: str) -> str:
    """The works cited on one page, in Harvard order, each linked to its entry."""
    if not keys:
        return ""
    items = []
    for key in bibliography.sorted_keys(keys):
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
            f'<p class="reference-text">{reference.html}{link}</p></li>'
        )
    return (
        f'<section class="scholia-page-references" aria-labelledby="{PAGE_LIST_ID}">'
        f'<h2 id="{PAGE_LIST_ID}">{_e(heading)}</h2>'
        '<ul class="references references-page">' + "".join(items) + "</ul></section>"
    )


def bibtex_download(bibliography: Bibliography, keys: list[str], exclude: Iterable[str], title: str, sources: list[str]) -> str:
    """The .bib download: ``keys`` in Harvard order, cleaned, with a short header."""
    ordered = bibliography.sorted_keys(keys)
    header = [
        title,
        f"{len(ordered)} reference{'s' if len(ordered) != 1 else ''}, in Harvard order; generated by scholia "
        f"from {', '.join(sources)}.",
        f"Fields left out: {', '.join(exclude) or 'none'}.",
    ]
    header = [line.replace("@", "(at)") for line in header]  # an @ outside an entry starts one
    return bibtex_export.bibtex_file((_entry_bibtex(bibliography, k, exclude) for k in ordered), header)
