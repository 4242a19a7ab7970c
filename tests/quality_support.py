"""What the browser, validator, link and Lighthouse checks share (issue 8).

Used by the tests (through fixtures in ``conftest.py``) and by the reviewer
scripts ``scripts/screenshots`` and ``scripts/lighthouse``, which put this
folder on ``sys.path``. Nothing here talks to any host but 127.0.0.1.

* :class:`SiteServer` serves a built site on 127.0.0.1 under the path of its
  ``site_url`` (``/sino-soviet-split/``), gzip-compressed like the real host,
  so absolute paths, relative links and transfer sizes are what readers get.
* :func:`site_pages` lists the pages from the build's ``sitemap.xml``.
* :func:`launch_chromium` starts Debian's Chromium through Playwright.
* :func:`run_lighthouse` runs the locked Lighthouse on one URL.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import posixpath
import shutil
import subprocess
import sys
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
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
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
MISSING_LIGHTHOUSE = f"Lighthouse is not installed at {LIGHTHOUSE}: run scripts/setup (it runs `npm ci`)."

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

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._serve(head=False)

    def do_HEAD(self):  # noqa: N802
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

    def __enter__(self) -> "SiteServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def build_site(destination: Path) -> Path:
    """A real ``mkdocs build --strict`` of the edition into ``destination``."""
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(destination)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{process.stdout}\n{process.stderr}")
    return destination


# --------------------------------------------------------------------------
# Chromium and Lighthouse


def launch_chromium(playwright):
    """Debian's Chromium, headless, through Playwright (never a downloaded build)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise RuntimeError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class LighthouseResult:
    url: str
    form_factor: str
    scores: dict[str, int | None]
    transferred: int | None  # bytes, from the total-byte-weight audit
    failing: dict[str, list[str]]  # category -> titles of its audits scoring below 1
    report: dict

    def line(self) -> str:
        scores = " ".join(f"{self.scores.get(c) if self.scores.get(c) is not None else '-':>3}" for c in CATEGORIES)
        kib = f"{self.transferred / 1024:7.1f}" if self.transferred is not None else "      -"
        return f"{self.form_factor:<7} {scores} {kib} KiB  {self.url}"


def run_lighthouse(
    url: str,
    form_factor: str,
    categories: tuple[str, ...] = CATEGORIES,
    *,
    timeout: float = 180,
) -> LighthouseResult:
    """One Lighthouse run with Debian's Chromium; ``form_factor`` is ``mobile`` or ``desktop``."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(MISSING_LIGHTHOUSE)
    if not CHROMIUM.is_file():
        raise RuntimeError(MISSING_CHROMIUM)
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(categories)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run",
        "--disable-full-page-screenshot",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    elif form_factor != "mobile":
        raise ValueError(form_factor)
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    process = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, cwd=REPO)
    if process.returncode != 0 or not process.stdout.strip():
        raise RuntimeError(f"lighthouse failed ({process.returncode}) on {url}:\n{process.stderr[-4000:]}")
    report = json.loads(process.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores: dict[str, int | None] = {}
    failing: dict[str, list[str]] = {}
    for key, category in report["categories"].items():
        score = category.get("score")
        scores[key] = None if score is None else round(score * 100)
        bad = []
        for ref in category.get("auditRefs", []):
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                bad.append(f"{ref['id']}: {audit.get('title')}{shown}")
        failing[key] = bad
    weight = report["audits"].get("total-byte-weight", {}).get("numericValue")
    return LighthouseResult(
        url=url,
        form_factor=form_factor,
        scores=scores,
        transferred=int(weight) if weight is not None else None,
        failing=failing,
        report=report,
    )


def node_available() -> bool:
    return shutil.which("node") is not None


# --------------------------------------------------------------------------
# Pages known before the build (to name parametrized tests)


class _AnyTagLoader:
    """A YAML loader that reads mkdocs.yml's ``!!python/...`` and ``!ENV`` tags as nothing."""

    @staticmethod
    def load(text: str):
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        Loader.add_multi_constructor("", lambda loader, suffix, node: None)
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass


def _nav_files(nav) -> list[str]:
    files: list[str] = []
    for item in nav or []:
        value = item
        if isinstance(item, dict):
            value = next(iter(item.values()), None)
        if isinstance(value, str) and value.endswith(".md"):
            files.append(value)
        elif isinstance(value, list):
            files.extend(_nav_files(value))
    return files


def page_for_file(name: str) -> str:
    """``introduction.md`` -> ``introduction/``; ``index.md`` -> ``""`` (directory URLs)."""
    stem = name[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def nav_pages() -> list[str]:
    """The pages in reading order: the nav of mkdocs.yml, else every docs/*.md.

    Needs no build, so it can name parametrized tests at collection time.
    """
    config = _AnyTagLoader.load((REPO / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    files = _nav_files(config.get("nav"))
    if not files:
        docs = REPO / config.get("docs_dir", "docs")
        files = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    return list(dict.fromkeys(page_for_file(f) for f in files))


def configured_pages() -> list[str]:
    """The pages the configuration promises, home first, then alphabetically.

    Used to name tests at collection time; a test checks that the built
    sitemap lists exactly these pages, so none goes unchecked.
    """
    return sorted(nav_pages(), key=lambda page: (page != "", page))


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
