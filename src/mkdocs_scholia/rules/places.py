"""How messages name a place in a file: ``docs/intro.md:12: …``.

Every error and warning about a source or data file starts with the file's
path relative to the project (the folder of mkdocs.yml) and, when known, the
line, so editors and their editors' tools can jump to it.
"""

from __future__ import annotations

from pathlib import Path


def display(path: str | Path, root: str | Path | None = None) -> str:
    """``path`` relative to ``root`` in POSIX form, or as given when it is outside ``root``."""
    candidate = Path(path)
    if root is not None:
        try:
            return candidate.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return candidate.as_posix()


def where(path: str | Path, line: int | None = None, root: str | Path | None = None) -> str:
    """``docs/intro.md:12`` (or ``docs/intro.md`` without a line)."""
    shown = display(path, root)
    return f"{shown}:{line}" if line else shown


def message(path: str | Path, line: int | None, text: str, root: str | Path | None = None) -> str:
    """``docs/intro.md:12: text``."""
    return f"{where(path, line, root)}: {text}"
