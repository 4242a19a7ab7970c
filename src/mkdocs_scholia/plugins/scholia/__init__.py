"""plugins/scholia."""
