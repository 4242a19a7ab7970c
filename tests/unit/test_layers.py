"""The package's layers: nothing outside ``plugins/`` imports MkDocs, and no feature holds the plugin."""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "src" / "mkdocs_scholia"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def below_the_plugins() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "plugins" not in p.relative_to(PACKAGE).parts)


def test_nothing_below_the_plugins_imports_mkdocs():
    offenders = {
        path.relative_to(PACKAGE).as_posix(): sorted(
            n for n in imported(path) if n == "mkdocs" or n.startswith("mkdocs.")
        )
        for path in below_the_plugins()
    }
    # The corrections' URL manifest script reads mkdocs.yml with MkDocs when run on its own.
    offenders.pop("corrections/manifest.py", None)
    assert {path: names for path, names in offenders.items() if names} == {}


def test_site_features_never_import_the_plugins():
    features = ("references", "citable", "fulltext", "search", "rules")
    for path in below_the_plugins():
        if path.relative_to(PACKAGE).parts[0] in features:
            assert not [n for n in imported(path) if n.startswith("mkdocs_scholia.plugins")], path
