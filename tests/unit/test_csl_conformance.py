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
from pathlib import Path

import pytest

from mkdocs_scholia.csl.engine import CitationInput, CslProcessor
from mkdocs_scholia.csl.styles import StyleFile

if __name__ == "__main__":  # run as a script: the tests' shared helpers, as pytest finds them
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.csl_fixtures import cite_input, per_group, print_table, read_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "csl" / "fixtures"


def run_fixture(path: Path) -> tuple[str, str]:
    """``(expected, actual)`` for one fixture."""
    data = read_fixture(path)
    style = StyleFile(path, path.name, xml=data["CSL"].encode("utf-8"))
    processor = CslProcessor(style, json.loads(data["INPUT"]), data.get("LOCALE"))
    clusters = json.loads(data["CITATION-ITEMS"])
    page = processor.new_page()
    citations = []
    for number, cites in enumerate(clusters, start=1):
        inputs = tuple(cite_input(cite, trim_affixes=True) for cite in cites)
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


def passes(path: Path) -> bool:
    try:
        expected, actual = run_fixture(path)
    except Exception:  # noqa: BLE001 (a crash is a failure of that fixture, reported in the table)
        return False
    return expected == actual


if __name__ == "__main__":
    rows = per_group(PATHS, passes)
    print_table(rows)
    sys.exit(0 if all(ok == count for ok, count in rows.values()) else 1)
