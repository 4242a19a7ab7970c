"""The values of ``mkdocs.yml`` that the checks need, read as plain YAML.

The checks run on a site that is already built, so they need only a few
values of its configuration (``site_url`` for the path the site is served
under, the folders, a plugin's options). They read them with a safe YAML
loader instead of MkDocs, so this layer never imports MkDocs and never runs
anything a configuration names: ``!ENV`` is resolved as MkDocs resolves it
(the first variable that is set, else the last item as the default), every
other tag (``!!python/name:…``, ``!relative``) reads as nothing.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """A safe loader that knows ``!ENV`` and reads every other tag as ``None``."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if items else None
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def load(config_file: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as a mapping (empty when the file is empty)."""
    return parse(config_file.read_text(encoding="utf-8"), str(config_file))


def parse(text: str, name: str = "mkdocs.yml") -> dict[str, Any]:
    """The text of a ``mkdocs.yml`` as a mapping."""
    data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader: only !ENV and unknown tags are added
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping of settings, found {type(data).__name__}")
    return data


def base_path(site_url: str | None) -> str:
    """The path the site is served under: ``/sino-soviet-split/`` for its ``site_url``, else ``/``."""
    path = urllib.parse.urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options of the plugin ``name`` (``{}`` when it has none), or ``None`` when it is not used."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{key: value} for key, value in plugins.items()]
    for item in plugins:
        if item == name:
            return {}
        if isinstance(item, dict) and name in item:
            return dict(item[name] or {})
    return None
