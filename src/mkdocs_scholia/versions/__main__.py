"""``python -m mkdocs_scholia.versions``: assemble the deployable site with every release.

    python -m mkdocs_scholia.versions --current build/site --out build/deploy \
        [--repo .] [--changelog source/changelog.yml] [--config mkdocs.yml] \
        [--cache .cache/versions] [--work build/versions]

``--current`` is the build of the current sources (``mkdocs build``); each
release recorded in the changelog is built from its commit (see :mod:`.build`),
then everything is assembled into ``--out`` (see :mod:`.assemble`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdocs_scholia.versions", description=__doc__.splitlines()[0])
    parser.add_argument("--current", type=Path, required=True, help="the build of the current sources")
    parser.add_argument("--out", type=Path, required=True, help="where the deployable site goes (replaced)")
    parser.add_argument("--repo", type=Path, default=Path("."))
    parser.add_argument("--changelog", type=Path, default=Path("source/changelog.yml"))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--cache", type=Path, default=None, help="keep each release's build here, by commit")
    parser.add_argument("--envs", type=Path, default=None, help="share Python environments between releases here")
    parser.add_argument("--work", type=Path, default=Path("build/versions"))
    args = parser.parse_args(argv)
    try:
        found = releases.load(args.repo / args.changelog)
    except (ValueError, OSError) as error:
        print(f"versions: {error}", file=sys.stderr)
        return 1
    site_url = site_url_of(args.repo / args.config)
    builds = {}
    start = time.monotonic()
    for release in found:
        began = time.monotonic()
        builds[release.version] = build.build_release(
            args.repo.resolve(),
            release,
            site_url=site_url,
            out=(args.work / release.version).resolve(),
            cache=args.cache,
            envs=args.envs,
        )
        print(
            f"versions: {release.version} ({release.commit[:12]}) in {time.monotonic() - began:.1f} s", file=sys.stderr
        )
    assemble.assemble(args.current, builds, found, args.out)
    problems = addresses.missing(args.repo, args.out, found)
    if problems:
        print("versions: a versioned address disappeared:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(
        f"versions: {len(found)} release(s) assembled into {args.out} in {time.monotonic() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
