"""``mkdocs-scholia check``: what CI runs on every edition, in one command.

1. **build**: ``mkdocs build --strict`` into a fresh folder: an unknown
   citation key, a malformed .bib entry, a broken apparatus or changelog and
   every warning fail it;
2. **links**: every internal link, resource and ``#anchor`` of the built
   site resolves (:mod:`mkdocs_scholia.checks.links`: the package's own
   check, no server, no network, no LinkChecker);
3. **urls**: every address in the URL manifest is still published (or
   redirected), and every published page and citable anchor is listed
   (:mod:`mkdocs_scholia.corrections.manifest`).

Each step prints one line as it starts; the command stops at the first step
that fails and exits non-zero. ``--steps`` runs some of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs_scholia.checks import links, siteconfig
from mkdocs_scholia.cli.build import strict_build
from mkdocs_scholia.cli.urls import DEFAULT_MANIFEST, run_manifest

STEPS = ("build", "links", "urls")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="the strict build, the link check and the URL manifest (what CI runs)",
        description="Run what CI runs on an edition: the strict build, the link check and the URL manifest's check.",
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    parser.add_argument(
        "-d", "--site-dir", type=Path, help="build into this folder and keep it (default: a temporary folder)"
    )
    parser.add_argument(
        "--manifest", type=Path, help=f"the URL manifest (default: {DEFAULT_MANIFEST} next to mkdocs.yml)"
    )
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"which steps, comma-separated, in order (default: {','.join(STEPS)}); "
        "links and urls use the site in --site-dir without building it again",
    )
    parser.set_defaults(run=run)


def say(message: str) -> None:
    print(f"mkdocs-scholia check: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    unknown = [step for step in steps if step not in STEPS]
    if unknown or not steps:
        say(f"unknown step {', '.join(unknown) or '(none)'}: choose from {', '.join(STEPS)}")
        return 2
    config_file = args.config_file.resolve()
    if not config_file.is_file():
        say(f"{args.config_file} does not exist: run the check in the edition's folder, or give -f path/to/mkdocs.yml")
        return 2
    manifest = (args.manifest or config_file.parent / DEFAULT_MANIFEST).resolve()
    with tempfile.TemporaryDirectory(prefix="mkdocs-scholia-check-") as temporary:
        site_dir = (args.site_dir or Path(temporary) / "site").resolve()
        return check(config_file, site_dir, manifest, steps)


def check(config_file: Path, site_dir: Path, manifest: Path, steps: list[str]) -> int:
    """Run ``steps`` on the edition of ``config_file``; 0 when every one passes."""
    total = len(steps)
    for number, step in enumerate(steps, start=1):
        if step == "build":
            say(f"{number}/{total} strict build into {site_dir}")
            if strict_build(config_file, site_dir) != 0:
                say("the strict build failed (the messages above say where and why)")
                return 1
            continue
        if not (site_dir / "index.html").is_file():
            say(f"{site_dir} holds no built site: run the build step first (--steps build,{step})")
            return 1
        if step == "links":
            say(f"{number}/{total} link check of {site_dir}")
            site_url = str(siteconfig.load(config_file).get("site_url") or "")
            report = links.check_site(site_dir, siteconfig.base_path(site_url), site_url)
            links.print_report(report)
            if not report.ok:
                say("broken links: each line above names the page, the line and the link")
                return 1
        elif step == "urls":
            say(f"{number}/{total} URL manifest ({manifest.name})")
            if not manifest.is_file():
                say(f"{manifest} does not exist: run `mkdocs-scholia urls` to write it, then commit it")
                return 1
            if run_manifest("check", config_file, manifest, site_dir) != 0:
                say(
                    "addresses: a published address that is not listed is added with `mkdocs-scholia urls`; "
                    "one that is no longer published needs a redirect (redirect_maps or anchor_redirects)"
                )
                return 1
    say(f"{', '.join(steps)}: all passed")
    return 0
