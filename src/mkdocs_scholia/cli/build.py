"""Running ``mkdocs build --strict`` for the commands, in a subprocess.

The commands never import MkDocs: a build runs as ``python -m mkdocs`` with
the same interpreter, in the folder of ``mkdocs.yml``, so it sees the same
plugins and the same relative paths as an editor's ``mkdocs build``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def strict_build(config_file: Path, site_dir: Path, *, quiet: bool = False) -> int:
    """Build the site of ``config_file`` into ``site_dir`` with ``--strict``; return the exit status."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    if quiet:
        command.append("--quiet")
    process = subprocess.run(
        command,
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return process.returncode
