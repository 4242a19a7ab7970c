"""``scripts/url-manifest``: keep ``tests/url-manifest.txt`` and check a build against it.

Command line::

    python -m mkdocs_scholia.plugins.corrections.manifest_command update [--site DIR]   # add new URLs
    python -m mkdocs_scholia.plugins.corrections.manifest_command check  [--site DIR]   # the test, as a command

It reads the redirects from mkdocs.yml as MkDocs does (``redirect_maps`` of
the redirects plugin, ``anchor_redirects`` of ``scholia-corrections``), so
it lives in the plugin layer; the manifest itself is
:mod:`mkdocs_scholia.corrections.manifest`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config import load_config

from mkdocs_scholia.corrections import manifest

REPO = Path.cwd()
DEFAULT_MANIFEST = REPO / "tests" / "url-manifest.txt"


def redirect_config(config_file: Path) -> tuple[dict[str, str], dict[str, str], bool]:
    """``redirect_maps``, ``anchor_redirects`` and ``use_directory_urls`` from mkdocs.yml."""
    config = load_config(str(config_file))
    redirects = config.plugins.get("redirects")
    corrections = config.plugins.get("scholia-corrections")
    return (
        dict(redirects.config.get("redirect_maps") or {}) if redirects else {},
        dict(corrections.config.get("anchor_redirects") or {}) if corrections else {},
        bool(config.use_directory_urls),
    )


def build(config_file: Path, destination: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file), "-d", str(destination)],
        check=True,
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="url-manifest", description=(manifest.__doc__ or "").split("\n\n")[0])
    parser.add_argument("command", choices=["update", "check"], nargs="?", default="update")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now, strictly)")
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="url-manifest-") as temporary:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            build(args.config.resolve(), site_dir)
        site = manifest.collect(site_dir)
    listed = manifest.read(args.manifest) if args.manifest.exists() else []
    redirect_maps, anchor_redirects, directory_urls = redirect_config(args.config)
    problems = manifest.check(listed, site, redirect_maps, anchor_redirects, directory_urls)
    new = manifest.unlisted(listed, site)
    if args.command == "update":
        manifest.write(args.manifest, [*listed, *new])
        print(f"{args.manifest}: {len(set(listed) | set(new))} URLs ({len(new)} new)")
    else:
        for url in new:
            print(f"{url}: published but not in the manifest; run scripts/url-manifest", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems or (args.command == "check" and new) else 0


if __name__ == "__main__":
    sys.exit(main())
