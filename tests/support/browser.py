"""The browser checks' harness: the built site served on 127.0.0.1, and Debian's Chromium.

Used by the tests (through the fixtures of ``tests/conftest.py``) and by the
reviewer scripts ``scripts/screenshots`` and ``scripts/lighthouse``, which put
``tests/`` on ``sys.path``. Nothing here talks to any host but 127.0.0.1.

* :class:`SiteServer` serves a built site on 127.0.0.1 under the path of its
  ``site_url`` (``/sino-soviet-split/``), gzip-compressed like the real host,
  so absolute paths, relative links and transfer sizes are what readers get.
* :func:`site_pages` lists the pages from the build's ``sitemap.xml``.
* :func:`launch_chromium` starts Debian's Chromium through Playwright.
* :class:`PageWatch` records what a page did wrong: console errors, failed
  requests, requests to other origins.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import os
import posixpath
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("SCHOLIA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (
    f"Debian's Chromium is not at {CHROMIUM}: run scripts/setup (it installs the "
    "`chromium` apt package). The browser checks never use a downloaded browser."
)

# Text types worth compressing, as GitHub Pages does.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/manifest+json", ".webmanifest")


# --------------------------------------------------------------------------
# The built site and its pages


def sitemap_urls(site: Path) -> list[str]:
    """The absolute page URLs (under ``site_url``) listed in ``sitemap.xml``."""
    tree = ElementTree.parse(site / "sitemap.xml")
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text.strip() for loc in tree.getroot().iterfind("sm:url/sm:loc", namespace) if loc.text]


def base_path(site: Path) -> str:
    """The path part of ``site_url``, e.g. ``/sino-soviet-split/``, from the sitemap."""
    paths = [urllib.parse.urlsplit(url).path for url in sitemap_urls(site)]
    if not paths:
        return "/"
    home = min(paths, key=len)  # the home page is always listed
    if home.endswith("/") and all(path.startswith(home) for path in paths):
        return home
    return posixpath.commonpath(paths).rstrip("/") + "/"


def site_pages(site: Path) -> list[str]:
    """Every page as a path relative to the site root: ``""``, ``"introduction/"``, …

    In the order of the sitemap (alphabetical), the home page first.
    """
    base = base_path(site)
    pages = []
    for url in sitemap_urls(site):
        path = urllib.parse.urlsplit(url).path
        pages.append(path[len(base) :] if path.startswith(base) else path.lstrip("/"))
    return sorted(pages, key=lambda page: (page != "", page))


def page_name(page: str) -> str:
    """A short file-name-safe name for a page: ``home``, ``introduction``."""
    return page.strip("/").replace("/", "-") or "home"


# --------------------------------------------------------------------------
# A local server


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve ``root`` under ``base`` (a path such as ``/sino-soviet-split/``)."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, base: str, log: list, **kwargs):
        self.site_root = root
        self.base = base
        self.request_log = log
        super().__init__(*args, directory=str(root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass

    def _send(self, status: int, body: bytes, content_type: str, *, head: bool, extra: dict | None = None):
        encoding = None
        if (
            len(body) > 256
            and content_type.startswith(COMPRESSIBLE)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoding = "gzip"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        self.request_log.append(path)
        if path == self.base.rstrip("/"):
            return self._send(301, b"", "text/plain", head=head, extra={"Location": self.base})
        if not path.startswith(self.base):
            return self._not_found(head)
        relative = posixpath.normpath(path[len(self.base) :]).lstrip("/")
        if relative in {".", ""}:
            relative = ""
        if relative.startswith(".."):
            return self._not_found(head)
        target = self.site_root / relative
        if target.is_dir():
            if not path.endswith("/"):
                return self._send(301, b"", "text/plain", head=head, extra={"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(head)
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith(("json", "javascript", "xml")):
            content_type += "; charset=utf-8"
        return self._send(200, target.read_bytes(), content_type, head=head)

    def _not_found(self, head: bool):
        page = self.site_root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        return self._send(404, body, "text/html; charset=utf-8", head=head)

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class SiteServer:
    """A built site served on 127.0.0.1 on a free port, in a daemon thread.

    ``server.url`` is the site's root (``http://127.0.0.1:PORT/sino-soviet-split/``);
    ``server.page_url("introduction/")`` a page; ``server.origin`` the only origin
    a page may talk to. Use as a context manager or call :meth:`stop`.
    """

    def __init__(self, site: Path, base: str | None = None):
        self.site = Path(site)
        self.base = base or base_path(self.site)
        self.requests: list[str] = []
        handler = functools.partial(_Handler, root=self.site, base=self.base, log=self.requests)
        self._server = _Server(("127.0.0.1", 0), handler)
        self.port = self._server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + self.base
        self._thread = threading.Thread(target=self._server.serve_forever, name="site-server", daemon=True)
        self._thread.start()

    def page_url(self, page: str) -> str:
        return self.url + page.lstrip("/")

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------
# Chromium


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, through Playwright (never a downloaded build)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------
# Watching a page: console errors, failed requests, other origins


LOCAL_SCHEMES = ("data:", "blob:", "about:")


class PageWatch:
    """Record what a page does wrong while it lives.

    Requests to any origin but ``origin`` are aborted (and recorded), so a
    stray third party fails fast instead of waiting on a network that is not there.
    """

    def __init__(self, context, origin: str):
        self.origin = origin
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.bad_responses: list[str] = []
        self.foreign_requests: list[str] = []
        context.route("**/*", self._route)
        context.on("page", self.attach)
        for page in context.pages:
            self.attach(page)

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES) or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort("blockedbyclient")

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.console_errors.append(f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def _failed(self, request) -> None:
        if request.url in self.foreign_requests:
            return  # recorded as foreign
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by the browser, as when a test clicks on before a page is done
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.request.method} {response.url}")

    def problems(self) -> list[str]:
        out = []
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"failed request: {m}" for m in self.failed_requests]
        out += [f"HTTP error: {m}" for m in self.bad_responses]
        out += [f"request to another origin: {m}" for m in self.foreign_requests]
        return out
