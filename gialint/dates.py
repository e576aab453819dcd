"""Every date mentioned in a report, with its calendar value and its role.

``read_dates(report)`` runs one compiled regular expression over the
normalised text (``report.norm.text``) and returns :class:`DateMention`
objects in text order.  Forms read:

* ``2024年1月1日``, ``2024 年 1 月 1 日`` (spaces, and one line break, from PDF
  extraction), ``2024年1月``, ``2024年2月份``, ``2024年底``, years alone
  (``2024年``, ``2024年度``);
* ``2024-01-28 10:59``, ``2024.1.28``, ``2024/01/28`` (only real calendar
  values: ``2024.15.3`` is a number, not a date);
* Chinese numerals: ``二〇二一年二月六日``, ``二○一二年二月二十日`` (〇, ○ or 零),
  ``二〇一三年一月``, ``二〇三五年``, ``二月二十日``;
* partial dates without a year: ``11月13日``, ``6月份``, ``12月``;
* ranges: ``自2024年1月1日起至2024年12月31日止``, ``2025 年 1 月 1 日至 12 月 31
  日`` (the end inherits the year), ``1月至12月``, ``2016年1-12月``,
  ``2024-2027 年``.  Both ends are mentions, linked by ``partner``.

A mention's ``role`` says what the date is for, where the text tells:

``title``         the report year in the title (or a web page's 标题: line)
``period``        the statistics period (统计期限/统计周期 … 起至 … 止)
``signature``     the date of the signature block (落款), or the date printed
                  right under the title
``publication``   a web page's 发布时间/发布日期, in its metadata or in the text
``attachment``    the title of an attachment (附件：2016年度…统计表)
``table_heading`` the title or a column of a statistics table
                  (2015年度政府信息公开工作情况统计表, 2016年度 历年累计)
``meta``          other web-page metadata (本地目录: …)
``body``          everything else

Spans are original-text offsets (``Span``); ``start``/``end`` are offsets in
the normalised text, for looking at the words around a mention.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from gialint.chinese import NUMERALS, cn_number
from gialint.datemention import ROLES, DateMention  # noqa: F401  (part of this module's API)
from gialint.model import region_of
from gialint.spans import Span

if TYPE_CHECKING:
    from gialint.lexer import Tok
    from gialint.model import Report

# -- the expression ------------------------------------------------------------

_S = r" *(?:\n *)?"  # spaces, and at most one line break (wrapped PDF text)
_TO = r"(?:至|到|-|—|–|~)"
_CN_DIGITS = "〇○◯零O0一二三四五六七八九"
_CN_NUM = NUMERALS

_DATES = re.compile(
    # every form starts with a digit or a Chinese numeral: reject other positions at once
    rf"(?=[\d{_CN_DIGITS}十元])(?:"
    # 2024-01-28 10:59, 2024.1.28, 2024/01/28
    rf"(?<![\d.\-/])(?P<iy>(?:19|20)\d{{2}})(?P<isep>[-./])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\d])"
    rf"(?:(?: +|T)(?P<it>\d{{1,2}}:\d{{2}}(?::\d{{2}})?))?"
    # 2024年1月1日, 2024年1-12月, 2024年度, 2024-2027年
    rf"|(?<![\d.])(?P<ay>(?:19|20)\d{{2}})(?:{_S}{_TO}{_S}(?P<ay2>(?:19|20)\d{{2}}))?{_S}年"
    rf"(?:(?P<aysuf>度|底|末|初)"
    rf"|{_S}(?P<am>\d{{1,2}})(?:{_S}{_TO}{_S}(?P<am2>\d{{1,2}}))?{_S}月"
    rf"(?:(?P<amsuf>份|底|末|初)|{_S}(?P<ad>\d{{1,2}}){_S}[日号])?)?"
    # 二〇二一年二月六日, 二〇一三年一月, 二〇三五年
    rf"|(?<![{_CN_DIGITS}十\d])(?P<cy>[{_CN_DIGITS}]{{4}}){_S}年"
    rf"(?:{_S}(?P<cm>[{_CN_NUM}]{{1,2}}|元){_S}月(?:{_S}(?P<cd>[{_CN_NUM}]{{1,3}}){_S}[日号])?)?"
    # 二月二十日 (a Chinese month alone needs its day: 一月一次 is no date)
    rf"|(?<![{_CN_DIGITS}十\d])(?P<xm>[{_CN_NUM}]{{1,2}}|元)月(?P<xd>[{_CN_NUM}]{{1,3}})[日号]"
    # 11月13日, 1-12月, 6月份
    rf"|(?<![\d.])(?P<bm>\d{{1,2}})(?:{_S}{_TO}{_S}(?P<bm2>\d{{1,2}}))?{_S}月"
    rf"(?:(?P<bmsuf>份|底|末|初)|{_S}(?P<bd>\d{{1,2}}){_S}[日号])?"
    r")"
)
# the words between the two ends of a range
_RANGE_GAP = re.compile(rf"{_S}起?{_S}(?:至|到|-{{1,2}}|—{{1,2}}|–|~){_S}")
_CN_YEAR_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_YEAR_DIGIT.update({"○": "0", "◯": "0", "零": "0", "O": "0", "0": "0"})

# role evidence, looked for in the words right before a mention
_PERIOD_WORDS = re.compile(
    r"(?:(?:统计|数据)(?:期限|周期|时限|时段|时间段?|区间|范围|期间|年度)|报告期(?:限|间)?"
    r"|时间(?:范围|区间|跨度|段)|起止(?:时间|日期)|统计数据(?:的)?(?:时间|期限))"
    r"[^。；;!?！？\d]{0,12}$"
)
_PUBLICATION_LABEL = re.compile(r"(?:发布|公布|发表|更新)?(?:时间|日期)\s*[:：]\s*$")
_SIGNING_LABEL = re.compile(r"(?:成文|发文|印发)(?:时间|日期)\s*[:：]\s*$")
_ATTACHMENT = re.compile(
    r"(?:^|[\s。；;!?！？])(?:附件|附表)\s*(?:[\d一二三四五六七八九十]+\s*[:：]?|[:：])[^。；;!?！？\n]{0,40}$")
_TABLE_AFTER = re.compile(r"[^。；;!?！？，,:：》\n]{0,30}?(?:统计表|情况表|汇总表|一览表)")
_TABLE_COLUMN = re.compile(r" *度? *历年累计")
_NOT_A_TABLE_TITLE = re.compile(r"《|印发|下发|报送|填报|关于|按照|根据")
_BOUNDARY = re.compile(r"[。；;!?！？，,:：\n]")
# how the name of a signing organ ends (…人民政府, …农业农村局, …街道办事处)
ORGAN_END = (r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|局|办|中心|厅|委|院|街道办事处"
             r"|街道|镇|乡|区|县|市|小组)")
ORGAN_AT_END = re.compile(ORGAN_END + "$")
# what stands before a signature date inside a line: a sentence end, or the organ
_SIGNATURE_BEFORE = re.compile(r"(?:[。!?！？)）]|" + ORGAN_END[3:-1] + ")$")
# what may follow a signature date glued to its organ (…农业农村局2024年1月25日附件:…)
_GLUED_AFTER = re.compile(r" *(?:附件|附表)")
_SIGNATURE_AFTER = re.compile(
    r"附件|附表|本报告|[一二三四五六七八九十]{1,2}、|[^。；;，,:：\n]{0,30}?(?:统计表|情况表)")


def read_dates(report: Report) -> list[DateMention]:
    """Every date mention of the report, in text order, with roles."""
    text = report.norm.text
    out: list[DateMention] = []
    for m in _DATES.finditer(text):
        out.extend(_mentions(m))
    if not out:
        return out
    spans = report.norm.span_to_orig
    original = report.source.text
    for d in out:
        d.span = Span(*spans(d.start, d.end))
        d.original = original[d.span.start:d.span.end]
    _link_ranges(text, out)
    _quoted(text, out)
    _roles(report, out)
    return out


def _mention(text: str, start: int, end: int, y, m, d, **kw) -> DateMention:
    return DateMention(y, m, d, Span(start, end), text, start, end, _exists(y, m, d), **kw)


def _exists(y: int | None, m: int | None, d: int | None) -> bool:
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    # without a year, 2月29日 may exist
    return 1 <= d <= calendar.monthrange(y if y is not None else 2000, m)[1]


def _cn_year(s: str) -> int | None:
    digits = "".join(_CN_YEAR_DIGIT.get(c, "") for c in s)
    if len(digits) != 4 or sum(c in "0O" for c in s) == 4:
        return None
    year = int(digits)
    return year if 1900 <= year <= 2099 else None


def _cn_num(s: str) -> int | None:
    """A month or day in Chinese numerals: 元 (元月) is 1, else as headings count."""
    return 1 if s == "元" else cn_number(s)


def _mentions(m: re.Match) -> list[DateMention]:
    """One or two mentions (a range written as one: 1-12月, 2024-2027年) of a match."""
    g = m.group
    whole = g()
    a, b = m.start(), m.end()
    if g("iy"):
        y, mo, d = int(g("iy")), int(g("im")), int(g("id"))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return []  # 2024.15.3 is a number, not a date
        return [_mention(whole, a, b, y, mo, d, form="numeric", time=g("it"))]
    if g("ay"):
        y = int(g("ay"))
        if g("ay2"):
            cut = m.end("ay")
            first = _mention(whole[: cut - a], a, cut, y, None, None)
            second = _mention(whole[m.start("ay2") - a:], m.start("ay2"), b, int(g("ay2")), None, None,
                              suffix=g("aysuf") or "")
            return _pair(first, second)
        if g("am") is None:
            return [_mention(whole, a, b, y, None, None, suffix=g("aysuf") or "")]
        mo = int(g("am"))
        if g("am2"):
            cut = m.end("am")
            first = _mention(whole[: cut - a], a, cut, y, mo, None)
            second = _mention(whole[m.start("am2") - a:], m.start("am2"), b, y, int(g("am2")), None,
                              suffix=g("amsuf") or "", inherited=True)
            return _pair(first, second)
        d = int(g("ad")) if g("ad") else None
        return [_mention(whole, a, b, y, mo, d, suffix=g("amsuf") or "")]
    if g("cy"):
        y = _cn_year(g("cy"))
        if y is None:
            return []
        mo = _cn_num(g("cm")) if g("cm") else None
        d = _cn_num(g("cd")) if g("cd") else None
        if (g("cm") and mo is None) or (g("cd") and d is None):
            return []
        return [_mention(whole, a, b, y, mo, d, form="chinese")]
    if g("xm"):
        mo, d = _cn_num(g("xm")), _cn_num(g("xd"))
        if mo is None or d is None:
            return []
        return [_mention(whole, a, b, None, mo, d, form="chinese")]
    mo = int(g("bm"))
    d = int(g("bd")) if g("bd") else None
    if g("bm2"):
        cut = m.end("bm")
        mo2 = int(g("bm2"))
        if not (1 <= mo <= 12 and 1 <= mo2 <= 12):
            return []
        first = _mention(whole[: cut - a], a, cut, None, mo, None)
        second = _mention(whole[m.start("bm2") - a:], m.start("bm2"), b, None, mo2, None,
                          suffix=g("bmsuf") or "")
        return _pair(first, second)
    if d is None and not 1 <= mo <= 12:
        return []  # 15月 alone is a count, not a month
    return [_mention(whole, a, b, None, mo, d, suffix=g("bmsuf") or "")]


def _pair(first: DateMention, second: DateMention) -> list[DateMention]:
    second.range_end = True
    first.partner = -1  # resolved to list indices in _link_ranges
    second.partner = -2
    return [first, second]


def _link_ranges(text: str, out: list[DateMention]) -> None:
    for i, d in enumerate(out):
        if d.partner == -1:
            d.partner, out[i + 1].partner = i + 1, i
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.partner is not None or b.partner is not None:
            continue
        if not _RANGE_GAP.fullmatch(text, a.end, b.start):
            continue
        a.partner, b.partner, b.range_end = i + 1, i, True
        if b.year is None and a.year is not None:
            b.year, b.inherited = a.year, True
            b.exists = _exists(b.year, b.month, b.day)


def _quoted(text: str, out: list[DateMention]) -> None:
    """Mentions inside 《…》 (a document's name; wrapped PDF lines allowed)."""
    for d in out:
        lo = max(0, d.start - 80)
        before = text[lo:d.start]
        opened = before.rfind("《")
        if opened < 0 or before.rfind("》") > opened or "。" in before[opened:]:
            continue
        after = text[d.end:d.end + 80]
        close = after.find("》")
        if close >= 0 and not any(c in after[:close] for c in "。《"):
            d.quoted = True


# -- roles ---------------------------------------------------------------------


class _Tokens:
    def __init__(self, tokens: list[Tok]):
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        headings = [t.start for t in tokens if region_of(t) == "section_heading"]
        self.first_heading = headings[0] if headings else None
        self.last_heading = headings[-1] if headings else None

    def signature_line(self, tok: Tok) -> bool:
        """A date line that signs the report: under the signing organ, before the
        first heading (right under the title) or after the last one."""
        i = bisect_right(self.starts, tok.start) - 1
        if i > 0 and region_of(self.tokens[i - 1]) == "signer":
            return True
        return self.first_heading is None or tok.start < self.first_heading or tok.start > self.last_heading

    def at(self, pos: int) -> Tok | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.tokens[i].end > pos:
            return self.tokens[i]
        return None


def _line_before(text: str, pos: int, limit: int = 60) -> str:
    lo = max(0, pos - limit)
    nl = text.rfind("\n", lo, pos)
    return text[(nl + 1 if nl >= 0 else lo):pos]


def _after_on_line(text: str, out: list[DateMention], i: int, role: str) -> bool:
    """A date of ``role`` comes earlier on the line of date ``i`` (and after
    the last 附件 mark: 附件1：2023年… 附件2：2024年… are two attachments)."""
    j = i - 1
    while j >= 0 and not any(w in text[out[j].end:out[i].start] for w in ("\n", "附件")):
        if out[j].role == role:
            return True
        j -= 1
    return False


def _roles(report: Report, out: list[DateMention]) -> None:
    text = report.norm.text
    toks = _Tokens(report.tokens)
    for i, d in enumerate(out):
        if d.role != "body":
            continue  # set with its range partner
        tok = toks.at(d.start)
        region = d.region = region_of(tok)
        before = _line_before(text, d.start)
        if region == "meta":
            head = text[tok.start:d.start]
            if head.lstrip().startswith("标题"):
                d.role = "title"
            elif _SIGNING_LABEL.search(head):
                d.role = "signature"
            elif _PUBLICATION_LABEL.search(head):
                d.role = "publication"
            else:
                d.role = "meta"
            continue
        if region == "title":
            d.role = "title"
            continue
        if _SIGNING_LABEL.search(before):
            d.role = "signature"
            continue
        # the period first: 统计时间：2023.1.1—2023.11.30 is no publication date
        if _PERIOD_WORDS.search(text, max(0, d.start - 40), d.start) and not d.range_end:
            d.role = "period"
            if d.partner is not None and d.partner > i:
                out[d.partner].role = "period"
            continue
        if _PUBLICATION_LABEL.search(before) and (d.time or d.form == "numeric" or "发" in before[-8:]):
            d.role = "publication"
            continue
        if _TABLE_COLUMN.match(text, d.end) or before.rstrip().endswith("计量单位"):
            d.role = "table_heading"
            continue
        if _ATTACHMENT.search(before) and not _after_on_line(text, out, i, "attachment"):
            # the attachment's first year is the year it covers; a later date on
            # its line (……统计表（2024年1月制）) is when it was made
            d.role = "attachment"
            continue
        if _table_title(text, d, before):
            d.role = "table_heading"
            continue
        if region == "date" or _whole_line(text, d):
            if d.month is not None and (tok is None or toks.signature_line(tok)):
                # 2024-01-28 (10:59) alone on a line is a web page's date, not a signature
                d.role = "publication" if d.time or d.form == "numeric" else "signature"
            continue
        if _standalone_signature(text, d):
            d.role = "signature"


def _table_title(text: str, d: DateMention, before: str) -> bool:
    """2015年度政府信息公开工作情况统计表: a year heading a statistics table."""
    if d.month is not None or not _TABLE_AFTER.match(text, d.end):
        return False
    cut = max((m.end() for m in _BOUNDARY.finditer(before)), default=0)
    lead = before[cut:]
    return len(lead) <= 30 and not _NOT_A_TABLE_TITLE.search(lead)


def _bounds(text: str, d: DateMention) -> tuple[int, int]:
    """The mention with the spaces and brackets around it."""
    lo = d.start
    while lo > 0 and text[lo - 1] in " (（":
        lo -= 1
    hi = d.end
    while hi < len(text) and text[hi] in " )）":
        hi += 1
    return lo, hi


def _whole_line(text: str, d: DateMention) -> bool:
    lo, hi = _bounds(text, d)
    return (lo == 0 or text[lo - 1] == "\n") and (hi == len(text) or text[hi] == "\n")


def _standalone_signature(text: str, d: DateMention) -> bool:
    """A full date standing alone inside a line, after a sentence or the organ
    and before the end of the line, an attachment or a table: ``…日常化。
    二○一二年二月二十日 附件1``, ``平潭县人民政府 2013年1月16日``,
    ``管委会办公室 二〇一三年一月 本报告…``."""
    if d.year is None or d.month is None or d.quoted or d.partner is not None:
        return False
    lo, hi = _bounds(text, d)
    if lo == d.start:
        # glued to the organ or the last sentence (a copy that lost its line breaks):
        # only a full date that ends the text or comes right before the attachments
        return (d.day is not None and bool(_SIGNATURE_BEFORE.search(text, max(0, lo - 8), lo))
                and (hi == len(text) or bool(_GLUED_AFTER.match(text, hi))))
    if not _SIGNATURE_BEFORE.search(text, max(0, lo - 8), lo):
        return False  # after words that are no organ
    if hi == len(text) or text[hi] == "\n":
        return True
    return hi > d.end and bool(_SIGNATURE_AFTER.match(text, hi))
