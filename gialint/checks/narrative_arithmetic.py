"""The narrative's own arithmetic (docs/format.md#narrative-arithmetic): figures of one sentence that
must agree with each other, whatever the tables say.

* ``narrative_parts`` — a total and its parts (``主动公开政府信息212条，其中
  工作动态96条、……其他信息23条``): the parts must not exceed the total; a list
  given as complete must add up to it; a share (``占8.05%``) must be the part's
  share of the total;
* ``narrative_rate`` — a stated rate (``办结率100%``) against the counts it is
  computed from in the same sentence;
* ``narrative_flow`` — ``受理N件，办结M件``: M ≤ N + the cases carried over;
* ``narrative_change`` — a change on last year with both years' figures given
  (``较上年的1200条增长15%``).

Figures are read by :mod:`gialint.narrative`.  What is approximate (约, 余,
多, 以上, 左右, a range), cumulative (累计, 历年) or in another unit is never
an operand, and a list that says it is partial (如, 例如, 主要有, 等, 包括但不
限于) is not summed.  Every wording is a rule parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.model import Report, Span
from gialint.narrative import (
    LEXICON_DEFAULTS,
    Figure,
    FigurePattern,
    Lexicon,
    Sentence,
    clause_bounds,
    quoted_spans,
    sentences,
)
from gialint.tables.template import all_cell_keys

_LEXICON_PARAMS = {
    name: Param("list[str]" if isinstance(default, list) else "regex", default=default, doc=doc)
    for name, (default, doc) in LEXICON_DEFAULTS.items()
}


def _fmt(value: Decimal) -> str:
    """12 (not 12.00 or 1.2E+1), 12.5, 146.15."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _pct(value: Decimal) -> str:
    return _fmt(value.quantize(Decimal("0.01")))


def _share_ok(computed: Decimal, stated: Figure) -> bool:
    """A percentage written with k decimals matches when it is the computed one
    rounded (|c − s| ≤ ½·10^−k) or cut (s ≤ c < s + 10^−k) to k decimals."""
    ulp = Decimal(1).scaleb(-stated.decimals)
    eps = Decimal("1e-9")
    s = stated.value
    return abs(computed - s) <= ulp / 2 + eps or s - eps <= computed < s + ulp


class _NarrativeCheck(Check):
    """What every narrative kind shares: the lexicon and the sentences."""

    def setup(self) -> None:
        self.lexicon = Lexicon(self.values, compile=self.compile)

    def sentences(self, report: Report) -> list[Sentence]:
        return sentences(report, self.lexicon)

    def figure_patterns(self, name: str) -> list[FigurePattern]:
        try:
            return [FigurePattern(p, compile=self.compile) for p in self.values[name] or ()]
        except ValueError as err:
            raise ParamError((name,), str(err)) from None

    @staticmethod
    def span(report: Report, s: Sentence, fig: Figure) -> Span:
        return Span(*report.norm.span_to_orig(fig.start, fig.end))

    @staticmethod
    def shown(s: Sentence, fig: Figure) -> str:
        return s.text[s.rel(fig.start):s.rel(fig.end)]


def _depths(text: str) -> list[int]:
    """The bracket depth at every index of ``text`` (a closing bracket counts
    at its own index as still inside)."""
    out = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
            out.append(depth)
        elif ch in ")]":
            out.append(depth)
            depth = max(0, depth - 1)
        else:
            out.append(depth)
    return out


@dataclass(frozen=True, slots=True)
class Part:
    fig: Figure
    label: str  # the words before it since the previous figure (its category)
    cumulative: bool  # 累计, 历年 … in its label: no operand


@dataclass
class PartList:
    """A total and the parts the text gives of it."""

    sentence: Sentence  # where the parts are
    total: Figure | None
    total_sentence: Sentence  # where the total is (the sentence before, for 其中，…… opening a sentence)
    parts: list[Part] = field(default_factory=list)
    shares: list[tuple[Part, Figure]] = field(default_factory=list)  # a part and its percentage
    complete: bool = False  # 分别为, 包括…共, the parts plus 其他, a full set of categories
    partial: bool = False  # 如, 例如, 主要有, 等, 包括但不限于
    truncated: bool = False  # a part has parts of its own (a nested 其中): where the list ends is unknown
    # 人大建议12件、政协提案8件，其中主办5件……: 其中 may be of the figures before together
    joint: Decimal | None = None

    @property
    def fuzzy(self) -> bool:
        """A part is approximate, rounded or cumulative."""
        return any(not p.fig.exact or p.cumulative for p in self.parts)


