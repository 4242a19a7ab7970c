"""Checks of a built edition that every edition repository runs the same way.

* :mod:`mkdocs_scholia.checks.links`: every internal link, resource and
  ``#anchor`` of the built site resolves (no server, no network);
* :mod:`mkdocs_scholia.checks.siteconfig`: the few values of ``mkdocs.yml``
  the checks need, read as plain YAML (no MkDocs: this layer never imports it).

The ``mkdocs-scholia check`` command (:mod:`mkdocs_scholia.cli`) runs them
after a strict build, with the URL manifest's check.
"""
