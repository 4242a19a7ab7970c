"""Bad and hostile inputs: each gives a clear error naming file and line, or a correct, safe page.

The corpus is tests/bad_inputs/ (.bib files) and its table, cases.toml, which
says for each input which of the two it must give. Most cases run through
plain Python-Markdown (fast); a few build a whole MkDocs site to check that
the same errors and the same safety hold there.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html
from pybtex.database import parse_string

from conftest import mkdocs_build
from mkdocs_scholia.bib import Bibliography, BibliographyError, load
from mkdocs_scholia.markdown import CitationError, CitationExtension

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "img", "svg", "math", "form", "input",
                  "marquee", "link", "meta", "base", "frame", "frameset", "b", "textarea"}


def unsafe(page: str) -> list[str]:
    """Anything in ``page`` that input could only have put there unescaped."""
    problems = []
    tree = lxml_html.fromstring(f"<div>{page}</div>")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in DANGEROUS_TAGS:
            problems.append(f"<{element.tag}> element")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{name} attribute on <{element.tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    problems.append(f"{name}={value!r}")
    return problems


def convert(case: dict) -> str:
    paths = [CORPUS / name for name in case["bib"]]
    extension = CitationExtension(bibliography=[str(p) for p in paths], source_name="page.md")
    return markdown.markdown(case["page"], extensions=["footnotes", "attr_list", extension])


def test_the_corpus_has_at_least_thirty_cases_and_every_file_is_used():
    assert len(CASES) >= 30
    used = {name for case in CASES for name in case["bib"]}
    assert used == {path.name for path in CORPUS.glob("*.bib")}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(case):
    if case["expect"] == "error":
        with pytest.raises((BibliographyError, CitationError)) as raised:
            convert(case)
        message = str(raised.value)
        for expected in case["message"]:
            assert expected in message, f"{expected!r} not in {message!r}"
        assert re.search(r"\.(bib|md):\d+", message), f"no file:line in {message!r}"
        return
    assert case["expect"] == "page"
    page = convert(case)
    assert unsafe(page) == []
    # Quotes in text may be written as character references (the notes
    # carry pybtex's escaped output as it is): the same text either way.
    shown = page.replace("&#x27;", "'").replace("&quot;", '"')
    for expected in case.get("contains", []):
        assert expected in page or expected in shown, f"{expected!r} not in page"
    for forbidden in case.get("absent", []):
        assert forbidden not in page, f"{forbidden!r} in page"
    if "warnings" in case:
        bibliography = load([str(CORPUS / name) for name in case["bib"]])
        assert len(bibliography.warnings) == len(case["warnings"])
        for warning, expected in zip(bibliography.warnings, case["warnings"]):
            assert warning.endswith(expected) or expected in warning


def test_thesis_and_report_without_type_field_are_formatted():
    """Regression: ``first_of[field("type"), ...]`` raised FieldIsMissing when ``type`` was absent."""
    data = parse_string(
        "@phdthesis{a, author={Smith, John}, title={T}, school={Oxford}, year={1990}}\n"
        "@techreport{b, author={Smith, Jane}, title={R}, institution={RAND}, number={R-12}, year={1991}}\n"
        "@mastersthesis{c, author={Doe, Jo}, title={M}, school={York}, year={1992}, type={MPhil thesis}}\n",
        "bibtex",
    )
    bibliography = Bibliography(data, {})
    assert bibliography.reference("a").text == "Smith, J. (1990) T. PhD thesis. Oxford."
    assert bibliography.reference("b").text == "Smith, J. (1991) R. Report R-12. RAND."
    assert bibliography.reference("c").text == "Doe, J. (1992) M. MPhil thesis. York."


def test_unknown_entry_type_is_formatted_as_misc():
    """Regression: pybtex asked the style for ``format_video`` and failed with an AttributeError."""
    data = parse_string("@video{v, author={Smith, Jane}, title={R}, year={1991}, howpublished={Broadcast}}", "bibtex")
    assert Bibliography(data, {}).reference("v").text == "Smith, J. (1991) R. Broadcast."


def test_crossref_fields_and_editors_come_from_the_parent():
    """Regression: the chapter lost its book, editor and year (pybtex resolves crossref only with the database)."""
    data = parse_string(
        "@incollection{c, author={Doe, Jo}, title={Ch}, crossref={d}, pages={1--2}}\n"
        "@book{d, editor={Ward, Ed}, title={The Book}, publisher={Pub}, year={2000}}\n",
        "bibtex",
    )
    bibliography = Bibliography(data, {})
    assert bibliography.warnings == []
    assert bibliography.reference("c").text == "Doe, J. (2000) ‘Ch’, in Ward, E. (ed.) The Book. Pub, pp. 1–2."


# -- whole sites: the same errors and the same safety through MkDocs ------------------

SITE_CONFIG = """\
site_name: Robustness
site_url: https://example.org/robust/
theme: material
markdown_extensions: [attr_list, footnotes]
plugins:
  - scholia:
      bibliography: [refs.bib]
