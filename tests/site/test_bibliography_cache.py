"""The bibliography kept on disk across builds (mkdocs_scholia.bib.cache).

Real .bib files, real pybtex, real ``mkdocs build`` processes: a warm cache
must give what a cold parse gives -- the same references, warnings and
pages, byte for byte -- and a changed input, a changed style or changed code
must never be answered from an old file. (What makes a file trusted at all --
its HMAC, its types, git -- is tested in tests/unit/test_bib_cache_trust.py.)
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from mkdocs_scholia.bib import BibliographyError, fingerprint, load, snapshot
from mkdocs_scholia.bib import cache as bibliography_cache
from mkdocs_scholia.bib import loading as loading_module
from mkdocs_scholia.bib import parse as parse_module
from support import DATA
from support.build import MINI_CONFIG, build_differences, built_files, mini_site, mkdocs_build

CROSSREF = """
@book{parent2010,
  editor    = {Parent, P.},
  title     = {The collected volume},
  publisher = {Press},
  address   = {London},
  year      = {2010},
}
@incollection{child2010,
  author   = {Child, C.},
  title    = {A chapter},
  pages    = {1--20},
  crossref = {parent2010},
}
"""
LACKING = """@article{nojournal2001,
  author = {Lacking, L.},
  title  = {No journal},
  year   = {2001},
}
"""
EXTRA = CROSSREF + LACKING

STYLES = (DATA / "styles.bib").read_text(encoding="utf-8")
EPOCH = {"SOURCE_DATE_EPOCH": "1764028800"}  # sitemap dates and gzip headers do not depend on the clock


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch, tmp_path_factory):
    """Each test starts as a new process would: nothing loaded in memory, and its own
    authentication key (outside the test's project folder), for its builds too."""
    monkeypatch.setattr(loading_module, "_CACHE", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


def bib(tmp_path: Path, extra: str = EXTRA) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(STYLES + extra, encoding="utf-8")
    return path


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*")) if folder.exists() else []


def forbid_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the .bib was parsed although the cache holds it")

    monkeypatch.setattr(parse_module, "parse_file", refuse)


def test_a_new_process_reads_the_cache_and_parses_nothing(tmp_path, monkeypatch):
    path, cache = bib(tmp_path), tmp_path / ".cache" / "scholia"
    cold = load([path], root=tmp_path, cache_dir=cache)
    formatted = {key: cold.reference(key) for key in cold.keys}
    assert cache_files(cache) == []  # written when the build is done, not while loading
    assert cold.write_cache() is True
    assert len(cache_files(cache)) == 1
    assert cold.write_cache() is False  # nothing new formatted: not written again

    monkeypatch.setattr(loading_module, "_CACHE", {})
    forbid_parsing(monkeypatch)
    warm = load([path], root=tmp_path, cache_dir=cache)
    assert warm is not cold
    assert set(warm._references) == set(formatted)  # formatted references came along
    assert {key: warm.reference(key) for key in warm.keys} == formatted
    assert warm.keys == cold.keys
    assert warm.locations == cold.locations
    assert warm.warnings == cold.warnings == ["refs.bib:133: entry 'nojournal2001' (article) lacks journal"]
    assert {warm.reference(key).year for key in ("smith2000a", "smith2000b")} == {"2000a", "2000b"}  # suffixes
    assert warm.style.year_suffixes == cold.style.year_suffixes
    assert warm.sorted_keys() == cold.sorted_keys()
    assert warm.entry("child2010").fields["booktitle"] == "The collected volume"  # crossref resolved
    assert warm.location("CHILD2010").line == cold.location("child2010").line
    assert warm.closest("smith2000") == cold.closest("smith2000")


def test_the_cache_equals_a_fresh_parse(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    first = load([path], root=tmp_path, cache_dir=cache)
    first.reference("fairbank2006")
    first.write_cache()
    loading_module._CACHE.clear()
    warm = load([path], root=tmp_path, cache_dir=cache)
    loading_module._CACHE.clear()
    fresh = load([path], root=tmp_path)  # no disk cache at all
    assert warm._disk is not None and fresh._disk is None
    assert [warm.reference(key) for key in fresh.keys] == [fresh.reference(key) for key in fresh.keys]
    assert warm.warnings == fresh.warnings


def test_entries_formatted_later_are_added_to_the_cache(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    first = load([path], root=tmp_path, cache_dir=cache)
    first.reference("heinzig1998")
    first.write_cache()
    loading_module._CACHE.clear()
    second = load([path], root=tmp_path, cache_dir=cache)
    assert set(second._references) == {"heinzig1998"}
    second.reference("shen2006")
    assert second.write_cache() is True
    loading_module._CACHE.clear()
    assert set(load([path], root=tmp_path, cache_dir=cache)._references) == {"heinzig1998", "shen2006"}


def test_derived_pieces_are_made_once_per_key_and_kept_on_disk(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    first = load([path], root=tmp_path, cache_dir=cache)
    made = []

    def make(key):
        made.append(key)
        return f"<span>{key}</span>"

    def piece(namespace, key, what):
        return first.derived(namespace, key, lambda: make(what), fingerprint="a" * 64)

    assert piece("f.coins", "HEINZIG1998", "heinzig1998") == "<span>heinzig1998</span>"
    assert piece("f.coins", "heinzig1998", "again") == "<span>heinzig1998</span>"
    assert piece("f.bibtex", "heinzig1998", "other kind") == "<span>other kind</span>"
    assert made == ["heinzig1998", "other kind"]
    assert first.write_cache() is True
    assert first.write_cache() is False  # nothing new
    loading_module._CACHE.clear()
    warm = load([path], root=tmp_path, cache_dir=cache)
    assert warm.derived("f.coins", "heinzig1998", lambda: make("not again"), fingerprint="a" * 64) == (
        "<span>heinzig1998</span>"
    )
    assert made == ["heinzig1998", "other kind"]


def test_derived_pieces_of_other_code_are_made_again(tmp_path):
    """The feature's fingerprint of its own code decides; the bibliography knows nothing of the feature."""
    path, cache = bib(tmp_path), tmp_path / "cache"
    first = load([path], root=tmp_path, cache_dir=cache)
    assert first.derived("f.coins", "heinzig1998", lambda: "old", fingerprint="old code") == "old"
    assert first.derived("f.bibtex", "heinzig1998", lambda: "kept", fingerprint="old code") == "kept"
    first.write_cache()
    loading_module._CACHE.clear()
    warm = load([path], root=tmp_path, cache_dir=cache)
    assert warm.derived("f.coins", "heinzig1998", lambda: "new", fingerprint="edited code") == "new"
    assert warm.derived("f.bibtex", "heinzig1998", lambda: "not made", fingerprint="old code") == "kept"
    assert warm.write_cache() is True  # the edited namespace changed
    loading_module._CACHE.clear()
    again = load([path], root=tmp_path, cache_dir=cache)
    assert again.derived("f.coins", "heinzig1998", lambda: "not made", fingerprint="edited code") == "new"


def test_derived_pieces_are_plain_strings(tmp_path):
    loaded = load([bib(tmp_path)], root=tmp_path)
    with pytest.raises(TypeError, match="must make a str"):
        loaded.derived("f.coins", "heinzig1998", lambda: ["not", "a", "string"], fingerprint="code")
    with pytest.raises(KeyError):
        loaded.derived("f.coins", "nosuchkey", lambda: "x", fingerprint="code")


def test_without_a_cache_dir_nothing_is_written(tmp_path):
    loaded = load([bib(tmp_path)], root=tmp_path)
    loaded.reference("heinzig1998")
    assert loaded.write_cache() is False
    assert {p.name for p in tmp_path.iterdir()} == {"refs.bib"}


def test_a_changed_byte_is_parsed_again_and_replaces_the_old_file(tmp_path, monkeypatch):
    path, cache = bib(tmp_path), tmp_path / "cache"
    load([path], root=tmp_path, cache_dir=cache).write_cache()
    (old,) = cache_files(cache)
    path.write_bytes(path.read_bytes().replace(b"China: a new history", b"China: a New history"))
    loading_module._CACHE.clear()
    changed = load([path], root=tmp_path, cache_dir=cache)
    assert "New history" in changed.reference("fairbank2006").text
    changed.write_cache()
    (new,) = cache_files(cache)  # one file per edition: the old one is gone
    assert new != old


def test_the_key_follows_every_input():
    sources = [("refs.bib", "a" * 64)]
    base = bibliography_cache.locate("c", sources, "harvard", code="code")
    assert bibliography_cache.locate("c", sources, "harvard", code="code") == base
    others = [
        bibliography_cache.locate("c", [("refs.bib", "b" * 64)], "harvard", code="code"),  # content
        bibliography_cache.locate("c", [("other.bib", "a" * 64)], "harvard", code="code"),  # path
        bibliography_cache.locate("c", [*sources, ("two.bib", "a" * 64)], "harvard", code="code"),  # files
        bibliography_cache.locate("c", sources, "plain", code="code"),  # style
        bibliography_cache.locate("c", sources, "harvard", code="edited"),  # the code
    ]
    assert len({target.key for target in others} | {base.key}) == len(others) + 1
    assert len({target.path for target in others} | {base.path}) == len(others) + 1
    # The same edition (same files, same style) whatever the content or code: older files are replaced.
    assert {others[0].edition, others[4].edition} == {base.edition}
    assert bibliography_cache.code_digest() == bibliography_cache.code_digest("harvard")
    assert len(bibliography_cache.code_digest()) == 64


def test_the_code_digest_reads_the_core_sources(tmp_path, monkeypatch):
    """Editing bib/, style/ or rules/ gives another digest; the features' code is not the core's business
    (on a copy of the package)."""
    import mkdocs_scholia

    package = Path(mkdocs_scholia.__file__).parent
    copy = tmp_path / "mkdocs_scholia"
    for folder in ("bib", "style", "rules", "references"):
        (copy / folder).mkdir(parents=True)
        for source in (package / folder).glob("*.py"):
            (copy / folder / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(bibliography_cache, "__file__", str(copy / "bib" / "cache.py"))
    bibliography_cache.code_digest.cache_clear()
    try:
        digests = {bibliography_cache.code_digest("no-such-style")}
        for edited in (copy / "style" / "harvard.py", copy / "bib" / "snapshot.py", copy / "rules" / "pages.py"):
            edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
            bibliography_cache.code_digest.cache_clear()
            digests.add(bibliography_cache.code_digest("no-such-style"))
        assert len(digests) == 4
        coins = copy / "references" / "coins.py"
        coins.write_text(coins.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        bibliography_cache.code_digest.cache_clear()
        assert bibliography_cache.code_digest("no-such-style") in digests
    finally:
        bibliography_cache.code_digest.cache_clear()


def test_a_fingerprint_follows_the_source_of_the_modules_it_names(tmp_path, monkeypatch):
    """What a feature passes to ``derived``: editing its module gives another fingerprint."""
    module = tmp_path / "feature_for_fingerprint.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = fingerprint("feature_for_fingerprint")
    assert before == fingerprint("feature_for_fingerprint") and len(before) == 64
    assert fingerprint("feature_for_fingerprint", "json") != before
    module.write_text("VALUE = 2\n", encoding="utf-8")
    from mkdocs_scholia.bib import derived

    derived._fingerprint.cache_clear()  # read once per process: a new process sees the edit
    assert fingerprint("feature_for_fingerprint") != before


def test_another_style_is_not_answered_from_the_cache(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    load([path], root=tmp_path, cache_dir=cache).write_cache()
    loading_module._CACHE.clear()
    with pytest.raises(BibliographyError, match="unknown style 'nosuchstyle'"):
        load([path], root=tmp_path, style="nosuchstyle", cache_dir=cache)
    with pytest.raises(BibliographyError, match="style 'plain' cannot make author-date citations"):
        load([path], root=tmp_path, style="plain", cache_dir=cache)


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a cache", b"\x80\x05\x95", pickle.dumps({"format": 1, "key": "another key"}, protocol=5),
     bibliography_cache.MAGIC + b"0" * 64 + b"\n" + json.dumps(["a list"]).encode(), b"{\"key\": 1}"],
    ids=["empty", "text", "truncated", "a pickle", "bad MAC", "bare JSON"],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path, garbage):
    path, cache = bib(tmp_path), tmp_path / "cache"
    first = load([path], root=tmp_path, cache_dir=cache)
    first.reference("heinzig1998")
    first.write_cache()
    (target,) = cache_files(cache)
    target.write_bytes(garbage)
    loading_module._CACHE.clear()
    loaded = load([path], root=tmp_path, cache_dir=cache)  # no error: parsed again
    assert gc.isenabled()  # switched off only while decoding
    assert loaded._references == {}
    assert loaded.reference("heinzig1998") == first.reference("heinzig1998")
    assert loaded.write_cache() is True
    assert cache_files(cache) == [target]
    assert [reference[0] for reference in bibliography_cache.read(loaded._disk)["references"]] == ["heinzig1998"]


def test_a_state_for_another_style_in_a_matching_file_is_not_used(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    loaded = load([path], root=tmp_path, cache_dir=cache)
    loaded.reference("heinzig1998")
    loaded.write_cache()
    state = bibliography_cache.read(loaded._disk)
    assert snapshot.restore(state, "harvard") is not None
    assert snapshot.restore(state, "other") is None
    assert snapshot.restore({**state, "references": {"k": "not a Reference"}}, "harvard") is None


def test_a_malformed_bib_is_never_cached(tmp_path):
    path, cache = bib(tmp_path, EXTRA + "\n@book{broken,\n  title = {Unclosed,\n"), tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(BibliographyError, match=r"refs.bib:\d+: BibTeX"):
            load([path], root=tmp_path, cache_dir=cache)
    assert cache_files(cache) == []


def test_a_stale_cache_of_a_fixed_bib_does_not_hide_a_new_error(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    load([path], root=tmp_path, cache_dir=cache).write_cache()
    path.write_text(path.read_text(encoding="utf-8") + "\n@book{fairbank2006,\n  title = {Twice},\n}\n",
                    encoding="utf-8")
    loading_module._CACHE.clear()
    with pytest.raises(BibliographyError, match="duplicate key 'fairbank2006'"):
        load([path], root=tmp_path, cache_dir=cache)


def test_an_unwritable_cache_folder_is_an_oserror_for_the_caller(tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be")
    loaded = load([bib(tmp_path)], root=tmp_path, cache_dir=blocker / "scholia")
    with pytest.raises(OSError):  # noqa: PT011 - which OSError and its words are the platform's
        loaded.write_cache()
    assert blocker.read_text() == "a file where the folder should be"


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path):
    path, cache = bib(tmp_path), tmp_path / "cache"
    loaded = load([path], root=tmp_path, cache_dir=cache)
    for key in loaded.keys:
        loaded.reference(key)
        loaded.write_cache()
    assert [p.name for p in cache_files(cache)] == [loaded._disk.path.name]
    assert not list(cache.glob(".*"))


# -- real builds -----------------------------------------------------------------


INDEX = "---\ntitle: Home\n---\n# Home\n\nAs @fairbank2006 [p. 380] argued [@heinzig1998; @smith2000b].\n{: #p1.1 }\n"
CHAPTER = "# Chapter\n\nSee [@child2010; @smith2000a] and @marku2020.\n{: #p2.1 }\n"


def with_option(option: str) -> str:
    return MINI_CONFIG.replace("bibliography: [refs.bib]", f"bibliography: [refs.bib]\n      {option}")


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def refusing_parser(tmp_path: Path) -> dict[str, str]:
    """Environment for a build process in which parsing a .bib fails: proof that it read the cache."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(
        "import mkdocs_scholia.bib.parse as b\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('the .bib was parsed although the cache holds it')\n"
        "b.parse_file = refuse\n"
    )
    paths = [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {"PYTHONPATH": os.pathsep.join(paths)}


def test_cold_and_warm_builds_are_byte_identical_and_the_warm_one_parses_nothing(tmp_path):
    config = mini_site(tmp_path, INDEX, CHAPTER, bib=STYLES + CROSSREF)
    cold = mkdocs_build(config, tmp_path / "cold", env=EPOCH)
    files = cache_files(tmp_path / ".cache" / "scholia")
    assert [p.suffix for p in files] == [".json"]
    written = files[0].stat().st_mtime_ns
    warm = mkdocs_build(config, tmp_path / "warm", env={**EPOCH, **refusing_parser(tmp_path)})
    assert build_differences(tmp_path / "cold", tmp_path / "warm") == []
    assert warnings(cold.stderr) == warnings(warm.stderr) == []
    assert cache_files(tmp_path / ".cache" / "scholia") == files
    assert files[0].stat().st_mtime_ns == written  # nothing new formatted: not rewritten
    for site in (tmp_path / "cold", tmp_path / "warm"):
        assert not [name for name in built_files(site) if "bibliography-" in name or ".cache" in name]


def test_a_missing_field_warning_still_fails_strict_with_a_warm_cache(tmp_path):
    config = mini_site(tmp_path, "# Home\n\nSee [@nojournal2001].\n", bib=STYLES + EXTRA)
    message = "refs.bib:133: entry 'nojournal2001' (article) lacks journal"
    first = mkdocs_build(config, tmp_path / "one", check=False)
    assert first.returncode != 0 and message in first.stderr
    assert "Aborted with 1 warnings in strict mode" in first.stdout
    assert len(cache_files(tmp_path / ".cache" / "scholia")) == 1  # the build got to its end: cached
    second = mkdocs_build(config, tmp_path / "two", check=False, env=refusing_parser(tmp_path))
    assert second.returncode != 0 and message in second.stderr
    assert warnings(second.stderr) == warnings(first.stderr)
    assert "Aborted with 1 warnings in strict mode" in second.stdout
    relaxed = mkdocs_build(config, tmp_path / "three", strict=False, env=refusing_parser(tmp_path))
    assert message in relaxed.stderr


def test_cache_false_writes_nothing(tmp_path):
    config = mini_site(tmp_path, INDEX, CHAPTER, bib=STYLES + CROSSREF)
    config.write_text(with_option("cache: false"))
    # The hook the warm builds run with is not inert: without a cache it stops the build.
    refused = mkdocs_build(config, tmp_path / "site", check=False, env=refusing_parser(tmp_path))
    assert refused.returncode != 0 and "the .bib was parsed although the cache holds it" in refused.stderr
    shutil.rmtree(tmp_path / "hook")
    mkdocs_build(config, tmp_path / "site", env=EPOCH)
    assert not (tmp_path / ".cache").exists()
    assert {p.name for p in tmp_path.iterdir()} == {"docs", "mkdocs.yml", "refs.bib", "site"}


def test_cache_dir_is_an_option_and_may_not_be_inside_the_docs(tmp_path):
    config = mini_site(tmp_path, INDEX, CHAPTER, bib=STYLES + CROSSREF)
    config.write_text(with_option("cache_dir: build-cache"))
    mkdocs_build(config, tmp_path / "site", env=EPOCH)
    assert len(cache_files(tmp_path / "build-cache")) == 1
    assert not (tmp_path / ".cache").exists()
    config.write_text(with_option("cache_dir: docs/cache"))
    process = mkdocs_build(config, tmp_path / "site", check=False)
    assert process.returncode != 0
    assert "`cache_dir` (docs/cache) is inside docs_dir" in process.stderr
