"""Figures in the narrative: the numbers of the running text with their unit.

``sentences(report, lexicon)`` splits the paragraphs of a report into
sentences (at 。！？ and line ends) and reads in each the *figures*: a
number with its unit (``212条``, ``1,226件``, ``一百二十件``, ``1.2万条``,
``8.05%``, ``百分之九十``), with its span in the normalised text, whether it
is approximate (``约200条``, ``2000余条``, ``20多件``, ``10-20件``,
``300条左右``) and how many decimals it was written with.  A number is a
figure only with a unit of the lexicon, so that years, telephone numbers,
document numbers (``〔2024〕15号``), addresses (``307室``) and codes are
not; a number after 第 or 每 (``第二十条``, ``每月1次``), inside a title in
《》 or inside a date is never one either.

Checks then relate figures through their wording: a :class:`FigurePattern`
(``受理[^,;]{0,20}#``, ``#(?:均已|已)?办结``) says which words stand
before and after a figure, ``#`` marking the figure.  The wordings come
from rule parameters (:data:`LEXICON_PARAMS` are those every narrative
check takes), so a rule can read other units or words without Python.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from gialint.chinese import SENTENCE_END, cn_number

if TYPE_CHECKING:
    from gialint.model import Report

__all__ = ["DEFAULT_UNITS", "LEXICON_DEFAULTS", "Figure", "FigurePattern", "Lexicon", "Sentence",
           "clause_bounds", "quoted_spans", "sentences"]

#: units of counted things, money and shares; longer first where one is the
#: start of another (人次 before 人); durations (个工作日, 个月) are units of
#: their own so that they are never read as 个
DEFAULT_UNITS = [
    "个工作日", "个自然日", "个百分点", "个小时", "个季度", "个月",
    "人次", "场次", "件次", "户次", "批次",
    "条", "件", "次", "个", "项", "篇", "期", "场", "份", "封", "家", "人", "名", "起", "宗",
    "批", "户", "张", "幅", "部", "本", "册", "套", "台", "所", "座", "处",
    "元", "%",
]

_SEPARATORS = ",;:、"  # normalised: full-width ，；： are folded to these
_OPEN = "(["
_CLOSE = ")]"
_END = re.compile("[。!?！？\n]")  # a semicolon ends a clause, not a sentence

_CN = "零〇一二两三四五六七八九十百千万亿"
# a number: 1,226 (groups of three), 12.5, 二十三; a range's second number
_NUMBER = (r"(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|"
           rf"(?P<cn>[{_CN}]+))")
_RANGE = rf"(?P<range>\s*(?:-|~|—|至|到)\s*(?:\d+(?:\.\d+)?|[{_CN}]+))?"
_MAGNITUDE = r"(?P<mag>千万|百万|万亿|万|亿)?"
_MAGNITUDES = {"万": 10_000, "亿": 100_000_000, "百万": 1_000_000, "千万": 10_000_000,
               "万亿": 10 ** 12}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit in the normalised text."""

    value: Decimal  # with its magnitude: 1.2万条 → 12000
    unit: str  # 条, 件, %, … (a magnitude is part of the value: 万元 → 元)
    start: int  # normalised offsets of the number and its unit
    end: int
    approx: bool = False  # 约/近/余/多/以上/左右, a range
    decimals: int = 0  # digits after the point as written
    rounded: bool = False  # written with 万/亿 and decimals (1.2万条): exact to its last digit only
    ulp: Decimal = Decimal(1)  # the value of the last digit written (with the magnitude)

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def exact(self) -> bool:
        """Neither approximate nor rounded: an operand of sums and ratios."""
        return not self.approx and not self.rounded

    @property
    def low(self) -> Decimal:
        """The least value the figure can stand for (1.2万 → 11500)."""
        return self.value - self.ulp / 2 if self.rounded else self.value

    @property
    def high(self) -> Decimal:
        """The greatest value the figure can stand for (1.2万 → 12500)."""
        return self.value + self.ulp / 2 if self.rounded else self.value


@dataclass(slots=True)
class Sentence:
    """A sentence of the paragraphs: normalised offsets and its figures."""

    start: int
    end: int
    text: str  # the normalised text of the sentence
    paragraph: int  # the index of its paragraph segment (sentences of one paragraph share it)
    figures: list[Figure] = field(default_factory=list)

    def rel(self, pos: int) -> int:
        """A normalised offset as an index into ``text``."""
        return pos - self.start