_ONLY_MARKS = re.compile(r"[\s,;:、(\[]*")  # what may stand between a total and its 其中

_PARTS_DEFAULTS = {
    "openers": r"其中|(?<![包])含(?![义量有])|包括|包含|分别为|分别是|分别有",
    "complete_openers": r"分别为|分别是|分别有",
    "partial_after_opener": r"[:,]?\s*(?:如|例如|比如|譬如|主要有|主要包括|主要为|主要是|但不限于)",
    "partial_after_part": r"\s*(?:等|以及其他|及其他|还有)",
    "frames": [r"(?:^|在)[^,;:]{0,40}的#[^,;:]{0,20}中(?=[,:])"],
    "closing": [r"^[\s,;:]*(?:共|共计|合计|总计|总共|一共)(?:为|有|达|是)?#"],
    "stop": (r"(?<!公)共(?![享同建性识])|合计|总计|累计|总数|总量|另有|另外|此外|同时|办结|受理|收到|"
             r"接到|新收|结转|同比|较上年|比上年|上年|去年|上一年|年均|平均"),
    "cumulative": r"累计|历年|累积|至今|以来|迄今|截至目前|截止目前|总累计",
    "other_label": r"^[\s,;:、]*(?:及|和|以及)?(?:其他|其它)(?!处理|结果|组织|法人)",
    "complete_sets": [
        ["自然人", "法人"],
        ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"],
        ["维持", "纠正", "其他结果", "尚未审结"],
    ],
    "overlapping": r"网站|网页|门户|微信|微博|公众号|客户端|APP|App|app|新媒体|抖音|头条|快手|视频号|公示栏|公开栏|"
                   r"报纸|报刊|电视|广播|热线|短信|政务服务中心|大厅|平台",
    "share": r"^[\s,]*占(?:比|总数的?|总量的?|全部的?|全年的?|其中的?|比重)?(?:为|达|是)?\s*$",
}


