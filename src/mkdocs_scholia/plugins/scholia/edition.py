"""The edition's identity, built once from the validated ``edition:`` options and put where both plugins read it.

With ``edition: releases:``, the identity also says whether this build has a
permanent link of its own (``/v/<version>/``), from the changelog's releases.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from mkdocs_scholia.citable.identity import Edition, License, Person, default_key, person
from mkdocs_scholia.plugins.datafiles.changelog import load_changelog
from mkdocs_scholia.plugins.scholia.config import EditionConfig, PersonConfig
from mkdocs_scholia.rules import urls
from mkdocs_scholia.versions import releases


def _person(config: PersonConfig) -> Person:
    return person(
        name=config.name,
        given=config.given,
        family=config.family,
        affiliation=config.affiliation,
        email=config.email,
        orcid=config.orcid,
        organization=config.organization,
    )


def site_url(config: MkDocsConfig) -> str:
    """``site_url`` with its final slash; an edition is cited by it, so it must be an http(s) URL."""
    value = (config.site_url or "").strip()
    if not value:
        raise PluginError("scholia: `edition:` needs `site_url`: every reference and anchor cites a stable URL")
    if not urls.is_safe(value) or urls.scheme(value) not in ("http", "https"):
        raise PluginError(f"scholia: `site_url`: {urls.problem(value)}; the edition is cited by an http(s) address")
    return value if value.endswith("/") else value + "/"


def permanence(options: EditionConfig, config: MkDocsConfig) -> releases.Permanence:
    """The build's permanent link, from the changelog ``edition: releases:`` names (none without it)."""
    if options.releases is None:
        return releases.Permanence()
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        log = load_changelog(root / options.releases, root)
    except (OSError, ValueError) as error:
        raise PluginError(f"scholia: `edition: releases:`: {error}") from None
    return releases.permanence(site_url(config), log)


def build(options: EditionConfig, config: MkDocsConfig) -> Edition:
    """The :class:`Edition` of the plugin's validated ``edition:`` and the site's settings."""
    title = options.title or config.site_name
    authors = tuple(_person(p) for p in options.authors)
    theme_language = config.theme.get("language") if config.theme is not None else None
    licence = options.license
    permanent = permanence(options, config)
    return Edition(
        title=str(title),
        authors=authors,
        editors=tuple(_person(p) for p in options.editors),
        version=options.version,
        date=options.date,
        site_url=site_url(config),
        language=options.language or theme_language or "en",
        publisher=options.publisher,
        place=options.place,
        description=options.description or config.site_description,
        keywords=tuple(options.keywords),
        license=License(licence.name, licence.url) if licence else None,
        rights=options.rights or (config.copyright or None),
        doi=options.doi,
        key=options.key or default_key(authors, str(options.date.year), str(title)),
        site_name=str(config.site_name),
        permanent_root=permanent.root,
        unreleased=permanent.unreleased,
    )


COMPARED = ("title", "version", "date", "year", "date_long", "publisher", "rights", "doi")


def publish(edition: Edition, config: MkDocsConfig) -> None:
    """Put the edition at ``config.extra["edition"]``, where templates and the corrections plugin read it.

    The edition is configured once, in the plugin. An ``extra.edition`` written
    in mkdocs.yml as well must agree with it (a footer may have read it).
    """
    existing = config.extra.get("edition")
    if isinstance(existing, dict):
        clashes = [
            key
            for key, value in existing.items()
            if key in COMPARED and getattr(edition, key) is not None and str(value) != str(getattr(edition, key))
        ]
        if clashes:
            raise PluginError(
                "scholia: `extra.edition` disagrees with the plugin's `edition:` on "
                + ", ".join(clashes)
                + "; configure the edition once, under `plugins: scholia: edition:`"
            )
    config.extra["edition"] = edition
