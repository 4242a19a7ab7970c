"""Reproducible builds: the same sources give byte-identical sites.

The repository is cloned into two checkouts at different paths (different
depths, too) -- real git checkouts, since pages carry their last-revision date
from git -- and built three times: twice in one checkout, once in the other,
each with a different PYTHONHASHSEED (so that nothing may depend on set or
dict-of-hash order) and the same SOURCE_DATE_EPOCH, the last commit's time
(where a date may enter: MkDocs' page dates, sitemap.xml's <lastmod>, and the
mtime in sitemap.xml.gz's gzip header come from it, and without it they are
"today"; pages' last-revision dates come from git, clamped to it).
Every output file, the PDF included, must be identical byte for byte.
"""

from __future__ import annotations

import datetime
import shutil
import struct
import subprocess
from pathlib import Path

from support import REPO
from support.build import build_differences, built_files, mkdocs_build

# What a checkout has that a build never reads (and that is large).
NOT_INPUTS = {".git", ".venv", "node_modules", "site", "screenshots", "build", "benchmarks", ".pytest_cache",
              ".hypothesis", "__pycache__", ".ruff_cache", "tests"}
FALLBACK_EPOCH = "1764028800"  # 2025-11-25T00:00:00Z, when the repository is not a git work tree


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def _checkout(destination: Path) -> Path:
    """A fresh checkout of the repository's committed state (a plain copy if it is not a git work tree)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if (REPO / ".git").exists() and shutil.which("git"):
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(destination)], check=True)
    else:
        shutil.copytree(REPO, destination, ignore=lambda folder, names: [n for n in names if n in NOT_INPUTS])
    return destination / "mkdocs.yml"


def test_builds_are_byte_identical_across_runs_and_checkout_paths(tmp_path):
    config_a = _checkout(tmp_path / "a" / "edition")
    config_b = _checkout(tmp_path / "b" / "somewhere" / "else" / "edition-copy")
    in_git = (config_a.parent / ".git").exists()
    # As the specification suggests: the time of the last commit (so no git date is clamped).
    epoch = _git("log", "-1", "--format=%ct", cwd=config_a.parent) if in_git else FALLBACK_EPOCH
    sites = []
    for number, config in enumerate((config_a, config_a, config_b), start=1):
        site = tmp_path / f"site-{number}"
        mkdocs_build(config, site, env={"SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": str(number)})
        sites.append(site)
    assert len(built_files(sites[0])) > 20
    assert any(name.endswith(".gz") for name in built_files(sites[0]))
    assert build_differences(sites[0], sites[1]) == [], "two builds of one checkout differ"
    assert build_differences(sites[0], sites[2]) == [], "builds from two checkout paths differ"
    # No absolute path of either checkout leaks into the output.
    for path in sites[2].rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".js", ".css", ".txt", ".bib", ".ris"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert str(tmp_path) not in text, path
    # sitemap.xml.gz: MkDocs writes the newest page date (SOURCE_DATE_EPOCH's day, midnight UTC) as the gzip mtime.
    header_mtime = struct.unpack("<I", (sites[0] / "sitemap.xml.gz").read_bytes()[4:8])[0]
    day = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    assert header_mtime == int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())
    if in_git:  # the dates really came from git, not from the SOURCE_DATE_EPOCH fallback
        revised = _git("log", "-1", "--format=%cs", "--", "docs/index.md", cwd=config_a.parent)
        home = (sites[2] / "index.html").read_text(encoding="utf-8")
        assert f'class="corrections-revised" datetime="{revised}"' in home
