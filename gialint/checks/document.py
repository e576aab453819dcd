"""Check kinds about the document as a whole: title, edition, parse problems."""

from __future__ import annotations

from gialint.build import expected_edition
from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Span

# what the grammar's terminals are called in messages (the parser's expectations)
_TOKEN_WORDS = {
    "zh": {"TITLE": "标题", "META": "网页信息", "HEADING": "章节标题", "SUBHEADING": "小标题",
           "TEXT": "段落", "TABLE_LABEL": "表格标签", "CELL": "表格数值", "SIGNER": "落款机关",
           "DATE_LINE": "日期", "ATTACHMENT": "附件", "$END": "文件结尾"},
    "en": {"TITLE": "title", "META": "page metadata", "HEADING": "section heading",
           "SUBHEADING": "sub-heading", "TEXT": "paragraph", "TABLE_LABEL": "table label",
           "CELL": "table value", "SIGNER": "signing organ", "DATE_LINE": "date",
           "ATTACHMENT": "attachment", "$END": "end of file"},
}
_TITLE_PARTS = {
    "zh": {"organ": "机关名称", "year": "年份", "phrase": "“政府信息公开工作年度报告”"},
    "en": {"organ": "organ", "year": "year", "phrase": "“政府信息公开工作年度报告”"},
}


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
        if title is not None and title.from_meta and not self.values["meta_counts"]:
            title = None
        if not report.source.text.strip():
            return  # an empty file: GIA002 says so
        if self.values["require"] == "present":
            if title is None:
                first = next(report.regions("document", "cell"), None)
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
        if not self.values["phrase"].search(title.text):
            missing.append("phrase")
        if missing:
            words = _TITLE_PARTS["en" if ctx.lang == "en" else "zh"]
            sep = ", " if ctx.lang == "en" else "、"
            yield Hit(title.span, {"title": title.text, "missing": sep.join(words[m] for m in missing)})


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
    variants = ("default", "no_sections", "empty")

    def check(self, report: Report, ctx):
        words = _TOKEN_WORDS["en" if ctx.lang == "en" else "zh"]
        sep = ", " if ctx.lang == "en" else "、"
        for segment in report.unplaced:
            expected = sep.join(words.get(t, t) for t in segment.expected.split(", ") if t)
            yield Hit(segment.span, {"expected": expected, "count": 0})
        if not report.source.text.strip():
            yield Hit(Span(0, 0), {"expected": "", "count": 0}, variant="empty")
        elif len(report.sections) < self.values["min_sections"]:
            yield Hit(Span(0, 0), {"expected": "", "count": len(report.sections)}, variant="no_sections")


@register
class NoTextLayer(Check):
    """A PDF whose pages carry no text (scans): what is not text cannot be checked.
    The PDF reader records it on the source's origin (gialint/readers/pdf.py)."""

    kind = "no_text_layer"
    message_args = ("page", "pages", "scanned")
    variants = ("default", "blank", "page")

    def check(self, report: Report, ctx):
        origin = report.source.origin
        if origin is None:
            return
        pages = getattr(origin, "pages", 0)
        textless = getattr(origin, "textless_pages", ())
        if getattr(origin, "no_text", False):
            scanned = _page_ranges([page for page, _ in textless])
            yield Hit(Span(0, 0), {"page": "", "pages": pages, "scanned": scanned},
                      variant="default" if scanned else "blank")
            return
        for page, offset in textless:
            yield Hit(Span(offset, offset), {"page": page, "pages": pages, "scanned": str(page)}, variant="page")


def _page_ranges(pages: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
