"""``narrative_rate``, ``narrative_flow`` and ``narrative_change``: a stated rate
against its counts, 受理/办结 against what was carried over, and a change on
last year with both years' figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gialint.checks.base import Hit, Param, ParamError, register
from gialint.checks.narrative.common import (
    _LEXICON_PARAMS,
    _compatible,
    _fmt,
    _NarrativeCheck,
    _operand,
    _pct,
    _share_ok,
)
from gialint.checks.narrative.parts import _PARTS_DEFAULTS
from gialint.model import Report
from gialint.narrative import (
    Figure,
    Sentence,
    clause_bounds,
)
from gialint.tables.template import all_cell_keys

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
