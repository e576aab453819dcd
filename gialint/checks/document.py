"""Check kinds about the document as a whole: title, edition, parse problems."""

from __future__ import annotations

import re

from gialint.build import expected_edition
from gialint.checks.base import Check, Hit, Param, register
from gialint.dates import ORGAN_AT_END
from gialint.model import Report, Span, region_of

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


@register
class ClosingBlock(Check):
    """The report ends with its closing block (落款): the signing organ and the
    date.  Built on what the reading found: the signatures of the report model
    (gialint/lexer/closing.py: under the last section, after a table, at the end
    of a one-line article) and the dates whose role is ``signature``
    (gialint/dates.py: also after the attachments, or glued to the organ)."""

    kind = "closing_block"
    params = {
        "web": Param("bool", default=False,
                     doc="false: reports without a publication date in the header; true: only "
                     "web pages whose publication date stands in the header (the page dates the "
                     "report, so a missing closing block matters less)"),
        "after_section": Param("str", default="s6",
                               doc="check only reports that have this section of the national "
                               "format (their end was reached: not a fragment)"),
    }
    message_args = ("last",)
    variants = ("default", "after_table", "no_date", "no_organ")

    def check(self, report: Report, ctx):
        if not report.sections or report.section(self.values["after_section"]) is None:
            return
        first = report.sections[0].heading.span.start
        last = report.sections[-1].heading.span.start
        dated_page = any(d.role == "publication" and d.span.start < first for d in report.dates)
        if dated_page != self.values["web"]:
            return
        signed = [d for d in report.dates if d.role == "signature"]
        if any(d.span.start < first for d in signed):
            return  # dated under the title (题注): the title names the organ
        closing = [d for d in signed if d.span.start > last and d.day is not None]
        if closing:
            date = closing[-1]
            if not _has_organ(report, date):
                yield Hit(date.span, {"last": report.original(date.span)}, variant="no_organ")
            return
        stop = _body_end(report)
        body = report.norm.text[:stop].rstrip()
        if _MISWRITTEN_DATE.search(body, max(0, len(body) - 20)):
            return  # a closing date written wrong (2024年月25日): GIA414's
        organ = _trailing_organ(report, stop)
        if organ is not None:
            yield Hit(organ, {"last": report.original(organ)}, variant="no_date")
            return
        end = _last_clause(report, stop)
        if end is not None:
            span, after_table = end
            yield Hit(span, {"last": _clip(report.original(span))},
                      variant="after_table" if after_table else "default")


_CLAUSE_END = re.compile(r"[。!?！？;；,，:：\n]")
_SENTENCE_END = re.compile(r"[。!?！？;；\n]")
# a closing date with its numbers, written wrong (2024年月25日, 2024年1月25)
_MISWRITTEN_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4}) *年[ \d一二三四五六七八九十]*月?"
                              r"[ \d一二三四五六七八九十]*\d[ \d一二三四五六七八九十]*日?$")
# a date left to be filled in: 2024年 月 日, 年 月 日
_BLANK_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})? *年 *月 *日$")
_CLOSING_LINE_MAX = 30  # the longest signing organ (SIGNER_MAX_LEN)


# the 附件 mark inside a line (a one-line copy, where no 附件 line opens the attachments)
_ATTACHMENT_MARK = re.compile(r"(?:^|(?<=[\s。!?！？;；]))附[件表] *[\d一二三四五六七八九十]* *[:：]")


def _body_end(report: Report) -> int:
    """Where the report's text ends: its attachments start (a 附件 line, or a
    附件： mark after the last section heading in a one-line copy)."""
    text = report.norm.text
    stop = next((b.tokens[0].start for b in report.attachments if b.tokens), len(text))
    heads = [t for t in report.tokens if region_of(t) == "section_heading"]
    if heads:
        m = _ATTACHMENT_MARK.search(text, heads[-1].end, stop)
        if m:
            stop = m.start()
    return stop


def _has_organ(report: Report, date) -> bool:
    """A signing organ stands with the closing date: the signature the reading
    found, else an organ's name right before the date (on its line or the one
    above)."""
    if any(s.signer and s.date_span.start <= date.span.start < s.date_span.end for s in report.signatures):
        return True
    text = report.norm.text
    before = text[max(0, date.start - 40):date.start].rstrip(" \n(（[")
    return bool(ORGAN_AT_END.search(before))


def _trailing_organ(report: Report, stop: int) -> Span | None:
    """The text ends with an organ's name and no date: the last words after the
    last sentence (…提案。 某某县农业农村局)."""
    text = report.norm.text
    body = text[:stop].rstrip()
    blank = _BLANK_DATE.search(body, max(0, len(body) - 20))
    if blank:
        body = body[:blank.start()].rstrip()  # 年 月 日: a date left to be filled in
    cut = max((m.end() for m in _SENTENCE_END.finditer(body, max(0, len(body) - 60))), default=0)
    tail = body[cut:].strip()
    if not 2 <= len(tail) <= _CLOSING_LINE_MAX or not ORGAN_AT_END.search(tail):
        return None
    start = body.index(tail, cut)
    tok = _token_at(report, start)
    if tok is None or region_of(tok) not in ("paragraph", "signer"):
        return None  # a heading or a table row
    return Span(*report.norm.span_to_orig(start, start + len(tail)))


def _token_at(report: Report, pos: int):
    return next((t for t in report.tokens if t.start <= pos < t.end), None)


def _last_clause(report: Report, stop: int) -> tuple[Span, bool] | None:
    """The last clause of running text before ``stop`` (never a table), and
    whether a table follows it: where a closing block would stand."""
    toks = [t for t in report.tokens if t.start < stop]
    prose = [t for t in toks if region_of(t) in ("paragraph", "section_heading", "subheading",
                                                  "signer", "date")]
    if not prose:
        return None
    tok = prose[-1]
    after_table = any(region_of(t) in ("table_label", "cell") and t.start >= tok.end for t in toks)
    text = report.norm.text
    end = min(tok.end, stop)
    while end > tok.start and text[end - 1] in " \n":
        end -= 1
    cut = max((m.end() for m in _CLAUSE_END.finditer(text, tok.start, max(tok.start, end - 1))),
              default=tok.start)
    while cut < end and text[cut] in " \n":
        cut += 1
    if cut >= end:
        return None
    return Span(*report.norm.span_to_orig(cut, end)), after_table


def _clip(s: str, n: int = 30) -> str:
    return s if len(s) <= n else "…" + s[-n:]
