"""``mkdocs-scholia new``: the template engine, the options, and the files it writes (no build)."""

from __future__ import annotations

import datetime
import re
import tomllib

import markdown
import pytest
import yaml

from mkdocs_scholia import __version__
from mkdocs_scholia.checks import siteconfig
from mkdocs_scholia.cli.main import main
from mkdocs_scholia.corrections import links
from mkdocs_scholia.scaffold import NewEdition, OptionsError, edition_files
from mkdocs_scholia.scaffold.render import TemplateError, markdown_text, render, yaml_value
from support import REPO

HOSTILE_TITLE = 'On "Things" & <img src=x onerror=alert(1)>: *a* [study](javascript:alert(1)) {: #x } \\ # 1.'
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def edition(**changes: object) -> NewEdition:
    values: dict[str, object] = {
        "slug": "my-essay",
        "title": "An Essay",
        "authors": ("Ada Lovelace",),
        "github": "ada/my-essay",
        "date": datetime.date(2026, 12, 1),
    }
    values.update(changes)
    return NewEdition(**values)  # type: ignore[arg-type]


# -- the template engine ----------------------------------------------------------


def test_values_are_escaped_for_where_they_stand():
    template = "a: {{v|yaml}}\nb: {{v|md}}\nc: {{v|raw}}\n"
    assert render(template, {"v": "x"}) == 'a: "x"\nb: x\nc: x\n'


def test_blocks_keep_or_leave_out_whole_lines_and_nest():
    template = "1\n[[if a]]\n2\n[[if not b]]\n3\n[[end]]\n[[end]]\n4\n"
    assert render(template, {"a": True, "b": False}) == "1\n2\n3\n4\n"
    assert render(template, {"a": True, "b": True}) == "1\n2\n4\n"
    assert render(template, {"a": False, "b": False}) == "1\n4\n"


def test_github_expressions_are_not_marks():
    text = "group: ci-${{ github.workflow }}-${{ github.ref }}\n"
    assert render(text, {}) == text


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("x {{nothing|raw}}\n", "t:1: unknown value 'nothing'"),
        ("x {{v|shell}}\n", "t:1: unknown filter 'shell'"),
        ("\n[[if nothing]]\n[[end]]\n", "t:2: unknown value 'nothing' in [[if …]]"),
        ("[[if v]]\nx\n", "t:1: [[if …]] is never closed"),
        ("x\n[[end]]\n", "t:2: [[end]] without [[if …]]"),
    ],
)
def test_a_broken_template_fails_naming_file_and_line(template, message):
    with pytest.raises(TemplateError, match=re.escape(message)):
        render(template, {"v": "x"}, name="t")


def test_markdown_text_is_never_markup():
    html = markdown.markdown(markdown_text(HOSTILE_TITLE), extensions=["attr_list"])
    assert "<img" not in html and "<em>" not in html and "<a " not in html and 'id="x"' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "[study](javascript:alert(1))" in html


def test_yaml_values_read_back_exactly_in_yaml_and_toml():
    text = HOSTILE_TITLE + "\n’“” \t\x7f"
    assert yaml.safe_load(f"v: {yaml_value(text)}")["v"] == text
    assert tomllib.loads(f"v = {yaml_value(text)}")["v"] == text


# -- options ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "My Essay"}, "the folder name 'My Essay' cannot name the repository"),
        ({"title": "  "}, "--title must not be empty"),
        ({"title": "two\nlines"}, "--title must be one line of text"),
        ({"authors": ()}, "give the essay's author with --author"),
        ({"github": "https://github.com/ada/x"}, "--github must be a GitHub repository as owner/name"),
        ({"site_url": "javascript:alert(1)//"}, "--site-url must be an https:// address"),
        ({"site_url": 'https://ada.github.io/x"y/'}, "--site-url must be an https:// address"),
        ({"version": "1.0"}, "--version must be MAJOR.MINOR.PATCH"),
        ({"language": "English"}, "--language must be a language tag"),
        ({"from_git": "git@github.com:x/y"}, "--from-git must be an https:// address"),
    ],
)
def test_options_that_cannot_be_used_are_refused_with_what_to_do(changes, message):
    with pytest.raises(OptionsError, match=re.escape(message)):
        edition(**changes)


def test_defaults_github_pages_address_and_a_placeholder_repository():
    options = NewEdition(slug="my-essay", title="T", authors=("A B",))
    assert options.github == "your-github-account/my-essay" and options.placeholder_repository
    assert options.site_url == "https://your-github-account.github.io/my-essay/"
    assert edition(github="Ada/ada.github.io").site_url == "https://ada.github.io/"
    assert edition().requirement == f"mkdocs-scholia[pdf]>={__version__}"
    assert (
        edition(pdf=False, from_git="https://github.com/x/y").requirement
        == "mkdocs-scholia @ git+https://github.com/x/y"
    )


# -- the files ----------------------------------------------------------------------


