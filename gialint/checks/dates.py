"""Check kinds: dates (being written)."""
