"""What the narrative check kinds share: the lexicon and sentences of a report,
the figures that can be operands, numbers shown and shares as written."""

from __future__ import annotations

from decimal import Decimal

from gialint.checks.base import Check, Param, ParamError
from gialint.model import Report, Span
from gialint.narrative import (
    LEXICON_DEFAULTS,
    Figure,
    FigurePattern,
    Lexicon,
    Sentence,
    clause_bounds,
    sentences,
)

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
