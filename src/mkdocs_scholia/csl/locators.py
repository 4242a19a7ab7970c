"""Locators as written (``p. 380``, ``ch. 2``, ``§ 4``) as CSL locator terms and values.

A CSL style prints a locator with its own label ("p. 5" in Harvard, "5" in
Chicago, "S. 5" in German), so the label the author typed must be
recognised: as Pandoc does, the words of the style's locale (long, short and
symbol forms, singular and plural) and the usual English abbreviations. A
locator without a label is a page. What follows the locator after a comma
(``p. 33, emphasis added``) is kept as a suffix; text that is no locator at
all is a suffix too, so nothing typed is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TERMS = (
    "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation", "equation",
    "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene",
    "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator", "verse", "version", "volume",
)  # fmt: skip
ENGLISH = {
    "p": "page", "pp": "page", "pg": "page", "pgs": "page", "page": "page", "pages": "page",
    "ch": "chapter", "chs": "chapter", "chap": "chapter", "chaps": "chapter", "chapter": "chapter",
    "chapters": "chapter", "sec": "section", "secs": "section", "section": "section", "sections": "section",
    "§": "section", "§§": "section", "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph",
    "paragraphs": "paragraph", "¶": "paragraph", "¶¶": "paragraph", "vol": "volume", "vols": "volume",
    "volume": "volume", "volumes": "volume", "n": "note", "nn": "note", "note": "note", "notes": "note",
    "fig": "figure", "figs": "figure", "figure": "figure", "l": "line", "ll": "line", "line": "line",
    "lines": "line", "v": "verse", "vv": "verse", "verse": "verse", "col": "column", "cols": "column",
    "column": "column", "bk": "book", "bks": "book", "book": "book", "pt": "part", "pts": "part", "part": "part",
    "no": "issue", "nos": "issue", "art": "article-locator", "fol": "folio", "fols": "folio", "s.v.": "sub-verbo",
    "sv": "sub-verbo", "tbl": "table", "table": "table", "app": "appendix", "appendix": "appendix",
}  # fmt: skip
# The value runs to a comma that is not followed by a number ("33, 35" is one value).
VALUE = re.compile(r"(?P<value>[^,]+(?:,\s*(?=\d)[^,]+)*)(?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Locator:
    label: str  # a CSL locator term: "page", "chapter"…
    value: str  # "380", "3–5"
    suffix: str = ""  # what followed the locator (", emphasis added")


def vocabulary(locale_terms: dict[str, str] | None = None) -> dict[str, str]:
    """Label words → CSL term: the locale's words (lower-case, without final full stops) and English."""
    words = dict(ENGLISH)
    for word, term in (locale_terms or {}).items():
        words.setdefault(word.lower().rstrip(".").strip(), term)
    return words


def parse(text: str, words: dict[str, str]) -> Locator | None:
    """``p. 380`` → ``Locator("page", "380")``; None when ``text`` holds no locator."""
    text = text.strip()
    if not text:
        return None
    label, rest, labelled = "page", text, False
    lowered = text.lower()
    for word in sorted(words, key=len, reverse=True):  # the longest first: "pp" before "p"
        if not word or not lowered.startswith(word):
            continue
        end = len(word)
        if end < len(text) and text[end] == "." and not word.endswith("."):
            end += 1
        if end < len(text) and not (text[end].isspace() or text[end].isdigit() or word[-1] in "§¶."):
            continue  # a word must stand alone: "page" is not the start of "pageant"
        label, rest, labelled = words[word], text[end:].strip(), True
        break
    match = VALUE.match(rest)
    if match is None:
        return None
    value = match.group("value").strip()
    if not value or (not labelled and not any(ch.isdigit() for ch in value) and not _roman(value)):
        return None
    return Locator(label, value, match.group("rest").strip())


def _roman(text: str) -> bool:
    return bool(text) and re.fullmatch(r"[ivxlcdm]+", text, re.IGNORECASE) is not None
