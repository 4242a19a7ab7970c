"""The workflows and the scripts they run: valid, pinned, least privilege, and safe
to run on a pull request's code.

What a pull request can change runs in CI, so nothing CI fetches may move under
it: every action is pinned to a commit, no container is used unless pinned by
digest, uv is pinned by version and sha256, npm runs no install scripts. Only
main is built for Pages or deployed, and the Pages build installs only what
``mkdocs build`` needs.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from support import REPO
from support.github import GITHUB, WORKFLOWS, every_run, every_use, load_yaml, schema_errors

PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")
ON_MAIN = "github.ref == 'refs/heads/main'"
SCRIPTS = sorted(path for path in (REPO / "scripts").iterdir() if path.is_file())
UV_REQUIREMENTS = REPO / "scripts" / "uv-requirements.txt"


# -- every workflow ---------------------------------------------------------------------


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
    steps = [f"bash scripts/check {step}" for step in ("build", "test", "links", "urls")]
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


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_permission_is_granted_at_the_top(path):
    assert load_yaml(path).get("permissions") == {}, f"{path.name}: `permissions: {{}}` at the top; jobs ask for theirs"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_container_image_unless_pinned_by_digest(path):
    for name, job in load_yaml(path)["jobs"].items():
        container = job.get("container")
        image = container if isinstance(container, str) else (container or {}).get("image", "")
        services = [service.get("image", "") for service in (job.get("services") or {}).values()]
        for tag in [image, *services]:
            pinned = re.search(r"@sha256:[0-9a-f]{64}$", tag)
            assert not tag or pinned, f"{path.name}: job {name} runs {tag}, a tag that moves"


def npm_installs(text: str) -> list[str]:
    """Each ``npm ci`` / ``npm install`` command line in a shell text."""
    return [line.strip() for line in text.splitlines() if re.search(r"\bnpm\s+(ci|install|i)\b", line)]


@pytest.mark.parametrize("path", WORKFLOWS + SCRIPTS, ids=lambda path: path.name)
def test_npm_never_runs_install_scripts(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        text = "\n".join(every_run(load_yaml(path)))
    for command in npm_installs(text):
        assert "--ignore-scripts" in command, f"{path.name}: {command!r} would run the packages' install scripts"


def test_uv_is_pinned_by_version_and_sha256():
    text = UV_REQUIREMENTS.read_text(encoding="utf-8")
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", text, re.MULTILINE), "scripts/uv-requirements.txt pins uv==X.Y.Z"
    hashes = re.findall(r"--hash=sha256:([0-9a-f]+)", text)
    assert hashes and all(len(digest) == 64 for digest in hashes)
    setup = (REPO / "scripts" / "setup").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "-r scripts/uv-requirements.txt" in setup
    for path in [*WORKFLOWS, *SCRIPTS]:  # uv comes from there and nowhere else
        lines = path.read_text(encoding="utf-8").splitlines()
        assert not [line for line in lines if re.search(r"pip3?\s+install\b.*\buv\b(?!-)", line)], path.name
        assert not [line for line in lines if "astral.sh" in line or "setup-uv" in line], path.name


# -- the Pages workflow ------------------------------------------------------------------


def test_only_main_is_built_for_pages_and_deployed():
    jobs = load_yaml(GITHUB / "workflows" / "pages.yml")["jobs"]
    for name in ("build", "deploy"):
        assert jobs[name].get("if") == ON_MAIN, f"pages.yml: job {name} needs `if: {ON_MAIN}`"


def test_the_pages_build_installs_only_what_the_build_needs():
    build = load_yaml(GITHUB / "workflows" / "pages.yml")["jobs"]["build"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "bash scripts/setup build" in runs
    assert not re.search(r"scripts/setup\s*$", runs, re.MULTILINE), "the full setup installs the test tools"
    assert "npm" not in runs and "apt-get" not in runs and "container" not in build


def dry_run(*mode: str) -> str:
    """What scripts/setup would install, printed without installing anything."""
    process = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup"), *mode],
        env={**os.environ, "SCHOLIA_SETUP_DRY_RUN": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return process.stdout


def test_scripts_setup_build_installs_no_browser_no_java_no_npm():
    build, everything = dry_run("build"), dry_run()
    for tool in ("chromium", "default-jre-headless", "npm", "nodejs"):
        assert tool in everything, f"scripts/setup no longer installs {tool}: update this test"
        assert tool not in build, f"scripts/setup build installs {tool}"
    assert "--no-default-groups --group pdf" in build and "uv sync --locked" in build
    assert "--require-hashes" in build and "--require-hashes" in everything
