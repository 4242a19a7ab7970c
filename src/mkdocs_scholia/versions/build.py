"""Build one release from its own commit, with its own code, at its own address.

The release's commit is checked out in a temporary git worktree (it shares the
repository's history, which the build reads for last-revision dates), its own
locked environment is installed with ``uv sync --locked``, and it is built with
``site_url`` set to ``<site_url>v/<version>/`` through a configuration that
inherits the release's ``mkdocs.yml``. Old code therefore writes its own
permanent link into "Cite this", the exports and the citation metadata, and the
text, notes, apparatus and references are exactly what that version built.
``SOURCE_DATE_EPOCH`` is the commit's time, so a release always builds to the
same bytes, and a finished build may be kept in a cache keyed by the commit
and the address.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs_scholia.versions import releases
from mkdocs_scholia.versions.releases import Release

CONFIG_NAME = "mkdocs.scholia-version.yml"
"""The configuration written into the release's worktree; it inherits the release's mkdocs.yml."""


def versioned_url(site_url: str, release: Release) -> str:
    """The address of a release: ``https://…/v/1.0.0/``."""
    return releases.address(site_url, release.version)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit_time(repo: Path, commit: str) -> str:
    """The commit's time in seconds since the epoch (the build's SOURCE_DATE_EPOCH)."""
    return _git(repo, "log", "-1", "--format=%ct", commit)


def has_commit(repo: Path, commit: str) -> bool:
    """Whether the repository holds the commit (a full clone of main does)."""
    done = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True, check=False
    )
    return done.returncode == 0


def cache_key(release: Release, site_url: str) -> str:
    """A release's build depends only on its commit and its address."""
    digest = hashlib.sha256(versioned_url(site_url, release).encode()).hexdigest()[:16]
    return f"{release.commit}-{digest}"


def environment_key(tree: Path) -> str:
    """Releases with the same lock file and project file can share one environment."""
    digest = hashlib.sha256()
    for name in ("uv.lock", "pyproject.toml"):
        path = tree / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


def build_release(
    repo: Path,
    release: Release,
    *,
    site_url: str,
    out: Path,
    cache: Path | None = None,
    envs: Path | None = None,
    log: bool = False,
) -> Path:
    """Build ``release`` from ``repo`` into ``out`` (replaced); reuse ``cache`` if it holds it.

    ``envs``: a folder of Python environments shared by the releases whose
    ``uv.lock`` and ``pyproject.toml`` are the same (``uv sync`` then only
    reinstalls the project), instead of one new environment per release.
    """
    if not has_commit(repo, release.commit):
        raise RuntimeError(
            f"version {release.version}: commit {release.commit} is not in {repo}; "
            "clone with the full history (actions/checkout with fetch-depth: 0)"
        )
    cached = cache / cache_key(release, site_url) if cache else None
    if out.exists():
        shutil.rmtree(out)
    if cached is not None and (cached / "index.html").is_file():
        shutil.copytree(cached, out)
        return out
    with tempfile.TemporaryDirectory(prefix=f"scholia-v{release.version}-") as temp:
        tree = Path(temp) / "tree"
        _git(repo, "worktree", "add", "--detach", "--force", str(tree), release.commit)
        try:
            (tree / CONFIG_NAME).write_text(
                f"INHERIT: mkdocs.yml\nsite_url: {versioned_url(site_url, release)}\n", encoding="utf-8"
            )
            env = dict(os.environ)
            env.pop("VIRTUAL_ENV", None)
            env.update(SOURCE_DATE_EPOCH=commit_time(repo, release.commit), NO_MKDOCS_2_WARNING="1")
            if envs is not None:
                env["UV_PROJECT_ENVIRONMENT"] = str(envs.resolve() / environment_key(tree))
            output = None if log else subprocess.DEVNULL
            subprocess.run(["uv", "sync", "--locked", "-q"], cwd=tree, env=env, check=True, stdout=output)
            subprocess.run(
                ["uv", "run", "--locked", "mkdocs", "build", "--strict", "-q", "-f", CONFIG_NAME, "-d", str(out)],
                cwd=tree,
                env=env,
                check=True,
                stdout=output,
            )
        finally:
            _git(repo, "worktree", "remove", "--force", str(tree))
    if cached is not None:
        if cached.exists():
            shutil.rmtree(cached)
        shutil.copytree(out, cached)
    return out
