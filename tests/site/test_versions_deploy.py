"""A versioned site from a temporary clone: release, correct a paragraph, release again.

In a clone of the repository's committed state the changelog is reset to one
release (1.0.0, the clone's HEAD, tagged), a paragraph of section 3 is
corrected with its editorial note and its changelog entry, 1.0.1 is released
(tagged), and a last commit records both releases' commits. The deployable
site assembled by ``mkdocs-scholia versions`` must then have the
current edition at the root, both releases under ``v/<version>/``, the old
one's text equal to a plain build of its tag, the banner, the switcher and the
"changed since" marks, each version's "Cite this" giving its own permanent
link (the current edition's beside its unversioned address), noindex on
versioned pages and a sitemap of the current edition only.
"""

from __future__ import annotations

import re

import pytest

from support import REPO
from support.build import mkdocs_build
from support.versions import commit, deploy_versions, git, read

pytestmark = pytest.mark.slow

SITE_URL = "https://scholia-editions.github.io/sino-soviet-split/"
PAGE = "conflicts-of-national-interest"
ENV = {"SCHOLIA_PDF": "false", "NO_MKDOCS_2_WARNING": "1"}
# The test's correction takes the next free note id of the repository's apparatus.
NOTE_ID = "e{:03d}".format(
    1 + max(int(n) for n in re.findall(r"^- id: e(\d+)$", (REPO / "source" / "apparatus.yml").read_text("utf-8"), re.M))
)
NOTE = f"""
- id: {NOTE_ID}
  page: conflicts-of-national-interest
  paragraph: p3.1
  original: "also a mainstream view"
  edited: "also a prevailing view"
  kind: typo
  reason: >-
    A test correction.
"""


def _changelog(releases: str, unreleased: str = "[]") -> str:
    return f"unreleased: {unreleased}\n\nreleases:\n{releases}"


RELEASE_100 = """  - version: 1.0.0
    date: 2026-11-25
{commit}    summary: First edition.
    changes: []
"""
RELEASE_101 = """  - version: 1.0.1
    date: 2026-12-01
{commit}    summary: A correction.
    changes:
      - kind: correction
        where: conflicts-of-national-interest.md#p3.1
        description: A word corrected.
        apparatus: {note}
"""


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    base = tmp_path_factory.mktemp("versions")
    clone = base / "clone"
    git("clone", "-q", str(REPO), str(clone), cwd=base)
    git("config", "user.email", "editors@example.org", cwd=clone)
    git("config", "user.name", "Editors", cwd=clone)
    changelog = clone / "source" / "changelog.yml"
    # 1.0.0: the clone's sources, released (whatever version the repository is at now).
    config = clone / "mkdocs.yml"
    edition = re.sub(r'version: "\d+\.\d+\.\d+"', 'version: "1.0.0"', config.read_text(encoding="utf-8"), count=1)
    config.write_text(re.sub(r"date: \d{4}-\d{2}-\d{2}", "date: 2026-11-25", edition, count=1), encoding="utf-8")
    changelog.write_text(_changelog(RELEASE_100.format(commit="")), encoding="utf-8")
    # These releases are built without the PDF (SCHOLIA_PDF=false), so they do not publish it.
    listed = clone / "tests" / "url-manifest.txt"
    listed.write_text(listed.read_text(encoding="utf-8").replace("/sino-soviet-split.pdf\n", ""), encoding="utf-8")
    # Nor do they list the repository's own later versions (their anchors on the Updates page).
    listed.write_text(re.sub(r"^/updates/#v(?!1\.0\.0$).*\n", "", listed.read_text("utf-8"), flags=re.M), "utf-8")
    first = commit(clone, "Release 1.0.0", "2026-11-25T12:00:00Z")
    git("tag", "v1.0.0", cwd=clone)
    # A correction of p3.1 with its editorial note, released as 1.0.1.
    page = clone / "docs" / f"{PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("also a mainstream view", "also a prevailing view", 1))
    apparatus = clone / "source" / "apparatus.yml"
    text = apparatus.read_text(encoding="utf-8")
    apparatus.write_text(text.replace("\n# -- 4. Ideological", NOTE + "\n# -- 4. Ideological", 1), encoding="utf-8")
    changelog.write_text(
        _changelog(RELEASE_101.format(commit="", note=NOTE_ID) + RELEASE_100.format(commit=f"    commit: {first}\n")),
        encoding="utf-8",
    )
    config = clone / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace('version: "1.0.0"', 'version: "1.0.1"')
        .replace("date: 2026-11-25", "date: 2026-12-01"),
        encoding="utf-8",
    )
    second = commit(clone, "Release 1.0.1", "2026-12-01T12:00:00Z")
    git("tag", "v1.0.1", cwd=clone)
    # main records the commit of every release.
    changelog.write_text(
        _changelog(
            RELEASE_101.format(commit=f"    commit: {second}\n", note=NOTE_ID)
            + RELEASE_100.format(commit=f"    commit: {first}\n")
        ),
        encoding="utf-8",
    )
    commit(clone, "Record the commits of 1.0.0 and 1.0.1", "2026-12-01T13:00:00Z")
    current = base / "current"
    mkdocs_build(config, current, env=ENV)
    out = deploy_versions(clone, current, base, env=ENV)
    # A plain build of the tag v1.0.0, to compare the text with.
    tagged = base / "tagged"
    git("worktree", "add", "-q", "--detach", str(tagged), "v1.0.0", cwd=clone)
    plain = base / "plain-1.0.0"
    mkdocs_build(tagged / "mkdocs.yml", plain, env=ENV)
    return out, plain, clone


