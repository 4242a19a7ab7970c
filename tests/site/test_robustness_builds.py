"""Bad and hostile inputs through whole MkDocs sites: the same clear errors, naming
file and line, and the same safety as through plain Python-Markdown
(tests/unit/test_robustness.py runs the whole corpus there)."""

from __future__ import annotations

from pathlib import Path

from support import TESTS
from support.build import REFERENCES_PAGE, mkdocs_build, write_site
from support.html import unsafe_markup

CORPUS = TESTS / "bad_inputs"

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
    pages = {"index.md": index, "references.md": REFERENCES_PAGE}
    return write_site(tmp_path, config=SITE_CONFIG, pages=pages, bib=bib)


def test_site_build_fails_naming_the_bib_file_and_line(tmp_path):
    config = _site(tmp_path, (CORPUS / "unclosed-brace.bib").read_bytes(), "# Home\n\n[@good1990]\n")
    process = mkdocs_build(config, tmp_path / "site", check=False)
    assert process.returncode != 0
    message = "refs.bib:14: BibTeX syntax error: premature end of file (in entry 'broken2001', from line 8)"
    assert message in process.stderr
    assert "Traceback" not in process.stderr


def test_site_build_fails_naming_the_page_and_line_of_an_unknown_key(tmp_path):
    index = "# Home\n\nFine [@Heinzig1998].\n\nBad [@heinzig1989].\n"
    config = _site(tmp_path, (CORPUS / "one-entry.bib").read_bytes(), index)
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
    process = mkdocs_build(config, out, strict=False, quiet=True)
    assert "Traceback" not in process.stderr
    pages = {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in out.rglob("*.html")}
    assert {"index.html", "references/index.html"} <= set(pages)
    for name in ("index.html", "references/index.html"):
        body = pages[name].split("<article", 1)[1].split("</article>", 1)[0]
        assert unsafe_markup("<article" + body + "</article>") == [], name
        assert "alert(" in body  # the hostile text is there, as text
    assert pages["index.html"].count('class="citation"') >= len(keys)
