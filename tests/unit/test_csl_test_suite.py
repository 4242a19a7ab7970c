"""The CSL processor against the official CSL test suite (the vendored subset).

``tests/data/csl/test-suite/humans/`` holds the fixtures of the feature
groups the supported styles use, as published by the CSL project
(``tests/data/csl/test-suite/README.md``: source, licence, selection). Each
fixture is run through :class:`~mkdocs_scholia.csl.engine.CslProcessor` as
the suite defines it:

* ``MODE`` ``citation``: one citation of every item of ``INPUT`` in order;
  or, with ``CITATION-ITEMS``, one citation per list of cites (citation *n*
  in note *n*); or, with ``CITATIONS``, the citations in the order the last
  call leaves them, in the notes their ``noteIndex`` gives;
* ``MODE`` ``bibliography``: the bibliography of every item of ``INPUT``
  (with ``CITATIONS``: of the items cited), after the citations.

The output is compared with ``RESULT`` in citeproc-js's HTML (``&#38;``,
``<span style="font-variant:small-caps;">``, the ``csl-bib-body`` wrapper).
Two things are not compared, and the README says why: which citations a
``CITATIONS`` session's last call updated (the ``>>``/``..`` marks: the
processor renders a finished document, not a word-processor session), and
links (the processor links http(s) URLs; the suite's output has none).

Fixtures that fail are listed in ``expected-failures.txt`` with a reason:
the test fails when a listed fixture starts to pass (take it off the list)
or an unlisted one fails. Run as a script, it prints passed / total per group.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from mkdocs_scholia.csl.engine import CitationInput, CslProcessor
from mkdocs_scholia.csl.styles import StyleFile

if __name__ == "__main__":  # run as a script: the tests' shared helpers, as pytest finds them
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.csl_fixtures import cite_input, per_group, print_table, read_fixture

SUITE = Path(__file__).resolve().parent.parent / "data" / "csl" / "test-suite"
FIXTURES = SUITE / "humans"
# Our HTML → citeproc-js's: its escapes and its inline styles.
TO_CITEPROC_JS = (
    ('<span class="csl-small-caps">', '<span style="font-variant:small-caps;">'),
    ('<span class="csl-underline">', '<span style="text-decoration:underline;">'),
    ("&amp;", "&#38;"),
    ("&lt;", "&#60;"),
    ("&gt;", "&#62;"),
    ("&quot;", '"'),
    ("&#x27;", "'"),
)
LINK = re.compile(r'<a href="[^"]*">(.*?)</a>')
DISPLAY = re.compile(r'<span class="csl-(left-margin|right-inline|block|indent)">(.*?)</span> ?')


def expected_failures() -> dict[str, str]:
    """Fixture name → why it fails."""
    failures = {}
    for line in (SUITE / "expected-failures.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(":")
            failures[name.strip()] = reason.strip()
    return failures


def citeproc_js_html(html: str) -> str:
    for ours, theirs in TO_CITEPROC_JS:
        html = html.replace(ours, theirs)
    return LINK.sub(r"\1", html)


def _entry_html(html: str) -> str:
    html = citeproc_js_html(html)
    if not DISPLAY.search(html):
        return f'  <div class="csl-entry">{html}</div>\n'
    blocks = DISPLAY.sub(r'<div class="csl-\1">\2</div>', html)
    return f'  <div class="csl-entry">\n    {blocks}\n  </div>\n'


def _clusters(data: dict[str, str], items: list[dict[str, Any]]) -> list[tuple[list[dict[str, Any]], int]]:
    """The citations (their cites and note numbers) in document order."""
    if "CITATIONS" in data:
        defined: dict[str, tuple[list[dict[str, Any]], int]] = {}
        order: list[str] = []
        for citation, before, after in json.loads(data["CITATIONS"]):
            note = int(citation.get("properties", {}).get("noteIndex", 0) or 0)
            defined[citation["citationID"]] = (citation["citationItems"], note)
            order = [cid for cid, _ in before] + [citation["citationID"]] + [cid for cid, _ in after]
        return [defined[cid] for cid in order]
    if "CITATION-ITEMS" in data:
        return [(cites, number) for number, cites in enumerate(json.loads(data["CITATION-ITEMS"]), start=1)]
    return [([{"id": item["id"]} for item in items], 1)]


def run_fixture(path: Path) -> tuple[str, str]:
    """``(expected, actual)`` for one fixture."""
    data = read_fixture(path)
    items = json.loads(data["INPUT"])
    processor = CslProcessor(StyleFile(path, path.name, xml=data["CSL"].encode("utf-8")), items)
    clusters = _clusters(data, items)
    if "CITATIONS" not in data and processor.is_numeric:
        for item in items:  # every item is registered first, in input order, as citeproc-js does
            processor.number(str(item["id"]))
    page = processor.new_page()
    citations = []
    for cites, note in clusters:
        inputs = tuple(cite_input(cite) for cite in cites)
        citation = CitationInput(inputs, note_number=note if processor.is_note else 0)
        rendered = processor.cite(citation, page)
        citations.append(citeproc_js_html(rendered.html_of(rendered.note if processor.is_note else rendered.in_text)))
    expected = data["RESULT"]
    if data["MODE"].strip() == "bibliography":
        if "CITATIONS" in data:
            keys = list(dict.fromkeys(str(cite["id"]) for cites, _ in clusters for cite in cites))
        else:
            keys = [str(item["id"]) for item in items]
        body = "".join(_entry_html(entry.html) for entry in processor.bibliography(keys))
        return expected, f'<div class="csl-bib-body">\n{body}</div>'
    if "CITATIONS" in data:
        expected = "\n".join(re.sub(r"^(\.\.|>>)", "", line) for line in expected.splitlines())
        return expected, "\n".join(f"[{number}] {text}" for number, text in enumerate(citations))
    return expected, "\n".join(citations)


def passes(path: Path) -> bool:
    try:
        expected, actual = run_fixture(path)
    except Exception:  # noqa: BLE001 (a crash is a failure of that fixture, listed with its reason)
        return False
    return expected == actual


PATHS = sorted(FIXTURES.glob("*.txt"))
EXPECTED_FAILURES = expected_failures()


def test_the_suite_is_vendored_and_the_list_names_only_its_fixtures():
    assert len(PATHS) > 600
    names = {path.stem for path in PATHS}
    assert set(EXPECTED_FAILURES) <= names, sorted(set(EXPECTED_FAILURES) - names)
    assert all(EXPECTED_FAILURES.values()), "every expected failure needs its reason"


@pytest.mark.parametrize("path", PATHS, ids=[path.stem for path in PATHS])
def test_fixture(path):
    if path.stem in EXPECTED_FAILURES:
        assert not passes(path), f"{path.stem} passes now: take it off expected-failures.txt"
        return
    expected, actual = run_fixture(path)
    assert actual == expected


if __name__ == "__main__":
    print_table(per_group(PATHS, passes))
    if "--failures" in sys.argv:
        for path in PATHS:
            if not passes(path):
                print(path.stem)  # noqa: T201
