"""The benchmark script runs end to end on a tiny corpus (the benchmark itself is not a test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import REPO


def test_benchmark_script_runs_on_three_pages(tmp_path):
    report = tmp_path / "figures.json"
    process = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark"), "--pages", "3", "--cites", "2", "--entries", "20",
         "--repeat", "1", "--warmup", "0", "--tools", "floor,scholia", "--out", str(tmp_path / "out"),
         "--json", str(report)],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "| Scholia |" in process.stdout
    figures = json.loads(report.read_text())["runs"][0]
    assert figures["citations"] == 6
    scholia = figures["results"]["scholia"]
    assert scholia["check"].startswith("6 citations")  # the build resolved every citation
    assert scholia["cold"] > 0 and scholia["rebuild"] > 0 and scholia["rss"] > 0
