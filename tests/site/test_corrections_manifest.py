"""URL stability. Every URL and anchor in tests/url-manifest.txt stays
published, or a redirect covers it; and the manifest lists everything the
site publishes. The negative cases run on temporary copies: nothing here
changes the repository or the session's build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.corrections import manifest
from mkdocs_scholia.plugins.corrections import manifest_command
from support import REPO, TESTS
from support.build import mkdocs_build
from support.edition import mkdocs_config

MANIFEST = TESTS / "url-manifest.txt"
REGENERATE = "run scripts/url-manifest and commit tests/url-manifest.txt"
FAST = {"SCHOLIA_PDF": "false"}  # the copies' builds need no PDF


def configured_redirects() -> tuple[dict, dict]:
    config = mkdocs_config()
    pages, anchors = {}, {}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            pages = (plugin["redirects"] or {}).get("redirect_maps") or {}
        if isinstance(plugin, dict) and "scholia-corrections" in plugin:
            anchors = (plugin["scholia-corrections"] or {}).get("anchor_redirects") or {}
    return pages, anchors


@pytest.fixture(scope="module")
def listed() -> list[str]:
    assert MANIFEST.is_file(), f"tests/url-manifest.txt is missing: {REGENERATE}"
    return manifest.read(MANIFEST)


@pytest.fixture(scope="module")
def site(built_site) -> manifest.Site:
    return manifest.collect(built_site)


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    """A copy of the build that a test may damage."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def essay_anchor(listed: list[str]) -> str:
    """A paragraph anchor of a section page that the manifest lists (e.g. /personal-factors/#p2.1)."""
    anchors = [url for url in listed if re.search(r"/[a-z-]+/#p[1-9]\d*\.\d+$", url)]
    assert anchors, "the manifest lists no paragraph of a section page"
    return anchors[0]


def markdown_name(page_url: str) -> str:
    return page_url.strip("/") + ".md"


# -- the real site against the committed manifest ---------------------------------------


def test_the_manifest_is_sorted_without_duplicates(listed):
    assert len(listed) == len(set(listed))
    assert listed == sorted(listed, key=manifest.natural), REGENERATE
    assert all(url.startswith("/") for url in listed)


def test_the_manifest_check_command_reports_unlisted_urls(built_site, listed, tmp_path, capsys):
    """`scripts/check urls` (CI) fails on URLs the manifest does not list yet, and names them.

    That check is a step of scripts/check rather than a test, so that work in
    progress that adds pages or anchors is not blocked by it; CI enforces it.
    """
    short = tmp_path / "manifest.txt"
    manifest.write(short, [url for url in listed if not url.endswith("#p0.1")])
    status = manifest_command.main(["check", "--site", str(built_site), "--manifest", str(short)])
    assert status == 1
    assert "/#p0.1: published but not in the manifest; run scripts/url-manifest" in capsys.readouterr().err


def test_a_paragraph_added_later_is_a_citable_anchor():
    """``p2.3a`` (the shared paragraph-id grammar) is listed, kept and checked like ``p2.3``."""
    document = manifest.parse(
        '<p id="p2.3">a</p><p id="p2.3a">b</p><p id="p2">c</p><p id="p2.3.4">d</p><p id="fn:1">e</p>'
    )
    assert manifest.citable_ids(document) == {"p2.3", "p2.3a"}
    site = manifest.Site(pages={"/two/": {"p2.3"}})
    gone = "/two/#p2.3a: this anchor is no longer published and no redirect covers it"
    assert manifest.check(["/two/#p2.3a"], site) == [gone]
    assert manifest.check(["/two/#p2.3a"], site, anchor_redirects={"two.md#p2.3a": "two.md#p2.3"}) == []


def test_no_listed_url_has_disappeared_without_a_redirect(site, listed):
    pages, anchors = configured_redirects()
    problems = manifest.check(listed, site, pages, anchors)
    assert not problems, (
        "URLs that readers may have cited are gone; restore them or declare a redirect "
        "(CONTRIBUTING.md, 'Renaming or removing a page, heading or paragraph'):\n" + "\n".join(problems)
    )


def test_the_manifest_covers_pages_headings_paragraphs_and_references(listed):
    kinds = {
        "pages": r"^/([a-z-]+/)?$",
        "page headings": r"#s\d+$",
        "paragraphs": r"#p\d+\.\d+$",
        "reference entries": r"#ref-",
        "versions": r"/updates/#v\d+\.\d+\.\d+$",
    }
    for kind, pattern in kinds.items():
        assert any(re.search(pattern, url) for url in listed), f"the manifest lists no {kind}"


def test_every_configured_page_redirect_is_built(built_site):
    pages, _ = configured_redirects()
    for old in pages:
        stub = built_site / manifest.docs_url(old).lstrip("/") / "index.html"
        assert stub.is_file(), f"no redirect page for {old}"
        assert manifest.is_redirect_page(BeautifulSoup(stub.read_text(encoding="utf-8"), "lxml"))


# -- both directions, on copies ---------------------------------------------------------------


