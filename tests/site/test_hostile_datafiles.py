"""Hostile data files: every case in tests/hostile/ for apparatus.yml, changelog.yml
and the ``anchor_redirects`` option, built into a small site.

A case either stops the build with a precise error (file:line for a data
file), or builds a site in which nothing it supplied is live: Chromium
opens every page, and no dialog opens, no element carries an ``on*``
attribute and no attribute holds a ``javascript:`` URL, while the hostile
text is shown as written. tests/hostile/README.md describes the cases' format.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from mkdocs_scholia.apparatus.render import readable
from support import TESTS
from support.browser import SiteServer
from support.build import mkdocs_build

pytestmark = pytest.mark.browser  # and slow, as everything in tests/site/

HOSTILE = TESTS / "hostile"
TARGETS = ("apparatus.yml", "changelog.yml", "anchor_redirects")


def cases() -> list[pytest.param]:
    found = []
    for path in sorted(HOSTILE.glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(case, dict) and case.get("target") in TARGETS:
            found.append(pytest.param(case, id=path.stem))
    return found


# -- the small site --------------------------------------------------------------------

COPY_TEXT = """\
# The Essay

Ann Author

## 1. One

The first paragrah of the essay, with a typo (Smith, 2001).

## References

- [1] Smith, a., 2001. *A book*.
"""

PAGES = {
    "index.md": ("Home", "# The Essay {#title}\n\nAnn Author\n{: #p0.1 }\n"),
    "one.md": (
        "1. One",
        "# 1. One {#s1}\n\nThe first paragraph of the essay, with one typo [@smith2001].\n{: #p1.1 }\n",
    ),
    "references.md": ("References", "# References\n\n<!-- scholia:references -->\n"),
    "editorial-notes.md": ("Editorial notes", "# Editorial notes\n\n<!-- scholia:apparatus -->\n"),
    "updates.md": ("Updates", "# Updates\n\n<!-- scholia:changelog -->\n"),
}

APPARATUS = [
    {"id": "e001", "page": "one", "paragraph": "p1.1", "original": "paragrah", "edited": "paragraph", "kind": "typo",
     "reason": "A letter is missing."},
    {"id": "e002", "page": "one", "paragraph": "p1.1", "original": "with a typo", "edited": "with one typo",
     "kind": "typo", "reason": "The hostile case changes this entry."},
]  # fmt: skip

CHANGELOG = {
    "unreleased": [
        {"kind": "correction", "where": "one.md#p1.1", "description": "A typo.", "apparatus": "e001", "issue": 1}
    ],
    "releases": [{"version": "1.0.0", "date": dt.date(2026, 11, 25), "summary": "First edition."}],
}

CONFIG = {
    "site_name": "Hostile data",
    "site_url": "https://example.org/hostile/",
    "repo_url": "https://github.com/example/hostile",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False},
    "markdown_extensions": ["attr_list", "md_in_html", "footnotes", "abbr", "toc"],
    "nav": [{title: name} for name, (title, _) in PAGES.items()],
    "plugins": [
        {
            "scholia": {
                "bibliography": ["essay.bib"],
                "copy_text": "copy.md",
                "apparatus": "apparatus.yml",
                "edition": {
                    "title": "Hostile data",
                    "authors": [{"name": "Ann Author"}],
                    "version": "1.0.0",
                    "date": "2026-11-25",
                },
                "full_text": {"pdf": False},
            }
        },
        {"scholia-corrections": {"changelog": "changelog.yml", "issue_form": "issue-form.yml", "anchor_redirects": {}}},
    ],
}


def merged(base: dict, patch: dict | None) -> dict:
    result = dict(base)
    for key, value in (patch or {}).items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def write_site(root: Path, case: dict) -> Path:
    """The small site with ``case`` applied; returns its mkdocs.yml."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, (title, body) in PAGES.items():
        front = {"title": title, "description": f"The page {title} of a small edition whose data files are hostile."}
        if name == "one.md":
            front["section"] = 1
        (docs / name).write_text("---\n" + yaml.safe_dump(front) + "---\n\n" + body, encoding="utf-8")
    (root / "copy.md").write_text(COPY_TEXT, encoding="utf-8")
    (root / "essay.bib").write_text(
        "@book{smith2001, author = {Smith, Ann}, title = {A Book}, publisher = {Publisher}, year = {2001}}\n",
        encoding="utf-8",
    )
    (root / "issue-form.yml").write_text("name: Correction\n", encoding="utf-8")
    entries = [APPARATUS[0], merged(APPARATUS[1], case.get("entry"))]
    (root / "apparatus.yml").write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    changelog = copy.deepcopy(CHANGELOG)
    changelog["unreleased"][0] = merged(changelog["unreleased"][0], case.get("change"))
    changelog["releases"][0] = merged(changelog["releases"][0], case.get("release"))
    (root / "changelog.yml").write_text(
        yaml.safe_dump(changelog, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    config = copy.deepcopy(CONFIG)
    config["plugins"][1]["scholia-corrections"]["anchor_redirects"] = case.get("redirects") or {}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


# -- what is live in a page ---------------------------------------------------------------

LIVE = """() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (attribute.name.toLowerCase().startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
      if (value.startsWith("javascript:") || value.startsWith("vbscript:")) {
        found.push(`${element.tagName} ${attribute.name}=${value}`);
      }
    }
    for (const type of ["mouseover", "mouseenter", "focus"]) element.dispatchEvent(new Event(type));
  }
  return found;
}"""


@pytest.mark.parametrize("case", cases())
def test_a_hostile_data_file_stops_the_build_or_stays_inert(case, tmp_path, chromium):
    config = write_site(tmp_path / "edition", case)
    process = mkdocs_build(config, tmp_path / "site", check=False, env={"SOURCE_DATE_EPOCH": "1795640043"})
    output = process.stdout + process.stderr
    if case["expect"] == "error":
        assert process.returncode != 0, f"the build accepted {case['about']!r}"
        assert re.search(case["error"], output), f"expected {case['error']!r} in:\n{output}"
        return
    assert case["expect"] == "inert", case
    assert process.returncode == 0, output
    site = tmp_path / "site"
    pages = ["", "one/", "references/", "editorial-notes/", "updates/", "full-text/"]
    shown_on = {"apparatus.yml": ["editorial-notes/", "one/", "full-text/"], "changelog.yml": ["updates/"]}
    with SiteServer(site) as server:
        context = chromium.new_context()
        try:
            dialogs: list[str] = []
            context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for page_path in pages:
                tab = context.new_page()
                dialogs.clear()
                tab.goto(server.page_url(page_path), wait_until="load")
                live = tab.evaluate(LIVE)
                tab.wait_for_timeout(50)
                assert not dialogs, f"/{page_path}: a dialog opened ({dialogs})"
                assert not live, f"/{page_path}: live markup {live}"
                if case.get("shown") and page_path in shown_on[case["target"]]:
                    # A section's editorial notes are folded: open them to read them.
                    tab.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                    text = " ".join(tab.evaluate("document.body.innerText").split())
                    wanted = [" ".join(case["shown"].split())]
                    if page_path == "one/":  # there, a reading is given in the reader's words
                        wanted.append(readable(case["shown"]))
                    assert any(w in text for w in wanted), f"/{page_path} does not show {case['shown']!r}"
                tab.close()
        finally:
            context.close()


def test_the_package_brings_the_corrections_assets_and_footer_without_overrides(tmp_path):
    """The small site has no overrides/ and lists no CSS or JS: the plugin adds its own."""
    from bs4 import BeautifulSoup

    config = write_site(tmp_path / "edition", {})
    mkdocs_build(config, tmp_path / "site")
    site = tmp_path / "site"
    for page_path in ("index.html", "one/index.html", "updates/index.html"):
        soup = BeautifulSoup((site / page_path).read_text(encoding="utf-8"), "lxml")
        scripts = [script.get("src", "") for script in soup.select("script[src]")]
        styles = [link.get("href", "") for link in soup.select("link[rel=stylesheet]")]
        assert any(src.endswith("assets/scholia/corrections.js") for src in scripts), page_path
        assert any(href.endswith("assets/scholia/corrections.css") for href in styles), page_path
        footer = soup.select_one("footer .corrections-edition")
        assert footer is not None and footer.select_one(".corrections-edition__version").get_text() == "1.0.0"
        assert footer.select_one("time")["datetime"] == "2026-11-25" and "25 November 2026" in footer.get_text()
    assert (site / "assets" / "scholia" / "corrections.js").is_file()
    updates = BeautifulSoup((site / "updates" / "index.html").read_text(encoding="utf-8"), "lxml")
    change = updates.select_one("article li")
    assert change.get_text() == "Correction to the text. 1. One, ¶\u00a01.1: A typo. (editorial note e001; #1)"
    assert [a["href"] for a in change.find_all("a")] == ["../one/#p1.1", "https://github.com/example/hostile/issues/1"]
