"""A place in the original file, in the model's terms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets in the ORIGINAL text (``Source.text``), end exclusive."""

    start: int
    end: int
