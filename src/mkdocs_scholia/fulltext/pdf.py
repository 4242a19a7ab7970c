"""The full text as PDF, rendered by WeasyPrint, reproducibly and without the network.

The PDF is made from the same HTML as the full-text page, in a standalone
document with the print stylesheet only (no theme CSS), set in the reading
edition's text face (Source Serif 4, from the built site's
``assets/scholia/fonts/``) when the site has it, else in the system's serif.
Its dates are ``SOURCE_DATE_EPOCH`` when set, else the edition's
date, and its file identifier is a hash of its content: the same sources
give the same bytes. Only files under the built site (and ``data:`` URLs)
may be loaded.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import html
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FACES = (
    ("normal", 400, "source-serif-4-latin-400-normal.woff2"),
    ("italic", 400, "source-serif-4-latin-400-italic.woff2"),
    ("normal", 600, "source-serif-4-latin-600-normal.woff2"),
)
"""The text face's files (style, weight, file name), as the scholia plugin serves them."""


def font_faces(folder: Path | None) -> str:
    """``@font-face`` rules for the text face's files in ``folder`` ('' when it lacks them).

    Bold text (700) is set in the semibold (600), as on screen. The files
    are given as ``data:`` URLs, so that the PDF does not depend on where the
    site was built (WeasyPrint names an embedded font after its source).
    """
    if folder is None or not all((folder / name).is_file() for _, _, name in FACES):
        return ""
    rules = []
    for style, weight, name in FACES:
        weights = "600 700" if weight == 600 else str(weight)
        data = base64.b64encode((folder / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "Source Serif 4"; font-style: {style}; font-weight: {weights}; '
            f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}'
        )
    return "\n".join(rules)


def build_date(fallback: datetime.date) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else the edition's date, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    return datetime.datetime(fallback.year, fallback.month, fallback.day, tzinfo=datetime.UTC)


def pdf_document(
    *,
    body: str,
    title: str,
    authors: list[str],
    description: str | None,
    keywords: list[str],
    language: str,
    stylesheet: str,
    when: datetime.datetime,
    fonts: Path | None = None,
) -> str:
    """A standalone HTML document for WeasyPrint, with the PDF's metadata.

    ``fonts`` is the folder of the text face's files (see :func:`font_faces`).
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = [f'<meta name="author" content="{html.escape(a, quote=True)}">' for a in authors]
    if description:
        meta.append(f'<meta name="description" content="{html.escape(description, quote=True)}">')
    if keywords:
        meta.append(f'<meta name="keywords" content="{html.escape(", ".join(keywords), quote=True)}">')
    meta.append(f'<meta name="dcterms.created" content="{stamp}">')
    meta.append(f'<meta name="dcterms.modified" content="{stamp}">')
    meta.append('<meta name="generator" content="Scholia (MkDocs, WeasyPrint)">')
    return (
        f'<!doctype html>\n<html lang="{html.escape(language, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n" + "\n".join(meta) + "\n"
        f"<style>\n{font_faces(fonts)}\n{stylesheet}\n</style>\n</head>\n"
        f'<body class="scholia-pdf">\n<article class="md-typeset">\n{body}\n</article>\n</body>\n</html>\n'
    )


class PDFError(Exception):
    pass


def write_pdf(document: str, *, base_url: Path, target: Path, site_dir: Path) -> list[str]:
    """Render ``document`` to ``target``; return WeasyPrint's complaints.

    Only files under ``site_dir`` (and ``data:`` URLs) may be loaded: the PDF
    never depends on the network, and the same input gives the same bytes (the
    document's dates come from its metadata; the file identifier from its content).
    """
    try:
        import weasyprint
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise PDFError(
            "WeasyPrint is not installed (uv sync --group pdf), or its system libraries "
            f"(Pango) are missing: {error}. Set `full_text: {{pdf: false}}` to build without the PDF."
        ) from None
    complaints: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                complaints.append(record.getMessage())

    root = site_dir.resolve()

    class SiteOnly(weasyprint.urls.URLFetcher):
        def fetch(self, url: str, headers: object = None) -> Any:
            if url.startswith("file:"):
                path = Path(weasyprint.urls.request.url2pathname(urlsplit(url).path)).resolve()
                if path != root and root not in path.parents:
                    raise ValueError(f"outside the site: {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"not loaded (the PDF never uses the network): {url}")
            return super().fetch(url, headers)

    logger = logging.getLogger("weasyprint")
    handler = Collect()
    logger.addHandler(handler)
    try:
        identifier = hashlib.sha256(document.encode("utf-8")).hexdigest()[:32].encode("ascii")
        fetcher = SiteOnly(allowed_protocols=["file", "data"])
        html_doc = weasyprint.HTML(string=document, base_url=str(base_url), url_fetcher=fetcher)
        target.parent.mkdir(parents=True, exist_ok=True)
        html_doc.write_pdf(str(target), pdf_identifier=identifier)
    finally:
        logger.removeHandler(handler)
    return complaints
