"""The parts of a report the contamination kinds search: the title and the body."""

from __future__ import annotations

from gialint.model import Report


def doc_regions(report: Report):
    """(start, end) in the normalised text of the title and body segments
    (no web-page metadata, no table values)."""
    for tok in report.regions("document"):
        yield tok.start, tok.end
