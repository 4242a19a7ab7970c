"""A new edition repository, written from the template files in ``edition/``.

:mod:`~mkdocs_scholia.scaffold.options` holds what an editor chooses (title,
authors, repository, what to leave out), validated;
:mod:`~mkdocs_scholia.scaffold.render` fills one template file;
:mod:`~mkdocs_scholia.scaffold.writer` lists the edition's files and writes
them. The command ``mkdocs-scholia new`` (:mod:`mkdocs_scholia.cli.new`) is
the front door.

Why not Copier or cookiecutter: they would add a dependency and a second
template language for what one small function does here (fill a few values,
leave out a few files), and an editor would need to learn a tool before
writing a word. The template files are plain files of the package, readable
and testable like its code.
"""

from mkdocs_scholia.scaffold.options import NewEdition, OptionsError
from mkdocs_scholia.scaffold.writer import edition_files, write_edition

__all__ = ["NewEdition", "OptionsError", "edition_files", "write_edition"]
