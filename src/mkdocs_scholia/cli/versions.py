"""``mkdocs-scholia versions``: the deployable site with every released edition.

The current build (``--site-dir``, built strictly now if absent) goes to the
root; each release recorded in the changelog with its ``commit:`` is built
from that commit, with its own code, at ``v/<version>/``; everything is
assembled into ``--out``; every address in each release's URL manifest is
checked under its version, and every permanent link into ``v/<version>/``
must resolve. See docs-dev/versions.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from mkdocs_scholia.versions import addresses, assemble, build, releases


def site_url_of(config: Path) -> str:
    """The ``site_url`` of a MkDocs configuration, read as a YAML node (its ``!ENV`` tags are left alone)."""
    root = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    url = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "site_url" and isinstance(value, yaml.ScalarNode):
                url = value.value
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise SystemExit(f"{config}: site_url is required (an http(s) address) to give each version its address")
    return url if url.endswith("/") else url + "/"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "versions",
        help="assemble the deployable site: the current edition and every release at /v/<version>/",
        description=(__doc__ or "").split("\n\n")[1].replace("\n", " "),
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    parser.add_argument("--changelog", type=Path, default=Path("source/changelog.yml"), help="next to mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=Path("build/site"), help="the current build")
    parser.add_argument("--out", type=Path, default=Path("build/deploy"), help="the deployable site (replaced)")
    parser.add_argument("--cache", type=Path, help="keep each release's build here, by commit")
    parser.add_argument("--envs", type=Path, help="share Python environments between releases with the same lock")
    parser.add_argument("--work", type=Path, default=Path("build/versions"), help="where releases are built")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # The changelog is validated by the plugin layer's typed records (MkDocs config classes).
    from mkdocs_scholia.plugins.datafiles.changelog import load_changelog

    config = args.config_file.resolve()
    repo = config.parent
    try:
        found = releases.from_changelog(load_changelog(repo / args.changelog, repo), name=str(args.changelog))
    except (ValueError, OSError) as error:
        print(f"mkdocs-scholia versions: {error}", file=sys.stderr)
        return 1
    site_url = site_url_of(config)
    site = args.site_dir.resolve()
    if not (site / "index.html").is_file():
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    builds = {}
    start = time.monotonic()
    for release in found:
        began = time.monotonic()
        builds[release.version] = build.build_release(
            repo,
            release,
            site_url=site_url,
            out=(args.work / release.version).resolve(),
            cache=args.cache.resolve() if args.cache else None,
            envs=args.envs,
        )
        took = time.monotonic() - began
        print(f"mkdocs-scholia versions: {release.version} ({release.commit[:12]}) in {took:.1f} s", file=sys.stderr)
    assemble.assemble(site, builds, found, args.out.resolve())
    problems = addresses.missing(repo, args.out.resolve(), found)
    if problems:
        print("mkdocs-scholia versions: a versioned address disappeared:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    problems = addresses.unresolved(args.out.resolve(), site_url, found)
    if problems:
        print(
            "mkdocs-scholia versions: a permanent link leads nowhere (record the sources' changes since the "
            "last release under `unreleased` in the changelog, or release them):\n  " + "\n  ".join(problems),
            file=sys.stderr,
        )
        return 1
    took = time.monotonic() - start
    print(f"mkdocs-scholia versions: {len(found)} release(s) in {args.out} ({took:.1f} s)", file=sys.stderr)
    return 0
