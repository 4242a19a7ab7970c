"""Rules shared by every layer, each defined once.

``paragraphs``  the paragraph-id grammar (``p2.3``, ``p2.3a``) and how ids are named to readers
``notes``       the editorial-note id grammar (``e001``)
``dates``       dates in long form ("25 November 2026"), the same on every machine and locale
``dois``        a DOI from any of the ways it is written, and its resolver URL
``pages``       page ranges with an en dash, and their first and last page
``urls``        the URL schemes a page may link to or publish as data
``places``      how messages name a file and a line ("docs/intro.md:12")

Nothing here imports MkDocs, Python-Markdown or pybtex.
"""
