"""The repository's GitHub files (workflows, issue forms) read as GitHub reads them."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from support import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


class GitHubYAML(yaml.SafeLoader):
    """YAML as GitHub reads it (1.2 booleans): `on:` is a key, not True."""


GitHubYAML.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
GitHubYAML.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_yaml(path: Path) -> Any:
    """A workflow, issue form or template config, as GitHub reads it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=GitHubYAML)


def every_use(workflow: dict[str, Any]) -> list[str]:
    """Every ``uses:`` of a workflow: reusable workflows (jobs) and actions (steps)."""
    uses = []
    for job in workflow["jobs"].values():
        if "uses" in job:
            uses.append(job["uses"])
        for step in job.get("steps", []):
            if "uses" in step:
                uses.append(step["uses"])
    return uses


def every_run(workflow: dict[str, Any]) -> list[str]:
    """The shell of every ``run:`` step of a workflow."""
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def schema(name: str) -> Any:
    """One of GitHub's schemas, as vendored by check-jsonschema (no network)."""
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    document = json.loads((vendor / f"{name}.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(document)
    return validator(document, format_checker=validator.FORMAT_CHECKER)


def schema_errors(name: str, data: Any) -> list[str]:
    """Where ``data`` breaks GitHub's schema ``name`` (``github-workflows``, ``github-issue-forms``, …)."""
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in schema(name).iter_errors(data)]
