"""What makes a cache file trusted: this user's builds wrote it (HMAC), it is data (JSON), git does not track it.

Everything in a checkout, ``.cache/`` included, can come from a pull request,
and the site is built from pull requests. So a cache file is read only when
its HMAC was made with the key in the user's own cache folder; its content is
JSON, whose every value is type-checked; a cache folder that git tracks stops
the build. Whatever fails is ignored and rewritten, never an error, never code.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
from pathlib import Path

import pytest

from mkdocs_scholia.bib import BibliographyError, cache, load, loading, parse, secret

ENTRY = "@book{a2000,\n  author = {Able, A.},\n  title = {The title},\n  publisher = {P},\n  year = {2000},\n}\n"
REFERENCE = "Able, A. (2000) <em>The title</em>. P."


@pytest.fixture(autouse=True)
def user_cache(monkeypatch, tmp_path_factory) -> Path:
    """A fresh process with its own user cache folder (where the key lives), outside every project."""
    monkeypatch.setattr(loading, "_CACHE", {})
    folder = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "refs.bib").write_text(ENTRY, encoding="utf-8")
    return root


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The .bib files parsed from here on: empty when the cache answered."""
    calls: list[str] = []
    original = parse.parse_file

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(parse, "parse_file", counting)
    return calls


def build(project: Path):
    """What a build does with the bibliography: load, format, keep."""
    loaded = load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    assert loaded.reference("a2000").html == REFERENCE
    loaded.write_cache()
    loading._CACHE.clear()  # the next call is a new process
    return loaded


def cache_file(project: Path) -> Path:
    (found,) = (project / ".cache" / "scholia").glob("bibliography-*")
    return found


def test_the_file_is_json_behind_a_header_and_an_hmac(project, parses):
    build(project)
    raw = cache_file(project).read_bytes()
    header, mac, body = raw.split(b"\n", 2)
    assert header + b"\n" == cache.MAGIC and len(mac) == 64
    state = json.loads(body)
    assert state["state"]["references"][0][:3] == ["a2000", "Able", "2000"]
    build(project)
    assert parses == ["refs.bib"]  # the second build read the file


def test_a_committed_pickle_is_never_unpickled(project, parses, tmp_path):
    """The cache was a pickle: a committed one ran code in the build as soon as it was loaded."""
    build(project)
    target = cache_file(project)
    ran = tmp_path / "code-ran"

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(ran),))

    target.write_bytes(pickle.dumps({"format": 1, "key": "whatever", "state": Payload()}, protocol=5))
    parses.clear()
    build(project)
    assert not ran.exists()
    assert parses == ["refs.bib"]  # ignored: parsed again
    assert cache_file(project).read_bytes().startswith(cache.MAGIC)  # and rewritten


def test_a_file_written_with_another_key_is_ignored_and_rewritten(project, parses, user_cache):
    """A file from another machine (a pull request's, say) is valid only for that machine's key."""
    build(project)
    (user_cache / "mkdocs-scholia" / "key").unlink()  # this machine now has another key
    parses.clear()
    build(project)
    assert parses == ["refs.bib"]
    build(project)
    assert parses == ["refs.bib"]  # the rewritten file is trusted


def test_an_edited_file_fails_authentication(project, parses):
    build(project)
    target = cache_file(project)
    target.write_bytes(target.read_bytes().replace(b"The title", b"<script>alert(1)</script>"))
    parses.clear()
    loaded = load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    assert loaded.reference("a2000").html == REFERENCE
    assert parses == ["refs.bib"]


def _valid_state(project: Path) -> dict:
    build(project)
    target = cache_file(project)
    return json.loads(target.read_bytes().split(b"\n", 2)[2])["state"]


def _with(state: dict, **changes) -> dict:
    return {**state, **changes}


HOSTILE_STATES = {
    "entries not a list": lambda s: _with(s, entries={"a2000": "book"}),
    "a field value that is a number": lambda s: _with(s, entries=[["a2000", "book", [["title", 7]], []]]),
    "a person with four parts": lambda s: _with(s, entries=[["a2000", "book", [], [["author", [[[], [], [], []]]]]]]),
    "an entry twice": lambda s: _with(s, entries=s["entries"] * 2),
    "a line that is text": lambda s: _with(s, locations=[["a2000", "refs.bib", "1"]]),
    "a line that is a boolean": lambda s: _with(s, locations=[["a2000", "refs.bib", True]]),
    "supplied that is text": lambda s: _with(s, references=[[*s["references"][0][:6], "yes"]]),
    "a reference to no entry": lambda s: _with(s, references=[["nobody", *s["references"][0][1:]]]),
    "warnings not a list": lambda s: _with(s, warnings="none"),
    "derived values not text": lambda s: _with(s, derived={"f": {"fingerprint": "x", "values": {"a2000": 1}}}),
    "another style": lambda s: _with(s, style="plain"),
    "not an object": lambda s: ["a", "list"],
}


