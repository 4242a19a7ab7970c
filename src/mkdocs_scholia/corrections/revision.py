"""A page's last-revision date, from git.

The date of the last commit that touched any of a page's source files, as git
prints it with ``git log -1 --format=%cs`` (the committer's date, YYYY-MM-DD).
It depends only on the repository's history, so two builds of the same commit
print the same date.

``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
is honoured when set: no date is later than it (the date is clamped), and it
is the date used when git cannot tell (no git, not a repository, a file never
committed). Without it and without git there is no date, and pages say
nothing rather than something untrue; the build never fails for want of git.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path


def source_date_epoch(environ: Mapping[str, str] | None = None) -> dt.date | None:
    """The UTC date of ``SOURCE_DATE_EPOCH``, or None when it is unset or empty.

    A malformed value is an error (the specification asks builds to fail
    rather than guess).
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()


def git_date(paths: Iterable[str | Path], root: Path) -> dt.date | None:
    """The date of the last commit touching any of ``paths``, or None.

    None when git is not installed, ``root`` is not in a work tree, or no
    commit touches the paths (new, uncommitted files).
    """
    git = shutil.which("git")
    names = [str(path) for path in paths]
    if git is None or not names:
        return None
    try:
        process = subprocess.run(
            [git, "-C", str(root), "log", "-1", "--format=%cs", "--", *names],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    output = process.stdout.strip()
    if process.returncode != 0 or not output:
        return None
    try:
        return dt.date.fromisoformat(output)
    except ValueError:
        return None


def last_revision(
    paths: Iterable[str | Path],
    root: Path,
    environ: Mapping[str, str] | None = None,
) -> dt.date | None:
    """When the page made from ``paths`` (relative to ``root``) was last revised.

    The git date, no later than ``SOURCE_DATE_EPOCH`` when that is set; the
    ``SOURCE_DATE_EPOCH`` date when git cannot tell; otherwise None.
    """
    epoch = source_date_epoch(environ)
    committed = git_date(paths, root)
    if committed is None:
        return epoch
    if epoch is not None and committed > epoch:
        return epoch
    return committed
