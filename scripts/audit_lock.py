#!/usr/bin/env python3
"""Fallback dependency audit of uv.lock for machines whose only network is PyPI.

Why this exists: pip-audit (``scripts/audit``) needs PyPI's per-version JSON
(``/pypi/<name>/<version>/json``, HTTP 404 here) or api.osv.dev (unreachable
here), so on these machines it audits nothing. What does answer is the
project-level JSON, ``https://pypi.org/pypi/<name>/json``. Its top-level
``vulnerabilities`` list is PyPI's advisory data (from OSV) for the project's
*latest* release only, and ``releases`` maps every version to its files, each
with ``yanked`` / ``yanked_reason``. Neither the per-file entries nor the
PEP 691 simple index carry anything about vulnerabilities.

So this audit is strict about what that data can prove and no more:

* locked version == latest release: every non-withdrawn advisory is a finding
  (VULNERABLE); none means ``ok``;
* locked version != latest: the advisories say nothing about it, so it is
  ``not audited`` -- nothing is inferred from the latest release's list (its
  ``fixed_in`` cannot tell whether an older version was ever affected);
* any locked version that is yanked is a finding, latest or not;
* a package that cannot be looked up is a failure, never a silent pass.

Exit status 1 on any finding or failed lookup; with ``--strict`` also when a
package is ``not audited``. Stdlib only, so it runs before ``uv sync``.

Usage: ``python3 scripts/audit_lock.py [--lock uv.lock] [--strict] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYPI_INDEX = "https://pypi.org/simple"
PROJECT_JSON = "https://pypi.org/pypi/{name}/json"
TIMEOUT = 30  # seconds per request
WORKERS = 6

OK = "ok"
VULNERABLE = "VULNERABLE"
YANKED = "yanked"
NOT_AUDITED = "not audited (not latest)"
LOOKUP_FAILED = "lookup failed"
FAILING = {VULNERABLE, YANKED, LOOKUP_FAILED}


@dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    registry: str


@dataclass
class Result:
    name: str
    locked: str
    latest: str | None
    status: str
    vulnerabilities: list[dict] = field(default_factory=list)
    yanked_reason: str | None = None
    note: str = ""


def read_lock(path: Path) -> list[LockedPackage]:
    """Every registry package in uv.lock (all groups, every fork's version).

    Editable, virtual, git, path and URL sources are not registry releases,
    so PyPI has no advisories for them: they are left out.
    """
    lock = tomllib.loads(path.read_text(encoding="utf-8"))
    packages = {
        LockedPackage(p["name"], p["version"], p["source"]["registry"])
        for p in lock.get("package", [])
        if "registry" in p.get("source", {})
    }
    return sorted(packages, key=lambda p: (p.name, p.version))


def fetch_project(name: str) -> dict:
    """PyPI's project JSON for ``name``; one retry on a network error (not on an HTTP 4xx)."""
    url = PROJECT_JSON.format(name=name)
    for attempt in (1, 2):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code < 500 or attempt == 2:
                raise
        except OSError:  # URLError, timeouts, resets
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def audit_package(package: LockedPackage, project: dict) -> Result:
    """Judge one locked package from its project JSON, claiming only what the data says."""
    latest = project.get("info", {}).get("version")
    files = project.get("releases", {}).get(package.version)
    if not latest or not files:
        return Result(package.name, package.version, latest, LOOKUP_FAILED,
                      note=(f"version {package.version} has no files on PyPI" if latest
                            else "no latest version in the JSON"))
    yanked = [f for f in files if f.get("yanked")]
    yanked_reason = (yanked[0].get("yanked_reason") or "no reason given") if yanked else None
    if package.version != latest:
        return Result(package.name, package.version, latest, YANKED if yanked else NOT_AUDITED,
                      yanked_reason=yanked_reason, note="advisories cover the latest release only")
    vulnerabilities = [
        {key: v.get(key) for key in ("id", "aliases", "fixed_in", "link")}
        for v in project.get("vulnerabilities") or []
        if not v.get("withdrawn")
    ]
    status = VULNERABLE if vulnerabilities else YANKED if yanked else OK
    return Result(package.name, package.version, latest, status, vulnerabilities, yanked_reason)


def audit(packages: list[LockedPackage]) -> list[Result]:
    """Audit every package; each project is fetched once (uv.lock may pin two versions of one)."""
    names = sorted({p.name for p in packages if p.registry.rstrip("/") == PYPI_INDEX})

    def lookup(name: str) -> dict | Exception:
        try:
            return fetch_project(name)
        except (OSError, ValueError) as error:  # network, HTTP, bad JSON
            return error

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        projects = dict(zip(names, pool.map(lookup, names), strict=True))
    results = []
    for package in packages:
        project = projects.get(package.name)
        if project is None:
            results.append(Result(package.name, package.version, None, LOOKUP_FAILED,
                                  note=f"registry {package.registry} is not PyPI: no advisory source"))
        elif isinstance(project, Exception):
            results.append(Result(package.name, package.version, None, LOOKUP_FAILED, note=str(project)))
        else:
            results.append(audit_package(package, project))
    return results


def exit_status(results: list[Result], strict: bool) -> int:
    failing = FAILING | {NOT_AUDITED} if strict else FAILING
    return 1 if any(r.status in failing for r in results) else 0


def report(results: list[Result]) -> str:
    """The table, the details of each finding or failure, and a summary line."""
    rows = [("package", "locked", "latest", "status")]
    rows += [(r.name, r.locked, r.latest or "?", r.status) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[3] for row in rows]
    for r in results:
        for v in r.vulnerabilities:
            lines.append(f"{r.name} {r.locked}: {v['id']} (aliases: {', '.join(v['aliases'] or []) or 'none'}; "
                         f"fixed in: {', '.join(v['fixed_in'] or []) or 'no fix'}) {v['link'] or ''}".rstrip())
        if r.yanked_reason:
            lines.append(f"{r.name} {r.locked}: yanked ({r.yanked_reason})")
        if r.status == LOOKUP_FAILED:
            lines.append(f"{r.name} {r.locked}: lookup failed ({r.note})")
    counts = Counter(r.status for r in results)
    lines.append(f"{len(results)} locked packages: " + ", ".join(
        f"{counts[s]} {s}" for s in (OK, VULNERABLE, YANKED, NOT_AUDITED, LOOKUP_FAILED)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=REPO / "uv.lock", help="uv.lock to audit (default: the repo's)")
    parser.add_argument("--strict", action="store_true", help="also fail when a package is not the latest release")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results as JSON")
    args = parser.parse_args(argv)
    results = audit(read_lock(args.lock))
    status = exit_status(results, args.strict)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps({
            "lock": str(args.lock), "strict": args.strict, "exit_status": status,
            "summary": dict(Counter(r.status for r in results)),
            "results": [asdict(r) for r in results],
        }, indent=2) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
