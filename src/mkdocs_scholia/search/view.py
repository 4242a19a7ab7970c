"""What the search index sees of a page: the reader's text, not its repeats.

Material's search plugin indexes ``page.content`` in ``on_page_context`` by
running Python's ``HTMLParser`` over it. On a page that cites much, most of
the markup is machinery that repeats the References page: every note's full
reference, a page's own list of the works it cites and, on the References
page, each entry's "Cited in" list, BibTeX snippet and COinS span. Indexed,
they make every citing page a hit for every word of every title it cites,
burying the hits in the text itself, and they cost most of the search
plugin's time (BENCHMARKS.md: about a fifth of a citation-heavy build). The
words of an in-text citation ("Heinzig, 1998") stay in the index, without
their markup and note number, and so does each entry's text on the
References page, whose "Cited in" list leads back to every citing paragraph.

So the plugin hides these parts just before the search plugin reads the page
and puts them back just after (``hide`` / ``restore``, at ``on_page_context``
priorities above and below the search plugin's). Each hidden part becomes a
pair of HTML comments, which the search parser skips, around the words search
should still read of it, and is put back where that pair stands, so a change
another plugin makes elsewhere on the page in between is kept. Material's
own ``data-search-exclude`` gives the same index but still costs the parse,
which is what this avoids.

The patterns match markup that this package writes itself, in which every
user-supplied value is escaped, so the closing tag cannot occur inside.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

# Markup this package writes: a citation note (mkdocs_scholia.markdown.render.note_item),
# the per-entry extras of the References page and a page's own list of the
# works it cites (mkdocs_scholia.references.page), hidden whole; an in-text citation (render.in_text), whose words stay.
REPEATS = re.compile(
    r'<li id="fn:c\d+">.*?</li>'
    r'|<p class="reference-cited-in">.*?</p>'
    r'|<details class="reference-bibtex">.*?</details>'
    r'|<span class="Z3988" title="[^"]*"></span>'
    r'|<section class="scholia-page-references".*?</section>',
    re.DOTALL,
)
IN_TEXT = re.compile(r'<span class="citation"[^>]*>.*?</sup></span>', re.DOTALL)
NOTE_NUMBER = re.compile(r'<sup class="citation-note".*?</sup>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")


def words_of(citation: str) -> str:
    """``(Heinzig, 1998)`` for the search index: the citation's text, no note number."""
    return TAG.sub("", NOTE_NUMBER.sub("", citation))


class SearchView:
    """Hides repeats from the search index for the length of one event."""

    def __init__(self) -> None:
        # A per-process token, so that no text an author wrote can pose as a
        # hidden part; it never reaches the output.
        token = f"scholia-hidden-{secrets.token_hex(8)}"
        self._open, self._close = f"<!--{token}:{{}}-->", f"<!--/{token}-->"
        self._restore = re.compile(rf"<!--{token}:(\d+)-->.*?<!--/{token}-->", re.DOTALL)
        self._hidden: dict[str, list[str]] = {}

    def hide(self, page_id: str, content: str) -> str:
        """``content`` as search should read it; what it lacks is remembered under ``page_id``.

        Each hidden part becomes two comments (which the search parser skips)
        around the words search should still see of it, if any.
        """
        parts: list[str] = []

        def stash(match: re.Match[str], words: Callable[[str], str] = lambda part: "") -> str:
            parts.append(match.group(0))
            return self._open.format(len(parts) - 1) + words(match.group(0)) + self._close

        hidden = REPEATS.sub(stash, content)
        hidden = IN_TEXT.sub(lambda match: stash(match, words_of), hidden)
        if parts:
            self._hidden[page_id] = parts
        return hidden

    def restore(self, page_id: str, content: str) -> str:
        """``content`` with what :meth:`hide` took from it put back in place."""
        parts = self._hidden.pop(page_id, None)
        if not parts:
            return content
        return self._restore.sub(lambda match: parts[int(match.group(1))], content)
