"""The issue form, the pull-request template and the workflows parse,
follow GitHub's schemas, and pin every action to a commit."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path

import jsonschema
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_scholia.corrections import links

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


class GitHubYAML(yaml.SafeLoader):
    """YAML as GitHub reads it (1.2 booleans): `on:` is a key, not True."""


GitHubYAML.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
GitHubYAML.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=GitHubYAML)


def schema(name: str) -> jsonschema.protocols.Validator:
    """One of GitHub's schemas, as vendored by check-jsonschema (no network)."""
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    document = json.loads((vendor / f"{name}.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(document)
    return validator(document, format_checker=validator.FORMAT_CHECKER)


def schema_errors(name: str, data) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in schema(name).iter_errors(data)]


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


# -- workflows ---------------------------------------------------------------------------


def every_use(workflow: dict) -> list[str]:
    uses = []
    for job in workflow["jobs"].values():
        if "uses" in job:
            uses.append(job["uses"])
        for step in job.get("steps", []):
            if "uses" in step:
                uses.append(step["uses"])
    return uses


def test_there_are_the_two_workflows():
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "pages.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid(path):
    workflow = load_yaml(path)
    assert schema_errors("github-workflows", workflow) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_alongside(path):
    workflow = load_yaml(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for use in every_use(workflow):
        if use.startswith("./"):
            assert (REPO / use).is_file(), f"{path.name}: {use} does not exist"
            continue
        assert PINNED.match(use), f"{path.name}: {use} is not pinned to a full commit SHA"
        line = next(line for line in lines if f"uses: {use}" in line)
        assert VERSION_COMMENT.search(line), f"{path.name}: say which version {use} is, e.g. # v1.2.3"
    for job in workflow["jobs"].values():
        image = (job.get("container") or {}).get("image", "")
        if image:
            assert re.search(r":\d+\.\d+-\w+$|@sha256:[0-9a-f]{64}$", image), f"{path.name}: pin the image {image}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_are_least_privilege(path):
    workflow = load_yaml(path)
    top = workflow.get("permissions")
    assert top is not None, f"{path.name}: set top-level permissions"
    assert top == {} or top == {"contents": "read"}, f"{path.name}: top-level permissions are at most contents: read"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert granted not in ("write-all", "read-all"), f"{path.name}: job {name} asks for everything"
        writes = {scope for scope, level in (granted or {}).items() if level == "write"}
        assert writes <= {"pages", "id-token"}, f"{path.name}: job {name} writes {writes}"
        if writes:
            assert [use.split("@")[0] for use in every_use({"jobs": {name: job}})] == ["actions/deploy-pages"], (
                f"{path.name}: only the deploy job may write"
            )
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, "do not leave the token in .git"


def test_ci_runs_the_build_the_tests_and_the_link_check_on_pull_requests_and_pushes():
    workflow = load_yaml(GITHUB / "workflows" / "ci.yml")
    assert {"pull_request", "push", "workflow_call"} <= set(workflow["on"])
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert "bash scripts/setup" in runs
    steps = ["bash scripts/check build", "bash scripts/check test", "bash scripts/check links", "bash scripts/check urls"]
    assert [run for run in runs if run in steps] == steps
    checkout = next(step for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step)
    assert checkout["with"]["fetch-depth"] == 0, "the last-revision dates need the whole history"


def test_pages_deploys_main_only_after_the_checks():
    workflow = load_yaml(GITHUB / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["check"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "check" and jobs["deploy"]["needs"] == "build"
    build_uses = [use.split("@")[0] for use in every_use({"jobs": {"build": jobs["build"]}})]
    assert "actions/upload-pages-artifact" in build_uses
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert any("scripts/check build" in step.get("run", "") for step in jobs["build"]["steps"])


def test_the_local_check_runs_what_ci_runs():
    script = (REPO / "scripts" / "check").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in script
    assert "bash scripts/test" in script
    assert "scripts/linkcheck" in script
    assert "mkdocs_scholia.plugins.corrections.manifest_command check" in script
    for step in ("build", "test", "links", "urls"):
        assert f"step_{step}" in script.split("all)")[1], f"scripts/check (all) skips {step}"
