"""The parts of a report the contamination kinds search: the title and the body."""

from __future__ import annotations

from gialint.model import Report

_DOC_TYPES = ("TITLE", "HEADING", "SUBHEADING", "TEXT", "TABLE_LABEL", "SIGNER", "DATE_LINE")


def doc_regions(report: Report):
    """(start, end) of the title and body tokens in the normalised text."""
    for tok in report.tokens:
        if tok.type in _DOC_TYPES:
            yield tok.start, tok.end
