"""The corrections partials shipped in the package render nothing without their context."""

from __future__ import annotations

from importlib import resources

import jinja2

TEMPLATES = resources.files("mkdocs_scholia") / "templates"


def test_the_corrections_box_renders_nothing_without_the_plugin():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    assert env.get_template("partials/corrections.html").render(config={}).strip() == ""


def test_the_footer_is_the_themes_without_the_plugin():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    html = env.get_template("partials/copyright.html").render(config={"copyright": "C", "extra": {"generator": False}})
    assert "corrections-edition" not in html and "C" in html
