"""The two ways to correct the edition: edit the source, or report an error.

"Suggest an edit" opens the GitHub editor on the file a page is made from (a
reader without write access is offered a fork and a pull request by GitHub
itself). "Report an error" opens a new issue from the correction form
(``.github/ISSUE_TEMPLATE/correction.yml``); GitHub fills a form field from
the query parameter of the same id, so the link names the page, the section
and the source file, and the page's script adds the passage the reader has
selected. Both are plain links: no request leaves the edition's own site
until the reader follows one.
"""

from __future__ import annotations

import re
import urllib.parse

ISSUE_FORM = "correction.yml"
"""The issue form under .github/ISSUE_TEMPLATE/ that "Report an error" opens."""

FORM_FIELDS = ("page", "location", "source", "passage")
"""Ids of the issue form's fields that a report link may pre-fill."""

MAX_PASSAGE = 1000
"""Characters of a selected passage quoted in a report link (GitHub refuses
very long URLs; the reader can paste more)."""


def edit_url(repo_url: str, edit_base: str, path: str) -> str:
    """The GitHub editor on ``path`` (relative to the repository's root).

    ``edit_base`` is the part between the repository URL and the path, e.g.
    ``edit/main/``. A folder (``docs/``, for a page generated from several
    files) gets GitHub's list of its files instead, to pick one from.
    """
    base = edit_base.strip("/")
    if path.endswith("/"):
        base = re.sub(r"^edit/", "tree/", base)
    return f"{repo_url.rstrip('/')}/{base}/{path.lstrip('/')}"


def report_url(
    repo_url: str,
    *,
    page: str,
    title: str,
    location: str = "",
    source: str = "",
    passage: str = "",
    form: str = ISSUE_FORM,
) -> str:
    """A new issue from the correction form, pre-filled.

    ``page`` is the page's public URL, ``title`` the page title (the issue is
    titled "Correction: <title>"), ``location`` the section (and paragraph),
    ``source`` the file to correct, ``passage`` the quoted text if any.
    """
    if len(passage) > MAX_PASSAGE:
        passage = passage[: MAX_PASSAGE - 1].rstrip() + "…"
    query = {"template": form, "title": f"Correction: {title}", "page": page}
    for field, value in (("location", location), ("source", source), ("passage", passage)):
        if value:
            query[field] = value
    return f"{repo_url.rstrip('/')}/issues/new?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