def test_both_versions_and_the_current_edition_are_deployed(deployed):
    out, _, _ = deployed
    for root in (out, out / "v" / "1.0.0", out / "v" / "1.0.1"):
        assert (root / PAGE / "index.html").is_file()
    assert (out / "assets" / "scholia-versions" / "versions.css").is_file()


def test_the_old_version_reads_as_its_tag_built(deployed):
    out, plain, _ = deployed
    for page in sorted(plain.rglob("index.html")):
        relative = page.relative_to(plain)
        if relative.parts[0] in ("search", "cite"):
            continue
        assert read(out / "v" / "1.0.0" / relative).paragraphs == read(page).paragraphs, relative
    old = read(out / "v" / "1.0.0" / PAGE / "index.html").paragraphs["p3.1"]
    new = read(out / PAGE / "index.html").paragraphs["p3.1"]
    assert "also a mainstream view" in old and "also a prevailing view" in new


def test_the_old_version_says_so_and_links_to_the_current_edition(deployed):
    out, _, _ = deployed
    html = (out / "v" / "1.0.0" / PAGE / "index.html").read_text(encoding="utf-8")
    assert "You are reading edition 1.0.0 of 25 November 2026. The current edition is" in html
    links = read(out / "v" / "1.0.0" / PAGE / "index.html").links
    assert f"../../../{PAGE}/" in links and "../../../updates/#v1.0.1" in links
    assert f"../../../{PAGE}/#p3.1" in links  # the "changed since" mark to the current reading


def test_changed_since_marks_in_the_current_edition(deployed):
    out, _, _ = deployed
    links = read(out / PAGE / "index.html").links
    assert f"../v/1.0.0/{PAGE}/#p3.1" in links and f"../v/1.0.1/{PAGE}/#p3.1" in links
    assert f"../editorial-notes/#{NOTE_ID}" in links
    html = (out / PAGE / "index.html").read_text(encoding="utf-8")
    assert html.count('class="scholia-changed"') == 1
    assert "You are reading edition" not in html


def test_every_version_cites_its_own_permanent_link(deployed):
    out, _, _ = deployed
    for version, date in (("1.0.0", "2026/11/25"), ("1.0.1", "2026/12/01")):
        root = out / "v" / version
        page = read(root / PAGE / "index.html")
        permanent = f"{SITE_URL}v/{version}/{PAGE}/"
        assert page.meta["citation_fulltext_html_url"] == permanent
        assert page.meta["DC.identifier"] == permanent
        assert page.meta["citation_publication_date"] == date
        html = (root / PAGE / "index.html").read_text(encoding="utf-8")
        assert f'"version": "{version}"' in html or f"Version {version}" in html
        assert f"{permanent}#p3.1" in html  # "Cite this" of the paragraph
        for export in ("bib", "ris", "json"):
            assert permanent in (root / "cite" / f"{PAGE}.{export}").read_text(encoding="utf-8")
    current = (out / PAGE / "index.html").read_text(encoding="utf-8")
    assert f"{SITE_URL}{PAGE}/#p3.1" in current


