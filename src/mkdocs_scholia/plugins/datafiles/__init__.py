"""Typed data files: YAML read with line numbers, validated by config classes.

A data file (``source/apparatus.yml``, ``source/changelog.yml``) is edited by
hand and may arrive in a pull request, so it is checked as strictly as
``mkdocs.yml``: each record is validated by a :class:`mkdocs.config.base.Config`
subclass (as Material's blog validates ``.authors.yml``), every problem is
reported at once as ``file:line: record, field: message; suggestion``, and
only then are the records turned into the plain frozen dataclasses of the
feature layer (:mod:`mkdocs_scholia.apparatus`, :mod:`mkdocs_scholia.corrections`),
which know nothing of YAML or MkDocs.

``yamlfile``   the YAML loader that remembers the line of every key and item
``records``    the record base class and its field types (text with a grammar,
               one of a list, whole numbers, dates), each error with a suggestion
``apparatus``  the schema of ``apparatus.yml`` and :func:`load_apparatus`
``changelog``  the schema of ``changelog.yml`` and :func:`load_changelog`
"""

from mkdocs_scholia.plugins.datafiles.yamlfile import DataFileError

__all__ = ["DataFileError"]
