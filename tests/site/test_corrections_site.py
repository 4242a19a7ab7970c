"""Corrections in the built site: every page can be corrected, names its edition,
and says when it was last revised."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_scholia.corrections import links, manifest
from mkdocs_scholia.corrections.revision import last_revision
from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
from mkdocs_scholia.rules.dates import long_date
from support import REPO
from support.edition import AnyTagLoader, mkdocs_config, nav_entries, plugin_options

CONFIG = mkdocs_config()
SITE_URL = CONFIG["site_url"]
REPO_URL = CONFIG["repo_url"].rstrip("/")
SOURCES = plugin_options("scholia-corrections", CONFIG).get("sources", {})


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    """Every published page (not redirect pages), by URL (``/``, ``/introduction/``)."""
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site).as_posix()
        if relative == "404.html" or relative.split("/")[0] in manifest.NOT_PUBLISHED_DIRS:
            continue
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if not manifest.is_redirect_page(document):
            found[manifest.page_url(relative)] = document
    assert "/" in found and len(found) >= 10
    return found


def markdown_file(url: str) -> str:
    """The Markdown file a page URL is built from, found independently of the plugin
    (``full-text.md`` for a page that a plugin generates)."""
    stem = url.strip("/")
    candidates = [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]
    existing = [name for name in candidates if (REPO / "docs" / name).is_file()]
    assert len(existing) <= 1, f"{url}: two Markdown files {existing}"
    return existing[0] if existing else candidates[0]


def expected_source(url: str) -> str:
    """The file to correct: the page's Markdown, the data file it is made from,
    or, for a generated page (no file), the docs folder."""
    page = markdown_file(url)
    if page in SOURCES:
        return SOURCES[page]
    return f"docs/{page}" if (REPO / "docs" / page).is_file() else "docs/"


def expected_edit_url(source: str) -> str:
    if source.endswith("/"):  # GitHub's list of the folder's files
        return f"{REPO_URL}/tree/main/{source}"
    return f"{REPO_URL}/edit/main/{source}"


NAV_TITLES = {file: title for title, file in nav_entries(CONFIG["nav"]) if title}


def every_page(pages):
    return sorted(pages.items())


def test_every_page_in_the_nav_is_built(pages):
    nav_files = [file for _, file in nav_entries(CONFIG["nav"])]
    assert "updates.md" in nav_files, "Updates and corrections is in the navigation"
    for name in nav_files:
        assert manifest.docs_url(name) in pages, f"{name} is in the nav but was not built"


def test_every_page_has_an_edit_link_to_its_own_source_file(pages):
    for url, document in every_page(pages):
        source = expected_source(url)
        assert (REPO / source).is_dir() if source.endswith("/") else (REPO / source).is_file(), f"{url}: no {source}"
        edit = document.select("a.corrections-edit")
        assert len(edit) == 1, f"{url}: one 'Suggest an edit' link"
        assert edit[0].get_text(" ", strip=True) == "Suggest an edit"
        assert edit[0]["href"] == expected_edit_url(source), url
        # The theme's own edit button (top of the page) opens the same file, if any.
        buttons = document.select("a.md-content__button[rel~=edit]")
        assert len(buttons) == (0 if source.endswith("/") else 1), url
        for button in buttons:
            assert button["href"] == edit[0]["href"], f"{url}: the theme's edit button disagrees"
        box = document.select_one("[data-corrections]")
        assert box["data-edit-url"] == edit[0]["href"] and box["data-source"] == source


def test_every_page_has_a_report_link_prefilled_with_page_section_and_source(pages):
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / links.ISSUE_FORM).read_text(encoding="utf-8"))
    fields = {item["id"] for item in form["body"] if "id" in item}
    for url, document in every_page(pages):
        report = document.select("a.corrections-report")
        assert len(report) == 1, f"{url}: one 'Report an error' link"
        assert report[0].get_text(" ", strip=True) == "Report an error"
        parts = urllib.parse.urlsplit(report[0]["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new", url
        query = dict(urllib.parse.parse_qsl(parts.query, strict_parsing=True))
        assert set(query) - {"template", "title", "labels"} <= fields, f"{url}: fills fields the form lacks"
        assert query["template"] == links.ISSUE_FORM
        assert query["page"] == urllib.parse.urljoin(SITE_URL, url.lstrip("/")), url
        assert query["source"] == expected_source(url), url
        h1 = document.select_one("article h1")
        heading = h1.get_text(" ", strip=True).rstrip("¶").strip() if h1 else ""
        assert query["location"] in (heading, NAV_TITLES.get(markdown_file(url))), url
        assert query["title"] == f"Correction: {query['location']}"


def test_the_scripts_that_add_the_passage_and_paragraph_actions_are_on_every_page(pages, built_site):
    for url, document in every_page(pages):
        scripts = [script.get("src", "") for script in document.select("script[src]")]
        styles = [link.get("href", "") for link in document.select("link[rel=stylesheet]")]
        assert any(src.endswith("assets/scholia/corrections.js") for src in scripts), url
        assert any(href.endswith("assets/scholia/corrections.css") for href in styles), url
    script = (built_site / "assets" / "scholia" / "corrections.js").read_text(encoding="utf-8")
    for request in ("fetch(", "XMLHttpRequest", "sendBeacon", "import(", "new Image"):
        assert request not in script, f"corrections.js must not make requests ({request})"


def test_every_page_names_the_edition_in_its_footer(pages):
    current = load_changelog(REPO / "source" / "changelog.yml").current
    for url, document in every_page(pages):
        footer = document.select_one("footer .corrections-edition")
        assert footer is not None, f"{url}: no edition in the footer"
        assert footer.select_one(".corrections-edition__version").get_text(strip=True) == current.version
        assert footer.select_one("time")["datetime"] == current.date.isoformat()
        link = footer.select_one("a")
        assert urllib.parse.urljoin(url, link["href"]) == "/updates/", url


def test_every_page_says_when_it_was_last_revised_from_git(pages):
    for url, document in every_page(pages):
        paths = {f"docs/{markdown_file(url)}", expected_source(url)}
        expected = last_revision(sorted(path for path in paths if (REPO / path).exists()), REPO)
        time = document.select_one("aside.corrections time.corrections-revised")
        if expected is None:  # an uncommitted page: nothing is claimed
            assert time is None, url
            continue
        assert time is not None, f"{url}: no last-revision date"
        assert time["datetime"] == expected.isoformat(), url
        assert dt.date.fromisoformat(time["datetime"]) <= dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def test_the_updates_page_lists_every_version_with_an_anchor(pages):
    log = load_changelog(REPO / "source" / "changelog.yml")
    document = pages["/updates/"]
    assert document.select_one("h2#unreleased") is not None
    for release in log.releases:
        heading = document.select_one(f'h2[id="{release.anchor}"]')
        assert heading is not None, f"no section for version {release.version}"
        assert release.version in heading.get_text() and long_date(release.date) in heading.get_text()


def test_mkdocs_yml_gives_no_key_twice():
    """YAML keeps only the last of two equal keys: a feature's setting would vanish silently."""

    class Strict(AnyTagLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        twice = {key for key in keys if keys.count(key) > 1}
        assert not twice, f"mkdocs.yml line {node.start_mark.line + 1}: {sorted(map(str, twice))} given twice"
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Strict)