@register
class NarrativeParts(_NarrativeCheck):
    """A total and its parts in one sentence (``……N条，其中A a条、B b条``): the
    parts must not exceed the total, a list given as complete adds up to it,
    a part's share (``占x%``) is its share of the total."""

    kind = "narrative_parts"
    params = {
        "relation": Param("str", required=True, choices=("exceed", "sum", "share"),
                          doc="exceed: the parts add up to more than the total; sum: a complete "
                              "list adds up to less; share: a part's percentage is not its share"),
        "openers": Param("regex", default=_PARTS_DEFAULTS["openers"],
                         doc="words that open the list of parts after a total (其中, 含, 包括, 分别为)"),
        "complete_openers": Param("regex", default=_PARTS_DEFAULTS["complete_openers"],
                                  doc="openers that say the list is complete"),
        "partial_after_opener": Param("regex", default=_PARTS_DEFAULTS["partial_after_opener"],
                                      doc="words right after an opener that make the list partial (如, 主要有)"),
        "partial_after_part": Param("regex", default=_PARTS_DEFAULTS["partial_after_part"],
                                    doc="words right after a part that make the list partial (等)"),
        "frames": Param("list[str]", default=_PARTS_DEFAULTS["frames"],
                        doc="a clause that holds the total of the parts after it (在……的N条信息中，); "
                            "# marks the total"),
        "closing": Param("list[str]", default=_PARTS_DEFAULTS["closing"],
                         doc="a total after the parts (……，共计N条), which makes the list complete; "
                             "# marks the total"),
        "stop": Param("regex", default=_PARTS_DEFAULTS["stop"],
                      doc="words that end the list: a new total or a new statement (共, 合计, 办结, 同比)"),
        "cumulative": Param("regex", default=_PARTS_DEFAULTS["cumulative"],
                            doc="words that make a figure cumulative (累计, 历年): no operand"),
        "other_label": Param("regex", default=_PARTS_DEFAULTS["other_label"],
                             doc="a part labelled so (其他……) makes the list complete"),
        "complete_sets": Param("list[list[regex]]", default=_PARTS_DEFAULTS["complete_sets"],
                               doc="sets of categories (the tables' own): parts that name all of one "
                                   "set, and nothing else, are a complete list"),
        "overlapping": Param("regex", default=_PARTS_DEFAULTS["overlapping"],
                             doc="labels of parts that may overlap (channels): two such parts are "
                                 "not summed, each is only compared with the total"),
        "share": Param("regex", default=_PARTS_DEFAULTS["share"],
                       doc="the words between a part and a percentage that make it the part's share (占)"),
        **_LEXICON_PARAMS,
    }
    message_args = ("total", "value", "sum", "parts", "count", "part", "percent", "computed", "diff")
    variants = ("default", "part", "related")

    def setup(self) -> None:
        super().setup()
        self.frames = self.figure_patterns("frames")
        self.closing = self.figure_patterns("closing")

    # -- reading the lists ----------------------------------------------------

    def lists(self, report: Report) -> Iterator[PartList]:
        """Every total with its parts in the paragraphs."""
        sents = self.sentences(report)
        for si, s in enumerate(sents):
            if not s.figures:
                continue
            depths = quoted = None  # worked out for the sentences that open a list (few)
            starts = []  # (where the parts start, the total, its sentence, complete, partial, depth)
            for m in self.values["openers"].finditer(s.text):
                if quoted is None:
                    depths, quoted = _depths(s.text), quoted_spans(s.text)
                if any(a <= m.start() < b for a, b in quoted):
                    continue
                total, where = self._total_before(s, m.start(), depths, sents[si - 1] if si else None)
                complete = bool(self.values["complete_openers"].fullmatch(m.group()))
                partial = bool(self.values["partial_after_opener"].match(s.text, m.end()))
                starts.append((m.end(), total, where, complete, partial, depths[m.start()]))
            for fig in s.figures:  # 在……的1913条政府信息中，……
                if fig.unit and not fig.percent and not fig.approx and any(
                        p.matches(s, fig) for p in self.frames):
                    if depths is None:
                        depths = _depths(s.text)
                    i = s.rel(fig.end)
                    while i < len(s.text) and s.text[i] not in ",:":
                        i += 1
                    starts.append((i + 1, fig, s, False, False, depths[s.rel(fig.start)]))
            if not starts:
                continue
            nested = set()  # the starts of parts that have parts of their own
            for start, total, where, complete, partial, depth in sorted(starts, key=lambda t: t[0]):
                lst = PartList(s, total, where or s, complete=complete, partial=partial)
                if total is not None and where is s:
                    lst.joint = self._joint(s, total)
                if not self._parts(lst, start, depth, depths):
                    continue
                if lst.truncated:
                    nested.add(lst.parts[-1].fig.start)
                if lst.total.start in nested:
                    continue  # where the breakdown of a part ends, and its siblings start, is unknown
                yield lst

    def _total_before(self, s: Sentence, pos: int, depths: list[int], previous: Sentence | None):
        """The figure the list opened at ``pos`` is of, and its sentence: the
        figure right before (only separators, brackets and a remark in
        brackets between: 1200条（含转载200条），其中……); for a sentence that
        opens with the list (其中，……), the sentence before (its figure is
        chosen in ``_parts``, which knows the unit)."""
        depth = depths[pos]
        before = [f for f in s.figures if f.end <= s.start + pos and f.unit and not f.percent
                  and depths[s.rel(f.start)] <= depth]
        if before:
            f = before[-1]
            gap = "".join(ch for i, ch in enumerate(s.text[s.rel(f.end):pos], s.rel(f.end))
                          if depths[i] <= depths[s.rel(f.start)] and ch not in ")]")
            if _ONLY_MARKS.fullmatch(gap):
                return f, s
            return None, None
        if _ONLY_MARKS.fullmatch(s.text, 0, pos) and previous is not None \
                and previous.paragraph == s.paragraph and previous.text.rstrip()[-1:] in "。!?！？":
            return None, previous
        return None, None

    def _joint(self, s: Sentence, total: Figure) -> Decimal | None:
        """The sum of the total and the figures in its unit just before it, when
        nothing but their labels stands between them (建议12件、提案8件): the
        list after may be of them all."""
        k = s.figures.index(total)
        value = total.value
        joined = False
        while k > 0:
            before, after = s.figures[k - 1], s.figures[k]
            if before.unit != total.unit or not before.exact:
                break
            a, b = s.rel(before.end), s.rel(after.start)
            if ";" in s.text[a:b] or self.values["stop"].search(s.text, a, b) \
                    or self.values["openers"].search(s.text, a, b):
                break
            value += before.value
            joined = True
            k -= 1
        return value if joined else None

    def _parts(self, lst: PartList, start: int, depth: int, depths: list[int]) -> bool:
        """Read the parts from ``start`` (an index in the sentence) on; False when
        the list has no total or no parts."""
        s = lst.sentence
        text = s.text
        prev_end = start  # where the words of the next part start
        last_fig_end = start
        unit = lst.total.unit if lst.total is not None else None
        stopped_at: Figure | None = None
        for fig in s.figures:
            i = s.rel(fig.start)
            if i < start:
                continue
            if min(depths[start:i + 1], default=depth) < depth:
                break  # the bracket the list opened in has closed
            if fig.percent:
                last = lst.parts[-1].fig if lst.parts else None
                if last is not None and depths[i] == depth and not fig.approx \
                        and self.values["share"].search(text[s.rel(last.end):i]):
                    lst.shares.append((lst.parts[-1], fig))
                last_fig_end = s.rel(fig.end)
                continue
            if not fig.unit:
                continue
            if depths[i] > depth:
                last_fig_end = s.rel(fig.end)
                continue  # (……) after a part: its own parts, not the list's
            clause_end = i
            while clause_end < len(text) and text[clause_end] not in ",;:、()[]":
                clause_end += 1
            if self.values["openers"].search(text, prev_end, i):
                lst.truncated = True  # the part before has parts of its own
                stopped_at = fig
                break
            if self.values["stop"].search(text, prev_end, clause_end):
                stopped_at = fig  # a new total or a new statement
                break
            unit = unit or fig.unit
            if fig.unit != unit:
                stopped_at = fig  # another kind of count: a new statement
                break
            label = text[max(last_fig_end, start):i]
            lst.parts.append(Part(fig, label, bool(self.values["cumulative"].search(label))))
            prev_end = last_fig_end = s.rel(fig.end)
            if self.values["partial_after_part"].match(text, prev_end):
                lst.partial = True
                break
        if not lst.parts:
            return False
        if lst.total is None and lst.total_sentence is not s:  # 其中，…… opening the sentence
            same = [f for f in lst.total_sentence.figures if f.unit == unit]
            if len(same) != 1:
                return False
            lst.total = same[0]
        if lst.total is None:  # 包括……，共计N条
            if stopped_at is None or stopped_at.unit != unit or not any(
                    p.matches(s, stopped_at, lst.parts[-1].fig.end) for p in self.closing):
                return False
            lst.total = stopped_at
            lst.complete = True
        if lst.total.unit != unit:
            return False
        lst.complete = lst.complete or self._names_all([p.label for p in lst.parts])
        return True

    def _names_all(self, labels: list[str]) -> bool:
        """The labels name 其他, or exactly the categories of a set."""
        if any(self.values["other_label"].search(lb) for lb in labels):
            return True
        for members in self.values["complete_sets"]:
            named = [any(m.search(lb) for lb in labels) for m in members]
            if all(named) and all(any(m.search(lb) for m in members) for lb in labels):
                return True
        return False

    # -- the relations ----------------------------------------------------------

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        relation = self.values["relation"]
        for lst in self.lists(report):
            total, where = lst.total, lst.total_sentence
            if total.approx or self.values["cumulative"].search(where.text[:where.rel(total.end)]):
                continue
            if relation == "share":
                yield from self._shares(report, lst)
                continue
            if lst.partial:
                continue
            parts = lst.parts
            running = Decimal(0)
            for k, p in enumerate(parts):
                if p.fig.exact and not p.cumulative:
                    running += p.fig.value
                if running == total.value and total.exact:
                    parts = parts[:k + 1]  # the list ends where its parts make the total
                    break
            hit = self._exceed(report, lst, parts) if relation == "exceed" else self._short(report, lst, parts)
            if hit is not None:
                yield hit

    def _args(self, lst: PartList, parts: list[Part], value: Decimal) -> dict:
        return {"total": self.shown(lst.total_sentence, lst.total), "value": _fmt(lst.total.value),
                "sum": _fmt(value), "parts": " + ".join(_fmt(p.fig.value) for p in parts),
                "count": len(parts), "diff": _fmt(abs(lst.total.value - value)),
                "part": "", "percent": "", "computed": ""}

    def _related(self, report: Report, lst: PartList, parts: list[Part]) -> list:
        s = lst.sentence
        return [(self.span(report, s, p.fig), {"part": self.shown(s, p.fig), "value": _fmt(p.fig.value)},
                 "related") for p in parts]

    def _exceed(self, report: Report, lst: PartList, parts: list[Part]) -> Hit | None:
        # approximate and cumulative parts are no operands; a rounded one counts as its least value
        operands = [p for p in parts if not p.fig.approx and not p.cumulative]
        total = lst.total
        span = self.span(report, lst.total_sentence, total)
        value = sum((p.fig.value for p in operands), Decimal(0))
        high = max(total.high, lst.joint or 0)
        big = [p for p in operands if p.fig.low > high]
        if big:
            args = self._args(lst, operands, value)
            args["part"] = self.shown(lst.sentence, big[0].fig)
            return Hit(span, args, variant="part", related=self._related(report, lst, operands))
        channels = sum(1 for p in operands if self.values["overlapping"].search(p.label))
        if channels >= 2 or len(operands) < 2:
            return None  # the same item may be counted once per channel
        if sum((p.fig.low for p in operands), Decimal(0)) <= high:
            return None
        return Hit(span, self._args(lst, operands, value), related=self._related(report, lst, operands))

    def _short(self, report: Report, lst: PartList, parts: list[Part]) -> Hit | None:
        if not lst.complete or lst.truncated or lst.fuzzy or len(parts) < 2 or not lst.total.exact:
            return None
        if any(self.values["overlapping"].search(p.label) for p in parts):
            return None
        last = max(parts[-1].fig.end, lst.total.end if lst.total_sentence is lst.sentence else 0)
        if any(f.start >= last and f.unit == lst.total.unit for f in lst.sentence.figures):
            return None  # ……，上年结转1件: the sentence goes on counting what the total may include
        value = sum((p.fig.value for p in parts), Decimal(0))
        if value >= lst.total.value:
            return None  # more: GIA321's
        return Hit(self.span(report, lst.total_sentence, lst.total), self._args(lst, parts, value),
                   related=self._related(report, lst, parts))

    def _shares(self, report: Report, lst: PartList) -> Iterator[Hit]:
        total, where = lst.total, lst.total_sentence
        if total.value == 0 or not total.exact:
            return
        # the base may be another figure before the list (收到42件，办结40件，其中……占71.4%)
        bases = {total.value, *([lst.joint] if lst.joint else [])}
        bases.update(f.value for f in where.figures if f.unit == total.unit and f.exact and f.end <= total.end)
        for part, pct in lst.shares:
            if not part.fig.exact or part.cumulative:
                continue
            computed = part.fig.value * 100 / total.value
            if any(_share_ok(part.fig.value * 100 / b, pct) for b in bases if b):
                continue
            s = lst.sentence
            args = self._args(lst, [part], part.fig.value)
            args.update(part=self.shown(s, part.fig), percent=self.shown(s, pct), computed=_pct(computed))
            yield Hit(self.span(report, s, pct), args,
                      related=[(self.span(report, where, total),
                                {"part": self.shown(where, total), "value": _fmt(total.value)}, "related")])


