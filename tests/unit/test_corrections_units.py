"""Corrections without a build: git dates, the changelog, the links."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.corrections import links, updates
from mkdocs_scholia.corrections.changelog import same_version
from mkdocs_scholia.corrections.revision import git_date, last_revision, source_date_epoch
from mkdocs_scholia.corrections.targets import Target
from mkdocs_scholia.plugins.datafiles import DataFileError
from mkdocs_scholia.plugins.datafiles.changelog import changelog as read_changelog
from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
from mkdocs_scholia.rules import urls
from support import REPO
from support.edition import mkdocs_config

GIT = shutil.which("git")


# -- last-revision dates ----------------------------------------------------


def commit(repo: Path, name: str, text: str, when: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    subprocess.run(["git", "-C", str(repo), "add", name], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", f"edit {name}"], check=True, env=env)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    if GIT is None:
        pytest.fail("git is needed for the last-revision dates (apt install git)")
    repo = tmp_path / "edition"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    commit(repo, "a.md", "one", "2024-01-15T10:00:00+00:00")
    commit(repo, "a.md", "one, corrected", "2025-03-02T08:00:00+00:00")
    commit(repo, "b.md", "two", "2025-06-01T23:30:00+00:00")
    return repo


def test_the_date_of_the_last_commit_touching_the_file(history):
    assert git_date(["a.md"], history) == dt.date(2025, 3, 2)
    assert git_date(["b.md"], history) == dt.date(2025, 6, 1)


def test_several_files_give_the_latest_of_their_dates(history):
    assert git_date(["a.md", "b.md"], history) == dt.date(2025, 6, 1)


def test_the_date_is_the_same_on_every_run_and_in_every_time_zone(history, monkeypatch):
    first = last_revision(["a.md"], history, environ={})
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    assert last_revision(["a.md"], history, environ={}) == first == dt.date(2025, 3, 2)


def test_source_date_epoch_caps_the_date(history):
    epoch = str(int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp()))
    assert last_revision(["a.md"], history, environ={"SOURCE_DATE_EPOCH": epoch}) == dt.date(2025, 1, 1)
    later = str(int(dt.datetime(2030, 1, 1, tzinfo=dt.UTC).timestamp()))
    assert last_revision(["a.md"], history, environ={"SOURCE_DATE_EPOCH": later}) == dt.date(2025, 3, 2)


def test_an_uncommitted_file_has_no_date_unless_source_date_epoch_gives_one(history):
    (history / "new.md").write_text("new", encoding="utf-8")
    assert last_revision(["new.md"], history, environ={}) is None
    assert last_revision(["new.md"], history, environ={"SOURCE_DATE_EPOCH": "0"}) == dt.date(1970, 1, 1)


def test_outside_git_there_is_no_date_and_no_error(tmp_path):
    (tmp_path / "page.md").write_text("text", encoding="utf-8")
    assert last_revision(["page.md"], tmp_path, environ={}) is None
    assert last_revision(["page.md"], tmp_path, environ={"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)


def test_without_git_installed_there_is_no_date_and_no_error(history, monkeypatch):
    monkeypatch.setenv("PATH", str(history))  # no git on this PATH
    assert last_revision(["a.md"], history, environ={}) is None


def test_a_malformed_source_date_epoch_is_an_error():
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_date_epoch({"SOURCE_DATE_EPOCH": "yesterday"})
    assert source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None


# -- the changelog ------------------------------------------------------------

FIRST = {"version": "1.0.0", "date": dt.date(2026, 11, 25), "summary": "First edition."}


def test_the_repository_changelog_is_valid_and_its_latest_release_is_the_edition():
    log = load_changelog(REPO / "source" / "changelog.yml", REPO)
    assert log.current.version == log.releases[0].version
    config = mkdocs_config()
    editions = [(config.get("extra") or {}).get("edition") or {}]
    editions += [
        (plugin["scholia"] or {}).get("edition") or {}
        for plugin in config.get("plugins", [])
        if isinstance(plugin, dict) and "scholia" in plugin
    ]
    for edition in editions:  # wherever mkdocs.yml configures it, it agrees with the changelog
        if edition.get("version"):
            assert same_version(str(edition["version"]), log.current.version)
            assert edition["date"] == log.current.date
    assert any(edition.get("version") for edition in editions), "mkdocs.yml configures the edition's version"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"releases": []}, "at least the first edition"),
        ({"releases": [{**FIRST, "version": "1.0"}]}, "field 'version': '1.0' is not a version MAJOR.MINOR.PATCH"),
        ({"releases": [{**FIRST, "date": "25/11/2026"}]}, "YYYY-MM-DD"),
        ({"releases": [{**FIRST, "summary": ""}]}, "field 'summary': must not be empty"),
        (
            {"releases": [{**FIRST, "changes": [{"kind": "typo", "description": "x"}]}]},
            "field 'kind': 'typo' is not one of",
        ),
        ({"releases": [{**FIRST, "changes": [{"kind": "correction"}]}]}, "field 'description' is missing"),
        (
            {"releases": [{**FIRST, "changes": [{"kind": "correction", "description": "x", "where": "#p2.3"}]}]},
            "a page under docs/",
        ),
        ({"releases": [{**FIRST, "changes": [{"kind": "site", "description": "x", "issue": "#3"}]}]}, "field 'issue'"),
        ({"releases": [{**FIRST, "colour": "red"}]}, "field 'colour' is not a field here"),
        ({"releases": [FIRST, {**FIRST, "version": "1.1.0"}]}, "newest first"),
        ({"releases": [{**FIRST, "version": "1.1.0", "date": dt.date(2026, 1, 1)}, FIRST]}, "dated before"),
        (
            {"releases": [FIRST], "unreleased": [{"kind": "url"}]},
            "unreleased, change 1, field 'description' is missing",
        ),
        (
            {"releases": [FIRST], "unreleased": [{"kind": "url", "description": "x", "apparatus": "e1"}]},
            "field 'apparatus'",
        ),
    ],
)
def test_a_bad_changelog_is_refused_with_a_reason(data, message):
    with pytest.raises(DataFileError, match=re.escape(message)):
        read_changelog(data)


def test_changelog_errors_name_the_file_and_line_and_come_all_at_once(tmp_path):
    path = tmp_path / "changelog.yml"
    path.write_text(
        "unreleased:\n"
        "  - kind: corection\n"
        "    description: A typo.\n"
        "    where: one.md#p1.1a\n"
        "releases:\n"
        "  - version: 1.0.0\n"
        "    date: 2026-11-25\n"
        "    summary: First.\n"
        "    changes:\n"
        "      - kind: site\n"
        "        description: '[x](javascript:alert(1))'\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_changelog(path, tmp_path)
    assert caught.value.problems == [
        (
            "changelog.yml:2: unreleased, change 1, field 'kind': 'corection' is not one of correction, apparatus, "
            "reference, url, edition, site; did you mean 'correction'?"
        ),
        (
            f"changelog.yml:11: release '1.0.0', change 1, field 'description': {urls.problem('javascript:alert(1)')}; "
            "link to a web page (https://…) or a DOI"
        ),
    ]


def render(log, **kwargs):
    return updates.render(
        log,
        link=lambda target: str(target),
        issue_url=lambda n: f"https://example.org/issues/{n}",
        page_title=lambda page: {"personal-factors.md": "2. Personal Factors"}.get(page, page),
        **kwargs,
    )


def test_the_changelog_renders_every_version_with_a_stable_anchor():
    log = read_changelog(
        {
            "unreleased": [
                {
                    "kind": "correction",
                    "where": "personal-factors.md#p2.3a",
                    "description": "A *typo*.",
                    "issue": 12,
                    "apparatus": "e040",
                }
            ],
            "releases": [
                {
                    "version": "1.1.0",
                    "date": dt.date(2027, 2, 1),
                    "summary": "Corrections.",
                    "changes": [{"kind": "url", "where": "old.md", "description": "Renamed."}],
                },
                FIRST,
            ],
        }
    )
    assert log.unreleased[0].where == Target("personal-factors.md", "p2.3a")
    text = render(log)
    assert "## Since version 1.1.0 {#unreleased}" in text
    assert "## Version 1.1.0, 1 February 2027 {#v1.1.0}" in text
    assert "## Version 1.0.0, 25 November 2026 {#v1.0.0}" in text
    assert text.index("{#v1.1.0}") < text.index("{#v1.0.0}")
    assert (
        '<li><strong>Correction to the text.</strong> <a href="personal-factors.md#p2.3a">2. Personal Factors, '
        "¶\u00a02.3a</a>: A <em>typo</em>. (editorial note e040; "
        '<a href="https://example.org/issues/12">#12</a>)</li>'
    ) in text
    assert '<a href="old.md">old.md</a>: Renamed.' in text
    soup = BeautifulSoup(markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"]), "lxml")
    assert [h["id"] for h in soup.find_all("h2")] == ["unreleased", "v1.1.0", "v1.0.0"]
    assert len(soup.find_all("li")) == 2


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ('Fixed {: onclick="alert(1)" }', 'Fixed {: onclick="alert(1)" }'),
        ("x``<img src=x onerror=alert(1)>``y", "x<img src=x onerror=alert(1)>y"),  # a code span: its text
        ("![x](https://example.org/x.png) @heinzig1998", "![x](https://example.org/x.png) @heinzig1998"),
    ],
)
def test_a_description_or_summary_is_never_live_markup(description, shown):
    log = read_changelog(
        {"unreleased": [{"kind": "site", "description": description}], "releases": [{**FIRST, "summary": description}]}
    )
    soup = BeautifulSoup(markdown.markdown(render(log), extensions=["attr_list", "md_in_html", "toc"]), "lxml")
    assert not soup.find_all(["img", "script"])
    assert all(not name.startswith("on") for element in soup.find_all(True) for name in element.attrs)
    assert soup.find("li").get_text() == f"Site. {shown}"
    assert soup.find(id="v1.0.0").find_next("p").get_text() == shown


def test_only_allowed_links_are_kept_in_a_description():
    log = read_changelog(
        {
            "unreleased": [
                {
                    "kind": "reference",
                    "description": "See [the record](https://example.org/r) and [the DOI](doi:10.1000/x).",
                }
            ],
            "releases": [FIRST],
        }
    )
    soup = BeautifulSoup(render(log), "lxml")
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.org/r", "https://doi.org/10.1000/x"]
    for target in ("javascript:alert(1)", "data:text/html,x", "vbscript:x", "other.md", "//evil.example/"):
        with pytest.raises(DataFileError, match="is not an allowed URL"):
            read_changelog({"unreleased": [{"kind": "site", "description": f"[x]({target})"}], "releases": [FIRST]})


@pytest.mark.parametrize(
    "where",
    [
        'one.md#"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
        "https://evil.example/x.md",
        "../etc/x.md",
        "one.md#a b",
        "one.md#",
    ],
)
def test_where_is_a_page_of_the_site_with_an_id(where):
    with pytest.raises(DataFileError, match="field 'where'"):
        read_changelog({"unreleased": [{"kind": "url", "description": "x", "where": where}], "releases": [FIRST]})


def test_versions_compare_by_number():
    assert same_version("1.0", "1.0.0") and same_version("v1.2.0", "1.2")
    assert not same_version("1.1", "1.0.0")


# -- the links ----------------------------------------------------------------


def test_edit_link_opens_the_github_editor_on_the_file():
    url = links.edit_url("https://github.com/o/r/", "edit/main/", "docs/personal-factors.md")
    assert url == "https://github.com/o/r/edit/main/docs/personal-factors.md"


def test_report_link_prefills_the_form_and_shortens_long_passages():
    url = links.report_url(
        "https://github.com/o/r",
        page="https://example.org/personal-factors/",
        title="2. Personal Factors",
        location="2. Personal Factors",
        source="docs/personal-factors.md",
        passage="x" * 5000,
    )
    parts = urllib.parse.urlsplit(url)
    assert parts.path == "/o/r/issues/new"
    query = dict(urllib.parse.parse_qsl(parts.query))
    assert query["template"] == "correction.yml"
    assert query["title"] == "Correction: 2. Personal Factors"
    assert query["page"] == "https://example.org/personal-factors/"
    assert len(query["passage"]) == links.MAX_PASSAGE and query["passage"].endswith("…")
    assert " " not in url and "+" not in parts.query


def test_every_release_tag_has_its_release_in_the_changelog():
    """Tags are v<version> (CONTRIBUTING.md, 'Releasing a new version')."""
    if GIT is None or not (REPO / ".git").exists():
        pytest.skip("not a git work tree")
    tags = subprocess.run(
        ["git", "-C", str(REPO), "tag", "--list", "v*"], capture_output=True, text=True, check=True
    ).stdout.split()
    released = {release.tag for release in load_changelog(REPO / "source" / "changelog.yml").releases}
    assert set(tags) <= released, f"tags without a release in source/changelog.yml: {sorted(set(tags) - released)}"
