"""The bibliography layer: BibTeX loaded once, checked, formatted once per work, and kept.

Import from here::

    from mkdocs_scholia.bib import Bibliography, BibliographyError, load

=====================  ==========================================================
``load``               a :class:`Bibliography` for some .bib files (:mod:`.loading`)
``Bibliography``       lookup, memoized formatting, labels, kept pieces (:mod:`.bibliography`)
``Reference``          one formatted work; ``Location`` where an entry is (:mod:`.model`)
``BibliographyError``  a problem at ``file:line`` (:mod:`.errors`)
``fields``             field values as plain text, URLs fit to publish (:mod:`.fields`)
``fingerprint``        the digest of a feature's code, for :meth:`Bibliography.derived`
=====================  ==========================================================

Reading files is :mod:`.parse`, cross-references :mod:`.crossref`, the load-time
checks :mod:`.checks`, the disk cache :mod:`.cache` (with :mod:`.snapshot`, its
content, and :mod:`.secret`, its key). Nothing here imports MkDocs or knows the
HTML that features make.
"""

from mkdocs_scholia.bib import fields
from mkdocs_scholia.bib.bibliography import Bibliography
from mkdocs_scholia.bib.derived import fingerprint
from mkdocs_scholia.bib.errors import BibliographyError
from mkdocs_scholia.bib.loading import load
from mkdocs_scholia.bib.model import Location, Reference

__all__ = ["Bibliography", "BibliographyError", "Location", "Reference", "fields", "fingerprint", "load"]
