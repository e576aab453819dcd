"""Check kinds about the document as a whole: title, edition, parse problems."""

from __future__ import annotations

from gialint.build import expected_edition
from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Span

_EDITION_NAMES = {"legacy": "492号旧格式/legacy", "2019": "2019", "2021": "2021"}


@register
class TitleCheck(Check):
    """The report has a title naming the organ, the year and the report kind."""

    kind = "title"
    params = {
        "require": Param("str", default="present", choices=("present", "form"),
                         doc="present: a title exists; form: it names organ, year and "
                         "政府信息公开工作年度报告"),
        "phrase": Param("regex", default="政府信息公开工作年度报告",
                        doc="the words the title must contain"),
        "meta_counts": Param("bool", default=True,
                             doc="a web page's 标题: line counts as the title"),
    }
    message_args = ("title", "missing")
    variants = ("default",)

    def check(self, report: Report, ctx):
        title = report.title
        if title is not None and title.from_meta and not self.p["meta_counts"]:
            title = None
        if self.p["require"] == "present":
            if title is None:
                first = next((t for t in report.tokens if t.type not in ("META",)), None)
                span = report.span_of(first) if first else Span(0, 0)
                yield Hit(Span(span.start, span.start), {"title": "", "missing": ""})
            return
        if title is None:
            return
        missing = []
        if not title.organ:
            missing.append("organ")
        if not title.year:
            missing.append("year")
        if not self.p["phrase"].search(title.text):
            missing.append("phrase")
        if missing:
            yield Hit(title.span, {"title": title.text, "missing": ",".join(missing)})


@register
class EditionMismatch(Check):
    """The layout of the tables is not the format the report year calls for."""

    kind = "edition_mismatch"
    message_args = ("year", "layout", "expected")

    def check(self, report: Report, ctx):
        layout = report.layout_edition
        want = expected_edition(report.report_year)
        if not layout or not want or layout == want:
            return
        evidence = report.layout_evidence.get(layout) or []
        span = report.span_of(evidence[0]) if evidence else Span(0, 0)
        yield Hit(span, {"year": report.report_year, "layout": layout, "expected": want})


@register
class Unrecognised(Check):
    """Parts of the text the grammar could not place, or no outline at all."""

    kind = "unrecognised"
    params = {
        "min_sections": Param("int", default=1,
                              doc="fewer numbered sections than this means the outline was not found"),
    }
    message_args = ("expected", "count")
    variants = ("default", "no_sections")

    def check(self, report: Report, ctx):
        for problem in report.problems:
            yield Hit(problem.span, {"expected": problem.message, "count": 0})
        if len(report.sections) < self.p["min_sections"] and report.source.text.strip():
            yield Hit(Span(0, 0), {"expected": "", "count": len(report.sections)}, variant="no_sections")
