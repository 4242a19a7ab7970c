"""The link check every edition runs (``mkdocs_scholia.checks.links``), on small hand-made sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_scholia.checks import links, siteconfig

PAGE = (
    "<!doctype html><html lang=en><head><title>{title}</title>{head}</head>"
    "<body><h1 id=top>{title}</h1>{body}</body></html>"
)


def write(root: Path, name: str, body: str = "", head: str = "", title: str = "Page") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, head=head, body=body), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(
        tmp_path,
        "index.html",
        head='<link rel="stylesheet" href="assets/site.css"><script src="assets/site.js"></script>'
        '<link rel="canonical" href="https://example.org/edition/">',
        body='<a href="chapter/#p1.1">a paragraph</a> <a href="chapter/">chapter</a> <a href="#top">top</a>'
        '<img src="assets/figure.png" srcset="assets/figure.png 1x, assets/figure@2x.png 2x" alt="">'
        '<a href="https://elsewhere.example/missing/">external</a> <a href="mailto:editors@example.org">mail</a>'
        '<a href="/edition/chapter/#p1.1">absolute</a> <a href="">itself</a>',
    )
    write(tmp_path, "chapter/index.html", body='<p id="p1.1">Text</p><a href="../#top">back</a><a name="old">x</a>')
    write(tmp_path, "old/index.html", head='<meta http-equiv="refresh" content="0; url=../chapter/#p1.1">')
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "site.css").write_text("body { background: url('figure.png') }", encoding="utf-8")
    for name in ("site.js", "figure.png", "figure@2x.png"):
        (tmp_path / "assets" / name).write_bytes(b"x")
    return tmp_path


def check(site: Path) -> links.Report:
    return links.check_site(site, "/edition/", "https://example.org/edition/")


def test_a_sound_site_passes_and_every_kind_of_link_is_counted(site):
    report = check(site)
    assert report.problems == ()
    # index: 4 <a> (external, mailto: and "" are not counted), stylesheet, canonical, script,
    # img src and 2 srcset; chapter: 1 <a>; old: the refresh; the stylesheet's url()
    assert report.links == 13
    assert report.anchors == 5  # p1.1 (three ways), top (twice)
    assert report.summary() == "linkcheck: 13 links checked, 5 anchors checked, 0 broken"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="../chapter/#no-such">x</a>', "../chapter/#no-such: Anchor `no-such' (not found)"),
        ('<a href="#nowhere">x</a>', "#nowhere: Anchor `nowhere' (not found)"),
        ('<a href="../missing/">x</a>', "../missing/: no such file in the site (missing/index.html)"),
        ('<a href="../chapter/page.pdf">x</a>', "../chapter/page.pdf: no such file in the site"),
        ('<img src="assets/gone.png" alt="">', "assets/gone.png: no such file"),
        (
            '<img srcset="../assets/figure.png 1x, ../assets/gone@2x.png 2x" alt="">',
            "../assets/gone@2x.png: no such file",
        ),
        ('<script src="assets/gone.js"></script>', "assets/gone.js: no such file"),
        ('<a href="/elsewhere/">x</a>', "/elsewhere/: outside the site (not under /edition/)"),
        ('<a href="../../etc/passwd">x</a>', "../../etc/passwd: outside the site"),
        ('<a href="https://example.org/edition/gone/">x</a>', "https://example.org/edition/gone/: no such file"),
        ('<div style="background: url(assets/gone.png)"></div>', "assets/gone.png: no such file"),
    ],
)
def test_each_broken_link_is_reported_with_its_page_and_line(site, body, expected):
    write(site, "broken/index.html", body="\n" + body)
    report = check(site)
    assert len(report.problems) == 1, report.problems
    (problem,) = report.problems
    assert problem.startswith("/broken/index.html line 2: "), problem
    assert expected in problem


def test_a_permanent_link_into_a_release_is_checked_where_the_release_is(site):
    """A plain build's "Cite this" links into v/<version>/, which only the versions deploy publishes."""
    permanent = '<a href="https://example.org/edition/v/1.0.0/chapter/#p1.1">permanent</a>'
    write(site, "cite/index.html", body=permanent)
    assert check(site).problems == ()
    # In the deployable site the version is there, and its links are checked like any other.
    write(site, "v/1.0.0/chapter/index.html", body='<p id="p1.2">Text</p>')
    (problem,) = check(site).problems
    assert problem.startswith("/cite/index.html line 1: https://example.org/edition/v/1.0.0/chapter/#p1.1: Anchor")
    # Only a version's folder is left out: any other missing page is still reported.
    write(site, "cite/index.html", body='<a href="https://example.org/edition/v/latest/">x</a>')
    assert check(site).problems[0].endswith("no such file in the site (v/latest/index.html)")


def test_a_redirect_page_must_lead_to_a_real_anchor(site):
    write(site, "old/index.html", head='<meta http-equiv="refresh" content="0; url=../chapter/#p9.9">')
    (problem,) = check(site).problems
    assert problem.startswith("/old/index.html line 1: ../chapter/#p9.9: Anchor `p9.9'")


def test_a_stylesheet_naming_a_missing_file_fails(site):
    (site / "assets" / "site.css").write_text('a {}\nb { background: url("nothing.woff2") }', encoding="utf-8")
    (problem,) = check(site).problems
    assert problem == "/assets/site.css line 2: nothing.woff2: no such file in the site (assets/nothing.woff2)"


def test_a_legacy_name_anchor_counts_as_an_id(site):
    write(site, "more/index.html", body='<a href="../chapter/#old">old</a>')
    assert check(site).problems == ()


def test_the_command_reads_site_url_from_mkdocs_yml(site, tmp_path_factory, capsys):
    config = tmp_path_factory.mktemp("config") / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.org/edition/\n", encoding="utf-8")
    assert links.main([str(site), "--config", str(config)]) == 0
    config.write_text("site_name: x\nsite_url: https://example.org/other/\n", encoding="utf-8")
    assert links.main([str(site), "--config", str(config)]) == 1
    captured = capsys.readouterr()
    assert "/edition/chapter/#p1.1: outside the site (not under /other/)" in captured.err
    assert captured.out.startswith("linkcheck: ")


def test_site_config_reads_env_and_ignores_other_tags(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [EDITION_URL, 'https://example.org/x/']\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - format: !!python/name:os.system\n"
        "plugins:\n  - search\n  - scholia:\n      bibliography: [a.bib]\n",
        encoding="utf-8",
    )
    data = siteconfig.load(config)
    assert data["site_url"] == "https://example.org/x/"
    assert data["markdown_extensions"][0]["pymdownx.superfences"]["custom_fences"][0]["format"] is None
    assert siteconfig.plugin_options(data, "scholia") == {"bibliography": ["a.bib"]}
    assert siteconfig.plugin_options(data, "search") == {}
    assert siteconfig.plugin_options(data, "redirects") is None
    monkeypatch.setenv("EDITION_URL", "https://example.org/y")
    assert siteconfig.base_path(siteconfig.load(config)["site_url"]) == "/y/"
    assert siteconfig.base_path(None) == "/"