nav: [index.md, references.md]
"""


def _site(tmp_path: Path, bib: bytes, index: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    (tmp_path / "refs.bib").write_bytes(bib)
    (tmp_path / "docs" / "index.md").write_text(index, encoding="utf-8")
    (tmp_path / "docs" / "references.md").write_text("# References\n\n<!-- scholia:references -->\n", encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_site_build_fails_naming_the_bib_file_and_line(tmp_path):
    config = _site(tmp_path, (CORPUS / "unclosed-brace.bib").read_bytes(), "# Home\n\n[@good1990]\n")
    process = mkdocs_build(config, tmp_path / "site", check=False)
    assert process.returncode != 0
    assert "refs.bib:14: BibTeX syntax error: premature end of file (in entry 'broken2001', from line 8)" in process.stderr
    assert "Traceback" not in process.stderr


def test_site_build_fails_naming_the_page_and_line_of_an_unknown_key(tmp_path):
    config = _site(tmp_path, (CORPUS / "one-entry.bib").read_bytes(), "# Home\n\nFine [@Heinzig1998].\n\nBad [@heinzig1989].\n")
    process = mkdocs_build(config, tmp_path / "site", check=False)
    assert process.returncode != 0
    assert "docs/index.md:5: unknown citation key 'heinzig1989'; did you mean 'Heinzig1998'?" in process.stderr
    assert "Traceback" not in process.stderr


def test_site_with_script_in_every_field_is_safe_on_every_page(tmp_path):
    keys = ["xss2000", "xss2001", "xss2002", "xss2003", "xss2004", "xss2005", "xss2006", "xss2008", '{evil"><img}']
    index = "# Home\n\n" + " ".join(f"[@{key}, p. 1]" for key in keys) + "\n\nAs @xss2000 says.\n"
    config = _site(tmp_path, (CORPUS / "script-in-every-field.bib").read_bytes(), index)
    out = tmp_path / "site"
    # Not --strict: some of these entries lack fields (warnings); warned or not, every page must be safe.
    process = _build_lenient(config, out)
    assert "Traceback" not in process.stderr
    pages = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.html")}
    assert {"index.html", "references/index.html"} <= set(pages)
    for name in ("index.html", "references/index.html"):
        body = pages[name].split("<article", 1)[1].split("</article>", 1)[0]
        assert unsafe("<article" + body + "</article>") == [], name
        assert "alert(" in body  # the hostile text is there, as text
    assert pages["index.html"].count('class="citation"') >= len(keys)


def _build_lenient(config: Path, out: Path):
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, check=True, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_latex_spacing_commands_are_spaces_not_punctuation():
    """Regression: ``pp.\\,3`` printed as "pp.,3" (``\\,`` was read as an escaped comma)."""
    data = parse_string(
        r"@book{s, author={Smith, John}, title={Vol.\,2 of\ three, a\;b and c\!d}, publisher={P}, year={2000}}",
        "bibtex",
    )
    assert Bibliography(data, {}).reference("s").text == "Smith, J. (2000) Vol.\u20092 of three, a b and cd. P."


def test_a_name_part_that_is_not_latex_is_an_error_naming_the_entry(tmp_path):
    """Found by fuzzing: 'Doe, \\,' is valid as a whole but its surname alone ('\\') is not."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{k,\n  author = {\\, Doe},\n  title = {T},\n  publisher = {P},\n  year = {2000}\n}\n", encoding="utf-8")
    with pytest.raises(BibliographyError) as raised:
        load([str(bib)])
    assert "refs.bib:1: entry 'k', field 'author': not valid LaTeX" in str(raised.value)
