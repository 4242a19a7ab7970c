"""CSL references kept in the bibliography's disk cache across builds, as the Harvard style's are.

The references of an author-date or note style are stored with the
bibliography (HMAC-authenticated JSON, key outside the project) under a name
that holds the style id, the digest of its .csl file and the locale; a second
load renders none of them again, and another locale renders them afresh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mkdocs_scholia.bib import load, loading
from mkdocs_scholia.csl import CslStyle
from mkdocs_scholia.csl.engine import CslProcessor

DATA = Path(__file__).resolve().parents[1] / "data" / "csl"


@pytest.fixture(autouse=True)
def user_cache(monkeypatch, tmp_path_factory) -> None:
    monkeypatch.setattr(loading, "_CACHE", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


def rendered(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = CslProcessor.entry

    def counting(self, key):
        calls.append(key)
        return original(self, key)

    monkeypatch.setattr(CslProcessor, "entry", counting)
    return calls


def build(project: Path, locale: str) -> list[str]:
    loading._CACHE.clear()  # a new process: only the disk cache is left
    bibliography = load(["site.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    bibliography.use_style(CslStyle("chicago-author-date", bibliography.data.entries, root=project, locale=locale))
    texts = [bibliography.reference(key).text for key in bibliography.keys]
    bibliography.write_cache()
    return texts


def test_csl_references_come_back_from_the_disk_cache(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(DATA / "site.bib", project / "site.bib")
    calls = rendered(monkeypatch)
    first = build(project, "en-US")
    assert len(calls) == len(first) > 0
    calls.clear()
    assert build(project, "en-US") == first
    assert calls == []  # every reference read back
    german = build(project, "de-DE")
    assert len(calls) == len(german)  # another locale: rendered again
