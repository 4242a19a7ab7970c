"""The files of a new edition: the package's template files, filled in, and where they go.

The templates are package data under ``edition/`` (so they are in the wheel
and the sdist). Their names map to the new repository's paths, with two
changes that keep them ordinary files of the package: a leading ``dot-``
becomes ``.`` (``dot-github/`` is ``.github/``; hidden files are easily
lost by packaging tools), and a trailing ``.tmpl`` is dropped (a Python
file of the template must not be a module of the package, and a
``pyproject.toml`` of the template would be taken by tools such as ruff for
the configuration of the package's own folder).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from mkdocs_scholia.scaffold.options import NewEdition
from mkdocs_scholia.scaffold.render import render

TEMPLATES = "edition"
ONLY_WITH: dict[str, str] = {
    "docs/editorial-notes.md": "apparatus",
    "source/apparatus.yml": "apparatus",
    "source/essay-as-received.md": "apparatus",
}
"""Files that exist only when an option is on."""


def _templates(folder: Traversable, prefix: PurePosixPath) -> list[tuple[PurePosixPath, Traversable]]:
    found = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            found += _templates(item, prefix / item.name)
        else:
            found.append((prefix / item.name, item))
    return found


def target_path(template: PurePosixPath) -> str:
    """The new repository's path for a template's path."""
    parts = [("." + part[len("dot-") :]) if part.startswith("dot-") else part for part in template.parts]
    name = parts[-1]
    if name.endswith(".tmpl"):
        parts[-1] = name[: -len(".tmpl")]
    return "/".join(parts)


def edition_files(options: NewEdition) -> dict[str, str]:
    """Every file of the new edition: its path in the repository -> its text."""
    values = options.values()
    files = {}
    for template, item in _templates(resources.files("mkdocs_scholia.scaffold") / TEMPLATES, PurePosixPath()):
        path = target_path(template)
        needs = ONLY_WITH.get(path)
        if needs is not None and not values[needs]:
            continue
        files[path] = render(item.read_text(encoding="utf-8"), values, name=f"{TEMPLATES}/{template}")
    return files


def write_edition(options: NewEdition, folder: Path) -> list[str]:
    """Write the new edition into ``folder`` (which must not exist, or be empty); return the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} already exists and is not an empty folder: choose a new folder")
    files = edition_files(options)
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return sorted(files)
