"""Shared fixtures: the repository, and one real strict build of the edition."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def mkdocs_build(config: Path, destination: Path, *, env: dict[str, str] | None = None, check: bool = True):
    """Run a real ``mkdocs build --strict``; return the finished process."""
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(destination)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        cwd=config.parent,
    )
    if check and process.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({process.returncode}):\n{process.stdout}\n{process.stderr}")
    return process


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The edition built once per test session, strictly, into a temp folder."""
    destination = tmp_path_factory.mktemp("site")
    mkdocs_build(REPO / "mkdocs.yml", destination)
    return destination
