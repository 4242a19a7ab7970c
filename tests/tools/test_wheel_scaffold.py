"""The package as a new user gets it: a wheel, installed alone into a fresh environment, starts an edition.

1. ``uv build`` makes the wheel and the sdist; both hold the templates, CSS,
   JS and the new-edition files, and the wheel declares the command and the plugins;
2. a fresh virtual environment (``python -m venv``) gets the wheel with
   pip, and with it only what pip fetches from the package registry (and
   pytest, for step 5): nothing from this repository;
3. ``mkdocs-scholia new`` starts the default edition (apparatus and PDF) in a
   temporary folder outside the repository;
4. ``mkdocs build --strict`` there succeeds, and the site has every feature
   (tests/support/scaffold.py);
5. the new repository's own test command, ``pytest``, passes.

It needs the network (the package registry) and takes about two minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from support import REPO
from support.scaffold import assert_edition_features, new_arguments

pytestmark = pytest.mark.network  # and slow, as everything in tests/tools/

PACKAGE_DATA = [
    "mkdocs_scholia/assets/scholia-cite.js",
    "mkdocs_scholia/assets/scholia-references.css",
    "mkdocs_scholia/scaffold/edition/mkdocs.yml",
    "mkdocs_scholia/scaffold/edition/dot-github/workflows/ci.yml",
    "mkdocs_scholia/scaffold/edition/dot-github/ISSUE_TEMPLATE/correction.yml",
    "mkdocs_scholia/scaffold/edition/tests/test_edition.py.tmpl",
]


def run(command: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHONPATH", "UV_"))
    }
    process = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**environment, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        check=False,
    )
    assert process.returncode == 0, f"{' '.join(command)} failed:\n{process.stdout}\n{process.stderr}"
    return process


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is missing: run scripts/setup", pytrace=False)
    out = tmp_path_factory.mktemp("dist")
    run([uv, "build", "--wheel", "--sdist", "--out-dir", str(out), str(REPO)], cwd=REPO)
    return out


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory) -> Path:
    """A fresh environment with the wheel (and its PDF extra) and pytest, from the registry."""
    root = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(root)], cwd=root)
    (wheel,) = dist.glob("*.whl")
    run([str(root / "bin" / "python"), "-m", "pip", "install", "--quiet", f"{wheel}[pdf]", "pytest"], cwd=root)
    return root


def test_the_wheel_and_the_sdist_hold_the_package_data(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert set(PACKAGE_DATA) <= names, set(PACKAGE_DATA) - names
    assert "mkdocs-scholia = mkdocs_scholia.cli.main:main" in entry_points
    assert "scholia = mkdocs_scholia.plugins.scholia.plugin:ScholiaPlugin" in entry_points
    assert "scholia-corrections = " in entry_points and "scholia.citations = " in entry_points
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"src/{name}" for name in PACKAGE_DATA} <= members


def test_a_new_edition_from_the_wheel_builds_with_every_feature_and_passes_its_own_test(venv, tmp_path):
    python = str(venv / "bin" / "python")
    # The environment holds the wheel, not this checkout.
    where = run([python, "-c", "import mkdocs_scholia; print(mkdocs_scholia.__file__)"], cwd=tmp_path).stdout
    assert str(venv) in where and str(REPO) not in where
    folder = tmp_path / "my-essay"
    run([str(venv / "bin" / "mkdocs-scholia"), *new_arguments(folder)], cwd=tmp_path)
    site = tmp_path / "site"
    run([str(venv / "bin" / "mkdocs"), "build", "--strict", "-d", str(site)], cwd=folder)
    assert_edition_features(site, apparatus=True, pdf=True)
    tested = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=folder)
    assert "1 passed" in tested.stdout
