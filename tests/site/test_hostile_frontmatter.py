"""Hostile front matter and mkdocs.yml values: an error naming the file, or a site where nothing is live.

The corpus is data, in tests/hostile/front-matter-and-mkdocs-yml.toml (the
table says what each case changes and expects). Each "error" case is built
alone and must stop the build with its message; the "page" cases are built together into one
site, whose every page is read for live markup and then opened in Debian's
Chromium, which must show no dialog.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import REPO, TESTS
from support.browser import SiteServer
from support.build import REFERENCES_PAGE, mkdocs_build, write_site

CORPUS = TESTS / "hostile" / "front-matter-and-mkdocs-yml.toml"
CASES = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
ERRORS = [case for case in CASES if case["expect"] == "error"]
PAGES = [case for case in CASES if case["expect"] == "page"]
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")

BIB = r"""
@book{heinzig1998, author = {Heinzig, Dieter}, title = {The Soviet Union and Communist China 1945--1950},
  publisher = {Routledge}, year = {1998}}
"""
CHANGELOG = "unreleased: []\nreleases:\n  - {version: 1.0.0, date: 2026-11-25, summary: First edition., changes: []}\n"


def base_config() -> dict:
    return {
        "site_name": "Hostile edition",
        "site_url": "https://example.org/hostile/",
        "repo_url": "https://github.com/example/hostile",
        "theme": {"name": "material"},
        "markdown_extensions": ["attr_list", "footnotes"],
        "plugins": [
            "search",
            {
                "scholia": {
                    "bibliography": ["works.bib"],
                    "full_text": {"pdf": False},
                    "edition": {"authors": [{"name": "Jane Doe"}], "version": "1.0.0", "date": "2026-11-25"},
                }
            },
            "scholia-corrections",
        ],
    }


def make_site(root: Path, cases: list[dict]) -> Path:
    """A site with one page per front-matter case and every other change merged in."""
    config = base_config()
    edition = config["plugins"][1]["scholia"]["edition"]
    nav: list = [{"Home": "index.md"}]
    pages = {
        "index.md": (
            "---\ntitle: Home\n---\n\n# Home\n\n<!-- scholia:title-page -->\n\n"
            "A citation [@heinzig1998].\n{: #p0.1 }\n"
        )
    }
    for number, case in enumerate(cases, start=1):
        config.update(yaml.safe_load(case.get("site", "")) or {})
        edition.update(yaml.safe_load(case.get("edition", "")) or {})
        if "front_matter" in case:
            name = f"hostile-{number}.md"
            front = case["front_matter"].strip("\n")
            pages[name] = f"---\n{front}\n---\n\nSome text [@heinzig1998].\n"
            nav.append({case["nav_title"]: name} if "nav_title" in case else name)
    nav.append({"References": "references.md"})
    config["nav"] = nav
    pages["references.md"] = REFERENCES_PAGE
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    write_site(root, config=text, pages=pages, bib=BIB, bib_name="works.bib")
    (root / "source").mkdir()
    (root / "source" / "changelog.yml").write_text(CHANGELOG, encoding="utf-8")
    forms = root / ".github" / "ISSUE_TEMPLATE"
    forms.mkdir(parents=True)
    shutil.copy(REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml", forms / "correction.yml")
    return root / "mkdocs.yml"


@pytest.mark.parametrize("case", ERRORS, ids=[case["name"] for case in ERRORS])
def test_a_hostile_value_of_the_wrong_kind_stops_the_build(tmp_path, case):
    config = make_site(tmp_path, [case])
    process = mkdocs_build(config, tmp_path / "site", check=False)
    output = process.stdout + process.stderr
    assert process.returncode != 0, f"{case['name']}: the build did not stop"
    for message in case["message"]:
        assert message in output, f"{case['name']}: {message!r} not in\n{output}"
    if "front_matter" in case:
        assert "docs/hostile-1.md:" in output  # the file, with its line


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    out = root / "site"
    mkdocs_build(make_site(root, PAGES), out)
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def live_markup(path: Path) -> list[str]:
    """What in the page could run: on* attributes, script URLs, scripts that came from the input."""
    found = []
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=…>")
            if name.lower() in URL_ATTRIBUTES and any(v.strip().lower().startswith(BAD_SCHEMES) for v in values):
                found.append(f"<{element.name} {name}={value!r}>")
        if element.name in ("iframe", "object", "embed"):
            found.append(f"<{element.name}>")
    for script in document.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # one complete JSON document: nothing closed the element early
        elif "alert(" in (script.string or ""):
            found.append("a script from the input")
    return found


def test_nothing_from_the_input_is_live_in_the_markup(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) >= len([c for c in PAGES if "front_matter" in c]) + 3
    problems = {path.relative_to(hostile_site).as_posix(): live_markup(path) for path in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_values_stay_text(hostile_site):
    page = BeautifulSoup((hostile_site / "hostile-1" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.title.get_text().startswith("</title><script>alert(1)</script>")
    home = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "lxml")
    metas = {m.get("name"): m["content"] for m in home.find_all("meta", content=True)}
    assert metas["citation_title"] == "</script><script>alert(1)</script>"
    assert metas["citation_publisher"] == "<script>alert(1)</script>"
    assert metas["author"] == '"><svg onload=alert(1)>'
    editors = [m["content"] for m in home.find_all("meta", attrs={"name": "citation_editor"})]
    # An organisation as "Name," (one field for Zotero), a person as "Family, Given": the values as text.
    assert editors == ["<img src=x onerror=alert(1)> Press,", "onload=alert(1)>, </script><svg"], editors
    facts = home.select_one(".scholia-title-page")
    assert facts is not None, "the title page is made"
    assert "<img src=x onerror=alert(1)> Press" in facts.get_text(), "the title page names the editors as text"
    assert metas["description"] == '"><img src=x onerror=alert(1)>' or metas["description"]
    licence = BeautifulSoup((hostile_site / "full-text" / "index.html").read_text(encoding="utf-8"), "lxml")
    link = licence.select_one(".scholia-license a")
    assert link["href"] == "https://creativecommons.org/licenses/by/4.0/" and link.find("b") is None


@pytest.mark.browser
def test_chromium_opens_every_page_without_a_dialog(hostile_site, chromium):
    dialogs: list[str] = []
    with SiteServer(hostile_site) as server:
        context = chromium.new_context()
        try:
            tab = context.new_page()
            tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
            for path in html_pages(hostile_site):
                relative = path.relative_to(hostile_site).as_posix()
                tab.goto(server.page_url(relative.removesuffix("index.html")), wait_until="load")
                tab.wait_for_timeout(200)
                live = tab.evaluate(
                    """() => [...document.querySelectorAll('*')].flatMap(el =>
                        [...el.attributes].filter(a => a.name.startsWith('on')
                          || (['href', 'src', 'action'].includes(a.name)
                              && /^\\s*(javascript|data|vbscript):/i.test(a.value)))
                        .map(a => el.tagName + ' ' + a.name))"""
                )
                assert live == [], f"{relative}: {live}"
        finally:
            context.close()
    assert dialogs == []
