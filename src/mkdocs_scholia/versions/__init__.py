"""Every released edition readable at its own address, ``/v/<version>/``.

The deployable site is assembled from separate builds: the current sources at
the root, and each release's own commit (recorded in ``source/changelog.yml``)
built with its own code under ``v/<version>/``. Old code knows nothing about
versions, so :mod:`.marks` adds to the built HTML what a versioned page needs
(the banner, ``noindex``, the switcher) and :mod:`.assemble` puts the pieces
together; the command is ``mkdocs-scholia versions`` (:mod:`mkdocs_scholia.cli.versions`).
Nothing here imports MkDocs. See docs-dev/versions.md.
"""
