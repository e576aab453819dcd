"""``narrative_parts``: a total and its parts in one sentence or list
(``主动公开政府信息212条，其中工作动态96条、……``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from gialint.checks.base import Hit, Param, register
from gialint.checks.narrative.common import (
    _LEXICON_PARAMS,
    _fmt,
    _NarrativeCheck,
    _pct,
    _share_ok,
)
from gialint.model import Report
from gialint.narrative import (
    Figure,
    Sentence,
    quoted_spans,
)


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
