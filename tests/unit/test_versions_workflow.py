"""The Pages workflow publishes every released edition, not only the current build."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_pages_assembles_the_versions_and_uploads_them():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # releases are built from their commits
    runs = [step.get("run", "") for step in steps]
    assembled = next(index for index, run in enumerate(runs) if "scripts/build-versions" in run)
    built = next(index for index, run in enumerate(runs) if "scripts/check build" in run)
    upload = next(index for index, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    assert built < assembled < upload
    assert steps[upload]["with"]["path"] == "build/deploy"
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/versions"


def test_the_script_assembles_into_the_uploaded_folder():
    script = (REPO / "scripts" / "build-versions").read_text(encoding="utf-8")
    assert 'deploy="${SCHOLIA_DEPLOY_DIR:-build/deploy}"' in script
    assert "mkdocs-scholia versions" in script and "--cache .cache/versions" in script
