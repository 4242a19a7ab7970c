"""The command line: ``mkdocs-scholia new | check | urls | versions`` (argparse, no other dependency)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mkdocs_scholia import __version__
from mkdocs_scholia.cli import check, new, urls, versions


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="mkdocs-scholia",
        description="Scholarly editions with MkDocs: start one, check it, keep its addresses.",
        epilog="The author's guide: https://github.com/scholia-editions/sino-soviet-split/blob/main/guide/README.md",
    )
    top.add_argument("--version", action="version", version=f"mkdocs-scholia {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new.add_parser(commands)
    check.add_parser(commands)
    urls.add_parser(commands)
    versions.add_parser(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
