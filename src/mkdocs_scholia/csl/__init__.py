"""Every citation style: CSL styles through citeproc-py, beside the Harvard pybtex style.

pybtex stays the BibTeX reader; :mod:`~mkdocs_scholia.csl.convert` turns its
entries into CSL-JSON; :mod:`~mkdocs_scholia.csl.styles` finds and safely
parses styles and locales; :mod:`~mkdocs_scholia.csl.elements` corrects
citeproc-py's rendering of single elements; :mod:`~mkdocs_scholia.csl.engine`
does what looks at more than one cite (positions, disambiguation,
collapsing, numbering, the bibliography); :class:`CslStyle` is what the
citation extension and the References page use.
"""

from mkdocs_scholia.csl.formatter import CslStyle, Formatted
from mkdocs_scholia.csl.styles import CslError, find_locale, find_style, is_csl_name

__all__ = ["CslError", "CslStyle", "Formatted", "find_locale", "find_style", "is_csl_name"]
