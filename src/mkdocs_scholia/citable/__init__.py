"""citable."""