def _operand(fig: Figure, s: Sentence, cumulative) -> bool:
    """An exact figure that is not cumulative (its clause says nothing of 累计)."""
    if not fig.exact or fig.percent:
        return False
    a, _ = clause_bounds(s.text, s.rel(fig.start))
    return not cumulative.search(s.text[a:s.rel(fig.start)])


def _compatible(*figs: Figure) -> bool:
    """Figures in one unit (a figure without a unit goes with any)."""
    units = {f.unit for f in figs if f.unit}
    return len(units) <= 1


_RATE_DEFAULTS = {
    "rate": [r"(?<![时期限])办结率(?:为|达|达到|是)?\s*#"],
    "numerator": [r"办结(?:量|数|了)?(?:申请|案件)?#", r"#(?:均已|已|全部|均)?办结"],
    "denominator": [r"(?:受理|收到|接到|接收|收理|新收)[^,;:]{0,20}?#"],
    "carried_over": [r"(?:上年|上年度|去年|以前年度)(?:度)?结转[^,;:]{0,8}?#", r"结转上年[^,;:]{0,8}?#"],
    "carried_forward": [r"#[^,;:]{0,16}?结转(?:至|到)?下(?:一)?年", r"结转(?:至|到)?下(?:一)?年(?:度)?[^,;:]{0,10}?#"],
}
_CUMULATIVE = _PARTS_DEFAULTS["cumulative"]


