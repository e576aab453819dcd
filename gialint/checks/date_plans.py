"""Check kinds about what a report says of the future: a plan for next year
that names the report year (``date_next_year_plan``), figures cut off before
the period ends (``date_cutoff``) and later years in sections that report
the past (``date_future_body``).  Helpers shared with the other date kinds
live in gialint/checks/dates.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gialint.checks.base import Check, Hit, Param, register
from gialint.checks.dates import (
    _PLAN_HEADINGS,
    _PLAN_WORDS,
    _VAGUE,
    _WILL,
    _fmt,
    _in_prose,
    _looks_forward,
    _norm_span,
    _original,
    _sentence,
    _stated_year,
    _top_section,
    deadline_for,
)
from gialint.model import Report
from gialint.saferegex import LazyPattern


@register
class DateNextYearPlan(Check):
    """A plan for the coming year that names the report year (copied from last year's plan)."""

    kind = "date_next_year_plan"
    params = {
        "will": Param("regex", default=_WILL,
                      doc="words after 将/计划/拟 that make it “will” (将 is also the object marker)"),
    }
    message_args = ("year", "match")

    def setup(self) -> None:
        will = self.values["will"].pattern
        self.after = self.compile(
            rf"度?[ ,，]*[^。；;!?！？，,:：\n]{{0,12}}?(?:将|拟|准备|打算)(?:要)?(?:{will})")
        self.heading = LazyPattern(r"度?(?:工作)?(?:计划|打算|安排|思路|重点工作)")
        # 下一步，街道将在2023年… (not: 下一步，巩固2023年取得的成绩)
        self.next_year = LazyPattern(r"(?:下一步|明年|来年|新的一年)[^。；;!?！？]{0,30}(?:在|于|到|至|力争|争取) *$")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return
        text = report.norm.text
        headings = list(report.regions("headings"))
        for d in report.dates:
            if d.role != "body" or d.year != year or d.month is not None or d.quoted or d.partner is not None:
                continue
            if not _in_prose(d):
                continue
            m = self.after.match(text, d.end)
            if m:
                span = _norm_span(report, d.start, m.end())
                yield Hit(span, {"year": year, "match": _original(report, span)})
                continue
            m = self.heading.match(text, d.end)
            head = next((t for t in headings if t.start <= d.start < t.end), None)
            if m and head is not None and not text[m.end():head.end].strip(" 。:："):
                # a heading that is the plan (六、2023年工作计划), not 2023年工作计划落实情况
                span = _norm_span(report, d.start, m.end())
                yield Hit(span, {"year": year, "match": _original(report, span)})
                continue
            m = self.next_year.search(text, max(0, d.start - 30), d.start)
            if m:
                span = _norm_span(report, m.start(), d.end)
                yield Hit(span, {"year": year, "match": _original(report, span)})


@register
class DateCutoff(Check):
    """Figures given “as of” a date before the period ends, or “as of now”."""

    kind = "date_cutoff"
    params = {
        "mode": Param("str", default="date", choices=("date", "vague"),
                      doc="date: 截至 a day before Y-12-31; vague: 截至目前, 到目前为止 …"),
        "vague": Param("regex", default=_VAGUE, doc="vague: the phrases to report"),
    }
    message_args = ("match", "end")
    # 截至, 截止到, 截止时间为, 统计截止日期: (the last words before the date)
    _BEFORE = LazyPattern(r"截[至止](?:到|于|(?:时间|日期|日)(?:为|是)? *:?)? *$")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        text = report.norm.text
        if self.values["mode"] == "vague":
            # the report year only completes the suggestion: a guess is good enough
            year = report.report_year
            if year is not None:
                end = _fmt(date(year, 12, 31), ctx.lang)
            else:
                end = "31 December of the report year" if ctx.lang == "en" else "报告年度12月31日"
            for tok in report.regions("body", "cell"):
                for m in self.values["vague"].finditer(text, tok.start, tok.end):
                    span = _norm_span(report, m.start(), m.end())
                    yield Hit(span, {"match": _original(report, span), "end": end})
            return
        year = _stated_year(report)
        if year is None:
            return
        end = date(year, 12, 31)
        for d in report.dates:
            if d.role not in ("body", "table_heading") or d.month is None or not d.exists or d.range_end:
                continue
            before = self._BEFORE.search(text, max(0, d.start - 9), d.start)
            if not before:
                continue
            if d.year is None and d.month <= 3:
                continue  # 截至1月15日 without a year: likely the next year, when the report was written
            if (d.year if d.year is not None else year) != year:
                continue  # 截至2023年底 in a 2024 report: a comparison
            if d.last_day(year) >= end:
                continue
            span = _norm_span(report, before.start(), d.end)
            yield Hit(span, {"match": _original(report, span), "end": _fmt(end, ctx.lang)})


@register
class DateFutureBody(Check):
    """Years after the report year in the sections that report on it."""

    kind = "date_future_body"
    params = {
        "plan_headings": Param("regex", default=_PLAN_HEADINGS,
                               doc="headings of sections that look forward (besides 五 and 六)"),
        "plan_words": Param("regex", default=_PLAN_WORDS,
                            doc="a sentence with these words may name a later year"),
    }
    message_args = ("year", "report_year")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return
        text = report.norm.text
        for d in report.dates:
            if d.role != "body" or d.year is None or d.year <= year or d.quoted or d.inherited:
                continue
            if not _in_prose(d) or not d.exists:
                continue
            if d.range_end and d.partner is not None and (report.dates[d.partner].year or 0) <= year:
                continue  # 2023-2025年: a span that includes the report year
            if d.month is not None and d.first_day() <= deadline_for(year, ctx.organ_type, ctx.deadline)[0]:
                continue  # 于2024年1月审结: what happened before the report was due
            sec = _top_section(report, d.span.start)
            if sec is None or _looks_forward(sec, self.values["plan_headings"]):
                continue
            if self.values["plan_words"].search(_sentence(text, d.start, d.end)):
                continue
            yield Hit(d.span, {"year": d.year, "report_year": year})
