"""``mkdocs-scholia urls``: add what the site now publishes to the URL manifest.

The manifest (``tests/url-manifest.txt`` by default) lists every page and
citable anchor the edition has published; it only grows. ``check`` fails when
a listed address is no longer published without a redirect, or when a
published one is not listed yet: this command lists the new ones. The
manifest itself is :mod:`mkdocs_scholia.corrections.manifest`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DEFAULT_MANIFEST = "tests/url-manifest.txt"


def run_manifest(command: str, config_file: Path, manifest: Path, site_dir: Path | None) -> int:
    """Run the URL manifest's ``update`` or ``check`` on a built site (or a fresh build without one)."""
    from mkdocs_scholia.plugins.corrections import manifest_command  # reads mkdocs.yml through MkDocs

    argv = [command, "--config", str(config_file), "--manifest", str(manifest)]
    if site_dir is not None:
        argv += ["--site", str(site_dir)]
    status: int = manifest_command.main(argv)
    return status


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "urls",
        help="add the addresses the site now publishes to the URL manifest",
        description=(__doc__ or "").split("\n\n")[1].replace("\n", " "),
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    parser.add_argument("--manifest", type=Path, help=f"default: {DEFAULT_MANIFEST} next to mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, help="a site already built (default: build it now, strictly)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config_file = args.config_file.resolve()
    if not config_file.is_file():
        print(
            f"mkdocs-scholia urls: {args.config_file} does not exist: run it in the edition's folder", file=sys.stderr
        )
        return 2
    manifest = (args.manifest or config_file.parent / DEFAULT_MANIFEST).resolve()
    manifest.parent.mkdir(parents=True, exist_ok=True)
    return run_manifest("update", config_file, manifest, args.site_dir.resolve() if args.site_dir else None)