@register
class NarrativeRate(_NarrativeCheck):
    """A rate (``办结率100%``) against the counts of its sentence it is computed
    from: numerator / denominator, or numerator / (denominator + carried over
    − carried forward) when the sentence gives those."""

    kind = "narrative_rate"
    params = {
        "rate": Param("list[str]", default=_RATE_DEFAULTS["rate"], doc="the rate; # marks its percentage"),
        "numerator": Param("list[str]", default=_RATE_DEFAULTS["numerator"],
                           doc="the count the rate is of (办结N件, N件已办结); # marks it"),
        "denominator": Param("list[str]", default=_RATE_DEFAULTS["denominator"],
                             doc="the count the rate is out of (受理N件); # marks it"),
        "carried_over": Param("list[str]", default=_RATE_DEFAULTS["carried_over"],
                              doc="cases carried over from last year, which the base may include"),
        "carried_forward": Param("list[str]", default=_RATE_DEFAULTS["carried_forward"],
                                 doc="cases carried forward to next year, which the base may leave out"),
        "cumulative": Param("regex", default=_CUMULATIVE, doc="words that make a figure cumulative: no operand"),
        "part_of": Param("regex", default="其中|含|包括",
                         doc="words between the base and the count that make the count a part's: not checked"),
        **_LEXICON_PARAMS,
    }
    message_args = ("rate", "numerator", "denominator", "computed", "part", "value")
    variants = ("default", "related")

    def setup(self) -> None:
        super().setup()
        self.patterns = {name: self.figure_patterns(name) for name in _RATE_DEFAULTS}

    def _find(self, s: Sentence, name: str, before: int) -> list[Figure]:
        cum = self.values["cumulative"]
        out = []
        for k, f in enumerate(s.figures):
            if f.start >= before or not _operand(f, s, cum):
                continue
            prev_end = s.figures[k - 1].end if k else None
            if any(p.matches(s, f, prev_end) for p in self.patterns[name]):
                out.append(f)
        return out

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        for s in self.sentences(report):
            for k, rate in enumerate(s.figures):
                if not rate.percent or rate.approx:
                    continue
                prev_end = s.figures[k - 1].end if k else None
                if not any(p.matches(s, rate, prev_end) for p in self.patterns["rate"]):
                    continue
                nums = self._find(s, "numerator", rate.start)
                dens = [d for d in self._find(s, "denominator", rate.start) if d not in nums]
                if not nums or not dens:
                    continue
                num = nums[-1]
                if any(self.values["part_of"].search(s.text, s.rel(d.end), s.rel(num.start))
                       for d in dens if d.end <= num.start):
                    continue  # 受理20件，其中网上办结18件: the count of a part
                over = [f for f in self._find(s, "carried_over", rate.start) if _compatible(f, num)]
                fwd = [f for f in self._find(s, "carried_forward", rate.start) if _compatible(f, num)]
                bases = []
                for d in dens:
                    if not _compatible(num, d):
                        continue
                    bases.append(d.value)
                    for o in over:
                        bases.append(d.value + o.value)
                        bases.extend(d.value + o.value - f.value for f in fwd)
                    bases.extend(d.value - f.value for f in fwd)
                bases = [b for b in bases if b > 0]
                if not bases:
                    continue
                computed = [num.value * 100 / b for b in bases]
                if any(_share_ok(c, rate) for c in computed):
                    continue
                den = [d for d in dens if _compatible(num, d)][-1]
                a, _ = clause_bounds(s.text, s.rel(rate.start))
                args = {"rate": s.text[a:s.rel(rate.end)].strip(), "numerator": self.shown(s, num),
                        "denominator": self.shown(s, den), "computed": _pct(num.value * 100 / den.value),
                        "part": "", "value": ""}
                related = [(self.span(report, s, f), {"part": self.shown(s, f)}, "related") for f in (den, num)]
                yield Hit(self.span(report, s, rate), args, related=related)


