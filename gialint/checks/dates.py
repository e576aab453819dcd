"""Check kinds about dates (FORMAT.md §1.1–1.2, §5), on ``Report.dates``.

The date reader (``gialint.dates``) finds every date and tells its role
(title, period, signature, publication, attachment, table heading, body);
these kinds compare them with the report year Y and with each other:

``date_valid``           a date that does not exist (2月30日, 13月5日)
``date_period``          the statistics period is not Y-01-01 … Y-12-31
``date_year_agreement``  title, attachments or table headings name another year
``date_order``           signature before the period ends or after the
                         publication; body dates after the signature
``date_deadline``        signature or publication after the legal deadline
``date_next_year_plan``  a plan for next year that names the report year
``date_cutoff``          figures cut off before the period ends; 截至目前
``date_future_body``     years after Y in sections that report the past
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from gialint.checks.base import Check, Hit, Param, register
from gialint.chinese import SENTENCE_END
from gialint.dates import ROLES, DateMention
from gialint.model import Report, Section, Span, in_region
from gialint.saferegex import LazyPattern

_SENTENCE_END = SENTENCE_END
# words that make a later year normal: plans, targets, budgets, carry-overs
_PLAN_WORDS = (
    r"将|计划|拟|预计|力争|争取|目标|远景|展望|规划|纲要|方案|要点|预算|结转|转入|下一步|明年|下一年|"
    r"下年|届时|以前|之前|年前|有望|期限|有效期|部署|安排|启动|筹备|施行|实施|生效"
)
# headings of sections that look forward (legacy outlines have no fixed numbers)
_PLAN_HEADINGS = r"问题|改进|计划|打算|展望|下一步|思路|其他"
# what follows 将 when it means "will" (not the object marker 将 = 把)
_WILL = (
    r"继续|进一步|采取|着力|持续|不断|从以下|从|围绕|坚持|深化|切实|认真|全面|做好|加大|加强|推进|推动|"
    r"以(?!往|前|上|下|及)|在(?!线)|按照|紧紧|结合|聚焦|着重|努力|力争|抓好|强化|完善|健全|提升|开展|大力|积极|"
    r"扎实|严格|进行|做到|及时|建立|探索|加快|优化|全力"
)
# a date in running text (a year in a table's header is no statement), or in no segment
def _in_prose(d: DateMention) -> bool:
    return d.region is None or in_region(d.region, "prose")
_VAGUE = r"截[至止](?:到)?目前|到目前为止|目前为止|迄今为止|截[至止](?:到)?今[日天]?|截[至止]发稿"


def _fmt(d: date, lang: str) -> str:
    return d.isoformat() if lang == "en" else f"{d.year}年{d.month}月{d.day}日"


def _sentence(text: str, start: int, end: int, reach: int = 100) -> str:
    lo = start
    while lo > 0 and start - lo < reach and text[lo - 1] not in _SENTENCE_END:
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < reach and text[hi] not in _SENTENCE_END:
        hi += 1
    return text[lo:hi]


def _norm_span(report: Report, start: int, end: int) -> Span:
    return Span(*report.norm.span_to_orig(start, end))


def _collapse(s: str) -> str:
    return re.sub(r"\s*\n\s*", "", s).strip()


def _original(report: Report, span: Span) -> str:
    """The original words of a span, without line breaks (for messages)."""
    return _collapse(report.source.text[span.start:span.end])


def _groups(mentions: list[DateMention]) -> list[list[DateMention]]:
    """Mentions of the same date together (a date printed twice is one fact)."""
    out: dict[tuple, list[DateMention]] = {}
    for d in mentions:
        out.setdefault((d.year, d.month, d.day), []).append(d)
    return list(out.values())


def _stated_year(report: Report) -> int | None:
    """The report year when the report states it (title, period, web page
    title); None when it is only the most frequent year of the body."""
    return report.report_year if report.year_source in ("title", "period", "meta") else None


def _dated(report: Report, role: str) -> list[DateMention]:
    """Mentions of ``role`` precise to the month at least, with a year."""
    return [d for d in report.dates
            if d.role == role and d.exists and d.year is not None and d.month is not None]


def _top_section(report: Report, pos: int) -> Section | None:
    for sec in report.sections:
        if sec.span and sec.span.start <= pos <= sec.span.end:
            return sec
    return None


def _looks_forward(sec: Section, headings: re.Pattern[str]) -> bool:
    h = sec.heading
    return h.std_key in ("s5", "s6") or bool(headings.search(h.label))


def _primary(group: list[DateMention], role: str) -> tuple[DateMention, list[DateMention]]:
    """The mention a finding points at (the last signature, the first
    publication) and the others."""
    main = group[-1] if role == "signature" else group[0]
    return main, [d for d in group if d is not main]


@register
class DateValid(Check):
    """A date that does not exist in the calendar."""

    kind = "date_valid"
    params = {
        "roles": Param("list[str]", default=list(ROLES), choices=ROLES,
                       doc="the date roles to check (title, period, signature, …)"),
    }
    message_args = ("date",)

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        roles = set(self.values["roles"])
        for d in report.dates:
            if not d.exists and d.role in roles:
                yield Hit(d.span, {"date": d.display})


@register
class DatePeriod(Check):
    """The statistics period is the report year, 1 January to 31 December."""

    kind = "date_period"
    params = {
        "require": Param("bool", default=False,
                         doc="also report a report that states no statistics period (variant missing)"),
    }
    message_args = ("period", "expected", "year")
    variants = ("default", "missing")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return
        expected = (f"{year}-01-01 – {year}-12-31" if ctx.lang == "en"
                    else f"{year}年1月1日至{year}年12月31日")
        periods = [d for d in report.dates if d.role == "period"]
        if not periods:
            if self.values["require"]:
                first = next(report.regions("body", "cell"), None)
                pos = report.span_of(first).start if first else 0
                yield Hit(Span(pos, pos), {"period": "", "expected": expected, "year": year},
                          variant="missing")
            return
        for d in periods:
            if d.range_end:
                continue
            end = report.dates[d.partner] if d.partner is not None else None
            if end is not None:
                ok = (d.year == year and d.month == 1 and d.day in (None, 1) and d.exists
                      and end.year == year and end.month == 12 and end.day in (None, 31))
                stop = end
            else:
                ok = d.year == year and (d.month is None or (d.month, d.day) in (
                    (1, 1), (1, None), (12, 31), (12, None)))
                stop = d
            if ok:
                continue
            span = Span(d.span.start, stop.span.end)
            yield Hit(span, {"period": _original(report, span), "expected": expected, "year": year})


@register
class DateYearAgreement(Check):
    """Title, attachment and table headings name the report year."""

    kind = "date_year_agreement"
    params = {
        "roles": Param("list[str]", default=["title", "attachment", "table_heading"], choices=ROLES,
                       doc="the date roles whose year must be the report year"),
    }
    message_args = ("year", "expected", "text")
    variants = ("default", "title", "attachment", "table_heading", "reference")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return  # the year is a guess from the body: nothing stated to compare with
        roles = set(self.values["roles"])
        ref = next((d for d in report.dates if d.role == "title" and d.year == year), None) or next(
            (d for d in report.dates if d.role == "period" and d.year == year), None)
        seen_title_lines: set[int] = set()
        text = report.norm.text
        for d in report.dates:
            if d.role not in roles or d.year is None or d.inherited:
                continue
            if d.role == "title":
                line = text.count("\n", 0, d.start)
                if line in seen_title_lines:
                    continue  # the first year of a title is its report year
                seen_title_lines.add(line)
            if d.year == year:
                continue
            related = [(ref.span, {"year": ref.year, "expected": year, "text": ref.display}, "reference")] \
                if ref is not None else []
            variant = d.role if d.role in self.variants else "default"
            yield Hit(d.span, {"year": d.year, "expected": year, "text": d.display},
                      variant=variant, related=related)


@register
class DateOrder(Check):
    """Signature, publication and body dates in a possible order."""

    kind = "date_order"
    params = {
        "relation": Param("str", required=True,
                          choices=("signed_in_period", "signed_after_publication", "body_after_signature"),
                          doc="signed_in_period: the signature is dated on or before Y-12-31; "
                          "signed_after_publication: the signature is later than the publication "
                          "date; body_after_signature: a date in the sections is later than the "
                          "signature"),
        "plan_words": Param("regex", default=_PLAN_WORDS,
                            doc="body_after_signature: a sentence with these words speaks of the future"),
    }
    message_args = ("date", "other", "end")
    variants = ("default", "publication", "signature", "same")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        relation = self.values["relation"]
        signatures = _dated(report, "signature")
        if not signatures:
            return
        if relation == "signed_in_period":
            yield from self._in_period(report, ctx, signatures)
        elif relation == "signed_after_publication":
            yield from self._after_publication(report, signatures)
        else:
            yield from self._body_after(report, ctx, signatures)

    def _in_period(self, report, ctx, signatures):
        year = _stated_year(report)
        if year is None:
            return
        end = date(year, 12, 31)
        for group in _groups(signatures):
            main, others = _primary(group, "signature")
            if main.last_day() <= end:
                related = [(d.span, {"date": d.display}, "same") for d in others]
                yield Hit(main.span, {"date": main.display, "other": "", "end": _fmt(end, ctx.lang)},
                          related=related)

    def _after_publication(self, report, signatures):
        pubs = _dated(report, "publication")
        if not pubs:
            return
        pub = min(pubs, key=lambda d: d.last_day())
        for group in _groups(signatures):
            main, _ = _primary(group, "signature")
            if main.first_day() > pub.last_day():
                yield Hit(main.span, {"date": main.display, "other": pub.display, "end": ""},
                          related=[(pub.span, {"date": main.display, "other": pub.display}, "publication")])

    def _body_after(self, report, ctx, signatures):
        latest = max(d.last_day() for d in signatures)
        sig = max(signatures, key=lambda d: (d.last_day(), d.start))
        text = report.norm.text
        plan = self.values["plan_words"]
        for d in report.dates:
            if d.role != "body" or d.quoted or d.year is None or d.month is None or not d.exists:
                continue
            if not _in_prose(d):
                continue
            if d.first_day() <= latest or _top_section(report, d.span.start) is None:
                continue
            start = report.dates[d.partner].first_day() if d.range_end and d.partner is not None else None
            if start is not None and start <= latest:
                continue  # a span that starts before the signature
            if plan.search(_sentence(text, d.start, d.end)):
                continue
            yield Hit(d.span, {"date": d.display, "other": sig.display, "end": ""},
                      related=[(sig.span, {"date": d.display, "other": sig.display}, "signature")])


_DEADLINE_BASIS = {
    "zh": {
        "config": "配置的期限",
        "legacy": "《条例》（国务院令第492号）第三十一条：次年3月31日前",
        "department": "《条例》第四十九条，县级以上人民政府部门：次年1月31日前",
        "government": "《条例》第四十九条：次年3月31日前",
    },
    "en": {
        "config": "the configured deadline",
        "legacy": "art. 31 of the Regulation (State Council Decree 492): by 31 March of the next year",
        "department": "art. 49 of the Regulation, departments of governments at county level "
                      "and above: by 31 January of the next year",
        "government": "art. 49 of the Regulation: by 31 March of the next year",
    },
}


def deadline_for(year: int, organ_type: str | None, configured: str | None) -> tuple[date, str]:
    """The publication deadline of a report on ``year`` and the basis of it."""
    if configured:
        month, day = (int(x) for x in configured.split("-"))
        return date(year + 1, month, day), "config"
    if year <= 2018:
        return date(year + 1, 3, 31), "legacy"  # 492号: every organ by 3月31日
    if organ_type == "department":
        return date(year + 1, 1, 31), "department"
    return date(year + 1, 3, 31), "government"


@register
class DateDeadline(Check):
    """Signature or publication after the publication deadline (art. 49; 492号 art. 31)."""

    kind = "date_deadline"
    params = {
        "roles": Param("list[str]", default=["signature", "publication"],
                       choices=("signature", "publication"), doc="the dates to check"),
        "min_days_late": Param("int", default=1, doc="report a date at least this many days late"),
        "max_days_late": Param("int", default=0,
                               doc="… and at most this many (0: no limit); a web date long after "
                               "the deadline may be a re-post"),
    }
    message_args = ("date", "deadline", "days", "basis")
    variants = ("default", "same")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        year = _stated_year(report)
        if year is None:
            return
        deadline, basis = deadline_for(year, ctx.organ_type, ctx.deadline)
        words = _DEADLINE_BASIS["en" if ctx.lang == "en" else "zh"]
        lo, hi = self.values["min_days_late"], self.values["max_days_late"]
        for role in self.values["roles"]:
            for group in _groups(_dated(report, role)):
                main, others = _primary(group, role)
                late = (main.first_day() - deadline).days
                if late < max(lo, 1) or (hi and late > hi):
                    continue
                args = {"date": main.display, "deadline": _fmt(deadline, ctx.lang), "days": late,
                        "basis": words[basis]}
                yield Hit(main.span, args, related=[(d.span, args, "same") for d in others])


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
    _BEFORE = LazyPattern(r"截[至止](?:到|于)? *$")

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
            before = self._BEFORE.search(text, max(0, d.start - 6), d.start)
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
