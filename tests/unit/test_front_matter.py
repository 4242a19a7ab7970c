"""Front matter is data: a value of the wrong type stops the build, naming the file and line."""

from __future__ import annotations

import datetime

import pytest
from markupsafe import Markup

from mkdocs_scholia.plugins.scholia import front_matter


def write(tmp_path, text: str):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("meta", "line", "message"),
    [
        ({"title": ["</title><script>alert(1)</script>"]}, 2, "front matter 'title' must be text, not a list"),
        ({"description": {"a": "<b>"}}, 3, "front matter 'description' must be text, not a mapping"),
        ({"subtitle": 3}, 4, "front matter 'subtitle' must be text, not a number"),
        ({"section": "2}, note = {x"}, 5, "front matter 'section' must be a section number (digits, e.g. 2), not text"),
        ({"section": True}, 5, "front matter 'section' must be a section number"),
        ({"keywords": [{"a": 1}]}, 6, "front matter 'keywords' must be text or a list of text, not a list"),
        ({"status": 'new" onmouseover="alert(1)'}, 7, "front matter 'status' must be a name"),
        ({"title": None}, 2, "front matter 'title' must be text, not empty"),
        ({"title": datetime.date(2026, 1, 1)}, 2, "not a date"),
    ],
)
def test_a_value_of_the_wrong_type_names_the_file_and_line(tmp_path, meta, line, message):
    source = write(
        tmp_path,
        "---\ntitle: x\ndescription: x\nsubtitle: x\nsection: x\nkeywords: x\nstatus: x\n---\n\nText.\n",
    )
    with pytest.raises(front_matter.FrontMatterError) as caught:
        front_matter.check(meta, "docs/x.md", source)
    assert str(caught.value).startswith(f"docs/x.md:{line}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "meta",
    [
        {"title": "2. Personal Factors", "description": "A page.", "section": 2},
        {"section": "3", "keywords": "China, Cold War", "tags": ["a"], "hide": ["toc"]},
        {"keywords": ["China"], "search": {"exclude": True}, "status": "new", "icon": "material/book"},
        {"template": "page.html", "other": ["anything", {"not": "read"}]},
    ],
)
def test_well_typed_front_matter_passes(meta):
    front_matter.check(meta, "docs/x.md")


def test_a_file_without_the_key_is_named_without_a_line():
    with pytest.raises(front_matter.FrontMatterError, match=r"^docs/x\.md: front matter 'title'"):
        front_matter.check({"title": [1]}, "docs/x.md", None)


def test_the_text_the_theme_prints_raw_is_escaped_once():
    meta = {"title": '"><script>alert(1)</script>', "description": "Mao’s & Khrushchev's", "section": 2}
    front_matter.escape_for_theme(meta)
    assert meta["title"] == Markup("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    assert isinstance(meta["description"], Markup) and "&amp;" in meta["description"]
    assert meta["section"] == 2
    front_matter.escape_for_theme(meta)  # a second call changes nothing
    assert front_matter.plain(meta["title"]) == '"><script>alert(1)</script>'
