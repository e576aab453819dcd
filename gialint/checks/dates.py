"""Check kinds about dates (docs/format.md), on ``Report.dates``.

The date reader (``gialint.dates``) finds every date and tells its role
(title, period, signature, publication, attachment, table heading, body);
these kinds compare them with the report year Y and with each other:

``date_valid``           a date that does not exist (2月30日, 13月5日)
``date_period``          the statistics period is not Y-01-01 … Y-12-31
``date_year_agreement``  title, attachments or table headings name another year
``date_order``           signature before the period ends or after the
                         publication; body dates after the signature
``date_deadline``        signature or publication after the legal deadline

and, in gialint/checks/date_plans.py, what the report says of the future:

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
