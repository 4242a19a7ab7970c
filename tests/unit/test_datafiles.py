"""The data-file loader: YAML with lines, typed records, every problem at once with a suggestion."""

from __future__ import annotations

import ast
import datetime as dt

import pytest

from mkdocs_scholia.plugins.datafiles import DataFileError, records, yamlfile
from support import REPO

SRC = REPO / "src" / "mkdocs_scholia"


def test_values_keep_the_line_of_their_key_and_item():
    data = yamlfile.parse("a: 1\nlist:\n  - x: 2\n    y: 3\n  - z\n", "f.yml")
    assert data == {"a": 1, "list": [{"x": 2, "y": 3}, "z"]}
    assert data.line_of("a") == 1 and data.line_of("list") == 2
    assert data["list"].line_of(0) == 3 and data["list"].line_of(1) == 5
    assert data["list"][0].line_of("y") == 4
    assert yamlfile.line_of({"plain": 1}, "plain", 7) == 7  # plain data: the caller's line


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite():
    with pytest.raises(DataFileError) as caught:
        yamlfile.parse("a: 1\nb: 2\na: 3\n", "f.yml")
    assert caught.value.problems == ["f.yml:3: the key 'a' is given twice (also line 1); YAML would keep only the last"]


def test_yaml_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(DataFileError, match=r"^f\.yml:2: not valid YAML"):
        yamlfile.parse("a: [1\nb: 2\n", "f.yml")
    path = tmp_path / "data" / "x.yml"
    path.parent.mkdir()
    path.write_bytes(b"a: \xff\n")
    with pytest.raises(DataFileError, match=r"^data/x\.yml: not UTF-8 text"):
        yamlfile.read(path, tmp_path)
    with pytest.raises(DataFileError, match=r"^data/missing\.yml: cannot be read"):
        yamlfile.read(tmp_path / "data" / "missing.yml", tmp_path)


def test_an_impossible_date_is_an_error_at_its_line():
    with pytest.raises(DataFileError, match=r"^f\.yml:2: not valid YAML: '2026-02-30' is not a real date"):
        yamlfile.parse("a: 1\nday: 2026-02-30\n", "f.yml")


def test_python_tags_are_refused():
    with pytest.raises(DataFileError, match="not valid YAML"):
        yamlfile.parse("a: !!python/object/apply:os.system ['true']\n", "f.yml")


class Sample(records.Record):
    name = records.Text(pattern=r"[a-z]+", expected="lower-case letters")
    kind = records.OneOf(("marker", "typo"))
    count = records.Whole(minimum=1, optional=True)
    day = records.Day(optional=True)

    def check(self):
        return [("count", "must be 1 for a marker")] if self.kind == "marker" and self.count not in (None, 1) else []


def test_every_field_is_checked_and_every_problem_reported_with_its_line():
    data = yamlfile.parse("- name: Abc\n  kind: markr\n  count: 0\n  colour: red\n  day: 30/02/2026\n", "f.yml")
    found, problems = records.validate_list(
        Sample, data, name="f.yml", line=1, what="samples", label=lambda i, _: f"sample {i + 1}"
    )
    assert found == []
    assert problems == [
        "f.yml:1: sample 1, field 'name': 'Abc' is not lower-case letters",
        "f.yml:2: sample 1, field 'kind': 'markr' is not one of marker, typo; did you mean 'marker'?",
        "f.yml:3: sample 1, field 'count': expected a whole number from 1, not 0",
        "f.yml:5: sample 1, field 'day': expected a date as YYYY-MM-DD, not '30/02/2026'",
        "f.yml:4: sample 1, field 'colour' is not a field here (fields: name, kind, count, day)",
    ]


def test_rules_between_fields_run_once_the_fields_are_valid():
    record, problems = records.validate(
        Sample, {"name": "a", "kind": "marker", "count": 2}, name="f.yml", line=9, label="s"
    )
    assert record is None and problems == ["f.yml:9: s, field 'count': must be 1 for a marker"]
    record, problems = records.validate(
        Sample, {"name": "a", "kind": "typo", "day": dt.date(2026, 1, 2)}, name="f", line=0, label="s"
    )
    assert problems == [] and record is not None and record.day == dt.date(2026, 1, 2) and record.count is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (12, "expected text, not a number (quote it in YAML)"),
        (["a"], "expected text, not a list"),
        (None, "is missing"),
        ("", "must not be empty"),
        ("a\x02b", "contains the control character U+0002; remove it"),
        ("a\u0085b", "contains the control character U+0085; remove it"),
    ],
)
def test_text_is_text(value, message):
    _, problems = records.validate(Sample, {"name": value, "kind": "typo"}, name="f", line=0, label="s")
    assert problems == [f"f: s, field 'name'{' ' if message.startswith('is ') else ': '}{message}"]


def test_the_mkdocs_interface_reports_every_failure():
    sample = Sample()
    sample.load_dict({"name": "A", "kind": "x"})
    failed, warnings = sample.validate()
    assert [key for key, _ in failed] == ["name", "kind"] and warnings == []


def test_problems_sort_in_the_files_order():
    assert yamlfile.in_file_order(["f:10: b", "f:2: a", "f: c"]) == ["f: c", "f:2: a", "f:10: b"]


def test_the_feature_layers_import_no_mkdocs():
    """apparatus/ and corrections/ receive plain data; MkDocs stays in plugins/."""
    for folder in ("apparatus", "corrections"):
        for path in sorted((SRC / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                assert not any(
                    name == "mkdocs" or name.startswith("mkdocs.") for name in names
                ), f"{path} imports {names}"
