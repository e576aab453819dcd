"""A place in the original file, in the model's terms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """``Source.text[start:end]``: :data:`~gialint.offsets.TextOffset` values
    (for an HTML, Word or PDF file, offsets in the reader's rendering)."""

    start: int
    end: int
