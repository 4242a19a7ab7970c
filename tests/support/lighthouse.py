"""The locked Lighthouse (``package-lock.json``) on many pages with one Debian Chromium.

Used by ``tests/tools/test_browser_lighthouse.py`` and ``scripts/lighthouse``.
:func:`run_lighthouse_batch` runs ``lighthouse.mjs`` (beside this file) with
node, which reads the jobs from a JSON file and writes one JSON line per result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from support import REPO
from support.browser import CHROMIUM, MISSING_CHROMIUM

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
MISSING_LIGHTHOUSE = f"Lighthouse is not installed at {LIGHTHOUSE}: run scripts/setup (it runs `npm ci`)."
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_RUNNER = Path(__file__).with_name("lighthouse.mjs")


@dataclass
class LighthouseResult:
    url: str
    form_factor: str
    scores: dict[str, int | None]
    transferred: int | None  # bytes, from the total-byte-weight audit (performance only)
    failing: dict[str, list[str]]  # category -> its audits that cost points


def run_lighthouse_batch(
    jobs: list[tuple[str, str]],
    categories: tuple[str, ...] = CATEGORIES,
    *,
    fast: bool = False,
    on_result: Callable[[LighthouseResult], None] | None = None,
    timeout: float = 1800,
) -> list[LighthouseResult]:
    """Lighthouse on each (url, form factor) of ``jobs``, with one Debian Chromium.

    ``form factor`` is ``mobile`` (Lighthouse's default emulation) or
    ``desktop`` (its desktop preset). ``fast`` shortens the quiet-period waits
    that only timing audits need. ``on_result`` is called as each job ends.
    """
    if not LIGHTHOUSE.exists():
        raise RuntimeError(MISSING_LIGHTHOUSE)
    if not CHROMIUM.is_file():
        raise RuntimeError(MISSING_CHROMIUM)
    if shutil.which("node") is None:
        raise RuntimeError("node is missing: run scripts/setup")
    for _, form_factor in jobs:
        if form_factor not in ("mobile", "desktop"):
            raise ValueError(form_factor)
    spec = {
        "categories": list(categories),
        "fast": fast,
        "jobs": [{"url": url, "formFactor": form_factor} for url, form_factor in jobs],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    results: list[LighthouseResult] = []
    try:
        with tempfile.TemporaryFile("w+") as errors, subprocess.Popen(
            ["node", str(LIGHTHOUSE_RUNNER), handle.name],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=REPO,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        ) as process:
            for line in process.stdout:
                data = json.loads(line)
                if data.get("error"):
                    process.kill()
                    raise RuntimeError(f"lighthouse failed on {data['url']} ({data['formFactor']}): {data['error']}")
                result = LighthouseResult(
                    url=data["url"],
                    form_factor=data["formFactor"],
                    scores=data["scores"],
                    transferred=data.get("transferred"),
                    failing=data["failing"],
                )
                results.append(result)
                if on_result:
                    on_result(result)
            if process.wait(timeout=timeout) != 0 or len(results) != len(jobs):
                errors.seek(0)
                raise RuntimeError(f"lighthouse runner failed ({process.returncode}):\n{errors.read()[-4000:]}")
    finally:
        os.unlink(handle.name)
    return results


def node_available() -> bool:
    return shutil.which("node") is not None