@pytest.mark.parametrize("hostile", HOSTILE_STATES.values(), ids=HOSTILE_STATES.keys())
def test_an_authenticated_file_of_the_wrong_shape_is_ignored(project, parses, hostile):
    """Defence in depth: even a file with a valid MAC is checked value by value before use."""
    state = _valid_state(project)
    target = cache_file(project)
    key = json.loads(target.read_bytes().split(b"\n", 2)[2])["key"]
    cache.write(cache.CacheFile(target, key, "unused"), hostile(state))
    parses.clear()
    loaded = load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    assert parses == ["refs.bib"]
    assert loaded.reference("a2000").html == REFERENCE


HOSTILE_BODIES = {
    "nested beyond reason": b"[" * 200_000 + b"]" * 200_000,
    "a huge number": b'{"key": ' + b"9" * 100_000 + b"}",
    "not UTF-8": b'{"key": "\xff\xfe"}',
    "not JSON": b"\x80\x05\x95 a pickle",
    "null": b"null",
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_an_authenticated_body_that_is_not_sound_json_is_ignored(project, parses, body):
    build(project)
    target = cache_file(project)
    target.write_bytes(cache.MAGIC + cache._mac(secret.key(), body) + b"\n" + body)
    parses.clear()
    build(project)
    assert parses == ["refs.bib"]


def test_an_oversized_file_is_not_even_read(project, parses, monkeypatch):
    build(project)
    monkeypatch.setattr(cache, "MAX_BYTES", 100)
    target = cache_file(project)
    original = Path.read_bytes

    def guarded(self):
        assert self != target, "an oversized cache file was read"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    parses.clear()
    loaded = load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    assert parses == ["refs.bib"] and loaded.reference("a2000").html == REFERENCE


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_a_cache_folder_that_git_tracks_is_an_error(project):
    build(project)
    git(project, "init", "-q")
    git(project, "add", "refs.bib", ".cache")
    with pytest.raises(BibliographyError) as raised:
        load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    message = str(raised.value)
    assert message.startswith(".cache/scholia: the cache folder is tracked by git (")
    assert cache_file(project).relative_to(project).as_posix() in message
    assert "git rm -r --cached .cache`" in message
    git(project, "rm", "-r", "-q", "--cached", ".cache")
    build(project)  # untracked: used again


def test_an_ignored_cache_folder_in_a_checkout_is_used(project, parses):
    git(project, "init", "-q")
    (project / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git(project, "add", "-A")
    build(project)
    build(project)
    assert parses == ["refs.bib"]


def test_many_tracked_files_are_counted_not_all_listed(project):
    folder = project / ".cache" / "scholia"
    folder.mkdir(parents=True)
    for number in range(8):
        (folder / f"stray-{number}.json").write_text("{}", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", ".cache")
    with pytest.raises(BibliographyError, match=r"stray-4\.json and 3 more\)"):
        load(["refs.bib"], root=project, cache_dir=folder)


def test_without_git_or_outside_a_checkout_nothing_is_refused(project, monkeypatch, tmp_path):
    build(project)  # not a checkout
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # git cannot be found
    assert cache.tracked_files(project / ".cache" / "scholia") == []
    build(project)


def test_the_key_is_made_once_outside_the_project_for_its_owner_only(project, user_cache):
    build(project)
    path = user_cache / "mkdocs-scholia" / "key"
    assert secret.key_path() == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = secret.key()
    assert len(first) == secret.KEY_BYTES and secret.key() == first
    path.write_text("not a key\n", encoding="utf-8")  # damaged: replaced (old caches are then ignored)
    assert secret.key() != first and len(secret.key()) == secret.KEY_BYTES


def test_a_relative_xdg_cache_home_is_not_used(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/folder")
    assert secret.key_path() == Path.home() / ".cache" / "mkdocs-scholia" / "key"


def test_a_key_inside_the_project_is_refused(project, monkeypatch):
    """Then a pull request could commit both the key and a file it authenticates."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".xdg"))
    with pytest.raises(BibliographyError, match=r"\.cache/scholia: the cache's key file .* is inside the project"):
        load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")


def test_no_place_for_the_key_means_no_cache_read_and_an_oserror_on_write(project, monkeypatch, tmp_path, parses):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    loaded = load(["refs.bib"], root=project, cache_dir=project / ".cache" / "scholia")
    assert loaded.reference("a2000").html == REFERENCE
    with pytest.raises(OSError):  # noqa: PT011 - which OSError and its words are the platform's
        loaded.write_cache()
    assert not (project / ".cache").exists()  # the key is asked for before anything is written
