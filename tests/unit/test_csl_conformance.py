"""The CSL processor against fixtures in the format of the CSL test suite.

Each file of ``tests/data/csl/fixtures/`` holds a small style, its input
items, the citations made (``CITATION-ITEMS``: one list of cites per
citation; in a note style, citation *n* is in note *n*), the ``MODE``
(``citation``: one line per citation; ``bibliography``: one line per entry)
and the expected ``RESULT`` as plain text. The file name starts with the
feature group the fixture covers (``disambiguate_…``, ``position_…``), as in
the official suite; ``tests/data/csl/README.md`` says where the fixtures
come from and why the official ones are not vendored.

Run as a script, it prints how many fixtures of each group pass.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from mkdocs_scholia.csl.engine import CitationInput, CiteInput, CslProcessor
from mkdocs_scholia.csl.styles import StyleFile

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "csl" / "fixtures"
SECTION = re.compile(r">>=+ (?P<name>[A-Z-]+) =+>>\n(?P<body>.*?)\n<<=+ (?P=name) =+<<", re.DOTALL)


def read_fixture(path: Path) -> dict[str, str]:
    return {match.group("name"): match.group("body") for match in SECTION.finditer(path.read_text(encoding="utf-8"))}


def run_fixture(path: Path) -> tuple[str, str]:
    """``(expected, actual)`` for one fixture."""
    data = read_fixture(path)
    style = StyleFile(path, path.name, xml=data["CSL"].encode("utf-8"))
    processor = CslProcessor(style, json.loads(data["INPUT"]), data.get("LOCALE"))
    clusters = json.loads(data["CITATION-ITEMS"])
    page = processor.new_page()
    citations = []
    for number, cites in enumerate(clusters, start=1):
        inputs = tuple(
            CiteInput(
                cite["id"],
                prefix=cite.get("prefix", "").strip(),
                locator=cite.get("locator", ""),
                label=cite.get("label", "page") if cite.get("locator") else "",
                suffix=cite.get("suffix", "").strip(),
                suppress_author=bool(cite.get("suppress-author")),
            )
            for cite in cites
        )
        rendered = processor.cite(CitationInput(inputs, note_number=number if processor.is_note else 0), page)
        citations.append(rendered.text_of(rendered.note if processor.is_note else rendered.in_text))
    if data["MODE"].strip() == "bibliography":
        cited = list(dict.fromkeys(cite["id"] for cites in clusters for cite in cites))
        actual = "\n".join(entry.text for entry in processor.bibliography(cited) if entry.text)
    else:
        actual = "\n".join(citations)
    return data["RESULT"], actual


PATHS = sorted(FIXTURES.glob("*.txt"))


def test_every_fixture_names_its_group():
    assert PATHS, "no fixtures found"
    for path in PATHS:
        assert re.match(r"^[a-z]+_[A-Za-z0-9]+\.txt$", path.name), path.name
        assert {"MODE", "RESULT", "CSL", "INPUT", "CITATION-ITEMS"} <= set(read_fixture(path)), path.name


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_fixture(path):
    expected, actual = run_fixture(path)
    assert actual == expected


def summary() -> dict[str, tuple[int, int]]:
    """Group → (passed, total)."""
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for path in PATHS:
        group = path.name.split("_", 1)[0]
        total[group] += 1
        try:
            expected, actual = run_fixture(path)
        except Exception:  # noqa: BLE001 (a crash is a failure of that fixture, reported in the table)
            continue
        passed[group] += expected == actual
    return {group: (passed[group], total[group]) for group in sorted(total)}


if __name__ == "__main__":
    rows = summary()
    for group, (ok, count) in rows.items():
        print(f"{group:<14} {ok:>3} / {count}")  # noqa: T201 (the report of the command line)
    passed, total = sum(ok for ok, _ in rows.values()), sum(count for _, count in rows.values())
    print(f"{'all':<14} {passed:>3} / {total}")  # noqa: T201
    sys.exit(0 if all(ok == count for ok, count in rows.values()) else 1)
