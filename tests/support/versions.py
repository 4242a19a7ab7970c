"""A versioned deploy in a temporary git repository, shared by the essay's and a new edition's tests.

* :func:`git` and :func:`commit` make the repository's history (a release is a
  commit; the next commit records its SHA-1 in the changelog), with fixed dates
  so each release builds to the same bytes;
* :func:`deploy_versions` runs ``mkdocs-scholia versions`` on it, as the Pages
  workflow does: every release built from its own commit in its own
  environment (``uv sync --locked`` of that commit's lock), environments shared
  between releases with the same lock (``--envs``);
* :func:`read` gives a page's paragraphs' text, links and meta tags.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd``; its standard output, stripped."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def commit(repo: Path, message: str, when: str) -> str:
    """Commit every change to a tracked file at the date ``when``; the new commit's SHA-1."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "commit", "-qam", message], cwd=repo, check=True, env=env)
    return git("rev-parse", "HEAD", cwd=repo)


def deploy_versions(
    repo: Path, current: Path, work: Path, *, env: Mapping[str, str], config: str = "mkdocs.yml"
) -> Path:
    """``mkdocs-scholia versions`` of ``repo`` with the current build ``current``; the deployable site."""
    out = work / "deploy"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs_scholia.cli.main",
            "versions",
            "-f",
            str(repo / config),
            "--site-dir",
            str(current),
            "--out",
            str(out),
            "--work",
            str(work / "work"),
            "--envs",
            str(work / "envs"),
        ],
        check=True,
        env={**os.environ, **env},
        cwd=repo,
    )
    return out


class Text(HTMLParser):
    """The text of every element with a paragraph id, and every link and meta tag."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: dict[str, str] = {}
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "p" and re.fullmatch(r"p\d+\.\d+[a-z]*", attributes.get("id") or ""):
            self._open.append(attributes["id"] or "")
            self.paragraphs[attributes["id"] or ""] = ""
        elif tag == "p":
            self._open.append("")
        if tag == "span" and "scholia-changed" in (attributes.get("class") or ""):
            self._open.append("")  # marks are not the text
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag == "meta" and attributes.get("name"):
            self.meta.setdefault(attributes["name"] or "", attributes.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "span") and self._open and (tag == "p" or self._open[-1] == ""):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1]:
            self.paragraphs[self._open[-1]] += data


def read(path: Path) -> Text:
    """A built page's paragraphs, links and meta tags."""
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
