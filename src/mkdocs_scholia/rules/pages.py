"""Page ranges: ``3-11``, ``3--11``, ``3 – 11`` all read ``3–11`` (en dash)."""

from __future__ import annotations

import re

EN_DASH = "\u2013"
_SEPARATOR = re.compile(r"\s*[-\u2010-\u2015]+\s*")


def bounds(pages: str | None) -> tuple[str, str]:
    """``("3", "11")`` for a range, ``("5", "")`` for one page, ``("", "")`` for none."""
    parts = [part for part in _SEPARATOR.split((pages or "").strip()) if part]
    if not parts:
        return "", ""
    return parts[0], (parts[-1] if len(parts) > 1 else "")


def page_range(pages: str | None) -> str:
    """The range with an en dash between its parts; a list (``3, 7``) keeps its commas."""
    return EN_DASH.join(part for part in _SEPARATOR.split((pages or "").strip()) if part)


def is_range(pages: str | None) -> bool:
    """Several pages (a range or a list), which take ``pp.`` rather than ``p.``."""
    text = page_range(pages)
    return EN_DASH in text or "," in text