def test_a_new_edition_has_every_file_it_needs():
    files = edition_files(edition())
    assert sorted(files) == [
        ".github/ISSUE_TEMPLATE/config.yml",
        ".github/ISSUE_TEMPLATE/correction.yml",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/uv-requirements.txt",
        ".github/workflows/ci.yml",
        ".github/workflows/pages.yml",
        ".gitignore",
        "CONTRIBUTING.md",
        "README.md",
        "bibliography/essay.bib",
        "docs/editorial-notes.md",
        "docs/index.md",
        "docs/introduction.md",
        "docs/references.md",
        "docs/updates.md",
        "mkdocs.yml",
        "pyproject.toml",
        "source/apparatus.yml",
        "source/changelog.yml",
        "source/essay-as-received.md",
        "tests/test_edition.py",
    ]
    for path, text in files.items():
        assert not re.search(r"\{\{[a-z_]+\|[a-z]+\}\}|^\[\[(if|end)", text, re.MULTILINE), path
        assert text.endswith("\n"), path


def test_without_apparatus_and_pdf_nothing_of_them_is_left():
    files = edition_files(edition(apparatus=False, pdf=False))
    assert not {"docs/editorial-notes.md", "source/apparatus.yml", "source/essay-as-received.md"} & set(files)
    config = siteconfig.parse(files["mkdocs.yml"])
    scholia = siteconfig.plugin_options(config, "scholia")
    assert scholia is not None and "apparatus" not in scholia and "copy_text" not in scholia
    assert scholia["full_text"]["pdf"] is False
    assert (
        "editorial-notes.md" not in files["mkdocs.yml"] and "apparatus" not in files[".github/PULL_REQUEST_TEMPLATE.md"]
    )
    assert tomllib.loads(files["pyproject.toml"])["project"]["dependencies"] == [f"mkdocs-scholia>={__version__}"]
    for workflow in (".github/workflows/ci.yml", ".github/workflows/pages.yml"):
        assert "pango" not in files[workflow].lower()


def test_every_value_reads_back_exactly_from_the_files():
    options = edition(
        title=HOSTILE_TITLE,
        authors=("Ada “Countess” Lovelace", "C. O'Babbage"),
        editors=("E. Ditor",),
        publisher="P & Q",
    )
    files = edition_files(options)
    config = siteconfig.parse(files["mkdocs.yml"])
    assert config["site_name"] == HOSTILE_TITLE
    scholia = siteconfig.plugin_options(config, "scholia")
    assert scholia is not None
    assert scholia["edition"]["title"] == HOSTILE_TITLE
    assert scholia["edition"]["authors"] == [{"name": "Ada “Countess” Lovelace"}, {"name": "C. O'Babbage"}]
    assert scholia["edition"]["editors"] == [{"name": "E. Ditor"}]
    assert scholia["edition"]["publisher"] == "P & Q"
    assert scholia["edition"]["date"] == datetime.date(2026, 12, 1) and scholia["edition"]["version"] == "0.1.0"
    assert scholia["full_text"]["pdf"] is True  # !ENV [SCHOLIA_PDF, true] with SCHOLIA_PDF unset
    assert config["repo_url"] == "https://github.com/ada/my-essay"
    assert config["site_url"] == "https://ada.github.io/my-essay/"
    project = tomllib.loads(files["pyproject.toml"])["project"]
    assert project["name"] == "my-essay" and HOSTILE_TITLE in project["description"]
    front = yaml.safe_load(files["docs/index.md"].split("---")[1])
    assert front["title"] == HOSTILE_TITLE
    html = markdown.markdown(files["docs/index.md"].split("---", 2)[2], extensions=["attr_list"])
    assert "<img" not in html and "javascript:" not in html.replace("(javascript:alert(1))", "")
    assert 'id="x"' not in html
    changelog = yaml.safe_load(files["source/changelog.yml"])
    assert changelog["releases"][0]["version"] == "0.1.0" and changelog["releases"][0]["date"] == datetime.date(
        2026, 12, 1
    )


def test_the_correction_form_has_the_fields_the_plugin_fills():
    form = yaml.safe_load(edition_files(edition())[".github/ISSUE_TEMPLATE/correction.yml"])
    ids = {item.get("id") for item in form["body"]}
    assert set(links.FORM_FIELDS) <= ids


def test_the_workflows_are_pinned_and_least_privilege():
    files = edition_files(edition())
    ci = yaml.safe_load(files[".github/workflows/ci.yml"])
    pages = yaml.safe_load(files[".github/workflows/pages.yml"])
    for name in (".github/workflows/ci.yml", ".github/workflows/pages.yml"):
        for line in files[name].splitlines():
            if "uses:" in line and "./.github/" not in line:
                assert SHA_PIN.match(line.split("uses:", 1)[1].strip()), line
    for workflow in (ci, pages):
        assert workflow["permissions"] == {}
        for job in workflow["jobs"].values():
            assert "permissions" in job
    assert pages["jobs"]["build"]["if"] == pages["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert ci["jobs"]["check"]["permissions"] == {"contents": "read"}
    checkout = ci["jobs"]["check"]["steps"][0]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    runs = [step.get("run", "") for step in ci["jobs"]["check"]["steps"]]
    assert any("--require-hashes" in run for run in runs) and "uv run pytest" in runs
    assert not any(
        "npm" in run
        for workflow in (ci, pages)
        for job in workflow["jobs"].values()
        for run in map(str, job.get("steps", []))
    )


def test_the_workflows_pin_the_same_actions_as_this_repository():
    """When this repository moves an action to a new commit, new editions follow."""
    ours: dict[str, str] = {}
    for path in (REPO / ".github" / "workflows").glob("*.yml"):
        for action, sha in re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})", path.read_text(encoding="utf-8")):
            ours[action] = sha
    files = edition_files(edition())
    for name in (".github/workflows/ci.yml", ".github/workflows/pages.yml"):
        for action, sha in re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})", files[name]):
            if action in ours:
                assert sha == ours[action], f"{name}: {action}@{sha}, but this repository uses {ours[action]}"


