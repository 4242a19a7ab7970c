"""The index of names is a site feature: it never imports MkDocs or the plugins that drive it."""

from __future__ import annotations

import ast
from pathlib import Path

FEATURE = Path(__file__).resolve().parents[2] / "src" / "mkdocs_scholia" / "entities"


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_feature_takes_plain_data_only():
    modules = sorted(FEATURE.glob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        wrong = sorted(
            n for n in imports(path) if n.split(".")[0] == "mkdocs" or n.startswith("mkdocs_scholia.plugins")
        )
        assert not wrong, f"{path.name} imports {wrong}"
