"""The edition layer: the editorial apparatus and the fidelity check.

* :mod:`mkdocs_scholia.apparatus.apparatus` loads and validates the apparatus (every
  departure of the edited text from the copy-text, as YAML data), applies it
  to the copy-text, and renders it as Markdown for the Editorial notes page
  and for the notes at the end of each section page.
* :mod:`mkdocs_scholia.apparatus.fidelity` proves that the built site shows the
  copy-text with the apparatus applied and nothing else (it needs
  BeautifulSoup and lxml, which only the tests install).
"""
