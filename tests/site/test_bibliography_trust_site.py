"""Through a real ``mkdocs build``: a cache the build did not write is never trusted, and URLs from
BibTeX that are not allowed fail a strict build and are never linked or published.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_scholia.bib import cache
from support import DATA
from support.build import REFERENCES_PAGE, build_differences, mkdocs_build, write_site

EPOCH = {"SOURCE_DATE_EPOCH": "1764028800"}
CONFIG = """\
site_name: Trust
site_url: https://example.org/trust/
theme: material
markdown_extensions: [attr_list, footnotes]
plugins:
  - scholia:
      bibliography: [refs.bib]
nav: [index.md, references.md]
"""


def make_site(root: Path, bib: str, index: str) -> Path:
    return write_site(root, config=CONFIG, pages={"index.md": index, "references.md": REFERENCES_PAGE}, bib=bib)


def user(tmp_path: Path, name: str) -> dict[str, str]:
    """The environment of a user (or CI runner) with its own cache key."""
    return {**EPOCH, "XDG_CACHE_HOME": str(tmp_path / f"home-{name}")}


def same(first: Path, second: Path) -> bool:
    return build_differences(first, second) == []


def test_a_cache_from_another_machine_is_not_read(tmp_path):
    """A pull request commits a cache its author's machine wrote (validly, for that machine's key),
    with a reference rewritten into a script: the CI runner, with its own key, ignores it."""
    project = tmp_path / "project"
    config = make_site(project, (DATA / "styles.bib").read_text(encoding="utf-8"), "# Home\n\nSee [@heinzig1998].\n")
    mkdocs_build(config, tmp_path / "clean", env=user(tmp_path, "ci"))  # what CI builds without any cache
    shutil.rmtree(project / ".cache")
    mkdocs_build(config, tmp_path / "attacker", env=user(tmp_path, "attacker"))
    (target,) = (project / ".cache" / "scholia").glob("bibliography-*")
    raw = target.read_bytes()
    forged = raw.replace(b"Heinzig, D. (1998)", b"<script>alert(1)</script> (1998)")
    assert forged != raw
    header, _, rest = forged.partition(b"\n")
    _, _, body = rest.partition(b"\n")
    attacker_key = bytes.fromhex((tmp_path / "home-attacker" / "mkdocs-scholia" / "key").read_text().strip())
    target.write_bytes(header + b"\n" + cache._mac(attacker_key, body) + b"\n" + body)  # valid for the attacker
    mkdocs_build(config, tmp_path / "ci", env=user(tmp_path, "ci"))
    assert "alert(1)" not in (tmp_path / "ci" / "index.html").read_text(encoding="utf-8")
    assert same(tmp_path / "clean", tmp_path / "ci")
    assert b"<script>alert(1)</script> (1998)" not in target.read_bytes()  # rewritten by the CI's build


def test_a_cache_folder_in_git_fails_the_build(tmp_path):
    project = tmp_path / "project"
    config = make_site(project, (DATA / "styles.bib").read_text(encoding="utf-8"), "# Home\n\nSee [@heinzig1998].\n")
    mkdocs_build(config, tmp_path / "first", env=user(tmp_path, "ci"))
    for command in (["init", "-q"], ["add", "-A", "-f"]):
        subprocess.run(["git", "-C", str(project), *command], check=True, capture_output=True)
    process = mkdocs_build(config, tmp_path / "second", env=user(tmp_path, "ci"), check=False)
    assert process.returncode != 0
    (target,) = (project / ".cache" / "scholia").glob("bibliography-*")
    assert (
        f".cache/scholia: the cache folder is tracked by git (.cache/scholia/{target.name}): a committed cache is "
        "never used; remove it from the repository with `git rm -r --cached .cache`"
    ) in process.stderr
    assert "Traceback" not in process.stderr
    subprocess.run(["git", "-C", str(project), "rm", "-r", "-q", "--cached", ".cache"], check=True)
    mkdocs_build(config, tmp_path / "third", env=user(tmp_path, "ci"))


HOSTILE = (DATA / "hostile-urls.bib").read_text(encoding="utf-8")
CITED = ["jsurl2020", "quoted2020", "padded2021", "dataurl2022", "safe2023", "doiurl2024"]
INDEX = "# Home\n\n" + " ".join(f"[@{key}]" for key in CITED) + "\n"


def test_urls_that_are_not_allowed_fail_a_strict_build_naming_entry_and_line(tmp_path):
    config = make_site(tmp_path / "project", HOSTILE, INDEX)
    process = mkdocs_build(config, tmp_path / "site", check=False, env=user(tmp_path, "ci"))
    assert process.returncode != 0
    assert "Aborted with 4 warnings in strict mode" in process.stdout
    warned = [line for line in process.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warned) == 4
    assert "refs.bib:5: entry 'jsurl2020': field 'url': 'javascript:alert(1)' is not an allowed URL" in warned[0]
    for line, key in zip(warned, ["jsurl2020", "quoted2020", "padded2021", "dataurl2022"], strict=True):
        assert f": entry '{key}': field 'url': " in line


@pytest.fixture(scope="module")
def lenient_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-urls")
    config = make_site(root / "project", HOSTILE, INDEX)
    mkdocs_build(config, root / "site", strict=False, env=user(root, "ci"))
    return root / "site"


def test_no_page_links_a_url_that_is_not_allowed(lenient_site):
    for page in ("index.html", "references/index.html"):
        soup = BeautifulSoup((lenient_site / page).read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article")
        hrefs = [a["href"].strip().lower() for a in article.select("a[href]")]
        assert not [h for h in hrefs if h.startswith(("javascript:", "data:", "vbscript:")) or "onmouseover" in h], page
        text = article.get_text()
        assert "Available at: javascript:alert(1)." in text  # printed, as text
        assert "https://doi.org/10.1234/abc.5" in hrefs  # an allowed doi: URL is linked through its resolver


def test_coins_never_carry_a_url_that_is_not_allowed(lenient_site):
    soup = BeautifulSoup((lenient_site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    identifiers = {}
    for span in soup.select("span.Z3988"):
        fields = urllib.parse.parse_qs(span["title"])
        key = span.find_parent("li")["data-key"]
        identifiers[key] = fields.get("rft_id", []) + fields.get("rft.identifier", [])
    for key in ("jsurl2020", "quoted2020", "padded2021", "dataurl2022"):
        assert not [value for value in identifiers[key] if "alert" in value or value.lower().startswith("data:")], key
    assert json.dumps(identifiers["safe2023"]).count("https://example.org/a?b=c") >= 1
