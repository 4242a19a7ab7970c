"""The ``mkdocs-scholia`` command: start an edition, check it, record its addresses.

* ``mkdocs-scholia new FOLDER --title … --author …`` writes a complete
  edition repository (:mod:`~mkdocs_scholia.cli.new`);
* ``mkdocs-scholia check`` runs what CI runs: the strict build, the link
  check and the URL manifest's check (:mod:`~mkdocs_scholia.cli.check`);
* ``mkdocs-scholia urls`` adds the addresses a build publishes to the URL manifest.

This is the top layer, beside the MkDocs plugins: it runs MkDocs in a
subprocess (``python -m mkdocs build``) and never imports it; it calls the
plugin layer only for what reads ``mkdocs.yml`` as MkDocs does (the URL
manifest's redirects).
"""
