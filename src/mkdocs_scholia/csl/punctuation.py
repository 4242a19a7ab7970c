"""Punctuation where CSL processors put it, across the pieces a citation is built from.

No doubled full stops or commas where pieces meet ("Ibid." + "."), a space
not doubled across formatting marks, and, where the locale asks for
``punctuation-in-quote`` (American English), a full stop or comma after a
closing quotation mark moved inside it.
"""

from __future__ import annotations

import re

_MARKS = "[\ue000-\ue01b\U000f0000-\U000ffffd]*"
_DOUBLED = re.compile(rf"([.?!])({_MARKS})\.")
_COMMAS = re.compile(rf"([,;:])({_MARKS})\1")
_SPACES = re.compile(rf" ({_MARKS}) ")


def tidy(text: str, punctuation_in_quote: bool) -> str:
    """Punctuation where CSL processors put it: no doubled full stops, commas inside quotes (en-US)."""
    text = _DOUBLED.sub(r"\1\2", text)
    text = _COMMAS.sub(r"\1\2", text)
    text = _SPACES.sub(r" \1", text)
    if punctuation_in_quote:
        text = re.sub(rf"([\u201d\u2019])({_MARKS})([.,])", r"\3\1\2", text)
    return text


def across(texts: list[str], punctuation_in_quote: bool) -> list[str]:
    """The rules above where one piece ends and the next begins."""
    texts = list(texts)
    for index in range(len(texts) - 1):  # "Ibid." + "." → "Ibid."
        if texts[index + 1][:1] == "." and re.search(f"[.?!]{_MARKS}$", texts[index]):
            texts[index + 1] = texts[index + 1][1:]
    if punctuation_in_quote:  # "Title”" + "." → "Title.”"
        for index in range(len(texts) - 1):
            following = texts[index + 1]
            if following[:1] in (".", ",") and re.search(f"[\u201d\u2019]{_MARKS}$", texts[index]):
                texts[index] = re.sub(rf"([\u201d\u2019])({_MARKS})$", rf"{following[0]}\1\2", texts[index])
                texts[index + 1] = following[1:]
    return [tidy(text, punctuation_in_quote) for text in texts]