_FLOW_DEFAULTS = {
    "received": [r"(?:受理|收到|接到|接收|收理|新收)[^,;:]{0,20}?#"],
    "closed": [r"办结(?:量|数|了)?(?:申请|案件)?#", r"#(?:均已|已|全部|均)?办结"],
    "carried_over": _RATE_DEFAULTS["carried_over"],
    "carried_words": r"上年|上年度|去年|以前年度|往年|历年|前期|遗留|积存|结转上",
}


@register
class NarrativeFlow(_NarrativeCheck):
    """``受理N件，办结M件`` in one sentence: no more cases are closed than were
    received and carried over from last year (the sentence's own carried-over
    figure, else — for applications — 表三's 二、上年结转)."""

    kind = "narrative_flow"
    params = {
        "received": Param("list[str]", default=_FLOW_DEFAULTS["received"],
                          doc="the cases received (受理N件); # marks the figure"),
        "closed": Param("list[str]", default=_FLOW_DEFAULTS["closed"],
                        doc="the cases closed (办结M件); # marks the figure"),
        "carried_over": Param("list[str]", default=_FLOW_DEFAULTS["carried_over"],
                              doc="the cases carried over from last year (上年结转K件)"),
        "carried_words": Param("regex", default=_FLOW_DEFAULTS["carried_words"],
                               doc="words that tell of earlier cases without a figure: the sentence is not checked"),
        "table_carried": Param("str", default="t3.carried_over.total",
                               doc="the cell of the cases carried over, used when the sentence gives none"),
        "table_when": Param("regex", default="申请",
                            doc="the cell is used for sentences that match this (the tables count applications)"),
        "cumulative": Param("regex", default=_CUMULATIVE, doc="words that make a figure cumulative: no operand"),
        **_LEXICON_PARAMS,
    }
    message_args = ("closed", "received", "carried", "limit", "part")
    variants = ("default", "carried", "related")

    def setup(self) -> None:
        super().setup()
        if self.values["table_carried"] not in all_cell_keys():
            raise ParamError(("table_carried",), f"unknown cell key {self.values['table_carried']!r}")
        self.patterns = {name: self.figure_patterns(name) for name in ("received", "closed", "carried_over")}

    def _find(self, s: Sentence, name: str) -> list[Figure]:
        cum = self.values["cumulative"]
        return [f for k, f in enumerate(s.figures) if _operand(f, s, cum) and f.unit and any(
            p.matches(s, f, s.figures[k - 1].end if k else None) for p in self.patterns[name])]

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        table_value = None
        if report.data is not None and report.data.cells:
            table_value = report.data.value(self.values["table_carried"])
        for s in self.sentences(report):
            closed = self._find(s, "closed")
            if not closed:
                continue
            received = self._find(s, "received")
            over = self._find(s, "carried_over")
            for m in closed:
                ns = [n for n in received if n.unit == m.unit and n.start < m.start and n is not m]
                if not ns or any(n.start == m.start for n in received):
                    continue
                n = max(ns, key=lambda f: f.value)
                ks = [k for k in over if k.unit == m.unit and k is not m]
                if ks:
                    carried = sum((k.value for k in ks), Decimal(0))
                elif self.values["carried_words"].search(s.text):
                    continue  # earlier cases are spoken of, not counted
                elif table_value is not None and self.values["table_when"].search(s.text):
                    carried = table_value
                else:
                    carried = Decimal(0)
                if m.value <= n.value + carried:
                    continue
                args = {"closed": self.shown(s, m), "received": self.shown(s, n), "carried": _fmt(carried),
                        "limit": _fmt(n.value + carried), "part": ""}
                related = [(self.span(report, s, f), {"part": self.shown(s, f)}, "related") for f in (n, *ks)]
                yield Hit(self.span(report, s, m), args, variant="carried" if carried else "default",
                          related=related)