def test_the_current_edition_cites_its_permanent_link_beside_its_address(deployed):
    """The current edition is release 1.0.1, also kept at /v/1.0.1/: "Cite this" gives both, in every format."""
    out, _, clone = deployed
    permanent = f"{SITE_URL}v/1.0.1/{PAGE}/"
    html = (out / PAGE / "index.html").read_text(encoding="utf-8")
    paragraph = re.search(r'id="scholia-cite-[\w-]*p3-1-text">(.*?)</p>', html).group(1)
    assert f'Available at: <a href="{SITE_URL}{PAGE}/#p3.1">' in paragraph
    assert f'Permanent link to version 1.0.1: <a href="{permanent}#p3.1">' in paragraph
    for export in (f"{PAGE}.bib", f"{PAGE}.ris", f"{PAGE}.json", f"{PAGE}/p3.1.ris", "edition.ris"):
        text = (out / "cite" / export).read_text(encoding="utf-8")
        assert SITE_URL in text and f"{SITE_URL}v/1.0.1/" in text, export
    assert f"UR  - {permanent}#p3.1\r\n".encode() in (out / "cite" / PAGE / "p3.1.ris").read_bytes()
    # Each version's own build cites its own address once, never a second one under it.
    for version in ("1.0.0", "1.0.1"):
        for page in (out / "v" / version).rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert f"v/{version}/v/" not in text and "Permanent link to version" not in text, page
    # Every permanent link of the deployable site reaches what the version published.
    from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
    from mkdocs_scholia.versions import addresses, releases

    found = releases.from_changelog(load_changelog(clone / "source" / "changelog.yml", clone))
    assert addresses.unresolved(out, SITE_URL, found) == []
    # A paragraph the release lacks is noticed.
    kept = out / "v" / "1.0.1" / PAGE / "index.html"
    original = kept.read_text(encoding="utf-8")
    kept.write_text(original.replace('id="p3.1"', 'id="p3.1-gone"'), encoding="utf-8")
    try:
        assert f"{PAGE}/index.html: {permanent}#p3.1: not published" in addresses.unresolved(out, SITE_URL, found)
    finally:
        kept.write_text(original, encoding="utf-8")


def test_with_unreleased_changes_the_current_edition_has_no_permanent_link_yet(deployed, tmp_path):
    _, _, clone = deployed
    changelog = clone / "source" / "changelog.yml"
    released = changelog.read_text(encoding="utf-8")
    pending = "[{kind: site, description: A change not yet released.}]"
    changelog.write_text(released.replace("unreleased: []", f"unreleased: {pending}", 1), encoding="utf-8")
    try:
        mkdocs_build(clone / "mkdocs.yml", tmp_path / "site", env=ENV)
    finally:
        changelog.write_text(released, encoding="utf-8")
    html = (tmp_path / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert "/v/" not in html and "Permanent link" not in html
    assert "changes made after version 1.0.1 that are not yet released, so it has no permanent link yet" in html
    assert "/v/" not in (tmp_path / "site" / "cite" / f"{PAGE}.ris").read_text(encoding="utf-8")


def test_indexing_rules(deployed):
    out, _, _ = deployed
    assert "robots" not in read(out / PAGE / "index.html").meta
    for version in ("1.0.0", "1.0.1"):
        for page in (out / "v" / version).rglob("*.html"):
            assert read(page).meta.get("robots") == "noindex", page
        assert not (out / "v" / version / "sitemap.xml").exists()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}{PAGE}/" in sitemap and "/v/" not in sitemap


def test_the_switcher_lists_every_release_and_marks_the_one_read(deployed):
    out, _, _ = deployed
    html = (out / "v" / "1.0.0" / PAGE / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="scholia-versions" aria-label="Editions">.*?</nav>', html).group(0)
    assert "<summary>Edition 1.0.0</summary>" in nav
    assert f'href="../../../v/1.0.0/{PAGE}/" aria-current="page"' in nav
    assert f'href="../../../{PAGE}/">1.0.1 (1 December 2026) – current' in nav


def test_every_address_a_release_published_resolves_under_its_version(deployed):
    """The URL manifest of each release's commit, prefixed with /v/<version>, is all published."""
    out, _, clone = deployed
    from mkdocs_scholia.corrections import manifest
    from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
    from mkdocs_scholia.versions import addresses, releases

    found = releases.from_changelog(load_changelog(clone / "source" / "changelog.yml", clone))
    assert addresses.missing(clone, out, found) == []
    for release in found:
        urls = addresses.manifest_at(clone, release.commit)
        assert urls and f"/{PAGE}/#p3.1" in urls
        assert manifest.collect(out / release.folder).has(f"/{PAGE}/#p3.1")
    # And a removed address is noticed.
    (out / "v" / "1.0.0" / "conclusion" / "index.html").unlink()
    assert "/v/1.0.0/conclusion/: not published" in addresses.missing(clone, out, found)


def test_the_updates_page_links_the_change_to_both_versions_of_the_paragraph(deployed):
    out, _, _ = deployed
    links = read(out / "updates" / "index.html").links
    at = links.index(f"../{PAGE}/#p3.1")
    assert links[at + 1 : at + 3] == [f"../v/1.0.0/{PAGE}/#p3.1", f"../v/1.0.1/{PAGE}/#p3.1"]
