"""``text_vs_table``: what the narrative says against what the tables say.

A rule gives regular expressions that find a statement in the paragraphs
and an expression over cell keys (``t4.suit_direct.total + t4.suit_after_review.total``).
With a named group ``n`` the number in the text must equal the expression;
without it, the statement claims "none" and the expression must be 0.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gialint.checks.arithmetic import _fmt
from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.chinese import SENTENCE_END
from gialint.model import Report, Span
from gialint.tables.template import all_cell_keys

_SENTENCE_END = re.compile(f"[{SENTENCE_END}\n]")


@register
class TextVsTable(Check):
    kind = "text_vs_table"
    params = {
        "patterns": Param("list[regex]", required=True,
                          doc="statements to find; a group named n holds the number"),
        "expr": Param("str", required=True,
                      doc="cell keys joined by +; alternatives separated by | (any may match)"),
        "unless": Param("list[regex]", default=[],
                        doc="skip a statement whose sentence matches one of these"),
        "require": Param("list[regex]", default=[],
                         doc="check a statement only when its sentence matches all of these"),
    }
    message_args = ("match", "number", "cells", "value")

    def setup(self) -> None:
        self.alternatives = [[k.strip() for k in alt.split("+")] for alt in self.values["expr"].split("|")]
        known = all_cell_keys()
        for key in (k for alt in self.alternatives for k in alt):
            if key not in known:
                raise ParamError(("expr",), f"unknown cell key {key!r}")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None or not data.cells:
            return
        sums = []
        for keys in self.alternatives:
            values = [data.value(k) for k in keys]
            if any(v is None for v in values):
                return  # not read with certainty: no claim
            sums.append(sum(values, Decimal(0)))
        value = sums[0]
        tpl = data.template(self.alternatives[0][0])
        cells = " + ".join(tpl.label(k) for k in self.alternatives[0])
        norm = report.norm
        text = norm.text
        for tok in report.regions("paragraphs"):
            for pattern in self.values["patterns"]:
                for m in pattern.finditer(text, tok.start, tok.end):
                    sentence = _sentence(text, m.start(), m.end(), tok.start, tok.end)
                    if any(u.search(sentence) for u in self.values["unless"]):
                        continue
                    if not all(r.search(sentence) for r in self.values["require"]):
                        continue
                    if "n" in pattern.groupindex and m.group("n") is not None:
                        number = Decimal(m.group("n"))
                        if number in sums:
                            continue
                    else:
                        number = None
                        if value == 0:
                            continue
                    span = Span(*norm.span_to_orig(m.start(), m.end()))
                    yield Hit(span, {"match": m.group(),
                                     "number": _fmt(number) if number is not None else "",
                                     "cells": cells, "value": _fmt(value)})


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> str:
    a = start
    while a > lo and not _SENTENCE_END.match(text[a - 1]):
        a -= 1
    m = _SENTENCE_END.search(text, end, hi)
    return text[a:(m.end() if m else hi)]
