"""Corrections by pull request, versioned editions and stable URLs (issue 7).

* :mod:`mkdocs_scholia.corrections.links` builds the "Suggest an edit" and "Report
  an error" links: the GitHub editor on a page's source file, and a new issue
  from the correction form, pre-filled with page, section and source.
* :mod:`mkdocs_scholia.corrections.revision` dates a page's last revision from git
  (``git log -1 --format=%cs``), honouring ``SOURCE_DATE_EPOCH``.
* :mod:`mkdocs_scholia.corrections.changelog` loads ``source/changelog.yml`` and
  renders it as the "Updates and corrections" page.
* :mod:`mkdocs_scholia.corrections.manifest` lists every published URL and anchor
  (``tests/url-manifest.txt``) and checks that none has disappeared without a
  redirect.
* :mod:`mkdocs_scholia.plugins.corrections.plugin` is the ``scholia-corrections`` MkDocs
  plugin that puts the above into the pages.

Nothing here needs the network: the links are plain URLs, and the theme's
templates and one small self-hosted script render them.
"""
