"""An index of the persons, places, organisations, events and works the text names.

Modules, from the data to what readers and machines see:

``model``       the registry as plain, typed data (entities, their dates and
                authority identifiers, the exceptions to matching), and the
                checks across entries (duplicate ids, ambiguous name forms)
``authority``   identifier grammars (Wikidata, VIAF, GeoNames) and the URLs
                built from them; a URL is never taken from the data
``matching``    where the registry's name forms occur in a string: exact,
                case-aware, longest form first, with per-paragraph exceptions
``extension``   the Python-Markdown tree processor that finds mentions in the
                rendered page and links the first one per paragraph; the
                Markdown (and so the text) is never changed
``mentions``    every mention of the site, by entity and by page, in reading
                order, with the labels readers see ("§3 ¶1")
``index_page``  the HTML of the index and of the hidden preview cards
``jsonld``      schema.org nodes for a page's ``mentions``
``exports``     the index as CSV, JSON and TEI

Nothing here imports MkDocs: the ``scholia`` plugin loads the registry
(:mod:`mkdocs_scholia.plugins.datafiles.entities`) and hands plain data in.
"""
