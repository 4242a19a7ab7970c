"""Real builds: the one way the tests run ``mkdocs build`` and write a small site.

* :func:`mkdocs_build` runs ``python -m mkdocs build`` in a subprocess, the way
  a contributor does, and returns the finished process.
* :func:`build_edition` builds this repository's edition.
* :func:`write_site` writes a small site (``mkdocs.yml``, ``docs/``, a ``.bib``)
  into a folder; every test that builds a throwaway site writes it with this.
* :func:`mini_site` is the default small site (a home page, a chapter and a
  References page citing ``tests/data/styles.bib``) that the plugin tests vary.

Tests under ``tests/unit/`` never build: ``tests/conftest.py`` makes
:func:`mkdocs_build` refuse there (see :func:`refuse_builds`).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from support import DATA, REPO

# Set while a test of tests/unit/ runs: why it may not build.
_refusal: str | None = None


@contextmanager
def refuse_builds(reason: str) -> Iterator[None]:
    """Within this block :func:`mkdocs_build` fails with ``reason`` instead of building."""
    global _refusal
    previous, _refusal = _refusal, reason
    try:
        yield
    finally:
        _refusal = previous


def mkdocs_build(
    config: Path,
    destination: Path,
    *,
    strict: bool = True,
    check: bool = True,
    quiet: bool = False,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build`` of ``config`` into ``destination``; return the finished process.

    ``--strict`` unless ``strict=False``; ``-q`` (warnings and errors only) with
    ``quiet``. With ``check`` (the default) a failed build raises AssertionError
    with its output. ``env`` adds to the environment of the build process.
    """
    if _refusal is not None:
        raise AssertionError(_refusal)
    flags = [*(["--strict"] if strict else []), *(["-q"] if quiet else [])]
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(config), "-d", str(destination)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        cwd=config.parent,
        check=False,
    )
    if check and process.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({process.returncode}):\n{process.stdout}\n{process.stderr}")
    return process


def build_edition(destination: Path, *, env: Mapping[str, str] | None = None) -> Path:
    """This repository's edition, built strictly into ``destination``."""
    mkdocs_build(REPO / "mkdocs.yml", destination, quiet=True, env=env)
    return destination


def write_site(
    root: Path,
    *,
    config: str | Mapping[str, Any],
    pages: Mapping[str, str | None],
    bib: str | bytes | Path | None = None,
    bib_name: str = "refs.bib",
) -> Path:
    """Write a small MkDocs site into ``root`` and return its ``mkdocs.yml``.

    ``config`` is ``mkdocs.yml`` as YAML text, or a mapping written in its own
    key order. ``pages`` are the files of ``docs/`` by name (``a/b.md`` makes
    the folder); a page given as None is not written. ``bib`` is the text or
    bytes of ``root/bib_name``, or a file copied there; None writes no ``.bib``.
    """
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            path.write_text(text, encoding="utf-8")
    if isinstance(bib, Path):
        shutil.copy(bib, root / bib_name)
    elif isinstance(bib, bytes):
        (root / bib_name).write_bytes(bib)
    elif bib is not None:
        (root / bib_name).write_text(bib, encoding="utf-8")
    text = config if isinstance(config, str) else yaml.safe_dump(dict(config), sort_keys=False)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


# The default small site: Material, the citation syntax's Markdown extensions,
# and the scholia plugin reading refs.bib.
MINI_CONFIG = """\
site_name: Test edition
site_url: https://example.org/ed/
theme: material
markdown_extensions: [attr_list, footnotes]
plugins:
  - scholia:
      bibliography: [refs.bib]
nav: [index.md, chapter.md, references.md]
"""
REFERENCES_PAGE = "# References\n\n<!-- scholia:references -->\n"
MINI_BIB = DATA / "styles.bib"


def mini_site(
    root: Path,
    index: str,
    chapter: str = "# Chapter\n\nNothing cited.\n",
    bib: str | bytes | Path | None = None,
) -> Path:
    """The default small site in ``root``: ``index.md`` and ``chapter.md`` as given,
    a References page, and ``tests/data/styles.bib`` unless ``bib`` replaces it.
    Returns its ``mkdocs.yml``."""
    pages = {"index.md": index, "chapter.md": chapter, "references.md": REFERENCES_PAGE}
    return write_site(root, config=MINI_CONFIG, pages=pages, bib=MINI_BIB if bib is None else bib)


def built_files(site: Path) -> set[str]:
    """Every file of a built site, as a path relative to it."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def build_differences(first: Path, second: Path) -> list[str]:
    """How two builds differ, file by file and byte for byte (``[]`` when they are identical)."""
    names, others = built_files(first), built_files(second)
    problems = sorted(f"only in one build: {name}" for name in names ^ others)
    problems += [
        f"differs: {name}"
        for name in sorted(names & others)
        if not filecmp.cmp(first / name, second / name, shallow=False)
    ]
    return problems
