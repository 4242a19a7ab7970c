"""Corrections by pull request, versioned editions and stable URLs.

``links``      the "Suggest an edit" and "Report an error" links: the GitHub
               editor on a page's source file, and a new issue from the
               correction form, pre-filled with page, section and source
``revision``   a page's last-revision date from git (``git log -1 --format=%cs``),
               honouring ``SOURCE_DATE_EPOCH``
``changelog``  the changelog's data: releases and changes (read from
               ``source/changelog.yml`` by :mod:`mkdocs_scholia.plugins.datafiles.changelog`)
``updates``    the "Updates and corrections" page written from the changelog
``markup``     the restricted Markdown of the changelog's descriptions, made safe
``targets``    the ``page.md#anchor`` grammar of places named in data
``context``    what the templates get: the footer's edition stamp, each page's
               corrections box
``manifest``   every published URL and anchor (``tests/url-manifest.txt``),
               and the check that none disappears without a redirect

The ``scholia-corrections`` MkDocs plugin
(:mod:`mkdocs_scholia.plugins.corrections.plugin`) puts these into the
pages; nothing here imports MkDocs or needs the network: the links are plain
URLs, and the package's templates and one small script render them.
"""