class Lexicon:
    """The words that make a number a figure, from a rule's parameters."""

    def __init__(self, values: dict, compile=re.compile):
        """``values``: the rule's parameters (the regexes compiled or lazy)."""
        units = sorted(values["units"], key=len, reverse=True)
        self.key = (tuple(units), values["approx_before"].pattern, values["approx_after"].pattern,
                    values["not_figure_before"].pattern, values["not_figure_after"].pattern,
                    tuple(values["not_figures"]))
        unit_re = "|".join(re.escape(u) for u in units)
        self.pattern = compile(
            rf"(?P<pre>(?:{values['approx_before'].pattern})\s*)?"
            rf"(?:(?P<pct>百分之)(?P<pnum>[{_CN}]+|\d+(?:\.\d+)?)|"
            rf"{_NUMBER}{_RANGE}{_MAGNITUDE}(?P<post>余|多)?\s*(?P<unit>{unit_re})?)"
            rf"(?P<after>\s*(?:{values['approx_after'].pattern}))?")
        self.words = frozenset(values["not_figures"])
        self.not_before = values["not_figure_before"]
        self.not_after = values["not_figure_after"]
        self.approx_before = values["approx_before"]


#: the wordings that make a number a figure, with what they mean: the defaults
#: of the parameters every narrative check takes (gialint.checks.narrative)
LEXICON_DEFAULTS = {
    "units": (DEFAULT_UNITS,
              "units that make a number a figure (a magnitude 万/亿 may stand before one)"),
    "approx_before": ("约|大约|近|将近|接近|超过|逾|不足|不到|多达",
                      "words before a number that make it approximate"),
    "approx_after": ("以上|左右|上下|以内|之多",
                     "words after a figure that make it approximate"),
    "not_figure_before": (r"(?:第|每[年月周日天季度半]{0,3}|电话|传真|邮编|邮政编码|[A-Za-z0-9.\-/:_#]|"
                          r"[〔\[]\d{4}[〕\]])$",
                          "a number right after these is no figure (第二十条, 每月1次, codes)"),
    "not_figures": (["一起", "一批"], "words that read like a figure and are none (一起研究)"),
    "not_figure_after": (r"性|事(?!项)|办(?![结理])|龙|[A-Za-z0-9]",
                         "a figure right before these is no figure (一次性, 一件事)"),
}


