"""Scholia: scholarly editions with Python-Markdown, pybtex and MkDocs.

The package has three layers, each usable without the next:

* :mod:`mkdocs_scholia.bib` and :mod:`mkdocs_scholia.style` load BibTeX once and
  format each entry once, in an author-date Harvard style written as a pybtex
  style plugin;
* :mod:`mkdocs_scholia.markdown` is a Python-Markdown extension that turns Pandoc
  citations into in-text citations with footnoted references (no MkDocs);
* :mod:`scholia.mkdocs` is a thin MkDocs plugin for what needs the whole site.
"""

__version__ = "0.1.0"
