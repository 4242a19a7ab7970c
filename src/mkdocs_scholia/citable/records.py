"""What the citable features know of each page: plain values, gathered while it renders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class PageRecord:
    """One page of the edition."""

    src_uri: str  # "personal-factors.md"
    url: str  # relative to the site root: "personal-factors/", "" for the home page
    is_homepage: bool
    title: str  # plain text, without its section number ("Personal Factors")
    description: str
    section: str | None  # "2", from the `section:` front matter
    keywords: tuple[str, ...]
    paragraphs: list[str] = field(default_factory=list)  # citable paragraph ids, in reading order
    duplicates: list[str] = field(default_factory=list)  # ids used more than once on the page


def own_title(title: str, section: str | None) -> str:
    """``"2. Personal Factors"`` of section 2 is ``"Personal Factors"``: the number is the locator's."""
    if section is None:
        return title
    return re.sub(rf"^\s*{re.escape(section)}\.?\s+", "", title)


def keywords(edition_keywords: tuple[str, ...], page_keywords: object) -> tuple[str, ...]:
    """The edition's keywords, then the page's (a list, or text separated by commas), each once."""
    if isinstance(page_keywords, str):
        page_keywords = [k.strip() for k in page_keywords.split(",") if k.strip()]
    extra = [str(k) for k in page_keywords or []] if isinstance(page_keywords, (list, tuple)) else []
    return tuple(dict.fromkeys([*edition_keywords, *extra]))
