"""Check kinds: contamination (being written)."""
