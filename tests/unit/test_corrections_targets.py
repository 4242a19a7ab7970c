"""Places named in data (``page.md#anchor``), the corrections plugin's options, the safe
Markdown of the changelog, and the templates' context: without a build."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from mkdocs.config import base
from mkdocs.exceptions import PluginError

from mkdocs_scholia.citable.identity import Edition
from mkdocs_scholia.corrections import context, markup, targets
from mkdocs_scholia.corrections.changelog import Changelog, ChangelogError, Release
from mkdocs_scholia.corrections.targets import Target
from mkdocs_scholia.plugins.corrections.config import CorrectionsConfig
from mkdocs_scholia.plugins.corrections.plugin import configured_edition


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("personal-factors.md", Target("personal-factors.md")),
        ("personal-factors.md#p2.3a", Target("personal-factors.md", "p2.3a")),
        ("part/one.md#ref-shen2012", Target("part/one.md", "ref-shen2012")),
        ("updates.md#v1.0.0", Target("updates.md", "v1.0.0")),
    ],
)
def test_pages_and_anchors_of_the_site_are_targets(value, target):
    assert targets.parse(value) == target and str(target) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)", "https://evil.example/a.md", "//evil.example/a.md", "../a.md", "a/../../b.md",
        "a.md#", 'a.md#"><img src=x>', "a.md#a b", "a.html", "", "/a.md", "a.md#x#y", 12,
    ],
)  # fmt: skip
def test_anything_else_is_not(value):
    assert targets.parse(value) is None
    assert targets.problem(value)


def options(**values) -> tuple[list, CorrectionsConfig]:
    config = CorrectionsConfig()
    config.load_dict(values)
    failed, _ = config.validate()
    return failed, config


def test_anchor_redirects_are_pages_of_the_site_with_ids():
    failed, config = options(anchor_redirects={"one.md#old": "one.md#p1.1", "one.md#gone": "index.md"})
    assert failed == [] and config.anchor_redirects == {"one.md#old": "one.md#p1.1", "one.md#gone": "index.md"}
    for old, new in [
        ("one.md#old", "javascript:alert(1)"),
        ("one.md#old", "https://evil.example/"),
        ("one.md#old", "//evil.example/one.md"),
        ("one.md#old", 'one.md#"><img src=x onerror=alert(1)>'),
        ('one.md#x" onclick="alert(1)', "one.md"),
        ("one.md", "one.md#p1.1"),  # an old address without an anchor is a page: redirect_maps
    ]:
        failed, _ = options(anchor_redirects={old: new})
        assert [key for key, _ in failed] == ["anchor_redirects"], (old, new)
        assert "page.md#old-anchor: page.md#new-anchor" in str(failed[0][1])


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("sources", {"references.md": "../../etc/passwd"}),
        ("sources", {"javascript:x": "a.yml"}),
        ("changelog", "https://evil.example/changelog.yml"),
        ("updates_page", "updates.md#x"),
        ("edit_base", 'edit/main/"><script>'),
    ],
)
def test_other_options_are_checked_too(option, value):
    failed, _ = options(**{option: value})
    assert [key for key, _ in failed] == [option]
    assert isinstance(failed[0][1], base.ValidationError)


def test_the_safe_markdown_keeps_only_emphasis_code_and_allowed_links():
    rendered = markup.render(
        "*a* **b** `c<d>` [x](https://e.org/?a=1&b=2) [y](javascript:alert(1)) <img src=x onerror=alert(1)> "
        '{: onclick="x" } ![i](https://x/i.png) <https://auto.org> # head'
    )
    assert rendered.html == (
        '<em>a</em> <strong>b</strong> <code>c&lt;d&gt;</code> <a href="https://e.org/?a=1&amp;b=2">x</a> '
        '<span>y</span> &lt;img src=x onerror=alert(1)&gt; {: onclick="x" } ![i](https://x/i.png) '
        '<a href="https://auto.org">https://auto.org</a> # head'
    )
    assert rendered.rejected == ("javascript:alert(1)",)
    assert markup.render("> quote\n\n- item\n\n    code").html == "&gt; quote - item code"
    assert markup.inline_html("[d](doi:10.1000/x)") == '<a href="https://doi.org/10.1000/x">d</a>'


RELEASE = Release("1.0.0", dt.date(2026, 11, 25), "First.")


def test_the_edition_stamp_is_the_latest_release():
    log = Changelog((RELEASE,))
    stamp = context.edition_stamp(
        log, version="1.0", date=dt.date(2026, 11, 25), updates_url="updates/", source="c.yml"
    )
    assert (stamp.version, stamp.date_long, stamp.updates_anchor) == ("1.0", "25 November 2026", "v1.0.0")
    assert context.edition_stamp(log, version=None, date=None, updates_url="u/", source="c.yml").version == "1.0.0"
    later = r"version 1\.1\.0 of 2026-11-25, but the latest release in c\.yml is 1\.0\.0"
    with pytest.raises(ChangelogError, match=later):
        context.edition_stamp(log, version="1.1.0", date=dt.date(2026, 11, 25), updates_url="u/", source="c.yml")


def test_the_edition_is_read_from_the_object_the_scholia_plugin_publishes():
    edition = Edition(
        title="T", authors=(), editors=(), version="1.0.0", date=dt.date(2026, 11, 25), site_url="https://e.org/"
    )
    assert configured_edition({"edition": edition}) == ("1.0.0", dt.date(2026, 11, 25))
    assert configured_edition({}) == (None, None)
    with pytest.raises(PluginError, match=r"`extra\.edition` is not the scholia plugin's edition"):
        configured_edition({"edition": {"version": "1.0.0", "date": "2026-11-25"}})


def test_a_page_gets_its_own_anchor_redirects_relative_to_it():
    redirects = {
        Target("one.md", "old"): Target("one.md", "p1.1"),
        Target("two.md", "x"): Target("index.md", "contents"),
    }
    moved = context.anchor_redirects("one.md", redirects, lambda target: f"link:{target}")
    assert moved == {"old": "link:one.md#p1.1"}
    box = context.page_corrections(
        repo_url="https://github.com/o/r", edit_base="edit/main/", docs="docs", source="docs/one.md",
        page_url="https://example.org/one/", title="1. One", issue_form="correction.yml",
        revised=dt.date(2026, 1, 2), moved=moved, sources={"references.md": "essay.bib"},
    )  # fmt: skip
    assert box.edit_url == "https://github.com/o/r/edit/main/docs/one.md"
    assert box.contributing_url == "https://github.com/o/r/blob/main/CONTRIBUTING.md"
    assert (box.revised, box.revised_long) == ("2026-01-02", "2 January 2026")
    assert json.loads(box.anchor_redirects) == moved and json.loads(box.sources) == {"references.md": "essay.bib"}
    assert context.source_of("full-text.md", docs="docs", sources={}, exists=lambda path: False) == "docs/"