def test_the_pages_workflow_deploys_every_release_and_uploads_it():
    """Every release at /v/<version>/: built from its commit (full history), its builds cached, all uploaded."""
    for options in (edition(), edition(apparatus=False, pdf=False)):
        files = edition_files(options)
        steps = yaml.safe_load(files[".github/workflows/pages.yml"])["jobs"]["build"]["steps"]
        checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
        runs = [" ".join(step.get("run", "").split()) for step in steps]
        built = next(index for index, run in enumerate(runs) if "mkdocs build --strict --site-dir build/site" in run)
        versions = next(index for index, run in enumerate(runs) if "mkdocs-scholia versions" in run)
        cache = next(index for index, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
        upload = next(index for index, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
        assert built < cache < versions < upload
        assert runs[versions] == (
            "uv run --no-dev mkdocs-scholia versions --site-dir build/site --out build/deploy"
            " --cache .cache/versions --envs build/versions-envs --work build/versions"
        )
        assert steps[cache]["with"]["path"] == ".cache/versions"
        assert steps[upload]["with"] == {"path": "build/deploy"}
        # Each release is built with `uv sync --locked` in its own worktree: uv is installed before.
        assert any("uv-requirements.txt" in run for run in runs[:versions])
        # What the deploy writes is never committed.
        ignored = files[".gitignore"].splitlines()
        assert "/build/" in ignored and ".cache/" in ignored
    # The same cache action, at the same commit, as this repository's own Pages workflow.
    ours = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert steps[cache]["uses"].split("@")[1] in ours


def test_the_edition_cites_its_releases_permanent_links():
    config = siteconfig.parse(edition_files(edition())["mkdocs.yml"])
    scholia = siteconfig.plugin_options(config, "scholia")
    assert scholia is not None and scholia["edition"]["releases"] == "source/changelog.yml"


def test_the_pinned_uv_is_this_repositorys():
    ours = REPO / "scripts" / "uv-requirements.txt"
    theirs = edition_files(edition())[".github/uv-requirements.txt"]
    version = re.search(r"^uv==([\d.]+)", theirs, re.MULTILINE)
    assert version is not None and len(re.findall(r"--hash=sha256:[0-9a-f]{64}", theirs)) >= 2
    if ours.is_file():
        assert f"uv=={version.group(1)} " in ours.read_text(encoding="utf-8")
        for digest in re.findall(r"sha256:([0-9a-f]{64})", theirs):
            assert digest in ours.read_text(encoding="utf-8")


# -- the command ----------------------------------------------------------------------


def test_new_writes_the_edition_and_says_what_to_do_next(tmp_path, capsys):
    folder = tmp_path / "my-essay"
    status = main(
        ["new", str(folder), "--title", "An Essay", "--author", "Ada Lovelace", "--no-build", "--date", "2026-12-01"]
    )
    assert status == 0
    out = capsys.readouterr()
    assert (folder / "mkdocs.yml").is_file() and (folder / ".github" / "workflows" / "ci.yml").is_file()
    assert "uv run mkdocs-scholia urls" in out.out and "replace 'your-github-account'" in out.out
    assert "wrote 21 files" in out.err


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "essay").mkdir()
    (tmp_path / "essay" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path / "essay"), "--title", "T", "--author", "A B", "--no-build"]) == 2
    assert "already exists and is not an empty folder" in capsys.readouterr().err
    assert (tmp_path / "essay" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_new_refuses_bad_options_before_writing_anything(tmp_path, capsys):
    assert main(["new", str(tmp_path / "Bad Name"), "--title", "T", "--author", "A B", "--no-build"]) == 2
    assert "cannot name the repository" in capsys.readouterr().err
    assert not (tmp_path / "Bad Name").exists()


def test_check_says_what_is_wrong_with_how_it_was_called(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "mkdocs.yml does not exist: run the check in the edition's folder" in capsys.readouterr().err
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["check", "--steps", "build,spelling"]) == 2
    assert "unknown step spelling" in capsys.readouterr().err
    assert main(["check", "--steps", "links", "--site-dir", str(tmp_path / "nothing")]) == 1
    assert "holds no built site" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command():
    import subprocess
    import sys

    process = subprocess.run(
        [sys.executable, "-m", "mkdocs_scholia", "--version"], capture_output=True, text=True, check=False
    )
    assert process.returncode == 0 and process.stdout.strip() == f"mkdocs-scholia {__version__}"
