"""Release a new version of the edition: the changelog and mkdocs.yml, in one step.

    scripts/release 1.0.1 "One sentence on what this version changes."
    scripts/release 1.0.1 "..." --date 2026-12-01     (default: today)

What it does, as CONTRIBUTING.md ("Releasing a new version") describes:

1. in source/changelog.yml, the entries of ``unreleased:`` become the
   ``changes:`` of a new release at the top of ``releases:`` (with the
   version, the date and the summary), and ``unreleased:`` is emptied;
2. in mkdocs.yml, the ``version`` and ``date`` under the ``scholia`` plugin's
   ``edition:`` are set to the same values (the build fails if the two files
   disagree, which is why they are changed together);
3. the changelog is checked as the build checks it.

Both files are edited as text, so their comments and layout stay as they
are. Refused: nothing unreleased, a version that is not greater than the
latest release, a date before it. Then build and add the new addresses to
the URL manifest (scripts/url-manifest), check, commit, tag after the merge,
and record the merged commit as the release's ``commit:`` in the commit after
(a commit cannot name itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import textwrap
from pathlib import Path

from mkdocs_scholia.corrections.changelog import version_key
from mkdocs_scholia.plugins.datafiles.changelog import load_changelog

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = ROOT / "source" / "changelog.yml"
MKDOCS = ROOT / "mkdocs.yml"


def release_changelog(text: str, version: str, date: dt.date, summary: str) -> str:
    """``text`` with the unreleased changes moved into a new release."""
    match = re.search(r"^unreleased:[ \t]*\n((?:(?:[ \t]+.*)?\n)*?)(?=^\S)", text, re.MULTILINE)
    if match is None or not match.group(1).strip():
        raise SystemExit("release: source/changelog.yml has no unreleased changes to release")
    changes = match.group(1).rstrip("\n")
    releases = re.search(r"^releases:[ \t]*\n", text[match.end() :], re.MULTILINE)
    if releases is None:
        raise SystemExit("release: source/changelog.yml has no `releases:` list")
    wrapped = textwrap.fill(summary, width=72, initial_indent="      ", subsequent_indent="      ")
    indented = "\n".join(("    " + line) if line.strip() else line for line in changes.split("\n"))
    entry = (
        f"  - version: {version}\n    date: {date.isoformat()}\n    summary: >-\n{wrapped}\n    changes:\n{indented}\n"
    )
    start = match.end() + releases.end()
    head = text[: match.start()] + "unreleased: []\n\n" + text[match.end() : start]
    return head.rstrip("\n") + "\n" + entry + text[start:]


def release_mkdocs(text: str, version: str, date: dt.date) -> str:
    """``text`` with the edition's version and date set (the first ``version:``/``date:`` under ``edition:``)."""
    edition = re.search(r"^([ \t]+)edition:[ \t]*\n", text, re.MULTILINE)
    if edition is None:
        raise SystemExit("release: mkdocs.yml has no `edition:` under the scholia plugin")
    head, body = text[: edition.end()], text[edition.end() :]
    body, versions = re.subn(r"^([ \t]+version:[ \t]*).*$", rf'\g<1>"{version}"', body, count=1, flags=re.MULTILINE)
    body, dates = re.subn(r"^([ \t]+date:[ \t]*).*$", rf"\g<1>{date.isoformat()}", body, count=1, flags=re.MULTILINE)
    if not (versions and dates):
        raise SystemExit("release: mkdocs.yml's `edition:` lacks `version:` or `date:`")
    return head + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("version", help="MAJOR.MINOR.PATCH (see CONTRIBUTING.md for which number)")
    parser.add_argument("summary", help="one sentence on what this version changes")
    # Today where the editor is: a release is dated by the calendar of whoever makes it.
    today = dt.datetime.now().astimezone().date()
    parser.add_argument("--date", type=dt.date.fromisoformat, default=today, help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    current = load_changelog(CHANGELOG).current
    if version_key(args.version) <= version_key(current.version):
        raise SystemExit(f"release: {args.version} is not greater than the latest release, {current.version}")
    if args.date < current.date:
        raise SystemExit(f"release: {args.date} is before the latest release's date, {current.date}")
    new_changelog = release_changelog(CHANGELOG.read_text(encoding="utf-8"), args.version, args.date, args.summary)
    new_mkdocs = release_mkdocs(MKDOCS.read_text(encoding="utf-8"), args.version, args.date)
    CHANGELOG.write_text(new_changelog, encoding="utf-8")
    released = load_changelog(CHANGELOG).current  # checked as the build checks it
    assert (released.version, released.date) == (args.version, args.date)
    MKDOCS.write_text(new_mkdocs, encoding="utf-8")
    print(f"Released {args.version} of {args.date.isoformat()} with {len(released.changes)} change(s).")
    print(
        "Next: scripts/url-manifest (the version's anchor and any new notes), scripts/check, commit, merge, tag;"
        " then record the merged commit as the release's `commit:` (CONTRIBUTING.md)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
