"""``python -m mkdocs_scholia``: the ``mkdocs-scholia`` command."""

import sys

from mkdocs_scholia.cli.main import main

sys.exit(main())
