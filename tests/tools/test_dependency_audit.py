"""The fallback dependency audit (scripts/audit_lock.py) and, in the last test, the audit itself.

The unit tests replace the network fetch with canned PyPI project JSON, so
they check the script's judgement: it claims a package is clean only when the
locked version is the latest release (the only one PyPI's advisories cover).
The last test is the CI audit: the real script, the real uv.lock, the real
registry.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from support import REPO

SCRIPT = REPO / "scripts" / "audit_lock.py"
_spec = importlib.util.spec_from_file_location("audit_lock", SCRIPT)
audit_lock = importlib.util.module_from_spec(_spec)
sys.modules["audit_lock"] = audit_lock  # dataclasses look their module up by name
_spec.loader.exec_module(audit_lock)

ADVISORY = {
    "id": "GHSA-xxxx-yyyy-zzzz", "aliases": ["CVE-2099-0001"], "fixed_in": ["2.0.1"],
    "link": "https://osv.dev/vulnerability/GHSA-xxxx-yyyy-zzzz", "withdrawn": None,
}


def project(latest: str, versions: dict[str, bool | str] | None = None, vulnerabilities=()) -> dict:
    """A PyPI project JSON: ``versions`` maps each version to False, or to its yank reason."""
    versions = versions or {latest: False}
    return {
        "info": {"version": latest},
        "releases": {v: [{"yanked": bool(y), "yanked_reason": y or None}] for v, y in versions.items()},
        "vulnerabilities": list(vulnerabilities),
    }


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """Audit a one-package lock against a canned project JSON; return (exit status, output, JSON report)."""

    def run(locked: str, answer: dict | Exception, *flags: str):
        lock = tmp_path / "uv.lock"
        lock.write_text(
            'version = 1\n[[package]]\nname = "scholia"\nversion = "0.1.0"\nsource = { editable = "." }\n'
            f'[[package]]\nname = "demo"\nversion = "{locked}"\nsource = {{ registry = "https://pypi.org/simple" }}\n',
            encoding="utf-8",
        )

        def fetch(name):
            assert name == "demo"  # the editable project itself is never looked up
            if isinstance(answer, Exception):
                raise answer
            return answer

        monkeypatch.setattr(audit_lock, "fetch_project", fetch)
        report = tmp_path / "audit.json"
        status = audit_lock.main(["--lock", str(lock), "--json", str(report), *flags])
        return status, capsys.readouterr().out, json.loads(report.read_text(encoding="utf-8"))

    return run


def test_latest_with_a_vulnerability_is_a_finding(run):
    status, out, report = run("2.0.0", project("2.0.0", vulnerabilities=[ADVISORY]))
    assert status == 1
    (result,) = report["results"]
    assert result["status"] == "VULNERABLE"
    assert result["vulnerabilities"] == [{k: ADVISORY[k] for k in ("id", "aliases", "fixed_in", "link")}]
    assert "GHSA-xxxx-yyyy-zzzz" in out and "CVE-2099-0001" in out and "fixed in: 2.0.1" in out


def test_latest_without_vulnerabilities_is_ok(run):
    status, out, report = run("2.0.0", project("2.0.0"))
    assert status == 0
    assert report["results"][0]["status"] == "ok"
    assert "1 locked packages: 1 ok" in out


def test_withdrawn_vulnerability_is_ignored(run):
    withdrawn = {**ADVISORY, "withdrawn": "2099-01-02T00:00:00Z"}
    status, _, report = run("2.0.0", project("2.0.0", vulnerabilities=[withdrawn]))
    assert status == 0
    assert report["results"][0]["status"] == "ok"


def test_older_than_latest_is_not_audited_and_fails_only_when_strict(run):
    # The latest release's advisory says nothing about 1.0.0: no finding is inferred from it.
    answer = project("2.0.0", {"1.0.0": False, "2.0.0": False}, vulnerabilities=[ADVISORY])
    status, out, report = run("1.0.0", answer)
    assert status == 0
    assert report["results"][0]["status"] == "not audited (not latest)"
    assert report["results"][0]["vulnerabilities"] == []
    assert "GHSA" not in out
    assert run("1.0.0", answer, "--strict")[0] == 1


def test_yanked_locked_version_is_a_finding(run):
    status, out, report = run("1.0.0", project("2.0.0", {"1.0.0": "broken wheel", "2.0.0": False}))
    assert status == 1
    assert report["results"][0]["status"] == "yanked"
    assert "yanked (broken wheel)" in out


@pytest.mark.parametrize("answer", [OSError("no route to host"), project("2.0.0", {"2.0.0": False})])
def test_failed_lookup_fails_the_audit(run, answer):
    # A network error, or a locked version (1.0.0) the registry does not list.
    status, out, report = run("1.0.0", answer)
    assert status == 1
    assert report["results"][0]["status"] == "lookup failed"
    assert "0 lookup failed" not in out


def test_lock_parser_reads_the_real_uv_lock():
    packages = audit_lock.read_lock(REPO / "uv.lock")
    versions = {p.name: p.version for p in packages}
    assert "scholia" not in versions  # the editable project itself
    for name in ("mkdocs", "pybtex", "markdown"):
        assert name in versions
        assert f'name = "{name}"\nversion = "{versions[name]}"\n' in (REPO / "uv.lock").read_text(encoding="utf-8")


@pytest.mark.network
def test_locked_dependencies_have_no_known_vulnerabilities(tmp_path):
    """The CI audit: every locked package against PyPI; no vulnerability, no yank, no failed lookup."""
    report = tmp_path / "audit.json"
    process = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", str(report)],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    assert summary.get("ok", 0) > 0 and set(summary) <= {"ok", "not audited (not latest)"}