_CHANGE_DEFAULTS = {
    "previous": [r"(?:较|比|相比|与|对比|同比)(?:上年|上一年|去年|上年度|\d{4}年度?)(?:同期)?(?:的|共|全年)?#",
                 r"(?:^|[(])(?:上年|去年|上一年|上年度)(?:同期)?(?:为|是|共|全年)?#",
                 r"(?:由|从)(?:上年|去年|上一年|上年度|\d{4}年度?)(?:同期)?的?#"],
    "current_after": [r"(?:增加|增长|上升|提高|提升|下降|减少|降低|降|增)(?:到|至)#"],
    "increase": r"^[\s,]*(?:同比)?(?:增长|增加|上升|提高|提升|增幅为|增|多出|多)(?:了|为|达)?\s*$",
    "decrease": r"^[\s,]*(?:同比)?(?:下降|减少|降低|回落|下滑|减|降幅为|降|少)(?:了|为|达)?\s*$",
}


@register
class NarrativeChange(_NarrativeCheck):
    """A change on last year with both years' figures in the sentence
    (``全年公开1380条，较上年的1200条增长15%``): the percentage (or the
    difference) is the one the two figures give."""

    kind = "narrative_change"
    params = {
        "previous": Param("list[str]", default=_CHANGE_DEFAULTS["previous"],
                          doc="last year's figure (较上年的N条, 上年N条); # marks it"),
        "current_after": Param("list[str]", default=_CHANGE_DEFAULTS["current_after"],
                               doc="this year's figure after last year's (增加到N条); # marks it"),
        "increase": Param("regex", default=_CHANGE_DEFAULTS["increase"],
                          doc="the words before a rise (增长); between last year's figure and it"),
        "decrease": Param("regex", default=_CHANGE_DEFAULTS["decrease"],
                          doc="the words before a fall (下降)"),
        "cumulative": Param("regex", default=_CUMULATIVE, doc="words that make a figure cumulative: no operand"),
        **_LEXICON_PARAMS,
    }
    message_args = ("change", "current", "previous", "computed", "part")
    variants = ("default", "related")

    def setup(self) -> None:
        super().setup()
        self.previous = self.figure_patterns("previous")
        self.current_after = self.figure_patterns("current_after")

    def check(self, report: Report, ctx) -> Iterator[Hit]:
        cum = self.values["cumulative"]
        for s in self.sentences(report):
            figs = s.figures
            ends = [figs[k - 1].end if k else None for k in range(len(figs))]
            prev_ix = [k for k, f in enumerate(figs) if f.unit and not f.percent
                       and any(p.matches(s, f, ends[k]) for p in self.previous)]
            for k in prev_ix:
                hit = self._one(report, s, k, prev_ix, ends, cum)
                if hit is not None:
                    yield hit

    def _change(self, s: Sentence, after: int, fig: Figure) -> int:
        """+1 / −1 when the words from ``after`` to ``fig`` say a rise / a fall, else 0."""
        words = s.text[after:s.rel(fig.start)]
        if self.values["increase"].search(words):
            return 1
        if self.values["decrease"].search(words):
            return -1
        return 0

    @staticmethod
    def _fits(current: Figure, prev: Figure, change: Figure, sign: int) -> bool:
        diff = current.value - prev.value
        if change.percent:
            computed = diff * 100 / prev.value
            return _share_ok(abs(computed), change) and (computed * sign >= 0 or change.value == 0)
        return diff == sign * change.value

    def _one(self, report: Report, s: Sentence, k: int, prev_ix: list[int], ends, cum) -> Hit | None:
        figs = s.figures
        prev = figs[k]
        if not _operand(prev, s, cum) or prev.value == 0:
            return None
        current = None
        change, sign = None, 0
        for j in range(k + 1, len(figs)):  # after last year's figure: 增加到N条, 增长x%
            f = figs[j]
            if f.unit == prev.unit and current is None and any(
                    p.matches(s, f, ends[j]) for p in self.current_after):
                current = f
                continue
            sign = self._change(s, s.rel(figs[j - 1].end), f)
            if sign:
                change = f
            break
        # this year's figure: after last year's (增加到N条), else one before it;
        # which one is not always clear (1380条，其中原创500条，较上年的400条……):
        # the change must fit none of them to be reported
        before = [f for j, f in enumerate(figs[:k]) if f.unit == prev.unit and j not in prev_ix
                  and _operand(f, s, cum)]
        candidates = [current] if current is not None else before[::-1]
        if not candidates:
            return None
        if change is None and current is None:  # 全年公开1380条，同比增长15%（上年1200条）
            j = figs.index(candidates[0]) + 1
            if j < k:
                sign = self._change(s, s.rel(candidates[0].end), figs[j])
                change = figs[j] if sign else None
        if change is None or change.approx or not (change.percent or change.unit == prev.unit):
            return None
        if current is not None and not _operand(current, s, cum):
            return None
        if any(self._fits(c, prev, change, sign) for c in candidates):
            return None
        current = candidates[0]
        diff = current.value - prev.value
        if change.percent:
            shown = ("+" if diff > 0 else "") + _pct(diff * 100 / prev.value) + "%"
        else:
            shown = ("+" if diff > 0 else "") + _fmt(diff) + change.unit
        said = s.text[s.rel(figs[figs.index(change) - 1].end):s.rel(change.end)].lstrip(" ,;:、(")
        args = {"change": said, "current": self.shown(s, current),
                "previous": self.shown(s, prev), "computed": shown, "part": ""}
        related = [(self.span(report, s, f), {"part": self.shown(s, f)}, "related") for f in (current, prev)]
        return Hit(self.span(report, s, change), args, related=related)
