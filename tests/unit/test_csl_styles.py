"""Finding CSL styles and locales; untrusted .csl files; errors that name the closest valid names."""

from __future__ import annotations

import pytest

from mkdocs_scholia.csl.engine import CslProcessor
from mkdocs_scholia.csl.styles import CslError, find_locale, find_style, is_csl_name, parse_style

MINIMAL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>local</id><title>Local</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="(" suffix=")"><text variable="title"/></layout></citation>
</style>
"""


def test_bundled_ids_and_dependent_styles():
    assert is_csl_name("chicago-author-date") and is_csl_name("styles/house.csl") and not is_csl_name("harvard")
    assert find_style("apa").path.name == "apa.csl"
    dependent = find_style("vancouver-nlm")  # a dependent style is followed to its parent
    assert dependent.path.name == "nlm-citation-sequence.csl" and dependent.name == "vancouver-nlm"


def test_unknown_style_names_the_closest_ids():
    with pytest.raises(CslError) as caught:
        find_style("chicago-author-dat")
    message = str(caught.value)
    assert "unknown style 'chicago-author-dat'" in message and "'chicago-author-date'" in message
    with pytest.raises(CslError, match=r"'vancouver-nlm'|'vancouver-ama'"):
        find_style("vancouver")


def test_a_missing_csl_file_names_the_nearest_files(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "house.csl").write_text(MINIMAL, encoding="utf-8")
    assert find_style("styles/house.csl", tmp_path).name == "styles/house.csl"
    with pytest.raises(CslError, match=r"style 'styles/huose.csl': no such \.csl file; did you mean 'house.csl'\?"):
        find_style("styles/huose.csl", tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<style><citation>", r"house\.csl:1: not well-formed XML"),
        ('<?xml version="1.0"?>\n<html/>', r"house\.csl: not a CSL style"),
        (MINIMAL.replace("<citation>", "<citation bogus='1'>"), r"house\.csl:\d+: not a valid CSL style"),
        (MINIMAL.replace("<citation>", "<citation>\n<nonsense/>"), r"house\.csl:\d+: not a valid CSL style"),
    ],
)
def test_a_broken_csl_file_is_an_error_naming_it(tmp_path, content, message):
    path = tmp_path / "house.csl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CslError, match=message):
        parse_style(find_style("house.csl", tmp_path))


def test_entities_and_doctypes_are_refused_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    hostile = MINIMAL.replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<?xml version="1.0"?>\n<!DOCTYPE style [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY b "&x;&x;&x;">]>',
    ).replace("<title>Local</title>", "<title>&b;</title>")
    path = tmp_path / "hostile.csl"
    path.write_text(hostile, encoding="utf-8")
    with pytest.raises(CslError, match="DOCTYPE") as caught:
        parse_style(find_style("hostile.csl", tmp_path))
    assert "TOP SECRET" not in str(caught.value)


def test_locales_by_name_or_language_and_unknown_ones():
    assert find_locale("de-DE") == "de-DE" and find_locale("de") == "de-DE" and find_locale("en-gb") == "en-GB"
    with pytest.raises(CslError) as caught:
        find_locale("de-XX")
    assert "unknown locale 'de-XX'" in str(caught.value) and "'de-DE'" in str(caught.value)
    with pytest.raises(CslError, match="unknown locale 'klingon'"):
        find_locale("klingon")


def test_a_local_style_renders(tmp_path):
    (tmp_path / "house.csl").write_text(MINIMAL, encoding="utf-8")
    processor = CslProcessor(find_style("house.csl", tmp_path), [{"id": "A", "type": "book", "title": "Title"}])
    from mkdocs_scholia.csl.engine import CitationInput, CiteInput

    rendered = processor.cite(CitationInput((CiteInput("A"),)), processor.new_page())
    assert rendered.text_of(rendered.in_text) == "(Title)"
