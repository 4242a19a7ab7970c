"""The editorial apparatus: every departure of the edited text from the copy-text.

``model``     :class:`Departure` (one recorded departure), the kinds, the id grammars
``copytext``  where each departure stands in the copy-text, and the edited text
``render``    the Editorial notes page and the notes at the end of each page, as
              escaped HTML (a data file's text is never read as markup)
``fidelity``  the proof that the built site shows the copy-text with the
              apparatus applied and nothing else (it needs BeautifulSoup and
              lxml, which only the tests install)

The apparatus file itself is read and validated, with file:line errors, by
:mod:`mkdocs_scholia.plugins.datafiles.apparatus`; nothing here knows YAML or MkDocs.
"""

from mkdocs_scholia.apparatus.copytext import apply_to, in_text_order, locate, received_references
from mkdocs_scholia.apparatus.model import KINDS, ApparatusError, Departure

__all__ = ["KINDS", "ApparatusError", "Departure", "apply_to", "in_text_order", "locate", "received_references"]