def test_a_removed_anchor_fails_and_an_anchor_redirect_makes_it_pass(site_copy, listed):
    url = essay_anchor(listed)
    page, _, anchor = url.partition("#")
    html_file = site_copy / page.lstrip("/") / "index.html"
    document = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
    del document.find(id=anchor)["id"]  # the paragraph lost its id
    html_file.write_text(str(document), encoding="utf-8")
    damaged = manifest.collect(site_copy)

    problems = manifest.check(listed, damaged)
    assert problems == [f"{url}: this anchor is no longer published and no redirect covers it"]

    name = markdown_name(page)
    section = next(u for u in listed if u.startswith(page + "#s"))
    moved = {f"{name}#{anchor}": f"{name}#{section.split('#')[1]}"}
    assert manifest.check(listed, damaged, anchor_redirects=moved) == []
    # A redirect to an anchor that does not exist either is no cover.
    broken = manifest.check(listed, damaged, anchor_redirects={f"{name}#{anchor}": f"{name}#nowhere"})
    assert len(broken) == 1 and "not published" in broken[0]


def test_a_removed_page_fails_and_a_page_redirect_makes_it_pass(site_copy, listed):
    page = essay_anchor(listed).partition("#")[0]
    renamed = page.rstrip("/") + "-renamed/"
    shutil.move(site_copy / page.strip("/"), site_copy / renamed.strip("/"))
    damaged = manifest.collect(site_copy)

    problems = manifest.check(listed, damaged)
    lost = [url for url in listed if url.partition("#")[0] == page]
    assert len(lost) >= 3 and len(problems) == len(lost)
    assert all(problem.split(":")[0] in lost for problem in problems)

    redirect = {markdown_name(page): markdown_name(renamed)}
    assert manifest.check(listed, damaged, redirect_maps=redirect) == [], "the redirect carries every anchor along"
    nowhere = manifest.check(listed, damaged, redirect_maps={markdown_name(page): "nowhere.md"})
    assert len(nowhere) == len(lost)


def test_a_page_redirect_to_a_page_without_the_anchor_needs_an_anchor_redirect(site_copy, listed):
    url = essay_anchor(listed)
    page, _, anchor = url.partition("#")
    shutil.rmtree(site_copy / page.strip("/"))
    damaged = manifest.collect(site_copy)
    home = {markdown_name(page): "index.md"}
    problems = manifest.check([url], damaged, redirect_maps=home)
    assert len(problems) == 1 and "has no #" in problems[0]
    assert manifest.check([url], damaged, redirect_maps=home, anchor_redirects={f"index.md#{anchor}": "index.md"}) == []


def test_a_real_build_with_a_declared_redirect_serves_the_old_address(tmp_path, site, listed):
    """mkdocs-redirects, configured as a contributor would, keeps an old URL working."""
    page = essay_anchor(listed).partition("#")[0]
    old = "old-" + markdown_name(page)
    old_urls = [manifest.docs_url(old), f"{manifest.docs_url(old)}#{essay_anchor(listed).partition('#')[2]}"]
    # Without the redirect, a manifest that had listed the old address fails.
    assert len(manifest.check(old_urls, site)) == 2

    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "__pycache__", ".pytest_cache")
    shutil.copytree(REPO, repo, ignore=ignore)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("redirect_maps: {}") == 1, "redirect_maps is configured, empty, once"
    assert text.count("anchor_redirects: {}") == 1, "anchor_redirects is configured, empty, once"
    name = markdown_name(page)
    text = text.replace("redirect_maps: {}", f"redirect_maps:\n        {old}: {name}")
    text = text.replace(
        "anchor_redirects: {}",
        f"anchor_redirects:\n        {name}#gone-here: {name}#{essay_anchor(listed).partition('#')[2]}"
        f"\n        {name}#gone-away: index.md#contents",
    )
    config.write_text(text, encoding="utf-8")
    built = tmp_path / "site"
    mkdocs_build(config, built, env=FAST)
    stub = built / old[: -len(".md")] / "index.html"
    document = BeautifulSoup(stub.read_text(encoding="utf-8"), "lxml")
    assert manifest.is_redirect_page(document)
    assert document.find("link", rel="canonical")["href"] == "../" + page.strip("/") + "/"
    # The page's script is told where its moved anchors went, relative to the page.
    box = BeautifulSoup((built / page.strip("/") / "index.html").read_text(encoding="utf-8"), "lxml")
    moved = json.loads(box.select_one("[data-corrections]")["data-anchor-redirects"])
    assert moved == {"gone-here": "#" + essay_anchor(listed).partition("#")[2], "gone-away": "../#contents"}
    pages, anchors = {old: markdown_name(page)}, {}
    rebuilt = manifest.collect(built)
    same_page = [url for url in listed if url.partition("#")[0] == page]  # (this build has no PDF)
    assert manifest.check([*same_page, *old_urls], rebuilt, pages, anchors) == []
    assert manifest.docs_url(old) not in rebuilt.pages, "a redirect page is not listed as a page"


def test_the_build_fails_when_the_edition_and_the_changelog_disagree(tmp_path):
    """The edition's version is configured once; a release in the changelog must match it."""
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "__pycache__", ".pytest_cache")
    shutil.copytree(REPO, repo, ignore=ignore)
    changelog_file = repo / "source" / "changelog.yml"
    text = changelog_file.read_text(encoding="utf-8")
    assert text.count("releases:\n") == 1
    changelog_file.write_text(
        text.replace("releases:\n", "releases:\n  - version: 99.0.0\n    date: 2099-01-01\n    summary: Later.\n", 1),
        encoding="utf-8",
    )
    process = mkdocs_build(repo / "mkdocs.yml", tmp_path / "site", check=False, env=FAST)
    assert process.returncode != 0
    assert "latest release in source/changelog.yml is 99.0.0" in process.stdout + process.stderr
