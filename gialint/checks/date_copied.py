"""The check kind ``date_copied_year``: a body that narrates another year.

A report copied from last year's and updated only in its title keeps
statements like ``2022年，我局共办理…`` in the sections that report the year
(docs/format.md#body-dates: a body whose dominant year is not Y indicates copied text).
Only statements that open with a year count — comparisons (较2022年, 与2022年相
比) and budget items do not open a statement — and only in the sections that
report the past.
"""

from __future__ import annotations

from collections.abc import Iterator

from gialint.checks.base import Check, Hit, Param, register
from gialint.checks.dates import (
    _PLAN_HEADINGS,
    _in_prose,
    _looks_forward,
    _stated_year,
    _top_section,
)
from gialint.chinese import SENTENCE_END
from gialint.model import Report
from gialint.saferegex import LazyPattern

# what follows a year that opens a statement: 2022年，… 2022年度，… 2022年我局…
_OPENS = LazyPattern(r"度?\s*(?:[，,]|(?:我|本|全|共|各|该|区|县|市|镇|街道))")


def _opens_statement(text: str, start: int, seg_start: int) -> bool:
    """The year stands at the start of a sentence (or of its paragraph)."""
    i = start
    while i > seg_start and text[i - 1] in " \t":
        i -= 1
    return i == seg_start or text[i - 1] in SENTENCE_END or text[i - 1] == "\n"


@register
class DateCopiedYear(Check):
    """Statements of the sections that report the year open with an earlier
    year more often than with the report year."""

    kind = "date_copied_year"
    params = {
        "min_count": Param("int", default=2, doc="report from this many statements of one earlier year on"),
        "plan_headings": Param("regex", default=_PLAN_HEADINGS,
                               doc="headings of sections that look forward (not checked)"),
    }
    message_args = ("year", "report_year", "count", "own")
    variants = ("default", "statement")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return
        text = report.norm.text
        by_year: dict[int, list] = {}
        for d in report.dates:
            if d.role != "body" or d.year is None or d.month is not None or d.quoted or d.range_end:
                continue
            if d.partner is not None or not _in_prose(d) or not _OPENS.match(text, d.end):
                continue
            seg = next((t for t in report.tokens if t.start <= d.start < t.end), None)
            if seg is None or not _opens_statement(text, d.start, seg.start):
                continue
            sec = _top_section(report, d.span.start)
            if sec is None or _looks_forward(sec, self.values["plan_headings"]):
                continue
            by_year.setdefault(d.year, []).append(d)
        own = len(by_year.get(year, ()))
        for other, found in sorted(by_year.items()):
            if other >= year or len(found) < self.values["min_count"] or len(found) <= own:
                continue
            related = [(d.span, {"year": other}, "statement") for d in found[1:]]
            yield Hit(found[0].span, {"year": other, "report_year": year, "count": len(found),
                                      "own": own}, related=related)
