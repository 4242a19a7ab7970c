"""``mkdocs-scholia new FOLDER --title … --author …``: start a new edition repository.

Writes the edition's files (:mod:`mkdocs_scholia.scaffold`), then builds the
new site once, strictly, and records the addresses it publishes in
``tests/url-manifest.txt``: the new repository passes its own check from the
first commit. ``--no-build`` skips that (run ``mkdocs-scholia urls`` later).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs_scholia.cli.build import strict_build
from mkdocs_scholia.cli.urls import DEFAULT_MANIFEST, run_manifest
from mkdocs_scholia.scaffold import NewEdition, OptionsError, write_edition
from mkdocs_scholia.scaffold.options import PACKAGE_REPOSITORY


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "new",
        help="start a new edition repository",
        description="Start a new edition: write a complete repository (pages, bibliography, apparatus, "
        "changelog, mkdocs.yml, pyproject.toml, README, CONTRIBUTING, issue and pull-request templates, "
        "CI and Pages workflows, a test) into FOLDER, then build it once, strictly.",
    )
    parser.add_argument(
        "folder", type=Path, help="the new repository's folder (new, or empty); its name names the project"
    )
    parser.add_argument("--title", required=True, help="the essay's title")
    parser.add_argument(
        "--author",
        action="append",
        required=True,
        metavar="NAME",
        help='the essay\'s author, "Given Family" (once per author)',
    )
    parser.add_argument(
        "--editor", action="append", default=[], metavar="NAME", help="an editor of the edition (once per editor)"
    )
    parser.add_argument("--publisher", default="", help="the edition's publisher, if any")
    parser.add_argument(
        "--github",
        default="",
        metavar="OWNER/NAME",
        help="the GitHub repository (default: your-github-account/FOLDER, to edit)",
    )
    parser.add_argument(
        "--site-url", default="", help="where the site is published (default: the repository's GitHub Pages address)"
    )
    parser.add_argument(
        "--edition-version", default="0.1.0", metavar="X.Y.Z", help="the first version (default: 0.1.0)"
    )
    parser.add_argument("--date", type=_date, default=None, help="its date, YYYY-MM-DD (default: today)")
    parser.add_argument("--language", default="en", help="the text's language tag (default: en)")
    parser.add_argument(
        "--no-apparatus",
        dest="apparatus",
        action="store_false",
        help="no copy-text and no apparatus (an essay published as the author gives it, with no record of departures)",
    )
    parser.add_argument(
        "--no-pdf", dest="pdf", action="store_false", help="no PDF of the full text (no WeasyPrint, no Pango)"
    )
    parser.add_argument(
        "--from-git",
        nargs="?",
        const=PACKAGE_REPOSITORY,
        default="",
        metavar="URL",
        help=f"depend on the package's Git repository instead of a release (default URL: {PACKAGE_REPOSITORY})",
    )
    parser.add_argument(
        "--no-build", dest="build", action="store_false", help="write the files only; do not build the site"
    )
    parser.set_defaults(run=run)


def say(message: str) -> None:
    print(f"mkdocs-scholia new: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    try:
        options = NewEdition(
            slug=folder.resolve().name,
            title=args.title,
            authors=tuple(args.author),
            editors=tuple(args.editor),
            publisher=args.publisher,
            github=args.github,
            site_url=args.site_url,
            version=args.edition_version,
            date=args.date or datetime.date.today(),  # noqa: DTZ011 - the editor's own calendar day
            language=args.language,
            apparatus=args.apparatus,
            pdf=args.pdf,
            from_git=args.from_git,
        )
        written = write_edition(options, folder)
    except (OptionsError, FileExistsError) as error:
        say(str(error))
        return 2
    say(f"wrote {len(written)} files into {folder}")
    if args.build:
        config_file = (folder / "mkdocs.yml").resolve()
        with tempfile.TemporaryDirectory(prefix="mkdocs-scholia-new-") as temporary:
            site_dir = Path(temporary) / "site"
            say("building the new site once, strictly, to record its addresses")
            if strict_build(config_file, site_dir, quiet=True) != 0:
                say(
                    "the first build failed (see above); the files are written: "
                    "fix the cause and run `mkdocs-scholia urls`"
                )
                return 1
            if run_manifest("update", config_file, config_file.parent / DEFAULT_MANIFEST, site_dir) != 0:
                return 1
    print(next_steps(options, folder, built=args.build))
    return 0


def next_steps(options: NewEdition, folder: Path, *, built: bool) -> str:
    """What to do next, for the editor."""
    lines = [f"The edition is in {folder}. Next:", f"  cd {folder}"]
    if not built:
        lines.append("  uv run mkdocs-scholia urls      # build once and record the addresses")
    lines += [
        "  uv run mkdocs serve             # write and preview",
        "  uv run pytest                   # check: what CI runs",
    ]
    if options.placeholder_repository:
        lines.append(
            f"Before you publish: replace '{options.owner}' in mkdocs.yml (site_url, repo_url, repo_name) "
            "with your GitHub account, or start again with --github OWNER/NAME."
        )
    if not options.from_git:
        lines.append(
            "Until mkdocs-scholia has a release on PyPI, `uv run` needs the Git repository: start with --from-git, "
            "or edit the dependency in pyproject.toml."
        )
    lines.append("The author's guide: https://github.com/scholia-editions/sino-soviet-split/blob/main/guide/README.md")
    return "\n".join(lines)
