"""One citation from its cites: sorted, rendered, collapsed, with affixes and tidy punctuation.

Also the narrative form ("Radchenko (2009)": the author alone, then the
citation without the author, as Pandoc does) and the capital that starts a
note ("Ibid."). A mixin of :class:`~mkdocs_scholia.csl.engine.CslProcessor`.
"""

from __future__ import annotations

from typing import Any

from mkdocs_scholia.csl import collapse as collapsing
from mkdocs_scholia.csl import markup, punctuation
from mkdocs_scholia.csl.elements import item_value
from mkdocs_scholia.csl.elements.state import Untyped
from mkdocs_scholia.csl.model import CitationInput, CiteInput, Piece, RenderedCitation
from mkdocs_scholia.csl.ordering import child


class Citations(Untyped):
    def _sorted_cites(self, items: list[tuple[Any, CiteInput]]) -> list[tuple[Any, CiteInput]]:
        sort = child(self.citation, "sort")
        if sort is None or len(items) < 2:
            return items
        ordered = self._sort([item for item, _ in items], sort, self.citation.layout)
        lookup = {id(item): pair for pair in items for item in [pair[0]]}
        return [lookup[id(item)] for item in ordered]

    def _cluster(self, items: list[tuple[Any, CiteInput]], force_suppress: bool = False) -> tuple[Piece, ...]:
        items = self._sorted_cites(items)
        layout = self.citation.layout
        delimiter = layout.get("delimiter", "")
        collapse = self.citation.get("collapse")
        rendered = []
        for item, _ in items:
            mode = "suppress" if (force_suppress or item_value(item, "suppress_author")) else None
            text, names = self._cite_text(item, mode)
            if text:
                rendered.append([item, text, names])
        if collapse == "citation-number":
            parts = collapsing.collapse_numbers(self, rendered, delimiter)
        elif collapse in ("year", "year-suffix", "year-suffix-ranged") and not force_suppress:
            parts = collapsing.collapse_years(self, rendered, delimiter, collapse)
        else:
            parts = []
            for index, (item, text, _) in enumerate(rendered):
                if index:
                    parts.append((None, delimiter))
                collapsing.emit(parts, item, text)
        return self._pieces(parts, layout)

    def _pieces(self, parts: list[tuple[str | None, str]], layout: Any) -> tuple[Piece, ...]:
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        pieces = []
        if prefix:
            pieces.append(self._piece(None, prefix))
        for key, text in parts:
            pieces.append(self._piece(key, layout.format(text) if key is not None else text))
        if suffix:
            pieces.append(self._piece(None, suffix))
        return self._finished(pieces)

    def _piece(self, key: str | None, text: str) -> Piece:
        """A piece still in marked text (see :meth:`_finished`)."""
        return Piece(self.canonical.get(key, key) if key is not None else None, text, text)

    def _finished(self, pieces: list[Piece]) -> tuple[Piece, ...]:
        """Punctuation tidied across the pieces of one citation, then each as HTML and as text."""
        texts = punctuation.across([piece.text for piece in pieces], self._punctuation_in_quote())
        links = self.state.links
        return tuple(
            Piece(piece.key, markup.to_html(text, links), markup.to_text(text))
            for piece, text in zip(pieces, texts, strict=True)
        )

    def _narrative(self, items: list[tuple[Any, CiteInput]], citation: CitationInput) -> RenderedCitation:
        """"Radchenko (2009)": the author, then the citation without them (Pandoc's author-in-text)."""
        item = items[0][0]
        _, names = self._cite_text(item, "author-only")
        if not names:
            names = self._short_names(item)
        author = self._finished([self._piece(item.key, names)])[0] if names else None
        if self.is_note:
            note = self._capitalized(self._cluster(items))
            return RenderedCitation(in_text=(author,) if author else (), note=note)
        rest = self._cluster(items, force_suppress=bool(names))
        if author is None:
            return RenderedCitation(in_text=rest)
        layout_prefix = self.citation.layout.get("prefix", "")
        if not layout_prefix.strip() and not self.is_numeric:  # "Radchenko (2009)" needs brackets
            rest = (Piece(None, "(", "("), *rest, Piece(None, ")", ")"))
        return RenderedCitation(in_text=(author, Piece(None, " ", " "), *rest))

    def _short_names(self, item: Any) -> str:
        """The authors' family names, for a narrative citation in a style whose citations print none."""
        for variable in ("author", "editor"):
            names = item.reference.get(variable)
            if names:
                families = [str(name.get("family") or name.get("literal") or "") for name in names]
                and_term = str(self.citation.get_single_term("and") or "and")
                if len(families) == 1:
                    return families[0]
                if len(families) == 2:
                    return f"{families[0]} {and_term} {families[1]}"
                return f"{families[0]} {self.citation.get_single_term('et-al') or 'et al.'}"
        return ""

    def _capitalized(self, pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
        """A note begins with a capital: "Ibid.", not "ibid." (as citeproc-js does)."""
        for index, piece in enumerate(pieces):
            if not piece.text.strip():
                continue
            stripped = piece.text.lstrip()
            if stripped[:1].islower():
                ibid = str(self.citation.get_single_term("ibid") or "ibid")
                if stripped.lower().startswith(ibid.lower()):
                    html = piece.html.replace(stripped[0], stripped[0].upper(), 1)
                    text = piece.text.replace(stripped[0], stripped[0].upper(), 1)
                    pieces = (*pieces[:index], Piece(piece.key, html, text), *pieces[index + 1 :])
            break
        return pieces
