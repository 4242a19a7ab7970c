"""Our corrections to citeproc-py's CSL elements, as subclasses.

citeproc-py renders each CSL element through a Python class that lxml
attaches to the element when a style is parsed. :func:`element_classes`
gives the parser of :mod:`mkdocs_scholia.csl.styles` citeproc-py's classes
with these subclasses in their place, so the corrections apply to the styles
this package loads and to nothing else (citeproc-py itself is not modified).

What each subclass adds or corrects, after the CSL 1.0.2 specification:

* ``If``: the ``position`` test reads the position the processor computed
  for the cite (first, subsequent, ibid, ibid-with-locator, near-note), per
  page, instead of citeproc-py's guess; the ``disambiguate`` test, which
  citeproc-py ignored (so every branch with it was taken);
* ``Name``: ``initialize="false"``, ``et-al-subsequent-*``, and the names and
  given names that disambiguation adds; a name's ``form="short"`` keeps its
  particle;
* ``Names``: suppressing the author (``[-@key]``, collapsed cites) and
  rendering the author alone (narrative citations); the first names of a
  bibliography entry are remembered for ``subsequent-author-substitute``;
* ``Text``: ``URL`` and ``DOI`` are links; ``citation-number``,
  ``year-suffix`` and ``first-reference-note-number`` come from the
  processor;
* ``Date`` and ``Date_Part``: a style's date-part attributes no longer leak
  into the locale's date formats (citeproc-py wrote them into the locale);
  the year suffix follows the first year rendered when the style does not
  print ``year-suffix`` itself;
* ``Group``: a group is left out when it calls variables and all of them are
  empty, counting the variables its children really looked up (citeproc-py
  counted every branch of a ``choose``, so a group whose other branch names a
  variable printed "(Publication)" alone);
* ``Label``: ``text-case="title"`` works (citeproc-py skipped it);
* page ranges, of ``page`` and of page locators, follow the style's
  ``page-range-format`` ("150–52" in Chicago; citeproc-py cut "1–46" to "1–6");
* ``Style``: locales are parsed by the same safe parser, with these classes.

Each class stands for the class of the same name in citeproc-py's
``model.py``; they are grouped by element in the modules of this package.

Every class also gets :class:`~mkdocs_scholia.csl.elements.style._Cached`, which remembers what citeproc-py
looked up with an XPath query on every call (a macro by name, a locale
term, the enclosing layout, citation or bibliography): those queries were
a third of the time of a reference in a large style such as Chicago. The
processor keeps every element of a style alive, so what is remembered on an
element stays with it (lxml makes a new Python object for an element whose
old one was dropped).
"""


from __future__ import annotations

from citeproc import model

from mkdocs_scholia.csl.elements.conditions import Else_If, Group, If
from mkdocs_scholia.csl.elements.name import Name
from mkdocs_scholia.csl.elements.names import Names, Substitute
from mkdocs_scholia.csl.elements.state import RenderState, item_value, new_pass, printed, state_of
from mkdocs_scholia.csl.elements.style import Key, Style, _Cached, _CachedLocale
from mkdocs_scholia.csl.elements.text import Date, Date_Part, Label, Number, Text

__all__ = [
    "BASE", "CLASSES", "RenderState", "element_classes", "item_value", "model", "new_pass", "printed", "state_of",
]

OVERRIDES = {
    cls.__name__: cls
    for cls in (Style, If, Else_If, Group, Label, Number, Names, Name, Substitute, Key, Text, Date, Date_Part)
}


def _with_cache(cls: type) -> type:
    mixin = _CachedLocale if issubclass(cls, model.Locale) else _Cached
    return type(cls.__name__, (mixin, cls), {"__module__": __name__})


CLASSES = {
    cls.__name__.replace("_", "-").lower(): _with_cache(OVERRIDES.get(cls.__name__, cls))
    for cls in model.CitationStylesElement.__subclasses__()
}
BASE = _with_cache(model.CitationStylesElement)


def element_classes() -> dict[str, type]:
    """CSL element name → the class that renders it (ours where we correct citeproc-py), with the lookups cached."""
    return dict(CLASSES)
