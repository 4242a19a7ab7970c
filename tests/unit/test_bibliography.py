"""Loading BibTeX: errors name file and line; nothing is parsed twice."""

from __future__ import annotations

import pytest

from mkdocs_scholia.bib import BibliographyError, load


def write(tmp_path, text: str | bytes, name: str = "refs.bib"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


GOOD = "@book{a2000,\n  author = {Able, A.},\n  title = {T},\n  publisher = {P},\n  year = {2000},\n}\n"


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD + "\n@book{b2001,\n  title = {Unclosed,\n  year = 2001\n")
    with pytest.raises(BibliographyError) as caught:
        load([path], root=tmp_path)
    assert caught.value.path == "refs.bib"
    assert caught.value.line is not None
    assert str(caught.value).startswith("refs.bib:")


def test_duplicate_keys_are_errors_even_in_other_case(tmp_path):
    path = write(tmp_path, GOOD + "\n" + GOOD.replace("a2000", "A2000"))
    with pytest.raises(BibliographyError, match=r"refs.bib:8: duplicate key 'A2000' \(first defined at line 1"):
        load([path], root=tmp_path)


def test_duplicate_keys_across_files(tmp_path):
    one = write(tmp_path, GOOD, "one.bib")
    two = write(tmp_path, "\n\n" + GOOD, "two.bib")
    with pytest.raises(BibliographyError, match=r"two.bib:3: duplicate key 'a2000' \(already defined at one.bib:1\)"):
        load([one, two], root=tmp_path)


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, GOOD.encode() + b"@book{b,\n title={Caf\xe9},\n}\n")
    with pytest.raises(BibliographyError, match=r"refs.bib:8: not UTF-8"):
        load([path], root=tmp_path)


def test_empty_file_is_an_error(tmp_path):
    with pytest.raises(BibliographyError, match="no entries"):
        load([write(tmp_path, "% nothing here\n")], root=tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(BibliographyError, match="cannot read bibliography"):
        load([tmp_path / "absent.bib"], root=tmp_path)


def test_missing_required_field_is_a_warning_with_location(tmp_path):
    path = write(tmp_path, GOOD + "@article{b2001,\n  author = {B, B.},\n  title = {T},\n  year = {2001},\n}\n")
    bibliography = load([path], root=tmp_path)
    assert bibliography.warnings == ["refs.bib:7: entry 'b2001' (article) lacks journal"]


def test_loaded_once_per_content(tmp_path):
    path = write(tmp_path, GOOD)
    first = load([path], root=tmp_path)
    assert load([path], root=tmp_path) is first
    path.write_text(GOOD.replace("{T}", "{Changed}"))
    second = load([path], root=tmp_path)
    assert second is not first
    assert "Changed" in second.reference("a2000").text


def test_closest_keys(tmp_path):
    bibliography = load([write(tmp_path, GOOD + GOOD.replace("a2000", "abel2001"))], root=tmp_path)
    assert bibliography.closest("a2001") == ["a2000", "abel2001"]  # best first
    assert bibliography.closest("zzz") == []
