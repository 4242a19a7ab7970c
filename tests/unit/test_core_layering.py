"""The core's direction of dependencies: style <- bib <- markdown, with rules/ under all of them.

``csl/`` (CSL styles through citeproc-py) stands beside ``style/``: it reads
pybtex entries and uses the style layer's LaTeX and HTML helpers, and the
citation extension uses it.

Nothing in the core imports MkDocs (the citation extension is usable in plain
Python-Markdown), ``rules/`` imports nothing of the package but other rules,
the bibliography layer never names a feature above it, and each shared rule
is written once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mkdocs_scholia

PACKAGE = Path(mkdocs_scholia.__file__).resolve().parent
CORE = ("rules", "style", "csl", "bib", "markdown")
# What each core folder may import from the package.
ALLOWED = {
    "rules": {"rules"},
    "style": {"rules", "style"},
    "csl": {"rules", "style", "csl"},
    "bib": {"rules", "style", "bib"},
    "markdown": {"rules", "style", "csl", "bib", "markdown"},
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def core_files() -> list[Path]:
    return sorted(path for folder in CORE for path in (PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", core_files(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_the_core_imports_no_mkdocs_and_only_the_layers_below(path):
    folder = path.relative_to(PACKAGE).parts[0]  # a subpackage belongs to its layer
    for name in imported_modules(path):
        assert name != "mkdocs" and not name.startswith("mkdocs."), f"{path.name} imports {name}"
        if name.startswith("mkdocs_scholia."):
            layer = name.split(".")[1]
            assert layer in ALLOWED[folder], f"{folder}/{path.name} imports {name}"


def test_the_bibliography_layer_names_no_feature_above_it():
    for path in (PACKAGE / "bib").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for feature in ("references", "citable", "fulltext", "apparatus", "corrections", "plugins"):
            assert f"{feature}/" not in text and f"mkdocs_scholia.{feature}" not in text, (path.name, feature)


def test_no_locale_dependent_month_names_in_the_core():
    """Dates come from rules.dates, whose docstring says why."""
    for path in core_files():
        if path.parent.name == "rules":
            continue
        text = path.read_text(encoding="utf-8")
        assert "%B" not in text and "strftime" not in text, path.name


def test_no_local_copy_of_a_shared_rule_in_the_core():
    """Page ranges, DOI prefixes and paragraph ids are matched in rules/ only."""
    for path in core_files():
        if path.parent.name == "rules":
            continue
        text = path.read_text(encoding="utf-8")
        assert "doi\\.org" not in text, f"{path.name}: a DOI prefix pattern (rules.dois)"
        assert "[-\\u2013" not in text, f"{path.name}: a page-range pattern (rules.pages)"
        assert "p\\d" not in text, f"{path.name}: a paragraph-id pattern (rules.paragraphs)"


def test_no_tracker_numbers_in_the_core():
    for path in core_files():
        text = path.read_text(encoding="utf-8").lower()
        assert "issue " not in text and "(issue" not in text, path.name


def test_modules_are_small():
    for path in core_files():
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 300, f"{path.relative_to(PACKAGE)} has {lines} lines"
