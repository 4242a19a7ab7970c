"""Fixtures in the CSL test suite's format: reading them, their cites, a table per feature group.

Two runners use them: ``tests/unit/test_csl_test_suite.py`` (the official
suite, vendored) and ``tests/unit/test_csl_conformance.py`` (this project's
own fixtures, written in the same format).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs_scholia.csl.engine import CiteInput

SECTION = re.compile(r">>=+ *(?P<name>[A-Z-]+) *=+>>\n(?P<body>.*?)\n<<=+ *(?P=name) *=+<<", re.DOTALL)


def read_fixture(path: Path) -> dict[str, str]:
    """A fixture's sections by name (``MODE``, ``CSL``, ``INPUT``, ``RESULT`` …)."""
    return {match.group("name"): match.group("body") for match in SECTION.finditer(path.read_text(encoding="utf-8"))}


def cite_input(cite: dict[str, Any], *, trim_affixes: bool = False) -> CiteInput:
    """One cite of ``CITATION-ITEMS`` or ``CITATIONS`` as the processor's input.

    ``trim_affixes``: this project's fixtures type a prefix with the space
    that separates it from the cite ("see "), as Markdown citations carry it;
    the official suite's affixes are passed as written.
    """
    locator = str(cite.get("locator", "") or "")
    prefix, suffix = str(cite.get("prefix", "")), str(cite.get("suffix", ""))
    if trim_affixes:
        prefix, suffix = prefix.strip(), suffix.strip()
    return CiteInput(
        str(cite["id"]),
        prefix=prefix,
        locator=locator,
        label=str(cite.get("label") or "page") if locator else "",
        suffix=suffix,
        suppress_author=bool(cite.get("suppress-author")),
    )


def per_group(paths: Iterable[Path], passes: Callable[[Path], bool]) -> dict[str, tuple[int, int]]:
    """Feature group (the file name up to its first ``_``) → (passed, total)."""
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in paths:
        group = path.name.split("_", 1)[0]
        total[group] += 1
        passed[group] += passes(path)
    return {group: (passed[group], total[group]) for group in sorted(total)}


def print_table(rows: dict[str, tuple[int, int]]) -> None:
    """The per-group figures as the Markdown table docs-dev/styles.md shows, with the total."""
    for group, (ok, count) in rows.items():
        print(f"| {group} | {ok} / {count} |")  # noqa: T201 (the report of the command line)
    passed, total = sum(ok for ok, _ in rows.values()), sum(count for _, count in rows.values())
    print(f"| all | {passed} / {total} |")  # noqa: T201
