"""docs-dev/plugin-options.md is generated from the plugin's typed config, and up to date."""

from __future__ import annotations

from mkdocs_scholia.plugins.scholia import config, options_reference
from support import REPO

DOC = REPO / "docs-dev" / "plugin-options.md"


def test_the_reference_is_what_the_config_says():
    assert DOC.read_text(encoding="utf-8") == options_reference.render(), (
        "docs-dev/plugin-options.md is out of date: run "
        "`uv run python -m mkdocs_scholia.plugins.scholia.options_reference > docs-dev/plugin-options.md`"
    )


def test_every_option_is_documented():
    docs = options_reference.docstrings()
    undocumented = []
    for name in dir(config):
        cls = getattr(config, name)
        if isinstance(cls, type) and issubclass(cls, config.base.Config) and cls.__module__ == config.__name__:
            own = docs[cls.__name__]
            undocumented += [f"{cls.__name__}.{option}" for option, _ in cls._schema if not own.get(option)]
            assert own.get(""), f"{cls.__name__} has no docstring"
    # Sub-configurations are documented by their own class's docstring.
    allowed = {"ReferencesConfig.download", "ReferencesConfig.per_page"}
    assert sorted(set(undocumented) - allowed) == []
