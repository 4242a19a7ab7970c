"""plugins/corrections."""