def _value(m: re.Match) -> tuple[Decimal, int, Decimal] | None:
    """The value of a figure's number, its decimals and the value of its last digit."""
    if m.group("pct"):
        raw = m.group("pnum")
        mag = 1
    else:
        raw = m.group("num")
        mag = _MAGNITUDES.get(m.group("mag") or "", 1)
    if raw[0].isdigit():
        raw = raw.replace(",", "")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        number = Decimal(raw)
    else:
        n = cn_number(raw)
        if n is None:
            return None
        number, decimals = Decimal(n), 0
    return number * mag, decimals, Decimal(1).scaleb(-decimals) * mag


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of 《…》 titles (a law's or a document's name)."""
    out = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _bare(m: re.Match, text: str, hi: int) -> bool:
    """A number without a unit is a figure (办结量7346，) only in arabic digits,
    with punctuation or the end after it, and not a telephone number or a code
    (0745, 8858068)."""
    if m.group("cn") or m.group("mag") or m.group("post") or m.group("range") or m.group("after"):
        return False
    raw = m.group("num").replace(",", "")
    end = m.end("num")
    if end < hi and text[end] not in _SEPARATORS + _CLOSE + "。!?！？ \n":
        return False
    return not (raw[0] == "0" and len(raw) > 1) and len(raw.split(".")[0]) < 7


def read_figures(text: str, lo: int, hi: int, lexicon: Lexicon, skip=()) -> list[Figure]:
    """The figures of ``text[lo:hi]`` (normalised offsets); ``skip``: sorted
    (start, end) spans whose numbers are no figures (dates)."""
    quoted = [(a + lo, b + lo) for a, b in quoted_spans(text[lo:hi])]
    spans = sorted([*quoted, *skip])
    starts = [a for a, _ in spans]
    out = []
    for m in lexicon.pattern.finditer(text, lo, hi):
        num_start = m.start("pct") if m.group("pct") else m.start("num")
        if _inside(spans, starts, num_start):
            continue
        if not m.group("unit") and not m.group("pct") and not _bare(m, text, hi):
            continue
        before = text[max(lo, num_start - 8):num_start] if not m.group("pre") else text[max(lo, m.start() - 8):m.start()]
        if lexicon.not_before.search(before):
            continue
        if m.group("cn") and text[num_start - 1:num_start] in _CN and num_start > lo:
            continue  # part of a longer run of numerals that did not read as one number
        if lexicon.not_after.match(text, m.end("unit") if m.group("unit") else m.end()):
            continue
        if m.group() in lexicon.words:
            continue
        read = _value(m)
        if read is None:
            continue
        value, decimals, ulp = read
        unit = "%" if m.group("pct") else (m.group("unit") or "")
        approx = bool(m.group("pre") or m.group("after") or m.group("post") or
                      (not m.group("pct") and m.group("range")))
        rounded = not m.group("pct") and bool(m.group("mag")) and decimals > 0
        start = m.start() if m.group("pre") else num_start
        out.append(Figure(value, unit, start, m.end(), approx, decimals, rounded, ulp))
    return out


_CACHE: list = []  # [(report, lexicon key, sentences)]: the last report read


def sentences(report: Report, lexicon: Lexicon) -> list[Sentence]:
    """The sentences of the report's paragraphs with their figures (cached for
    the last report and lexicon: the checks of one file share them)."""
    for rep, key, found in _CACHE:
        if rep is report and key == lexicon.key:
            return found
    text = report.norm.text
    dates = sorted((d.start, d.end) for d in report.dates)
    out = []
    for index, tok in enumerate(report.regions("paragraphs")):
        a = tok.start
        while a < tok.end:
            m = _END.search(text, a, tok.end)
            b = m.end() if m else tok.end
            if text[a:b].strip():
                s = Sentence(a, b, text[a:b], index)
                s.figures = read_figures(text, a, b, lexicon, [d for d in dates if d[1] > a and d[0] < b])
                out.append(s)
            a = b
    if len(_CACHE) >= 4:
        _CACHE.pop(0)
    _CACHE.append((report, lexicon.key, out))
    return out


def clause_bounds(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The clause around ``pos``: from after the previous separator (，；：、 or a
    bracket) to the next one."""
    hi = len(text) if hi is None else hi
    stops = _stops(text)
    k = bisect_left(stops, pos)
    a = pos if pos <= lo else max(lo, stops[k - 1] + 1 if k else lo)
    b = pos if pos >= hi else min(hi, stops[k] if k < len(stops) else hi)
    return a, b


@lru_cache(maxsize=16)
def _stops(text: str) -> list[int]:
    """Where the clause separators of ``text`` are (once per sentence: a figure's
    clause is then a lookup, not a scan — a long clause of many figures stays linear)."""
    return [m.start() for m in _STOP.finditer(text)]


_STOP = re.compile("[" + re.escape(_SEPARATORS + _OPEN + _CLOSE + SENTENCE_END + "\n") + "]")


class FigurePattern:
    """Words around a figure: ``受理[^,;]{0,20}#`` (before it, within its clause),
    ``#(?:均已|已)?办结`` (right after it), ``较上年的?#`` …; ``#`` marks the figure."""

    def __init__(self, pattern: str, compile=re.compile):
        if pattern.count("#") != 1:
            raise ValueError(f"a figure pattern has one # (the figure): {pattern!r}")
        pre, post = pattern.split("#")
        self.pattern = pattern
        self.pre = compile(f"(?:{pre})$") if pre else None
        self.post = compile(post) if post else None

    def matches(self, s: Sentence, fig: Figure, previous_end: int | None = None) -> bool:
        """Whether the words around ``fig`` in ``s`` are the pattern's; the words
        before are looked for in its clause (``^`` is the clause's start), after
        ``previous_end`` (the end of the figure before it) when given."""
        text = s.text
        i = s.rel(fig.start)
        if self.pre is not None:
            a, _ = clause_bounds(text, i)
            if previous_end is not None:
                a = max(a, s.rel(previous_end))
            if not self.pre.search(text[a:i]):
                return False
        return self.post is None or bool(self.post.match(text, s.rel(fig.end)))
