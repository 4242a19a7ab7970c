"""The URL schemes a page may link to or publish as data.

Everything a pull request can change is untrusted, so a URL from a data file,
front matter or a .bib entry is used only when its scheme is one of these;
anything else (``javascript:``, ``data:``, ``vbscript:``, a scheme-relative
``//host``) is reported and shown, at most, as plain text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs_scholia.rules import dois

SCHEMES = ("http", "https", "mailto", "doi")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
# Characters a URL never holds unencoded (RFC 3986) and that end an HTML
# attribute or start markup: in a URL they mean an attempt to break out
# (a URL may hold "'", which escaping makes harmless).
_BREAKOUT = re.compile(r"[\x00-\x20\x7f\"<>`]")
SHOWN = 60  # characters of a rejected URL quoted in a message


def scheme(url: str) -> str:
    """The scheme as a browser reads it (control characters and blanks removed, lower-case)."""
    return urlsplit(_CONTROL.sub("", url)).scheme.lower()


def is_safe(url: str | None) -> bool:
    """An absolute URL with an allowed scheme and no control characters, blanks, ``"`` or ``<>` `` inside."""
    if not url or not isinstance(url, str):
        return False
    if _BREAKOUT.search(url.strip()):
        return False
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES:
        return False
    return not (parts.scheme.lower() in ("http", "https") and not parts.netloc)


def is_safe_reference(url: str | None) -> bool:
    """A safe absolute URL, or a same-site reference: a path or ``#fragment`` (never ``//host``)."""
    if not url or not isinstance(url, str):
        return False
    text = url.strip()
    if _BREAKOUT.search(text):
        return False
    if not urlsplit(text).scheme and not text.startswith("//") and not text.startswith("\\"):
        return True
    return is_safe(text)


def href(url: str) -> str:
    """The link target for a safe URL: ``doi:10.1/x`` becomes its resolver URL."""
    text = url.strip()
    if scheme(text) == "doi":
        return dois.url(text)
    return text


def problem(url: str) -> str:
    """The warning text for a URL that is not allowed (a long one is shortened: ``'data:text/html;…'``)."""
    shown = url if len(url) <= SHOWN else url[: SHOWN - 1] + "\u2026"
    return (
        f"{shown!r} is not an allowed URL: only {', '.join(s + ':' for s in SCHEMES)} URLs "
        "without blanks, double quotes or <>` are linked or published"
    )
