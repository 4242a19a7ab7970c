"""The issue form and the pull-request template parse and follow
GitHub's schemas (the workflows: tests/unit/test_workflows.py)."""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup

from mkdocs_scholia.corrections import links
from support import REPO
from support.github import GITHUB, load_yaml, schema_errors

# -- issue form and template chooser ----------------------------------------------


def test_the_correction_form_is_a_valid_issue_form():
    form = load_yaml(GITHUB / "ISSUE_TEMPLATE" / links.ISSUE_FORM)
    assert schema_errors("github-issue-forms", form) == []
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)), "field ids are unique"
    assert "correction" in form["labels"]


def test_the_form_has_every_field_the_report_links_fill():
    form = load_yaml(GITHUB / "ISSUE_TEMPLATE" / links.ISSUE_FORM)
    fields = {item["id"]: item["type"] for item in form["body"] if "id" in item}
    for field in links.FORM_FIELDS:
        assert fields.get(field) in ("input", "textarea"), f"the form lacks a text field with id {field!r}"
    script = (REPO / "src" / "mkdocs_scholia" / "assets" / "corrections.js").read_text(encoding="utf-8")
    for field in re.findall(r'params\.set\("(\w+)"', script):
        assert field in (*fields, "template", "title"), f"corrections.js fills {field!r}, which the form lacks"


def test_the_template_chooser_config_is_valid():
    config = load_yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert schema_errors("github-issue-config", config) == []


# -- pull-request template ------------------------------------------------------------


def test_the_pull_request_template_is_markdown_with_the_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["extra"], output_format="html")
    document = BeautifulSoup(html, "lxml")
    headings = [h.get_text(strip=True) for h in document.find_all("h2")]
    assert headings == ["What and why", "Checklist"]
    items = [li.get_text(" ", strip=True) for li in document.find_all("li")]
    assert items and all(item.startswith("[ ]") for item in items), "every item is an unticked task"
    checklist = " ".join(items)
    for needed in (
        "essay-as-received.md",
        "source/apparatus.yml",
        "bibliography/",
        "source/changelog.yml",
        "redirect_maps",
        "anchor_redirects",
        "tests/url-manifest.txt",
        "scripts/check",
    ):
        assert needed in checklist, f"the checklist does not mention {needed}"
